"""Records what connectors say about themselves: `info` and `app_info` of
the mock connector, a multi-credential connector, the two OAuth demos and a
connector that declares its catalogue (catalog.py)."""

import json
import shutil
import tempfile

import harness

TWINS = {
    "mock-connector": "../page_tokens/mock_connector.py",
    "multi-credentials": "../credentials/twin.py",
    "oauth-code-demo": "../oauth/twin.py",
    "oauth-client-credentials-demo": "oauth_client.py",
    "catalog-demo": "catalog.py",
}

DEMO_SETTINGS = {"base_url": "https://demo.example/"}

# kinds.py is one twin per value of TWIN_KIND.
KINDS = ["oauth1", "jwt", "service_account", "key_pair", "oauth_credentials"]


def info(twin, script, env=None):
    with tempfile.TemporaryDirectory() as cwd:
        copy = shutil.copy(script, cwd)
        code, stdout, _ = harness.run([copy, "info"], cwd=cwd, env=env)
    case = {"name": f"{twin}: info", "twin": twin, "capability": "info", "request": None, "exit": code, "stdout": stdout}
    if env:
        case["env"] = env
    return case


def main():
    cases = []
    for twin, script in TWINS.items():
        cases.append(info(twin, script))
        cases.append(harness.call(f"{twin}: app_info", script, twin, "app_info", {"request": {}}))
        if twin.startswith("oauth-"):
            request = {"request": {}, "settings": DEMO_SETTINGS}
            cases.append(harness.call(f"{twin}: app_info with settings", script, twin, "app_info", request))
    for kind in KINDS:
        env = {"TWIN_KIND": kind}
        twin = f"kind-{kind}"
        cases.append(info(twin, "kinds.py", env))
        case = harness.call(f"{twin}: app_info", "kinds.py", twin, "app_info", {"request": {}}, env=env)
        case["env"] = env
        cases.append(case)
    harness.write_fixture("fixtures.json", cases)
    for case in cases:
        json.loads(case["stdout"])


if __name__ == "__main__":
    main()
