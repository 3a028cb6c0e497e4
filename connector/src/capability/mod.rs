//! What a capability is to the runtime: its name, its request and response
//! types, its level, and the function that serves it.
//!
//! `#[capability]` implements [`CapabilityFn`] for a hidden type beside the
//! author's function and checks its types against the protocol through the
//! per-capability traits of [`standard`].

pub mod standard;

use futures_util::future::BoxFuture;
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::connector::Connector;
use crate::context::Context;
use crate::error::Result;
use crate::models::{ExecutionSummary, Page};

/// The `x-capability-level` of a standard capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Reads from the app.
    Read,
    /// Changes the app.
    Write,
    /// Validates configuration.
    Validation,
}

impl Level {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
            Self::Validation => "validation",
        }
    }
}

/// Which envelope and checks a capability gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One of the protocol's capabilities, with its level if it has one.
    Standard(Option<Level>),
    /// One of the OAuth capabilities: no `auth` is checked.
    Authorization,
    /// Describes the connector (`app_info`): neither `auth` nor settings are checked.
    Specification,
    /// The connector's own capability: answers with the custom envelope.
    Custom,
}

impl Kind {
    /// Whether requests carry a credential that is checked before the call.
    ///
    /// The OAuth capabilities obtain credentials and `validate_credential_config`
    /// inspects one in its payload, so their envelopes have no `auth` to check.
    pub fn authenticates(self) -> bool {
        !matches!(
            self,
            Self::Authorization | Self::Specification | Self::Standard(Some(Level::Validation))
        )
    }
}

/// A capability's answer with everything that can travel beside the payload.
///
/// Capabilities may return the bare payload or this, when they have a page,
/// raw data or an execution summary to hand back.
#[derive(Debug, Clone)]
pub struct Response<T> {
    /// The payload.
    pub response: T,
    /// Upstream data passed on to the caller (when it asked with `include_raw_data`).
    pub raw_data: Option<serde_json::Value>,
    /// The next page; `None` on the last one.
    pub page: Option<Page>,
    /// What a write did.
    pub execution_summary: Option<ExecutionSummary>,
}

impl<T> Response<T> {
    /// The payload alone.
    pub fn new(response: T) -> Self {
        Self {
            response,
            raw_data: None,
            page: None,
            execution_summary: None,
        }
    }

    /// Sets the next page (`None` on the last page).
    pub fn with_page(mut self, page: impl Into<Option<Page>>) -> Self {
        self.page = page.into();
        self
    }

    /// Sets the raw upstream data.
    pub fn with_raw_data(mut self, raw_data: impl Into<Option<serde_json::Value>>) -> Self {
        self.raw_data = raw_data.into();
        self
    }

    /// Sets the execution summary of a write.
    pub fn with_execution_summary(mut self, summary: ExecutionSummary) -> Self {
        self.execution_summary = Some(summary);
        self
    }
}

/// What a capability function's `Ok` value can be: a payload or a [`Response`].
pub trait IntoResponse: Send {
    /// The payload type that goes under `response`.
    type Payload: Serialize + JsonSchema + Send + 'static;
    /// Wraps the value.
    fn into_response(self) -> Response<Self::Payload>;
}

impl<T: Serialize + JsonSchema + Send + 'static> IntoResponse for T {
    type Payload = T;
    fn into_response(self) -> Response<T> {
        Response::new(self)
    }
}

impl<T: Serialize + JsonSchema + Send + 'static> IntoResponse for Response<T> {
    type Payload = T;
    fn into_response(self) -> Response<T> {
        self
    }
}

/// Names the connector a capability's first argument belongs to.
#[diagnostic::on_unimplemented(
    message = "the first argument of a capability must be `Context<YourConnector>`, not `{Self}`",
    label = "expected `Context<YourConnector>`",
    note = "write the function as `async fn name(ctx: Context<YourConnector>, request: Payload) -> Result<...>`"
)]
pub trait CapabilityContext {
    /// The connector.
    type Connector: Connector;
}

impl<C: Connector> CapabilityContext for Context<C> {
    type Connector = C;
}

/// A registered capability function. Implemented by `#[capability]`.
pub trait CapabilityFn: Send + Sync + 'static {
    /// The connector it belongs to.
    type Connector: Connector;
    /// The `request` payload type.
    type Request: DeserializeOwned + JsonSchema + Send + 'static;
    /// The `response` payload type.
    type Payload: Serialize + JsonSchema + Send + 'static;
    /// The capability's name on the wire.
    const NAME: &'static str;
    /// Standard, authorization or custom.
    const KIND: Kind;
    /// `<module path>:<function>` of the author's function.
    const RAISED_IN: &'static str;
    /// Name shown to people; defaults to the Title Case of the name.
    const DISPLAY_NAME: Option<&'static str> = None;
    /// What the capability does.
    const DESCRIPTION: Option<&'static str> = None;

    /// Calls the author's function.
    fn call(
        ctx: Context<Self::Connector>,
        request: Self::Request,
    ) -> BoxFuture<'static, Result<Response<Self::Payload>>>;
}

/// Compile-time checks of custom capabilities, used by `#[capability(custom)]`.
pub mod custom {
    use super::*;

    /// Request payloads of custom capabilities.
    #[diagnostic::on_unimplemented(
        message = "the request type of a custom capability must implement `Deserialize` and `JsonSchema`",
        label = "`{Self}` lacks `#[derive(Deserialize, JsonSchema)]`"
    )]
    pub trait Request {}
    impl<T: DeserializeOwned + JsonSchema> Request for T {}

    /// Responses of custom capabilities.
    #[diagnostic::on_unimplemented(
        message = "the response type of a custom capability must implement `Serialize` and `JsonSchema`",
        label = "`{Self}` lacks `#[derive(Serialize, JsonSchema)]`"
    )]
    pub trait Returns {}
    impl<T: IntoResponse> Returns for T {}

    #[doc(hidden)]
    pub const fn check_request<T: Request>() {}
    #[doc(hidden)]
    pub const fn check_response<T: Returns>() {}
}

pub use crate::names::title_case;
