#!/usr/bin/env bash
# Fuzzes the runtime with hostile request bodies: fuzz/run.sh [COUNT] [SEED].
set -euo pipefail
cd "$(dirname "$0")"
cargo run -q --release -- "$@"
