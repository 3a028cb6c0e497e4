//! Error codes and the error envelope.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::envelope::Page;
use super::serde_util::require_is_error;

/// The error codes of the protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ErrorCode"))]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ErrorCode {
    NotFound,
    InternalError,
    ApiError,
    Unauthorized,
    BadRequest,
    PermissionDenied,
    NotImplemented,
    UnexpectedError,
    UnsupportedOperation,
    UnknownValue,
    InvalidValue,
    BadGateway,
    Unauthenticated,
    RequestTimeout,
    ConnectionTimeout,
    ConnectionRejected,
    RateLimit,
    AuthenticationExpired,
    ServiceError,
    InvalidResponse,
    ClientCallError,
    ConnectionClosed,
    CredsRevoked,
    InvalidPageToken,
    IntegrationMissingParameter,
}

impl ErrorCode {
    /// Every code, in the protocol's order.
    pub const ALL: [ErrorCode; 25] = [
        Self::NotFound,
        Self::InternalError,
        Self::ApiError,
        Self::Unauthorized,
        Self::BadRequest,
        Self::PermissionDenied,
        Self::NotImplemented,
        Self::UnexpectedError,
        Self::UnsupportedOperation,
        Self::UnknownValue,
        Self::InvalidValue,
        Self::BadGateway,
        Self::Unauthenticated,
        Self::RequestTimeout,
        Self::ConnectionTimeout,
        Self::ConnectionRejected,
        Self::RateLimit,
        Self::AuthenticationExpired,
        Self::ServiceError,
        Self::InvalidResponse,
        Self::ClientCallError,
        Self::ConnectionClosed,
        Self::CredsRevoked,
        Self::InvalidPageToken,
        Self::IntegrationMissingParameter,
    ];

    /// The wire spelling, e.g. `bad_request`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
            Self::InternalError => "internal_error",
            Self::ApiError => "api_error",
            Self::Unauthorized => "unauthorized",
            Self::BadRequest => "bad_request",
            Self::PermissionDenied => "permission_denied",
            Self::NotImplemented => "not_implemented",
            Self::UnexpectedError => "unexpected_error",
            Self::UnsupportedOperation => "unsupported_operation",
            Self::UnknownValue => "unknown_value",
            Self::InvalidValue => "invalid_value",
            Self::BadGateway => "bad_gateway",
            Self::Unauthenticated => "unauthenticated",
            Self::RequestTimeout => "request_timeout",
            Self::ConnectionTimeout => "connection_timeout",
            Self::ConnectionRejected => "connection_rejected",
            Self::RateLimit => "rate_limit",
            Self::AuthenticationExpired => "authentication_expired",
            Self::ServiceError => "service_error",
            Self::InvalidResponse => "invalid_response",
            Self::ClientCallError => "client_call_error",
            Self::ConnectionClosed => "connection_closed",
            Self::CredsRevoked => "creds_revoked",
            Self::InvalidPageToken => "invalid_page_token",
            Self::IntegrationMissingParameter => "integration_missing_parameter",
        }
    }

    /// The code the reference gives an upstream HTTP status.
    pub fn from_http_status(status: u16) -> Self {
        match status {
            400 => Self::BadRequest,
            401 => Self::Unauthorized,
            403 => Self::PermissionDenied,
            404 => Self::NotFound,
            429 => Self::RateLimit,
            500 | 502 | 503 | 504 => Self::BadGateway,
            _ => Self::ApiError,
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The body of an error envelope (schema name `Error`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("Error"))]
#[schemars(rename = "Error")]
pub struct ErrorDetail {
    /// What went wrong, for a person to read.
    pub message: String,
    /// The upstream HTTP status, when the failure came from the app's API.
    pub status_code: Option<i64>,
    /// The connector's own code for the failure, if it set one.
    pub app_error_code: Option<String>,
    /// The protocol's classification of the failure.
    pub error_code: ErrorCode,
    /// The connector that failed.
    pub app_id: String,
    /// The type of the error that was raised.
    pub raised_by: Option<String>,
    /// `<module path>:<function>` of the capability that raised it.
    pub raised_in: Option<String>,
}

/// The error envelope: `{"is_error":true,"error":{...},"raw_data":null,"page":null}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ErrorResponse"))]
#[schemars(transform = require_is_error)]
pub struct ErrorResponse {
    /// Always `true`.
    #[serde(default = "always_true")]
    #[schemars(extend("default" = true))]
    pub is_error: bool,
    /// What went wrong.
    pub error: ErrorDetail,
    /// Upstream data, if any.
    #[serde(default)]
    pub raw_data: Option<serde_json::Map<String, serde_json::Value>>,
    /// Page, if any.
    #[serde(default)]
    pub page: Option<Page>,
}

fn always_true() -> bool {
    true
}
