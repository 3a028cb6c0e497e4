//! Every secret a request carries, sent right and wrong, against hostile
//! answers: it appears in no stdout, no stderr and no log line, at the most
//! verbose log level.

use std::path::Path;
use std::process::{Command, Output};

use connector::testing::{Exchange, MockUpstream};
use serde_json::{Value, json};

use crate::{CONFORMANCE_HTTP_ERRORS, MOCK_CONNECTOR};

const SECRET: &str = "S3cr3t-Zebra-42";
/// A secret that is a number when sent as one.
const NUMERIC: u64 = 9_876_543_210_123;

/// Runs `binary` with DEBUG logs once to stderr and once to a log file;
/// returns everything it wrote.
fn everything_written(binary: &str, capability: &str, body: &str) -> String {
    let mut written = String::new();
    let logs = tempfile::tempdir().unwrap();
    for to_stderr in [true, false] {
        let mut command = Command::new(binary);
        command
            .args([capability, "--json", body])
            .env("LUMOS_LOG_LEVEL", "DEBUG")
            .env("LUMOS_LOG_DIRECTORY", logs.path())
            .current_dir(logs.path());
        if to_stderr {
            command.env("LUMOS_LOG_TO_STDOUT", "true");
        }
        let out: Output = command.output().unwrap();
        assert!(out.status.success(), "{capability} {body}: {out:?}");
        written.push_str(&String::from_utf8_lossy(&out.stdout));
        written.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    written.push_str(&files_text(logs.path()));
    written
}

fn files_text(dir: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            text.push_str(&files_text(&path));
        } else {
            text.push_str(&std::fs::read_to_string(path).unwrap_or_default());
        }
    }
    text
}

fn assert_hidden(written: &str, case: &str) {
    assert_hidden_of(written, case, &[SECRET.to_owned(), NUMERIC.to_string()]);
}

fn assert_hidden_of(written: &str, case: &str, secrets: &[String]) {
    for secret in secrets {
        let lines: Vec<&str> = written.lines().filter(|l| l.contains(secret.as_str())).collect();
        assert!(
            lines.is_empty(),
            "{case}: the secret shows in\n{}",
            lines.join("\n")
        );
    }
}

/// Values that carry the secret: as it is, as a number, inside crafted
/// strings that try to end a quoted value early, and nested.
fn carriers() -> Vec<Value> {
    vec![
        json!(SECRET),
        json!(NUMERIC),
        json!(format!("x\", expected zz {SECRET}")),
        json!(format!("x`, expected zz {SECRET}`")),
        json!(format!("{SECRET}\n\u{0}\"'")),
        json!([SECRET]),
        json!({"value": SECRET}),
        json!(true),
    ]
}

/// Every credential kind with each of its secret fields set to `carrier`.
fn credentials_carrying(carrier: &Value) -> Vec<Value> {
    let kinds = [
        ("oauth", vec!["access_token"]),
        ("oauth_client_credentials", vec!["access_token", "client_secret"]),
        ("oauth1", vec!["consumer_secret", "token_secret"]),
        ("basic", vec!["password"]),
        ("token", vec!["token"]),
        ("jwt", vec!["secret"]),
        ("service_account", vec!["key"]),
        ("key_pair", vec!["private_key"]),
    ];
    let mut credentials = Vec::new();
    for (kind, fields) in kinds {
        for field in fields {
            let mut fields = serde_json::Map::new();
            fields.insert("username".into(), json!("u"));
            fields.insert(field.into(), carrier.clone());
            credentials.push(json!({ kind: fields }));
        }
    }
    // A wrong variant where an enum is expected, beside the key it hides.
    credentials.push(json!({"service_account": {"service_type": carrier, "key": {"private_key": carrier}}}));
    credentials
}

#[test]
fn no_credential_sent_in_any_shape_is_echoed() {
    let mut cases = 0;
    for carrier in carriers() {
        for auth in credentials_carrying(&carrier) {
            let body = json!({"auth": auth, "request": {}, "settings": {"host": "h"}}).to_string();
            for capability in ["validate_credentials", "list_accounts"] {
                assert_hidden(&everything_written(MOCK_CONNECTOR, capability, &body), &body);
                cases += 1;
            }
        }
    }
    assert!(cases > 100, "{cases} cases");
}

#[test]
fn a_secret_in_the_wrong_place_of_the_envelope_is_not_echoed() {
    let valid_auth = json!({"basic": {"username": "u", "password": SECRET}});
    for carrier in carriers() {
        for envelope in [
            json!({"auth": valid_auth, "request": {}, "settings": {"host": carrier}}),
            json!({"auth": valid_auth, "request": carrier, "settings": {"host": "h"}}),
            json!({"auth": valid_auth, "request": {}, "settings": {"host": "h"}, "page": carrier}),
            json!({"auth": valid_auth, "request": {}, "settings": {"host": "h"}, "page": {"token": carrier}}),
            json!({"auth": valid_auth, "request": {}, "settings": {"host": "h"}, "include_raw_data": carrier}),
            json!({"auth": valid_auth, "request": {}, "settings": carrier}),
            json!({"credentials": [{"id": "main", "basic": {"username": "u", "password": carrier}}], "request": {}, "settings": {"host": "h"}}),
        ] {
            // The password is the secret here; the carriers only try to
            // smuggle it out through other fields.
            let body = envelope.to_string();
            let written = everything_written(MOCK_CONNECTOR, "list_accounts", &body);
            assert_hidden_of(&written, &body, &[SECRET.to_owned()]);
        }
    }
}

#[test]
fn an_upstream_that_echoes_the_credential_does_not_get_it_printed() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let answers: Vec<(u16, &str, String)> = vec![
        (
            401,
            "application/json",
            json!({"error": "bad token", "got": format!("Bearer {SECRET}")}).to_string(),
        ),
        (403, "text/plain", format!("Authorization: Bearer {SECRET}")),
        (
            500,
            "text/html",
            format!("<html><body><pre>token={SECRET}</pre></body></html>"),
        ),
        (200, "text/plain", format!("not json {SECRET}")),
        (
            200,
            "application/json",
            json!({"tenant": 1, "echo": SECRET}).to_string(),
        ),
        (
            404,
            "application/json",
            format!("{{\"error\": \"{}\"}}", "x".repeat(100_000) + SECRET),
        ),
    ];
    for (status, content_type, body) in answers {
        runtime.block_on(async {
            let mut upstream = MockUpstream::start().await;
            upstream
                .expect(
                    Exchange::get("/status")
                        .respond_text(status, &body)
                        .response_header("content-type", content_type)
                        .response_header("x-echo", &format!("Bearer {SECRET}"))
                        .times(u64::MAX),
                )
                .await;
            let envelope = json!({
                "auth": {"token": {"token": SECRET}},
                "request": {},
                "settings": {"base_url": upstream.uri()},
            })
            .to_string();
            let written = everything_written(CONFORMANCE_HTTP_ERRORS, "validate_credentials", &envelope);
            assert_hidden(&written, &format!("{status} {content_type}"));
        });
    }
}
