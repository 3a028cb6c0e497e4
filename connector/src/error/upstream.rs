//! The error an upstream HTTP API answered with.

use std::fmt;

use serde_json::Value;

use super::cut::{MAX_ERROR_BODY, WholeSize};
use crate::json::python::{self, PyValue};
use crate::redact;

/// What the upstream answered in the body of an error response.
#[derive(Debug, Clone, PartialEq)]
pub enum UpstreamBody {
    /// A JSON body.
    Json(Value),
    /// A body that is not JSON.
    Text(String),
    /// No body at all.
    Empty,
}

/// An HTTP response with an error status from the app's API; `raised_by`
/// calls it `HTTPStatusError`, as the reference (httpx) does.
///
/// Its message is the reference's:
/// - `[<status>][<url without query>] <body>` where the body is what
///   Python's `str()` prints of the decoded JSON (`{'error': 'nope', 'ok': True}`,
///   a top-level string as it is), or the text of a body that is not JSON;
/// - httpx's own text when the body is empty, or JSON that Python counts as
///   empty or false (`{}`, `[]`, `null`, `false`, `0`, `""`):
///   `Client error '404 Not Found' for url '<url>'` and a second line
///   pointing at the status's documentation. This form keeps the query string.
///
/// In both, the URL's user info (`user:password@`, hidden whole) and the
/// values of query parameters that carry secrets (`api_key`, `token`...)
/// are hidden. A body longer than [`MAX_ERROR_BODY`] bytes is shown as its
/// first bytes, as text, then `… [cut: <size> bytes in all]`. The error
/// code follows the status (401 `unauthorized`, 404 `not_found`...).
#[derive(Debug, Clone, PartialEq)]
pub struct HttpStatusError {
    status: u16,
    reason: String,
    /// The request URL with secrets hidden, query string included.
    url: String,
    body: UpstreamBody,
    /// The message's body part; `None` when the message is httpx's text.
    detail: Option<String>,
    /// How large the body (or, for [`HttpStatusError::new`], its text) was,
    /// when only its start was kept.
    cut: Option<WholeSize>,
}

impl HttpStatusError {
    /// An error for this status, request URL and already-read body.
    ///
    /// The reason phrase is the standard one for the status; see
    /// [`HttpStatusError::with_reason`].
    ///
    /// A message text longer than [`MAX_ERROR_BODY`] bytes is cut.
    pub fn new(status: u16, url: &str, body: UpstreamBody) -> Self {
        let detail = match &body {
            UpstreamBody::Json(value) => str_if_truthy(PyValue::from_json(value)),
            UpstreamBody::Text(text) if !text.is_empty() => Some(text.clone()),
            UpstreamBody::Text(_) | UpstreamBody::Empty => None,
        };
        let mut cut = None;
        let detail = detail.map(|mut detail| {
            if detail.len() > MAX_ERROR_BODY {
                cut = Some(WholeSize::Exactly(detail.len() as u64));
                detail.truncate(redact::prefix(&detail, MAX_ERROR_BODY).len());
            }
            detail
        });
        Self::assemble(status, url, body, detail, cut)
    }

    /// An error for this status, request URL and raw body, read as the
    /// reference reads it: JSON the way Python's `json.loads` takes it
    /// (`NaN`, integers of any size, a UTF-8 byte order mark...), anything
    /// else as UTF-8 text.
    ///
    /// A body longer than [`MAX_ERROR_BODY`] bytes keeps only its start, as text.
    pub fn from_response(status: u16, url: &str, body: &[u8]) -> Self {
        if body.len() > MAX_ERROR_BODY {
            return Self::from_start(status, url, body, WholeSize::Exactly(body.len() as u64));
        }
        let detail = match python::loads(body) {
            Ok(value) => str_if_truthy(value),
            Err(_) => Some(String::from_utf8_lossy(body).into_owned()).filter(|t| !t.is_empty()),
        };
        let json = body.strip_prefix(b"\xef\xbb\xbf").unwrap_or(body);
        let body = if body.is_empty() {
            UpstreamBody::Empty
        } else if let Ok(value) = serde_json::from_slice(json) {
            UpstreamBody::Json(value)
        } else {
            UpstreamBody::Text(String::from_utf8_lossy(body).into_owned())
        };
        Self::assemble(status, url, body, detail, None)
    }

    /// An error for the first bytes of a body that was longer: they are
    /// shown as text (JSON cannot be read from a part), cut to
    /// [`MAX_ERROR_BODY`] bytes.
    pub(crate) fn from_start(status: u16, url: &str, start: &[u8], whole: WholeSize) -> Self {
        let text = String::from_utf8_lossy(redact::byte_prefix(start, MAX_ERROR_BODY)).into_owned();
        Self::assemble(
            status,
            url,
            UpstreamBody::Text(text.clone()),
            Some(text),
            Some(whole),
        )
    }

    /// The one place the URL is made fit to show and the reason phrase chosen.
    fn assemble(
        status: u16,
        url: &str,
        body: UpstreamBody,
        detail: Option<String>,
        cut: Option<WholeSize>,
    ) -> Self {
        Self {
            status,
            reason: standard_reason(status).to_owned(),
            url: crate::redact::url_text(url),
            body,
            detail,
            cut,
        }
    }

    /// Sets the reason phrase the server sent on its status line.
    pub fn with_reason(mut self, reason: impl Into<String>) -> Self {
        self.reason = reason.into();
        self
    }

    /// Hides every occurrence of these values in the message and the body:
    /// the credentials the request carried, should the app echo them back.
    /// Where the body was cut, the start of a value the cut went through is
    /// left out too. Values shorter than four characters are left alone.
    pub fn hiding(mut self, secrets: &[&str]) -> Self {
        self.url = redact::secrets(&self.url, secrets);
        self.detail = self.detail.map(|detail| {
            let detail = redact::secrets(&detail, secrets);
            match self.cut {
                Some(_) => redact::without_partial_secret(&detail, secrets).to_owned(),
                None => detail,
            }
        });
        match &mut self.body {
            UpstreamBody::Json(value) => hide_in_json(value, secrets),
            UpstreamBody::Text(text) => *text = redact::secrets(text, secrets),
            UpstreamBody::Empty => {}
        }
        self
    }

    /// Whether the body was longer than [`MAX_ERROR_BODY`] bytes and only
    /// its start was kept.
    pub fn is_cut(&self) -> bool {
        self.cut.is_some()
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The status line's reason phrase, e.g. `Not Found`.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The request URL without its query string.
    pub fn url(&self) -> &str {
        self.url.split('?').next().unwrap_or(&self.url)
    }

    /// The request URL with its query string, secrets hidden.
    pub fn full_url(&self) -> &str {
        &self.url
    }

    /// The response body.
    pub fn body(&self) -> &UpstreamBody {
        &self.body
    }

    /// The JSON value at `pointer` (RFC 6901, e.g. `/error/code`) in a JSON body.
    pub fn body_field(&self, pointer: &str) -> Option<&Value> {
        match &self.body {
            UpstreamBody::Json(v) => v.pointer(pointer),
            _ => None,
        }
    }
}

fn hide_in_json(value: &mut Value, secrets: &[&str]) {
    match value {
        Value::String(text) => *text = redact::secrets(text, secrets),
        Value::Array(items) => items.iter_mut().for_each(|v| hide_in_json(v, secrets)),
        Value::Object(map) => {
            let hidden = std::mem::take(map).into_iter().map(|(key, mut v)| {
                hide_in_json(&mut v, secrets);
                (redact::secrets(&key, secrets), v)
            });
            *map = hidden.collect();
        }
        _ => {}
    }
}

/// The reference keeps a decoded body only when Python counts it as true.
fn str_if_truthy(value: PyValue) -> Option<String> {
    value.is_truthy().then(|| value.to_str())
}

impl fmt::Display for HttpStatusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(detail) = &self.detail {
            write!(f, "[{}][{}] {detail}", self.status, self.url())?;
            if let Some(whole) = self.cut {
                write!(f, "{whole}")?;
            }
            return Ok(());
        }
        let kind = match self.status / 100 {
            1 => "Informational response",
            3 => "Redirect response",
            4 => "Client error",
            5 => "Server error",
            _ => "Invalid status code",
        };
        write!(
            f,
            "{kind} '{} {}' for url '{}'\nFor more information check: \
             https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/{}",
            self.status, self.reason, self.url, self.status
        )
    }
}

impl std::error::Error for HttpStatusError {}

inventory::submit! {
    super::ReportedName {
        type_name: std::any::type_name::<HttpStatusError>,
        name: "HTTPStatusError",
    }
}

/// httpx's reason phrases for error statuses, used when the server's own is not known.
fn standard_reason(status: u16) -> &'static str {
    match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Request Entity Too Large",
        414 => "Request-URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Requested Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const URL: &str = "http://127.0.0.1:9/users?limit=2&offset=0";

    #[test]
    fn json_bodies_read_as_python_prints_them() {
        let e = HttpStatusError::new(
            404,
            URL,
            UpstreamBody::Json(json!({"error": "not_found", "n": 1, "ok": true, "x": null, "f": 1.5})),
        );
        assert_eq!(
            e.to_string(),
            "[404][http://127.0.0.1:9/users] {'error': 'not_found', 'n': 1, 'ok': True, 'x': None, 'f': 1.5}"
        );
        let e = HttpStatusError::from_response(
            400,
            URL,
            br#"{"big": 123456789012345678901234567890, "q": "it's"}"#,
        );
        assert_eq!(
            e.to_string(),
            r#"[400][http://127.0.0.1:9/users] {'big': 123456789012345678901234567890, 'q': "it's"}"#
        );
        assert_eq!(e.body_field("/q"), Some(&json!("it's")));
        let e = HttpStatusError::from_response(400, URL, br#""just text in quotes""#);
        assert_eq!(
            e.to_string(),
            "[400][http://127.0.0.1:9/users] just text in quotes"
        );
    }

    #[test]
    fn text_bodies_are_kept_as_they_are() {
        let e = HttpStatusError::from_response(500, URL, b"plain text 500");
        assert_eq!(e.to_string(), "[500][http://127.0.0.1:9/users] plain text 500");
        assert_eq!(e.body(), &UpstreamBody::Text("plain text 500".into()));
        let e = HttpStatusError::from_response(502, URL, b"  ");
        assert_eq!(e.to_string(), "[502][http://127.0.0.1:9/users]   ");
        let e = HttpStatusError::from_response(502, URL, b"caf\xe9");
        assert_eq!(e.to_string(), "[502][http://127.0.0.1:9/users] caf\u{fffd}");
    }

    #[test]
    fn empty_and_false_bodies_fall_back_to_the_httpx_text() {
        for body in [&b""[..], b"{}", b"[]", b"null", b"false", b"0", b"\"\""] {
            let e = HttpStatusError::from_response(404, URL, body);
            assert_eq!(
                e.to_string(),
                "Client error '404 Not Found' for url 'http://127.0.0.1:9/users?limit=2&offset=0'\n\
                 For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/404",
                "{body:?}"
            );
        }
        let e = HttpStatusError::new(503, "http://h/x", UpstreamBody::Empty).with_reason("Down For Lunch");
        assert!(
            e.to_string()
                .starts_with("Server error '503 Down For Lunch' for url 'http://h/x'\n"),
            "{e}"
        );
        assert_eq!(e.reason(), "Down For Lunch");
        assert!(
            HttpStatusError::new(499, "http://h/x", UpstreamBody::Text(String::new()))
                .to_string()
                .starts_with("Client error '499 ' for url")
        );
    }

    #[test]
    fn secrets_in_the_url_are_hidden() {
        let e = HttpStatusError::new(
            401,
            "https://ada:pa55word@h/x?api_key=k-1&limit=5&access%5Ftoken=t-2&q=a+b",
            UpstreamBody::Empty,
        );
        assert_eq!(
            e.full_url(),
            "https://[REDACTED]@h/x?api_key=[REDACTED]&limit=5&access%5Ftoken=[REDACTED]&q=a+b"
        );
        assert_eq!(e.url(), "https://[REDACTED]@h/x");
        for secret in ["ada", "pa55word", "k-1", "t-2"] {
            assert!(!e.to_string().contains(secret), "{e}");
        }
        // A user name alone may be the key itself.
        let e = HttpStatusError::new(401, "https://sk_live_123@h/x", UpstreamBody::Empty);
        assert_eq!(e.url(), "https://[REDACTED]@h/x");
        let e = HttpStatusError::from_response(403, "http://h/x", br#"{"error": "token tok-123 revoked"}"#)
            .hiding(&["tok-123"]);
        assert_eq!(
            e.to_string(),
            "[403][http://h/x] {'error': 'token [REDACTED] revoked'}"
        );
        assert_eq!(e.body_field("/error"), Some(&json!("token [REDACTED] revoked")));
        assert!(!format!("{e:?}").contains("tok-123"));
    }

    #[test]
    fn long_bodies_are_cut_where_secrets_cannot_show_through() {
        let body = format!("{}é{}", "a".repeat(MAX_ERROR_BODY - 1), "b".repeat(900));
        let e = HttpStatusError::from_response(502, "http://h/x", body.as_bytes());
        assert!(e.is_cut());
        assert_eq!(
            e.to_string(),
            format!(
                "[502][http://h/x] {}… [cut: {} bytes in all]",
                "a".repeat(MAX_ERROR_BODY - 1),
                body.len()
            ),
            "a character the cut goes through is left out whole"
        );
        let e = HttpStatusError::new(
            502,
            "http://h/x",
            UpstreamBody::Text("c".repeat(MAX_ERROR_BODY + 1)),
        );
        assert!(e.to_string().ends_with("c… [cut: 4097 bytes in all]"), "{e}");
        let e = HttpStatusError::new(
            400,
            "http://h/x",
            UpstreamBody::Json(json!({"e": "c".repeat(5000)})),
        );
        assert!(e.to_string().ends_with("c… [cut: 5009 bytes in all]"), "{e}");

        let body = format!("{}token=s3cr3t-value", "a".repeat(MAX_ERROR_BODY - 10));
        let e = HttpStatusError::from_response(401, "http://h/x", body.as_bytes()).hiding(&["s3cr3t-value"]);
        assert_eq!(
            e.to_string(),
            format!(
                "[401][http://h/x] {}token=… [cut: {} bytes in all]",
                "a".repeat(MAX_ERROR_BODY - 10),
                body.len()
            )
        );
        assert_eq!(
            HttpStatusError::from_response(401, "http://h/x", b"token=s3cr")
                .hiding(&["s3cr3t-value"])
                .to_string(),
            "[401][http://h/x] token=s3cr",
            "an uncut body is left as it is"
        );
    }
}
