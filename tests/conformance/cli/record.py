"""Records the usage of the reference connector's `dev` commands: the
subcommands, options and arguments each accepts."""

import os
import re
import shutil
import tempfile

import harness

TWIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "page_tokens", "mock_connector.py")
COMMANDS = [["dev"], ["hacking"], ["dev", "http-server"], ["hacking", "http-server"], ["dev", "build-executable"]]


def main():
    cases = []
    with tempfile.TemporaryDirectory() as cwd:
        script = shutil.copy(TWIN, cwd)
        for argv in COMMANDS:
            code, stdout, _ = harness.run([script, *argv, "--help"], cwd=cwd)
            # argparse's usage of a subcommand ends the "All capabilities" list:
            # `validate_credentials dev http-server\n [-h] [--port PORT] ...`
            usage = re.search(r"\n\s+validate_credentials (.*?)\n\n", stdout, re.S).group(1)
            cases.append({"argv": argv, "exit": code, "usage": " ".join(usage.split())})
    harness.write_fixture("fixtures.json", cases)


if __name__ == "__main__":
    main()
