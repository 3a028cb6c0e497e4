//! The error an upstream HTTP API answered with.

use std::fmt;

/// What the upstream answered in the body of an error response.
#[derive(Debug, Clone, PartialEq)]
pub enum UpstreamBody {
    /// A JSON body.
    Json(serde_json::Value),
    /// A body that is not JSON.
    Text(String),
    /// No body at all.
    Empty,
}

/// An HTTP response with an error status from the app's API.
///
/// Its message follows the reference: `[<status>][<url without query>] <body>`;
/// the error code follows the status (401 `unauthorized`, 404 `not_found`...).
#[derive(Debug, Clone, PartialEq)]
pub struct HttpStatusError {
    /// The HTTP status.
    pub status: u16,
    /// The request URL without its query string (which may carry secrets).
    pub url: String,
    /// The response body.
    pub body: UpstreamBody,
    /// The status line's reason phrase, for empty bodies.
    pub reason: Option<String>,
}

impl HttpStatusError {
    /// An error for this status and URL; the query string of `url` is dropped.
    pub fn new(status: u16, url: &str, body: UpstreamBody) -> Self {
        let url = crate::redact::strip_query(url).to_owned();
        Self {
            status,
            url,
            body,
            reason: None,
        }
    }

    /// The JSON value at `pointer` (RFC 6901, e.g. `/error/code`) in a JSON body.
    pub fn body_field(&self, pointer: &str) -> Option<&serde_json::Value> {
        match &self.body {
            UpstreamBody::Json(v) => v.pointer(pointer),
            _ => None,
        }
    }
}

impl fmt::Display for HttpStatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}][{}] ", self.status, self.url)?;
        match &self.body {
            UpstreamBody::Json(v) if !is_empty_json(v) => write!(f, "{v}"),
            UpstreamBody::Text(t) if !t.trim().is_empty() => f.write_str(t),
            _ => match &self.reason {
                Some(reason) => write!(f, "{} {}", self.status, reason),
                None => write!(f, "HTTP status {}", self.status),
            },
        }
    }
}

fn is_empty_json(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Object(m) => m.is_empty(),
        serde_json::Value::Array(a) => a.is_empty(),
        serde_json::Value::Null => true,
        _ => false,
    }
}

impl std::error::Error for HttpStatusError {}
