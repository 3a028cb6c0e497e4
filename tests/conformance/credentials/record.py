"""Records validate_credential_config and credentials-list authentication
of a connector with a credentials list."""

import harness

TWIN = "multi-credentials"


def credential(id_, **kind):
    return {"request": {"credential": dict({"id": id_} if id_ else {}, **kind)}}


CASES = [
    ("token, valid", "validate_credential_config", credential("api", token={"token": "t"})),
    ("token, empty", "validate_credential_config", credential("api", token={"token": ""})),
    ("token, whitespace", "validate_credential_config", credential("api", token={"token": " t "})),
    ("login, password empty", "validate_credential_config",
     credential("admin", basic={"username": "u", "password": ""})),
    ("login, both empty", "validate_credential_config",
     credential("admin", basic={"username": "", "password": ""})),
    ("login, empty and whitespace", "validate_credential_config",
     credential("admin", basic={"username": " u", "password": ""})),
    ("login, own check refuses", "validate_credential_config",
     credential("admin", basic={"username": "locked", "password": "p"})),
    ("login, own check refuses without a reason", "validate_credential_config",
     credential("admin", basic={"username": "nobody", "password": "p"})),
    ("login, own check accepts", "validate_credential_config",
     credential("admin", basic={"username": "root", "password": "p"})),
    ("login, whitespace skips the own check", "validate_credential_config",
     credential("admin", basic={"username": "locked ", "password": "p"})),
    ("unknown id", "validate_credential_config", credential("nope", token={"token": "t"})),
    ("no id", "validate_credential_config", credential(None, token={"token": "t"})),
    ("kind absent", "validate_credential_config", credential("api", basic={"username": "u", "password": "p"})),
    ("credentials, token only", "validate_credentials",
     {"credentials": [{"id": "api", "token": {"token": "t"}}], "request": {}}),
    ("credentials, token and login", "validate_credentials",
     {"credentials": [{"id": "api", "token": {"token": "t"}}, {"id": "admin", "basic": {"username": "u", "password": "p"}}],
      "request": {}}),
    ("credentials, empty list", "validate_credentials", {"credentials": [], "request": {}}),
    ("credentials, unknown id", "validate_credentials",
     {"credentials": [{"id": "nope", "token": {"token": "t"}}], "request": {}}),
    ("credentials, without id", "validate_credentials", {"credentials": [{"token": {"token": "t"}}], "request": {}}),
    ("credentials and auth", "validate_credentials",
     {"credentials": [{"id": "api", "token": {"token": "t"}}], "auth": {"token": {"token": "t"}}, "request": {}}),
    ("neither credentials nor auth", "validate_credentials", {"request": {}}),
]


def main():
    cases = [harness.call(name, "twin.py", TWIN, capability, request) for name, capability, request in CASES]
    harness.write_fixture("fixtures.json", cases)


if __name__ == "__main__":
    main()
