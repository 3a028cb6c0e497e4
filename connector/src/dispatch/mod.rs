//! The one pipeline every capability runs through, the runtime's own
//! included: parse the envelope, resolve the credential, check the settings,
//! run, and wrap the result or the error.

pub(crate) mod envelope;

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Instant;

use futures_util::FutureExt;
use futures_util::future::BoxFuture;

use crate::capability::{CapabilityFn, Kind};
use crate::connector::credentials::authenticate;
use crate::connector::{Catalog, Connector, settings};
use crate::context::{Context, ContextParts};
use crate::error::Error;
use crate::metrics::{Probe, Stage};
use crate::models::{AuthCredential, EnvelopeShape, ErrorCode, ErrorDetail, ErrorResponse};

/// The largest request body the front ends take by default: the server's
/// default body limit and the command line's `--json-file` limit.
pub const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

/// Why a front end cannot run in proxy mode: it rewrites the requests of the
/// framework's HTTP client, which a connector built without it does not have.
#[cfg(not(feature = "client"))]
pub(crate) const PROXY_NEEDS_CLIENT: &str = "Proxy mode (--use-proxy) needs the framework's HTTP client: build the connector with the `client` feature.";

/// The function a capability entry calls: envelope JSON in, the answer out.
pub type Invoke = fn(Arc<Catalog>, String) -> BoxFuture<'static, Answer>;

/// What one call answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    /// The response or error envelope's JSON text.
    pub json: String,
    /// The error envelope's `error_code`; `None` for a response. The HTTP
    /// server counts and logs calls by it without reading the JSON again.
    pub error_code: Option<ErrorCode>,
}

impl Answer {
    /// The error envelope of `detail`.
    pub fn error(detail: ErrorDetail) -> Self {
        let error_code = Some(detail.error_code);
        Self {
            json: error_envelope(detail),
            error_code,
        }
    }
}

/// A call refused or failed: where the pipeline stood (for the metrics) and
/// the error for the envelope.
struct Failure {
    stage: Stage,
    /// The metrics' `error_code` tag: the reason, in the reference's words.
    reason: String,
    detail: ErrorDetail,
}

impl Failure {
    /// Boxed: the error of every step's `Result`, kept small on the happy path.
    fn new(stage: Stage, reason: impl Into<String>, detail: ErrorDetail) -> Box<Self> {
        Box::new(Self {
            stage,
            reason: reason.into(),
            detail,
        })
    }
}

/// Serves one call of capability `F`.
pub fn invoke<F: CapabilityFn>(catalog: Arc<Catalog>, body: String) -> BoxFuture<'static, Answer> {
    Box::pin(async move {
        let mut probe = Probe::start(<F::Connector as Connector>::APP_ID, F::NAME);
        if let Some(probe) = &mut probe {
            probe.executor_count("calls");
            probe.executor_bytes("request.bytes", body.len());
        }
        match run::<F>(catalog, &body, &mut probe).await {
            Ok(json) => {
                if let Some(probe) = &mut probe {
                    probe.executor_bytes("response.bytes", json.len());
                }
                Answer {
                    json,
                    error_code: None,
                }
            }
            Err(failure) => {
                if let Some(probe) = &mut probe {
                    probe.error(failure.stage, &failure.reason);
                }
                Answer::error(failure.detail)
            }
        }
    })
}

/// The time `stage` takes, sent as the reference's timer `name` when metrics are on.
fn timed<T>(probe: &mut Option<Probe>, name: &str, stage: impl FnOnce() -> T) -> T {
    let Some(probe) = probe else { return stage() };
    let started = Instant::now();
    let out = stage();
    probe.executor_timing(name, started.elapsed());
    out
}

async fn run<F: CapabilityFn>(
    catalog: Arc<Catalog>,
    body: &str,
    probe: &mut Option<Probe>,
) -> Result<String, Box<Failure>> {
    let app_id = <F::Connector as Connector>::APP_ID;
    let bad_request = |message: String| framework_error(app_id, ErrorCode::BadRequest, message);
    // The reference times the envelope's parsing and the credential check as one.
    let (envelope, auth) = timed(probe, "request.parse.latency_ms", || {
        let envelope = envelope::parse::<F::Request>(body).map_err(|reason| {
            Failure::new(
                Stage::Parsing,
                "invalid",
                bad_request(format!("Invalid request - {reason}")),
            )
        })?;
        let auth = if F::KIND.authenticates() {
            Some(
                authenticate::<F::Connector>(
                    catalog.metadata(),
                    envelope.auth.as_ref(),
                    envelope.credentials.as_deref(),
                )
                .map_err(|refusal| {
                    Failure::new(Stage::AuthValidation, refusal.code, bad_request(refusal.message))
                })?,
            )
        } else {
            None
        };
        Ok::<_, Box<Failure>>((envelope, auth))
    })?;
    let raw_settings = envelope
        .settings
        .map(serde_json::Value::Object)
        .unwrap_or(serde_json::Value::Null);
    let settings = timed(probe, "settings.validate.latency_ms", || {
        settings::check::<F::Connector>(&raw_settings).map_err(|message| {
            let reason = if raw_settings.is_null() {
                "missing"
            } else {
                "invalid"
            };
            Failure::new(Stage::SettingsValidation, reason, bad_request(message))
        })
    })?;
    let include_raw_data = envelope.include_raw_data.unwrap_or(false);
    let error_map = catalog.metadata().error_map.clone();
    // Kept to hide their secret values from the error line, should the
    // capability's message repeat one.
    let credentials = (envelope.auth.clone(), envelope.credentials.clone());
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

    let started = Instant::now();
    let outcome = match F::check(&ctx, &envelope.request) {
        // The reference finds these (an OAuth flow the connector lacks) inside
        // the capability, as a `ConnectorError`.
        Err(message) => Err(Failure::new(
            Stage::Execution,
            "connector_error",
            bad_request(message),
        )),
        Ok(()) => AssertUnwindSafe(F::call(ctx, envelope.request))
            .catch_unwind()
            .await
            .unwrap_or_else(|panic| Err(Error::from_panic(panic)))
            .map_err(|error| {
                let reason = crate::metrics::snake_case(&error.raised_by());
                let detail = error_map.describe(&error, app_id, Some(F::RAISED_IN));
                log_failure(app_id, &detail, &credentials);
                Failure::new(Stage::Execution, reason, detail)
            }),
    };
    if let Some(probe) = probe {
        probe.executor_timing("execute.latency_ms", started.elapsed());
    }
    let response = outcome?;
    let started = Instant::now();
    let mut envelope = response.into_envelope(match F::KIND {
        Kind::Custom => EnvelopeShape::Custom,
        _ => EnvelopeShape::Standard,
    });
    if !include_raw_data {
        envelope.raw_data = None;
    }
    let json = serde_json::to_string(&envelope).map_err(|e| {
        Failure::new(
            Stage::ResponseValidation,
            "invalid",
            framework_error(
                app_id,
                ErrorCode::InvalidResponse,
                format!("The capability's response could not be serialized: {e}"),
            ),
        )
    })?;
    if let Some(probe) = probe {
        probe.executor_timing("response.serialization", started.elapsed());
    }
    Ok(json)
}

/// The reference's line for a failed capability, enum name and all, so that
/// log searches written for it find ours; the request's secret values are
/// hidden in it (the line may leave the machine, see [`crate::logging`]).
fn log_failure(
    app_id: &str,
    detail: &ErrorDetail,
    credentials: &(Option<AuthCredential>, Option<Vec<AuthCredential>>),
) {
    if !tracing::enabled!(tracing::Level::ERROR) {
        return;
    }
    let secrets = serde_json::to_value(credentials)
        .map(|v| crate::redact::credential_values(&v))
        .unwrap_or_default();
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    tracing::error!(
        "{app_id}/ErrorCode.{}: {}",
        detail.error_code.as_str().to_ascii_uppercase(),
        crate::redact::secrets(&detail.message, &secrets)
    );
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
