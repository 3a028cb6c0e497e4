#!/usr/bin/env bash
# Start-up time and peak memory of one CLI call of the mock connector
# (`info` and `validate_credentials`), on a release build.
#
#   bench/startup.sh [RUNS]        default 50 runs per command
#
# Prints mean / min / max wall time and peak RSS per command. Needs GNU time
# (`apt-get install time` where /usr/bin/time is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-50}"
cargo build -q --release -p mock-connector
bin="${CARGO_TARGET_DIR:-target}/release/mock-connector"
body='{"auth":{"basic":{"username":"foo","password":"bar"}},"request":{},"settings":{"host":"google.com"}}'
python3 - "$bin" "$runs" "$body" <<'PY'
import os, subprocess, sys, time

binary, runs, body = sys.argv[1], int(sys.argv[2]), sys.argv[3]
commands = {
    "info": [binary, "info"],
    "validate_credentials": [binary, "validate_credentials", "--json", body],
}
print(f"{'command':<22} {'runs':>5} {'mean ms':>9} {'min ms':>8} {'max ms':>8} {'peak RSS':>10}")
for name, argv in commands.items():
    subprocess.run(argv, check=True, capture_output=True)  # warm the page cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    # Peak RSS through GNU time: a child forked from Python would report
    # Python's own pages, measured before the exec.
    timed = subprocess.run(["/usr/bin/time", "-f", "%M", *argv], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak_kb = int(timed.stderr.strip().splitlines()[-1])
    mean = sum(times) / len(times)
    print(f"{name:<22} {runs:>5} {mean:>9.2f} {min(times):>8.2f} {max(times):>8.2f} {peak_kb/1024:>8.1f} MB")
PY
