//! The OAuth capabilities the runtime serves: envelope in, flow, envelope out.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;

use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::authorize::{AuthorizationRequest, authorization_url, parse_redirect};
use super::settings::{OAuthCapability, OAuthSettings};
use super::token::{Grant, OAuthRequestError, TokenGrant, request_token};
use crate::capability::{Kind, Response};
use crate::connector::{Connector, ConnectorMetadata};
use crate::dispatch::{checks, envelope, error_envelope, framework_error};
use crate::error::{Error, Result};
use crate::models::{
    AuthorizationUrl, ErrorCode, ErrorDetail, GetAuthorizationUrl, HandleAuthorizationCallback,
    HandleClientCredentials, OauthCredentials, RefreshAccessToken, ResponseEnvelope, TokenType,
};
use crate::registry::{Builtin, Serve};

/// One OAuth capability: its payloads and what it does.
trait Flow: Send + Sync + 'static {
    type Request: DeserializeOwned + JsonSchema + Send + Sync + 'static;
    type Payload: Serialize + JsonSchema + Send + 'static;
    const CAPABILITY: OAuthCapability;
    /// `<module>:<function>` for `raised_in`.
    const RAISED_IN: &'static str;

    fn credential_id(request: &Self::Request) -> Option<&str>;

    fn run<'a>(
        oauth: &'a OAuthSettings,
        settings: &'a Value,
        request: &'a Self::Request,
    ) -> BoxFuture<'a, Result<Response<Self::Payload>>>;
}

/// The OAuth capabilities served for connector `C`: those of every declared
/// flow that the author did not turn off.
pub(crate) fn builtins<C: Connector>(meta: &ConnectorMetadata) -> Vec<Builtin> {
    let served = |capability: OAuthCapability| meta.oauth_flows().any(|(_, s)| s.serves(capability));
    let mut out = Vec::new();
    if served(OAuthCapability::GetAuthorizationUrl) {
        out.push(builtin::<C, AuthorizationUrlFlow>());
    }
    if served(OAuthCapability::HandleAuthorizationCallback) {
        out.push(builtin::<C, CallbackFlow>());
    }
    if served(OAuthCapability::HandleClientCredentialsRequest) {
        out.push(builtin::<C, ClientCredentialsFlow>());
    }
    if served(OAuthCapability::RefreshAccessToken) {
        out.push(builtin::<C, RefreshFlow>());
    }
    out
}

fn builtin<C: Connector, F: Flow>() -> Builtin {
    Builtin {
        name: F::CAPABILITY.name(),
        kind: Kind::Authorization,
        serve: Serve::Call(serve::<C, F>),
        schemas: crate::schema::payload_schemas::<F::Request, F::Payload>,
        hint: "turn the framework's one off with `.without(OAuthCapability::...)` in the connector's OAuth settings",
    }
}

fn serve<C: Connector, F: Flow>(meta: Arc<ConnectorMetadata>, body: String) -> BoxFuture<'static, String> {
    Box::pin(async move {
        match run::<C, F>(&meta, &body).await {
            Ok(json) => json,
            Err(detail) => error_envelope(detail),
        }
    })
}

async fn run<C: Connector, F: Flow>(meta: &ConnectorMetadata, body: &str) -> Result<String, ErrorDetail> {
    let app_id = C::APP_ID;
    let bad_request = |message: String| framework_error(app_id, ErrorCode::BadRequest, message);
    let envelope = envelope::parse::<F::Request>(body)
        .map_err(|reason| bad_request(format!("Invalid request - {reason}")))?;
    let raw_settings = envelope
        .settings
        .clone()
        .map(Value::Object)
        .unwrap_or(Value::Null);
    checks::settings::<C>(envelope.settings).map_err(bad_request)?;
    let oauth = select::<F>(meta, F::credential_id(&envelope.request)).map_err(bad_request)?;

    let outcome = AssertUnwindSafe(F::run(oauth, &raw_settings, &envelope.request))
        .catch_unwind()
        .await
        .unwrap_or_else(|panic| Err(Error::from_panic(panic)));
    let mut response = outcome.map_err(|error| {
        let mut detail = meta.error_map.describe(&error, app_id, Some(F::RAISED_IN));
        if let Some(failure) = error.downcast_ref::<OAuthRequestError>() {
            detail.status_code = Some(i64::from(failure.status));
            if detail.error_code == ErrorCode::UnexpectedError {
                detail.error_code = ErrorCode::ApiError;
            }
        }
        tracing::error!(
            app_id,
            capability = F::CAPABILITY.name(),
            error_code = %detail.error_code,
            "{}",
            detail.message
        );
        detail
    })?;
    if !envelope.include_raw_data.unwrap_or(false) {
        response.raw_data = None;
    }
    serde_json::to_string(&ResponseEnvelope {
        response: response.response,
        raw_data: response.raw_data,
        page: response.page,
        execution_summary: response.execution_summary,
    })
    .map_err(|e| framework_error(app_id, ErrorCode::InvalidResponse, e.to_string()))
}

/// The OAuth settings a request uses: its credential's with `credential_id`,
/// else the connector-wide ones (or those of the one OAuth credential).
fn select<'m, F: Flow>(
    meta: &'m ConnectorMetadata,
    credential_id: Option<&str>,
) -> Result<&'m OAuthSettings, String> {
    let capability = F::CAPABILITY;
    let (label, oauth) = match credential_id {
        Some(id) => {
            let oauth = meta
                .credentials
                .iter()
                .find(|c| c.id == id)
                .and_then(|c| c.oauth.as_ref())
                .ok_or_else(|| format!("OAuth settings for credential ID: {id} were not provided!"))?;
            (format!("credential '{id}'"), oauth)
        }
        None => {
            let mut candidates = meta.oauth_flows().filter(|(_, s)| s.serves(capability));
            match (&meta.oauth, candidates.next(), candidates.next()) {
                (Some(oauth), _, _) => ("the connector".to_owned(), oauth),
                (None, Some((Some(id), oauth)), None) => (format!("credential '{id}'"), oauth),
                (None, Some(_), Some(_)) => {
                    return Err(format!(
                        "OAuth settings were not provided for app '{}'! Several credentials have OAuth settings: name one with `credential_id`.",
                        meta.app_id
                    ));
                }
                _ => {
                    return Err(format!(
                        "OAuth settings were not provided for app '{}'!",
                        meta.app_id
                    ));
                }
            }
        }
    };
    if !oauth.flow_has(capability) {
        return Err(format!(
            "The OAuth flow of {label} ({}) has no capability {}.",
            oauth.flow().as_str(),
            capability.name()
        ));
    }
    if !oauth.serves(capability) {
        return Err(format!(
            "The capability {} is turned off for {label}.",
            capability.name()
        ));
    }
    Ok(oauth)
}

/// The configured scopes when the request names none.
fn scope_of(requested: &[String], oauth: &OAuthSettings) -> String {
    if requested.is_empty() {
        oauth.default_scope()
    } else {
        requested.join(" ")
    }
}

fn credentials_response(grant: TokenGrant, state: Option<&String>) -> Response<OauthCredentials> {
    Response::new(OauthCredentials {
        access_token: grant.access_token,
        refresh_token: grant.refresh_token,
        token_type: TokenType::Bearer,
        state: grant.state.or_else(|| state.cloned()),
    })
    .with_raw_data(grant.raw)
}

struct AuthorizationUrlFlow;

impl Flow for AuthorizationUrlFlow {
    type Request = GetAuthorizationUrl;
    type Payload = AuthorizationUrl;
    const CAPABILITY: OAuthCapability = OAuthCapability::GetAuthorizationUrl;
    const RAISED_IN: &'static str = "connector::oauth:get_authorization_url";

    fn credential_id(request: &Self::Request) -> Option<&str> {
        request.credential_id.as_deref()
    }

    fn run<'a>(
        oauth: &'a OAuthSettings,
        settings: &'a Value,
        request: &'a Self::Request,
    ) -> BoxFuture<'a, Result<Response<Self::Payload>>> {
        Box::pin(async move {
            let base = oauth.resolve_authorization_url(settings)?;
            let scope = scope_of(&request.scopes, oauth);
            let (url, verifier) = authorization_url(&AuthorizationRequest {
                base: &base,
                client_id: &request.client_id,
                scope: &scope,
                redirect_uri: &request.redirect_uri,
                state: &request.state,
                pkce: oauth.pkce,
            });
            Ok(Response::new(AuthorizationUrl {
                authorization_url: url,
                code_verifier: verifier,
            }))
        })
    }
}

struct CallbackFlow;

impl Flow for CallbackFlow {
    type Request = HandleAuthorizationCallback;
    type Payload = OauthCredentials;
    const CAPABILITY: OAuthCapability = OAuthCapability::HandleAuthorizationCallback;
    const RAISED_IN: &'static str = "connector::oauth:handle_authorization_callback";

    fn credential_id(request: &Self::Request) -> Option<&str> {
        request.credential_id.as_deref()
    }

    fn run<'a>(
        oauth: &'a OAuthSettings,
        settings: &'a Value,
        request: &'a Self::Request,
    ) -> BoxFuture<'a, Result<Response<Self::Payload>>> {
        Box::pin(async move {
            let redirect = parse_redirect(&request.redirect_uri_with_code)?;
            if let Some(expected) = request.state.as_deref().filter(|s| !s.is_empty()) {
                match redirect.state.as_deref() {
                    Some(got) if got == expected => {}
                    Some(_) => {
                        return Err(Error::bad_request(
                            "The state in the redirect URI does not match the state of the request: the callback may not belong to this authorization.",
                        ));
                    }
                    None => {
                        return Err(Error::bad_request(
                            "The redirect URI carries no state, but the request expects one.",
                        ));
                    }
                }
            }
            let code_verifier = request.code_verifier.as_deref().filter(|v| !v.is_empty());
            if oauth.pkce && code_verifier.is_none() {
                return Err(Error::bad_request(
                    "This OAuth flow uses PKCE: the request needs the `code_verifier` that get_authorization_url returned.",
                ));
            }
            let token_url = oauth.resolve_token_url(settings)?;
            let grant = request_token(
                oauth,
                &token_url,
                &request.client_id,
                &request.client_secret,
                Grant::AuthorizationCode {
                    code: &redirect.code,
                    redirect_uri: &redirect.redirect_uri,
                    code_verifier,
                },
            )
            .await?;
            Ok(credentials_response(grant, request.state.as_ref()))
        })
    }
}

struct ClientCredentialsFlow;

impl Flow for ClientCredentialsFlow {
    type Request = HandleClientCredentials;
    type Payload = OauthCredentials;
    const CAPABILITY: OAuthCapability = OAuthCapability::HandleClientCredentialsRequest;
    const RAISED_IN: &'static str = "connector::oauth:handle_client_credentials_request";

    fn credential_id(request: &Self::Request) -> Option<&str> {
        request.credential_id.as_deref()
    }

    fn run<'a>(
        oauth: &'a OAuthSettings,
        settings: &'a Value,
        request: &'a Self::Request,
    ) -> BoxFuture<'a, Result<Response<Self::Payload>>> {
        Box::pin(async move {
            let token_url = oauth.resolve_token_url(settings)?;
            let scope = scope_of(&request.scopes, oauth);
            let grant = request_token(
                oauth,
                &token_url,
                &request.client_id,
                &request.client_secret,
                Grant::ClientCredentials { scope: &scope },
            )
            .await?;
            Ok(credentials_response(grant, None))
        })
    }
}

struct RefreshFlow;

impl Flow for RefreshFlow {
    type Request = RefreshAccessToken;
    type Payload = OauthCredentials;
    const CAPABILITY: OAuthCapability = OAuthCapability::RefreshAccessToken;
    const RAISED_IN: &'static str = "connector::oauth:refresh_access_token";

    fn credential_id(request: &Self::Request) -> Option<&str> {
        request.credential_id.as_deref()
    }

    fn run<'a>(
        oauth: &'a OAuthSettings,
        settings: &'a Value,
        request: &'a Self::Request,
    ) -> BoxFuture<'a, Result<Response<Self::Payload>>> {
        Box::pin(async move {
            let token_url = oauth.resolve_token_url(settings)?;
            let grant = request_token(
                oauth,
                &token_url,
                &request.client_id,
                &request.client_secret,
                Grant::RefreshToken {
                    refresh_token: &request.refresh_token,
                },
            )
            .await?;
            Ok(credentials_response(grant, request.state.as_ref()))
        })
    }
}
