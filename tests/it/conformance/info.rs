//! What a connector says about itself: `info`, and the OpenAPI document of
//! `app_info` (which `/openapi.json` also serves), of the mock connector, a
//! multi-credential connector, both OAuth demos, a connector declaring its
//! whole catalogue and one connector per remaining way of authenticating,
//! each equal to its Python twin's.

use serde_json::Value;

use super::{Recorded, assert_conforms, differences};
use crate::{
    CONFORMANCE_CATALOG, CONFORMANCE_CREDENTIALS, CONFORMANCE_KINDS, MOCK_CONNECTOR,
    OAUTH_CLIENT_CREDENTIALS_DEMO, OAUTH_CODE_DEMO,
};

fn twin(name: &str) -> &'static str {
    match name {
        "mock-connector" => MOCK_CONNECTOR,
        "multi-credentials" => CONFORMANCE_CREDENTIALS,
        "oauth-code-demo" => OAUTH_CODE_DEMO,
        "oauth-client-credentials-demo" => OAUTH_CLIENT_CREDENTIALS_DEMO,
        "catalog-demo" => CONFORMANCE_CATALOG,
        kind if kind.starts_with("kind-") => CONFORMANCE_KINDS,
        other => panic!("no twin {other}"),
    }
}

#[test]
fn info_and_app_info_equal_the_references() {
    // `info` of a connector with a list capability: the reference gives
    // the list's output as an empty model (`Empty`); ours is the list's
    // schema, the one its own `app_info` gives. Everything else is equal.
    let deliberate = ["mock-connector: info", "catalog-demo: info"];
    assert_conforms("info", twin, &deliberate, |case: &Recorded, ours: &Value| {
        let mut reference: Value = serde_json::from_str(&case.stdout).unwrap();
        let mut ours = ours.clone();
        let empty = serde_json::json!({"properties": {}, "title": "Empty", "type": "object"});
        let outputs = reference["response"]["capability_schema"]
            .as_object_mut()
            .unwrap();
        let mut lists = 0;
        for (name, schema) in outputs.iter_mut() {
            if schema["output"] != empty {
                continue;
            }
            let ours = &mut ours["response"]["capability_schema"][name]["output"];
            assert_eq!(ours["type"], "array", "{name}: {ours}");
            let item = ours["items"]["$ref"]
                .as_str()
                .unwrap()
                .trim_start_matches("#/$defs/");
            assert_eq!(ours["title"], format!("Array of {item}"), "{name}");
            assert!(ours["$defs"].get(item).is_some(), "{name}: {ours}");
            *ours = Value::Null;
            schema["output"] = Value::Null;
            lists += 1;
        }
        assert!(lists > 0, "{}: no list capability", case.name);
        let mut found = Vec::new();
        differences(&reference, &ours, "", &mut found);
        assert!(found.is_empty(), "{}:\n{}", case.name, found.join("\n"));
    });
}
