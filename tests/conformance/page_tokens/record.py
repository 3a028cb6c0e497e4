"""Records the reference's pages: every page of each listing, each request
carrying the token the previous answer gave, plus the error cases.

The Rust suite replays the same requests, so the tokens it is handed are the
reference's, and its answers (tokens included) must equal the recorded ones.
"""

import json

import harness

TWINS = {"mock-connector": "mock_connector.py", "nested-pages": "nested.py"}
BASIC = {"basic": {"username": "u", "password": "p"}}
TOKEN = {"token": {"token": "t"}}


def call(name, twin, capability, request):
    return harness.call(name, TWINS[twin], twin, capability, request)


def walk(name, twin, request):
    """Every page of a listing, feeding back each token."""
    cases = []
    token = None
    while True:
        page = dict(request.get("page") or {})
        if token is not None:
            page["token"] = token
        step = dict(request, page=page or None)
        case = call(f"{name} page {len(cases) + 1}", twin, "list_accounts", step)
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
        cases.append(call(name, twin, capability, request))
    harness.write_fixture("fixtures.json", cases)


if __name__ == "__main__":
    main()
