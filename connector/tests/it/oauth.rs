//! The OAuth capabilities served by the runtime, called through `App::dispatch`
//! against the local OAuth server.

use connector::App;
use connector::CredentialConfig;
use connector::models::{
    AuthModel, OAuthClientCredential, OAuthCredential, OauthCredentials, RefreshAccessToken, TokenType,
};
use connector::oauth::{ClientAuth, Endpoint, OAuthCapability, OAuthSettings, RequestBody, RequestMethod};
use connector::prelude::*;
use oauth_test_server::{CLIENT_ID, CLIENT_SECRET, OAuthServer};
use serde_json::{Value, json};

#[derive(Debug, Deserialize, JsonSchema)]
struct Settings {
    base_url: String,
}

fn at(path: &'static str) -> Endpoint {
    Endpoint::from_settings(move |s: &Settings| format!("{}{path}", s.base_url))
}

fn code_flow() -> OAuthSettings {
    OAuthSettings::authorization_code()
        .authorization_url(at("/oauth/authorize"))
        .token_url(at("/oauth/token"))
        .scope("list_accounts", "users:read groups:read")
        .scope("validate_credentials", "users:read profile")
        .pkce(true)
}

#[connector(app_id = "code-app", auth = OAuthCredential, settings = Settings, oauth = code_flow())]
struct CodeApp;

fn broken_flow() -> OAuthSettings {
    OAuthSettings::client_credentials()
        .token_url(Endpoint::from_raw_settings(|s| {
            s.get("token_url").and_then(Value::as_str).map(str::to_owned)
        }))
        .without(OAuthCapability::RefreshAccessToken)
}

#[connector(app_id = "broken-app", auth = OAuthClientCredential, oauth = broken_flow())]
struct BrokenApp;

#[capability(refresh_access_token)]
async fn own_refresh(_ctx: Context<BrokenApp>, request: RefreshAccessToken) -> Result<OauthCredentials> {
    Ok(OauthCredentials {
        access_token: format!("own-{}", request.client_id).into(),
        refresh_token: None,
        token_type: TokenType::Bearer,
        state: None,
    })
}

fn no_authorization_url() -> OAuthSettings {
    OAuthSettings::authorization_code().token_url("http://127.0.0.1:9/token")
}

#[connector(app_id = "no-url-app", auth = OAuthCredential, oauth = no_authorization_url())]
struct NoUrlApp;

fn credentials() -> Vec<CredentialConfig> {
    vec![
        CredentialConfig::new("alpha", AuthModel::Oauth, "People sign in.").with_oauth(
            OAuthSettings::authorization_code()
                .authorization_url(at("/oauth/authorize"))
                .token_url(at("/oauth/token"))
                .scope("list_accounts", "alpha:read"),
        ),
        CredentialConfig::new("beta", AuthModel::OauthClientCredentials, "A service client.")
            .optional()
            .with_oauth(
                OAuthSettings::client_credentials()
                    .token_url(at("/oauth/token"))
                    .scope("list_accounts", "beta:read")
                    .client_auth(ClientAuth::ClientSecretBasic)
                    .request_type(RequestMethod::Post, RequestBody::Json),
            ),
    ]
}

#[connector(app_id = "multi-app", settings = Settings, credentials = credentials())]
struct MultiApp;

async fn call(app: &str, capability: &str, body: Value) -> Value {
    let app = App::load_app(app).expect("the connector is registered");
    serde_json::from_str(&app.dispatch(capability, body.to_string()).await).expect("JSON out")
}

fn settings(server: &OAuthServer) -> Value {
    json!({"base_url": server.base_url})
}

/// Follows an authorization URL to the server, which answers with the redirect.
async fn consent(authorization_url: &str) -> String {
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let response = client.get(authorization_url).send().await.unwrap();
    assert_eq!(response.status(), 302, "{authorization_url}");
    response.headers()["location"].to_str().unwrap().to_owned()
}

fn error_of(envelope: &Value) -> &Value {
    assert_eq!(envelope["is_error"], true, "{envelope}");
    &envelope["error"]
}

/// A whole authorization-code round: URL, consent, callback.
async fn authorize(server: &OAuthServer, app: &str, credential_id: Option<&str>) -> Value {
    let url = call(
        app,
        "get_authorization_url",
        json!({"request": {"credential_id": credential_id, "client_id": CLIENT_ID, "scopes": [],
            "redirect_uri": "https://lumos.example/cb", "state": "st8"}, "settings": settings(server)}),
    )
    .await;
    let location = consent(url["response"]["authorization_url"].as_str().expect("a URL")).await;
    call(
        app,
        "handle_authorization_callback",
        json!({"request": {"credential_id": credential_id, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
            "redirect_uri_with_code": location, "state": "st8",
            "code_verifier": url["response"]["code_verifier"]}, "settings": settings(server), "include_raw_data": true}),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authorization_code_with_pkce_end_to_end() {
    let server = OAuthServer::start().await;
    let url = call(
        "code-app",
        "get_authorization_url",
        json!({"request": {"client_id": CLIENT_ID, "scopes": [], "redirect_uri": "https://lumos.example/cb", "state": "st8"},
            "settings": settings(&server)}),
    )
    .await;
    let authorization_url = url["response"]["authorization_url"].as_str().unwrap();
    let expected_start = format!(
        "{}/oauth/authorize?client_id=demo-client&response_type=code&scope=users%3Aread+groups%3Aread+profile&redirect_uri=https%3A%2F%2Flumos.example%2Fcb&state=st8&code_challenge=",
        server.base_url
    );
    assert!(
        authorization_url.starts_with(&expected_start),
        "{authorization_url}"
    );
    assert!(authorization_url.ends_with("&code_challenge_method=S256"));
    assert_eq!(url["response"]["code_verifier"].as_str().unwrap().len(), 43);

    let tokens = authorize(&server, "code-app", None).await;
    assert!(
        tokens["response"]["access_token"]
            .as_str()
            .unwrap()
            .starts_with("access-"),
        "{tokens}"
    );
    assert_eq!(tokens["response"]["token_type"], "bearer");
    assert_eq!(
        tokens["raw_data"]["token_type"], "bearer",
        "raw data is the normalised token JSON"
    );
    assert_eq!(tokens["raw_data"]["expires_in"], 3600);
    let seen = server.last_request().unwrap();
    assert_eq!(
        seen.param("redirect_uri"),
        Some("https://lumos.example/cb"),
        "query and fragment dropped"
    );
    assert!(seen.param("code_verifier").is_some());

    // The scopes of the request win over the configured ones.
    let url = call(
        "code-app",
        "get_authorization_url",
        json!({"request": {"client_id": "c", "scopes": ["a", "b c"], "redirect_uri": "r", "state": "s"},
            "settings": settings(&server)}),
    )
    .await;
    assert!(
        url["response"]["authorization_url"]
            .as_str()
            .unwrap()
            .contains("&scope=a+b+c&")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_verifier_is_reported_without_secrets() {
    let server = OAuthServer::start().await;
    let url = call(
        "code-app",
        "get_authorization_url",
        json!({"request": {"client_id": CLIENT_ID, "scopes": [], "redirect_uri": "https://lumos.example/cb", "state": "st8"},
            "settings": settings(&server)}),
    )
    .await;
    let location = consent(url["response"]["authorization_url"].as_str().unwrap()).await;
    let wrong_verifier = "x".repeat(43);
    let out = call(
        "code-app",
        "handle_authorization_callback",
        json!({"request": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uri_with_code": location,
            "state": "st8", "code_verifier": wrong_verifier}, "settings": settings(&server)}),
    )
    .await;
    let error = error_of(&out);
    assert_eq!(error["status_code"], 400);
    assert_eq!(error["error_code"], "api_error");
    assert_eq!(
        error["message"],
        format!(
            "[400][{}/oauth/token] OAuth request failed: invalid_grant: PKCE verification failed.",
            server.base_url
        )
    );
    assert_eq!(
        error["raised_in"],
        "connector::oauth:handle_authorization_callback"
    );
    let text = out.to_string();
    let code = location.split("code=").nth(1).unwrap().split('&').next().unwrap();
    for secret in [wrong_verifier.as_str(), CLIENT_SECRET, code] {
        assert!(!text.contains(secret), "{text}");
    }

    // Without the verifier the token request goes without one, and the
    // server that issued a challenge refuses it.
    let out = call(
        "code-app",
        "handle_authorization_callback",
        json!({"request": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "redirect_uri_with_code": location},
            "settings": settings(&server)}),
    )
    .await;
    assert_eq!(error_of(&out)["error_code"], "api_error", "{out}");
    assert!(!out.to_string().contains(CLIENT_SECRET), "{out}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_state_mismatch_is_a_bad_request() {
    let server = OAuthServer::start().await;
    let before = server.requests().len();
    let out = call(
        "code-app",
        "handle_authorization_callback",
        json!({"request": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
            "redirect_uri_with_code": "https://lumos.example/cb?code=abc&state=forged", "state": "st8", "code_verifier": "v"},
            "settings": settings(&server)}),
    )
    .await;
    let error = error_of(&out);
    assert_eq!(error["error_code"], "bad_request");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .starts_with("The state in the redirect URI does not match")
    );
    assert_eq!(server.requests().len(), before, "no token request is made");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refresh_with_and_without_rotation() {
    let server = OAuthServer::start().await;
    let refresh = |token: String| {
        let settings = settings(&server);
        async move {
            call(
                "code-app",
                "refresh_access_token",
                json!({"request": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "refresh_token": token},
                    "settings": settings}),
            )
            .await
        }
    };
    let first = server.issue_refresh_token();
    let rotated = refresh(first.clone()).await;
    let second = rotated["response"]["refresh_token"]
        .as_str()
        .expect("a new refresh token")
        .to_owned();
    assert_ne!(second, first);
    assert_eq!(rotated["raw_data"], Value::Null, "raw data only on request");
    let reused = refresh(first).await;
    assert_eq!(
        error_of(&reused)["status_code"],
        400,
        "the old one was rotated away"
    );

    server.rotate_refresh_tokens(false);
    let kept = refresh(second.clone()).await;
    assert!(kept["response"]["access_token"].is_string(), "{kept}");
    assert_eq!(kept["response"]["refresh_token"], Value::Null);
    let again = refresh(second).await;
    assert!(
        again["response"]["access_token"].is_string(),
        "the refresh token still works: {again}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_client_secret_gives_invalid_client() {
    let server = OAuthServer::start().await;
    let out = call(
        "code-app",
        "refresh_access_token",
        json!({"request": {"client_id": CLIENT_ID, "client_secret": "not-the-secret", "refresh_token": "refresh-x"},
            "settings": settings(&server)}),
    )
    .await;
    let error = error_of(&out);
    assert_eq!(error["status_code"], 401);
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .ends_with("invalid_client: Client authentication failed.")
    );
    assert!(!out.to_string().contains("not-the-secret"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_that_are_not_tokens_are_errors() {
    let server = OAuthServer::start().await;
    let cases = [
        (
            "html",
            502,
            "the token endpoint's answer is not JSON (content type `text/html`)",
        ),
        ("empty", 200, "the token endpoint's answer is empty"),
        (
            "not-a-token",
            200,
            "the token endpoint's answer is not a token: missing field `access_token`",
        ),
        (
            "server-error",
            500,
            "server_error: The server is down for maintenance.",
        ),
    ];
    for (kind, status, ending) in cases {
        let token_url = format!("{}/broken/{kind}/oauth/token", server.base_url);
        let out = call(
            "broken-app",
            "handle_client_credentials_request",
            json!({"request": {"client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "scopes": ["s"]},
                "settings": {"token_url": token_url}}),
        )
        .await;
        let error = error_of(&out);
        assert_eq!(error["status_code"], status, "{kind}: {out}");
        assert_eq!(
            error["message"],
            format!("[{status}][{token_url}] OAuth request failed: {ending}"),
            "{kind}"
        );
        assert_eq!(error["raised_by"], "OAuthRequestError");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_urls_and_settings_are_bad_requests() {
    let out = call(
        "broken-app",
        "handle_client_credentials_request",
        json!({"request": {"client_id": "c", "client_secret": "s", "scopes": []}, "settings": {}}),
    )
    .await;
    assert_eq!(
        error_of(&out)["message"],
        "Required URL was not provided for the OAuth flow."
    );
    assert_eq!(error_of(&out)["error_code"], "bad_request");
    let out = call(
        "no-url-app",
        "get_authorization_url",
        json!({"request": {"client_id": "c", "scopes": [], "redirect_uri": "r", "state": "s"}}),
    )
    .await;
    assert_eq!(
        error_of(&out)["message"],
        "Required URL was not provided for the OAuth flow."
    );
    let out = call(
        "code-app",
        "get_authorization_url",
        json!({"request": {"client_id": "c", "scopes": [], "redirect_uri": "r", "state": "s"}, "auth": {"basic": {"username": "u", "password": "p"}}}),
    )
    .await;
    assert_eq!(
        error_of(&out)["message"],
        "No settings passed on request: code-app requires Settings"
    );
    let out = call(
        "code-app",
        "get_authorization_url",
        json!({"request": {"client_id": "c", "scopes": [], "redirect_uri": "r", "state": "s"}, "settings": {"base_url": 1}}),
    )
    .await;
    assert!(
        error_of(&out)["message"]
            .as_str()
            .unwrap()
            .starts_with("Invalid settings passed on request.")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switched_off_capabilities_are_left_to_the_author() {
    let app = App::load_app("broken-app").unwrap();
    assert_eq!(
        app.capability_names(),
        [
            "app_info",
            "handle_client_credentials_request",
            "refresh_access_token"
        ]
    );
    let out = call(
        "broken-app",
        "refresh_access_token",
        json!({"request": {"client_id": "mine", "client_secret": "s", "refresh_token": "r"}}),
    )
    .await;
    assert_eq!(out["response"]["access_token"], "own-mine");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credential_id_selects_the_credentials_oauth_settings() {
    let server = OAuthServer::start().await;
    let app = App::load_app("multi-app").unwrap();
    assert_eq!(
        app.capability_names(),
        [
            "app_info",
            "get_authorization_url",
            "handle_authorization_callback",
            "handle_client_credentials_request",
            "refresh_access_token",
            "validate_credential_config",
        ]
    );

    // alpha: authorization code, form body, client_secret_post.
    let tokens = authorize(&server, "multi-app", Some("alpha")).await;
    let refresh_token = tokens["response"]["refresh_token"]
        .as_str()
        .expect("tokens")
        .to_owned();
    let seen = server.last_request().unwrap();
    assert_eq!(
        seen.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(seen.param("client_secret"), Some(CLIENT_SECRET));
    let url = call(
        "multi-app",
        "get_authorization_url",
        json!({"request": {"credential_id": "alpha", "client_id": "c", "scopes": [], "redirect_uri": "r", "state": "s"},
            "settings": settings(&server)}),
    )
    .await;
    assert!(
        url["response"]["authorization_url"]
            .as_str()
            .unwrap()
            .contains("&scope=alpha%3Aread&")
    );
    assert_eq!(url["response"]["code_verifier"], Value::Null, "alpha has no PKCE");

    // beta: client credentials, JSON body, client_secret_basic.
    let out = call(
        "multi-app",
        "handle_client_credentials_request",
        json!({"request": {"credential_id": "beta", "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "scopes": []},
            "settings": settings(&server)}),
    )
    .await;
    assert!(out["response"]["access_token"].is_string(), "{out}");
    let seen = server.last_request().unwrap();
    assert_eq!(seen.content_type.as_deref(), Some("application/json"));
    assert!(seen.authorization.as_deref().unwrap().starts_with("Basic "));
    assert_eq!(seen.param("scope"), Some("beta:read"));

    // refresh follows the credential too.
    for (id, json_body) in [("beta", true), ("alpha", false)] {
        let token = if id == "alpha" {
            refresh_token.clone()
        } else {
            server.issue_refresh_token()
        };
        let out = call(
            "multi-app",
            "refresh_access_token",
            json!({"request": {"credential_id": id, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
                "refresh_token": token}, "settings": settings(&server)}),
        )
        .await;
        assert!(out["response"]["access_token"].is_string(), "{id}: {out}");
        let seen = server.last_request().unwrap();
        assert_eq!(
            seen.content_type.as_deref() == Some("application/json"),
            json_body,
            "{id}"
        );
    }

    let wrong_flow = call(
        "multi-app",
        "get_authorization_url",
        json!({"request": {"credential_id": "beta", "client_id": "c", "scopes": [], "redirect_uri": "r", "state": "s"},
            "settings": settings(&server)}),
    )
    .await;
    assert_eq!(
        error_of(&wrong_flow)["message"],
        "The OAuth flow of credential 'beta' (CLIENT_CREDENTIALS) has no capability get_authorization_url."
    );
    let unknown = call(
        "multi-app",
        "refresh_access_token",
        json!({"request": {"credential_id": "gamma", "client_id": "c", "client_secret": "s", "refresh_token": "r"},
            "settings": settings(&server)}),
    )
    .await;
    assert_eq!(
        error_of(&unknown)["message"],
        "OAuth settings for credential ID: gamma were not provided!"
    );
    let ambiguous = call(
        "multi-app",
        "refresh_access_token",
        json!({"request": {"client_id": "c", "client_secret": "s", "refresh_token": "r"}, "settings": settings(&server)}),
    )
    .await;
    assert!(
        error_of(&ambiguous)["message"]
            .as_str()
            .unwrap()
            .contains("name one with `credential_id`")
    );
    // Only one credential has a code flow: it serves requests that name none.
    let url = call(
        "multi-app",
        "get_authorization_url",
        json!({"request": {"client_id": "c", "scopes": [], "redirect_uri": "r", "state": "s"}, "settings": settings(&server)}),
    )
    .await;
    assert!(
        url["response"]["authorization_url"]
            .as_str()
            .unwrap()
            .contains("alpha%3Aread"),
        "{url}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn info_and_app_info_describe_the_flows() {
    let info = connector::document::info::build(App::load_app("code-app").unwrap().catalog());
    let info = serde_json::to_value(info).unwrap();
    assert_eq!(
        info["oauth_scopes"],
        json!({"list_accounts": "users:read groups:read", "validate_credentials": "users:read profile"})
    );
    assert_eq!(info["authentication_schema"]["x-credential-type"], "oauth");
    assert!(info["capability_schema"]["handle_authorization_callback"]["argument"]["properties"]["redirect_uri_with_code"].is_object());

    let out = call(
        "code-app",
        "app_info",
        json!({"request": {}, "settings": {"base_url": "https://t.example"}}),
    )
    .await;
    let doc = &out["response"]["app_schema"];
    assert_eq!(
        doc["info"]["x-oauth-settings"],
        json!({
            "oauth_type": "CODE_FLOW",
            "token_url": "https://t.example/oauth/token",
            "authorization_url": "https://t.example/oauth/authorize",
            "capabilities": {"get_authorization_url": true, "handle_authorization_callback": true, "refresh_access_token": true},
            "scopes": {"users:read groups:read": "Required for list_accounts", "users:read profile": "Required for validate_credentials"},
            "pkce_enabled": true,
        })
    );
    assert_eq!(doc["components"]["securitySchemes"]["code-app"]["type"], "oauth2");
    assert_eq!(
        doc["components"]["securitySchemes"]["code-app"]["flows"]["authorizationCode"]["tokenUrl"],
        "https://t.example/oauth/token"
    );
    assert_eq!(
        doc["paths"]["/refresh_access_token"]["post"]["tags"],
        json!(["Authorization"])
    );
    assert_eq!(
        doc["paths"]["/app_info"]["post"]["tags"],
        json!(["Specification"])
    );

    let multi = call("multi-app", "app_info", json!({"request": {}})).await;
    let doc = &multi["response"]["app_schema"];
    assert_eq!(
        doc["info"]["x-oauth-settings"]["beta"]["oauth_type"],
        "CLIENT_CREDENTIALS"
    );
    assert_eq!(
        doc["info"]["x-oauth-settings"]["alpha"]["token_url"], "",
        "no settings, no URL"
    );
    assert!(doc["components"]["securitySchemes"]["beta"]["flows"]["clientCredentials"].is_object());
    let info = serde_json::to_value(connector::document::info::build(
        App::load_app("multi-app").unwrap().catalog(),
    ))
    .unwrap();
    assert_eq!(info["oauth_scopes"], Value::Null);
    // As the reference: `info` gives only a connector-wide flow's settings;
    // a credential's own flow is described by `app_info`.
    assert_eq!(info["credentials_schema"][1].get("oauth_settings"), None);
}

/// The runtime's own token requests go through a cassette too: recorded with
/// the client secret, the refresh token and the tokens handed out hidden,
/// replayed with any of them.
#[cfg(feature = "testing")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_requests_are_recorded_without_secrets_and_replayed() {
    use connector::testing::Cassette;

    let server = OAuthServer::start().await;
    let refresh_token = server.issue_refresh_token();
    let refresh = |base_url: String, secret: &str, token: &str| {
        let body = json!({"request": {"client_id": CLIENT_ID, "client_secret": secret, "refresh_token": token},
            "settings": {"base_url": base_url}});
        call("code-app", "refresh_access_token", body)
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("refresh.json");

    let cassette = Cassette::record(&path);
    let recorded = cassette
        .run(refresh(server.base_url.clone(), CLIENT_SECRET, &refresh_token))
        .await;
    cassette.finish();
    let access_token = recorded["response"]["access_token"].as_str().expect("a token");
    let rotated = recorded["response"]["refresh_token"]
        .as_str()
        .expect("a new refresh token");
    let text = std::fs::read_to_string(&path).unwrap();
    for secret in [CLIENT_SECRET, &refresh_token, access_token, rotated] {
        assert!(!text.contains(secret), "{secret} is in the cassette:\n{text}");
    }
    let exchange = &serde_json::from_str::<Value>(&text).unwrap()["exchanges"][0];
    assert_eq!(
        exchange["request"]["form"]["grant_type"], "refresh_token",
        "{exchange:#}"
    );
    assert_eq!(exchange["request"]["form"]["refresh_token"], "[REDACTED]");
    assert_eq!(exchange["response"]["json"]["access_token"], "[REDACTED]");

    // Nothing listens on port 9; other credentials match the hidden ones.
    let cassette = Cassette::replay(&path);
    let replayed = cassette
        .run(refresh(
            "http://127.0.0.1:9".to_owned(),
            "other-secret",
            "other-refresh-token",
        ))
        .await;
    cassette.finish();
    assert_eq!(replayed["response"]["access_token"], "[REDACTED]", "{replayed}");
    assert_eq!(replayed["response"]["refresh_token"], "[REDACTED]");
}
