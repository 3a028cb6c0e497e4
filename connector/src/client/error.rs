//! The failures of outbound requests that are not an error status.
//!
//! An error status is an [`HttpStatusError`](crate::error::HttpStatusError);
//! the types here cover the rest. The built-in error rules know all of them:
//! [`ConnectError`] and [`TimeoutError`] become `connection_timeout` with the
//! reference's fixed message, [`JsonDecodeError`] becomes `api_error`
//! (`Failed to parse JSON response: ...`), and [`RetriesExhausted`] keeps the
//! code of the last failure while saying that the retry budget ran out.

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

/// A successful response whose body is not the JSON the connector expected.
#[derive(Debug)]
pub struct JsonDecodeError {
    /// The request URL without its query string.
    pub url: String,
    /// The response status.
    pub status: u16,
    pub(crate) source: serde_json::Error,
}

impl fmt::Display for JsonDecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.source, f)
    }
}

impl StdError for JsonDecodeError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(&self.source)
    }
}

/// A transient failure that was still there when the retry budget ran out.
///
/// Its source is the last failure (an error status, a connect failure or a
/// timeout), which decides the error code; the message says how many
/// attempts were made.
#[derive(Debug)]
pub struct RetriesExhausted {
    /// Attempts made, the first one included.
    pub attempts: u32,
    /// Why no further attempt was made.
    pub reason: ExhaustedReason,
    pub(crate) last: Box<dyn StdError + Send + Sync + 'static>,
}

/// Why the client stopped retrying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExhaustedReason {
    /// The maximum number of retries was reached.
    MaxRetries,
    /// The next wait would have gone past the total retry budget.
    Budget,
    /// The server asked to wait (`Retry-After`) longer than the budget allows.
    RetryAfterTooLong(Duration),
}

impl RetriesExhausted {
    /// The last failure.
    pub fn last(&self) -> &(dyn StdError + Send + Sync + 'static) {
        self.last.as_ref()
    }
}

impl fmt::Display for RetriesExhausted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.reason {
            ExhaustedReason::MaxRetries => "maximum retries reached".to_owned(),
            ExhaustedReason::Budget => "retry time budget spent".to_owned(),
            ExhaustedReason::RetryAfterTooLong(d) => {
                format!(
                    "the server asked to retry after {}s, beyond the retry budget",
                    d.as_secs()
                )
            }
        };
        write!(
            f,
            "Gave up after {} attempts ({why}): {}",
            self.attempts, self.last
        )
    }
}

impl StdError for RetriesExhausted {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        Some(self.last.as_ref())
    }
}

inventory::submit! {
    crate::error::Classifier(classify)
}

/// The client's failures, for the error rules: connect failures and timeouts
/// are connection failures; retries that gave up say how often they tried.
fn classify(error: &(dyn StdError + 'static)) -> Option<crate::error::UpstreamFailure> {
    use crate::error::UpstreamFailure;
    if error.is::<ConnectError>() || error.is::<TimeoutError>() {
        Some(UpstreamFailure::ConnectionFailed)
    } else {
        error
            .downcast_ref::<RetriesExhausted>()
            .map(|x| UpstreamFailure::GaveUp { attempts: x.attempts })
    }
}
