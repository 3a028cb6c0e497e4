//! How the tool modules tell the error rules what their failures mean.
//!
//! The rules here know the standard library's and serde's errors; a tool
//! module whose failures need a rule of their own (the HTTP client's connect
//! failures, its undecodable bodies) submits a [`Classifier`] for its types, so
//! this layer never names them.

use std::error::Error as StdError;

/// What an upstream failure was, as far as the error rules care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpstreamFailure {
    /// The app could not be reached, or did not answer in time.
    ConnectionFailed,
    /// A body that was not the JSON expected: `api_error`, and when it is
    /// the error raised, the message `Failed to parse JSON response: <error>`.
    InvalidJson,
    /// The app answered with an error status in a form of the tool's own
    /// (not an [`HttpStatusError`](super::HttpStatusError)): `api_error`
    /// with that status.
    ErrorStatus {
        /// The HTTP status.
        status: u16,
    },
}

/// A tool module's rule: what one of its error types means, if `error` is one.
pub struct Classifier(pub fn(&(dyn StdError + 'static)) -> Option<UpstreamFailure>);

inventory::collect!(Classifier);

/// What the registered classifiers say of `error` (one link of a chain).
pub(crate) fn classify(error: &(dyn StdError + 'static)) -> Option<UpstreamFailure> {
    inventory::iter::<Classifier>().find_map(|c| (c.0)(error))
}
