//! `connector scaffold --from-info`: a connector-py connector's `info`
//! (recorded by tests/conformance/info/record.py) becomes a crate that
//! builds clean, passes its tests and answers the same `info`; a document
//! that cannot be ported is refused with the path of what stops it.

use std::path::Path;

use serde_json::{Value, json};

use super::framework_root;
use super::scaffold::{cargo, clippy_and_test};

/// The `info` the reference printed for one of the conformance twins.
fn recorded_info(twin: &str) -> Value {
    let path = framework_root().join("tests/conformance/info/fixtures.json");
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let case = cases
        .iter()
        .find(|c| c["name"] == format!("{twin}: info"))
        .unwrap_or_else(|| panic!("no recorded info of {twin}"));
    serde_json::from_str(case["stdout"].as_str().unwrap()).unwrap()
}

fn port(name: &str, document: &Value, dir: &Path) -> std::process::Output {
    let file = dir.with_extension("json");
    std::fs::write(&file, document.to_string()).unwrap();
    super::sdk()
        .args(["scaffold", name])
        .arg(dir)
        .arg("--from-info")
        .arg(&file)
        .arg("--sdk-path")
        .arg(framework_root())
        .args(["--author-name", "", "--author-email", ""])
        .output()
        .unwrap()
}

/// The catalogue twin (settings with every annotation, an extended
/// create_account, custom capabilities, every list of types) with a
/// capability added whose payload has names that are no Rust names, a
/// recursive model, keys the framework does not write, and a key the
/// document should not have.
fn hostile_catalog() -> Value {
    let mut document = recorded_info("catalog-demo");
    let info = &mut document["response"];
    info["x-from-the-future"] = json!({"a": 1});
    let capabilities = info["capabilities"].as_array_mut().unwrap();
    capabilities.push(json!("odd_names"));
    capabilities.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    info["capability_schema"]["odd_names"] = json!({
        "argument": {
            "title": "Ödd Names",
            "description": "Fields whose names are not Rust names.\n\nÜnïcödé, two paragraphs.",
            "type": "object",
            "properties": {
                "type": {"type": "string", "title": "Type"},
                "self": {"type": "integer", "title": "Self"},
                "first-name": {"type": "string", "title": "First-Name"},
                "tree": {"$ref": "#/$defs/Node"},
                "extra_key": {"type": "string", "title": "Extra Key", "examples": ["a"], "x-custom": 1},
                "when": {"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}], "default": null, "title": "When"},
            },
            "required": ["type", "self", "first-name", "tree", "extra_key"],
            "$defs": {"Node": {
                "title": "Node",
                "type": "object",
                "properties": {
                    "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}, "title": "Children"},
                    "next": {"anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}], "default": null},
                },
                "required": ["children"],
            }},
        },
        "output": {"properties": {}, "title": "Empty", "type": "object"},
        "display_name": "Odd Names",
        "description": null,
    });
    document
}

#[test]
fn a_ported_crate_builds_clean_passes_its_tests_and_answers_the_same_info() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("catalog-demo");
    let output = port("catalog-demo", &hostile_catalog(), &dir);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("left out: x-from-the-future"), "{stderr}");
    let main = std::fs::read_to_string(dir.join("src/main.rs")).unwrap();
    assert!(main.contains("settings = settings::CatalogSettings"), "{main}");
    let settings = std::fs::read_to_string(dir.join("src/settings.rs")).unwrap();
    assert!(
        settings.contains("#[field(secret, multiline, group = \"Advanced\")]"),
        "{settings}"
    );

    std::fs::copy(framework_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    cargo(&dir, &["fmt", "--check"]);
    // Clippy-clean with every warning denied, and the crate's own tests:
    // one case per capability, and its info against the document.
    let tests = clippy_and_test(&dir);
    let report = String::from_utf8_lossy(&tests.stdout);
    for test in [
        "info_is_the_ported_document",
        "every_case_passes",
        "every_registered_capability_has_a_case",
    ] {
        assert!(report.contains(&format!("test {test} ... ok")), "{report}");
    }
}

#[test]
fn every_twin_of_the_info_suite_ports() {
    for (twin, name) in [
        ("mock-connector", "mock-connector"),
        ("multi-credentials", "multi-credentials"),
        ("oauth-code-demo", "oauth-code-demo"),
        ("oauth-client-credentials-demo", "oauth-client-credentials-demo"),
        ("kind-oauth_credentials", "kind-oauth-credentials"),
        ("kind-service_account", "kind-service-account"),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(name);
        let output = port(name, &recorded_info(twin), &dir);
        assert!(
            output.status.success(),
            "{twin}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(dir.join("tests/capabilities/main.rs").is_file(), "{twin}");
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("oauth-code-demo");
    port("oauth-code-demo", &recorded_info("oauth-code-demo"), &dir);
    let main = std::fs::read_to_string(dir.join("src/main.rs")).unwrap();
    assert!(main.contains("oauth = oauth_settings()"), "{main}");
    assert!(
        main.contains(".scope(\"validate_credentials\", \"tenant:read profile\")"),
        "{main}"
    );
}

#[test]
fn what_cannot_be_ported_is_refused_with_its_path_and_nothing_is_written() {
    let mut union = recorded_info("catalog-demo");
    union["response"]["request_settings_schema"]["properties"]["host"] =
        json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "title": "Host"});
    let mut constant = recorded_info("catalog-demo");
    constant["response"]["capability_schema"]["echo_text"]["argument"]["properties"]["text"] =
        json!({"const": "x"});
    let cases = [
        (
            "catalog-demo",
            union,
            "request_settings_schema.properties.host: a choice of several types (`anyOf`) is not translated",
        ),
        (
            "catalog-demo",
            constant,
            "capability_schema.echo_text.argument.properties.text: a constant (`const`) is not translated",
        ),
        (
            "other-name",
            recorded_info("catalog-demo"),
            "the document is connector `catalog-demo`'s; scaffold it under that name",
        ),
        (
            "catalog-demo",
            json!({"hello": "world"}),
            "give the output of `<connector> info`",
        ),
    ];
    for (name, document, message) in cases {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(name);
        let output = port(name, &document, &dir);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!output.status.success(), "{message}");
        assert!(stderr.contains(message), "{stderr}");
        assert!(!dir.exists(), "{message}: nothing is written");
    }
}
