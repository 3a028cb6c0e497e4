//! The OAuth capabilities the runtime serves: the flow a request selects,
//! then the flow's step.

use std::marker::PhantomData;

use futures_util::future::BoxFuture;
use schemars::JsonSchema;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::Served;
use crate::capability::{CapabilityFn, Kind, Response};
use crate::connector::{Builtin, Connector, ConnectorMetadata};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::models::{
    AuthorizationUrl, GetAuthorizationUrl, HandleAuthorizationCallback, HandleClientCredentials,
    OauthCredentials, RefreshAccessToken, Secret, TokenType,
};
use crate::oauth::{
    AuthorizationRequest, Grant, OAuthCapability, OAuthSettings, TokenGrant, authorization_url,
    parse_redirect, request_token,
};

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
pub(super) fn served<C: Connector>(meta: &ConnectorMetadata) -> Vec<Served> {
    let serves = |capability: OAuthCapability| meta.oauth_flows().any(|(_, s)| s.serves(capability));
    let mut out = Vec::new();
    if serves(OAuthCapability::GetAuthorizationUrl) {
        out.push(Served::of::<OAuthFn<C, AuthorizationUrlFlow>>(Builtin::OAuth(
            OAuthCapability::GetAuthorizationUrl,
        )));
    }
    if serves(OAuthCapability::HandleAuthorizationCallback) {
        out.push(Served::of::<OAuthFn<C, CallbackFlow>>(Builtin::OAuth(
            OAuthCapability::HandleAuthorizationCallback,
        )));
    }
    if serves(OAuthCapability::HandleClientCredentialsRequest) {
        out.push(Served::of::<OAuthFn<C, ClientCredentialsFlow>>(Builtin::OAuth(
            OAuthCapability::HandleClientCredentialsRequest,
        )));
    }
    if serves(OAuthCapability::RefreshAccessToken) {
        out.push(Served::of::<OAuthFn<C, RefreshFlow>>(Builtin::OAuth(
            OAuthCapability::RefreshAccessToken,
        )));
    }
    out
}

/// Serves OAuth capability `F` for connector `C`.
struct OAuthFn<C, F>(PhantomData<(C, F)>);

impl<C: Connector, F: Flow> CapabilityFn for OAuthFn<C, F> {
    type Connector = C;
    type Request = F::Request;
    type Payload = F::Payload;
    const NAME: &'static str = F::CAPABILITY.name();
    const KIND: Kind = Kind::Authorization;
    const RAISED_IN: &'static str = F::RAISED_IN;

    fn check(ctx: &Context<C>, request: &F::Request) -> std::result::Result<(), String> {
        select::<F>(ctx.metadata(), F::credential_id(request)).map(|_| ())
    }

    fn call(ctx: Context<C>, request: F::Request) -> BoxFuture<'static, Result<Response<F::Payload>>> {
        Box::pin(async move {
            let oauth =
                select::<F>(ctx.metadata(), F::credential_id(&request)).map_err(Error::bad_request)?;
            F::run(oauth, ctx.raw_settings(), &request).await
        })
    }
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

/// The credentials of a token answer; `state` is the token endpoint's, if it
/// sent one (the request's is not echoed, as in the reference).
fn credentials_response(grant: TokenGrant) -> Response<OauthCredentials> {
    Response::new(OauthCredentials {
        access_token: grant.access_token.into(),
        refresh_token: grant.refresh_token.map(Secret::from),
        token_type: TokenType::Bearer,
        state: grant.state,
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
                code_verifier: verifier.map(Secret::from),
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
            let redirect = parse_redirect(request.redirect_uri_with_code.expose())?;
            // A state in the redirect that is not the request's means the
            // callback belongs to another authorization; a redirect without
            // one is accepted, as the reference accepts it.
            if let (Some(expected), Some(got)) = (
                request.state.as_deref().filter(|s| !s.is_empty()),
                redirect.state.as_deref(),
            ) && got != expected
            {
                return Err(Error::bad_request(
                    "The state in the redirect URI does not match the state of the request: the callback may not belong to this authorization.",
                ));
            }
            // Without a verifier the token request goes without one, and the
            // token endpoint decides (the reference proceeds the same way).
            let code_verifier = request
                .code_verifier
                .as_ref()
                .map(Secret::expose)
                .filter(|v| !v.is_empty());
            let token_url = oauth.resolve_token_url(settings)?;
            let grant = request_token(
                oauth,
                &token_url,
                &request.client_id,
                request.client_secret.expose(),
                Grant::AuthorizationCode {
                    code: &redirect.code,
                    redirect_uri: &redirect.redirect_uri,
                    code_verifier,
                },
            )
            .await?;
            Ok(credentials_response(grant))
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
                request.client_secret.expose(),
                Grant::ClientCredentials { scope: &scope },
            )
            .await?;
            Ok(credentials_response(grant))
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
                request.client_secret.expose(),
                Grant::RefreshToken {
                    refresh_token: request.refresh_token.expose(),
                },
            )
            .await?;
            Ok(credentials_response(grant))
        })
    }
}
