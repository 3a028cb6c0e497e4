"""Records the reference's pages: every page of each listing, each request
carrying the token the previous answer gave, plus the error cases.

The Rust suite replays the same requests, so the tokens it is handed are the
reference's, and its answers (tokens included) must equal the recorded ones.
"""

import json
import shutil
import tempfile

import harness

TWINS = {"mock-connector": "mock_connector.py", "nested-pages": "nested.py"}
BASIC = {"basic": {"username": "u", "password": "p"}}
TOKEN = {"token": {"token": "t"}}


def call(twin, capability, request):
    with tempfile.TemporaryDirectory() as cwd:
        script = shutil.copy(TWINS[twin], cwd)
        code, stdout, _ = harness.run([script, capability, "--json", json.dumps(request)], cwd=cwd)
    return {"twin": twin, "capability": capability, "request": request, "exit": code, "stdout": stdout}


def walk(name, twin, request):
    """Every page of a listing, feeding back each token."""
    cases = []
    token = None
    while True:
        page = dict(request.get("page") or {})
        if token is not None:
            page["token"] = token
        step = dict(request, page=page or None)
        case = call(twin, "list_accounts", step)
        case["name"] = f"{name} page {len(cases) + 1}"
        cases.append(case)
        answer = json.loads(case["stdout"])
        token = (answer.get("page") or {}).get("token")
        if token is None or len(cases) > 50:
            return cases


def main():
    mock = {"auth": BASIC, "request": {}, "settings": {"host": "h"}}
    nested = {"auth": TOKEN, "request": {}}
    cases = []
    cases += walk("mock, default size", "mock-connector", mock)
    cases += walk("mock, size 7 with raw data", "mock-connector", dict(mock, page={"size": 7}, include_raw_data=True))
    cases += walk("nested, default size", "nested-pages", nested)
    cases += walk("nested, size 3", "nested-pages", dict(nested, page={"size": 3}))
    for name, twin, capability, request in [
        ("mock, valid credentials", "mock-connector", "validate_credentials", mock),
        ("mock, empty user name", "mock-connector", "validate_credentials",
         dict(mock, auth={"basic": {"username": "", "password": "p"}})),
        ("mock, a token that is not hex", "mock-connector", "list_accounts", dict(mock, page={"token": "zz"})),
    ]:
        case = call(twin, capability, request)
        case["name"] = name
        cases.append(case)
    harness.write_fixture("fixtures.json", cases)


if __name__ == "__main__":
    main()
