//! Errors a capability can fail with, and how they become error envelopes.
//!
//! Authors return [`Error`] (through [`Result`]). Anything that implements
//! `std::error::Error` converts into it with `?`; [`ConnectorError`] carries
//! an explicit protocol code. When a capability fails, the runtime turns the
//! error into the wire's `Error` object: first by the built-in rules (the
//! reference's default handler), then by the connector's own [`ErrorMap`].

mod classify;
pub(crate) mod cut;
pub(crate) mod input;
mod map;
mod upstream;

use std::any::Any;
use std::borrow::Cow;
use std::error::Error as StdError;
use std::fmt;

pub use classify::{Classifier, UpstreamFailure};
pub use cut::MAX_ERROR_BODY;
pub use map::{CONNECTION_FAILED_MESSAGE, ErrorMap, ILLEGAL_HEADER_MESSAGE};
pub use upstream::{HttpStatusError, UpstreamBody};

use crate::models::ErrorCode;

/// The result type of capabilities.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An error with an explicit protocol code, for authors to raise.
///
/// Its code and `app_error_code` go to the envelope as they are; the
/// connector's error map is not consulted for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectorError {
    /// What went wrong, for a person to read.
    pub message: String,
    /// The protocol's classification.
    pub error_code: ErrorCode,
    /// The connector's own code, e.g. `acme.user_locked`.
    pub app_error_code: Option<String>,
}

impl ConnectorError {
    /// An error with this code and message.
    pub fn new(error_code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            error_code,
            app_error_code: None,
        }
    }

    /// Adds the connector's own code.
    pub fn with_app_error_code(mut self, code: impl Into<String>) -> Self {
        self.app_error_code = Some(code.into());
        self
    }
}

impl fmt::Display for ConnectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for ConnectorError {}

/// Any failure of a capability.
///
/// Like `anyhow::Error`, it does not implement `std::error::Error` itself, so
/// that every error type can convert into it with `?`.
pub struct Error {
    repr: Box<Repr>,
}

enum Repr {
    /// Raised by the author with an explicit code.
    Connector(ConnectorError),
    /// Any other error; classified when the envelope is built.
    Other {
        source: Box<dyn StdError + Send + Sync + 'static>,
        type_name: &'static str,
    },
    /// The capability panicked.
    Panic(String),
}

impl Error {
    /// An error with an explicit protocol code.
    pub fn new(error_code: ErrorCode, message: impl Into<String>) -> Self {
        ConnectorError::new(error_code, message).into()
    }

    /// `bad_request` with this message.
    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::BadRequest, message)
    }

    /// `not_found` with this message.
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }

    /// `unauthorized` with this message.
    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Unauthorized, message)
    }

    /// `api_error` with this message.
    pub fn api_error(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::ApiError, message)
    }

    /// `invalid_page_token` with this message.
    pub fn invalid_page_token(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidPageToken, message)
    }

    /// Sets the connector's own code (turning the error into a [`ConnectorError`]
    /// that keeps the code it would have been given).
    pub fn with_app_error_code(self, code: impl Into<String>) -> Self {
        match *self.repr {
            Repr::Connector(e) => e.with_app_error_code(code).into(),
            _ => {
                let code_now = self.code_before_mapping();
                ConnectorError::new(code_now, self.to_string())
                    .with_app_error_code(code)
                    .into()
            }
        }
    }

    pub(crate) fn from_panic(payload: Box<dyn Any + Send>) -> Self {
        let message = if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_owned()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            String::from("the capability panicked")
        };
        Self {
            repr: Box::new(Repr::Panic(message)),
        }
    }

    /// The error the author raised with an explicit code, if this is one.
    pub fn as_connector_error(&self) -> Option<&ConnectorError> {
        match &*self.repr {
            Repr::Connector(e) => Some(e),
            _ => None,
        }
    }

    /// The underlying error, when it is not a [`ConnectorError`] or a panic.
    pub fn source_error(&self) -> Option<&(dyn StdError + Send + Sync + 'static)> {
        match &*self.repr {
            Repr::Other { source, .. } => Some(source.as_ref()),
            _ => None,
        }
    }

    /// Whether the underlying error is of type `E`.
    pub fn is<E: StdError + 'static>(&self) -> bool {
        self.downcast_ref::<E>().is_some()
    }

    /// The underlying error as `E`, if it is one.
    pub fn downcast_ref<E: StdError + 'static>(&self) -> Option<&E> {
        match &*self.repr {
            Repr::Connector(e) => (e as &dyn Any).downcast_ref::<E>(),
            Repr::Other { source, .. } => source.downcast_ref::<E>(),
            Repr::Panic(_) => None,
        }
    }

    /// The type name that goes to `raised_by`: the Rust type's own name, or
    /// the reference's exception name for the types that stand for one
    /// (`HTTPStatusError`, `JSONDecodeError`).
    pub fn raised_by(&self) -> Cow<'static, str> {
        match &*self.repr {
            Repr::Connector(_) => Cow::Borrowed("ConnectorError"),
            Repr::Other { type_name, .. } => Cow::Borrowed(reported_name(type_name)),
            Repr::Panic(_) => Cow::Borrowed("panic"),
        }
    }

    /// The upstream HTTP status, when the error came from the app's API.
    pub fn status_code(&self) -> Option<u16> {
        self.http_status_error().map(HttpStatusError::status)
    }

    pub(crate) fn http_status_error(&self) -> Option<&HttpStatusError> {
        match &*self.repr {
            Repr::Other { source, .. } => find_in_chain::<HttpStatusError>(source.as_ref()),
            _ => None,
        }
    }

    fn code_before_mapping(&self) -> ErrorCode {
        crate::error::map::default_code(self)
    }
}

fn find_in_chain<'a, E: StdError + 'static>(mut err: &'a (dyn StdError + 'static)) -> Option<&'a E> {
    loop {
        if let Some(found) = err.downcast_ref::<E>() {
            return Some(found);
        }
        err = err.source()?;
    }
}

/// The name `raised_by` gives an error type that stands for one of the
/// reference's exceptions, so that envelopes name it as the reference does.
pub(crate) struct ReportedName {
    /// `std::any::type_name` of the type.
    pub(crate) type_name: fn() -> &'static str,
    /// The reference's exception class name.
    pub(crate) name: &'static str,
}

inventory::collect!(ReportedName);

inventory::submit! {
    ReportedName {
        type_name: std::any::type_name::<serde_json::Error>,
        name: "JSONDecodeError",
    }
}

fn reported_name(type_name: &'static str) -> &'static str {
    inventory::iter::<ReportedName>()
        .find(|r| (r.type_name)() == type_name)
        .map_or_else(|| short_type_name(type_name), |r| r.name)
}

/// `alloc::string::String` → `String`; `core::num::ParseIntError` → `ParseIntError`.
fn short_type_name(full: &'static str) -> &'static str {
    let base = full.split('<').next().unwrap_or(full);
    base.rsplit("::").next().unwrap_or(base)
}

impl<E: StdError + Send + Sync + 'static> From<E> for Error {
    fn from(error: E) -> Self {
        let boxed: Box<dyn Any + Send> = Box::new(error);
        match boxed.downcast::<ConnectorError>() {
            Ok(connector) => Self {
                repr: Box::new(Repr::Connector(*connector)),
            },
            Err(other) => {
                let error = *other.downcast::<E>().expect("the box holds an E");
                Self {
                    repr: Box::new(Repr::Other {
                        source: Box::new(error),
                        type_name: std::any::type_name::<E>(),
                    }),
                }
            }
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.repr {
            Repr::Connector(e) => fmt::Display::fmt(e, f),
            Repr::Other { source, .. } => fmt::Display::fmt(source, f),
            Repr::Panic(message) => f.write_str(message),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &*self.repr {
            Repr::Connector(e) => fmt::Debug::fmt(e, f),
            Repr::Other { source, type_name } => f
                .debug_struct("Error")
                .field("type", type_name)
                .field("source", source)
                .finish(),
            Repr::Panic(message) => f.debug_tuple("Panic").field(message).finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connector_error_keeps_its_code_through_question_mark() {
        fn fails() -> Result<()> {
            Err(ConnectorError::new(ErrorCode::NotFound, "gone").with_app_error_code("x.gone"))?
        }
        let err = fails().unwrap_err();
        let inner = err.as_connector_error().unwrap();
        assert_eq!(inner.error_code, ErrorCode::NotFound);
        assert_eq!(inner.app_error_code.as_deref(), Some("x.gone"));
        assert_eq!(err.raised_by(), "ConnectorError");
    }

    #[test]
    fn other_errors_name_their_type() {
        let err: Error = "x".parse::<u8>().unwrap_err().into();
        assert_eq!(err.raised_by(), "ParseIntError");
        assert!(err.is::<std::num::ParseIntError>());
    }

    #[test]
    fn reference_exceptions_keep_the_reference_names() {
        let err: Error = HttpStatusError::new(404, "http://h/x", UpstreamBody::Empty).into();
        assert_eq!(err.raised_by(), "HTTPStatusError");
        assert!(err.is::<HttpStatusError>());
        let err: Error = serde_json::from_str::<u8>("x").unwrap_err().into();
        assert_eq!(err.raised_by(), "JSONDecodeError");
    }

    #[test]
    fn panics_keep_their_message() {
        let err = Error::from_panic(Box::new("boom"));
        assert_eq!(err.to_string(), "boom");
        assert_eq!(err.raised_by(), "panic");
        let err = Error::from_panic(Box::new(String::from("owned boom")));
        assert_eq!(err.to_string(), "owned boom");
    }
}
