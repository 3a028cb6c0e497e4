"""Records the OAuth capabilities against a token endpoint on 127.0.0.1 that
answers as each case says; the request the endpoint received is recorded too."""

import json
import urllib.parse

import harness

TWIN = "oauth-code-demo"
JSON = {"content-type": "application/json"}


def token(status, body, content_type=JSON):
    return {"/oauth/token": (status, content_type, json.dumps(body).encode() if not isinstance(body, bytes) else body)}


CALLBACK = {
    "client_id": "cid",
    "client_secret": "csec",
    "redirect_uri_with_code": "https://lumos.example/cb?code=abc123&state=s",
}
REFRESH = {"client_id": "cid", "client_secret": "csec", "refresh_token": "RT-1"}
GRANT = {"access_token": "AT-123", "refresh_token": "RT-456", "token_type": "Bearer", "expires_in": 3600}

CASES = [
    ("callback with state and verifier", "handle_authorization_callback",
     dict(CALLBACK, state="s", code_verifier="ver"), token(200, GRANT), False),
    ("callback without a verifier", "handle_authorization_callback", CALLBACK, token(200, GRANT), False),
    ("callback, token type absent, raw data", "handle_authorization_callback",
     dict(CALLBACK, state="s"), token(200, {"access_token": "AT-1", "scope": "x"}), True),
    ("callback, token endpoint gives state", "handle_authorization_callback",
     dict(CALLBACK, state="s"), token(200, dict(GRANT, state="from-server")), False),
    ("refresh", "refresh_access_token", REFRESH, token(200, GRANT), False),
    ("refresh, raw data", "refresh_access_token", REFRESH, token(200, dict(GRANT, token_type="bearer")), True),
]


def main():
    cases = []
    for name, capability, request, routes, raw in CASES:
        with harness.Upstream({path: (status, headers, body) for path, (status, headers, body) in routes.items()}) as up:
            envelope = {"request": request, "settings": {"base_url": up.url}}
            if raw:
                envelope["include_raw_data"] = True
            case = harness.call(name, "twin.py", TWIN, capability, envelope)
            case["request"] = json.loads(harness.normalise(json.dumps(envelope), up.port))
            case["upstream"] = {path: {"status": s, "headers": h, "body": b.decode()} for path, (s, h, b) in routes.items()}
            case["upstream_saw"] = [
                {"method": m, "path": p, "form": dict(urllib.parse.parse_qsl(body.decode()))}
                for m, p, _, body in up.seen
            ]
            cases.append(case)
    harness.write_fixture("fixtures.json", cases)


if __name__ == "__main__":
    main()
