//! An HTTP client for talking to the app's API.
//!
//! ```no_run
//! use connector::prelude::*;
//! use connector::client::HttpClient;
//!
//! # #[derive(Deserialize)] struct Me { id: String }
//! # async fn f(token: &str) -> Result<()> {
//! let api = HttpClient::builder("https://api.example.com/v2").bearer(token).build()?;
//! let me: Me = api.get_json("/me").await?;
//! # Ok(()) }
//! ```
//!
//! Every client of a tokio runtime shares one connection pool (building a
//! TLS client costs tens of milliseconds; a clone of the pool costs
//! nothing). Pooled connections belong to the runtime that opened them, so
//! each runtime gets a pool of its own: the one runtime of a CLI call or of
//! the HTTP server, or each `#[tokio::test]` of a connector's tests.
//! Inside a capability, [`Context::http_client`](crate::Context::http_client) starts a builder that
//! already carries the user agent (`<app_id>/<version>`) and the request's
//! credential.
//!
//! What the client does for the author:
//! - an error status becomes an [`HttpStatusError`] worded as the reference
//!   words it (`[404][url] {'error': 'not_found'}`, or httpx's own text for
//!   an empty body), with the code from the status: 401 `unauthorized`, 404
//!   `not_found`, 429 `rate_limit`...; of its body no more than
//!   [`MAX_ERROR_BODY`] (4 KiB) is read and shown, a mark such as
//!   `… [cut: 20971520 bytes in all]` standing for the rest, and the
//!   request's secrets are hidden in it wherever the app echoes them: the
//!   client's credential and the value of every credential header sent
//!   (basic credentials also decoded), each as sent, form- or
//!   percent-encoded and JSON-escaped;
//! - a connection failure or timeout becomes `connection_timeout`, a body
//!   that is not the expected JSON `api_error`;
//! - a request may take [`DEFAULT_TIMEOUT`] (300 s, the reference's);
//! - retries are off, as in the reference; a connector turns them on with
//!   [`HttpClientBuilder::retry`] (exponential backoff and jitter within a
//!   budget, honouring `Retry-After`, see [`RetryPolicy`]), and when the last
//!   attempt fails the error is that attempt's, as it would be without retries;
//! - optional rate and concurrency limits ([`Limits`]), per client or shared
//!   by every client of a connector through a static;
//! - credentials are only sent to the base URL's origin: a redirect to
//!   another origin is followed without the credential's header or any
//!   other header whose name marks it as secret (`Authorization`, `Cookie`,
//!   `X-Api-Key`, `X-Auth-Token`...), and they stay behind for the rest of
//!   the redirects;
//! - up to [`MAX_REDIRECTS`] (10) redirects are followed per attempt, and one
//!   call sends at most [`MAX_REQUESTS_PER_CALL`] (20) requests, retries and
//!   redirects together; a redirect loop ends in [`TooManyRedirects`], which
//!   is not retried;
//! - the standard proxy variables (`HTTPS_PROXY`, `HTTP_PROXY`, `NO_PROXY`) are honoured;
//!   in the reference's proxy mode (`--use-proxy`, [`proxy`]) every request
//!   goes to one forwarding proxy instead, rewritten as the reference rewrites it;
//! - OAuth 1.0a credentials sign each request ([`OAuth1Signer`]), and
//!   [`sign_jwt`] signs a JWT credential, both as the reference does;
//! - requests and responses are logged at debug level (target
//!   `connector::client`) with secrets hidden: by key and header name
//!   ([`redact`]), and the same values as in messages wherever they occur;
//!   nothing is logged by default.

mod error;
pub mod jwt;
mod limits;
pub mod oauth1;
pub mod proxy;
mod retry;
mod secrets;
pub(crate) mod transport;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use backon::Retryable;
use base64::Engine;
use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use self::error::{ConnectError, JsonDecodeError, TimeoutError, TooManyRedirects, TransportError};
pub use self::jwt::{sign_jwt, sign_jwt_at};
pub use self::limits::Limits;
pub use self::oauth1::OAuth1Signer;
pub use self::proxy::ProxySettings;
pub use self::retry::{RetryPolicy, is_idempotent, is_transient_status, parse_retry_after};
pub use reqwest::{Method, StatusCode, Url};

use self::secrets::Secrets;
#[cfg(feature = "oauth")]
pub(crate) use self::secrets::credential_values;
pub(crate) use self::secrets::read_error_body;
use crate::error::{Error, HttpStatusError, MAX_ERROR_BODY, Result, cut};
use crate::models::{AuthCredential, ErrorCode};
use crate::redact;
use crate::redact::url_text;

/// `url` as messages and logs may show it: its user name and password (which
/// may be a key) hidden whole, and the values of query parameters that carry
/// secrets; works on text that does not parse as a URL too.
///
/// ```
/// use connector::client::display_url;
///
/// assert_eq!(display_url("https://key:pw@h/x?api_key=k&q=1"), "https://[REDACTED]@h/x?api_key=[REDACTED]&q=1");
/// ```
pub fn display_url(url: &str) -> String {
    url_text(url)
}

/// How many redirects one attempt of a request follows, as reqwest and
/// browsers do by default.
pub const MAX_REDIRECTS: u32 = 10;

/// How many requests one call ([`Request::send`]) may send in all, first
/// attempt, retries and the redirects of each together, whatever the retry
/// policy says: a server that redirects every attempt a few times before
/// failing would otherwise multiply the two.
pub const MAX_REQUESTS_PER_CALL: u32 = 20;

/// How long establishing a connection may take, by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole request (connect, send, receive the body) may take, by
/// default: the five minutes the reference's client allows.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);

const LOG_TARGET: &str = "connector::client";

/// The `User-Agent` of requests that set none.
const DEFAULT_USER_AGENT: &str = concat!("connector/", env!("CARGO_PKG_VERSION"));

/// The pools of the most recent runtimes, by runtime. A runtime that has
/// ended leaves its pool unused; keeping a few bounds what that costs.
static POOLS: Mutex<Vec<(tokio::runtime::Id, reqwest::Client)>> = Mutex::new(Vec::new());
const KEPT_POOLS: usize = 8;

fn build_pool(connect_timeout: Duration) -> std::result::Result<reqwest::Client, String> {
    reqwest::Client::builder()
        .connect_timeout(connect_timeout)
        .pool_idle_timeout(Duration::from_secs(90))
        .user_agent(DEFAULT_USER_AGENT)
        // The client follows redirects itself (see `HttpClient::attempt`):
        // reqwest would carry a credential header of the connector's own
        // naming to another origin, and count its hops apart from retries.
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .map_err(|e| e.to_string())
}

fn pool(connect_timeout: Duration) -> Result<reqwest::Client> {
    let runtime = tokio::runtime::Handle::try_current().map(|h| h.id());
    let built = match runtime {
        // The connect timeout belongs to the pool, so another one needs a pool
        // of its own; so does a client built outside any runtime, which cannot
        // know where it will be used.
        Ok(runtime) if connect_timeout == DEFAULT_CONNECT_TIMEOUT => {
            let mut pools = POOLS.lock().unwrap_or_else(|p| p.into_inner());
            match pools.iter().find(|(id, _)| *id == runtime) {
                Some((_, pool)) => Ok(pool.clone()),
                None => build_pool(connect_timeout).inspect(|pool| {
                    if pools.len() == KEPT_POOLS {
                        pools.remove(0);
                    }
                    pools.push((runtime, pool.clone()));
                }),
            }
        }
        _ => build_pool(connect_timeout),
    };
    built.map_err(|e| {
        Error::new(
            ErrorCode::InternalError,
            format!("Could not set up the HTTP client: {e}"),
        )
    })
}

/// The connection pool the runtime's clients share, for requests sent
/// without an [`HttpClient`] (the OAuth token requests): the same TLS
/// set-up, connect timeout and default user agent.
#[cfg(feature = "oauth")]
pub(crate) fn shared_pool() -> Result<reqwest::Client> {
    pool(DEFAULT_CONNECT_TIMEOUT)
}

/// Sends a request of the shared pool without following redirects: a
/// redirect comes back as the answer (the pool never follows one).
#[cfg(feature = "oauth")]
pub(crate) async fn send_without_redirects(
    pool: &reqwest::Client,
    request: reqwest::Request,
) -> std::result::Result<reqwest::Response, reqwest::Error> {
    transport::execute(pool, request, &[], &transport::Captured::default()).await
}

/// A client for one API: a base URL, a credential, timeouts, retries and limits.
///
/// Cheap to clone; clones share everything. Its `Debug` output shows no
/// credential.
#[derive(Clone, Debug)]
pub struct HttpClient {
    inner: Arc<Inner>,
}

struct Inner {
    http: reqwest::Client,
    base_url: String,
    origin: reqwest::Url,
    headers: HeaderMap,
    /// The credential's header, left out of requests to other origins.
    auth_header: Option<HeaderName>,
    /// Signs each request to the base URL's origin.
    oauth1: Option<OAuth1Signer>,
    /// The proxy of the call the client was built in, for requests sent
    /// outside it (on a task of their own).
    proxy: Option<Arc<ProxySettings>>,
    /// The credential's secret values, hidden should an answer echo them.
    secrets: Vec<String>,
    timeout: Duration,
    retry: RetryPolicy,
    limits: Vec<Arc<Limits>>,
    /// Where requests go besides the network (only tests set one).
    transport: transport::Captured,
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Header values marked sensitive print as such; the secrets not at all.
        f.debug_struct("HttpClient")
            .field("base_url", &display_url(&self.base_url))
            .field("headers", &self.headers)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

/// Sets up an [`HttpClient`]; see [`HttpClient::builder`].
pub struct HttpClientBuilder {
    base_url: String,
    headers: HeaderMap,
    auth: Option<AuthSetting>,
    connect_timeout: Duration,
    timeout: Duration,
    retry: RetryPolicy,
    limits: Vec<Arc<Limits>>,
    user_agent: Option<String>,
    invalid: Option<Error>,
}

enum AuthSetting {
    Bearer(String),
    Basic(String, String),
    Header(String, String),
    OAuth1(OAuth1Signer),
}

impl std::fmt::Debug for HttpClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let auth = self.auth.as_ref().map(|auth| match auth {
            AuthSetting::Bearer(_) => "bearer",
            AuthSetting::Basic(..) => "basic",
            AuthSetting::Header(..) => "header",
            AuthSetting::OAuth1(..) => "oauth1",
        });
        f.debug_struct("HttpClientBuilder")
            .field("base_url", &display_url(&self.base_url))
            .field("headers", &self.headers)
            .field("auth", &auth)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

impl HttpClient {
    /// Starts a client for the API at `base_url` (request paths are appended to it).
    pub fn builder(base_url: impl Into<String>) -> HttpClientBuilder {
        HttpClientBuilder {
            base_url: base_url.into(),
            headers: HeaderMap::new(),
            auth: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::none(),
            limits: Vec::new(),
            user_agent: None,
            invalid: None,
        }
    }

    /// The base URL requests are relative to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The full URL of `path`: absolute URLs are kept, paths are appended to the base URL.
    pub fn url(&self, path: &str) -> String {
        if path.starts_with("https://") || path.starts_with("http://") {
            return path.to_owned();
        }
        let base = self.inner.base_url.trim_end_matches('/');
        if path.is_empty() {
            base.to_owned()
        } else if path.starts_with('/') {
            format!("{base}{path}")
        } else {
            format!("{base}/{path}")
        }
    }

    /// A request of any method to `path`.
    ///
    /// An absolute URL on another origin than the base URL (a next-page link
    /// pointing elsewhere, a download URL) is sent without the credential.
    pub fn request(&self, method: Method, path: &str) -> Request {
        let url = self.url(path);
        let mut invalid = None;
        let mut headers = self.inner.headers.clone();
        match Url::parse(&url) {
            Ok(parsed) => {
                if parsed.origin() != self.inner.origin.origin() {
                    if let Some(name) = &self.inner.auth_header {
                        headers.remove(name);
                    }
                }
            }
            Err(e) => {
                invalid = Some(Error::bad_request(format!(
                    "Invalid URL {:?}: {e}",
                    display_url(&url)
                )))
            }
        }
        let builder = self
            .inner
            .http
            .request(method.clone(), &url)
            .headers(headers)
            .timeout(self.inner.timeout);
        Request {
            client: self.clone(),
            method,
            builder,
            retry: self.inner.retry.clone(),
            invalid,
        }
    }

    /// A GET request to `path`.
    pub fn get(&self, path: &str) -> Request {
        self.request(Method::GET, path)
    }

    /// A POST request to `path`.
    pub fn post(&self, path: &str) -> Request {
        self.request(Method::POST, path)
    }

    /// A PUT request to `path`.
    pub fn put(&self, path: &str) -> Request {
        self.request(Method::PUT, path)
    }

    /// A PATCH request to `path`.
    pub fn patch(&self, path: &str) -> Request {
        self.request(Method::PATCH, path)
    }

    /// GETs `path` and reads the JSON answer.
    pub async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        self.get(path).send().await?.json()
    }

    /// POSTs `body` as JSON to `path` and reads the JSON answer.
    pub async fn post_json<T: DeserializeOwned>(&self, path: &str, body: &impl Serialize) -> Result<T> {
        self.post(path).json(body).send().await?.json()
    }

    /// PUTs `body` as JSON to `path` and reads the JSON answer.
    pub async fn put_json<T: DeserializeOwned>(&self, path: &str, body: &impl Serialize) -> Result<T> {
        self.put(path).json(body).send().await?.json()
    }

    /// PATCHes `body` as JSON to `path` and reads the JSON answer (`Option<T>`
    /// accepts an empty `204` answer).
    pub async fn patch_json<T: DeserializeOwned>(&self, path: &str, body: &impl Serialize) -> Result<T> {
        self.patch(path).json(body).send().await?.json()
    }

    /// DELETEs `path`.
    pub async fn delete(&self, path: &str) -> Result<HttpResponse> {
        self.request(Method::DELETE, path).send().await
    }
}

impl HttpClientBuilder {
    /// Sends `Authorization: Bearer <token>`.
    pub fn bearer(mut self, token: impl Into<String>) -> Self {
        self.auth = Some(AuthSetting::Bearer(token.into()));
        self
    }

    /// Sends HTTP basic authentication.
    pub fn basic(mut self, username: impl Into<String>, password: impl Into<String>) -> Self {
        self.auth = Some(AuthSetting::Basic(username.into(), password.into()));
        self
    }

    /// Sends an API key in a header of its own, e.g. `X-API-Key`.
    pub fn api_key_header(mut self, name: impl Into<String>, key: impl Into<String>) -> Self {
        self.auth = Some(AuthSetting::Header(name.into(), key.into()));
        self
    }

    /// Signs every request to the base URL's origin with OAuth 1.0a
    /// (`Authorization: OAuth ...`, see [`OAuth1Signer`]).
    pub fn oauth1(mut self, signer: impl Into<OAuth1Signer>) -> Self {
        self.auth = Some(AuthSetting::OAuth1(signer.into()));
        self
    }

    /// Authenticates with a request's credential: a token or an OAuth access
    /// token as a bearer token, a user name and password as basic auth, an
    /// OAuth 1.0a credential by signing each request (without a realm; use
    /// [`oauth1`](Self::oauth1) for one). JWT and key-pair credentials are
    /// the connector's to use (a JWT signed with [`sign_jwt`] is often sent
    /// as a bearer token).
    pub fn credential(self, auth: &AuthCredential) -> Self {
        if let Some(t) = &auth.token {
            self.bearer(t.token.expose())
        } else if let Some(o) = &auth.oauth {
            self.bearer(o.access_token.expose())
        } else if let Some(o) = &auth.oauth_client_credentials {
            self.bearer(o.access_token.expose())
        } else if let Some(b) = &auth.basic {
            self.basic(b.username.clone(), b.password.expose())
        } else if let Some(o) = &auth.oauth1 {
            self.oauth1(o)
        } else {
            self
        }
    }

    /// Adds a header to every request.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        match (HeaderName::try_from(name), HeaderValue::try_from(value)) {
            (Ok(n), Ok(v)) => {
                self.headers.insert(n, v);
            }
            _ => self.invalid = Some(illegal_header()),
        }
        self
    }

    /// Sets the `User-Agent` (by default `connector/<framework version>`).
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = Some(agent.into());
        self
    }

    /// How long establishing a connection may take.
    ///
    /// A value other than [`DEFAULT_CONNECT_TIMEOUT`] gives the client a
    /// connection pool of its own.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long a whole request may take ([`DEFAULT_TIMEOUT`] unless set).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Turns on retrying transient failures, by this policy.
    ///
    /// Without it the client sends each request once, as the reference's
    /// does. `RetryPolicy::default()` is a sensible start.
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Applies limits shared with other clients (e.g. a connector-wide static).
    pub fn limits(mut self, limits: Arc<Limits>) -> Self {
        self.limits.push(limits);
        self
    }

    /// At most `requests` request starts per `window`, for this client.
    pub fn rate_limit(self, requests: u32, window: Duration) -> Self {
        self.limits(Limits::new().per_window(requests, window).shared())
    }

    /// At most `n` requests of this client in flight at once.
    pub fn max_concurrency(self, n: usize) -> Self {
        self.limits(Limits::new().max_concurrency(n).shared())
    }

    /// Checks the settings and builds the client.
    ///
    /// A base URL that is not an http(s) URL, an empty token or a malformed
    /// header is a `bad_request` error.
    pub fn build(self) -> Result<HttpClient> {
        if let Some(e) = self.invalid {
            return Err(e);
        }
        let base_url = self.base_url.trim().to_owned();
        let origin = match Url::parse(&base_url) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => u,
            _ => {
                return Err(Error::bad_request(format!(
                    "Invalid base URL {:?}: expected an http:// or https:// URL.",
                    display_url(&base_url)
                )));
            }
        };
        let mut auth_header = None;
        let mut oauth1 = None;
        let mut secrets = Vec::new();
        let mut headers = self.headers;
        let agent = self.user_agent.unwrap_or_else(|| DEFAULT_USER_AGENT.to_owned());
        headers.insert(
            header::USER_AGENT,
            HeaderValue::try_from(agent).map_err(|_| illegal_header())?,
        );
        let credential_header = match self.auth {
            None => None,
            Some(AuthSetting::OAuth1(signer)) => {
                // The realm goes into every header as it is: checked once here.
                if let Some(realm) = signer.realm_value() {
                    HeaderValue::try_from(format!("OAuth realm=\"{realm}\","))
                        .map_err(|_| illegal_header())?;
                }
                secrets.extend(signer.secret_values().into_iter().map(str::to_owned));
                oauth1 = Some(signer);
                None
            }
            Some(AuthSetting::Bearer(token)) => {
                require_secret(&token)?;
                secrets.push(token.clone());
                Some((header::AUTHORIZATION, format!("Bearer {token}")))
            }
            Some(AuthSetting::Basic(user, password)) => {
                let encoded = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
                secrets.extend([password, encoded.clone()]);
                Some((header::AUTHORIZATION, format!("Basic {encoded}")))
            }
            Some(AuthSetting::Header(name, key)) => {
                require_secret(&key)?;
                secrets.push(key.clone());
                Some((HeaderName::try_from(name).map_err(|_| illegal_header())?, key))
            }
        };
        if let Some((name, value)) = credential_header {
            let mut value = HeaderValue::try_from(value).map_err(|_| illegal_header())?;
            value.set_sensitive(true);
            auth_header = Some(name.clone());
            headers.insert(name, value);
        }
        Ok(HttpClient {
            inner: Arc::new(Inner {
                http: pool(self.connect_timeout)?,
                base_url,
                origin,
                headers,
                auth_header,
                oauth1,
                proxy: proxy::active(),
                secrets,
                timeout: self.timeout,
                retry: self.retry,
                limits: self.limits,
                transport: transport::Captured::current(),
            }),
        })
    }
}

fn require_secret(secret: &str) -> Result<()> {
    if secret.trim().is_empty() {
        return Err(Error::bad_request(
            "Token credential is required and cannot be empty.",
        ));
    }
    Ok(())
}

fn illegal_header() -> Error {
    Error::bad_request(crate::error::ILLEGAL_HEADER_MESSAGE)
}

/// One request being prepared; finish it with [`Request::send`].
pub struct Request {
    client: HttpClient,
    method: Method,
    builder: reqwest::RequestBuilder,
    retry: RetryPolicy,
    invalid: Option<Error>,
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // reqwest's own output shows the query, which may carry a key.
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("client", &self.client)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl Request {
    /// Adds query parameters (any serde-serializable list or struct).
    pub fn query<Q: Serialize + ?Sized>(mut self, query: &Q) -> Self {
        self.builder = self.builder.query(query);
        self
    }

    /// Sends `body` as JSON.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        self.builder = self.builder.json(body);
        self
    }

    /// Sends `body` as it is, with this content type.
    pub fn body(mut self, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        self.builder = self
            .builder
            .header(header::CONTENT_TYPE, content_type)
            .body(body.into());
        self
    }

    /// Adds a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.builder = self.builder.header(name, value);
        self
    }

    /// Overrides the client's total timeout for this request.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.builder = self.builder.timeout(timeout);
        self
    }

    /// Overrides the client's retry policy for this request (e.g. to retry a
    /// POST the app documents as idempotent, or to retry one call of a client
    /// that does not otherwise retry).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Sends the request, retrying transient failures if a retry policy says so.
    ///
    /// An error status is an error ([`HttpStatusError`]); so are connection
    /// failures and timeouts. When retrying gives up, the error is the last
    /// attempt's.
    pub async fn send(self) -> Result<HttpResponse> {
        let Request {
            client,
            method,
            builder,
            retry,
            invalid,
        } = self;
        if let Some(e) = invalid {
            return Err(e);
        }
        // The URL was checked above, so what is left to fail is a header.
        let request = builder.build().map_err(|_| illegal_header())?;
        let timeout = request.timeout().copied().unwrap_or(client.inner.timeout);
        // Proxy mode as the reference decides it, when the request is sent;
        // failing that, as it was when the client was built.
        let proxy = proxy::active().or_else(|| client.inner.proxy.clone());
        let mut known = client.inner.secrets.clone();
        if let Some(proxy) = &proxy {
            known.extend(proxy.secret_values());
        }
        let secrets = Secrets::new(&known, request.headers());
        // The closures below share these; the future must stay `Send`.
        let attempts = AtomicU32::new(0);
        let sent = AtomicU32::new(0);
        let state = Mutex::new((Duration::ZERO, None::<GaveUp>));
        let resendable = retry.may_resend(&method);
        let budget = retry.budget;

        let outcome = (|| async {
            attempts.fetch_add(1, Ordering::Relaxed);
            let Some(copy) = request.try_clone() else {
                return Err(Failure::Final(Error::bad_request(
                    "The request body cannot be sent twice.",
                )));
            };
            client
                .attempt(copy, proxy.as_deref(), timeout, &sent, &secrets)
                .await
        })
        .retry(retry.backoff())
        .sleep(tokio::time::sleep)
        .when(|f| f.is_transient(resendable))
        .adjust(|f, next| {
            let mut state = state.lock().unwrap_or_else(|p| p.into_inner());
            let Some(backoff) = next else {
                state.1 = Some(GaveUp::MaxRetries);
                return None;
            };
            if sent.load(Ordering::Relaxed) >= MAX_REQUESTS_PER_CALL {
                state.1 = Some(GaveUp::Requests);
                return None;
            }
            let asked = f.retry_after();
            // The server's number is not trusted: waiting longer than one
            // request may take is never worth it.
            let wait = asked.map_or(backoff, |d| d.min(timeout));
            let waited = match state.0.checked_add(wait) {
                Some(total) if total <= budget => total,
                _ => {
                    state.1 = Some(match asked {
                        Some(d) => GaveUp::RetryAfterTooLong(d),
                        None => GaveUp::Budget,
                    });
                    return None;
                }
            };
            state.0 = waited;
            Some(wait)
        })
        .notify(|f, wait| {
            tracing::debug!(target: LOG_TARGET, "retrying in {wait:?} after: {}", f.describe());
        })
        .await;

        outcome.map_err(|failure| {
            let attempts = attempts.load(Ordering::Relaxed);
            let stopped = state.lock().unwrap_or_else(|p| p.into_inner()).1;
            // A policy of no retries stops at the first failure: nothing to report.
            if let Some(why) = stopped.filter(|r| attempts > 1 || *r != GaveUp::MaxRetries) {
                tracing::warn!(
                    target: LOG_TARGET,
                    attempts,
                    "gave up after {attempts} attempt(s) ({why}): {}",
                    failure.describe()
                );
            }
            failure.into_error()
        })
    }
}

/// Why retrying stopped while the failure was still transient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum GaveUp {
    MaxRetries,
    Requests,
    Budget,
    RetryAfterTooLong(Duration),
}

impl std::fmt::Display for GaveUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GaveUp::MaxRetries => f.write_str("maximum retries reached"),
            GaveUp::Requests => write!(f, "the call's {MAX_REQUESTS_PER_CALL} requests are spent"),
            GaveUp::Budget => f.write_str("retry time budget spent"),
            GaveUp::RetryAfterTooLong(d) => write!(
                f,
                "the server asked to retry after {}s, beyond the retry budget",
                d.as_secs()
            ),
        }
    }
}

/// Why one attempt failed.
enum Failure {
    Status(HttpStatusError, Option<Duration>),
    Connect(ConnectError),
    Timeout(TimeoutError),
    Transport(TransportError),
    Final(Error),
}

impl Failure {
    fn is_transient(&self, resendable: bool) -> bool {
        match self {
            Failure::Status(e, _) => is_transient_status(e.status()) && resendable,
            // Nothing reached the server, so even a POST is safe to send again.
            Failure::Connect(_) => true,
            Failure::Timeout(_) | Failure::Transport(_) => resendable,
            Failure::Final(_) => false,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Failure::Status(_, after) => *after,
            _ => None,
        }
    }

    fn describe(&self) -> String {
        match self {
            Failure::Status(e, _) => format!("status {} from {}", e.status(), e.url()),
            Failure::Connect(e) => e.to_string(),
            Failure::Timeout(e) => e.to_string(),
            Failure::Transport(e) => e.to_string(),
            Failure::Final(e) => e.to_string(),
        }
    }

    /// The error for the envelope: the failure as it is, retried or not.
    fn into_error(self) -> Error {
        match self {
            Failure::Final(e) => e,
            Failure::Status(e, _) => e.into(),
            Failure::Connect(e) => e.into(),
            Failure::Timeout(e) => e.into(),
            Failure::Transport(e) => e.into(),
        }
    }
}

impl HttpClient {
    /// Sends one attempt of a request, following its redirects (but through
    /// a proxy, which answers for the app).
    async fn attempt(
        &self,
        mut request: reqwest::Request,
        proxy: Option<&ProxySettings>,
        timeout: Duration,
        sent: &AtomicU32,
        secrets: &Secrets,
    ) -> std::result::Result<HttpResponse, Failure> {
        let mut permits = Vec::with_capacity(self.inner.limits.len());
        for limits in &self.inner.limits {
            permits.push(limits.acquire().await);
        }
        let logging = tracing::enabled!(target: LOG_TARGET, tracing::Level::DEBUG);
        // The timeout bounds the attempt, redirects included, as it did when
        // reqwest followed them.
        let deadline = Instant::now().checked_add(timeout);
        let logged_url = |url: &Url| secrets.hide(&display_url(&redact::url(url)));
        let mut redirects = 0;
        // Whether the request still goes where the credential may go: lost
        // for good on a redirect to another origin.
        let mut credentialed = request.url().origin() == self.inner.origin.origin();
        if let Some(proxy) = proxy {
            tracing::warn!(target: LOG_TARGET, "Proxying all requests to {}", display_url(proxy.url().as_str()));
        }
        loop {
            if let Some(deadline) = deadline {
                *request.timeout_mut() = Some(deadline.saturating_duration_since(Instant::now()));
            }
            if let (Some(signer), true) = (&self.inner.oauth1, credentialed) {
                sign_oauth1(signer, &mut request);
            }
            // Kept for a redirect, which sends the request again elsewhere.
            let copy = request.try_clone();
            let url = request.url().clone();
            if logging {
                let body = request
                    .body()
                    .and_then(|b| b.as_bytes())
                    .map(|b| secrets.body(b))
                    .unwrap_or_default();
                tracing::debug!(
                    target: LOG_TARGET,
                    method = %request.method(),
                    url = %logged_url(&url),
                    headers = ?secrets.headers(request.headers()),
                    body = %body,
                    "outbound request"
                );
            }
            let started = Instant::now();
            sent.fetch_add(1, Ordering::Relaxed);
            let (outgoing, sent_to) = match proxy {
                Some(proxy) => (proxy.rewrite(request), proxy.url().clone()),
                None => (request, url.clone()),
            };
            let inner = &self.inner;
            let response = transport::execute(&inner.http, outgoing, &inner.secrets, &inner.transport)
                .await
                .map_err(|e| classify(e, &sent_to, timeout))?;
            let status = response.status();
            if let Some(failure) = proxy.and_then(|p| p.failure(status, response.headers(), &url)) {
                let (body, cut) = read_error_body(response)
                    .await
                    .map_err(|e| classify(e, &sent_to, timeout))?;
                if logging {
                    tracing::debug!(
                        target: LOG_TARGET,
                        status = status.as_u16(),
                        url = %logged_url(&sent_to),
                        elapsed_ms = elapsed_ms(started),
                        body = %secrets.body(&body),
                        "inbound proxy failure"
                    );
                }
                return Err(Failure::Final(failure.into_error(&body, cut, &secrets.as_strs())));
            }
            let redirect = if proxy.is_some() {
                None
            } else {
                redirect_target(&response)
            };
            if let (Some(target), Some(copy)) = (redirect, copy) {
                if logging {
                    tracing::debug!(
                        target: LOG_TARGET,
                        status = status.as_u16(),
                        url = %logged_url(&url),
                        elapsed_ms = elapsed_ms(started),
                        location = %logged_url(&target),
                        "inbound redirect"
                    );
                }
                if redirects == MAX_REDIRECTS || sent.load(Ordering::Relaxed) >= MAX_REQUESTS_PER_CALL {
                    let url = redact::strip_query(&display_url(url.as_str())).to_owned();
                    return Err(Failure::Final(TooManyRedirects { url }.into()));
                }
                redirects += 1;
                credentialed &= target.origin() == url.origin();
                request = self.redirected(copy, status, target);
                continue;
            }
            let headers = response.headers().clone();
            let final_url = response.url().clone();
            let reason = reason_phrase(&response);
            let failed = status.is_client_error() || status.is_server_error();
            // An error body only goes to a message, so no more of it is read
            // than a message shows; a success body is the data asked for.
            let (body, cut) = if failed {
                read_error_body(response).await
            } else {
                response.bytes().await.map(|b| (b.into(), None))
            }
            .map_err(|e| classify(e, &final_url, timeout))?;
            drop(permits);
            if logging {
                let shown_body = match cut {
                    // The start of a body is not JSON, so would be shown by size too.
                    Some(whole) => format!("<{}, read up to {MAX_ERROR_BODY}>", whole.bytes()),
                    None => secrets.body(&body),
                };
                tracing::debug!(
                    target: LOG_TARGET,
                    status = status.as_u16(),
                    url = %logged_url(&final_url),
                    elapsed_ms = elapsed_ms(started),
                    headers = ?secrets.headers(&headers),
                    body = %shown_body,
                    "inbound response"
                );
            }
            if failed {
                let mut error = match cut {
                    None => HttpStatusError::from_response(status.as_u16(), final_url.as_str(), &body),
                    Some(whole) => {
                        HttpStatusError::from_start(status.as_u16(), final_url.as_str(), &body, whole)
                    }
                };
                if let Some(reason) = reason {
                    error = error.with_reason(reason);
                }
                let error = error.hiding(&secrets.as_strs());
                let retry_after = headers
                    .get(header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(|v| parse_retry_after(v, SystemTime::now()));
                return Err(Failure::Status(error, retry_after));
            }
            return Ok(HttpResponse {
                status,
                url: final_url,
                headers,
                body,
            });
        }
    }

    /// The request a redirect to `target` sends: the method and body as
    /// browsers (and reqwest) rewrite them, and, when the origin changes,
    /// without any credential header, which is not given back if a later
    /// redirect returns to the base URL's origin: the other server chose
    /// where that goes.
    fn redirected(&self, mut request: reqwest::Request, status: StatusCode, target: Url) -> reqwest::Request {
        let to_get = match status {
            StatusCode::MOVED_PERMANENTLY | StatusCode::FOUND => request.method() == Method::POST,
            StatusCode::SEE_OTHER => true,
            _ => false,
        };
        if to_get {
            if request.method() != Method::HEAD {
                *request.method_mut() = Method::GET;
            }
            *request.body_mut() = None;
            for name in [
                header::CONTENT_TYPE,
                header::CONTENT_LENGTH,
                header::CONTENT_ENCODING,
                header::TRANSFER_ENCODING,
            ] {
                request.headers_mut().remove(name);
            }
        }
        if target.origin() != request.url().origin() {
            let headers = request.headers_mut();
            if let Some(name) = &self.inner.auth_header {
                headers.remove(name);
            }
            let credentials: Vec<HeaderName> = headers
                .iter()
                .filter(|(name, value)| value.is_sensitive() || redact::is_sensitive_header(name.as_str()))
                .map(|(name, _)| name.clone())
                .collect();
            for name in credentials {
                headers.remove(name);
            }
        }
        *request.url_mut() = target;
        request
    }
}

/// Sets the request's OAuth 1.0a `Authorization` header for its method, URL
/// and body as they are now.
fn sign_oauth1(signer: &OAuth1Signer, request: &mut reqwest::Request) {
    let body = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
    let value = signer.authorization(request.method().as_str(), request.url(), body);
    // Percent-encoded fields and a realm checked when the client was built.
    if let Ok(mut value) = HeaderValue::try_from(value) {
        value.set_sensitive(true);
        request.headers_mut().insert(header::AUTHORIZATION, value);
    }
}

/// Where a redirect answer points, when the client follows it: a 301, 302,
/// 303, 307 or 308 with a `Location` that resolves to an http(s) URL. Other
/// redirects come back as the answer, as reqwest returned them. User info
/// in the location is dropped: a server does not hand out credentials.
fn redirect_target(response: &reqwest::Response) -> Option<Url> {
    if !matches!(response.status().as_u16(), 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    let location = response.headers().get(header::LOCATION)?.to_str().ok()?;
    let mut target = response.url().join(location).ok()?;
    if !matches!(target.scheme(), "http" | "https") {
        return None;
    }
    // Cannot fail on an http(s) URL, which has a host.
    let _ = target.set_username("");
    let _ = target.set_password(None);
    Some(target)
}

/// A failure to send or receive, by kind; the URL is the one requested.
fn classify(e: reqwest::Error, url: &Url, timeout: Duration) -> Failure {
    let url = redact::strip_query(&display_url(url.as_str())).to_owned();
    // reqwest's text repeats the URL with its query, which may carry a key.
    let e = e.without_url();
    if e.is_connect() {
        Failure::Connect(ConnectError { url, source: e })
    } else if e.is_timeout() {
        Failure::Timeout(TimeoutError { url, timeout })
    } else {
        Failure::Transport(TransportError { url, source: e })
    }
}

fn elapsed_ms(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// The reason phrase of the status line as the server sent it (hyper keeps
/// it only when it is not the standard one), without non-ASCII bytes, as
/// httpx reads it.
fn reason_phrase(response: &reqwest::Response) -> Option<String> {
    match response.extensions().get::<hyper::ext::ReasonPhrase>() {
        Some(sent) => Some(
            sent.as_bytes()
                .iter()
                .filter(|b| b.is_ascii())
                .map(|&b| char::from(b))
                .collect(),
        ),
        None => response.status().canonical_reason().map(str::to_owned),
    }
}

/// A response with a success (or redirect) status and its whole body.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    status: StatusCode,
    url: Url,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl HttpResponse {
    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The URL that answered (after redirects).
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// One header as text, if present and readable.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body.
    pub fn bytes(&self) -> &[u8] {
        &self.body
    }

    /// The body as text (invalid UTF-8 replaced).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body read as JSON into `T`; an empty body reads as `null`, so
    /// `Option<T>` accepts a `204 No Content`.
    ///
    /// A body that does not fit `T` is an `api_error`
    /// (`Failed to parse JSON response: ...`): a body that is not JSON at all
    /// is explained as Python's `json` module explains it
    /// (`Expecting value: line 1 column 1 (char 0)`), as the reference does.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        let body: &[u8] = if self.body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            &self.body
        };
        serde_json::from_slice(body).map_err(|source| {
            let message = match crate::json::python::loads(&self.body) {
                Err(crate::json::python::LoadError::Decode(python)) => python,
                // serde quotes the offending value, which is the app's data
                // and may be anything, a credential or megabytes: the reason
                // is read again without it, the position kept.
                _ if source.classify() == serde_json::error::Category::Data => {
                    let reason = serde_json::from_slice::<serde_json::Value>(body)
                        .ok()
                        .and_then(|value| crate::error::input::from_value::<T>(&value).err())
                        .unwrap_or_else(|| "the answer does not have the expected shape".to_owned());
                    format!("{reason} at line {} column {}", source.line(), source.column())
                }
                _ => source.to_string(),
            };
            // The reasons name the app's keys, which may be of any length.
            let message = match crate::redact::prefix(&message, MAX_ERROR_BODY) {
                shown if shown.len() < message.len() => {
                    format!("{shown}{}", cut::WholeSize::Exactly(message.len() as u64))
                }
                _ => message,
            };
            JsonDecodeError {
                url: redact::strip_query(&display_url(self.url.as_str())).to_owned(),
                status: self.status.as_u16(),
                message,
                source,
            }
            .into()
        })
    }

    /// The URL of the next page from a `Link: <...>; rel="next"` header (RFC 8288).
    pub fn next_link(&self) -> Option<String> {
        self.headers
            .get_all(header::LINK)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(next_link_in)
    }
}

fn next_link_in(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let mut pieces = part.split(';');
        let target = pieces.next()?.trim();
        let target = target.strip_prefix('<')?.strip_suffix('>')?;
        pieces
            .any(|p| {
                let p = p.trim();
                p.strip_prefix("rel=")
                    .map(|r| {
                        r.trim_matches('"')
                            .split_whitespace()
                            .any(|r| r.eq_ignore_ascii_case("next"))
                    })
                    .unwrap_or(false)
            })
            .then(|| target.to_owned())
    })
}

#[cfg(test)]
mod tests;
