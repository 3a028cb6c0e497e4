//! Pagination and the success envelope.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::credentials::AuthCredential;
use super::execution::ExecutionSummary;

/// Where a paged listing stands: an opaque continuation token and a page size.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Page {
    /// Opaque token handed back by the previous page; absent on the first call.
    #[serde(default)]
    pub token: Option<String>,
    /// How many items the caller wants at most.
    #[serde(default)]
    pub size: Option<i32>,
}

/// The request envelope of a standard capability: the payload under
/// `request`, with the caller's credentials, settings and paging beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RequestEnvelope<T> {
    /// The credential of a single-credential connector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthCredential>,
    /// The credentials of a multi-credential connector, each with its `id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<Vec<AuthCredential>>,
    /// The capability's payload.
    pub request: T,
    /// Whether the caller wants the upstream data under `raw_data`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_raw_data: Option<bool>,
    /// Which page to read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<Page>,
    /// The connector's settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<serde_json::Map<String, serde_json::Value>>,
}

impl<T> RequestEnvelope<T> {
    /// An envelope around `request` with nothing else set.
    pub fn new(request: T) -> Self {
        Self {
            auth: None,
            credentials: None,
            request,
            include_raw_data: None,
            page: None,
            settings: None,
        }
    }
}

/// The success envelope every standard capability answers with.
///
/// Keys are emitted in this order and never omitted, as the reference does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ResponseEnvelope<T> {
    /// The capability's payload.
    pub response: T,
    /// Upstream data the connector chose to pass on.
    #[serde(default)]
    pub raw_data: Option<serde_json::Value>,
    /// The next page, when there is one.
    #[serde(default)]
    pub page: Option<Page>,
    /// What a write capability did.
    #[serde(default)]
    pub execution_summary: Option<ExecutionSummary>,
}

/// The envelope of a custom capability: `page`, `raw_data`, `response`, in that order.
#[derive(Debug, Clone, Serialize)]
pub struct CustomResponseEnvelope<T> {
    /// The next page, when there is one.
    pub page: Option<Page>,
    /// Upstream data the connector chose to pass on.
    pub raw_data: Option<serde_json::Value>,
    /// The capability's payload.
    pub response: T,
}
/// A change cursor.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct Delta {
    /// Where to continue next time.
    #[serde(default)]
    pub cursor: Option<String>,
}

/// An object with no fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct EmptyButCreateAnyway {}
