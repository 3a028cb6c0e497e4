"""Records connector-py's proxy mode (connector/httpx_rewrite.py): the
http_errors twin (../http_errors/twin.py) run with `--use-proxy` through
proxied.py, against a fake proxy on 127.0.0.1 that answers each case as
the case says. Kept per case: the envelope printed, and what the proxy was
sent (method, path, the headers proxy mode sets or keeps, body).

tests/it/conformance/proxy.rs replays the cases against the Rust twin
(bins/conformance_http_errors.rs) with LUMOS_PROXY_URL and LUMOS_PROXY_TOKEN.
"""

import json
import tempfile

import harness

TWIN = "../http_errors/twin.py"
TOKEN = "proxy-token-7c1e"
APP_TOKEN = "app-token-51d0"
APP = "https://api.example.invalid/v1"
JSON = {"content-type": "application/json"}
SIP = "x-lumos-sip-status-code"
TARGET = "x-lumos-target-hostname-status-code"
# The request headers proxy mode sets, or must keep.
KEPT = ["host", "x-forward-to", "x-lumos-proxy-auth", "authorization"]

TENANT = b'{"tenant": "acme"}'
USERS = b'{"users": [{"id": "u1", "email": "ada@example.com"}]}'

# (name, capability, proxy answer: status, headers, body)
CASES = [
    ("ok", "validate_credentials", (200, dict(JSON, **{SIP: "200", TARGET: "200"}), TENANT)),
    ("ok without proxy headers", "validate_credentials", (200, JSON, TENANT)),
    ("list ok", "list_accounts", (200, dict(JSON, **{SIP: "200", TARGET: "200"}), USERS)),
    ("target 204", "validate_credentials", (200, dict(JSON, **{SIP: "200", TARGET: "204"}), TENANT)),
    ("proxy 502", "validate_credentials", (502, {SIP: "502", "content-type": "text/plain"}, b"bad gateway")),
    ("proxy header 403 on a 200", "validate_credentials", (200, dict(JSON, **{SIP: "403"}), b'{"message": "forbidden"}')),
    ("status 500 without headers", "validate_credentials", (500, JSON, b'{"error": "boom"}')),
    ("status 201 without headers", "validate_credentials", (201, JSON, TENANT)),
    ("target 404", "validate_credentials", (200, dict(JSON, **{SIP: "200", TARGET: "404"}), b'{"error": "not found"}')),
    ("target 401 on a listing", "list_accounts", (401, dict(JSON, **{SIP: "200", TARGET: "401"}), b"")),
    ("sip 200 on a 404", "validate_credentials", (404, dict(JSON, **{SIP: "200"}), b'{"error": "no such route"}')),
]


def path_of(name):
    return "/" + name.replace(" ", "-") + "/forward"


def main():
    routes = {path_of(name): answer for name, _, answer in CASES}
    logs = tempfile.mkdtemp(prefix="proxy-logs-")
    out = []
    with harness.Upstream(routes) as proxy:
        for name, capability, (status, headers, body) in CASES:
            request = {"auth": {"token": {"token": APP_TOKEN}}, "settings": {"base_url": APP}, "request": {}}
            before = len(proxy.seen)
            code, stdout, stderr = harness.run(
                ["proxied.py", TWIN, capability, "--use-proxy", "--json", json.dumps(request)],
                env={
                    "LUMOS_PROXY_URL": f"{proxy.url}{path_of(name)}?via=sip",
                    "LUMOS_PROXY_TOKEN": TOKEN,
                    "LUMOS_LOG_DIRECTORY": logs,
                },
            )
            if not stdout:
                raise SystemExit(f"{name}: no output (exit {code}):\n{stderr}")
            seen = []
            for method, path, sent_headers, sent_body in proxy.seen[before:]:
                lower = {k.lower(): v for k, v in sent_headers.items()}
                seen.append(
                    {
                        "method": method,
                        "path": path,
                        "headers": {k: harness.normalise(lower[k]) for k in KEPT if k in lower},
                        "body": sent_body.decode("utf-8"),
                    }
                )
            out.append(
                {
                    "name": name,
                    "capability": capability,
                    "request": request,
                    "proxy_path": path_of(name),
                    "token": TOKEN,
                    "answer": {"status": status, "headers": headers, "body": body.decode("utf-8")},
                    "exit": code,
                    "stdout": harness.normalise(stdout),
                    "proxy_saw": seen,
                }
            )
    harness.write_fixture("fixtures.json", out)


if __name__ == "__main__":
    main()
