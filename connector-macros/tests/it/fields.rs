//! `#[fields]`: the reference's annotated settings give the schema it
//! recorded, key by key, and secret fields stay out of `Debug`.

use std::collections::HashMap;

use connector::prelude::*;
use serde_json::{Value, json};

#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
enum Seat {
    Full,
    Light,
}

/// The annotated fields of `CatalogSettings` in
/// tests/conformance/info/catalog.py, written with `#[field]`.
#[fields]
#[derive(Debug, Deserialize, JsonSchema)]
#[allow(dead_code)]
struct CatalogSettings {
    /// Host name of the app.
    host: String,
    /// Key of the admin API.
    #[field(secret)]
    admin_key: String,
    #[field(hidden)]
    tenant_hint: Option<String>,
    /// PEM certificate.
    #[field(multiline, group = "Advanced")]
    certificate: Option<String>,
    #[field(multiline, secret, group = "Advanced")]
    signing_key: Option<String>,
    #[field(primary = false, semantic = "account-id", unique)]
    account_field: Option<String>,
    #[field(enum_mapping = Seat)]
    seat_mapping: Option<HashMap<String, String>>,
    #[field(discriminator(field = "region", expected_value = "us"))]
    proxy_url: Option<String>,
}

/// The `request_settings_schema` the reference gave for `CatalogSettings`.
fn recorded_settings_schema() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/conformance/info/fixtures.json"
    );
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let case = cases
        .iter()
        .find(|c| c["name"] == "catalog-demo: info")
        .expect("the catalog-demo info case");
    let stdout: Value = serde_json::from_str(case["stdout"].as_str().unwrap()).unwrap();
    stdout["response"]["request_settings_schema"].clone()
}

#[test]
fn the_options_give_the_references_keys() {
    let ours = connector::schema::root_schema::<CatalogSettings>();
    let recorded = recorded_settings_schema();
    let ours = ours["properties"].as_object().unwrap();
    assert_eq!(ours.len(), 8);
    for (name, property) in ours {
        assert_eq!(
            property, &recorded["properties"][name],
            "{name}: ours\n{property:#}\nthe reference's\n{:#}",
            recorded["properties"][name]
        );
    }
    assert_eq!(
        ours["proxy_url"]["x-discriminator"],
        json!({"field": "region", "expected_value": "us", "one_of_expected_values": null})
    );
}

#[derive(Deserialize, JsonSchema)]
#[allow(dead_code)]
enum Mode {
    Cloud,
    /// Doc comments make schemars write a branch per variant.
    OnPremise,
}

#[fields]
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[allow(dead_code)]
struct Generic<T> {
    #[field(hidden, secret, multiline)]
    hidden_wins: String,
    #[field(secret, multiline)]
    secret_over_multiline: String,
    #[field(secret = false, hidden = false, primary = true, unique = false)]
    all_off: String,
    #[field(hidden, enum_mapping = Mode)]
    mapped: HashMap<String, String>,
    #[field(semantic = "resource-type")]
    #[field(discriminator(field = "mode", one_of_expected_values = ["Cloud", -2, 1.5, true]))]
    shown_for_some: Option<T>,
    plain: T,
}

#[test]
fn precedence_switched_off_options_and_lists() {
    let schema = connector::schema::root_schema::<Generic<u8>>();
    let p = &schema["properties"];
    let extensions = |name: &str| -> Value {
        let mut x: serde_json::Map<String, Value> = p[name].as_object().unwrap().clone();
        x.retain(|k, _| k.starts_with("x-"));
        Value::Object(x)
    };
    assert_eq!(
        extensions("hidden_wins"),
        json!({"x-field_type": "HIDDEN", "x-hidden": true, "x-multiline": true, "x-secret": true})
    );
    assert_eq!(
        extensions("secret_over_multiline"),
        json!({"x-field_type": "SECRET", "x-multiline": true, "x-secret": true})
    );
    assert_eq!(extensions("all_off"), json!({}));
    // `enum_mapping` hides the field without setting its field type; `hidden` does.
    assert_eq!(
        extensions("mapped"),
        json!({"x-enum_mapping_options": ["Cloud", "OnPremise"], "x-field_type": "HIDDEN",
            "x-hidden": true, "x-semantic": "enum-mapping"})
    );
    assert_eq!(
        extensions("shown_for_some"),
        json!({"x-discriminator": {"field": "mode", "expected_value": null,
            "one_of_expected_values": ["Cloud", -2, 1.5, true]}, "x-semantic": "resource-type"})
    );
    assert_eq!(extensions("plain"), json!({}));
}

#[test]
fn secret_fields_are_redacted_in_debug() {
    let settings = CatalogSettings {
        host: "h.example".into(),
        admin_key: "admin-k3y".into(),
        tenant_hint: None,
        certificate: Some("-----BEGIN CERTIFICATE-----".into()),
        signing_key: Some("s1gning".into()),
        account_field: None,
        seat_mapping: None,
        proxy_url: None,
    };
    let shown = format!("{settings:?}");
    assert_eq!(
        shown,
        "CatalogSettings { host: \"h.example\", admin_key: [REDACTED], tenant_hint: None, \
         certificate: Some(\"-----BEGIN CERTIFICATE-----\"), signing_key: [REDACTED], \
         account_field: None, seat_mapping: None, proxy_url: None }"
    );
    let pretty = format!("{settings:#?}");
    assert!(pretty.contains("admin_key: [REDACTED],"), "{pretty}");
    assert!(
        !pretty.contains("admin-k3y") && !pretty.contains("s1gning"),
        "{pretty}"
    );

    let generic = Generic {
        hidden_wins: "x".into(),
        secret_over_multiline: "y".into(),
        all_off: "z".into(),
        mapped: HashMap::new(),
        shown_for_some: Some(7u8),
        plain: 8u8,
    };
    assert_eq!(
        format!("{generic:?}"),
        "Generic { hidden_wins: [REDACTED], secret_over_multiline: [REDACTED], all_off: \"z\", \
         mapped: {}, shown_for_some: Some(7), plain: 8 }"
    );
}
