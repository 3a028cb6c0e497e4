//! Cassettes: a test's HTTP exchanges with the real app, recorded once and
//! played back in later runs without network.
//!
//! See [`Cassette`].

use std::fmt::Write as _;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use base64::Engine;
use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use reqwest::ResponseBuilderExt;
use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::client::transport::{self, Interceptor, Secrets};
use crate::redact::{self, REDACTED};

/// Whether cassettes record or replay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CassetteMode {
    /// Requests go to the app; every exchange is written to the cassette,
    /// which is replaced.
    Record,
    /// Requests are answered from the cassette; nothing goes to the network.
    Replay,
}

impl CassetteMode {
    /// The environment variable that chooses the mode of [`Cassette::new`]:
    /// `record`, or `replay` (the default when it is unset or empty).
    pub const VAR: &'static str = "CONNECTOR_CASSETTES";

    /// The mode [`CassetteMode::VAR`] asks for.
    ///
    /// # Panics
    /// When the variable holds anything but `record`, `replay` or nothing.
    pub fn from_env() -> Self {
        let value = std::env::var(Self::VAR).unwrap_or_default();
        match value.trim().to_ascii_lowercase().as_str() {
            "" | "replay" => Self::Replay,
            "record" => Self::Record,
            _ => panic!("{}={value:?}: expected `record` or `replay`", Self::VAR),
        }
    }
}

/// The version written in a cassette and the only one read.
const FORMAT_VERSION: u32 = 1;

/// Keys whose values are credentials in the bodies and queries of OAuth
/// requests, beside those the logs hide ([`redact`]).
const MORE_SECRET_KEYS: &[&str] = &["client_assertion", "assertion", "code_verifier"];

/// Response headers left out of a cassette: the body is stored as JSON or
/// text and may be written back with another length.
const UNRECORDED_RESPONSE_HEADERS: &[HeaderName] = &[header::CONTENT_LENGTH, header::TRANSFER_ENCODING];

/// The status of the answer a request the cassette does not hold gets: one
/// no app sends, so no connector handles it as one of the app's answers.
const MISS_STATUS: u16 = 599;

/// A test's HTTP exchanges with the app, recorded once and played back
/// later: the connector talks to the real app one time, and every later run
/// answers it from a file beside the test, without network.
///
/// ```no_run
/// use connector::testing::{Cassette, Subject};
/// use serde_json::json;
///
/// # async fn t() {
/// let cassette = Cassette::new("tests/cassettes/list_accounts.json");
/// let (base_url, token) = if cassette.is_recording() {
///     (std::env::var("ACME_URL").unwrap(), std::env::var("ACME_TOKEN").unwrap())
/// } else {
///     ("https://acme.invalid/api".to_owned(), "replayed".to_owned())
/// };
/// let subject = Subject::load();
/// let call = subject
///     .call("list_accounts")
///     .auth(json!({"token": {"token": token}}))
///     .settings(json!({"base_url": base_url}));
/// let outcome = cassette.run(call.send()).await;
/// assert!(!outcome.is_error(), "{}", outcome.text);
/// cassette.finish();
/// # }
/// ```
///
/// **Recording** (`CONNECTOR_CASSETTES=record`, or [`Cassette::record`]):
/// every request that a framework client ([`crate::client::HttpClient`],
/// and the OAuth token requests of the runtime) sends inside
/// [`Cassette::run`] goes to the app, and the exchange is written to the
/// cassette as pretty-printed JSON: method, URL, headers and body of the
/// request; status, headers and body of the answer. Secrets are replaced by
/// `[REDACTED]` before anything is written:
/// - the request's credential values wherever they occur, in the forms they
///   may take (as sent, form- and percent-encoded, JSON-escaped, basic
///   credentials decoded), in the request and in the answer alike: the
///   client's credential and every header that carries one;
/// - the headers named as secret (`Authorization`, `Proxy-Authorization`,
///   `Cookie`, `Set-Cookie`, `X-Api-Key`, anything with `token`, `secret`,
///   `session`...) or marked sensitive, whole;
/// - the values of credential fields (`access_token`, `refresh_token`,
///   `client_secret`, `password`, `api_key`, `token`...) in JSON and form
///   bodies at any depth, in the query string, and wherever else those
///   values occur;
/// - the user name and password of a URL.
///
/// Values shorter than four characters are hidden by key and header name
/// only. Personal data is recorded as the app sent it: record against a
/// test tenant. A request that got no answer (no connection, a timeout) is
/// not recorded. The file is replaced at the end of every [`Cassette::run`]
/// whose future completed.
///
/// **Replaying** (the default, or [`Cassette::replay`]): nothing goes to the
/// network. A request is answered by the first recorded exchange not played
/// yet whose request has the same method, path, query (parameters in any
/// order) and body (JSON compared as JSON, forms field by field); the
/// scheme, host and port are not compared, nor are headers. A recorded
/// `[REDACTED]` matches any value in its place, so the replay may run with
/// any credential. Each exchange answers once: identical requests are
/// answered by identical recorded exchanges in the order they were
/// recorded.
///
/// A request the cassette does not hold fails the test: [`Cassette::run`]
/// panics with the request, what differs from the nearest recorded
/// exchange (method, path, query parameters, body fields) and whether that
/// one was already played. (Meanwhile the connector saw a `599` answer.)
/// Exchanges left unplayed fail the test too, at [`Cassette::finish`] (or
/// when the cassette is dropped without it): the connector no longer sends
/// a request it sent when the cassette was recorded, so the cassette should
/// be recorded again.
///
/// Only requests of the task running [`Cassette::run`] are seen (and those
/// of clients built in it, wherever they are used later): the connector
/// must be called in-process ([`Subject::load`](super::Subject::load),
/// [`Subject::app`](super::Subject::app)). A connector binary
/// ([`Subject::binary`](super::Subject::binary)) sends its requests itself,
/// and calling one inside [`Cassette::run`] panics.
pub struct Cassette {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Cassette {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cassette")
            .field("path", &self.shared.path)
            .field("mode", &self.shared.mode)
            .field("exchanges", &self.len())
            .finish()
    }
}

struct Shared {
    path: PathBuf,
    mode: CassetteMode,
    tape: Mutex<Tape>,
}

#[derive(Default)]
struct Tape {
    exchanges: Vec<Recorded>,
    played: Vec<bool>,
    /// Requests seen, for the reports.
    requests: usize,
    /// Reports of requests the cassette did not hold.
    misses: Vec<String>,
    finished: bool,
}

impl Cassette {
    /// The cassette at `path`, in the mode [`CassetteMode::VAR`] asks for
    /// (replay unless told). A relative path is taken from the package's
    /// directory (`CARGO_MANIFEST_DIR`, which is where `cargo test` runs
    /// tests).
    ///
    /// # Panics
    /// When replaying and the file is missing or not a cassette, or when the
    /// variable holds neither `record` nor `replay`.
    pub fn new(path: impl AsRef<Path>) -> Self {
        Self::with_mode(path, CassetteMode::from_env())
    }

    /// The cassette at `path`, recording whatever the environment says.
    pub fn record(path: impl AsRef<Path>) -> Self {
        Self::with_mode(path, CassetteMode::Record)
    }

    /// The cassette at `path`, replaying whatever the environment says.
    ///
    /// # Panics
    /// When the file is missing or not a cassette.
    pub fn replay(path: impl AsRef<Path>) -> Self {
        Self::with_mode(path, CassetteMode::Replay)
    }

    /// The cassette at `path` in this mode.
    ///
    /// # Panics
    /// When replaying and the file is missing or not a cassette.
    pub fn with_mode(path: impl AsRef<Path>, mode: CassetteMode) -> Self {
        let path = resolve(path.as_ref());
        let exchanges = match mode {
            CassetteMode::Record => Vec::new(),
            CassetteMode::Replay => load(&path),
        };
        let tape = Tape {
            played: vec![false; exchanges.len()],
            exchanges,
            ..Tape::default()
        };
        Self {
            shared: Arc::new(Shared {
                path,
                mode,
                tape: Mutex::new(tape),
            }),
        }
    }

    /// The cassette's file.
    pub fn path(&self) -> &Path {
        &self.shared.path
    }

    /// Its mode.
    pub fn mode(&self) -> CassetteMode {
        self.shared.mode
    }

    /// Whether it records (requests go to the app).
    pub fn is_recording(&self) -> bool {
        self.shared.mode == CassetteMode::Record
    }

    /// How many exchanges it holds: recorded so far, or loaded to replay.
    pub fn len(&self) -> usize {
        self.shared.tape().exchanges.len()
    }

    /// Whether it holds no exchange.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs `future` (a call of the connector, or any code using the
    /// framework's HTTP client) with its requests recorded or replayed, and
    /// returns its output. When recording, the cassette is written once the
    /// future completes.
    ///
    /// The returned future does not borrow the cassette, so it can be
    /// spawned when `future` can.
    ///
    /// # Panics
    /// When replaying and the future sent a request the cassette does not
    /// hold (the message says which, and what differs from the nearest
    /// recorded one), also when the future itself panicked afterwards; when
    /// the future panics; when recording and the file cannot be written.
    pub fn run<F: Future>(&self, future: F) -> impl Future<Output = F::Output> + use<F> {
        let shared = Arc::clone(&self.shared);
        async move {
            let before = shared.tape().misses.len();
            let interceptor: Arc<dyn Interceptor> = Arc::new(Player(Arc::clone(&shared)));
            let outcome = AssertUnwindSafe(transport::scope(interceptor, future))
                .catch_unwind()
                .await;
            let misses = shared.tape().misses[before..].join("\n\n");
            match outcome {
                Ok(output) if misses.is_empty() => {
                    if shared.mode == CassetteMode::Record {
                        shared.write();
                    }
                    output
                }
                Ok(_) => panic!("{misses}"),
                Err(panic) if misses.is_empty() => std::panic::resume_unwind(panic),
                Err(panic) => panic!(
                    "{misses}\n\n(the test panicked afterwards: {})",
                    panic_message(&*panic)
                ),
            }
        }
    }

    /// Ends the cassette: when recording, writes it; when replaying, checks
    /// that every recorded exchange was played.
    ///
    /// # Panics
    /// When replaying and exchanges were left unplayed (listed), or requests
    /// were not in the cassette; when the file cannot be written.
    pub fn finish(self) {
        self.shared.tape().finished = true;
        self.shared.check();
    }
}

impl Drop for Cassette {
    /// Does what [`Cassette::finish`] does, unless it was called or the
    /// test is already failing.
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let finished = std::mem::replace(&mut self.shared.tape().finished, true);
        if !finished {
            self.shared.check();
        }
    }
}

impl Shared {
    fn tape(&self) -> MutexGuard<'_, Tape> {
        self.tape.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn check(&self) {
        match self.mode {
            CassetteMode::Record => self.write(),
            CassetteMode::Replay => {
                let report = self.tape().unplayed(&self.path);
                if let Some(report) = report {
                    panic!("{report}");
                }
            }
        }
    }

    fn write(&self) {
        let file = File {
            version: FORMAT_VERSION,
            exchanges: self.tape().exchanges.clone(),
        };
        let mut text = serde_json::to_string_pretty(&file).expect("a cassette serializes");
        text.push('\n');
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| panic!("cannot create the directory {}: {e}", dir.display()));
        }
        std::fs::write(&self.path, text)
            .unwrap_or_else(|e| panic!("cannot write the cassette {}: {e}", self.path.display()));
    }
}

impl Tape {
    /// What a replay left unplayed, if it left anything, or the requests the
    /// cassette did not hold.
    fn unplayed(&self, path: &Path) -> Option<String> {
        if !self.misses.is_empty() {
            return Some(self.misses.join("\n\n"));
        }
        let left: Vec<usize> = (0..self.exchanges.len()).filter(|&i| !self.played[i]).collect();
        if left.is_empty() {
            return None;
        }
        let mut report = format!(
            "cassette {}: {} of {} recorded exchanges were never requested (each is played once, identical ones in order):",
            path.display(),
            left.len(),
            self.exchanges.len()
        );
        for i in left {
            let _ = write!(
                report,
                "\n    exchange {}: {}",
                i + 1,
                self.exchanges[i].request.line()
            );
        }
        report.push_str(&format!(
            "\nThe connector no longer sends these requests: record the cassette again ({}=record).",
            CassetteMode::VAR
        ));
        Some(report)
    }
}

fn resolve(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_owned();
    }
    match std::env::var_os("CARGO_MANIFEST_DIR") {
        Some(dir) => Path::new(&dir).join(path),
        None => path.to_owned(),
    }
}

fn load(path: &Path) -> Vec<Recorded> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => panic!(
            "the cassette {} does not exist: record it by running the test against the app with {}=record",
            path.display(),
            CassetteMode::VAR
        ),
        Err(e) => panic!("cannot read the cassette {}: {e}", path.display()),
    };
    let file: File =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not a cassette: {e}", path.display()));
    if file.version != FORMAT_VERSION {
        panic!(
            "{} is a cassette of version {}; this framework reads version {FORMAT_VERSION}",
            path.display(),
            file.version
        );
    }
    for (i, exchange) in file.exchanges.iter().enumerate() {
        if let Err(e) = exchange.response.check() {
            panic!("{}: exchange {}: {e}", path.display(), i + 1);
        }
    }
    file.exchanges
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = panic.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_owned()
    }
}

/// The cassette's side of the client: records or replays.
struct Player(Arc<Shared>);

impl Interceptor for Player {
    fn exchange<'a>(
        &'a self,
        http: &'a reqwest::Client,
        request: reqwest::Request,
        known: &'a [String],
    ) -> BoxFuture<'a, Result<reqwest::Response, reqwest::Error>> {
        Box::pin(async move {
            let (recorded, secrets) = scrub_request(&request, known);
            let url = request.url().clone();
            match self.0.mode {
                CassetteMode::Record => {
                    let response = http.execute(request).await?;
                    let status = response.status().as_u16();
                    let reason = response
                        .extensions()
                        .get::<hyper::ext::ReasonPhrase>()
                        .map(|r| String::from_utf8_lossy(r.as_bytes()).into_owned());
                    let headers = response.headers().clone();
                    let body = response.bytes().await?.to_vec();
                    let answer = scrub_response(status, reason.clone(), &headers, &body, &secrets);
                    {
                        let mut tape = self.0.tape();
                        tape.requests += 1;
                        tape.exchanges.push(Recorded {
                            request: recorded,
                            response: answer,
                        });
                        tape.played.push(true);
                    }
                    Ok(build_response(status, reason.as_deref(), headers, body, url))
                }
                CassetteMode::Replay => {
                    let mut tape = self.0.tape();
                    tape.requests += 1;
                    let found = (0..tape.exchanges.len()).find(|&i| {
                        !tape.played[i] && tape.exchanges[i].request.differences(&recorded).is_empty()
                    });
                    match found {
                        Some(i) => {
                            tape.played[i] = true;
                            let answer = &tape.exchanges[i].response;
                            Ok(build_response(
                                answer.status,
                                answer.reason.as_deref(),
                                answer.headers.to_map(),
                                answer.body.to_bytes(),
                                url,
                            ))
                        }
                        None => {
                            let report = tape.miss(&self.0.path, &recorded);
                            tape.misses.push(report);
                            let body = format!(
                                "The cassette {} holds no answer to {}",
                                self.0.path.display(),
                                recorded.line()
                            );
                            Ok(build_response(
                                MISS_STATUS,
                                Some("Not In Cassette"),
                                HeaderMap::from_iter([(
                                    header::CONTENT_TYPE,
                                    HeaderValue::from_static("text/plain"),
                                )]),
                                body.into_bytes(),
                                url,
                            ))
                        }
                    }
                }
            }
        })
    }
}

impl Tape {
    /// The report of a request the cassette does not hold.
    fn miss(&self, path: &Path, sent: &RecordedRequest) -> String {
        let mut report = format!(
            "cassette {} holds no answer to request {} of this replay:\n    {}",
            path.display(),
            self.requests,
            sent.line()
        );
        if let Some(body) = sent.body.shown() {
            let _ = write!(report, "\n    body: {body}");
        }
        let nearest = self
            .exchanges
            .iter()
            .enumerate()
            .map(|(i, exchange)| {
                let differences = exchange.request.differences(sent);
                let score: usize = differences.iter().map(|d| d.weight).sum();
                (score, self.played[i], i, differences)
            })
            .min_by_key(|(score, played, i, _)| (*score, *played, *i));
        match nearest {
            None => report.push_str("\nThe cassette holds no exchanges."),
            Some((_, played, i, differences)) => {
                let recorded = &self.exchanges[i].request;
                let _ = write!(
                    report,
                    "\nnearest recorded exchange: {} of {}{}:\n    {}",
                    i + 1,
                    self.exchanges.len(),
                    if played { ", already played" } else { "" },
                    recorded.line()
                );
                if differences.is_empty() {
                    let same = self
                        .exchanges
                        .iter()
                        .filter(|e| e.request.differences(sent).is_empty())
                        .count();
                    let _ = write!(
                        report,
                        "\n    the same request, sent once more than the {same} time(s) it was recorded: each exchange is played once"
                    );
                }
                for difference in &differences {
                    let _ = write!(report, "\n    - {}", difference.text);
                }
            }
        }
        let _ = write!(
            report,
            "\nRequests match by method, path, query and body. If the connector is meant to send this request, record the cassette again ({}=record).",
            CassetteMode::VAR
        );
        report
    }
}

/// A response for the client from its parts.
fn build_response(
    status: u16,
    reason: Option<&str>,
    headers: HeaderMap,
    body: Vec<u8>,
    url: reqwest::Url,
) -> reqwest::Response {
    let mut builder = hyper::Response::builder().status(status).url(url);
    if let Some(reason) = reason.and_then(|r| hyper::ext::ReasonPhrase::try_from(r.as_bytes().to_vec()).ok())
    {
        builder = builder.extension(reason);
    }
    if let Some(map) = builder.headers_mut() {
        *map = headers;
    }
    let response = builder
        .body(body)
        .expect("a status checked when the cassette was loaded");
    reqwest::Response::from(response)
}

// ---------------------------------------------------------------------------
// The file.

#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    exchanges: Vec<Recorded>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Recorded {
    request: RecordedRequest,
    response: RecordedResponse,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct RecordedRequest {
    method: String,
    url: String,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    headers: Fields,
    #[serde(flatten)]
    body: Body,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct RecordedResponse {
    status: u16,
    /// The reason phrase, when the app sent another than the standard one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    headers: Fields,
    #[serde(flatten)]
    body: Body,
}

impl RecordedResponse {
    fn check(&self) -> Result<(), String> {
        reqwest::StatusCode::from_u16(self.status).map_err(|_| format!("{} is not a status", self.status))?;
        for (name, value) in &self.headers.0 {
            HeaderName::try_from(name.as_str()).map_err(|_| format!("{name:?} is not a header name"))?;
            HeaderValue::try_from(value.as_str()).map_err(|_| format!("{value:?} is not a header value"))?;
        }
        if let Some(encoded) = &self.body.base64 {
            base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .map_err(|e| format!("the base64 body does not decode: {e}"))?;
        }
        Ok(())
    }
}

/// A body as a cassette holds it: at most one of these (none when empty).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Body {
    /// A JSON body (by its content type, or without one when it parses).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    json: Option<Value>,
    /// A form body (`application/x-www-form-urlencoded`), decoded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    form: Option<Fields>,
    /// Any other UTF-8 body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    /// Any other body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    base64: Option<String>,
}

/// Names and values in order, written as one JSON object; a name that comes
/// more than once has the list of its values.
#[derive(Debug, Clone, Default, PartialEq)]
struct Fields(Vec<(String, String)>);

impl Fields {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn to_map(&self) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in &self.0 {
            if let (Ok(name), Ok(value)) = (
                HeaderName::try_from(name.as_str()),
                HeaderValue::try_from(value.as_str()),
            ) {
                map.append(name, value);
            }
        }
        map
    }
}

impl Serialize for Fields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut grouped: serde_json::Map<String, Value> = serde_json::Map::new();
        for (name, value) in &self.0 {
            match grouped.get_mut(name) {
                None => {
                    grouped.insert(name.clone(), Value::String(value.clone()));
                }
                Some(Value::Array(values)) => values.push(Value::String(value.clone())),
                Some(first) => *first = Value::Array(vec![first.take(), Value::String(value.clone())]),
            }
        }
        grouped.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Fields {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = serde_json::Map::<String, Value>::deserialize(deserializer)?;
        let mut fields = Vec::new();
        for (name, value) in map {
            match value {
                Value::String(v) => fields.push((name, v)),
                Value::Array(values) => {
                    for v in values {
                        match v {
                            Value::String(v) => fields.push((name.clone(), v)),
                            _ => return Err(D::Error::custom(format!("{name}: expected strings"))),
                        }
                    }
                }
                _ => {
                    return Err(D::Error::custom(format!(
                        "{name}: expected a string or a list of strings"
                    )));
                }
            }
        }
        Ok(Self(fields))
    }
}

// ---------------------------------------------------------------------------
// Hiding secrets.

fn is_secret_key(key: &str) -> bool {
    redact::is_secret_key(key) || MORE_SECRET_KEYS.contains(&key.to_ascii_lowercase().as_str())
}

/// A body as read, before secrets are hidden.
enum Parsed {
    Empty,
    Json(Value),
    Form(Vec<(String, String)>),
    Text(String),
    Binary(Vec<u8>),
}

impl Parsed {
    fn read(content_type: Option<&str>, bytes: &[u8]) -> Self {
        if bytes.is_empty() {
            return Self::Empty;
        }
        let content_type = content_type.unwrap_or_default().to_ascii_lowercase();
        let text = std::str::from_utf8(bytes).ok();
        let json = || {
            serde_json::from_slice::<Value>(bytes)
                .ok()
                .filter(|v| !v.is_null())
        };
        if content_type.contains("json") {
            if let Some(value) = json() {
                return Self::Json(value);
            }
        } else if content_type.starts_with("application/x-www-form-urlencoded") {
            if let Some(text) = text {
                return Self::Form(form_pairs(text));
            }
        } else if content_type.is_empty() {
            if let Some(value) = json().filter(|v| v.is_object() || v.is_array()) {
                return Self::Json(value);
            }
        }
        match text {
            Some(text) => Self::Text(text.to_owned()),
            None => Self::Binary(bytes.to_vec()),
        }
    }

    /// The values under credential keys.
    fn secret_values(&self) -> Vec<String> {
        match self {
            Self::Json(value) => redact::hide_keys(value, &is_secret_key).1,
            Self::Form(pairs) => pairs
                .iter()
                .filter(|(k, _)| is_secret_key(k))
                .map(|(_, v)| v.clone())
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The body with the values under credential keys and `secrets` hidden.
    fn scrub(self, secrets: &Secrets) -> Body {
        let values = secrets.as_strs();
        match self {
            Self::Empty => Body::default(),
            Self::Json(value) => {
                let (mut value, _) = redact::hide_keys(&value, &is_secret_key);
                redact::hide_values_in_json(&mut value, &values);
                Body {
                    json: Some(value),
                    ..Body::default()
                }
            }
            Self::Form(pairs) => Body {
                form: Some(Fields(
                    pairs
                        .into_iter()
                        .map(|(k, v)| {
                            let v = if is_secret_key(&k) {
                                REDACTED.to_owned()
                            } else {
                                secrets.hide(&v)
                            };
                            (secrets.hide(&k), v)
                        })
                        .collect(),
                )),
                ..Body::default()
            },
            Self::Text(text) => Body {
                text: Some(secrets.hide(&text)),
                ..Body::default()
            },
            Self::Binary(bytes) => Body {
                base64: Some(base64::engine::general_purpose::STANDARD.encode(hide_in_bytes(bytes, &values))),
                ..Body::default()
            },
        }
    }
}

/// `bytes` with each secret (of four bytes or more) replaced, longest first.
fn hide_in_bytes(mut bytes: Vec<u8>, secrets: &[&str]) -> Vec<u8> {
    let mut secrets: Vec<&[u8]> = secrets
        .iter()
        .map(|s| s.as_bytes())
        .filter(|s| s.len() >= 4)
        .collect();
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    for secret in secrets {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i..].starts_with(secret) {
                out.extend_from_slice(REDACTED.as_bytes());
                i += secret.len();
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        bytes = out;
    }
    bytes
}

fn form_pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (redact::percent_decode(k), redact::percent_decode(v))
        })
        .collect()
}

fn form_text(pairs: &[(String, String)]) -> String {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    const KEPT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'*');
    let encode = |s: &str| utf8_percent_encode(s, KEPT).to_string().replace("%20", "+");
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn content_type(headers: &HeaderMap) -> Option<&str> {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok())
}

/// `request` as a cassette holds it, and the secrets found in it, to be
/// hidden in its answer too.
fn scrub_request(request: &reqwest::Request, known: &[String]) -> (RecordedRequest, Secrets) {
    let url = request.url();
    let bytes = request.body().and_then(|b| b.as_bytes()).unwrap_or_default();
    let body = Parsed::read(content_type(request.headers()), bytes);
    let mut values = known.to_vec();
    for part in [url.username(), url.password().unwrap_or_default()] {
        if !part.is_empty() {
            values.push(redact::percent_decode(part));
        }
    }
    values.extend(
        url.query_pairs()
            .filter(|(k, _)| is_secret_key(k))
            .map(|(_, v)| v.into_owned()),
    );
    values.extend(body.secret_values());
    let secrets = Secrets::new(&values, request.headers());
    let recorded = RecordedRequest {
        method: request.method().as_str().to_owned(),
        url: secrets.hide(&redact::url_text_hiding(url.as_str(), &is_secret_key)),
        headers: Fields(secrets.headers(request.headers())),
        body: body.scrub(&secrets),
    };
    (recorded, secrets)
}

fn scrub_response(
    status: u16,
    reason: Option<String>,
    headers: &HeaderMap,
    bytes: &[u8],
    secrets: &Secrets,
) -> RecordedResponse {
    let body = Parsed::read(content_type(headers), bytes);
    // Credentials the answer hands out (a token endpoint's) are hidden
    // wherever else they occur in it too.
    let found = body.secret_values();
    let extended;
    let secrets = if found.is_empty() {
        secrets
    } else {
        let mut values: Vec<String> = secrets.as_strs().into_iter().map(str::to_owned).collect();
        values.extend(found);
        extended = Secrets::new(&values, &HeaderMap::new());
        &extended
    };
    let headers = secrets
        .headers(headers)
        .into_iter()
        .filter(|(name, _)| !UNRECORDED_RESPONSE_HEADERS.iter().any(|h| h.as_str() == name))
        .map(|(name, value)| {
            let value = if name == header::LOCATION.as_str() || name == header::CONTENT_LOCATION.as_str() {
                redact::url_text_hiding(&value, &is_secret_key)
            } else {
                value
            };
            (name, value)
        })
        .collect();
    RecordedResponse {
        status,
        reason: reason.map(|r| secrets.hide(&r)),
        headers: Fields(headers),
        body: body.scrub(secrets),
    }
}

// ---------------------------------------------------------------------------
// Matching.

/// One way a sent request differs from a recorded one.
struct Difference {
    text: String,
    /// How far apart it puts them, to find the nearest.
    weight: usize,
}

/// Most differences a report lists for one body.
const MAX_BODY_DIFFERENCES: usize = 8;

impl RecordedRequest {
    /// `METHOD path?query`.
    fn line(&self) -> String {
        let (path, query) = path_and_query(&self.url);
        match query {
            Some(query) => format!("{} {path}?{query}", self.method),
            None => format!("{} {path}", self.method),
        }
    }

    /// How `sent` differs from this recorded request: nothing when it
    /// matches.
    fn differences(&self, sent: &RecordedRequest) -> Vec<Difference> {
        let mut out = Vec::new();
        if !self.method.eq_ignore_ascii_case(&sent.method) {
            out.push(Difference {
                text: format!("method: recorded {}, sent {}", self.method, sent.method),
                weight: 8,
            });
        }
        let (path, query) = path_and_query(&self.url);
        let (sent_path, sent_query) = path_and_query(&sent.url);
        if !matches(path, sent_path) {
            out.push(Difference {
                text: format!("path: recorded {path}, sent {sent_path}"),
                weight: 4,
            });
        }
        query_differences(
            &query.map(form_pairs).unwrap_or_default(),
            &sent_query.map(form_pairs).unwrap_or_default(),
            &mut out,
        );
        body_differences(&self.body, &sent.body, &mut out);
        out
    }
}

impl Body {
    /// The body for a report, cut short.
    fn shown(&self) -> Option<String> {
        let text = if let Some(json) = &self.json {
            json.to_string()
        } else if let Some(form) = &self.form {
            form_text(&form.0)
        } else if let Some(text) = &self.text {
            format!("{text:?}")
        } else if self.base64.is_some() {
            format!("<{} bytes, not text>", self.to_bytes().len())
        } else {
            return None;
        };
        const SHOWN: usize = 400;
        Some(match redact::prefix(&text, SHOWN) {
            shown if shown.len() < text.len() => format!("{shown}… ({} bytes in all)", text.len()),
            _ => text,
        })
    }

    fn kind(&self) -> &'static str {
        if self.json.is_some() {
            "a JSON body"
        } else if self.form.is_some() {
            "a form body"
        } else if self.text.is_some() {
            "a text body"
        } else if self.base64.is_some() {
            "a binary body"
        } else {
            "no body"
        }
    }

    /// The bytes a replayed answer carries.
    fn to_bytes(&self) -> Vec<u8> {
        if let Some(json) = &self.json {
            serde_json::to_vec(json).expect("JSON serializes")
        } else if let Some(form) = &self.form {
            form_text(&form.0).into_bytes()
        } else if let Some(text) = &self.text {
            text.clone().into_bytes()
        } else if let Some(encoded) = &self.base64 {
            base64::engine::general_purpose::STANDARD
                .decode(encoded)
                .unwrap_or_default()
        } else {
            Vec::new()
        }
    }
}

/// The path and query of a URL as text, whatever its scheme and host.
fn path_and_query(url: &str) -> (&str, Option<&str>) {
    let url = url.split('#').next().unwrap_or(url);
    let rest = match url.find("://") {
        Some(i) => {
            let after = &url[i + 3..];
            &after[after.find(['/', '?']).unwrap_or(after.len())..]
        }
        None => url,
    };
    let (path, query) = match rest.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (rest, None),
    };
    (
        if path.is_empty() { "/" } else { path },
        query.filter(|q| !q.is_empty()),
    )
}

/// Whether `sent` fits `recorded`, where each `[REDACTED]` in `recorded`
/// stands for any text.
fn matches(recorded: &str, sent: &str) -> bool {
    if !recorded.contains(REDACTED) {
        return recorded == sent;
    }
    let mut parts = recorded.split(REDACTED);
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = sent.strip_prefix(first) else {
        return false;
    };
    let parts: Vec<&str> = parts.collect();
    let (last, middle) = parts
        .split_last()
        .expect("split on a present pattern gives two parts");
    for part in middle {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

fn query_differences(recorded: &[(String, String)], sent: &[(String, String)], out: &mut Vec<Difference>) {
    let mut names: Vec<&str> = recorded.iter().chain(sent).map(|(k, _)| k.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let values = |pairs: &[(String, String)]| -> Vec<String> {
            pairs
                .iter()
                .filter(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
                .collect()
        };
        let (r, s) = (values(recorded), values(sent));
        let same = r.len() == s.len() && r.iter().zip(&s).all(|(r, s)| matches(r, s));
        if same {
            continue;
        }
        let shown = |v: &[String]| match v {
            [] => "nothing".to_owned(),
            [one] => format!("{one:?}"),
            many => format!("{many:?}"),
        };
        out.push(Difference {
            text: format!("query `{name}`: recorded {}, sent {}", shown(&r), shown(&s)),
            weight: 1,
        });
    }
}

fn body_differences(recorded: &Body, sent: &Body, out: &mut Vec<Difference>) {
    let start = out.len();
    match (recorded, sent) {
        (
            Body {
                json: Some(recorded), ..
            },
            Body { json: Some(sent), .. },
        ) => json_differences("", recorded, sent, out),
        (
            Body {
                form: Some(recorded), ..
            },
            Body { form: Some(sent), .. },
        ) => {
            let mut differences = Vec::new();
            query_differences(&recorded.0, &sent.0, &mut differences);
            out.extend(differences.into_iter().map(|d| Difference {
                text: d.text.replacen("query", "form field", 1),
                weight: d.weight,
            }));
        }
        (
            Body {
                text: Some(recorded), ..
            },
            Body { text: Some(sent), .. },
        ) => {
            if !matches(recorded, sent) {
                out.push(Difference {
                    text: format!("body: recorded {recorded:?}, sent {sent:?}"),
                    weight: 1,
                });
            }
        }
        _ if recorded == sent => {}
        _ if recorded.kind() == sent.kind() => out.push(Difference {
            text: format!("body: recorded {}, sent another", recorded.kind()),
            weight: 1,
        }),
        _ => out.push(Difference {
            text: format!("body: recorded {}, sent {}", recorded.kind(), sent.kind()),
            weight: 2,
        }),
    }
    if out.len() - start > MAX_BODY_DIFFERENCES {
        let more = out.len() - start - MAX_BODY_DIFFERENCES;
        out.truncate(start + MAX_BODY_DIFFERENCES);
        out.push(Difference {
            text: format!("body: {more} more difference(s)"),
            weight: more,
        });
    }
}

/// The differences between two JSON values, by JSON pointer.
fn json_differences(at: &str, recorded: &Value, sent: &Value, out: &mut Vec<Difference>) {
    let pointer = |at: &str| {
        if at.is_empty() {
            "/".to_owned()
        } else {
            at.to_owned()
        }
    };
    let mut differ = |text: String| out.push(Difference { text, weight: 1 });
    match (recorded, sent) {
        (Value::String(r), _) if r == REDACTED => {}
        (Value::String(r), Value::String(s)) if matches(r, s) => {}
        (Value::Object(r), Value::Object(s)) => {
            for (key, value) in r {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                match s.get(key) {
                    Some(sent) => json_differences(&here, value, sent, out),
                    None => out.push(Difference {
                        text: format!("body {here}: recorded {}, not sent", short(value)),
                        weight: 1,
                    }),
                }
            }
            for (key, value) in s {
                if !r.contains_key(key) {
                    let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                    out.push(Difference {
                        text: format!("body {here}: sent {}, not recorded", short(value)),
                        weight: 1,
                    });
                }
            }
        }
        (Value::Array(r), Value::Array(s)) => {
            for (i, (r, s)) in r.iter().zip(s).enumerate() {
                json_differences(&format!("{at}/{i}"), r, s, out);
            }
            if r.len() != s.len() {
                out.push(Difference {
                    text: format!(
                        "body {}: recorded {} item(s), sent {}",
                        pointer(at),
                        r.len(),
                        s.len()
                    ),
                    weight: 1,
                });
            }
        }
        (r, s) if r == s => {}
        (r, s) => differ(format!(
            "body {}: recorded {}, sent {}",
            pointer(at),
            short(r),
            short(s)
        )),
    }
}

/// A JSON value for a report line, cut short.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match redact::prefix(&text, 80) {
        shown if shown.len() < text.len() => format!("{shown}…"),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn request(method: &str, url: &str, body: Option<(&str, &str)>) -> reqwest::Request {
        let client = reqwest::Client::new();
        let mut builder = client.request(method.parse().unwrap(), url);
        if let Some((content_type, body)) = body {
            builder = builder.header("content-type", content_type).body(body.to_owned());
        }
        builder.build().unwrap()
    }

    #[test]
    fn a_recorded_request_hides_every_secret() {
        let mut r = request(
            "POST",
            "https://admin:hunter22@h.example/api/users?access_token=qtok1234&q=1",
            Some((
                "application/json",
                r#"{"name":"ada","password":"pl4nted!","note":"pw is pl4nted!"}"#,
            )),
        );
        r.headers_mut()
            .insert("x-api-key", HeaderValue::from_static("k3yk3yk3y"));
        r.headers_mut()
            .insert("x-echo", HeaderValue::from_static("k3yk3yk3y and qtok1234"));
        let (recorded, _) = scrub_request(&r, &["unused-known".to_owned()]);
        let text = serde_json::to_string(&recorded).unwrap();
        for secret in ["hunter22", "qtok1234", "pl4nted!", "k3yk3yk3y", "admin"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert_eq!(
            recorded.body.json,
            Some(json!({"name": "ada", "password": REDACTED, "note": "pw is [REDACTED]"}))
        );
        assert!(
            recorded.url.ends_with("/api/users?access_token=[REDACTED]&q=1"),
            "{}",
            recorded.url
        );
    }

    #[test]
    fn form_bodies_hide_credential_fields() {
        let r = request(
            "POST",
            "https://h.example/token",
            Some((
                "application/x-www-form-urlencoded",
                "grant_type=refresh_token&refresh_token=r%2Ftok%2Fen&client_secret=cs3cr3t!",
            )),
        );
        let (recorded, secrets) = scrub_request(&r, &[]);
        assert_eq!(
            recorded.body.form,
            Some(Fields(vec![
                ("grant_type".into(), "refresh_token".into()),
                ("refresh_token".into(), REDACTED.into()),
                ("client_secret".into(), REDACTED.into()),
            ]))
        );
        let answer = scrub_response(
            200,
            None,
            &HeaderMap::from_iter([(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))]),
            br#"{"access_token":"fresh-at","echo":"r/tok/en","expires_in":3600}"#,
            &secrets,
        );
        assert_eq!(
            answer.body.json,
            Some(json!({"access_token": REDACTED, "echo": REDACTED, "expires_in": 3600}))
        );
    }

    #[test]
    fn redacted_values_match_anything_in_their_place() {
        assert!(matches("[REDACTED]", "anything"));
        assert!(matches("Bearer [REDACTED]", "Bearer x"));
        assert!(matches("a[REDACTED]b[REDACTED]c", "a1b2c"));
        assert!(!matches("a[REDACTED]b", "a1c"));
        assert!(!matches("ab[REDACTED]ba", "aba"));
        assert!(matches("plain", "plain") && !matches("plain", "plane"));
    }

    #[test]
    fn differences_name_what_differs() {
        let recorded = RecordedRequest {
            method: "POST".into(),
            url: "http://127.0.0.1:1/scim/v2/Users?count=100&startIndex=1".into(),
            headers: Fields::default(),
            body: Body {
                json: Some(json!({"userName": "ada", "password": REDACTED, "emails": [{"value": "a@x"}]})),
                ..Body::default()
            },
        };
        let mut sent = recorded.clone();
        sent.url = "https://other.example/scim/v2/Users?startIndex=1&count=100".into();
        sent.body.json = Some(json!({"password": "any", "userName": "ada", "emails": [{"value": "a@x"}]}));
        assert!(
            recorded.differences(&sent).is_empty(),
            "host, parameter order, key order and hidden values do not count"
        );

        sent.method = "PUT".into();
        sent.url = "http://127.0.0.1:1/scim/v2/Users?startIndex=2&count=100&x=1".into();
        sent.body.json = Some(json!({"userName": "bob", "password": "p", "emails": [], "active": true}));
        let texts: Vec<String> = recorded.differences(&sent).into_iter().map(|d| d.text).collect();
        assert_eq!(
            texts,
            [
                "method: recorded POST, sent PUT",
                "query `startIndex`: recorded \"1\", sent \"2\"",
                "query `x`: recorded nothing, sent \"1\"",
                "body /userName: recorded \"ada\", sent \"bob\"",
                "body /emails: recorded 1 item(s), sent 0",
                "body /active: sent true, not recorded",
            ]
        );
    }

    #[test]
    fn fields_group_repeated_names() {
        let fields = Fields(vec![
            ("set-cookie".into(), "a".into()),
            ("x".into(), "1".into()),
            ("set-cookie".into(), "b".into()),
        ]);
        let value = serde_json::to_value(&fields).unwrap();
        assert_eq!(value, json!({"set-cookie": ["a", "b"], "x": "1"}));
        let back: Fields = serde_json::from_value(value).unwrap();
        assert_eq!(back.0.len(), 3);
    }

    #[test]
    fn binary_bodies_hide_secrets_too() {
        let bytes = b"\xff\x00secret-value\x00".to_vec();
        assert_eq!(hide_in_bytes(bytes, &["secret-value"]), b"\xff\x00[REDACTED]\x00");
    }
}
