//! An OAuth 2.0 authorization server for tests, bound to 127.0.0.1 on a
//! random port.
//!
//! It issues codes at `GET /oauth/authorize` (answering with a redirect, as
//! if the person had consented), exchanges them, refresh tokens and client
//! credentials at `/oauth/token` (any method; parameters from the query
//! string, a form body or a JSON body; the client authenticated by
//! `client_secret_post` or `client_secret_basic`), verifies PKCE (S256), and
//! answers `GET /api/me` for a valid bearer token with the tenant id.
//! Every token request is recorded for the tests to inspect.
//!
//! `/broken/<kind>/oauth/token` answers badly on purpose: `html` (a 502 HTML
//! page), `empty` (200, no body), `not-a-token` (200, JSON without a token),
//! `server-error` (500 with an OAuth error).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Value, json};
use sha2::Digest;

/// The client the server knows.
pub const CLIENT_ID: &str = "demo-client";
/// Its secret.
pub const CLIENT_SECRET: &str = "demo-s3cret-value";
/// The tenant `GET /api/me` reports.
pub const TENANT_ID: &str = "tenant-42";

/// One token request as the server received it.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// `GET`, `POST`...
    pub method: String,
    /// The request's content type, if any.
    pub content_type: Option<String>,
    /// The `Authorization` header, if any.
    pub authorization: Option<String>,
    /// Parameters from the query string.
    pub query: Vec<(String, String)>,
    /// Parameters from the body (form or JSON).
    pub body: Vec<(String, String)>,
}

impl Recorded {
    /// The value of a parameter, wherever it was sent.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .chain(&self.body)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

struct Code {
    redirect_uri: String,
    challenge: Option<String>,
}

#[derive(Default)]
struct Inner {
    codes: HashMap<String, Code>,
    access_tokens: Vec<String>,
    refresh_tokens: Vec<String>,
    issued: u32,
    rotate_refresh_tokens: bool,
    requests: Vec<Recorded>,
}

/// A running server; it stops when the runtime it was started on ends.
#[derive(Clone)]
pub struct OAuthServer {
    /// `http://127.0.0.1:<port>`.
    pub base_url: String,
    inner: Arc<Mutex<Inner>>,
}

impl OAuthServer {
    /// Starts a server on a random port of 127.0.0.1.
    pub async fn start() -> Self {
        let inner = Arc::new(Mutex::new(Inner {
            rotate_refresh_tokens: true,
            ..Inner::default()
        }));
        let app = Router::new()
            .route("/oauth/authorize", get(authorize))
            .route("/oauth/token", any(token))
            .route("/broken/{kind}/oauth/token", any(broken))
            .route("/api/me", get(me))
            .with_state(Arc::clone(&inner));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1");
        let base_url = format!("http://{}", listener.local_addr().expect("local address"));
        tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Self { base_url, inner }
    }

    /// Whether refreshing gives a new refresh token (the default) or keeps the old one.
    pub fn rotate_refresh_tokens(&self, rotate: bool) {
        self.lock().rotate_refresh_tokens = rotate;
    }

    /// Issues a code for this redirect URI, as `/oauth/authorize` does.
    pub fn issue_code(&self, redirect_uri: &str, challenge: Option<&str>) -> String {
        let mut inner = self.lock();
        inner.issued += 1;
        let code = format!("code-{}", inner.issued);
        inner.codes.insert(
            code.clone(),
            Code {
                redirect_uri: redirect_uri.to_owned(),
                challenge: challenge.map(str::to_owned),
            },
        );
        code
    }

    /// Issues a refresh token, as a code exchange would.
    pub fn issue_refresh_token(&self) -> String {
        let mut inner = self.lock();
        inner.issued += 1;
        let token = format!("refresh-{}", inner.issued);
        inner.refresh_tokens.push(token.clone());
        token
    }

    /// Every token request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.lock().requests.clone()
    }

    /// The last token request received.
    pub fn last_request(&self) -> Option<Recorded> {
        self.lock().requests.last().cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

type Shared = State<Arc<Mutex<Inner>>>;

/// Request parameters in the order sent.
type Params = Vec<(String, String)>;

async fn authorize(State(inner): Shared, Query(q): Query<HashMap<String, String>>) -> Response {
    if q.get("client_id").map(String::as_str) != Some(CLIENT_ID)
        || q.get("response_type").map(String::as_str) != Some("code")
    {
        return (StatusCode::BAD_REQUEST, "unknown client or response type").into_response();
    }
    let Some(redirect_uri) = q.get("redirect_uri") else {
        return (StatusCode::BAD_REQUEST, "no redirect_uri").into_response();
    };
    let challenge = match (
        q.get("code_challenge"),
        q.get("code_challenge_method").map(String::as_str),
    ) {
        (Some(c), Some("S256")) => Some(c.clone()),
        (Some(_), _) => return (StatusCode::BAD_REQUEST, "only S256 is supported").into_response(),
        (None, _) => None,
    };
    let code = {
        let mut inner = inner.lock().unwrap_or_else(|e| e.into_inner());
        inner.issued += 1;
        let code = format!("code-{}", inner.issued);
        inner.codes.insert(
            code.clone(),
            Code {
                redirect_uri: redirect_uri.clone(),
                challenge,
            },
        );
        code
    };
    let mut location = url::Url::parse(redirect_uri).expect("the redirect URI is a URL");
    location.query_pairs_mut().append_pair("code", &code);
    if let Some(state) = q.get("state") {
        location.query_pairs_mut().append_pair("state", state);
    }
    (StatusCode::FOUND, [(header::LOCATION, location.to_string())]).into_response()
}

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        axum::Json(json!({"error": error, "error_description": description})),
    )
        .into_response()
}

fn parse_params(uri: &Uri, headers: &HeaderMap, body: &Bytes) -> (Params, Params) {
    let query = uri
        .query()
        .map(|q| url::form_urlencoded::parse(q.as_bytes()).into_owned().collect())
        .unwrap_or_default();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let body = if content_type.starts_with("application/json") {
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(m)) => m
                .into_iter()
                .map(|(k, v)| (k, v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string())))
                .collect(),
            _ => Vec::new(),
        }
    } else {
        url::form_urlencoded::parse(body).into_owned().collect()
    };
    (query, body)
}

fn record(
    inner: &mut Inner,
    method: &Method,
    headers: &HeaderMap,
    query: &[(String, String)],
    body: &[(String, String)],
) {
    let header = |name| {
        headers
            .get(name)
            .and_then(|v: &axum::http::HeaderValue| v.to_str().ok())
            .map(str::to_owned)
    };
    inner.requests.push(Recorded {
        method: method.to_string(),
        content_type: header(header::CONTENT_TYPE),
        authorization: header(header::AUTHORIZATION),
        query: query.to_vec(),
        body: body.to_vec(),
    });
}

/// The client id and secret, from `Authorization: Basic` or the parameters.
fn client(headers: &HeaderMap, param: &dyn Fn(&str) -> Option<String>) -> Option<(String, String)> {
    if let Some(basic) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
    {
        let decoded = String::from_utf8(STANDARD.decode(basic).ok()?).ok()?;
        let (id, secret) = decoded.split_once(':')?;
        let unescape = |s: &str| {
            url::form_urlencoded::parse(format!("x={s}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
        };
        return Some((unescape(id)?, unescape(secret)?));
    }
    Some((param("client_id")?, param("client_secret")?))
}

async fn token(State(inner): Shared, method: Method, uri: Uri, headers: HeaderMap, body: Bytes) -> Response {
    let (query, form) = parse_params(&uri, &headers, &body);
    let mut inner = inner.lock().unwrap_or_else(|e| e.into_inner());
    record(&mut inner, &method, &headers, &query, &form);
    let param = |name: &str| {
        query
            .iter()
            .chain(&form)
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    match client(&headers, &param) {
        Some((id, secret)) if id == CLIENT_ID && secret == CLIENT_SECRET => {}
        _ => {
            return oauth_error(
                StatusCode::UNAUTHORIZED,
                "invalid_client",
                "Client authentication failed.",
            );
        }
    }
    inner.issued += 1;
    let n = inner.issued;
    let access_token = format!("access-{n}");
    match param("grant_type").as_deref() {
        Some("authorization_code") => {
            let Some(code) = param("code").and_then(|c| inner.codes.remove(&c)) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The authorization code is unknown or was used already.",
                );
            };
            if param("redirect_uri").as_deref() != Some(code.redirect_uri.as_str()) {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The redirect URI does not match the authorization request.",
                );
            }
            if let Some(challenge) = code.challenge {
                let Some(verifier) = param("code_verifier") else {
                    return oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "PKCE verification failed: no code_verifier.",
                    );
                };
                if URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes())) != challenge {
                    return oauth_error(
                        StatusCode::BAD_REQUEST,
                        "invalid_grant",
                        "PKCE verification failed.",
                    );
                }
            }
            let refresh_token = format!("refresh-{n}");
            inner.access_tokens.push(access_token.clone());
            inner.refresh_tokens.push(refresh_token.clone());
            axum::Json(json!({
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 3600,
                "refresh_token": refresh_token,
            }))
            .into_response()
        }
        Some("refresh_token") => {
            let given = param("refresh_token").unwrap_or_default();
            let Some(at) = inner.refresh_tokens.iter().position(|t| *t == given) else {
                return oauth_error(
                    StatusCode::BAD_REQUEST,
                    "invalid_grant",
                    "The refresh token is unknown.",
                );
            };
            inner.access_tokens.push(access_token.clone());
            let mut answer = json!({"access_token": access_token, "expires_in": 3600});
            if inner.rotate_refresh_tokens {
                inner.refresh_tokens.remove(at);
                let refresh_token = format!("refresh-{n}");
                inner.refresh_tokens.push(refresh_token.clone());
                answer["refresh_token"] = json!(refresh_token);
            }
            axum::Json(answer).into_response()
        }
        Some("client_credentials") => {
            inner.access_tokens.push(access_token.clone());
            axum::Json(json!({
                "access_token": access_token,
                "token_type": "bearer",
                "expires_in": 3600,
                "scope": param("scope").unwrap_or_default(),
            }))
            .into_response()
        }
        _ => oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "The grant type is not supported.",
        ),
    }
}

async fn broken(
    State(inner): Shared,
    Path(kind): Path<String>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (query, form) = parse_params(&uri, &headers, &body);
    record(
        &mut inner.lock().unwrap_or_else(|e| e.into_inner()),
        &method,
        &headers,
        &query,
        &form,
    );
    match kind.as_str() {
        "html" => (
            StatusCode::BAD_GATEWAY,
            [(header::CONTENT_TYPE, "text/html")],
            "<html><body>Bad gateway</body></html>",
        )
            .into_response(),
        "empty" => StatusCode::OK.into_response(),
        "not-a-token" => axum::Json(json!({"status": "ok"})).into_response(),
        "server-error" => oauth_error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            "The server is down for maintenance.",
        ),
        _ => StatusCode::NOT_FOUND.into_response(),
    }
}

async fn me(State(inner): Shared, headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let known = token.is_some_and(|t| {
        inner
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .access_tokens
            .iter()
            .any(|a| a == t)
    });
    if known {
        axum::Json(json!({"tenant_id": TENANT_ID, "name": "Demo tenant"})).into_response()
    } else {
        oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_token",
            "The access token is unknown.",
        )
    }
}
