#!/usr/bin/env bash
# Records what connector-py 4.191.0 answers, as the fixtures `cargo test`
# compares the framework with. Needs python3 and the network (PyPI); the
# tests themselves need neither.
#
#   tests/conformance/record.sh            # every suite
#   tests/conformance/record.sh page_tokens # one suite
#
# The reference is installed into a throwaway virtual environment
# ($REF_VENV, default .ref at the repository root) pinned by constraints.txt,
# so that a later recording runs the same Python packages.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${REF_VENV:-$root/.ref}"

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import connector' 2>/dev/null; then
    "$venv/bin/pip" install --quiet -c "$here/constraints.txt" "connector-py[fastapi]==4.191.0"
fi

suites=("$@")
if [ ${#suites[@]} -eq 0 ]; then
    for dir in "$here"/*/; do
        [ -f "$dir/record.py" ] && suites+=("$(basename "$dir")")
    done
fi
for suite in "${suites[@]}"; do
    echo "recording $suite" >&2
    (cd "$here/$suite" && PYTHONPATH="$here" "$venv/bin/python" record.py)
done
