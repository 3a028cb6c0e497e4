//! Pagination and the success envelope.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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

/// The success envelope every standard capability answers with.
///
/// Keys are emitted in this order and never omitted, as the reference does.
#[derive(Debug, Clone, Serialize)]
pub struct ResponseEnvelope<T> {
    /// The capability's payload.
    pub response: T,
    /// Upstream data the connector chose to pass on.
    pub raw_data: Option<serde_json::Value>,
    /// The next page, when there is one.
    pub page: Option<Page>,
    /// What a write capability did.
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
