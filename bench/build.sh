#!/usr/bin/env bash
# Build figures: clean debug and release builds of a freshly scaffolded
# connector and its binary size, the mock connector's release binary size, and (with --ci) the
# wall time of .ci/run from a fresh clone.
#
#   bench/build.sh          scaffold builds and binary size
#   bench/build.sh --ci     the same, then .ci/run from a fresh clone
#
# Every build starts from an empty target directory (dependencies already
# downloaded into ~/.cargo, as on any machine that built once). Say whether
# the machine was idle when you quote a figure: other builds slow these down.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

seconds() { # seconds COMMAND...: runs it quietly, prints its wall time
    local start end
    start=$(date +%s.%N)
    "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log"; return 1; }
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.0f} s')"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

cargo build -q -p connector-sdk --bin connector
"${CARGO_TARGET_DIR:-target}/debug/connector" scaffold bench-widgets "$work/bench-widgets" \
    --sdk-path "$root" --author-name '' </dev/null >/dev/null
lines=$(cat "$work"/bench-widgets/src/*.rs | wc -l)
echo "scaffolded connector: $lines lines of Rust"

export CARGO_TARGET_DIR="$work/target"
manifest="$work/bench-widgets/Cargo.toml"
echo "clean debug build:    $(seconds cargo build --offline --manifest-path "$manifest")"
rm -rf "$CARGO_TARGET_DIR"
echo "clean release build:  $(seconds cargo build --offline --release --manifest-path "$manifest")"
size=$(stat -c %s "$CARGO_TARGET_DIR/release/bench-widgets")
python3 -c "print(f'its release binary:   {$size / 1e6:.1f} MB ({$size} bytes; server, client and OAuth)')"
rm -rf "$CARGO_TARGET_DIR"

cargo build -q --release -p mock-connector --manifest-path "$root/Cargo.toml"
size=$(stat -c %s "$CARGO_TARGET_DIR/release/mock-connector")
python3 -c "print(f'mock-connector release binary: {$size / 1e6:.1f} MB ({$size} bytes; server only)')"
rm -rf "$CARGO_TARGET_DIR"
unset CARGO_TARGET_DIR

if [ "${1:-}" = "--ci" ]; then
    git clone -q "$root" "$work/clone"
    echo ".ci/run from a fresh clone: $(cd "$work/clone" && seconds env CI=true bash .ci/run)"
fi
