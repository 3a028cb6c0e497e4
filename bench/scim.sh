#!/usr/bin/env bash
# Pages through 10,000 SCIM users with the scim-connector CLI, one process
# per page as the platform calls it, against the in-memory SCIM test server
# on 127.0.0.1 (release builds).
#
#   bench/scim.sh [USERS] [PAGE_SIZE]     defaults 10000 and 100
#
# Prints the total wall time, the time per page (mean, p50, p95, max) and the
# server's share: the time the server spent answering, from its /_stats.
set -euo pipefail
cd "$(dirname "$0")/.."
users="${1:-10000}"
size="${2:-100}"
cargo build -q --release -p scim-connector -p scim-test-server
dir="${CARGO_TARGET_DIR:-target}/release"
python3 - "$dir/scim-connector" "$dir/scim-test-server" "$users" "$size" <<'PY'
import json, subprocess, sys, time, urllib.request

connector, server_bin, users, size = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
server = subprocess.Popen([server_bin, "--users", str(users), "--token", "bench-token"],
                          stdout=subprocess.PIPE, text=True)
try:
    base = server.stdout.readline().strip()
    root = base.rsplit("/scim/v2", 1)[0]
    stats = lambda: json.load(urllib.request.urlopen(root + "/_stats"))

    def envelope(token):
        page = {"size": size}
        if token:
            page["token"] = token
        return json.dumps({"auth": {"token": {"token": "bench-token"}}, "settings": {"base_url": base},
                           "request": {}, "page": page})

    # One warm-up page (page cache, first connection).
    subprocess.run([connector, "list_accounts", "--json", envelope(None)], check=True, capture_output=True)
    before = stats()
    token, pages, seen, times = None, 0, 0, []
    started = time.perf_counter()
    while True:
        t0 = time.perf_counter()
        out = subprocess.run([connector, "list_accounts", "--json", envelope(token)],
                             check=True, capture_output=True).stdout
        times.append((time.perf_counter() - t0) * 1000)
        answer = json.loads(out)
        if answer.get("is_error"):
            sys.exit(f"error envelope: {answer['error']}")
        pages += 1
        seen += len(answer["response"])
        token = (answer.get("page") or {}).get("token")
        if not token:
            break
    total = time.perf_counter() - started
    after = stats()
    busy_ms = (after["busy_nanos"] - before["busy_nanos"]) / 1e6
    requests = after["requests"] - before["requests"]
    times.sort()
    pct = lambda p: times[min(len(times) - 1, int(round(p / 100 * (len(times) - 1))))]
    print(f"users listed      {seen} in {pages} pages of {size} ({requests} SCIM requests)")
    print(f"total             {total:.3f} s")
    print(f"per page          mean {sum(times)/len(times):.2f} ms, p50 {pct(50):.2f} ms, "
          f"p95 {pct(95):.2f} ms, max {times[-1]:.2f} ms")
    print(f"server share      {busy_ms:.1f} ms ({100 * busy_ms / (total * 1000):.1f} % of the total)")
    if seen != users:
        sys.exit(f"expected {users} users, listed {seen}")
finally:
    server.terminate()
    server.wait()
PY
