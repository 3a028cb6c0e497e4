//! The one pipeline every capability runs through, the runtime's own
//! included: parse the envelope, resolve the credential, check the settings,
//! run, and wrap the result or the error.

pub(crate) mod envelope;

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures_util::FutureExt;
use futures_util::future::BoxFuture;

use crate::capability::{CapabilityFn, Kind};
use crate::connector::credentials::authenticate;
use crate::connector::{Catalog, Connector, settings};
use crate::context::{Context, ContextParts};
use crate::error::Error;
use crate::models::{EnvelopeShape, ErrorCode, ErrorDetail, ErrorResponse};

/// The largest request body the front ends take by default: the server's
/// default body limit and the command line's `--json-file` limit.
pub const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

/// Why a front end cannot run in proxy mode: it rewrites the requests of the
/// framework's HTTP client, which a connector built without it does not have.
#[cfg(not(feature = "client"))]
pub(crate) const PROXY_NEEDS_CLIENT: &str = "Proxy mode (--use-proxy) needs the framework's HTTP client: build the connector with the `client` feature.";

/// The function a capability entry calls: envelope JSON in, envelope JSON out.
pub type Invoke = fn(Arc<Catalog>, String) -> BoxFuture<'static, String>;

/// Serves one call of capability `F`.
pub fn invoke<F: CapabilityFn>(catalog: Arc<Catalog>, body: String) -> BoxFuture<'static, String> {
    Box::pin(async move {
        match run::<F>(catalog, &body).await {
            Ok(json) => json,
            Err(detail) => error_envelope(detail),
        }
    })
}

async fn run<F: CapabilityFn>(catalog: Arc<Catalog>, body: &str) -> Result<String, ErrorDetail> {
    let app_id = <F::Connector as Connector>::APP_ID;
    let bad_request = |message: String| framework_error(app_id, ErrorCode::BadRequest, message);
    let envelope = envelope::parse::<F::Request>(body)
        .map_err(|reason| bad_request(format!("Invalid request - {reason}")))?;

    let auth = if F::KIND.authenticates() {
        Some(
            authenticate::<F::Connector>(
                catalog.metadata(),
                envelope.auth.as_ref(),
                envelope.credentials.as_deref(),
            )
            .map_err(bad_request)?,
        )
    } else {
        None
    };
    let raw_settings = envelope
        .settings
        .map(serde_json::Value::Object)
        .unwrap_or(serde_json::Value::Null);
    let settings = settings::check::<F::Connector>(&raw_settings).map_err(bad_request)?;
    let include_raw_data = envelope.include_raw_data.unwrap_or(false);
    let error_map = catalog.metadata().error_map.clone();
    let ctx = Context::new(ContextParts {
        catalog,
        settings,
        raw_settings,
        auth,
        raw_auth: envelope.auth,
        credentials: envelope.credentials.unwrap_or_default(),
        page: envelope.page.unwrap_or_default(),
        include_raw_data,
        capability: F::NAME,
    });

    F::check(&ctx, &envelope.request).map_err(bad_request)?;
    let outcome = AssertUnwindSafe(F::call(ctx, envelope.request))
        .catch_unwind()
        .await
        .unwrap_or_else(|panic| Err(Error::from_panic(panic)));
    let response = outcome.map_err(|error| {
        let detail = error_map.describe(&error, app_id, Some(F::RAISED_IN));
        // The reference's line, enum name and all, so that log searches
        // written for it find ours.
        tracing::error!(
            "{app_id}/ErrorCode.{}: {}",
            detail.error_code.as_str().to_ascii_uppercase(),
            detail.message
        );
        detail
    })?;
    let mut envelope = response.into_envelope(match F::KIND {
        Kind::Custom => EnvelopeShape::Custom,
        _ => EnvelopeShape::Standard,
    });
    if !include_raw_data {
        envelope.raw_data = None;
    }
    serde_json::to_string(&envelope).map_err(|e| {
        framework_error(
            app_id,
            ErrorCode::InvalidResponse,
            format!("The capability's response could not be serialized: {e}"),
        )
    })
}

/// An error raised by the framework itself: no `raised_by` / `raised_in`.
pub fn framework_error(app_id: &str, error_code: ErrorCode, message: String) -> ErrorDetail {
    ErrorDetail {
        message,
        status_code: None,
        app_error_code: None,
        error_code,
        app_id: app_id.to_owned(),
        raised_by: None,
        raised_in: None,
    }
}

/// The error answering a request body that is not UTF-8 text, over HTTP and
/// from a `--json-file` alike.
pub(crate) fn not_utf8(app_id: &str) -> ErrorDetail {
    framework_error(
        app_id,
        ErrorCode::BadRequest,
        "Invalid request - the body is not UTF-8 text".into(),
    )
}

/// The error envelope's JSON.
pub fn error_envelope(error: ErrorDetail) -> String {
    let envelope = ErrorResponse {
        is_error: true,
        error,
        raw_data: None,
        page: None,
    };
    serde_json::to_string(&envelope).unwrap_or_else(|_| {
        String::from(r#"{"is_error":true,"error":{"message":"the error could not be serialized","status_code":null,"app_error_code":null,"error_code":"internal_error","app_id":"","raised_by":null,"raised_in":null},"raw_data":null,"page":null}"#)
    })
}
