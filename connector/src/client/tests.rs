//! The client against scripted wiremock servers on 127.0.0.1.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::*;
use crate::error::ErrorMap;

/// One canned answer: status, extra headers, body, and a delay before answering.
#[derive(Clone)]
struct Canned {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
    delay: Duration,
}

fn canned(status: u16, body: &str) -> Canned {
    Canned {
        status,
        headers: Vec::new(),
        body: body.to_owned(),
        delay: Duration::ZERO,
    }
}

impl Canned {
    fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }
    fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
    fn template(self) -> ResponseTemplate {
        let mut template = ResponseTemplate::new(self.status)
            .set_body_raw(self.body, "application/json")
            .set_delay(self.delay);
        for (name, value) in self.headers {
            template = template.insert_header(name, value.as_str());
        }
        template
    }
}

/// Answers with the script in order (the last answer repeats) and records the requests.
struct Scripted {
    base: String,
    server: MockServer,
}

impl Scripted {
    async fn count(&self) -> usize {
        self.server
            .received_requests()
            .await
            .expect("wiremock records requests")
            .len()
    }

    /// Request `i` as text: `METHOD /path?query`, the headers, a blank line and the body.
    async fn request(&self, i: usize) -> String {
        let requests = self
            .server
            .received_requests()
            .await
            .expect("wiremock records requests");
        let request = &requests[i];
        let mut text = format!(
            "{} {}\r\n",
            request.method,
            &request.url[url::Position::BeforePath..]
        );
        for (name, value) in &request.headers {
            text.push_str(&format!(
                "{name}: {}\r\n",
                String::from_utf8_lossy(value.as_bytes())
            ));
        }
        text.push_str("\r\n");
        text.push_str(&String::from_utf8_lossy(&request.body));
        text
    }
}

async fn serve(script: Vec<Canned>) -> Scripted {
    let server = MockServer::start().await;
    let last = script.len() - 1;
    for (i, answer) in script.into_iter().enumerate() {
        let mock = Mock::given(any()).respond_with(answer.template());
        // Mocks answer in the order they were mounted, each until it is used up.
        let mock = if i < last { mock.up_to_n_times(1) } else { mock };
        mock.mount(&server).await;
    }
    Scripted {
        base: server.uri(),
        server,
    }
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_retries(3)
        .delays(Duration::from_millis(5), Duration::from_millis(20))
        .budget(Duration::from_secs(5))
}

/// A client that retries (quickly).
fn client(base: &str) -> HttpClient {
    HttpClient::builder(base)
        .bearer("s3cr3t")
        .retry(fast_retries())
        .build()
        .unwrap()
}

/// A client as built by default: no retries.
fn plain(base: &str) -> HttpClient {
    HttpClient::builder(base).bearer("s3cr3t").build().unwrap()
}

/// Collects what the client logs while it is alive.
struct Logs {
    sink: Arc<Mutex<Vec<u8>>>,
    _guard: tracing::subscriber::DefaultGuard,
}

impl Logs {
    fn capture() -> Self {
        #[derive(Clone)]
        struct Sink(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Sink {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(b);
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let sink = Arc::new(Mutex::new(Vec::new()));
        let out = Sink(sink.clone());
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::DEBUG)
            .with_writer(move || out.clone())
            .finish();
        let guard = tracing::subscriber::set_default(subscriber);
        // Other tests' threads may have registered the client's callsites while
        // no subscriber wanted them; have tracing ask every subscriber again.
        tracing::callsite::rebuild_interest_cache();
        Self { sink, _guard: guard }
    }

    fn text(&self) -> String {
        String::from_utf8(self.sink.lock().unwrap().clone()).unwrap()
    }
}

/// A server that answers one request with these raw bytes, for status
/// lines wiremock cannot write.
async fn raw_answer(answer: &'static str) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut request = Vec::new();
        let mut buf = [0u8; 1024];
        while !request.ends_with(b"\r\n\r\n") {
            let n = stream.read(&mut buf).await.unwrap();
            if n == 0 {
                break;
            }
            request.extend_from_slice(&buf[..n]);
        }
        stream.write_all(answer.as_bytes()).await.unwrap();
    });
    base
}

fn describe(e: &Error) -> crate::models::ErrorDetail {
    ErrorMap::new().describe(e, "t", Some("m:f"))
}

#[tokio::test]
async fn json_round_trip_with_auth_and_user_agent() {
    let server = serve(vec![canned(200, r#"{"id":"7","name":"Ada"}"#)]).await;
    let api = HttpClient::builder(format!("{}/api/", server.base))
        .bearer("s3cr3t")
        .user_agent("acme/1.2.3")
        .build()
        .unwrap();
    #[derive(serde::Deserialize)]
    struct User {
        id: String,
        name: String,
    }
    let u: User = api
        .post_json("/users?x=1", &serde_json::json!({"a": 1}))
        .await
        .unwrap();
    assert_eq!((u.id.as_str(), u.name.as_str()), ("7", "Ada"));
    let req = server.request(0).await.to_ascii_lowercase();
    assert!(req.starts_with("post /api/users?x=1\r\n"), "{req}");
    assert!(req.contains("authorization: bearer s3cr3t"));
    assert!(req.contains("user-agent: acme/1.2.3"));
    assert!(req.contains("content-type: application/json"));
    assert!(req.ends_with(r#"{"a":1}"#));
}

#[tokio::test]
async fn redirects_are_followed() {
    let server = serve(vec![
        canned(302, "").header("location", "/moved"),
        canned(200, "{}"),
    ])
    .await;
    let response = client(&server.base).get("/x").send().await.unwrap();
    assert_eq!(response.url().path(), "/moved");
    assert_eq!(server.count().await, 2);
    assert!(
        server.request(1).await.starts_with("GET /moved\r\n"),
        "{}",
        server.request(1).await
    );
}

#[tokio::test]
async fn basic_and_api_key_headers() {
    let server = serve(vec![canned(200, "{}")]).await;
    let api = HttpClient::builder(&server.base).basic("u", "p").build().unwrap();
    api.get("/x").send().await.unwrap();
    assert!(server.request(0).await.contains("authorization: Basic dTpw"));
    let api = HttpClient::builder(&server.base)
        .api_key_header("X-API-Key", "k1")
        .build()
        .unwrap();
    api.get("/x").send().await.unwrap();
    assert!(
        server
            .request(1)
            .await
            .to_ascii_lowercase()
            .contains("x-api-key: k1")
    );
}

#[test]
fn bad_settings_are_bad_requests() {
    for base in ["", "ftp://x", "not a url", "http://"] {
        let e = HttpClient::builder(base).build().unwrap_err();
        assert_eq!(describe(&e).error_code, ErrorCode::BadRequest, "{base:?}");
    }
    let e = HttpClient::builder("https://x").bearer("  ").build().unwrap_err();
    assert_eq!(e.to_string(), "Token credential is required and cannot be empty.");
    let e = HttpClient::builder("https://x")
        .header("bad header", "v")
        .build()
        .unwrap_err();
    assert_eq!(e.to_string(), crate::error::ILLEGAL_HEADER_MESSAGE);
}

#[tokio::test]
async fn error_statuses_map_to_codes_with_the_reference_message() {
    let cases = [
        (400, ErrorCode::BadRequest),
        (401, ErrorCode::Unauthorized),
        (403, ErrorCode::PermissionDenied),
        (404, ErrorCode::NotFound),
        (409, ErrorCode::ApiError),
        (422, ErrorCode::ApiError),
        (500, ErrorCode::BadGateway),
    ];
    for (status, code) in cases {
        let server = serve(vec![canned(
            status,
            r#"{"error":"upstream says no","retry":false}"#,
        )])
        .await;
        let e = client(&server.base)
            .get_json::<serde_json::Value>("/things?token=abc")
            .await
            .unwrap_err();
        let d = describe(&e);
        assert_eq!(d.error_code, code, "{status}");
        assert_eq!(d.status_code, Some(i64::from(status)));
        assert_eq!(
            d.message,
            format!(
                "[{status}][{}/things] {{'error': 'upstream says no', 'retry': False}}",
                server.base
            )
        );
        assert_eq!(d.raised_by.as_deref(), Some("HTTPStatusError"));
        assert_eq!(server.count().await, 1, "{status} is not retried");
    }
    let server = serve(vec![canned(404, "")]).await;
    let e = client(&server.base).delete("/gone").await.unwrap_err();
    assert_eq!(
        describe(&e).message,
        format!(
            "Client error '404 Not Found' for url '{}/gone'\n\
             For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/404",
            server.base
        )
    );
}

#[tokio::test]
async fn httpx_text_keeps_the_query_but_not_its_secrets() {
    let server = serve(vec![canned(500, "{}")]).await;
    let e = plain(&server.base)
        .get("/users")
        .query(&[("limit", "2"), ("api_key", "k-456")])
        .send()
        .await
        .unwrap_err();
    assert_eq!(
        describe(&e).message,
        format!(
            "Server error '500 Internal Server Error' for url '{}/users?limit=2&api_key=[REDACTED]'\n\
             For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/500",
            server.base
        )
    );
}

#[tokio::test]
async fn the_server_s_own_reason_phrase_is_quoted() {
    let base =
        raw_answer("HTTP/1.1 503 Down For Lunch\r\ncontent-length: 0\r\nconnection: close\r\n\r\n").await;
    let e = plain(&base).get("/x").send().await.unwrap_err();
    let d = describe(&e);
    assert!(
        d.message
            .starts_with(&format!("Server error '503 Down For Lunch' for url '{base}/x'\n")),
        "{}",
        d.message
    );
    assert_eq!(d.error_code, ErrorCode::BadGateway);
}

#[tokio::test]
async fn an_echoed_credential_is_hidden_in_the_message() {
    let server = serve(vec![canned(401, r#"{"error":"token s3cr3t is revoked"}"#)]).await;
    let e = plain(&server.base).get("/me").send().await.unwrap_err();
    assert_eq!(
        describe(&e).message,
        format!(
            "[401][{}/me] {{'error': 'token [REDACTED] is revoked'}}",
            server.base
        )
    );
}

#[tokio::test]
async fn clients_do_not_retry_unless_asked() {
    let server = serve(vec![
        canned(503, r#"{"error":"busy"}"#),
        canned(503, r#"{"error":"busy"}"#),
        canned(200, "{}"),
    ])
    .await;
    let api = plain(&server.base);
    assert_eq!(api.inner.timeout, DEFAULT_TIMEOUT);
    assert_eq!(
        DEFAULT_TIMEOUT,
        Duration::from_secs(300),
        "the reference's timeout"
    );
    let e = api.get("/x").send().await.unwrap_err();
    assert_eq!(server.count().await, 1);
    assert_eq!(
        describe(&e).message,
        format!("[503][{}/x] {{'error': 'busy'}}", server.base)
    );
    // One request may still opt in.
    api.get("/x").retry(fast_retries()).send().await.unwrap();
    assert_eq!(server.count().await, 3);
}

#[tokio::test]
async fn transient_failures_are_retried_until_success() {
    let server = serve(vec![
        canned(503, "{}"),
        canned(429, "{}").header("retry-after", "0"),
        canned(502, "down"),
        canned(200, r#"{"ok":true}"#),
    ])
    .await;
    let v: serde_json::Value = client(&server.base).get_json("/x").await.unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(server.count().await, 4);
}

#[tokio::test]
async fn when_retries_run_out_the_last_error_is_reported_as_it_is() {
    let logs = Logs::capture();
    let server = serve(vec![canned(429, r#"{"detail":"slow down"}"#)]).await;
    let e = client(&server.base).get("/x").send().await.unwrap_err();
    assert_eq!(server.count().await, 4, "one attempt and three retries");
    // The same envelope as without retries.
    let single = serve(vec![canned(429, r#"{"detail":"slow down"}"#)]).await;
    let once = plain(&single.base).get("/x").send().await.unwrap_err();
    let (d, d_once) = (describe(&e), describe(&once));
    assert_eq!(d.error_code, ErrorCode::RateLimit);
    assert_eq!(d.status_code, Some(429));
    assert_eq!(d.raised_by.as_deref(), Some("HTTPStatusError"));
    assert_eq!(
        d.message,
        format!("[429][{}/x] {{'detail': 'slow down'}}", server.base)
    );
    assert_eq!(d_once.message.replace(&single.base, &server.base), d.message);
    assert!(e.is::<HttpStatusError>());
    let logged = logs.text();
    assert!(
        logged.contains("gave up after 4 attempt(s) (maximum retries reached): status 429"),
        "{logged}"
    );
}

#[tokio::test]
async fn retry_after_longer_than_the_budget_stops_at_once() {
    let logs = Logs::capture();
    let server = serve(vec![canned(429, "{}").header("retry-after", "3600")]).await;
    let e = client(&server.base).get("/x").send().await.unwrap_err();
    assert_eq!(server.count().await, 1);
    assert_eq!(e.downcast_ref::<HttpStatusError>().unwrap().status(), 429);
    let logged = logs.text();
    assert!(logged.contains("asked to retry after 3600s"), "{logged}");
}

#[tokio::test]
async fn the_time_budget_bounds_the_waits() {
    let server = serve(vec![canned(503, "{}")]).await;
    let policy = RetryPolicy::default()
        .max_retries(100)
        .delays(Duration::from_millis(20), Duration::from_millis(20))
        .jitter(false)
        .budget(Duration::from_millis(70));
    let api = HttpClient::builder(&server.base).retry(policy).build().unwrap();
    let e = api.get("/x").send().await.unwrap_err();
    // 20 + 20 + 20 fit in 70 ms, the fourth wait would not.
    assert_eq!(server.count().await, 4);
    assert_eq!(describe(&e).error_code, ErrorCode::BadGateway);
    assert_eq!(
        describe(&e).message,
        format!(
            "Server error '503 Service Unavailable' for url '{}/x'\n\
             For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/503",
            server.base
        )
    );
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = serve(vec![
        canned(503, "{}").header("retry-after", "1"),
        canned(200, "{}"),
    ])
    .await;
    let started = std::time::Instant::now();
    client(&server.base).get("/x").send().await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(990),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(server.count().await, 2);
}

#[tokio::test]
async fn posts_are_not_resent_unless_asked() {
    let server = serve(vec![canned(503, "{}"), canned(503, "{}"), canned(201, "{}")]).await;
    let api = client(&server.base);
    let e = api.post("/x").json(&1).send().await.unwrap_err();
    assert_eq!(server.count().await, 1);
    assert!(e.is::<HttpStatusError>());
    api.post("/x")
        .json(&1)
        .retry(fast_retries().retry_non_idempotent(true))
        .send()
        .await
        .unwrap();
    assert_eq!(server.count().await, 3);
}

#[tokio::test]
async fn unreachable_servers_are_connection_timeouts() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let api = HttpClient::builder(&base)
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let e = api.get("/x").send().await.unwrap_err();
    let d = describe(&e);
    assert_eq!(d.error_code, ErrorCode::ConnectionTimeout);
    assert_eq!(d.message, crate::error::CONNECTION_FAILED_MESSAGE);
    assert_eq!(d.raised_by.as_deref(), Some("ConnectError"));

    let e = client(&base).get("/x").send().await.unwrap_err();
    let d = describe(&e);
    assert_eq!(d.error_code, ErrorCode::ConnectionTimeout);
    assert_eq!(
        d.message,
        crate::error::CONNECTION_FAILED_MESSAGE,
        "retried, reported the same"
    );
    assert_eq!(d.raised_by.as_deref(), Some("ConnectError"));
}

#[tokio::test]
async fn slow_answers_hit_the_total_timeout() {
    let server = serve(vec![canned(200, "{}").after(Duration::from_millis(500))]).await;
    let api = HttpClient::builder(&server.base)
        .timeout(Duration::from_millis(100))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let e = api.get("/x").send().await.unwrap_err();
    let t = e.downcast_ref::<TimeoutError>().unwrap();
    assert_eq!(t.timeout, Duration::from_millis(100));
    assert_eq!(describe(&e).error_code, ErrorCode::ConnectionTimeout);
    // A per-request timeout overrides the client's.
    api.get("/x")
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .unwrap();
}

#[tokio::test]
async fn bodies_that_are_not_the_expected_json_are_api_errors() {
    let server = serve(vec![canned(200, "<html>")]).await;
    let e = client(&server.base)
        .get_json::<serde_json::Value>("/x")
        .await
        .unwrap_err();
    let d = describe(&e);
    assert_eq!(d.error_code, ErrorCode::ApiError);
    assert_eq!(
        d.message,
        "Failed to parse JSON response: Expecting value: line 1 column 1 (char 0)"
    );
    assert_eq!(d.raised_by.as_deref(), Some("JSONDecodeError"));
    assert_eq!(d.status_code, None);

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Status {
        tenant: String,
    }
    // Not JSON at all, as Python words it; JSON of another shape, as serde does.
    for (body, message) in [
        ("", "Expecting value: line 1 column 1 (char 0)"),
        (
            "{\"tenant\": \"acme\"} trailing",
            "Extra data: line 1 column 20 (char 19)",
        ),
        ("{\"other\": 1}", "missing field `tenant` at line 1 column 12"),
    ] {
        let server = serve(vec![canned(200, body)]).await;
        let e = client(&server.base).get_json::<Status>("/x").await.unwrap_err();
        assert_eq!(
            describe(&e).message,
            format!("Failed to parse JSON response: {message}"),
            "{body:?}"
        );
    }

    let server = serve(vec![canned(204, "")]).await;
    let none: Option<serde_json::Value> = client(&server.base).patch_json("/x", &1).await.unwrap();
    assert!(none.is_none());
}

#[tokio::test]
async fn author_error_maps_apply_to_client_errors() {
    let server = serve(vec![canned(409, r#"{"scimType":"uniqueness","detail":"taken"}"#)]).await;
    let e = client(&server.base)
        .post("/Users")
        .json(&1)
        .send()
        .await
        .unwrap_err();
    let map = ErrorMap::new()
        .status(409, ErrorCode::InvalidValue)
        .upstream_field("/scimType", "uniqueness", ErrorCode::BadRequest)
        .with_app_error_code("scim.uniqueness")
        .error_type::<TimeoutError>(ErrorCode::RequestTimeout);
    let d = map.describe(&e, "t", None);
    assert_eq!(d.error_code, ErrorCode::BadRequest);
    assert_eq!(d.app_error_code.as_deref(), Some("scim.uniqueness"));
    assert_eq!(d.status_code, Some(409));

    // Rules see through the retry wrapper.
    let server = serve(vec![canned(503, "{}")]).await;
    let e = client(&server.base).get("/x").send().await.unwrap_err();
    let d = ErrorMap::new()
        .status(503, ErrorCode::ServiceError)
        .describe(&e, "t", None);
    assert_eq!(d.error_code, ErrorCode::ServiceError);
    let d = ErrorMap::new()
        .error_type::<HttpStatusError>(ErrorCode::InternalError)
        .describe(&e, "t", None);
    assert_eq!(d.error_code, ErrorCode::InternalError);
}

#[tokio::test]
async fn limits_bound_concurrency_across_clients() {
    let server = serve(vec![canned(200, "{}").after(Duration::from_millis(50))]).await;
    let limits = Limits::new().max_concurrency(1).shared();
    let a = HttpClient::builder(&server.base)
        .limits(limits.clone())
        .build()
        .unwrap();
    let b = HttpClient::builder(&server.base).limits(limits).build().unwrap();
    let started = std::time::Instant::now();
    let (x, y) = tokio::join!(a.get("/a").send(), b.get("/b").send());
    x.unwrap();
    y.unwrap();
    assert!(
        started.elapsed() >= Duration::from_millis(100),
        "one after the other"
    );
}

#[tokio::test]
async fn clients_of_a_runtime_share_one_pool() {
    let a = HttpClient::builder("http://127.0.0.1:1").build().unwrap();
    let b = HttpClient::builder("http://127.0.0.1:2").build().unwrap();
    let here = tokio::runtime::Handle::current().id();
    let pools = POOLS.lock().unwrap();
    assert_eq!(pools.iter().filter(|(id, _)| *id == here).count(), 1);
    assert!(pools.len() <= KEPT_POOLS);
    drop((a, b));
}

#[test]
fn a_runtime_never_uses_another_runtime_s_connections() {
    let runtime = || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    };
    let server = runtime().block_on(serve(vec![canned(200, "{}").after(Duration::from_millis(300))]));
    // One runtime (as one `#[tokio::test]` would) opens a connection and
    // stays alive a little...
    let (opened_tx, opened) = std::sync::mpsc::channel();
    let (end, ended) = tokio::sync::oneshot::channel::<()>();
    let base = server.base.clone();
    let first = std::thread::spawn(move || {
        runtime().block_on(async {
            plain(&base).get("/x").send().await.unwrap();
            opened_tx.send(()).unwrap();
            let _ = ended.await;
        })
    });
    opened.recv().unwrap();
    // ...while another sends a request, and ends before the answer comes:
    // the request must not have been riding on its connection.
    let second = std::thread::spawn({
        let base = server.base.clone();
        move || runtime().block_on(async { plain(&base).get("/x").send().await })
    });
    std::thread::sleep(Duration::from_millis(100));
    end.send(()).unwrap();
    first.join().unwrap();
    second.join().unwrap().unwrap();
}

#[test]
fn urls_join_and_next_links_parse() {
    let api = HttpClient::builder("https://h/scim/v2/").build().unwrap();
    assert_eq!(api.url("/Users"), "https://h/scim/v2/Users");
    assert_eq!(api.url("Users"), "https://h/scim/v2/Users");
    assert_eq!(api.url("https://other/x"), "https://other/x");
    assert_eq!(
        next_link_in(r#"<https://h/x?page=1>; rel="prev", <https://h/x?page=3>; rel="next""#).as_deref(),
        Some("https://h/x?page=3")
    );
    assert_eq!(next_link_in(r#"<https://h/x?page=1>; rel="prev""#), None);
}

#[tokio::test]
async fn debug_logs_hide_secrets() {
    let logs = Logs::capture();
    let server = serve(vec![canned(
        200,
        r#"{"access_token":"tok-123","userName":"ada"}"#,
    )])
    .await;
    client(&server.base)
        .post("/login?api_key=k-456")
        .json(&serde_json::json!({"password": "pw-789", "email": "a@x.io"}))
        .send()
        .await
        .unwrap();
    let logged = logs.text();
    assert!(
        logged.contains("outbound request") && logged.contains("inbound response"),
        "{logged}"
    );
    assert!(logged.contains("ada"));
    for secret in ["s3cr3t", "tok-123", "k-456", "pw-789", "a@x.io"] {
        assert!(!logged.contains(secret), "{secret} leaked: {logged}");
    }
}

#[test]
fn request_futures_are_send() {
    fn send<T: Send>(_: &T) {}
    let api = HttpClient::builder("http://127.0.0.1:1").build().unwrap();
    let future = api.get("/x").send();
    send(&future);
    let future = api.get_json::<serde_json::Value>("/x");
    send(&future);
}

#[tokio::test]
async fn credentials_stay_on_the_base_origin() {
    let home = serve(vec![canned(200, "{}")]).await;
    let elsewhere = serve(vec![canned(200, "{}")]).await;
    let api = client(&home.base);
    api.get("/x").send().await.unwrap();
    api.get(&format!("{}/next?page=2", home.base))
        .send()
        .await
        .unwrap();
    api.get(&format!("{}/download", elsewhere.base))
        .send()
        .await
        .unwrap();
    assert!(home.request(0).await.contains("authorization: Bearer s3cr3t"));
    assert!(
        home.request(1).await.contains("authorization: Bearer s3cr3t"),
        "same origin, absolute URL"
    );
    assert!(
        !elsewhere
            .request(0)
            .await
            .to_ascii_lowercase()
            .contains("authorization")
    );
    assert!(
        elsewhere
            .request(0)
            .await
            .to_ascii_lowercase()
            .contains("user-agent")
    );
}

#[tokio::test]
async fn bad_urls_and_headers_are_bad_requests() {
    let api = client("http://127.0.0.1:1");
    let e = api.get("http://[::1").send().await.unwrap_err();
    assert_eq!(describe(&e).error_code, ErrorCode::BadRequest);
    assert!(e.to_string().starts_with("Invalid URL"), "{e}");
    let e = api
        .get("/x")
        .header("x-bad", "line\nbreak")
        .send()
        .await
        .unwrap_err();
    assert_eq!(e.to_string(), crate::error::ILLEGAL_HEADER_MESSAGE);
}

#[tokio::test]
async fn a_huge_retry_after_neither_panics_nor_waits_forever() {
    // The second wait, added to the first, overflowed `Duration`.
    let server = serve(vec![
        canned(429, "{}").header("retry-after", "1"),
        canned(429, r#"{"detail":"slow down"}"#).header("retry-after", "18446744073709551615"),
        canned(200, "{}"),
    ])
    .await;
    let e = client(&server.base).get("/x").send().await.unwrap_err();
    assert_eq!(server.count().await, 2);
    assert_eq!(e.downcast_ref::<HttpStatusError>().unwrap().status(), 429);
    // More digits than a u64 holds: as long as the longest wait, not unreadable.
    let server = serve(vec![
        canned(503, "{}"),
        canned(429, "{}").header("retry-after", "99999999999999999999999999"),
        canned(200, "{}"),
    ])
    .await;
    let e = client(&server.base).get("/x").send().await.unwrap_err();
    assert_eq!(server.count().await, 2, "gave up instead of waiting");
    assert_eq!(e.downcast_ref::<HttpStatusError>().unwrap().status(), 429);
}

#[tokio::test]
async fn retry_after_waits_at_most_the_request_timeout() {
    let server = serve(vec![
        canned(503, "{}").header("retry-after", "3600"),
        canned(200, "{}"),
    ])
    .await;
    let api = HttpClient::builder(&server.base)
        .timeout(Duration::from_secs(2))
        .retry(fast_retries().budget(Duration::from_secs(7200)))
        .build()
        .unwrap();
    // Without the cap the client would sleep for an hour.
    let sent = tokio::time::timeout(Duration::from_secs(60), api.get("/x").send()).await;
    sent.expect("the wait was capped").unwrap();
    assert_eq!(server.count().await, 2);
}

#[test]
fn user_info_in_urls_is_never_shown() {
    for base in [
        "ftp://a:PASSWORD@h/",
        "http://a:PASSWORD@[::1",
        "mailto:a:PASSWORD@h",
        "a:PASSWORD@h/x",
        "http://a:PASSWORD#@h/",
    ] {
        let e = HttpClient::builder(base).build().unwrap_err();
        let message = describe(&e).message;
        assert!(message.starts_with("Invalid base URL"), "{message}");
        assert!(!message.contains("PASSWORD"), "{message}");
        assert!(!message.contains("a:"), "{message}");
    }
    let e = HttpClient::builder("ftp://a:PASSWORD@h/").build().unwrap_err();
    assert_eq!(
        e.to_string(),
        r#"Invalid base URL "ftp://[REDACTED]@h/": expected an http:// or https:// URL."#
    );
    assert_eq!(
        display_url("https://KEY@h/x?api_key=k&q=1"),
        "https://[REDACTED]@h/x?api_key=[REDACTED]&q=1"
    );
    assert_eq!(display_url("https://h/x?q=a@b"), "https://h/x?q=a@b");
}

#[tokio::test]
async fn user_info_in_request_urls_is_never_shown() {
    let logs = Logs::capture();
    let api = client("http://127.0.0.1:1");
    let e = api.get("http://USER:PASSWORD@[::1").send().await.unwrap_err();
    assert!(e.to_string().starts_with("Invalid URL"), "{e}");
    assert!(
        !e.to_string().contains("PASSWORD") && !e.to_string().contains("USER"),
        "{e}"
    );

    // A base URL's user info is sent as basic auth, and shown nowhere.
    let server = serve(vec![canned(500, r#"{"error":"no"}"#)]).await;
    let base = server.base.replace("http://", "http://USER:PASSWORD@");
    let e = HttpClient::builder(&base)
        .build()
        .unwrap()
        .get("/x")
        .send()
        .await
        .unwrap_err();
    assert!(
        server
            .request(0)
            .await
            .contains("authorization: Basic VVNFUjpQQVNTV09SRA==")
    );
    let message = describe(&e).message;
    assert_eq!(message, format!("[500][{}/x] {{'error': 'no'}}", server.base));
    let logged = logs.text();
    assert!(logged.contains("inbound response"), "{logged}");
    for shown in [message, logged] {
        assert!(!shown.contains("PASSWORD") && !shown.contains("USER"), "{shown}");
    }
}

#[tokio::test]
async fn transport_failures_do_not_repeat_the_query() {
    // The server hangs up without answering.
    let base = raw_answer("").await;
    let e = plain(&base)
        .get("/x")
        .query(&[("api_key", "k-456")])
        .send()
        .await
        .unwrap_err();
    assert!(e.is::<TransportError>(), "{e:?}");
    let message = describe(&e).message;
    assert!(message.contains(&format!("{base}/x")), "{message}");
    assert!(!message.contains("k-456"), "{message}");
}

#[test]
fn debug_output_hides_credentials() {
    let builder = HttpClient::builder("https://USER:PASSWORD@h/").bearer("s3cr3t-t0ken");
    let shown = format!("{builder:?}");
    let api = builder.build().unwrap();
    let shown = format!("{shown} {api:?}");
    for secret in ["s3cr3t-t0ken", "PASSWORD", "USER"] {
        assert!(!shown.contains(secret), "{secret}: {shown}");
    }
    let shown = format!("{:?}", HttpClient::builder("https://h/").basic("ada", "pa55word"));
    assert!(!shown.contains("pa55word"), "{shown}");
    let shown = format!(
        "{:?}",
        HttpClient::builder("https://h/").api_key_header("x-api-key", "k-123456")
    );
    assert!(!shown.contains("k-123456"), "{shown}");
    let request = api.get("/x").query(&[("api_key", "k-777777")]);
    let shown = format!("{request:?}");
    assert!(shown.contains("GET"), "{shown}");
    assert!(!shown.contains("k-777777"), "{shown}");
}

/// A server whose paths answer as told, recording the requests.
async fn routes(routes: &[(&str, Canned)]) -> Scripted {
    let server = MockServer::start().await;
    let scripted = Scripted {
        base: server.uri(),
        server,
    };
    for (route, answer) in routes {
        scripted.route(route, answer.clone()).await;
    }
    scripted
}

impl Scripted {
    async fn route(&self, route: &str, answer: Canned) {
        Mock::given(wiremock::matchers::path(route))
            .respond_with(answer.template())
            .mount(&self.server)
            .await;
    }
}

fn keyed(base: &str) -> HttpClient {
    HttpClient::builder(base)
        .api_key_header("X-Tenant-Key", "k-123456")
        .header("x-auth-token", "t-654321")
        .retry(fast_retries())
        .build()
        .unwrap()
}

#[tokio::test]
async fn redirects_to_another_origin_leave_every_credential_behind() {
    let home = routes(&[("/back", canned(200, "{}"))]).await;
    let elsewhere = routes(&[]).await;
    let to =
        |server: &Scripted, path: &str| canned(307, "").header("location", &format!("{}{path}", server.base));
    home.route("/x", to(&elsewhere, "/landing")).await;
    // Back home again: what was left behind stays behind.
    elsewhere.route("/landing", to(&home, "/back")).await;
    let response = keyed(&home.base)
        .put("/x")
        .json(&serde_json::json!({"a": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.url().path(), "/back");
    let first = home.request(0).await.to_ascii_lowercase();
    assert!(first.contains("x-tenant-key: k-123456"), "{first}");
    assert!(first.contains("x-auth-token: t-654321"), "{first}");
    for request in [elsewhere.request(0).await, home.request(1).await] {
        let request = request.to_ascii_lowercase();
        assert!(
            !request.contains("k-123456") && !request.contains("t-654321"),
            "{request}"
        );
        assert!(request.contains("user-agent"), "{request}");
    }
    let last = home.request(1).await;
    assert!(
        last.starts_with("PUT /back\r\n") && last.ends_with(r#"{"a":1}"#),
        "a 307 keeps the method and body: {last}"
    );
}

#[tokio::test]
async fn same_origin_redirects_keep_the_credential_and_rewrite_methods_as_before() {
    let server = routes(&[
        ("/create", canned(303, "").header("location", "/created")),
        ("/created", canned(302, "").header("location", "/done")),
        ("/done", canned(200, "{}")),
        ("/keep", canned(308, "").header("location", "/kept")),
        ("/kept", canned(201, "{}")),
    ])
    .await;
    let api = keyed(&server.base);
    let response = api.post("/create").json(&1).send().await.unwrap();
    assert_eq!(response.url().path(), "/done");
    let response = api.post("/keep").json(&2).send().await.unwrap();
    assert_eq!(response.status(), 201);
    let sent: Vec<String> = futures_util::future::join_all((0..5).map(|i| server.request(i))).await;
    assert!(
        sent[0].starts_with("POST /create\r\n") && sent[0].ends_with("1"),
        "{}",
        sent[0]
    );
    assert!(
        sent[1].starts_with("GET /created\r\n") && sent[1].ends_with("\r\n\r\n"),
        "{}",
        sent[1]
    );
    assert!(
        !sent[1].to_ascii_lowercase().contains("content-type"),
        "{}",
        sent[1]
    );
    assert!(sent[2].starts_with("GET /done\r\n"), "{}", sent[2]);
    assert!(sent[3].starts_with("POST /keep\r\n"), "{}", sent[3]);
    assert!(
        sent[4].starts_with("POST /kept\r\n") && sent[4].ends_with("2"),
        "{}",
        sent[4]
    );
    for request in &sent {
        assert!(
            request.to_ascii_lowercase().contains("x-tenant-key: k-123456"),
            "{request}"
        );
    }
}

#[tokio::test]
async fn a_redirect_loop_is_not_retried() {
    let server = routes(&[("/loop", canned(302, "").header("location", "/loop"))]).await;
    let e = client(&server.base).get("/loop").send().await.unwrap_err();
    assert_eq!(server.count().await, 11, "one request and ten redirects, once");
    let d = describe(&e);
    assert_eq!(d.raised_by.as_deref(), Some("TooManyRedirects"));
    assert_eq!(d.error_code, ErrorCode::UnexpectedError);
    assert_eq!(d.message, "Exceeded maximum allowed redirects.");
}

#[tokio::test]
async fn one_call_sends_at_most_twenty_requests() {
    // Each attempt is redirected five times before it fails.
    let mut chain = vec![("/x".to_owned(), canned(302, "").header("location", "/h1"))];
    for i in 1..5 {
        chain.push((
            format!("/h{i}"),
            canned(302, "").header("location", &format!("/h{}", i + 1)),
        ));
    }
    chain.push(("/h5".to_owned(), canned(503, "{}")));
    let chain: Vec<(&str, Canned)> = chain.iter().map(|(r, c)| (r.as_str(), c.clone())).collect();
    let server = routes(&chain).await;
    let e = client(&server.base).get("/x").send().await.unwrap_err();
    assert_eq!(server.count().await, 20);
    assert_eq!(describe(&e).raised_by.as_deref(), Some("TooManyRedirects"));

    // Retries alone are bounded too, whatever the policy says.
    let server = serve(vec![canned(503, "{}")]).await;
    let api = HttpClient::builder(&server.base)
        .retry(
            RetryPolicy::default()
                .max_retries(100)
                .delays(Duration::from_millis(1), Duration::from_millis(1))
                .budget(Duration::from_secs(60)),
        )
        .build()
        .unwrap();
    let e = api.get("/x").send().await.unwrap_err();
    assert_eq!(server.count().await, 20);
    assert_eq!(e.downcast_ref::<HttpStatusError>().unwrap().status(), 503);
    assert_eq!(MAX_REQUESTS_PER_CALL, 20);
    assert_eq!(MAX_REDIRECTS, 10);
}

/// A server that answers `status` with everything it was sent: the headers
/// under `headers`, the body and the query under `echo`.
async fn echo(status: u16) -> Scripted {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(move |request: &wiremock::Request| {
            let headers: serde_json::Map<String, serde_json::Value> = request
                .headers
                .iter()
                .map(|(name, value)| {
                    let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                    (name.to_string(), serde_json::Value::String(value))
                })
                .collect();
            let echo = format!(
                "{} {}",
                request.url.query().unwrap_or_default(),
                String::from_utf8_lossy(&request.body)
            );
            ResponseTemplate::new(status)
                .set_body_json(serde_json::json!({"headers": headers, "echo": echo}))
                .insert_header(
                    "x-echo",
                    request
                        .headers
                        .get("authorization")
                        .map_or("", |v| v.to_str().unwrap_or("")),
                )
        })
        .mount(&server)
        .await;
    Scripted {
        base: server.uri(),
        server,
    }
}

#[tokio::test]
async fn echoed_credentials_of_every_kind_are_hidden_in_messages_and_logs() {
    let logs = Logs::capture();
    let server = echo(401).await;
    let user_info = server.base.replace("http://", "http://ada:pa55-w0rd@");
    let cases: Vec<(HttpClient, Vec<&str>)> = vec![
        (plain(&server.base), vec!["s3cr3t"]),
        (
            HttpClient::builder(&server.base)
                .basic("ada", "pa55-w0rd")
                .build()
                .unwrap(),
            vec!["pa55-w0rd", "YWRhOnBhNTUtdzByZA=="],
        ),
        (
            HttpClient::builder(&server.base)
                .api_key_header("X-Tenant-Key", "k-123456")
                .build()
                .unwrap(),
            vec!["k-123456"],
        ),
        (
            HttpClient::builder(&user_info).build().unwrap(),
            vec!["pa55-w0rd", "YWRhOnBhNTUtdzByZA=="],
        ),
    ];
    for (api, secrets) in cases {
        let e = api
            .post("/login")
            .header("X-Csrf-Token", "csrf-98765")
            .header("Authorization-Extra", "Token tok-24680")
            .json(&serde_json::json!({"password": "csrf-98765"}))
            .send()
            .await
            .unwrap_err();
        let message = describe(&e).message;
        assert!(message.starts_with("[401]"), "{message}");
        for secret in secrets.iter().chain(&["csrf-98765", "tok-24680"]) {
            assert!(!message.contains(secret), "{secret} in {message}");
        }
    }
    let logged = logs.text();
    assert!(logged.contains("inbound response"), "{logged}");
    for secret in [
        "s3cr3t",
        "pa55-w0rd",
        "YWRhOnBhNTUtdzByZA==",
        "k-123456",
        "csrf-98765",
        "tok-24680",
    ] {
        assert!(!logged.contains(secret), "{secret} in {logged}");
    }
}

#[tokio::test]
async fn debug_logs_hide_credentials_echoed_under_any_key() {
    let logs = Logs::capture();
    let server = echo(200).await;
    let api = HttpClient::builder(&server.base)
        .bearer("s3cr3t-t0ken")
        .build()
        .unwrap();
    api.get("/me").send().await.unwrap();
    let logged = logs.text();
    assert!(
        logged.contains("inbound response") && logged.contains("echo"),
        "{logged}"
    );
    assert!(!logged.contains("s3cr3t-t0ken"), "{logged}");
}

#[tokio::test]
async fn a_huge_error_body_is_cut_in_the_message() {
    let body = format!("{{\"error\": \"{}\"}}", "x".repeat(20 * 1024 * 1024 - 13));
    assert_eq!(body.len(), 20 * 1024 * 1024);
    let server = serve(vec![canned(500, &body)]).await;
    let e = plain(&server.base).get("/x").send().await.unwrap_err();
    let message = describe(&e).message;
    let prefix = format!("[500][{}/x] ", server.base);
    assert!(
        message.len() < prefix.len() + 4096 + 100,
        "{} bytes",
        message.len()
    );
    assert_eq!(
        message,
        format!("{prefix}{}… [cut: 20971520 bytes in all]", &body[..4096])
    );
    // A body up to the bound is shown as the reference shows it.
    let body = format!("{{\"error\": \"{}\"}}", "x".repeat(4096 - 13));
    let server = serve(vec![canned(500, &body)]).await;
    let e = plain(&server.base).get("/x").send().await.unwrap_err();
    assert_eq!(
        describe(&e).message,
        format!(
            "[500][{}/x] {{'error': '{}'}}",
            server.base,
            "x".repeat(4096 - 13)
        )
    );
}

#[tokio::test]
async fn a_secret_cut_in_two_leaves_no_half_behind() {
    // The token starts 4090 bytes in, so the cut falls inside it.
    let body = format!(
        "{}Bearer s3cr3t-t0ken-that-is-long{}",
        "x".repeat(4083),
        "y".repeat(5000)
    );
    let server = serve(vec![canned(400, &body)]).await;
    let api = HttpClient::builder(&server.base)
        .bearer("s3cr3t-t0ken-that-is-long")
        .build()
        .unwrap();
    let message = describe(&api.get("/x").send().await.unwrap_err()).message;
    // Neither the start of the token nor that of the header it was sent in.
    assert!(
        message.ends_with(&format!(
            "[{}/x] {}… [cut: 9115 bytes in all]",
            server.base,
            "x".repeat(4083)
        )),
        "{message}"
    );
}

/// A server that answers with a `status` and a body of `size` bytes,
/// and says whether it could send all of it.
async fn endless(status: u16, size: u64, chunked: bool) -> (String, tokio::sync::oneshot::Receiver<bool>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (done, finished) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut request = Vec::new();
        let mut buf = [0u8; 1024];
        while !request.ends_with(b"\r\n\r\n") {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(n) => request.extend_from_slice(&buf[..n]),
            }
        }
        let head = if chunked {
            format!("HTTP/1.1 {status} Oops\r\ntransfer-encoding: chunked\r\n\r\n")
        } else {
            format!("HTTP/1.1 {status} Oops\r\ncontent-length: {size}\r\n\r\n")
        };
        let chunk = vec![b'z'; 64 * 1024];
        let mut sent = stream.write_all(head.as_bytes()).await.is_ok();
        let mut left = size;
        while sent && left > 0 {
            let n = left.min(chunk.len() as u64) as usize;
            sent = if chunked {
                let framed = [format!("{n:x}\r\n").as_bytes(), &chunk[..n], b"\r\n"].concat();
                stream.write_all(&framed).await.is_ok()
            } else {
                stream.write_all(&chunk[..n]).await.is_ok()
            };
            left -= n as u64;
        }
        if sent && chunked {
            sent = stream.write_all(b"0\r\n\r\n").await.is_ok();
        }
        let _ = done.send(sent);
    });
    (base, finished)
}

#[tokio::test]
async fn error_bodies_are_read_only_up_to_the_bound() {
    // More than the kernel's socket buffers hold, so the server can only
    // send it all if the client reads it all.
    const SIZE: u64 = 64 * 1024 * 1024;
    let (base, finished) = endless(502, SIZE, false).await;
    let e = plain(&base).get("/x").send().await.unwrap_err();
    assert!(
        describe(&e)
            .message
            .ends_with(&format!("… [cut: {SIZE} bytes in all]")),
        "{}",
        describe(&e).message
    );
    let sent_all = tokio::time::timeout(Duration::from_secs(60), finished)
        .await
        .unwrap()
        .unwrap();
    assert!(!sent_all, "the client read the whole body");

    let (base, finished) = endless(502, SIZE, true).await;
    let message = describe(&plain(&base).get("/x").send().await.unwrap_err()).message;
    assert!(message.contains("… [cut: more than "), "{message}");
    let sent_all = tokio::time::timeout(Duration::from_secs(60), finished)
        .await
        .unwrap()
        .unwrap();
    assert!(!sent_all, "the client read the whole body");
    // A chunked body a little over the bound is counted to its end.
    let (base, _finished) = endless(502, 5000, true).await;
    let message = describe(&plain(&base).get("/x").send().await.unwrap_err()).message;
    assert!(message.ends_with("z… [cut: 5000 bytes in all]"), "{message}");
}

#[tokio::test]
async fn json_of_another_shape_is_explained_without_its_values() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Count {
        count: u32,
    }
    let server = serve(vec![canned(200, r#"{"count": "Bearer s3cr3t-t0ken"}"#)]).await;
    let e = client(&server.base).get_json::<Count>("/x").await.unwrap_err();
    assert_eq!(
        describe(&e).message,
        "Failed to parse JSON response: count: invalid type: string, expected u32 at line 1 column 31"
    );
    // The path to the value names the app's keys, which may be megabytes long.
    let huge = format!(r#"{{"{}": "x"}}"#, "k".repeat(1024 * 1024));
    let server = serve(vec![canned(200, &huge)]).await;
    let e = client(&server.base)
        .get_json::<std::collections::HashMap<String, u32>>("/x")
        .await
        .unwrap_err();
    let message = describe(&e).message;
    assert!(message.len() < 4096 + 100, "{} bytes", message.len());
    assert!(
        message.starts_with("Failed to parse JSON response: kkk"),
        "{message}"
    );
    assert!(message.ends_with("k… [cut: 1048637 bytes in all]"), "{message}");
}

/// A proxy at `server`'s `/forward?via=test`, with a token and a header
/// that replaces the request's own.
fn proxy_at(server: &Scripted) -> ProxySettings {
    ProxySettings::new(&format!("{}/forward?via=test", server.base))
        .unwrap()
        .header(proxy::PROXY_AUTH_HEADER, "proxy-token-1")
        .unwrap()
        .header("X-Override", "from-proxy")
        .unwrap()
}

fn header_of<'a>(request: &'a wiremock::Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

#[tokio::test]
async fn proxy_mode_rewrites_each_request_as_the_reference_does() {
    let server = serve(vec![
        canned(200, r#"{"ok":true}"#).header("x-lumos-sip-status-code", "200"),
    ])
    .await;
    let settings = proxy_at(&server);
    let api = plain("https://api.example.invalid/v1");
    proxy::scope(settings, async {
        api.get("/users")
            .query(&[("limit", "2")])
            .header("X-Override", "from-request")
            .send()
            .await
            .unwrap();
        api.post("/users")
            .json(&serde_json::json!({"email": "a@b.c"}))
            .send()
            .await
            .unwrap();
        api.post("/empty").send().await.unwrap();
        api.request(Method::DELETE, "/users/7")
            .body("text/plain", "dropped")
            .send()
            .await
            .unwrap();
    })
    .await;
    let requests = server.server.received_requests().await.unwrap();
    let host = server.base.trim_start_matches("http://");
    // Each request as `METHOD path -> X-Forward-To [X-Override] body`.
    let seen: Vec<String> = requests
        .iter()
        .map(|r| {
            assert_eq!(header_of(r, "host"), Some(host));
            assert_eq!(header_of(r, "x-lumos-proxy-auth"), Some("proxy-token-1"));
            assert_eq!(
                header_of(r, "authorization"),
                Some("Bearer s3cr3t"),
                "the app's credential is forwarded"
            );
            format!(
                "{} {} -> {} [{}] {}",
                r.method,
                &r.url[url::Position::BeforePath..],
                header_of(r, "x-forward-to").unwrap_or("-"),
                header_of(r, "x-override").unwrap_or("-"),
                String::from_utf8_lossy(&r.body)
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            "GET /forward?via=test -> https://api.example.invalid/v1/users?limit=2 [from-proxy] ",
            r#"POST /forward?via=test -> https://api.example.invalid/v1/users [from-proxy] {"email":"a@b.c"}"#,
            "POST /forward?via=test -> https://api.example.invalid/v1/empty [from-proxy] ",
            "DELETE /forward?via=test -> https://api.example.invalid/v1/users/7 [from-proxy] ",
        ]
    );
    assert!(
        header_of(&requests[2], "content-length") == Some("0"),
        "a POST without a body is sent with an empty one: {:?}",
        requests[2].headers
    );
}

#[tokio::test]
async fn proxy_side_failures_are_debug_hints_that_are_not_retried() {
    let failing = [
        (
            canned(502, "proxy down, token proxy-token-1").header("x-lumos-sip-status-code", "502"),
            "[502][{proxy}] There is something wrong with the proxy itself or you are giving it a bad arn value. \
             Proxy returned code 502; sort this out first before troubleshooting the target service. \
             Original response: proxy down, token [REDACTED]",
        ),
        (
            canned(200, r#"{"error":"nope"}"#)
                .header("x-lumos-sip-status-code", "200")
                .header("x-lumos-target-hostname-status-code", "404"),
            "[404][https://api.example.invalid/v1/users?limit=2] The target service returned code 404, \
             the proxy is working as expected. Original response: {\"error\":\"nope\"}",
        ),
        (
            canned(201, "created"),
            "[201][{proxy}] There is something wrong with the proxy itself or you are giving it a bad arn value. \
             Proxy returned code 201; sort this out first before troubleshooting the target service. \
             Original response: created",
        ),
    ];
    for (answer, message) in failing {
        let server = serve(vec![answer]).await;
        let settings = proxy_at(&server);
        let api = client("https://api.example.invalid/v1");
        let e = proxy::scope(settings, api.get("/users").query(&[("limit", "2")]).send())
            .await
            .unwrap_err();
        let detail = describe(&e);
        assert_eq!(detail.error_code, ErrorCode::InvalidResponse);
        assert_eq!(detail.app_error_code.as_deref(), Some(proxy::PROXY_ERROR_CODE));
        assert_eq!(detail.status_code, None);
        assert_eq!(detail.raised_by.as_deref(), Some("ConnectorError"));
        let proxy_url = format!("{}/forward?via=test", server.base);
        assert_eq!(detail.message, message.replace("{proxy}", &proxy_url));
        assert_eq!(server.count().await, 1, "a proxy failure is not retried");
    }
}

#[tokio::test]
async fn proxy_mode_reaches_clients_built_or_sending_inside_it() {
    let proxy = serve(vec![canned(200, "{}")]).await;
    let app = serve(vec![canned(200, "{}")]).await;
    // Built inside, sent from a task of its own, which the call's scope does not reach.
    let built_inside = proxy::scope(proxy_at(&proxy), async { plain(&app.base) }).await;
    tokio::spawn(async move { built_inside.get("/a").send().await.unwrap() })
        .await
        .unwrap();
    // Built outside, sent inside; then outside again.
    let built_outside = plain(&app.base);
    proxy::scope(proxy_at(&proxy), built_outside.get("/b").send())
        .await
        .unwrap();
    built_outside.get("/c").send().await.unwrap();
    assert_eq!(proxy.count().await, 2);
    assert_eq!(app.count().await, 1);
    assert!(app.request(0).await.starts_with("GET /c\r\n"));
    assert!(proxy::active().is_none());
}

fn oauth1_credential() -> crate::models::OAuth1Credential {
    crate::models::OAuth1Credential {
        consumer_key: "ck-1".into(),
        consumer_secret: "consumer-secret".into(),
        token_id: "tk-1".into(),
        token_secret: "token-secret".into(),
    }
}

/// The nonce and timestamp of an OAuth 1.0a header.
fn nonce_and_timestamp(header: &str) -> (String, u64) {
    let field = |name: &str| {
        header
            .split(',')
            .find_map(|f| f.trim_start_matches("OAuth ").strip_prefix(&format!("{name}=\"")))
            .map(|v| v.trim_end_matches('"').to_owned())
            .unwrap()
    };
    (field("oauth_nonce"), field("oauth_timestamp").parse().unwrap())
}

#[tokio::test]
async fn oauth1_signs_every_attempt_to_the_origin_with_a_nonce_of_its_own() {
    let server = serve(vec![canned(503, ""), canned(200, "{}")]).await;
    let signer = OAuth1Signer::new(&oauth1_credential()).realm("ACCT-1");
    let api = HttpClient::builder(format!("{}/api", server.base))
        .oauth1(signer.clone())
        .retry(fast_retries().retry_non_idempotent(true))
        .build()
        .unwrap();
    api.post("/users?b=2&a=1")
        .json(&serde_json::json!({"email": "a@b.c"}))
        .send()
        .await
        .unwrap();
    let requests = server.server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    let mut nonces = Vec::new();
    for request in &requests {
        let header = header_of(request, "authorization").unwrap();
        let (nonce, timestamp) = nonce_and_timestamp(header);
        let url = Url::parse(&format!("{}/api/users?b=2&a=1", server.base)).unwrap();
        let expected = signer.authorization_at("POST", &url, &request.body, &nonce, timestamp);
        assert_eq!(header, expected);
        assert!(
            header.starts_with(r#"OAuth realm="ACCT-1",oauth_consumer_key="ck-1","#),
            "{header}"
        );
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1]);
    // Another origin gets no signature; neither secret is ever shown.
    let other = serve(vec![canned(200, "{}")]).await;
    api.get(&format!("{}/elsewhere", other.base))
        .send()
        .await
        .unwrap();
    assert!(
        header_of(
            &other.server.received_requests().await.unwrap()[0],
            "authorization"
        )
        .is_none()
    );
    assert!(!format!("{api:?}").contains("secret"));
}

#[tokio::test]
async fn an_oauth1_credential_signs_through_credential() {
    let server = serve(vec![canned(401, "bad consumer-secret")]).await;
    let auth = crate::models::AuthCredential {
        oauth1: Some(oauth1_credential()),
        ..Default::default()
    };
    let api = HttpClient::builder(&server.base)
        .credential(&auth)
        .build()
        .unwrap();
    let e = api.get("/me").send().await.unwrap_err();
    let header = server.request(0).await;
    assert!(
        header.contains("authorization: OAuth oauth_consumer_key=\"ck-1\",oauth_token=\"tk-1\","),
        "{header}"
    );
    assert!(!header.contains("oauth_body_hash"), "{header}");
    assert!(!e.to_string().contains("consumer-secret"), "{e}");
    let bad_realm = HttpClient::builder(&server.base)
        .oauth1(OAuth1Signer::new(&oauth1_credential()).realm("a\nb"))
        .build()
        .unwrap_err();
    assert_eq!(describe(&bad_realm).error_code, ErrorCode::BadRequest);
}
