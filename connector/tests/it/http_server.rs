//! The HTTP server over real HTTP on 127.0.0.1, random ports: routes, bad
//! input, limits, timeout, token, concurrency and multi-connector routing.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use connector::App;
use connector::models::{TokenCredential, ValidateCredentials, ValidatedCredentials};
use connector::prelude::*;
use connector::server::{Server, ServerConfig};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::oneshot;

#[connector(app_id = "server-test", name = "Server Test", auth = TokenCredential)]
struct ServerTest;

#[capability(validate_credentials)]
async fn validate(ctx: Context<ServerTest>, _req: ValidateCredentials) -> Result<ValidatedCredentials> {
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: ctx.auth()?.token.expose().chars().rev().collect(),
    })
}

/// Sleeps, counting how many calls of the same group run at once.
#[derive(Deserialize, JsonSchema)]
struct Nap {
    milliseconds: u64,
    group: String,
}

#[derive(Serialize, JsonSchema)]
struct Napped {
    milliseconds: u64,
}

#[derive(Default, Clone, Copy)]
struct Gauge {
    running: usize,
    peak: usize,
    finished: usize,
}

static GAUGES: Mutex<Option<HashMap<String, Gauge>>> = Mutex::new(None);

fn gauge(group: &str, f: impl FnOnce(&mut Gauge)) -> Gauge {
    let mut all = GAUGES.lock().unwrap();
    let g = all
        .get_or_insert_with(HashMap::new)
        .entry(group.to_owned())
        .or_default();
    f(g);
    *g
}

#[capability(custom, name = "nap")]
async fn nap(_ctx: Context<ServerTest>, req: Nap) -> Result<Napped> {
    gauge(&req.group, |g| {
        g.running += 1;
        g.peak = g.peak.max(g.running);
    });
    // Decrements also when the call is cancelled.
    struct Leave(String);
    impl Drop for Leave {
        fn drop(&mut self) {
            gauge(&self.0, |g| g.running -= 1);
        }
    }
    let _leave = Leave(req.group.clone());
    tokio::time::sleep(Duration::from_millis(req.milliseconds)).await;
    gauge(&req.group, |g| g.finished += 1);
    Ok(Napped {
        milliseconds: req.milliseconds,
    })
}

/// Calls of `gate` wait until the test lets one through.
static GATE: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(0);

#[derive(Deserialize, JsonSchema)]
struct Gate {
    group: String,
}

#[capability(custom, name = "gate")]
async fn gate(_ctx: Context<ServerTest>, req: Gate) -> Result<Napped> {
    gauge(&req.group, |g| g.running += 1);
    GATE.acquire().await.expect("the gate stays open").forget();
    gauge(&req.group, |g| {
        g.running -= 1;
        g.finished += 1;
    });
    Ok(Napped { milliseconds: 0 })
}

/// An answer of `bytes` bytes and a little more.
#[derive(Deserialize, JsonSchema)]
struct Big {
    bytes: usize,
    group: String,
}

#[derive(Serialize, JsonSchema)]
struct Filler {
    text: String,
}

#[capability(custom, name = "big")]
async fn big(_ctx: Context<ServerTest>, req: Big) -> Result<Filler> {
    let text = "x".repeat(req.bytes);
    gauge(&req.group, |g| g.finished += 1);
    Ok(Filler { text })
}

#[derive(Deserialize, JsonSchema)]
struct Nothing {}

#[capability(custom, name = "explode")]
async fn explode(_ctx: Context<ServerTest>, _req: Nothing) -> Result<Napped> {
    panic!("boom")
}

#[connector(app_id = "other-test", name = "Other Test", auth = TokenCredential)]
struct OtherTest;

#[capability(validate_credentials)]
async fn validate_other(_ctx: Context<OtherTest>, _req: ValidateCredentials) -> Result<ValidatedCredentials> {
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: "other".into(),
    })
}

const AUTH: &str = r#"{"auth":{"token":{"token":"abc"}},"request":{}}"#;

struct Running {
    base: String,
    server: Server,
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    async fn stop(mut self) {
        let _ = self.stop.take().unwrap().send(());
        self.task.await.unwrap().unwrap();
    }
}

async fn start_server(server: Server) -> Running {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = oneshot::channel();
    let task = tokio::spawn(server.clone().serve(listener, async {
        let _ = rx.await;
    }));
    Running {
        base,
        server,
        stop: Some(tx),
        task,
    }
}

async fn start(config: ServerConfig) -> Running {
    let app = App::load_app("server-test").unwrap();
    start_server(Server::single(app, &config).unwrap()).await
}

fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

async fn post(
    base: &str,
    path: &str,
    body: impl Into<reqwest::Body>,
) -> (u16, reqwest::header::HeaderMap, String) {
    let r = client()
        .post(format!("{base}{path}"))
        .body(body)
        .send()
        .await
        .unwrap();
    let (status, headers) = (r.status().as_u16(), r.headers().clone());
    (status, headers, r.text().await.unwrap())
}

async fn get(base: &str, path: &str) -> (u16, reqwest::header::HeaderMap, String) {
    let r = client().get(format!("{base}{path}")).send().await.unwrap();
    let (status, headers) = (r.status().as_u16(), r.headers().clone());
    (status, headers, r.text().await.unwrap())
}

fn error_of(body: &str) -> Value {
    let v: Value = serde_json::from_str(body).unwrap();
    assert_eq!(v["is_error"], true, "{body}");
    v["error"].clone()
}

fn content_type(headers: &reqwest::header::HeaderMap) -> &str {
    headers.get("content-type").unwrap().to_str().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn capabilities_answer_with_the_cli_envelope() {
    let server = start(ServerConfig::default()).await;
    let app = App::load_app("server-test").unwrap();
    for (capability, body) in [
        ("validate_credentials", AUTH.to_owned()),
        (
            "nap",
            r#"{"auth":{"token":{"token":"t"}},"request":{"milliseconds":1,"group":"envelope"}}"#.to_owned(),
        ),
        ("app_info", r#"{"request":{}}"#.to_owned()),
        ("validate_credentials", r#"{"request":{}}"#.to_owned()),
    ] {
        let (status, headers, text) = post(&server.base, &format!("/{capability}"), body.clone()).await;
        assert_eq!(status, 200, "{text}");
        assert_eq!(content_type(&headers), "application/json");
        assert_eq!(text, app.dispatch(capability, body).await, "{capability}");
    }
    let (_, _, text) = post(&server.base, "/validate_credentials", AUTH).await;
    assert_eq!(
        text,
        r#"{"response":{"valid":true,"unique_tenant_id":"cba"},"raw_data":null,"page":null,"execution_summary":null}"#
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn openapi_docs_and_health() {
    let server = start(ServerConfig::default()).await;
    let app = App::load_app("server-test").unwrap();

    let (status, headers, text) = get(&server.base, "/openapi.json").await;
    assert_eq!((status, content_type(&headers)), (200, "application/json"));
    let served: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(served, connector::document::openapi::document(app.catalog()));
    let info: Value = serde_json::from_str(&app.dispatch("app_info", r#"{"request":{}}"#).await).unwrap();
    assert_eq!(
        served, info["response"]["app_schema"],
        "the same document as app_info"
    );
    assert!(served["paths"]["/nap"]["post"].is_object());

    let (status, headers, page) = get(&server.base, "/docs").await;
    assert_eq!(
        (status, content_type(&headers)),
        (200, "text/html; charset=utf-8")
    );
    assert!(page.contains("<title>Server Test: API</title>"), "{page}");
    assert!(headers.get("content-security-policy").is_some());
    assert!(
        !page.contains("https://") && !page.contains("http://"),
        "nothing from elsewhere"
    );
    for (asset, kind) in [("docs.js", "text/javascript"), ("docs.css", "text/css")] {
        let (status, headers, text) = get(&server.base, &format!("/docs/{asset}")).await;
        assert_eq!(status, 200);
        assert!(content_type(&headers).starts_with(kind));
        assert!(!text.is_empty() && !text.contains("https://"));
    }
    let (status, _, text) = get(&server.base, "/docs/other.js").await;
    assert_eq!(status, 404, "{text}");

    // `/redoc`: the same page and script, laid out to be read.
    let (status, headers, reference) = get(&server.base, "/redoc").await;
    assert_eq!(
        (status, content_type(&headers)),
        (200, "text/html; charset=utf-8")
    );
    assert!(reference.contains(r#"data-mode="reference""#), "{reference}");
    assert!(page.contains(r#"data-mode="try""#), "{page}");
    assert!(reference.contains("/docs/docs.js") && !reference.contains("https://"));

    let (status, _, text) = get(&server.base, "/healthz").await;
    assert_eq!((status, text.as_str()), (200, r#"{"status":"ok"}"#));
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_bodies_get_bad_request_envelopes() {
    let server = start(ServerConfig::default()).await;
    for body in [
        b"{not json".to_vec(),
        Vec::new(),
        b"[]".to_vec(),
        vec![0xff, 0xfe, b'{'],
    ] {
        let (status, _, text) = post(&server.base, "/validate_credentials", body).await;
        assert_eq!(status, 200, "{text}");
        let error = error_of(&text);
        assert_eq!(error["error_code"], "bad_request");
        assert!(
            error["message"]
                .as_str()
                .unwrap()
                .starts_with("Invalid request - "),
            "{text}"
        );
        assert_eq!(error["app_id"], "server-test");
    }
    // A panic in a capability is an envelope too, and the server goes on.
    let (status, _, text) = post(&server.base, "/explode", AUTH).await;
    assert_eq!(status, 200);
    assert_eq!(error_of(&text)["error_code"], "unexpected_error");
    let (status, _, _) = post(&server.base, "/validate_credentials", AUTH).await;
    assert_eq!(status, 200);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_routes_and_wrong_methods() {
    let server = start(ServerConfig::default()).await;
    let (status, headers, text) = post(&server.base, "/list_accounts", AUTH).await;
    assert_eq!((status, content_type(&headers)), (404, "application/json"));
    let error = error_of(&text);
    assert_eq!(error["error_code"], "not_implemented");
    assert_eq!(error["message"], "Capability 'list_accounts' is not implemented.");
    let (status, _, text) = get(&server.base, "/no_such_thing").await;
    assert_eq!(status, 404);
    assert_eq!(error_of(&text)["error_code"], "not_implemented");
    for path in ["/a/b/c", "/", "/server-test/validate_credentials"] {
        let (status, _, text) = get(&server.base, path).await;
        assert_eq!(status, 404, "{path}");
        assert_eq!(error_of(&text)["error_code"], "not_found", "{path}");
    }

    let (status, headers, text) = get(&server.base, "/validate_credentials").await;
    assert_eq!(status, 405);
    assert_eq!(headers.get("allow").unwrap(), "POST");
    assert_eq!(error_of(&text)["error_code"], "bad_request");
    let r = client()
        .put(format!("{}/nap", server.base))
        .body(AUTH)
        .send()
        .await
        .unwrap();
    assert_eq!(
        (r.status().as_u16(), r.headers()["allow"].to_str().unwrap()),
        (405, "POST")
    );
    let (status, headers, _) = post(&server.base, "/openapi.json", "{}").await;
    assert_eq!((status, headers["allow"].to_str().unwrap()), (405, "GET, HEAD"));
    let (status, _, _) = post(&server.base, "/healthz", "").await;
    assert_eq!(status, 405);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn bodies_over_the_limit_get_413() {
    let server = start(ServerConfig {
        body_limit: 1024,
        ..ServerConfig::default()
    })
    .await;
    let (status, headers, text) = post(&server.base, "/validate_credentials", vec![b' '; 1025]).await;
    assert_eq!((status, content_type(&headers)), (413, "application/json"));
    let error = error_of(&text);
    assert_eq!(error["error_code"], "bad_request");
    assert!(
        error["message"].as_str().unwrap().contains("1024 bytes"),
        "{text}"
    );

    // Exactly at the limit is accepted.
    let mut body = AUTH.as_bytes().to_vec();
    body.resize(1024, b' ');
    let (status, _, text) = post(&server.base, "/validate_credentials", body).await;
    assert_eq!(status, 200);
    assert!(text.starts_with(r#"{"response":"#), "{text}");

    // A chunked body, without a declared length, is counted as it arrives.
    let address = server.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let chunk = " ".repeat(800);
    let request = format!(
        "POST /validate_credentials HTTP/1.1\r\nhost: {address}\r\ntransfer-encoding: chunked\r\n\r\n{len:x}\r\n{chunk}\r\n{len:x}\r\n{chunk}\r\n0\r\n\r\n",
        len = chunk.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8(answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains(r#""error_code":"bad_request""#), "{answer}");
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn slow_calls_hit_the_timeout_and_are_cancelled() {
    let server = start(ServerConfig {
        timeout: Duration::from_millis(300),
        ..ServerConfig::default()
    })
    .await;
    let body = r#"{"auth":{"token":{"token":"t"}},"request":{"milliseconds":20000,"group":"timeout"}}"#;
    let (status, headers, text) = post(&server.base, "/nap", body).await;
    assert_eq!((status, content_type(&headers)), (504, "application/json"));
    let error = error_of(&text);
    assert_eq!(error["error_code"], "request_timeout");
    assert_eq!(error["app_id"], "server-test");
    // The call was cancelled, not left running.
    let mut g = gauge("timeout", |_| {});
    for _ in 0..100 {
        if g.running == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
        g = gauge("timeout", |_| {});
    }
    assert_eq!((g.running, g.finished), (0, 0));
    // Quick calls are not affected.
    let quick = r#"{"auth":{"token":{"token":"t"}},"request":{"milliseconds":1,"group":"quick"}}"#;
    let (status, _, _) = post(&server.base, "/nap", quick).await;
    assert_eq!(status, 200);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_guards_every_route_but_healthz() {
    let server = start(ServerConfig {
        auth_token: Some("s3cret-token".into()),
        ..ServerConfig::default()
    })
    .await;
    let url = |p: &str| format!("{}{p}", server.base);
    for path in [
        "/validate_credentials",
        "/openapi.json",
        "/docs",
        "/metrics",
        "/nope",
    ] {
        for header in [
            None,
            Some("Bearer wrong"),
            Some("Bearer s3cret-toke"),
            Some("Basic s3cret-token"),
        ] {
            let mut request = if path == "/validate_credentials" {
                client().post(url(path)).body(AUTH)
            } else {
                client().get(url(path))
            };
            if let Some(h) = header {
                request = request.header("authorization", h);
            }
            let r = request.send().await.unwrap();
            assert_eq!(r.status().as_u16(), 401, "{path} {header:?}");
            assert_eq!(r.headers()["www-authenticate"], "Bearer");
            let text = r.text().await.unwrap();
            assert_eq!(error_of(&text)["error_code"], "unauthorized");
            assert!(!text.contains("s3cret"), "the token is never echoed");
        }
    }
    let r = client()
        .post(url("/validate_credentials"))
        .bearer_auth("s3cret-token")
        .body(AUTH)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert!(r.text().await.unwrap().contains(r#""valid":true"#));
    let r = client()
        .get(url("/openapi.json"))
        .bearer_auth("s3cret-token")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    for probe in ["/healthz", "/livez", "/readyz"] {
        let (status, _, _) = get(&server.base, probe).await;
        assert_eq!(status, 200, "{probe} needs no token");
    }
    server.stop().await;
}

/// The value of the exposition's line that starts with `series `.
fn sample(text: &str, series: &str) -> Option<u64> {
    text.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map(|value| value.parse().unwrap())
}

#[tokio::test(flavor = "multi_thread")]
async fn probes_and_metrics_serve_a_deployment() {
    let server = start(ServerConfig::default()).await;
    let (status, _, text) = get(&server.base, "/livez").await;
    assert_eq!((status, text.as_str()), (200, r#"{"status":"ok"}"#));
    let (status, _, text) = get(&server.base, "/readyz").await;
    assert_eq!((status, text.as_str()), (200, r#"{"status":"ready"}"#));

    post(&server.base, "/validate_credentials", AUTH).await;
    post(&server.base, "/validate_credentials", r#"{"request":{}}"#).await;
    post(&server.base, "/explode", AUTH).await;
    post(&server.base, "/no_such_thing", AUTH).await;
    let (status, headers, text) = get(&server.base, "/metrics").await;
    assert_eq!(status, 200);
    assert_eq!(content_type(&headers), "text/plain; version=0.0.4; charset=utf-8");
    let validate = r#"app_id="server-test",capability="validate_credentials""#;
    let explode = r#"app_id="server-test",capability="explode""#;
    let at = |series: String| sample(&text, &series);
    assert_eq!(
        at(format!("connector_calls_total{{{validate}}}")),
        Some(2),
        "{text}"
    );
    assert_eq!(
        at(format!(
            "connector_call_errors_total{{{validate},error_code=\"bad_request\"}}"
        )),
        Some(1),
        "{text}"
    );
    assert_eq!(
        at(format!(
            "connector_call_errors_total{{{explode},error_code=\"unexpected_error\"}}"
        )),
        Some(1),
        "{text}"
    );
    assert_eq!(
        at(format!("connector_call_duration_seconds_count{{{validate}}}")),
        Some(2)
    );
    assert_eq!(
        at(format!(
            "connector_call_duration_seconds_bucket{{{validate},le=\"+Inf\"}}"
        )),
        Some(2)
    );
    assert_eq!(at("connector_not_implemented_total".into()), Some(1));
    // The request asking for the metrics is in flight itself.
    assert_eq!(at("connector_requests_in_flight".into()), Some(1));

    // Told to stop, the server is no longer ready but still serves.
    server.server.stop_being_ready();
    let (status, _, text) = get(&server.base, "/readyz").await;
    assert_eq!((status, text.as_str()), (503, r#"{"status":"stopping"}"#));
    let (status, _, _) = get(&server.base, "/livez").await;
    assert_eq!(status, 200);
    let (status, _, text) = post(&server.base, "/validate_credentials", AUTH).await;
    assert_eq!(status, 200, "{text}");
    server.stop().await;
}

async fn peak_of(base: &str, group: &str, calls: usize) -> Gauge {
    let body = format!(
        r#"{{"auth":{{"token":{{"token":"t"}}}},"request":{{"milliseconds":300,"group":"{group}"}}}}"#
    );
    let requests = (0..calls).map(|_| {
        let (base, body) = (base.to_owned(), body.clone());
        tokio::spawn(async move { post(&base, "/nap", body).await })
    });
    for request in requests.collect::<Vec<_>>() {
        let (status, _, text) = request.await.unwrap();
        assert_eq!(status, 200, "{text}");
        assert_eq!(
            text,
            r#"{"page":null,"raw_data":null,"response":{"milliseconds":300}}"#
        );
    }
    gauge(group, |_| {})
}

#[tokio::test(flavor = "multi_thread")]
async fn requests_run_concurrently_up_to_the_limit() {
    let server = start(ServerConfig::default()).await;
    let free = peak_of(&server.base, "free", 6).await;
    assert_eq!((free.peak, free.finished), (6, 6), "all six ran at once");
    server.stop().await;

    let server = start(ServerConfig {
        max_concurrency: 2,
        ..ServerConfig::default()
    })
    .await;
    let limited = peak_of(&server.base, "limited", 6).await;
    assert_eq!(
        (limited.peak, limited.finished),
        (2, 6),
        "never more than two at once"
    );
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn several_connectors_are_served_under_their_app_ids() {
    // The two connectors of this module; the binary holds others.
    let apps = vec![
        App::load_app("server-test").unwrap(),
        App::load_app("other-test").unwrap(),
    ];
    let server = start_server(Server::multi(apps, &ServerConfig::default()).unwrap()).await;
    let (status, _, text) = post(&server.base, "/server-test/validate_credentials", AUTH).await;
    assert_eq!(status, 200);
    assert!(text.contains(r#""unique_tenant_id":"cba""#), "{text}");
    let (status, _, text) = post(&server.base, "/other-test/validate_credentials", AUTH).await;
    assert_eq!(status, 200);
    assert!(text.contains(r#""unique_tenant_id":"other""#), "{text}");

    let (status, _, text) = post(&server.base, "/other-test/nap", AUTH).await;
    assert_eq!(status, 404);
    let error = error_of(&text);
    assert_eq!(
        (error["error_code"].as_str(), error["app_id"].as_str()),
        (Some("not_implemented"), Some("other-test"))
    );
    let (status, _, text) = post(&server.base, "/validate_credentials", AUTH).await;
    assert_eq!(status, 404, "no connector at the root");
    assert_eq!(error_of(&text)["error_code"], "not_found");
    let (status, _, _) = post(&server.base, "/nobody/validate_credentials", AUTH).await;
    assert_eq!(status, 404);

    for id in ["server-test", "other-test"] {
        let (status, _, text) = get(&server.base, &format!("/{id}/openapi.json")).await;
        assert_eq!(status, 200);
        let doc: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            doc,
            connector::document::openapi::document(App::load_app(id).unwrap().catalog())
        );
        let (status, _, page) = get(&server.base, &format!("/{id}/docs")).await;
        assert_eq!(status, 200);
        assert!(page.contains("/docs/docs.js"));
    }
    let (status, _, index) = get(&server.base, "/docs").await;
    assert_eq!(status, 200);
    assert!(index.contains(r#"href="/server-test/docs""#) && index.contains(r#"href="/other-test/docs""#));
    for probe in ["/healthz", "/livez", "/readyz"] {
        let (status, _, _) = get(&server.base, probe).await;
        assert_eq!(status, 200, "{probe}");
    }
    let (status, _, metrics) = get(&server.base, "/metrics").await;
    assert_eq!(status, 200);
    for (id, calls) in [("server-test", 1), ("other-test", 1)] {
        let series = format!(r#"connector_calls_total{{app_id="{id}",capability="validate_credentials"}}"#);
        assert_eq!(sample(&metrics, &series), Some(calls), "{metrics}");
    }
    assert_eq!(sample(&metrics, "connector_not_implemented_total"), Some(1));
    let (status, headers, _) = get(&server.base, "/other-test/validate_credentials").await;
    assert_eq!((status, headers["allow"].to_str().unwrap()), (405, "POST"));
    server.stop().await;

    assert!(Server::multi(Vec::new(), &ServerConfig::default()).is_err());
}

/// Waits (a minute at most) until `done` holds.
async fn until(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..6000 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("still waiting for {what}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_is_read_only_once_its_call_has_a_slot() {
    let server = start(ServerConfig {
        max_concurrency: 1,
        ..ServerConfig::default()
    })
    .await;
    let base = server.base.clone();
    let holder = tokio::spawn(async move {
        post(
            &base,
            "/gate",
            r#"{"auth":{"token":{"token":"t"}},"request":{"group":"slot"}}"#,
        )
        .await
    });
    until("the first call to hold the slot", || {
        gauge("slot", |_| {}).running == 1
    })
    .await;

    // hyper answers `100 Continue` when the handler first reads the body.
    let address = server.base.trim_start_matches("http://");
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "POST /validate_credentials HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\nexpect: 100-continue\r\ncontent-length: {}\r\n\r\n",
        AUTH.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut buffer = [0u8; 256];
    let early = tokio::time::timeout(Duration::from_millis(500), stream.read(&mut buffer)).await;
    assert!(
        early.is_err(),
        "the body was asked for while another call held the only slot: {:?}",
        early.map(|n| String::from_utf8_lossy(&buffer[..n.unwrap_or(0)]).into_owned())
    );

    GATE.add_permits(1);
    let (status, _, text) = holder.await.unwrap();
    assert_eq!(status, 200, "{text}");
    let n = tokio::time::timeout(Duration::from_secs(60), stream.read(&mut buffer))
        .await
        .expect("asked for the body once the slot was free")
        .unwrap();
    assert!(
        buffer[..n].starts_with(b"HTTP/1.1 100 Continue\r\n"),
        "{}",
        String::from_utf8_lossy(&buffer[..n])
    );
    stream.write_all(AUTH.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    let answer = String::from_utf8(answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(answer.contains(r#""valid":true"#), "{answer}");
    server.stop().await;
}

/// Reads until the server closes the connection (or resets it), a minute at most.
async fn until_closed(stream: &mut tokio::net::TcpStream) -> Vec<u8> {
    let mut bytes = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(60), async {
        let mut buffer = [0u8; 64 * 1024];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(n) => bytes.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await;
    assert!(read.is_ok(), "the connection is still open after a minute");
    bytes
}

#[tokio::test(flavor = "multi_thread")]
async fn unfinished_headers_and_idle_connections_are_closed() {
    let server = start(ServerConfig {
        header_timeout: Duration::from_millis(300),
        ..ServerConfig::default()
    })
    .await;
    let address = server.base.trim_start_matches("http://");

    let mut slow = tokio::net::TcpStream::connect(address).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nx-slow: ")
        .await
        .unwrap();
    let answer = until_closed(&mut slow).await;
    assert!(!answer.starts_with(b"HTTP/1.1 200"), "the request never ended");

    // Kept alive after an answer, then left idle.
    let mut idle = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!("GET /healthz HTTP/1.1\r\nhost: {address}\r\n\r\n");
    idle.write_all(request.as_bytes()).await.unwrap();
    let answer = String::from_utf8(until_closed(&mut idle).await).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(!answer.contains("connection: close"), "{answer}");

    // Nothing sent at all.
    let mut silent = tokio::net::TcpStream::connect(address).await.unwrap();
    assert!(until_closed(&mut silent).await.is_empty());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn connections_beyond_the_cap_wait_for_a_free_one() {
    let server = start(ServerConfig {
        max_connections: 2,
        header_timeout: Duration::from_secs(600),
        ..ServerConfig::default()
    })
    .await;
    let address = server.base.trim_start_matches("http://");
    // Accepted in the order they came, these two take both places.
    let mut open = Vec::new();
    for _ in 0..2 {
        open.push(tokio::net::TcpStream::connect(address).await.unwrap());
    }
    let mut third = tokio::net::TcpStream::connect(address).await.unwrap();
    let request = format!("GET /healthz HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\n\r\n");
    third.write_all(request.as_bytes()).await.unwrap();
    let mut buffer = [0u8; 256];
    let early = tokio::time::timeout(Duration::from_millis(500), third.read(&mut buffer)).await;
    assert!(
        early.is_err(),
        "a third connection was served: {:?}",
        early.map(|n| String::from_utf8_lossy(&buffer[..n.unwrap_or(0)]).into_owned())
    );
    drop(open.pop());
    let answer = String::from_utf8(until_closed(&mut third).await).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    drop(open);
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_that_stops_reading_is_dropped() {
    let server = start(ServerConfig {
        header_timeout: Duration::from_millis(300),
        ..ServerConfig::default()
    })
    .await;
    let address: std::net::SocketAddr = server.base.trim_start_matches("http://").parse().unwrap();
    // A small receive window, so that the answer soon fills it.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.set_recv_buffer_size(16 * 1024).unwrap();
    let mut stream = socket.connect(address).await.unwrap();
    const SIZE: usize = 16 * 1024 * 1024;
    let body =
        format!(r#"{{"auth":{{"token":{{"token":"t"}}}},"request":{{"bytes":{SIZE},"group":"unread"}}}}"#);
    let head = format!(
        "POST /big HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream.write_all(body.as_bytes()).await.unwrap();
    // The answer is being written once the call is over and the handler has returned.
    until("the answer", || {
        gauge("unread", |_| {}).finished == 1 && server.server.in_flight() == 0
    })
    .await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    let answer = until_closed(&mut stream).await;
    assert!(answer.starts_with(b"HTTP/1.1 200"));
    assert!(
        answer.len() < SIZE,
        "the whole answer waited for the client: {} bytes",
        answer.len()
    );
    server.stop().await;
}
