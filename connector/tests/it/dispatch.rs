//! The request pipeline of BEHAVIOUR.md §2.2 and the envelopes of §3, through
//! `App::dispatch`, with connectors defined here.

use connector::App;
use connector::CredentialConfig;
use connector::models::{
    AuthCredential, AuthModel, BasicCredential, FoundAccountData, ListAccounts, Page, TokenCredential,
    ValidateCredentials, ValidatedCredentialConfig, ValidatedCredentials,
};
use connector::prelude::*;
use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// A connector with basic auth and settings.

#[derive(Debug, Deserialize, JsonSchema)]
struct BasicSettings {
    account_id: String,
    #[schemars(title = "Region of the tenant")]
    region: String,
    #[serde(default)]
    port: Option<u16>,
}

#[connector(app_id = "with-settings", auth = BasicCredential, settings = BasicSettings)]
struct WithSettings;

#[capability(validate_credentials)]
async fn validate(ctx: Context<WithSettings>, _req: ValidateCredentials) -> Result<ValidatedCredentials> {
    let settings = ctx.settings();
    Ok(ValidatedCredentials {
        valid: ctx.auth()?.username == "ada",
        unique_tenant_id: format!("{}-{}-{:?}", settings.account_id, settings.region, settings.port),
    })
}

#[capability(list_accounts)]
async fn accounts(ctx: Context<WithSettings>, _req: ListAccounts) -> Result<Response<Vec<FoundAccountData>>> {
    let account = FoundAccountData {
        integration_specific_id: "u1".into(),
        email: Some("ada@example.com".into()),
        ..FoundAccountData::default()
    };
    Ok(Response::new(vec![account])
        .with_raw_data(json!({"upstream": [1, 2]}))
        .with_page(Page {
            token: Some("next".into()),
            size: ctx.page().size,
        }))
}

#[derive(Debug, Deserialize, JsonSchema)]
struct EchoIn {
    text: String,
}

#[derive(Debug, Serialize, JsonSchema)]
struct EchoOut {
    echoed: Vec<String>,
}

#[capability(custom, name = "echo_text")]
async fn echo(_ctx: Context<WithSettings>, req: EchoIn) -> Result<EchoOut> {
    Ok(EchoOut {
        echoed: vec![req.text.clone(), req.text],
    })
}

// ---------------------------------------------------------------------------
// A connector without settings, with token auth, whose capabilities fail.

#[derive(Debug)]
struct Locked;

impl std::fmt::Display for Locked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the account is locked")
    }
}

impl std::error::Error for Locked {}

fn error_map() -> ErrorMap {
    ErrorMap::new()
        .error_type::<Locked>(ErrorCode::PermissionDenied)
        .with_app_error_code("failing.locked")
}

#[connector(app_id = "failing", auth = TokenCredential, error_map = error_map())]
struct Failing;

#[capability(list_accounts)]
async fn failing_accounts(_ctx: Context<Failing>, _req: ListAccounts) -> Result<Vec<FoundAccountData>> {
    Err(ConnectorError::new(ErrorCode::NotFound, "thing not found")
        .with_app_error_code("failing.not_found")
        .into())
}

#[capability(validate_credentials)]
async fn failing_validate(ctx: Context<Failing>, _req: ValidateCredentials) -> Result<ValidatedCredentials> {
    let number: u32 = ctx.auth()?.token.expose().parse()?;
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: number.to_string(),
    })
}

#[derive(Debug, Deserialize, JsonSchema)]
struct Nothing {}

#[capability(custom, name = "explode")]
async fn explode(_ctx: Context<Failing>, _req: Nothing) -> Result<bool> {
    panic!("the capability blew up")
}

#[capability(custom, name = "locked")]
async fn locked(_ctx: Context<Failing>, _req: Nothing) -> Result<bool> {
    Err(Locked.into())
}

// ---------------------------------------------------------------------------
// A multi-credential connector.

fn credentials() -> Vec<CredentialConfig> {
    vec![
        CredentialConfig::new("api", AuthModel::Token, "The API token."),
        CredentialConfig::new("admin", AuthModel::Basic, "An admin login.")
            .optional()
            .with_validation(|credential| Box::pin(check_admin(credential))),
    ]
}

/// The admin login's own check in `validate_credential_config`.
async fn check_admin(credential: AuthCredential) -> Result<ValidatedCredentialConfig> {
    let username = credential.basic.map(|b| b.username).unwrap_or_default();
    match username.as_str() {
        "locked" => Ok(ValidatedCredentialConfig {
            valid: false,
            validation_errors: Some(vec!["The admin account is locked.".into()]),
        }),
        "nobody" => Ok(ValidatedCredentialConfig {
            valid: false,
            validation_errors: None,
        }),
        "offline" => Err(Error::new(ErrorCode::ServiceError, "The directory is down.")),
        _ => Ok(ValidatedCredentialConfig {
            valid: true,
            validation_errors: None,
        }),
    }
}

#[connector(app_id = "multi", credentials = credentials())]
struct Multi;

#[capability(validate_credentials)]
async fn multi_validate(ctx: Context<Multi>, _req: ValidateCredentials) -> Result<ValidatedCredentials> {
    let token = ctx
        .credential::<TokenCredential>("api")
        .ok_or_else(|| Error::bad_request("no api token"))?;
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: format!(
            "{}:{}",
            token.token.expose(),
            ctx.credential::<BasicCredential>("admin").is_some()
        ),
    })
}

// ---------------------------------------------------------------------------

fn dispatch(app_id: &str, capability: &str, body: &str) -> String {
    let app = App::load_app(app_id).expect("the connector is registered");
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(app.dispatch(capability, body))
}

fn dispatch_json(app_id: &str, capability: &str, body: &str) -> Value {
    let out = dispatch(app_id, capability, body);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

/// The exact error envelope of a framework error (no raised_by / raised_in).
fn framework_error(app_id: &str, code: &str, message: &str) -> String {
    serde_json::to_string(&json!({
        "is_error": true,
        "error": {
            "message": message,
            "status_code": null,
            "app_error_code": null,
            "error_code": code,
            "app_id": app_id,
            "raised_by": null,
            "raised_in": null,
        },
        "raw_data": null,
        "page": null,
    }))
    .unwrap()
}

fn error_message(out: &Value) -> &str {
    assert_eq!(out["is_error"], true, "{out}");
    out["error"]["message"].as_str().unwrap()
}

const BASIC: &str = r#""auth":{"basic":{"username":"ada","password":"hunter2"}}"#;
const SETTINGS: &str = r#""settings":{"account_id":"a1","region":"eu"}"#;

fn settings_request(extra: &str) -> String {
    format!(r#"{{{BASIC},{SETTINGS},"request":{{}}{extra}}}"#)
}

// --- step 1 and 2: capability lookup and envelope parsing -------------------

#[test]
fn unknown_capability_is_not_implemented() {
    assert_eq!(
        dispatch("with-settings", "nope_cap", &settings_request("")),
        framework_error(
            "with-settings",
            "not_implemented",
            "Capability 'nope_cap' is not implemented."
        )
    );
    // `info` is a command of the CLI, not a capability.
    assert_eq!(
        dispatch("with-settings", "info", &settings_request("")),
        framework_error(
            "with-settings",
            "not_implemented",
            "Capability 'info' is not implemented."
        )
    );
}

#[test]
fn invalid_json_is_a_bad_request() {
    assert_eq!(
        dispatch("with-settings", "validate_credentials", "not json"),
        framework_error(
            "with-settings",
            "bad_request",
            "Invalid request - expected ident at line 1 column 2"
        )
    );
    let out = dispatch_json(
        "with-settings",
        "validate_credentials",
        &settings_request("} trailing"),
    );
    assert!(
        error_message(&out).starts_with("Invalid request - trailing characters"),
        "{out}"
    );
}

#[test]
fn a_json_array_is_not_an_envelope() {
    for body in ["[]", r#"[null, null, {}]"#] {
        assert_eq!(
            dispatch("with-settings", "validate_credentials", body),
            framework_error(
                "with-settings",
                "bad_request",
                "Invalid request - invalid type: sequence, expected a request object"
            )
        );
    }
    let out = dispatch_json("with-settings", "validate_credentials", r#""hunter2""#);
    assert_eq!(
        error_message(&out),
        "Invalid request - invalid type: string, expected a request object"
    );
}

#[test]
fn the_request_key_is_required() {
    let out = dispatch_json(
        "with-settings",
        "validate_credentials",
        &format!("{{{BASIC},{SETTINGS}}}"),
    );
    assert_eq!(out["error"]["error_code"], "bad_request");
    assert!(
        error_message(&out).starts_with("Invalid request - missing field `request`"),
        "{out}"
    );
}

#[test]
fn wrong_types_name_the_path_and_do_not_echo_values() {
    let out = dispatch_json(
        "with-settings",
        "list_accounts",
        &format!(r#"{{{SETTINGS},"auth":{{"basic":{{"username":"ada","password":12}}}},"request":{{}}}}"#),
    );
    assert!(
        error_message(&out)
            .starts_with("Invalid request - auth.basic.password: invalid type: integer, expected a string"),
        "{out}"
    );

    let out = dispatch_json(
        "with-settings",
        "list_accounts",
        &format!(r#"{{{SETTINGS},"auth":{{"basic":"hunter2"}},"request":{{}}}}"#),
    );
    let message = error_message(&out);
    assert!(
        message.starts_with("Invalid request - auth.basic: invalid type: string"),
        "{message}"
    );
    assert!(!message.contains("hunter2"), "{message}");

    let out = dispatch_json(
        "with-settings",
        "list_accounts",
        &format!(r#"{{{BASIC},{SETTINGS},"request":{{"custom_attributes":"s3cr3t"}}}}"#),
    );
    let message = error_message(&out);
    assert!(
        message.starts_with("Invalid request - request.custom_attributes: invalid type: string"),
        "{message}"
    );
    assert!(!message.contains("s3cr3t"), "{message}");

    let out = dispatch_json(
        "with-settings",
        "list_accounts",
        &settings_request(r#","page":{"size":"ten"}"#),
    );
    assert!(
        error_message(&out).starts_with("Invalid request - page.size: invalid type: string"),
        "{out}"
    );

    let out = dispatch_json(
        "with-settings",
        "list_accounts",
        &format!(r#"{{{BASIC},"settings":[],"request":{{}}}}"#),
    );
    assert!(
        error_message(&out).starts_with("Invalid request - settings: invalid type: sequence"),
        "{out}"
    );

    let out = dispatch_json(
        "with-settings",
        "list_accounts",
        &format!(r#"{{{BASIC},{SETTINGS},"request":"x"}}"#),
    );
    assert!(
        error_message(&out).starts_with("Invalid request - request: invalid type: string"),
        "{out}"
    );

    let out = dispatch_json(
        "with-settings",
        "list_accounts",
        &format!(r#"{{{BASIC},{SETTINGS},"request":[]}}"#),
    );
    assert!(
        error_message(&out)
            .starts_with("Invalid request - request: invalid type: sequence, expected an object"),
        "{out}"
    );
}

#[test]
fn inner_credential_fields_are_required() {
    let out = dispatch_json(
        "with-settings",
        "validate_credentials",
        &format!(r#"{{{SETTINGS},"auth":{{"basic":{{"username":"ada"}}}},"request":{{}}}}"#),
    );
    assert!(
        error_message(&out).starts_with("Invalid request - auth.basic: missing field `password`"),
        "{out}"
    );
}

#[test]
fn unknown_keys_are_ignored() {
    let body =
        format!(r#"{{{BASIC},{SETTINGS},"request":{{"unknown_payload_key":1}},"whatever":{{"deep":[1]}}}}"#);
    let out = dispatch_json("with-settings", "validate_credentials", &body);
    assert_eq!(out["response"]["valid"], true, "{out}");
}

#[test]
fn include_raw_data_is_a_strict_boolean() {
    for bad in [r#""true""#, "1", "{}"] {
        let out = dispatch_json(
            "with-settings",
            "list_accounts",
            &settings_request(&format!(r#","include_raw_data":{bad}"#)),
        );
        assert!(
            error_message(&out).starts_with("Invalid request - include_raw_data: invalid type"),
            "{bad}: {out}"
        );
    }
    let out = dispatch_json(
        "with-settings",
        "list_accounts",
        &settings_request(r#","include_raw_data":null"#),
    );
    assert!(out["response"].is_array(), "{out}");
}

// --- step 3: authentication ---------------------------------------------------

#[test]
fn auth_and_credentials_together_are_refused() {
    let body = format!(
        r#"{{{BASIC},{SETTINGS},"credentials":[{{"id":"x","token":{{"token":"t"}}}}],"request":{{}}}}"#
    );
    assert_eq!(
        dispatch("with-settings", "validate_credentials", &body),
        framework_error(
            "with-settings",
            "bad_request",
            "Cannot pass credentials and auth in the same request, if you've meant to make this connector multi-auth compatible, please remove the auth field."
        )
    );
}

#[test]
fn missing_auth_is_refused() {
    for body in [
        format!(r#"{{{SETTINGS},"request":{{}}}}"#),
        format!(r#"{{{SETTINGS},"auth":null,"credentials":null,"request":{{}}}}"#),
    ] {
        assert_eq!(
            dispatch("with-settings", "validate_credentials", &body),
            framework_error(
                "with-settings",
                "bad_request",
                "Missing auth/credentials in request"
            )
        );
    }
}

#[test]
fn the_wrong_auth_kind_or_an_empty_auth_is_refused() {
    for auth in [r#"{"token":{"token":"t"}}"#, "{}"] {
        let body = format!(r#"{{{SETTINGS},"auth":{auth},"request":{{}}}}"#);
        assert_eq!(
            dispatch("with-settings", "validate_credentials", &body),
            framework_error("with-settings", "bad_request", "Missing 'basic' auth in request"),
            "{auth}"
        );
    }
}

#[test]
fn auth_is_checked_before_settings() {
    let out = dispatch_json(
        "with-settings",
        "validate_credentials",
        r#"{"request":{},"settings":{"x":1}}"#,
    );
    assert_eq!(error_message(&out), "Missing auth/credentials in request");
    let out = dispatch_json("with-settings", "validate_credentials", r#"{"request":{}}"#);
    assert_eq!(error_message(&out), "Missing auth/credentials in request");
}

fn multi(credentials: &str) -> String {
    dispatch(
        "multi",
        "validate_credentials",
        &format!(r#"{{"credentials":{credentials},"request":{{}}}}"#),
    )
}

#[test]
fn the_credentials_list_is_checked() {
    let refused = |message: &str| framework_error("multi", "bad_request", message);
    assert_eq!(multi("[]"), refused("Missing credentials in request"));
    assert_eq!(
        multi(r#"[{"id":"api","token":{"token":"t"}},{"basic":{"username":"u","password":"p"}}]"#),
        refused("Missing ID in credential at index 1")
    );
    assert_eq!(
        multi(r#"[{"id":"other","token":{"token":"t"}}]"#),
        refused("Credential with id 'other' not expected")
    );
    assert_eq!(
        multi(r#"[{"id":"api","basic":{"username":"u","password":"p"}}]"#),
        refused("Missing 'token' credential in request")
    );
    assert_eq!(
        multi(r#"[{"id":"api"}]"#),
        refused("Missing 'token' credential in request")
    );
}

#[test]
fn an_optional_credential_may_omit_its_kind() {
    let out: Value =
        serde_json::from_str(&multi(r#"[{"id":"api","token":{"token":"t0k"}},{"id":"admin"}]"#)).unwrap();
    assert_eq!(out["response"]["unique_tenant_id"], "t0k:false", "{out}");
    let out: Value = serde_json::from_str(&multi(
        r#"[{"id":"api","token":{"token":"t0k"}},{"id":"admin","basic":{"username":"u","password":"p"}}]"#,
    ))
    .unwrap();
    assert_eq!(out["response"]["unique_tenant_id"], "t0k:true", "{out}");
}

#[test]
fn malformed_credentials_fail_in_parsing() {
    let out: Value = serde_json::from_str(&multi(r#"[{"id":"api","token":"t"}]"#)).unwrap();
    let message = error_message(&out);
    assert!(
        message.starts_with("Invalid request - credentials[0].token: invalid type: string"),
        "{message}"
    );
}

// --- step 4: settings -------------------------------------------------------------

#[test]
fn absent_settings_are_refused() {
    for body in [
        format!(r#"{{{BASIC},"request":{{}}}}"#),
        format!(r#"{{{BASIC},"settings":null,"request":{{}}}}"#),
    ] {
        assert_eq!(
            dispatch("with-settings", "validate_credentials", &body),
            framework_error(
                "with-settings",
                "bad_request",
                "No settings passed on request: with-settings requires BasicSettings"
            )
        );
    }
}

#[test]
fn missing_settings_are_listed_with_their_titles() {
    let body = format!(r#"{{{BASIC},"settings":{{}},"request":{{}}}}"#);
    assert_eq!(
        dispatch("with-settings", "validate_credentials", &body),
        framework_error(
            "with-settings",
            "bad_request",
            "Invalid settings passed on request. Missing required settings: account_id, Region of the tenant"
        )
    );
    let body = format!(r#"{{{BASIC},"settings":{{"account_id":"a"}},"request":{{}}}}"#);
    let out = dispatch_json("with-settings", "validate_credentials", &body);
    assert_eq!(
        error_message(&out),
        "Invalid settings passed on request. Missing required settings: Region of the tenant"
    );
}

#[test]
fn settings_of_the_wrong_type_are_refused() {
    let body = format!(r#"{{{BASIC},"settings":{{"account_id":5,"region":"eu"}},"request":{{}}}}"#);
    let out = dispatch_json("with-settings", "validate_credentials", &body);
    assert_eq!(out["error"]["error_code"], "bad_request");
    let message = error_message(&out);
    assert!(
        message.starts_with("Invalid settings passed on request. account_id: invalid type"),
        "{message}"
    );

    let body = format!(
        r#"{{{BASIC},"settings":{{"account_id":"a","region":"eu","port":"p4ssw0rd"}},"request":{{}}}}"#
    );
    let message = dispatch("with-settings", "validate_credentials", &body);
    assert!(
        message.contains("Invalid settings passed on request. port: invalid type: string"),
        "{message}"
    );
    assert!(!message.contains("p4ssw0rd"), "{message}");
}

#[test]
fn valid_settings_reach_the_capability() {
    let body = format!(
        r#"{{{BASIC},"settings":{{"account_id":"a","region":"eu","port":8443,"extra":true}},"request":{{}}}}"#
    );
    assert_eq!(
        dispatch("with-settings", "validate_credentials", &body),
        r#"{"response":{"valid":true,"unique_tenant_id":"a-eu-Some(8443)"},"raw_data":null,"page":null,"execution_summary":null}"#
    );
}

#[test]
fn a_connector_without_settings_accepts_any() {
    for settings in [
        "",
        r#","settings":null"#,
        r#","settings":{}"#,
        r#","settings":{"anything":[1,{"x":null}]}"#,
    ] {
        let body = format!(r#"{{"auth":{{"token":{{"token":"17"}}}},"request":{{}}{settings}}}"#);
        assert_eq!(
            dispatch("failing", "validate_credentials", &body),
            r#"{"response":{"valid":true,"unique_tenant_id":"17"},"raw_data":null,"page":null,"execution_summary":null}"#,
            "{settings}"
        );
    }
}

#[test]
fn app_info_needs_neither_auth_nor_settings() {
    let out = dispatch_json("with-settings", "app_info", r#"{"request":{}}"#);
    assert_eq!(out["response"]["app_id"], "with-settings", "{out}");
    assert!(out["response"]["app_schema"].is_object(), "{out}");
    let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["response", "raw_data", "page", "execution_summary"]);
}

// --- step 5: the capability's errors ------------------------------------------------

#[test]
fn a_connector_error_keeps_its_codes() {
    let out = dispatch(
        "failing",
        "list_accounts",
        r#"{"auth":{"token":{"token":"t"}},"request":{}}"#,
    );
    assert_eq!(
        out,
        r#"{"is_error":true,"error":{"message":"thing not found","status_code":null,"app_error_code":"failing.not_found","error_code":"not_found","app_id":"failing","raised_by":"ConnectorError","raised_in":"it::dispatch:failing_accounts"},"raw_data":null,"page":null}"#
    );
}

#[test]
fn a_std_error_is_unexpected_and_named_by_its_type() {
    let out = dispatch(
        "failing",
        "validate_credentials",
        r#"{"auth":{"token":{"token":"abc"}},"request":{}}"#,
    );
    assert_eq!(
        out,
        r#"{"is_error":true,"error":{"message":"invalid digit found in string","status_code":null,"app_error_code":null,"error_code":"unexpected_error","app_id":"failing","raised_by":"ParseIntError","raised_in":"it::dispatch:failing_validate"},"raw_data":null,"page":null}"#
    );
}

#[test]
fn a_panic_becomes_an_envelope_and_the_process_survives() {
    let body = r#"{"auth":{"token":{"token":"t"}},"request":{}}"#;
    for _ in 0..2 {
        let out = dispatch_json("failing", "explode", body);
        assert_eq!(out["error"]["error_code"], "unexpected_error", "{out}");
        assert_eq!(out["error"]["message"], "the capability blew up", "{out}");
        assert_eq!(out["error"]["raised_in"], "it::dispatch:explode", "{out}");
    }
    // Still serving after the panics.
    let out = dispatch_json(
        "failing",
        "validate_credentials",
        r#"{"auth":{"token":{"token":"3"}},"request":{}}"#,
    );
    assert_eq!(out["response"]["unique_tenant_id"], "3");
}

#[test]
fn an_error_map_rule_sets_the_codes() {
    let out = dispatch(
        "failing",
        "locked",
        r#"{"auth":{"token":{"token":"t"}},"request":{}}"#,
    );
    assert_eq!(
        out,
        r#"{"is_error":true,"error":{"message":"the account is locked","status_code":null,"app_error_code":"failing.locked","error_code":"permission_denied","app_id":"failing","raised_by":"Locked","raised_in":"it::dispatch:locked"},"raw_data":null,"page":null}"#
    );
}

// --- the success envelopes ------------------------------------------------------------

#[test]
fn the_standard_envelope_keeps_its_order_and_nulls() {
    let out = dispatch(
        "with-settings",
        "list_accounts",
        &settings_request(r#","page":{"size":5}"#),
    );
    assert_eq!(
        out,
        r#"{"response":[{"integration_specific_id":"u1","email":"ada@example.com","given_name":null,"family_name":null,"username":null,"user_status":null,"extra_data":null,"custom_attributes":null,"account_type":null}],"raw_data":null,"page":{"token":"next","size":5},"execution_summary":null}"#
    );
}

#[test]
fn raw_data_is_sent_only_when_asked_for() {
    let with = dispatch_json(
        "with-settings",
        "list_accounts",
        &settings_request(r#","include_raw_data":true"#),
    );
    assert_eq!(with["raw_data"], json!({"upstream": [1, 2]}), "{with}");
    let without = dispatch_json(
        "with-settings",
        "list_accounts",
        &settings_request(r#","include_raw_data":false"#),
    );
    assert_eq!(without["raw_data"], Value::Null, "{without}");
}

#[test]
fn the_custom_envelope_is_page_raw_data_response() {
    let body = format!(r#"{{{BASIC},{SETTINGS},"request":{{"text":"hi"}}}}"#);
    assert_eq!(
        dispatch("with-settings", "echo_text", &body),
        r#"{"page":null,"raw_data":null,"response":{"echoed":["hi","hi"]}}"#
    );
    // Custom capabilities are authenticated like the standard ones.
    let out = dispatch_json("with-settings", "echo_text", r#"{"request":{"text":"hi"}}"#);
    assert_eq!(error_message(&out), "Missing auth/credentials in request");
}

// --- validate_credential_config: the runtime's check of one credential -------

fn check_credential(credential: Value) -> Value {
    dispatch_json(
        "multi",
        "validate_credential_config",
        &json!({"request": {"credential": credential}}).to_string(),
    )
}

#[test]
fn a_well_formed_credential_is_valid() {
    let out = check_credential(json!({"id": "api", "token": {"token": "t0k"}}));
    assert_eq!(
        out,
        json!({"response": {"valid": true, "validation_errors": []}, "raw_data": null, "page": null, "execution_summary": null})
    );
}

#[test]
fn the_base_checks_give_the_reference_messages() {
    let errors = |credential: Value| check_credential(credential)["response"].clone();
    assert_eq!(
        errors(json!({"id": "api", "token": {"token": " t0k"}})),
        json!({"valid": false, "validation_errors": [
            "Credential has extra whitespace, please remove it before submitting it again"
        ]})
    );
    assert_eq!(
        errors(json!({"id": "admin", "basic": {"username": "ada", "password": ""}})),
        json!({"valid": false, "validation_errors": [
            "A required field is empty, please provide a value before submitting again"
        ]})
    );
    // An empty token is an empty required field, as the reference says (the
    // "missing required fields" message is for a credential of no values).
    assert_eq!(
        errors(json!({"id": "api", "token": {"token": ""}})),
        json!({"valid": false, "validation_errors": [
            "A required field is empty, please provide a value before submitting again"
        ]})
    );
}

#[test]
fn a_credential_the_connector_does_not_declare_is_a_bad_request() {
    let out = check_credential(json!({"id": "nope", "token": {"token": "t"}}));
    assert_eq!(out["error"]["error_code"], "bad_request", "{out}");
    assert_eq!(
        error_message(&out),
        "Missing credential configuration for ID nope"
    );

    let out = check_credential(json!({"token": {"token": "t"}}));
    assert_eq!(error_message(&out), "Received credential without an ID");

    let out = check_credential(json!({"id": "admin", "token": {"token": "t"}}));
    assert_eq!(error_message(&out), "Missing 'basic' credential in request");
}

#[test]
fn the_credentials_own_check_runs_after_the_base_checks() {
    let admin = |username: &str| json!({"id": "admin", "basic": {"username": username, "password": "pw"}});
    assert_eq!(
        check_credential(admin("ada"))["response"],
        json!({"valid": true, "validation_errors": []})
    );
    assert_eq!(
        check_credential(admin("locked"))["response"],
        json!({"valid": false, "validation_errors": ["The admin account is locked."]})
    );
    assert_eq!(
        check_credential(admin("nobody"))["response"],
        json!({"valid": false, "validation_errors": ["Credential is invalid, unexpected error occurred"]})
    );
    let out = check_credential(admin("offline"));
    assert_eq!(out["error"]["error_code"], "service_error", "{out}");
    assert_eq!(error_message(&out), "The directory is down.");
    // Not run when the base checks already failed.
    assert_eq!(
        check_credential(json!({"id": "admin", "basic": {"username": "locked", "password": ""}}))["response"],
        json!({"valid": false, "validation_errors": [
            "A required field is empty, please provide a value before submitting again"
        ]})
    );
}

#[test]
fn a_malformed_credential_is_refused_without_echoing_its_values() {
    for credential in [
        json!({"id": "api", "token": {"token": 987654321}}),
        json!({"id": "api", "token": "S3CR3T-token"}),
        json!({"id": "admin", "basic": {"username": "ada", "password": ["S3CR3T-pw"]}}),
        json!({"id": "api", "token": {"token": "S3CR3T-x\", expected zz"}, "extra": "S3CR3T-extra"}),
    ] {
        let out = check_credential(credential.clone());
        let text = out.to_string();
        assert!(
            !text.contains("S3CR3T") && !text.contains("987654321"),
            "{credential} echoed: {text}"
        );
        if out["is_error"] == true {
            assert_eq!(out["error"]["error_code"], "bad_request", "{out}");
        }
    }
}
