//! `connector::testing` in-process: a connector of this test binary calls a
//! mock upstream through a plain TCP client, driven by cases.

use std::io::{Read, Write};
use std::net::TcpStream;

use connector::App;
use connector::error::{HttpStatusError, UpstreamBody};
use connector::models::ErrorCode;
use connector::models::{AuthCredential, TokenCredential, ValidateCredentials, ValidatedCredentials};
use connector::prelude::*;
use connector::testing::{Case, Exchange, Subject, Suite};
use serde_json::json;

#[derive(Debug, Deserialize, JsonSchema)]
struct ProbeSettings {
    base_url: String,
}

#[connector(app_id = "kit-probe", name = "Kit Probe", auth = TokenCredential, settings = ProbeSettings)]
struct Probe;

/// `GET base/path` with a bearer token over a fresh connection.
fn get(base: &str, path: &str, token: &str) -> std::io::Result<(u16, String)> {
    let host = base.trim_start_matches("http://");
    let mut stream = TcpStream::connect(host)?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let status = answer.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let body = answer
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    Ok((status, body))
}

#[capability(validate_credentials)]
async fn validate(ctx: Context<Probe>, _request: ValidateCredentials) -> Result<ValidatedCredentials> {
    let base = ctx.settings().base_url.clone();
    let token = ctx.auth()?.token.expose().to_owned();
    let (status, body) = tokio::task::spawn_blocking(move || get(&base, "/me", &token))
        .await
        .map_err(|e| Error::api_error(e.to_string()))??;
    let json: serde_json::Value = serde_json::from_str(&body)?;
    if status >= 400 {
        let url = format!("{}/me", ctx.settings().base_url);
        return Err(HttpStatusError::new(status, &url, UpstreamBody::Json(json)).into());
    }
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: json["tenant"].as_str().unwrap_or_default().to_owned(),
    })
}

/// The connector of this module, called in-process (the binary holds others).
fn probe() -> Subject {
    Subject::app(App::load_app("kit-probe").expect("the probe is registered"))
}

fn suite() -> Suite {
    Suite::new(probe())
        .auth(json!({"token": {"token": "t0k"}}))
        .settings(json!({"base_url": "{upstream}"}))
}

fn valid() -> Case {
    Case::new("validate_credentials")
        .exchange(
            Exchange::get("/me")
                .header("authorization", "Bearer t0k")
                .respond(200, json!({"tenant": "tenant-7"})),
        )
        .expect_response(ValidatedCredentials {
            valid: true,
            unique_tenant_id: "tenant-7".into(),
        })
}

#[tokio::test]
async fn an_in_process_case_table_passes() {
    let rejected = Case::new("validate_credentials")
        .named("rejected")
        .exchange(Exchange::get("/me").respond(401, json!({"error": "bad token"})))
        .expect_error_message(
            ErrorCode::Unauthorized,
            "[401][{upstream}/me] {'error': 'bad token'}",
        );
    suite().check_all(&[valid(), rejected]).await;
}

#[tokio::test]
async fn requests_nobody_expected_fail_the_case() {
    let case = Case::new("validate_credentials").expect_error(ErrorCode::NotFound);
    let failure = suite().run(&case).await.unwrap_err();
    assert!(failure.ends_with("\nunexpected request: GET /me"), "{failure}");
    assert!(
        failure.contains("expected an error envelope with code not_found"),
        "{failure}"
    );
}

#[tokio::test]
async fn a_header_mismatch_is_reported() {
    let case = valid().auth(json!({"token": {"token": "other"}}));
    let failure = suite().run(&case).await.unwrap_err();
    assert!(
        failure.contains("expected 1 time(s), received 0 time(s): GET /me"),
        "{failure}"
    );
}

#[tokio::test]
async fn coverage_names_the_capability_without_cases() {
    let missing = suite().coverage(&[]).await.unwrap_err();
    assert_eq!(
        missing,
        "Connector kit-probe does not have full coverage. Missing tests for capabilities: validate_credentials"
    );
    assert!(suite().coverage(&[valid()]).await.is_ok());
}

#[tokio::test]
async fn calls_build_envelopes_from_typed_values() {
    let subject = probe();
    let call = subject
        .call("validate_credentials")
        .auth(AuthCredential {
            token: Some(TokenCredential { token: "x".into() }),
            ..AuthCredential::default()
        })
        .request(ValidateCredentials {});
    assert_eq!(call.envelope()["auth"]["token"]["token"], "x");
    let outcome = call.send().await;
    // No settings: the framework refuses before the capability runs.
    assert_eq!(outcome.error_code(), Some(ErrorCode::BadRequest));
    assert!(outcome.error().message.contains("settings"), "{}", outcome.text);
    assert_eq!(subject.capabilities().await, ["app_info", "validate_credentials"]);
}
