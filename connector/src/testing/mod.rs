//! Testing a connector: calling its capabilities, a mock upstream API, and
//! case tables.
//!
//! Enabled by the `testing` feature, meant for `[dev-dependencies]`:
//!
//! ```toml
//! [dev-dependencies]
//! connector = { version = "...", features = ["testing"] }
//! ```
//!
//! - [`Subject`] is the connector under test: the [`App`] of the current
//!   binary (in-process, through [`App::dispatch`]) or a connector binary
//!   (`env!("CARGO_BIN_EXE_<name>")` in an integration test), run once per call.
//! - [`Call`] builds a request envelope from JSON or typed values and returns
//!   the envelope the connector answered, as an [`Outcome`].
//! - [`MockUpstream`] is an HTTP server on 127.0.0.1 standing in for the app's
//!   API; [`Exchange`] says which request to expect and how to answer it.
//! - [`Case`] and [`Suite`] put it together as a table: one case is a
//!   capability, a request, the upstream exchanges it should make and the
//!   envelope it should answer with. [`Suite::check_all`] runs a table and
//!   fails when a registered capability has no case.
//! - [`Cassette`] records the connector's exchanges with the real app once
//!   (`CONNECTOR_CASSETTES=record`), secrets hidden, and answers later runs
//!   from the recording without network.

mod cases;
#[cfg(feature = "client")]
mod cassette;
mod envelope;
mod hostile;
mod upstream;

use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::models::{ErrorCode, ErrorDetail, ResponseEnvelope};
use crate::registry::App;

pub use cases::{Case, Expected, Suite};
#[cfg(feature = "client")]
pub use cassette::{Cassette, CassetteMode};
pub use envelope::Envelope;
pub use hostile::{HostileBodies, check_answer};
pub use upstream::{Exchange, MockUpstream};

/// The connector under test.
#[derive(Clone)]
pub struct Subject {
    inner: Arc<SubjectKind>,
}

enum SubjectKind {
    App(App),
    Binary(PathBuf),
}

impl std::fmt::Debug for Subject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &*self.inner {
            SubjectKind::App(app) => f.debug_tuple("Subject::App").field(&app.app_id()).finish(),
            SubjectKind::Binary(path) => f.debug_tuple("Subject::Binary").field(path).finish(),
        }
    }
}

impl Subject {
    /// The connector registered in the current binary, called in-process.
    ///
    /// # Panics
    /// When the binary holds no connector or several.
    pub fn load() -> Self {
        match App::load() {
            Ok(app) => Self::app(app),
            Err(e) => panic!("cannot load the connector under test: {e}"),
        }
    }

    /// This connector, called in-process.
    pub fn app(app: App) -> Self {
        Self {
            inner: Arc::new(SubjectKind::App(app)),
        }
    }

    /// A connector binary, run once per call as `<binary> <capability> --json-file <file>`.
    pub fn binary(path: impl Into<PathBuf>) -> Self {
        Self {
            inner: Arc::new(SubjectKind::Binary(path.into())),
        }
    }

    /// Sends one request envelope (as JSON text) and returns the answer's JSON text.
    ///
    /// # Panics
    /// When a binary cannot be run or prints something that is not one envelope.
    pub async fn dispatch(&self, capability: &str, body: String) -> String {
        match &*self.inner {
            SubjectKind::App(app) => app.dispatch(capability, body).await,
            SubjectKind::Binary(path) => {
                #[cfg(feature = "client")]
                assert!(
                    crate::client::transport::current().is_none(),
                    "a connector binary ({}) sends its requests itself, past any cassette: \
                     call the connector in-process (Subject::load or Subject::app) inside Cassette::run",
                    path.display()
                );
                let path = path.clone();
                let capability = capability.to_owned();
                // The mock upstream may be served by this very runtime: the
                // child process must not block it.
                tokio::task::spawn_blocking(move || run_binary(&path, &capability, &body))
                    .await
                    .unwrap_or_else(|e| panic!("running the connector binary failed: {e}"))
            }
        }
    }

    /// The `info` document of the connector.
    ///
    /// # Panics
    /// When a binary cannot be run or its `info` output is not JSON.
    pub async fn info(&self) -> Value {
        match &*self.inner {
            SubjectKind::App(app) => serde_json::to_value(crate::document::info::build(app.catalog()))
                .expect("the info document serializes"),
            SubjectKind::Binary(path) => {
                let path = path.clone();
                tokio::task::spawn_blocking(move || {
                    let output = std::process::Command::new(&path)
                        .arg("info")
                        .output()
                        .unwrap_or_else(|e| panic!("cannot run {}: {e}", path.display()));
                    assert!(
                        output.status.success(),
                        "`{} info` failed: {}",
                        path.display(),
                        String::from_utf8_lossy(&output.stderr)
                    );
                    let envelope: Value = serde_json::from_slice(&output.stdout)
                        .unwrap_or_else(|e| panic!("`{} info` did not print JSON: {e}", path.display()));
                    envelope["response"].clone()
                })
                .await
                .unwrap_or_else(|e| panic!("running the connector binary failed: {e}"))
            }
        }
    }

    /// The app id of the connector.
    pub async fn app_id(&self) -> String {
        match &*self.inner {
            SubjectKind::App(app) => app.app_id().to_owned(),
            SubjectKind::Binary(_) => self.info().await["app_id"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        }
    }

    /// Names of the capabilities the connector serves (`app_info` included).
    pub async fn capabilities(&self) -> Vec<String> {
        match &*self.inner {
            SubjectKind::App(app) => app.capability_names().into_iter().map(str::to_owned).collect(),
            SubjectKind::Binary(_) => self.info().await["capabilities"]
                .as_array()
                .map(|names| {
                    names
                        .iter()
                        .filter_map(|n| n.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// Starts a call of `capability`.
    pub fn call(&self, capability: &str) -> Call<'_> {
        Call::new(self, capability)
    }
}

fn run_binary(path: &std::path::Path, capability: &str, body: &str) -> String {
    let mut file = tempfile::NamedTempFile::new().expect("cannot create a temporary file");
    std::io::Write::write_all(&mut file, body.as_bytes()).expect("cannot write a temporary file");
    let output = std::process::Command::new(path)
        .arg(capability)
        .arg("--json-file")
        .arg(file.path())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", path.display()));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "`{} {capability}` exited with {}\nstdout: {stdout}\nstderr: {}",
        path.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout.trim_end_matches('\n').to_owned()
}

/// One request envelope on its way to the connector.
#[derive(Debug)]
pub struct Call<'a> {
    subject: &'a Subject,
    capability: String,
    envelope: Envelope,
}

envelope::envelope_setters!(Call<'_>, envelope);

impl<'a> Call<'a> {
    fn new(subject: &'a Subject, capability: &str) -> Self {
        Self {
            subject,
            capability: capability.to_owned(),
            envelope: Envelope::default(),
        }
    }

    /// The envelope as it will be sent.
    pub fn envelope(&self) -> Value {
        self.envelope.to_value()
    }

    /// Sends the envelope and returns the connector's answer.
    pub async fn send(self) -> Outcome {
        let body = self.envelope.to_value().to_string();
        Outcome::parse(self.subject.dispatch(&self.capability, body).await)
    }
}

/// The envelope a connector answered with.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The answer as parsed JSON.
    pub envelope: Value,
    /// The answer exactly as the connector wrote it.
    pub text: String,
}

impl Outcome {
    /// Parses a connector's answer.
    ///
    /// # Panics
    /// When the text is not JSON: a connector always answers with an envelope.
    pub fn parse(text: String) -> Self {
        let envelope =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("the answer is not JSON ({e}): {text}"));
        Self { envelope, text }
    }

    /// Whether the answer is an error envelope.
    pub fn is_error(&self) -> bool {
        self.envelope.get("is_error").and_then(Value::as_bool) == Some(true)
    }

    /// The `response` payload as `T`.
    ///
    /// # Panics
    /// When the answer is an error envelope or `response` is not a `T`.
    pub fn response<T: DeserializeOwned>(&self) -> T {
        assert!(
            !self.is_error(),
            "expected a response, got an error envelope: {}",
            self.text
        );
        serde_json::from_value(self.envelope["response"].clone()).unwrap_or_else(|e| {
            panic!(
                "`response` does not parse as the expected type ({e}): {}",
                self.text
            )
        })
    }

    /// The `error` object of an error envelope.
    ///
    /// # Panics
    /// When the answer is not an error envelope.
    pub fn error(&self) -> ErrorDetail {
        assert!(self.is_error(), "expected an error envelope, got: {}", self.text);
        serde_json::from_value(self.envelope["error"].clone())
            .unwrap_or_else(|e| panic!("`error` does not parse ({e}): {}", self.text))
    }

    /// The error code of an error envelope, if it is one.
    pub fn error_code(&self) -> Option<ErrorCode> {
        if !self.is_error() {
            return None;
        }
        serde_json::from_value(self.envelope["error"]["error_code"].clone()).ok()
    }

    /// The `page` of a success envelope, if any.
    pub fn page(&self) -> Option<&Value> {
        self.envelope.get("page").filter(|p| !p.is_null())
    }

    /// The `raw_data` of a success envelope, if any.
    pub fn raw_data(&self) -> Option<&Value> {
        self.envelope.get("raw_data").filter(|p| !p.is_null())
    }
}

/// The success envelope of a standard capability with this payload and
/// nothing beside it, as a connector writes it.
///
/// # Panics
/// When `response` does not serialize to JSON.
pub fn success_envelope(response: impl Serialize) -> Value {
    serde_json::to_value(ResponseEnvelope::new(response)).expect("the response serializes")
}

/// Replaces `placeholder` by `with` in every string of `value`.
pub fn substitute(value: &mut Value, placeholder: &str, with: &str) {
    match value {
        Value::String(s) if s.contains(placeholder) => *s = s.replace(placeholder, with),
        Value::Array(items) => items.iter_mut().for_each(|v| substitute(v, placeholder, with)),
        Value::Object(map) => map.values_mut().for_each(|v| substitute(v, placeholder, with)),
        _ => {}
    }
}
