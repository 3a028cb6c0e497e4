#!/usr/bin/env bash
# Load benchmark of the HTTP server: builds the mock connector in release mode,
# starts `mock-connector dev http-server`, and measures requests/s and the
# p50/p99 latency of `POST /validate_credentials` over loopback with wrk.
#
# Settings (environment): PORT (18080), DURATION (10s), THREADS (1, wrk's),
# CONNECTIONS ("1 10 50"). Needs wrk (`apt-get install -y wrk`) and curl.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT=${PORT:-18080}
DURATION=${DURATION:-10s}
THREADS=${THREADS:-1}
CONNECTIONS=${CONNECTIONS:-"1 10 50"}

for tool in wrk curl cargo; do
    command -v "$tool" >/dev/null || { echo "bench/http.sh needs $tool" >&2; exit 1; }
done

cargo build --quiet --release -p mock-connector
BIN="${CARGO_TARGET_DIR:-target}/release/mock-connector"

BODY='{"auth":{"basic":{"username":"foo","password":"bar"}},"request":{},"settings":{"host":"example.com"}}'
SCRIPT=$(mktemp --suffix=.lua)
OUT=$(mktemp)
cat >"$SCRIPT" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
LUA

# The access log goes where a service's stderr would; here nowhere.
"$BIN" dev http-server --port "$PORT" 2>/dev/null &
SERVER=$!
cleanup() {
    kill -TERM "$SERVER" 2>/dev/null || true
    wait "$SERVER" 2>/dev/null || true
    rm -f "$SCRIPT" "$OUT"
}
trap cleanup EXIT

URL="http://127.0.0.1:$PORT"
for _ in $(seq 100); do
    curl -fs "$URL/healthz" >/dev/null && break
    sleep 0.05
done
ANSWER=$(curl -fs -X POST --data "$BODY" "$URL/validate_credentials")
case "$ANSWER" in
    '{"response":{"valid":true'*) ;;
    *) echo "unexpected answer: $ANSWER" >&2; exit 1 ;;
esac

echo "POST /validate_credentials, ${DURATION} per run, wrk with ${THREADS} thread(s); $(nproc) cores"
printf '%-12s %12s %10s %10s %8s\n' connections requests/s p50 p99 errors
for c in $CONNECTIONS; do
    wrk -t"$THREADS" -c"$c" -d"$DURATION" --latency -s "$SCRIPT" "$URL/validate_credentials" >"$OUT"
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$OUT")
    p50=$(awk '$1 == "50%" {print $2}' "$OUT")
    p99=$(awk '$1 == "99%" {print $2}' "$OUT")
    errors=$(awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$OUT")
    printf '%-12s %12s %10s %10s %8s\n' "$c" "$rps" "$p50" "$p99" "$errors"
done
echo "server RSS after the runs: $(awk '/VmRSS/ {print $2, $3}' "/proc/$SERVER/status")"
