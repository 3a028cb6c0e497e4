//! Cassettes: the SCIM connector, called in-process, recorded against the
//! in-memory SCIM server and replayed once the server is gone.

use std::path::Path;

use connector::App;
use connector::client::HttpClient;
use connector::testing::{Cassette, Subject};
use scim_test_server::{Config, ScimServer};
use serde_json::{Value, json};

/// The bearer token the server accepts while recording: a `/` and a `+`
/// make its percent-encoded form differ from it.
const TOKEN: &str = "planted/Bearer+t0ken-71";
/// A password sent in a request body, which the server echoes back.
const PASSWORD: &str = "planted-Pa55w0rd-42";
/// Where the replays point: nothing listens there.
const NOWHERE: &str = "http://127.0.0.1:9/scim/v2";

fn scim() -> Subject {
    // Linked through the example's library.
    let _ = scim_connector::ScimConnector;
    Subject::app(App::load_app("scim").expect("the SCIM connector is linked"))
}

/// Calls `capability` of the SCIM connector at `base_url` with `token`.
async fn call(base_url: &str, token: &str, capability: &str, request: Value, page: Option<Value>) -> Value {
    let subject = scim();
    let mut call = subject
        .call(capability)
        .auth(json!({"token": {"token": token}}))
        .settings(json!({"base_url": base_url}))
        .request(request);
    if let Some(page) = page {
        call = call.page(page);
    }
    call.send().await.envelope
}

/// A session of calls: the credentials, every page of the accounts, a new
/// account, the same read before and after deactivating it, and requests of
/// the framework's client carrying a password and the token as a query
/// parameter. Returns what each call answered.
async fn session(base_url: &str, token: &str) -> Vec<Value> {
    let mut answers = vec![call(base_url, token, "validate_credentials", json!({}), None).await];
    let mut page = json!({"size": 2});
    loop {
        let answer = call(base_url, token, "list_accounts", json!({}), Some(page.clone())).await;
        let next = answer["page"]["token"].clone();
        answers.push(answer);
        match next {
            Value::String(t) => page = json!({"size": 2, "token": t}),
            _ => break,
        }
    }
    let created = call(
        base_url,
        token,
        "create_account",
        json!({"username": "grace", "email": "grace@navy.example", "entitlements": []}),
        None,
    )
    .await;
    let id = created["response"]["id"].as_str().expect("an id").to_owned();
    answers.push(created);
    for capability in ["get_account", "deactivate_account", "get_account"] {
        answers.push(call(base_url, token, capability, json!({"account_id": id}), None).await);
    }

    let http = HttpClient::builder(base_url).bearer(token).build().unwrap();
    let user: Value = http
        .post_json("/Users", &json!({"userName": "planted", "password": PASSWORD}))
        .await
        .unwrap();
    answers.push(json!({"id": user["id"], "userName": user["userName"]}));
    let found: Value = http
        .get("/Users")
        .query(&[("filter", "userName eq \"planted\""), ("access_token", token)])
        .send()
        .await
        .unwrap()
        .json()
        .unwrap();
    answers.push(found["totalResults"].clone());
    answers
}

fn server() -> ScimServer {
    let server = ScimServer::start_with(Config {
        token: TOKEN.to_owned(),
        ..Config::default()
    });
    let users = server.seed_users(5);
    server.seed_group("staff", &users);
    server
}

/// Records `f` against a fresh server into `path`, then stops the server.
async fn record<F, Fut, T>(path: &Path, f: F) -> T
where
    F: FnOnce(String) -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let server = server();
    let cassette = Cassette::record(path);
    let out = cassette.run(f(server.base_url())).await;
    cassette.finish();
    drop(server);
    out
}

/// The message of the panic of `f`, run in a task of its own.
async fn panic_of<F: std::future::Future<Output = ()> + Send + 'static>(f: F) -> String {
    let failure = tokio::spawn(f).await.expect_err("expected a panic");
    let panic = failure.into_panic();
    match panic.downcast::<String>() {
        Ok(message) => *message,
        Err(panic) => panic
            .downcast::<&str>()
            .map(|m| (*m).to_owned())
            .unwrap_or_default(),
    }
}

#[tokio::test]
async fn a_recorded_session_replays_without_the_server_and_holds_no_secret() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cassettes/session.json");
    let recorded = record(&path, |base_url| async move { session(&base_url, TOKEN).await }).await;
    assert!(
        recorded.iter().all(|a| a.get("is_error").is_none()),
        "{recorded:#?}"
    );
    assert_eq!(
        recorded.len(),
        10,
        "validate, 3 pages, create, read, deactivate, read, 2 requests"
    );
    assert_eq!(recorded[5]["response"]["user_status"], "ACTIVE");
    assert_eq!(recorded[7]["response"]["user_status"], "INACTIVE");

    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("{\n  \"version\": 1,\n  \"exchanges\": ["),
        "pretty JSON:\n{text}"
    );
    for secret in [TOKEN, "planted%2FBearer%2Bt0ken-71", PASSWORD] {
        assert!(!text.contains(secret), "{secret} is in the cassette:\n{text}");
    }
    let cassette: Value = serde_json::from_str(&text).unwrap();
    let exchanges = cassette["exchanges"].as_array().unwrap();
    assert_eq!(exchanges.len(), 11, "deactivating reads, then patches");
    let first = &exchanges[0];
    assert_eq!(first["request"]["method"], "GET");
    assert!(
        first["request"]["url"]
            .as_str()
            .unwrap()
            .ends_with("/scim/v2/ServiceProviderConfig")
    );
    assert_eq!(first["request"]["headers"]["authorization"], "[REDACTED]");
    assert_eq!(first["response"]["status"], 200);
    let planted = &exchanges[9];
    assert_eq!(planted["request"]["json"]["password"], "[REDACTED]");
    assert_eq!(
        planted["response"]["json"]["password"], "[REDACTED]",
        "the echo too"
    );
    assert!(
        exchanges[10]["request"]["url"]
            .as_str()
            .unwrap()
            .ends_with("&access_token=[REDACTED]"),
        "{}",
        exchanges[10]["request"]["url"]
    );

    // The server is gone; another token and another port make no difference.
    let cassette = Cassette::replay(&path);
    let replayed = cassette.run(session(NOWHERE, "another-token")).await;
    cassette.finish();
    assert_eq!(replayed, recorded);
}

#[tokio::test]
async fn a_request_the_cassette_does_not_hold_fails_with_the_difference() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("create.json");
    let create = |name: &str| json!({"username": name, "email": "grace@navy.example", "entitlements": []});
    let recorded = record(&path, |base_url| {
        let request = create("grace");
        async move { call(&base_url, TOKEN, "create_account", request, None).await }
    })
    .await;
    assert_eq!(recorded["response"]["created"], true);

    // Another user name.
    let (p, request) = (path.clone(), create("grace2"));
    let message = panic_of(async move {
        let cassette = Cassette::replay(&p);
        cassette
            .run(call(NOWHERE, TOKEN, "create_account", request, None))
            .await;
    })
    .await;
    for part in [
        "holds no answer to request 1 of this replay:\n    POST /scim/v2/Users\n    body: {",
        "nearest recorded exchange: 1 of 1:\n    POST /scim/v2/Users\n",
        "    - body /userName: recorded \"grace\", sent \"grace2\"\n",
        "CONNECTOR_CASSETTES=record",
    ] {
        assert!(message.contains(part), "{part:?} not in:\n{message}");
    }

    // The same request once more than recorded.
    let (p, request) = (path.clone(), create("grace"));
    let message = panic_of(async move {
        let cassette = Cassette::replay(&p);
        for _ in 0..2 {
            cassette
                .run(call(NOWHERE, TOKEN, "create_account", request.clone(), None))
                .await;
        }
    })
    .await;
    assert!(message.contains("request 2 of this replay"), "{message}");
    assert!(
        message.contains("1 of 1, already played:")
            && message.contains("sent once more than the 1 time(s) it was recorded"),
        "{message}"
    );

    // Nothing requested: the exchange is left unplayed.
    let p = path.clone();
    let message = panic_of(async move { Cassette::replay(&p).finish() }).await;
    assert!(
        message.contains("1 of 1 recorded exchanges were never requested")
            && message.contains("exchange 1: POST /scim/v2/Users"),
        "{message}"
    );

    // A connector binary sends its requests past the cassette.
    let p = path.clone();
    let message = panic_of(async move {
        let cassette = Cassette::replay(&p);
        let binary = Subject::binary(crate::SCIM_CONNECTOR);
        cassette.run(binary.call("validate_credentials").send()).await;
    })
    .await;
    assert!(message.contains("call the connector in-process"), "{message}");

    // A missing cassette says how to record it.
    let p = dir.path().join("missing.json");
    let message = panic_of(async move { drop(Cassette::replay(&p)) }).await;
    assert!(
        message.contains("does not exist: record it") && message.contains("CONNECTOR_CASSETTES=record"),
        "{message}"
    );
}
