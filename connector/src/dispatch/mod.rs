//! From a request's JSON text to the envelope JSON: parse, authenticate,
//! check settings, run, and wrap the result or the error.

pub(crate) mod checks;

pub(crate) use checks::parse_settings;
pub(crate) mod envelope;

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use serde::Serialize;

use crate::capability::{CapabilityFn, Kind, Response};
use crate::connector::{Connector, ConnectorMetadata};
use crate::context::{Context, ContextParts};
use crate::error::Error;
use crate::models::{CustomResponseEnvelope, ErrorCode, ErrorDetail, ErrorResponse, ResponseEnvelope};

/// The function a capability entry calls: envelope JSON in, envelope JSON out.
pub type Invoke = fn(Arc<ConnectorMetadata>, String) -> BoxFuture<'static, String>;

/// Serves one call of capability `F`.
pub(crate) fn invoke<F: CapabilityFn>(
    meta: Arc<ConnectorMetadata>,
    body: String,
) -> BoxFuture<'static, String> {
    Box::pin(async move {
        match run::<F>(&meta, &body).await {
            Ok(json) => json,
            Err(detail) => error_envelope(detail),
        }
    })
}

async fn run<F: CapabilityFn>(meta: &ConnectorMetadata, body: &str) -> Result<String, ErrorDetail> {
    let app_id = <F::Connector as Connector>::APP_ID;
    let envelope = envelope::parse::<F::Request>(body).map_err(|reason| {
        framework_error(
            app_id,
            ErrorCode::BadRequest,
            format!("Invalid request - {reason}"),
        )
    })?;
    let bad_request = |message: String| framework_error(app_id, ErrorCode::BadRequest, message);

    let auth = if !F::KIND.authenticates() {
        None
    } else {
        Some(
            checks::authenticate::<F::Connector>(
                meta,
                envelope.auth.as_ref(),
                envelope.credentials.as_deref(),
            )
            .map_err(bad_request)?,
        )
    };
    let settings = checks::settings::<F::Connector>(envelope.settings).map_err(bad_request)?;
    let include_raw_data = envelope.include_raw_data.unwrap_or(false);
    let ctx = Context::new(ContextParts {
        settings,
        auth,
        raw_auth: envelope.auth,
        credentials: envelope.credentials.unwrap_or_default(),
        page: envelope.page.unwrap_or_default(),
        include_raw_data,
        capability: F::NAME,
    });

    let outcome = AssertUnwindSafe(F::call(ctx, envelope.request))
        .catch_unwind()
        .await
        .unwrap_or_else(|panic| Err(Error::from_panic(panic)));
    let mut response = outcome.map_err(|error| {
        let detail = meta.error_map.describe(&error, app_id, Some(F::RAISED_IN));
        tracing::error!(
            app_id,
            capability = F::NAME,
            error_code = %detail.error_code,
            raised_by = detail.raised_by.as_deref().unwrap_or_default(),
            "{}",
            detail.message
        );
        detail
    })?;
    if !include_raw_data {
        response.raw_data = None;
    }
    serialize_response(F::KIND, response).map_err(|e| {
        framework_error(
            app_id,
            ErrorCode::InvalidResponse,
            format!("The capability's response could not be serialized: {e}"),
        )
    })
}

fn serialize_response<T: Serialize>(kind: Kind, r: Response<T>) -> serde_json::Result<String> {
    if kind == Kind::Custom {
        serde_json::to_string(&CustomResponseEnvelope {
            page: r.page,
            raw_data: r.raw_data,
            response: r.response,
        })
    } else {
        serde_json::to_string(&ResponseEnvelope {
            response: r.response,
            raw_data: r.raw_data,
            page: r.page,
            execution_summary: r.execution_summary,
        })
    }
}

/// An error raised by the framework itself: no `raised_by` / `raised_in`.
pub(crate) fn framework_error(app_id: &str, error_code: ErrorCode, message: String) -> ErrorDetail {
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

/// The error envelope's JSON.
pub(crate) fn error_envelope(error: ErrorDetail) -> String {
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
