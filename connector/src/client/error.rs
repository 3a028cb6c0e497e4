//! The failures of outbound requests that are not an error status.
//!
//! An error status is an [`HttpStatusError`](crate::error::HttpStatusError);
//! the types here cover the rest. The built-in error rules know all of them:
//! [`ConnectError`] and [`TimeoutError`] become `connection_timeout` with the
//! reference's fixed message, [`JsonDecodeError`] becomes `api_error`
//! (`Failed to parse JSON response: ...`).

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

/// The app's server could not be reached (refused, unresolvable, connect timeout, TLS failure).
#[derive(Debug)]
pub struct ConnectError {
    /// The request URL without its query string.
    pub url: String,
    pub(crate) source: reqwest::Error,
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not connect to {}: {}", self.url, self.source)
    }
}

impl StdError for ConnectError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.source)
    }
}

/// The app's server took longer than the client's total timeout to answer.
#[derive(Debug)]
pub struct TimeoutError {
    /// The request URL without its query string.
    pub url: String,
    /// The timeout that ran out.
    pub timeout: Duration,
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no answer from {} within {:?}", self.url, self.timeout)
    }
}

impl StdError for TimeoutError {}

/// The exchange failed after the connection was made (reset, bad framing, body cut short).
#[derive(Debug)]
pub struct TransportError {
    /// The request URL without its query string.
    pub url: String,
    pub(crate) source: reqwest::Error,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "request to {} failed: {}", self.url, self.source)
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.source)
    }
}

/// The app's server kept redirecting: past [`MAX_REDIRECTS`](super::MAX_REDIRECTS)
/// in one attempt, or past what is left of the call's
/// [`MAX_REQUESTS_PER_CALL`](super::MAX_REQUESTS_PER_CALL). Not retried: a
/// redirect loop does not go away by itself.
///
/// Its name and text are httpx's, whose client raises it in the same case.
#[derive(Debug)]
pub struct TooManyRedirects {
    /// The URL of the last redirect answer, without its query string.
    pub url: String,
}

impl fmt::Display for TooManyRedirects {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Exceeded maximum allowed redirects.")
    }
}

impl StdError for TooManyRedirects {}

/// A successful response whose body is not the JSON the connector expected;
/// `raised_by` calls it `JSONDecodeError`, as the reference does.
///
/// Its text is what Python's `json` module says of a body that is not JSON
/// at all (`Expecting value: line 1 column 1 (char 0)`), and serde's
/// explanation for JSON of another shape than the type asked for
/// (`missing field `id` at line 1 column 2`).
#[derive(Debug)]
pub struct JsonDecodeError {
    /// The request URL without its query string.
    pub url: String,
    /// The response status.
    pub status: u16,
    pub(crate) message: String,
    pub(crate) source: serde_json::Error,
}

impl fmt::Display for JsonDecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for JsonDecodeError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.source)
    }
}

inventory::submit! {
    crate::error::ReportedName {
        type_name: std::any::type_name::<JsonDecodeError>,
        name: "JSONDecodeError",
    }
}

inventory::submit! {
    crate::error::Classifier(classify)
}

/// The client's failures, for the error rules: connect failures and
/// timeouts are connection failures, undecodable bodies invalid JSON.
fn classify(error: &(dyn StdError + 'static)) -> Option<crate::error::UpstreamFailure> {
    use crate::error::UpstreamFailure;
    if error.is::<ConnectError>() || error.is::<TimeoutError>() {
        Some(UpstreamFailure::ConnectionFailed)
    } else if error.is::<JsonDecodeError>() {
        Some(UpstreamFailure::InvalidJson)
    } else {
        None
    }
}
