//! From an [`Error`] to the wire's error object: the built-in rules, then the
//! connector's own [`ErrorMap`].

use std::error::Error as StdError;
use std::sync::Arc;

use super::classify::{UpstreamFailure, classify};
use super::{Error, HttpStatusError, Repr};
use crate::models::{ErrorCode, ErrorDetail};

/// The reference's fixed message for network failures.
pub const CONNECTION_FAILED_MESSAGE: &str = "Failed to connect to the API. Please verify the URL or try at a later time due to a potential temporary network issue.";

/// The reference's fixed message for malformed outbound headers.
pub const ILLEGAL_HEADER_MESSAGE: &str =
    "Illegal header constructed for API request. Please check the app configuration and try again.";

type Matcher = Arc<dyn Fn(&Error) -> bool + Send + Sync>;

#[derive(Clone)]
struct Rule {
    matches: Matcher,
    error_code: ErrorCode,
    app_error_code: Option<String>,
}

/// A connector's own error mappings, declared with `#[connector(error_map = ...)]`.
///
/// Rules apply in order to every error that is not a [`super::ConnectorError`];
/// each matching rule overwrites the code the previous ones gave.
///
/// ```
/// use connector::prelude::*;
///
/// #[derive(Debug)]
/// struct Locked;
/// impl std::fmt::Display for Locked {
///     fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("locked") }
/// }
/// impl std::error::Error for Locked {}
///
/// fn errors() -> ErrorMap {
///     ErrorMap::new()
///         .status(409, ErrorCode::InvalidValue)
///         .error_type::<Locked>(ErrorCode::PermissionDenied)
///         .upstream_field("/error/code", "USER_NOT_FOUND", ErrorCode::NotFound)
/// }
/// # let _ = errors();
/// ```
#[derive(Clone, Default)]
pub struct ErrorMap {
    rules: Vec<Rule>,
}

impl ErrorMap {
    /// No mappings: the built-in rules alone.
    pub fn new() -> Self {
        Self::default()
    }

    /// Errors of type `E` (anywhere in the source chain) get `code`.
    pub fn error_type<E: StdError + 'static>(self, code: ErrorCode) -> Self {
        self.when(|e| chain(e).any(|x| x.is::<E>()), code)
    }

    /// Upstream HTTP errors with this status get `code`.
    pub fn status(self, status: u16, code: ErrorCode) -> Self {
        self.when(move |e| e.status_code() == Some(status), code)
    }

    /// Upstream HTTP errors whose JSON body has `value` at `pointer` get `code`.
    pub fn upstream_field(
        self,
        pointer: impl Into<String>,
        value: impl Into<serde_json::Value>,
        code: ErrorCode,
    ) -> Self {
        let pointer = pointer.into();
        let value = value.into();
        self.when(
            move |e| {
                e.http_status_error()
                    .and_then(|h| h.body_field(&pointer))
                    .is_some_and(|v| *v == value)
            },
            code,
        )
    }

    /// Errors for which `matches` says yes get `code`.
    pub fn when(mut self, matches: impl Fn(&Error) -> bool + Send + Sync + 'static, code: ErrorCode) -> Self {
        self.rules.push(Rule {
            matches: Arc::new(matches),
            error_code: code,
            app_error_code: None,
        });
        self
    }

    /// Gives the last rule added an `app_error_code` too.
    pub fn with_app_error_code(mut self, app_error_code: impl Into<String>) -> Self {
        if let Some(rule) = self.rules.last_mut() {
            rule.app_error_code = Some(app_error_code.into());
        }
        self
    }

    /// Builds the wire's error object for `error`.
    pub fn describe(&self, error: &Error, app_id: &str, raised_in: Option<&str>) -> ErrorDetail {
        let mut detail = builtin(error, app_id);
        detail.raised_in = raised_in.map(str::to_owned);
        if error.as_connector_error().is_none() {
            for rule in self.rules.iter().filter(|r| (r.matches)(error)) {
                detail.error_code = rule.error_code;
                if rule.app_error_code.is_some() {
                    detail.app_error_code.clone_from(&rule.app_error_code);
                }
            }
        }
        detail
    }
}

impl std::fmt::Debug for ErrorMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ErrorMap")
            .field("rules", &self.rules.len())
            .finish()
    }
}

fn chain(error: &Error) -> impl Iterator<Item = &(dyn StdError + 'static)> {
    let mut next: Option<&(dyn StdError + 'static)> = match &*error.repr {
        Repr::Connector(e) => Some(e),
        Repr::Other { source, .. } => Some(source.as_ref()),
        Repr::Panic(_) => None,
    };
    std::iter::from_fn(move || {
        let current = next?;
        next = current.source();
        Some(current)
    })
}

/// The code the built-in rules give an error.
pub(crate) fn default_code(error: &Error) -> ErrorCode {
    builtin(error, "").error_code
}

/// The reference's default handler, adapted to Rust's error types.
fn builtin(error: &Error, app_id: &str) -> ErrorDetail {
    let mut detail = ErrorDetail {
        message: error.to_string(),
        status_code: None,
        app_error_code: None,
        error_code: ErrorCode::UnexpectedError,
        app_id: app_id.to_owned(),
        raised_by: Some(error.raised_by().into_owned()),
        raised_in: None,
    };
    match &*error.repr {
        Repr::Connector(e) => {
            detail.error_code = e.error_code;
            detail.app_error_code = e.app_error_code.clone().filter(|c| !c.is_empty());
        }
        Repr::Panic(_) => {}
        Repr::Other { source, .. } => {
            let raised: &(dyn StdError + 'static) = source.as_ref();
            if let Some(http) = chain(error).find_map(|e| e.downcast_ref::<HttpStatusError>()) {
                // The message stays the raised error's: a connector's own
                // error wrapping the status error speaks for it.
                detail.status_code = Some(i64::from(http.status()));
                detail.error_code = ErrorCode::from_http_status(http.status());
            } else if chain(error).any(is_invalid_json) {
                detail.error_code = ErrorCode::ApiError;
                if is_invalid_json(raised) {
                    detail.message = format!("Failed to parse JSON response: {raised}");
                }
            } else if chain(error).any(is_connection_failure) {
                detail.error_code = ErrorCode::ConnectionTimeout;
                detail.message = CONNECTION_FAILED_MESSAGE.to_owned();
            } else if let Some(status) = chain(error).find_map(|e| match classify(e) {
                Some(UpstreamFailure::ErrorStatus { status }) => Some(status),
                _ => None,
            }) {
                detail.status_code = Some(i64::from(status));
                detail.error_code = ErrorCode::ApiError;
            } else if detail.message.contains("Illegal header") {
                detail.error_code = ErrorCode::BadRequest;
                detail.message = ILLEGAL_HEADER_MESSAGE.to_owned();
            }
        }
    }
    detail
}

fn is_invalid_json(e: &(dyn StdError + 'static)) -> bool {
    e.is::<serde_json::Error>() || classify(e) == Some(UpstreamFailure::InvalidJson)
}

fn is_connection_failure(e: &(dyn StdError + 'static)) -> bool {
    use std::io::ErrorKind;
    if classify(e) == Some(UpstreamFailure::ConnectionFailed) {
        return true;
    }
    #[cfg(feature = "client")]
    if let Some(r) = e.downcast_ref::<reqwest::Error>() {
        // A connect failure, or a connection that could not be set up in time.
        return r.is_connect() || r.is_timeout();
    }
    if let Some(io) = e.downcast_ref::<std::io::Error>() {
        return matches!(
            io.kind(),
            ErrorKind::ConnectionRefused
                | ErrorKind::ConnectionReset
                | ErrorKind::ConnectionAborted
                | ErrorKind::NotConnected
                | ErrorKind::TimedOut
                | ErrorKind::HostUnreachable
                | ErrorKind::NetworkUnreachable
                | ErrorKind::AddrNotAvailable
        );
    }
    let text = e.to_string().to_lowercase();
    [
        "name or service not known",
        "nodename nor servname provided",
        "dns error",
        "failed to lookup address",
    ]
    .iter()
    .any(|needle| text.contains(needle))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{ConnectorError, UpstreamBody};

    fn upstream(status: u16, body: UpstreamBody) -> Error {
        HttpStatusError::new(status, "http://127.0.0.1:9/users?limit=3", body).into()
    }

    #[test]
    fn http_statuses_follow_the_reference_table() {
        let cases = [
            (400, ErrorCode::BadRequest),
            (401, ErrorCode::Unauthorized),
            (403, ErrorCode::PermissionDenied),
            (404, ErrorCode::NotFound),
            (409, ErrorCode::ApiError),
            (429, ErrorCode::RateLimit),
            (500, ErrorCode::BadGateway),
            (502, ErrorCode::BadGateway),
            (503, ErrorCode::BadGateway),
            (504, ErrorCode::BadGateway),
            (418, ErrorCode::ApiError),
        ];
        for (status, code) in cases {
            let d = ErrorMap::new().describe(&upstream(status, UpstreamBody::Empty), "a", None);
            assert_eq!(d.error_code, code, "status {status}");
            assert_eq!(d.status_code, Some(i64::from(status)));
        }
    }

    #[test]
    fn http_message_names_status_url_and_body_without_query() {
        let e = upstream(
            401,
            UpstreamBody::Json(serde_json::json!({"error": "nope", "ok": true})),
        );
        let d = ErrorMap::new().describe(&e, "a", Some("m:f"));
        assert_eq!(
            d.message,
            "[401][http://127.0.0.1:9/users] {'error': 'nope', 'ok': True}"
        );
        assert_eq!(d.raised_by.as_deref(), Some("HTTPStatusError"));
        assert_eq!(d.raised_in.as_deref(), Some("m:f"));
        let e = upstream(500, UpstreamBody::Text("plain text 500".into()));
        assert_eq!(
            ErrorMap::new().describe(&e, "a", None).message,
            "[500][http://127.0.0.1:9/users] plain text 500"
        );
        let e = upstream(404, UpstreamBody::Json(serde_json::json!({})));
        assert_eq!(
            ErrorMap::new().describe(&e, "a", None).message,
            "Client error '404 Not Found' for url 'http://127.0.0.1:9/users?limit=3'\n\
             For more information check: https://developer.mozilla.org/en-US/docs/Web/HTTP/Status/404"
        );
    }

    #[test]
    fn json_and_connection_failures_are_classified() {
        let e: Error = serde_json::from_str::<serde_json::Value>("<html>")
            .unwrap_err()
            .into();
        let d = ErrorMap::new().describe(&e, "a", None);
        assert_eq!(d.error_code, ErrorCode::ApiError);
        assert_eq!(
            d.message,
            "Failed to parse JSON response: expected value at line 1 column 1"
        );
        assert_eq!(d.raised_by.as_deref(), Some("JSONDecodeError"));

        let e: Error = std::io::Error::from(std::io::ErrorKind::ConnectionRefused).into();
        let d = ErrorMap::new().describe(&e, "a", None);
        assert_eq!(d.error_code, ErrorCode::ConnectionTimeout);
        assert_eq!(d.message, CONNECTION_FAILED_MESSAGE);
    }

    #[test]
    fn author_rules_apply_in_order_but_not_to_connector_errors() {
        let map = ErrorMap::new()
            .status(409, ErrorCode::InvalidValue)
            .upstream_field("/code", "dup", ErrorCode::BadRequest)
            .with_app_error_code("acme.duplicate");
        let e = upstream(409, UpstreamBody::Json(serde_json::json!({"code": "dup"})));
        let d = map.describe(&e, "a", None);
        assert_eq!(d.error_code, ErrorCode::BadRequest);
        assert_eq!(d.app_error_code.as_deref(), Some("acme.duplicate"));

        let e: Error = ConnectorError::new(ErrorCode::NotFound, "x").into();
        assert_eq!(
            ErrorMap::new()
                .status(404, ErrorCode::ApiError)
                .describe(&e, "a", None)
                .error_code,
            ErrorCode::NotFound
        );

        let map = ErrorMap::new().error_type::<std::num::ParseIntError>(ErrorCode::InvalidValue);
        let e: Error = "x".parse::<u8>().unwrap_err().into();
        assert_eq!(map.describe(&e, "a", None).error_code, ErrorCode::InvalidValue);
    }

    #[test]
    fn a_wrapper_of_a_status_error_speaks_for_it() {
        #[derive(Debug)]
        struct Wrapped(HttpStatusError);
        impl std::fmt::Display for Wrapped {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "the app said no ({})", self.0.status())
            }
        }
        impl StdError for Wrapped {
            fn source(&self) -> Option<&(dyn StdError + 'static)> {
                Some(&self.0)
            }
        }
        let inner = HttpStatusError::new(403, "http://h/x?q=1", UpstreamBody::Empty);
        let d = ErrorMap::new().describe(&Wrapped(inner).into(), "a", None);
        assert_eq!(d.message, "the app said no (403)");
        assert_eq!(d.error_code, ErrorCode::PermissionDenied);
        assert_eq!(d.status_code, Some(403));
        assert_eq!(d.raised_by.as_deref(), Some("Wrapped"));
    }

    #[test]
    fn a_wrapper_of_a_json_error_keeps_its_message() {
        #[derive(Debug)]
        struct Unreadable(serde_json::Error);
        impl std::fmt::Display for Unreadable {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("the user list is not JSON")
            }
        }
        impl StdError for Unreadable {
            fn source(&self) -> Option<&(dyn StdError + 'static)> {
                Some(&self.0)
            }
        }
        let inner = serde_json::from_str::<u8>("x").unwrap_err();
        let d = ErrorMap::new().describe(&Unreadable(inner).into(), "a", None);
        assert_eq!(d.message, "the user list is not JSON");
        assert_eq!(d.error_code, ErrorCode::ApiError);
        assert_eq!(d.raised_by.as_deref(), Some("Unreadable"));
    }

    #[cfg(feature = "client")]
    #[tokio::test]
    async fn reqwest_connect_failures_are_connection_timeouts() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/", listener.local_addr().unwrap());
        drop(listener);
        let e: Error = reqwest::get(&url).await.unwrap_err().into();
        let d = ErrorMap::new().describe(&e, "a", None);
        assert_eq!(d.error_code, ErrorCode::ConnectionTimeout);
        assert_eq!(d.message, CONNECTION_FAILED_MESSAGE);
    }
}
