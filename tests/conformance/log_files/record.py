"""Records the log files the reference writes: their names and directories,
and their lines with the clock written `{time}` / `{datetime}` and the date
`{date}`."""

import datetime
import json
import os
import re
import shutil
import sys
import tempfile

import harness

TWIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "page_tokens", "mock_connector.py")
BASIC = {"basic": {"username": "u", "password": "pa55-w0rd"}}
ENVELOPE = {"auth": BASIC, "request": {}, "settings": {"host": "h"}}
EMPTY_USER = dict(ENVELOPE, auth={"basic": {"username": "", "password": "pa55-w0rd"}})

CASES = [
    ("an error, by default", {}, "validate_credentials", EMPTY_USER),
    ("INFO into LUMOS_LOG_DIRECTORY", {"LUMOS_LOG_LEVEL": "INFO", "LUMOS_LOG_DIRECTORY": "{cwd}/custom"},
     "validate_credentials", ENVELOPE),
    ("to stderr", {"LUMOS_LOG_TO_STDOUT": "true", "LUMOS_LOG_LEVEL": "INFO"}, "validate_credentials", EMPTY_USER),
]


def normalise(text, cwd):
    today = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    text = text.replace(cwd, "{cwd}").replace(sys.prefix, "{venv}").replace(today, "{date}")
    text = re.sub(r" at 0x[0-9a-f]+>", " at {address}>", text)
    text = re.sub(r"\{date\} \d\d:\d\d:\d\d\.\d{6}\+00:00", "{datetime}", text)
    return re.sub(r"^\d\d:\d\d:\d\d,\d+ ", "{time} ", text, flags=re.M)


def main():
    cases = []
    for name, env, capability, request in CASES:
        with tempfile.TemporaryDirectory() as cwd:
            cwd = os.path.realpath(cwd)
            script = shutil.copy(TWIN, cwd)
            env = {k: v.replace("{cwd}", cwd) for k, v in env.items()}
            code, stdout, stderr = harness.run([script, capability, "--json", json.dumps(request)], env=env, cwd=cwd)
            os.remove(script)
            files = {}
            for root, _, names in os.walk(cwd):
                for file in names:
                    path = os.path.join(root, file)
                    with open(path, encoding="utf-8") as f:
                        files[normalise(os.path.relpath(path, cwd), cwd)] = normalise(f.read(), cwd)
            cases.append({
                "name": name,
                "env": {k: v.replace(cwd, "{cwd}") for k, v in env.items()},
                "capability": capability,
                "request": request,
                "exit": code,
                "files": files,
                "stderr": normalise(stderr, cwd),
            })
    harness.write_fixture("fixtures.json", cases)


if __name__ == "__main__":
    main()
