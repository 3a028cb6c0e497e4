//! The `info` document of connectors without settings or auth, and of a
//! multi-credential connector (BEHAVIOUR.md §5.2).

use connector::App;
use connector::CredentialConfig;
use connector::models::{AuthModel, ValidateCredentials, ValidatedCredentials};
use connector::prelude::*;
use serde_json::{Value, json};

#[connector(app_id = "  bare  ")]
struct Bare;

#[capability(validate_credentials)]
async fn validate(_ctx: Context<Bare>, _req: ValidateCredentials) -> Result<ValidatedCredentials> {
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: "t".into(),
    })
}

fn credentials() -> Vec<CredentialConfig> {
    vec![
        CredentialConfig::new("api", AuthModel::Token, "The API token."),
        CredentialConfig::new("admin", AuthModel::Basic, "An admin login.").optional(),
    ]
}

#[connector(app_id = "multi-info", version = "2.0.0", credentials = credentials())]
struct Multi;

#[derive(Debug, Deserialize, JsonSchema)]
struct Nothing {}

#[capability(custom, name = "echo_text")]
async fn echo(_ctx: Context<Multi>, _req: Nothing) -> Result<bool> {
    Ok(true)
}

fn info(app_id: &str) -> Value {
    let app = App::load_app(app_id).unwrap();
    serde_json::to_value(connector::document::info::build(app.catalog())).unwrap()
}

#[test]
fn the_app_id_is_trimmed() {
    assert_eq!(info("bare")["app_id"], "bare");
    assert_eq!(info("bare")["user_friendly_name"], "Bare");
}

#[test]
fn without_settings_and_auth() {
    let info = info("bare");
    assert_eq!(
        info["request_settings_schema"],
        json!({"properties": {}, "title": "EmptySettings", "type": "object", "field_order": []})
    );
    assert_eq!(info["authentication_schema"], json!({}));
    assert_eq!(info["credentials_schema"], json!([]));
    assert_eq!(info["capabilities"], json!(["app_info", "validate_credentials"]));
    assert_eq!(info["description"], Value::Null);
    assert_eq!(info["categories"], json!([]));
}

#[test]
fn credentials_are_described_one_by_one() {
    let info = info("multi-info");
    assert_eq!(info["version"], "2.0.0");
    let credentials = info["credentials_schema"].as_array().unwrap();
    assert_eq!(credentials.len(), 2);
    let api = &credentials[0];
    assert_eq!(api["id"], "api");
    assert_eq!(api["description"], "The API token.");
    assert_eq!(api["x-optional"], false);
    assert_eq!(api["x-credential-type"], "token");
    assert_eq!(api["field_order"], json!(["token"]));
    assert_eq!(api["properties"]["token"]["x-secret"], true);
    let admin = &credentials[1];
    assert_eq!(admin["id"], "admin");
    assert_eq!(admin["x-optional"], true);
    assert_eq!(admin["x-credential-type"], "basic");
    assert_eq!(admin["field_order"], json!(["username", "password"]));
}

#[test]
fn custom_capabilities_get_a_title_case_display_name() {
    let info = info("multi-info");
    assert_eq!(
        info["capabilities"],
        json!(["app_info", "echo_text", "validate_credential_config"])
    );
    let echo = &info["capability_schema"]["echo_text"];
    assert_eq!(echo["display_name"], "Echo Text");
    assert_eq!(echo["description"], Value::Null);
    assert_eq!(echo["argument"]["title"], "Nothing");
}
