"""Records what connector-py's signing helpers produce, for fixed nonces and
times:

- `oauth1`: the `Authorization` header `use_oauth1_with_request` sets on an
  httpx request (connector/utils/oauth1_utils.py), with `generate_nonce` and
  `get_timestamp` held to the case's values;
- `jwt`: the token `sign_jwt` returns (connector/utils/jwt_utils.py), or the
  error it raises, with the clock held to the case's time.

No twin connector: these are library functions, called in this process.
tests/it/conformance/signing.rs compares `OAuth1Signer::authorization_at`
and `sign_jwt_at` with them.
"""

import datetime as real_datetime

import httpx
from connector.oai.errors import ConnectorError
from connector.utils import jwt_utils, oauth1_utils
from connector_sdk_types.generated import JWTClaims, JWTCredential, JWTHeaders, OAuth1Credential

import harness

CREDENTIAL = {
    "consumer_key": "ck-4f1d9a",
    "consumer_secret": "cs-secret-9b2e",
    "token_id": "tk-77aa01",
    "token_secret": "ts-secret-c3d4",
}
ODD_CREDENTIAL = {
    "consumer_key": "key with space&amp",
    "consumer_secret": "s~e&c r/e+t=é",
    "token_id": "tøken:id",
    "token_secret": "",
}
NETSUITE = "https://1234567.suitetalk.api.netsuite.com/services/rest/record/v1"

# (name, credential, realm, method, url, body)
OAUTH1_CASES = [
    ("get, no query", CREDENTIAL, None, "GET", "https://api.example.com/v1/users", ""),
    ("get, query, realm", CREDENTIAL, "1234567", "GET", f"{NETSUITE}/customer?limit=5&offset=0", ""),
    ("post, json body, realm", CREDENTIAL, "1234567_SB1", "POST", f"{NETSUITE}/customer",
     '{"companyName": "Acme", "email": "ada@example.com"}'),
    ("put, quotes and non-ascii body", CREDENTIAL, None, "PUT", "https://api.example.com/v1/users/7",
     '{"name": "Zoë \\"Z\\" O\'Neil", "tab": "a\\tb"}\n'),
    ("put, body with only apostrophes", CREDENTIAL, None, "PUT", "https://api.example.com/v1/notes/1", "it's Ada's"),
    ("patch, empty body", CREDENTIAL, None, "PATCH", "https://api.example.com/v1/users/7", ""),
    ("post, empty body", CREDENTIAL, "", "POST", "https://api.example.com/v1/jobs?run=now", ""),
    ("delete, query", CREDENTIAL, None, "DELETE", "https://api.example.com/v1/users/7?force=true", ""),
    ("query, repeated, blank and encoded values", CREDENTIAL, None, "GET",
     "https://api.example.com/v1/search?b=2&a=&b=3&c=x&c=&d&q=a+b%20c&name=%C3%A9t%C3%A9&sym=%26%3D%2B&Z=1", ""),
    ("query names the oauth parameters", CREDENTIAL, None, "GET",
     "https://api.example.com/v1/x?oauth_nonce=mine&oauth_version=2&other=1", ""),
    ("port, params in the last path segment", CREDENTIAL, "r", "GET",
     "https://api.example.com:8443/v1/a;keep=1/items;type=raw?x=1", ""),
    ("secrets and keys needing encoding", ODD_CREDENTIAL, "Realm With Spaces", "POST",
     "https://api.example.com/v1/users?x=%7Etilde", '{"a":1}'),
]

NONCES = ["AbCdEfGhIjKlMnOp", "0123456789abcdef", "ZZZZZZZZZZZZZZZZ"]
TIMESTAMPS = [1700000000, 1735689600, 1234567890]


def record_oauth1():
    out = []
    for i, (name, credential, realm, method, url, body) in enumerate(OAUTH1_CASES):
        nonce = NONCES[i % len(NONCES)]
        timestamp = TIMESTAMPS[i % len(TIMESTAMPS)]
        oauth1_utils.generate_nonce = lambda length=16, nonce=nonce: nonce
        oauth1_utils.get_timestamp = lambda timestamp=timestamp: str(timestamp)
        request = httpx.Request(method, url, content=body.encode("utf-8"))
        signed = oauth1_utils.use_oauth1_with_request(request, OAuth1Credential(**credential), realm=realm)
        out.append(
            {
                "name": name,
                "credential": credential,
                "realm": realm,
                "method": method,
                "url": url,
                "url_as_sent": str(request.url),
                "body": body,
                "nonce": nonce,
                "timestamp": timestamp,
                "authorization": signed.headers["Authorization"],
            }
        )
    return out


HEADERS = {
    "alg": "HS256",
    "jku": "",
    "jwk": "",
    "typ": "JWT",
    "kid": "key-1",
    "x5u": "",
    "x5c": "",
    "x5t": "",
    "x5t#S256": "",
    "cty": "",
    "crit": [],
}
CLAIMS = {
    "iss": "connector@example.com",
    "sub": "svc-account",
    "aud": "https://api.example.com/oauth2/token",
    "exp": 0,
    "nbf": 1700000000,
    "iat": 0,
    "jti": "jti-0001",
    "act": "",
    "scope": ["users.read", "groups.read"],
    "client_id": "client-1",
    "may_act": "",
}
PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAK\n-----END RSA PRIVATE KEY-----\n"


def jwt_case(name, now, minutes=20, secret="shared-secret-1", headers=None, claims=None):
    return (name, now, minutes, secret, dict(HEADERS, **(headers or {})), dict(CLAIMS, **(claims or {})))


UTC = real_datetime.timezone.utc
NOW = real_datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
FRACTION = real_datetime.datetime(2026, 1, 2, 3, 4, 5, 999999, tzinfo=UTC)

JWT_CASES = [
    jwt_case("hs256", NOW),
    jwt_case("hs384, non-ascii claims and a crit list", NOW, headers={"alg": "HS384", "crit": ["exp", "b64ish"], "x5t#S256": "thumb"},
             claims={"sub": "Zoë 東京 😀", "act": "a\"b\\c\n"}),
    jwt_case("hs512, one hour", NOW, minutes=60, headers={"alg": "HS512", "cty": "JWT", "jku": "https://keys.example/jwks"}),
    jwt_case("typ empty is left out", NOW, headers={"typ": ""}),
    jwt_case("alg empty signs with hs256", NOW, headers={"alg": ""}),
    jwt_case("fraction of a second", FRACTION, minutes=1),
    jwt_case("none, empty secret", NOW, secret="", headers={"alg": "none"}),
    jwt_case("none, with a secret", NOW, headers={"alg": "none"}),
    jwt_case("rs256 needs cryptography", NOW, headers={"alg": "RS256"}),
    jwt_case("eddsa needs cryptography", NOW, headers={"alg": "EdDSA"}),
    jwt_case("lower-case alg", NOW, headers={"alg": "hs256"}),
    jwt_case("unknown alg", NOW, headers={"alg": "XYZ"}),
    jwt_case("pem secret", NOW, secret=PEM),
    jwt_case("ssh key secret", NOW, secret="ssh-rsa AAAAB3NzaC1yc2E user@host"),
]


def record_jwt():
    out = []
    for name, moment, minutes, secret, headers, claims in JWT_CASES:

        class Frozen(real_datetime.datetime):
            @classmethod
            def now(cls, tz=None, moment=moment):
                return moment

        jwt_utils.datetime = Frozen
        credential = JWTCredential(headers=JWTHeaders(**headers), claims=JWTClaims(**claims), secret=secret)
        case = {
            "name": name,
            "credential": {"headers": headers, "claims": claims, "secret": secret},
            "issued_at": moment.timestamp(),
            "expiration_minutes": minutes,
        }
        try:
            case["token"] = jwt_utils.sign_jwt(credential, expiration_minutes=minutes)
        except ConnectorError as e:
            case["error"] = {"error_code": e.error_code.value, "message": e.message}
        out.append(case)
    jwt_utils.datetime = real_datetime.datetime
    return out


def main():
    harness.write_fixture("fixtures.json", {"oauth1": record_oauth1(), "jwt": record_jwt()})


if __name__ == "__main__":
    main()
