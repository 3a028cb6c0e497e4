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

use crate::connector::{Connector, Described};
pub use crate::connector::{Kind, Level};
use crate::context::Context;
use crate::error::Result;
use crate::models::{EnvelopeShape, ExecutionSummary, Page, ResponseEnvelope};
use crate::schema::{CapabilitySchemas, root_schema};

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

    /// The envelope it travels in, with the key order of `shape`.
    pub fn into_envelope(self, shape: EnvelopeShape) -> ResponseEnvelope<T> {
        ResponseEnvelope {
            response: self.response,
            raw_data: self.raw_data,
            page: self.page,
            execution_summary: self.execution_summary,
            shape,
        }
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

    /// Checks the request before the call, like the envelope checks: an
    /// error here is the framework's `bad_request` with this message.
    /// (The runtime's OAuth capabilities find their flow here.)
    fn check(ctx: &Context<Self::Connector>, request: &Self::Request) -> std::result::Result<(), String> {
        let _ = (ctx, request);
        Ok(())
    }

    /// Calls the author's function.
    fn call(
        ctx: Context<Self::Connector>,
        request: Self::Request,
    ) -> BoxFuture<'static, Result<Response<Self::Payload>>>;
}

/// How the documents describe capability `F`.
pub fn described<F: CapabilityFn>() -> Described {
    Described {
        name: F::NAME,
        kind: F::KIND,
        display_name: F::DISPLAY_NAME,
        description: F::DESCRIPTION,
        schemas: schemas::<F>,
    }
}

/// The schemas of capability `F`'s request and response payloads.
pub fn schemas<F: CapabilityFn>() -> CapabilitySchemas {
    CapabilitySchemas {
        argument: root_schema::<F::Request>(),
        output: root_schema::<F::Payload>(),
    }
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
