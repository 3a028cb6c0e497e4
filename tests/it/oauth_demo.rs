//! Both demo binaries end to end through their command line, against the
//! local OAuth server: a token obtained by one call is used by the next.

use std::process::Command;

use oauth_test_server::{CLIENT_ID, CLIENT_SECRET, OAuthServer, TENANT_ID};
use serde_json::{Value, json};

/// Runs `<binary> <capability> --json <body>` (`info` takes no body) and parses its stdout.
async fn run(binary: &'static str, capability: &'static str, body: Value) -> Value {
    let output = tokio::task::spawn_blocking(move || {
        let mut command = Command::new(binary);
        command.arg(capability);
        if capability != "info" {
            command.args(["--json", &body.to_string()]);
        }
        command.output().expect("the binary runs")
    })
    .await
    .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

const CODE_DEMO: &str = crate::OAUTH_CODE_DEMO;
const CLIENT_CREDENTIALS_DEMO: &str = crate::OAUTH_CLIENT_CREDENTIALS_DEMO;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_demo_authorizes_refreshes_and_validates() {
    let server = OAuthServer::start().await;
    let settings = json!({"base_url": server.base_url});

    let url = run(
        CODE_DEMO,
        "get_authorization_url",
        json!({"request": {"client_id": CLIENT_ID, "scopes": [], "redirect_uri": "https://lumos.example/cb", "state": "st8"},
            "settings": settings}),
    )
    .await;
    let authorization_url = url["response"]["authorization_url"].as_str().expect("a URL");
    assert!(
        authorization_url.contains("&scope=tenant%3Aread+profile&"),
        "{authorization_url}"
    );
    assert!(
        authorization_url.contains("&code_challenge_method=S256"),
        "{authorization_url}"
    );

    let consent = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(authorization_url)
        .send()
        .await
        .unwrap();
    let location = consent.headers()["location"].to_str().unwrap().to_owned();

    let tokens = run(
        CODE_DEMO,
        "handle_authorization_callback",
        json!({"request": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uri_with_code": location,
            "state": "st8", "code_verifier": url["response"]["code_verifier"]}, "settings": settings}),
    )
    .await;
    let access_token = tokens["response"]["access_token"]
        .as_str()
        .expect("an access token")
        .to_owned();
    let refresh_token = tokens["response"]["refresh_token"]
        .as_str()
        .expect("a refresh token")
        .to_owned();

    let validated = run(
        CODE_DEMO,
        "validate_credentials",
        json!({"request": {}, "auth": {"oauth": {"access_token": access_token}}, "settings": settings}),
    )
    .await;
    assert_eq!(
        validated["response"],
        json!({"valid": true, "unique_tenant_id": TENANT_ID})
    );

    let refreshed = run(
        CODE_DEMO,
        "refresh_access_token",
        json!({"request": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "refresh_token": refresh_token},
            "settings": settings, "include_raw_data": true}),
    )
    .await;
    let new_token = refreshed["response"]["access_token"]
        .as_str()
        .expect("a new token");
    assert_ne!(new_token, access_token);
    assert_eq!(refreshed["raw_data"]["expires_in"], 3600);
    let validated = run(
        CODE_DEMO,
        "validate_credentials",
        json!({"request": {}, "auth": {"oauth": {"access_token": new_token}}, "settings": settings}),
    )
    .await;
    assert_eq!(validated["response"]["unique_tenant_id"], TENANT_ID);

    // A token the app does not know is the app's 401.
    let refused = run(
        CODE_DEMO,
        "validate_credentials",
        json!({"request": {}, "auth": {"oauth": {"access_token": "forged"}}, "settings": settings}),
    )
    .await;
    assert_eq!(refused["error"]["error_code"], "unauthorized");
    assert_eq!(refused["error"]["status_code"], 401);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn client_credentials_demo_gets_a_token_and_validates_it() {
    let server = OAuthServer::start().await;
    let settings = json!({"base_url": server.base_url});
    let tokens = run(
        CLIENT_CREDENTIALS_DEMO,
        "handle_client_credentials_request",
        json!({"request": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "scopes": []}, "settings": settings}),
    )
    .await;
    let access_token = tokens["response"]["access_token"]
        .as_str()
        .expect("an access token");
    assert_eq!(
        server.last_request().unwrap().param("scope"),
        Some("tenant:read profile")
    );

    let validated = run(
        CLIENT_CREDENTIALS_DEMO,
        "validate_credentials",
        json!({"request": {}, "auth": {"oauth_client_credentials": {"access_token": access_token, "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET, "scopes": []}}, "settings": settings}),
    )
    .await;
    assert_eq!(
        validated["response"],
        json!({"valid": true, "unique_tenant_id": TENANT_ID})
    );

    let refused = run(
        CLIENT_CREDENTIALS_DEMO,
        "handle_client_credentials_request",
        json!({"request": {"client_id": CLIENT_ID, "client_secret": "wrong-secret", "scopes": []}, "settings": settings}),
    )
    .await;
    assert_eq!(refused["error"]["status_code"], 401);
    assert!(!refused.to_string().contains("wrong-secret"));

    let info = run(CLIENT_CREDENTIALS_DEMO, "info", json!({})).await;
    assert_eq!(
        info["response"]["capabilities"],
        json!([
            "app_info",
            "handle_client_credentials_request",
            "refresh_access_token",
            "validate_credentials"
        ])
    );
}
