//! Request handlers and middleware.

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use tokio::task::JoinHandle;

use super::{AccessLog, Hosted, Layout, Shared, docs};
use crate::dispatch::{error_envelope, framework_error, not_utf8};
use crate::models::ErrorCode;

type Ctx = State<Arc<Shared>>;

/// `/<first>`: a capability, or one of the server's own pages.
pub(super) async fn one_segment(State(shared): Ctx, Path(first): Path<String>, req: Request) -> Response {
    match &shared.layout {
        Layout::Single(hosted) => {
            let hosted = Arc::clone(hosted);
            app_route(&shared, hosted, first, req).await
        }
        Layout::Multi(apps) => match first.as_str() {
            "healthz" | "livez" => get_only(&req, "", healthz),
            "readyz" => get_only(&req, "", || readyz(&shared)),
            "metrics" => get_only(&req, "", || metrics(&shared)),
            "docs" | "redoc" => get_only(&req, "", || docs::index(apps.values().map(|h| &h.app))),
            _ => not_found("", &req),
        },
    }
}

/// `/<first>/<second>`: the API page's assets, or `/<app_id>/<route>` of a
/// multi-connector server.
pub(super) async fn two_segments(
    State(shared): Ctx,
    Path((first, second)): Path<(String, String)>,
    req: Request,
) -> Response {
    if first == "docs" {
        if let Some(asset) = docs::asset(&second) {
            return get_only(&req, "", || asset);
        }
    }
    match &shared.layout {
        Layout::Multi(apps) => match apps.get(first.as_str()) {
            Some(hosted) => {
                let hosted = Arc::clone(hosted);
                app_route(&shared, hosted, second, req).await
            }
            None => not_found("", &req),
        },
        Layout::Single(hosted) => not_found(hosted.app.app_id(), &req),
    }
}

/// Anything else.
pub(super) async fn no_route(State(shared): Ctx, req: Request) -> Response {
    not_found(app_id_of(&shared, req.uri().path()), &req)
}

/// The routes of one connector, below its prefix.
async fn app_route(shared: &Shared, hosted: Arc<Hosted>, name: String, req: Request) -> Response {
    let app_id = hosted.app.app_id();
    let page = match name.as_str() {
        "openapi.json" | "docs" | "redoc" => true,
        "healthz" | "livez" | "readyz" | "metrics" => matches!(shared.layout, Layout::Single(_)),
        _ => false,
    };
    let is_get = req.method() == Method::GET || req.method() == Method::HEAD;
    if page && (is_get || !hosted.app.has_capability(&name)) {
        return get_only(&req, app_id, || match name.as_str() {
            "openapi.json" => json(StatusCode::OK, hosted.openapi.clone()),
            "docs" => docs::page(&hosted.app),
            "redoc" => docs::reference(&hosted.app),
            "readyz" => readyz(shared),
            "metrics" => metrics(shared),
            _ => healthz(),
        });
    }
    if hosted.app.has_capability(&name) {
        return if req.method() == Method::POST {
            call(shared, hosted, name, req).await
        } else {
            method_not_allowed(app_id, &req, "POST")
        };
    }
    shared.metrics.not_implemented();
    crate::metrics::Probe::not_implemented(app_id, &name);
    error(
        StatusCode::NOT_FOUND,
        app_id,
        ErrorCode::NotImplemented,
        format!("Capability '{name}' is not implemented."),
    )
}

/// What a capability request came to, for the access log.
#[derive(Clone)]
struct Outcome {
    app_id: &'static str,
    capability: String,
    error_code: Option<ErrorCode>,
}

/// One capability call, counted in the metrics and described for the access log.
async fn call(shared: &Shared, hosted: Arc<Hosted>, name: String, req: Request) -> Response {
    let started = Instant::now();
    let app_id = hosted.app.app_id();
    let (mut response, error_code) = answer(shared, hosted, name.clone(), req).await;
    shared
        .metrics
        .record(app_id, &name, started.elapsed(), error_code);
    response.extensions_mut().insert(Outcome {
        app_id,
        capability: name,
        error_code,
    });
    response
}

/// Waits for a slot, reads the body and dispatches, all within the timeout;
/// the answer and its error code.
async fn answer(
    shared: &Shared,
    hosted: Arc<Hosted>,
    name: String,
    req: Request,
) -> (Response, Option<ErrorCode>) {
    let app_id = hosted.app.app_id();
    let limit = shared.body_limit;
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    // Refused at once: no slot is worth waiting for.
    if declared.is_some_and(|n| n > limit as u64) {
        return (too_large(app_id, limit), Some(ErrorCode::BadRequest));
    }
    let permits = Arc::clone(&shared.permits);
    let work = async move {
        // The slot before the body, so that no more bodies than calls
        // allowed at once are ever held in memory.
        let Ok(permit) = permits.acquire_owned().await else {
            return failed(
                StatusCode::SERVICE_UNAVAILABLE,
                app_id,
                ErrorCode::InternalError,
                "The server is shutting down.".into(),
            );
        };
        let body = match read_body(req.into_body(), limit, declared).await {
            Ok(body) => body,
            Err(BodyError::TooLarge) => return (too_large(app_id, limit), Some(ErrorCode::BadRequest)),
            Err(BodyError::NotUtf8) => {
                let response = json(StatusCode::OK, error_envelope(not_utf8(app_id)));
                return (response, Some(ErrorCode::BadRequest));
            }
            Err(BodyError::Read(e)) => {
                return failed(
                    StatusCode::BAD_REQUEST,
                    app_id,
                    ErrorCode::BadRequest,
                    format!("The request body could not be read: {e}"),
                );
            }
        };
        // On a task of its own, so that a capability that blocks its thread
        // cannot hold up the timeout; dropped (on timeout or when the client
        // goes away), the call is cancelled.
        #[cfg(feature = "client")]
        let proxy = shared.proxy.clone();
        let mut task = AbortOnDrop(tokio::spawn(async move {
            let _permit = permit;
            let call = hosted.app.answer(&name, body);
            #[cfg(feature = "client")]
            if let Some(proxy) = proxy {
                return crate::client::proxy::scope(proxy, call).await;
            }
            call.await
        }));
        match (&mut task.0).await {
            Ok(answer) => (json(StatusCode::OK, answer.json), answer.error_code),
            Err(e) => failed(
                StatusCode::INTERNAL_SERVER_ERROR,
                app_id,
                ErrorCode::InternalError,
                format!("The capability call did not complete: {e}"),
            ),
        }
    };
    match tokio::time::timeout(shared.timeout, work).await {
        Ok(answered) => answered,
        Err(_) => failed(
            StatusCode::GATEWAY_TIMEOUT,
            app_id,
            ErrorCode::RequestTimeout,
            format!(
                "The request did not complete within the server's timeout of {:?}.",
                shared.timeout
            ),
        ),
    }
}

fn too_large(app_id: &str, limit: usize) -> Response {
    let mut response = error(
        StatusCode::PAYLOAD_TOO_LARGE,
        app_id,
        ErrorCode::BadRequest,
        format!("The request body is larger than the server's limit of {limit} bytes."),
    );
    // The rest of the body is not read, so the connection cannot be reused.
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

enum BodyError {
    TooLarge,
    NotUtf8,
    Read(axum::Error),
}

/// The most room reserved for a body before its bytes arrive: the declared
/// length is a client's word, and may be anything up to the limit.
const FIRST_CAPACITY: u64 = 64 * 1024;

async fn read_body(body: Body, limit: usize, declared: Option<u64>) -> Result<String, BodyError> {
    let mut bytes = Vec::with_capacity(declared.unwrap_or(0).min(FIRST_CAPACITY) as usize);
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(BodyError::Read)?;
        if chunk.len() > limit - bytes.len() {
            return Err(BodyError::TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).map_err(|_| BodyError::NotUtf8)
}

fn healthz() -> Response {
    json(StatusCode::OK, r#"{"status":"ok"}"#.to_owned())
}

/// 200 while the server takes requests, 503 once it has been told to stop.
fn readyz(shared: &Shared) -> Response {
    if shared.ready.load(Ordering::Relaxed) {
        json(StatusCode::OK, r#"{"status":"ready"}"#.to_owned())
    } else {
        json(
            StatusCode::SERVICE_UNAVAILABLE,
            r#"{"status":"stopping"}"#.to_owned(),
        )
    }
}

fn metrics(shared: &Shared) -> Response {
    let text = shared.metrics.render(shared.in_flight.load(Ordering::Relaxed));
    (
        StatusCode::OK,
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static(super::metrics::CONTENT_TYPE),
        )],
        text,
    )
        .into_response()
}

/// Serves `page` to GET and HEAD; anything else is told to use those.
fn get_only(req: &Request, app_id: &str, page: impl FnOnce() -> Response) -> Response {
    if req.method() == Method::GET || req.method() == Method::HEAD {
        page()
    } else {
        method_not_allowed(app_id, req, "GET, HEAD")
    }
}

fn method_not_allowed(app_id: &str, req: &Request, allow: &'static str) -> Response {
    let mut response = error(
        StatusCode::METHOD_NOT_ALLOWED,
        app_id,
        ErrorCode::BadRequest,
        format!(
            "Method {} is not allowed on {}: use {allow}.",
            req.method(),
            req.uri().path()
        ),
    );
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    response
}

fn not_found(app_id: &str, req: &Request) -> Response {
    error(
        StatusCode::NOT_FOUND,
        app_id,
        ErrorCode::NotFound,
        format!("There is nothing at {}.", req.uri().path()),
    )
}

/// The app id an error about `path` is reported for.
fn app_id_of<'a>(shared: &'a Shared, path: &str) -> &'a str {
    match &shared.layout {
        Layout::Single(hosted) => hosted.app.app_id(),
        Layout::Multi(apps) => path
            .trim_start_matches('/')
            .split('/')
            .next()
            .and_then(|first| apps.get(first))
            .map_or("", |h| h.app.app_id()),
    }
}

fn json(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        body,
    )
        .into_response()
}

fn error(status: StatusCode, app_id: &str, code: ErrorCode, message: String) -> Response {
    json(status, error_envelope(framework_error(app_id, code, message)))
}

/// [`error`], with its code beside it for the metrics.
fn failed(
    status: StatusCode,
    app_id: &str,
    code: ErrorCode,
    message: String,
) -> (Response, Option<ErrorCode>) {
    (error(status, app_id, code, message), Some(code))
}

/// With `--auth-token`, every route but the probes (`/healthz`, `/livez`,
/// `/readyz`) needs `Authorization: Bearer <token>`.
pub(super) async fn require_token(State(shared): Ctx, req: Request, next: Next) -> Response {
    let Some(expected) = &shared.token_digest else {
        return next.run(req).await;
    };
    // Only the probes are open; a capability that happens to be called
    // `healthz` is not.
    let probe = matches!(req.uri().path(), "/healthz" | "/livez" | "/readyz");
    if probe && (req.method() == Method::GET || req.method() == Method::HEAD) {
        return next.run(req).await;
    }
    let presented = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer_token);
    if presented.is_some_and(|token| token_matches(token, expected)) {
        return next.run(req).await;
    }
    let mut response = error(
        StatusCode::UNAUTHORIZED,
        app_id_of(&shared, req.uri().path()),
        ErrorCode::Unauthorized,
        "A valid bearer token is required: send `Authorization: Bearer <token>`.".into(),
    );
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// Compares digests, so neither the token's content nor its length shows in the time taken.
fn token_matches(presented: &str, expected: &[u8; 32]) -> bool {
    use sha2::Digest;
    let digest: [u8; 32] = sha2::Sha256::digest(presented.as_bytes()).into();
    let diff = digest.iter().zip(expected).fold(0u8, |acc, (a, b)| acc | (a ^ b));
    std::hint::black_box(diff) == 0
}

/// One line per request on stderr: time, peer, method, path, status,
/// duration (and, as JSON, the app, capability and error code of a call).
/// No query string, headers or bodies, which may hold secrets.
pub(super) async fn access_log(State(shared): Ctx, req: Request, next: Next) -> Response {
    let line = LogLine {
        shared: Arc::clone(&shared),
        started: Instant::now(),
        peer: req
            .extensions()
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.to_string()),
        method: req.method().clone(),
        path: req.uri().path().chars().take(256).collect(),
        status: None,
        outcome: None,
    };
    shared.in_flight.fetch_add(1, Ordering::Relaxed);
    let mut line = line;
    let response = next.run(req).await;
    line.status = Some(response.status());
    line.outcome = response.extensions().get::<Outcome>().cloned();
    response
}

/// Written when the request ends, also when the client goes away first
/// (status `-`).
struct LogLine {
    shared: Arc<Shared>,
    started: Instant,
    peer: Option<String>,
    method: Method,
    path: String,
    status: Option<StatusCode>,
    outcome: Option<Outcome>,
}

impl LogLine {
    fn text(&self, time: &str, millis: f64) -> String {
        let status = self
            .status
            .map_or_else(|| "-".to_owned(), |s| s.as_u16().to_string());
        format!(
            "{time} {} {} {} {status} {millis:.3}ms\n",
            self.peer.as_deref().unwrap_or("-"),
            self.method,
            self.path,
        )
    }

    fn json(&self, time: &str, millis: f64) -> String {
        let outcome = self.outcome.as_ref();
        let line = serde_json::json!({
            "time": time,
            "peer": self.peer,
            "method": self.method.as_str(),
            "path": self.path,
            "status": self.status.map(|s| s.as_u16()),
            "duration_ms": (millis * 1000.0).round() / 1000.0,
            "app_id": outcome.map(|o| o.app_id),
            "capability": outcome.map(|o| o.capability.as_str()),
            "error_code": outcome.and_then(|o| o.error_code).map(ErrorCode::as_str),
        });
        format!("{line}\n")
    }
}

impl Drop for LogLine {
    fn drop(&mut self) {
        self.shared.in_flight.fetch_sub(1, Ordering::Relaxed);
        let millis = self.started.elapsed().as_secs_f64() * 1000.0;
        let time = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string();
        let text = match self.shared.access_log {
            AccessLog::Off => return,
            AccessLog::Text => self.text(&time, millis),
            AccessLog::Json => self.json(&time, millis),
        };
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bearer_tokens_are_parsed_and_compared() {
        use sha2::Digest;
        let expected: [u8; 32] = sha2::Sha256::digest(b"s3cret").into();
        assert_eq!(bearer_token("Bearer s3cret"), Some("s3cret"));
        assert_eq!(bearer_token("bearer   s3cret "), Some("s3cret"));
        assert_eq!(bearer_token("Basic s3cret"), None);
        assert_eq!(bearer_token("s3cret"), None);
        assert!(token_matches("s3cret", &expected));
        assert!(!token_matches("s3cre", &expected));
        assert!(!token_matches("s3cret ", &expected));
        assert!(!token_matches("", &expected));
    }
}
