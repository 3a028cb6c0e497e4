//! What the two OAuth demo connectors share: their settings, their OAuth
//! endpoints and the call that validates a token.
//!
//! `oauth-code-demo` uses the authorization-code flow with PKCE;
//! `oauth-client-credentials-demo` the client-credentials flow. Neither
//! writes an OAuth capability: the runtime serves them from [`oauth_settings`].

use connector::error::{HttpStatusError, UpstreamBody};
use connector::models::ValidatedCredentials;
use connector::oauth::{Endpoint, FlowType, OAuthSettings};
use connector::prelude::*;

/// Where the demo app lives.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct DemoSettings {
    /// Base URL of the app, e.g. `https://demo.example`.
    pub base_url: String,
}

impl DemoSettings {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url.trim_end_matches('/'))
    }
}

/// The scopes each capability of the demos needs.
pub const SCOPES: &[(&str, &str)] = &[("validate_credentials", "tenant:read profile")];

/// The OAuth settings of a demo with this flow: `{base_url}/oauth/authorize`
/// and `{base_url}/oauth/token`, with PKCE in the authorization-code flow.
pub fn oauth_settings(flow: FlowType) -> OAuthSettings {
    let settings = match flow {
        FlowType::AuthorizationCode => OAuthSettings::authorization_code()
            .authorization_url(Endpoint::from_settings(|s: &DemoSettings| {
                s.url("/oauth/authorize")
            }))
            .pkce(true),
        FlowType::ClientCredentials => OAuthSettings::client_credentials(),
    };
    SCOPES.iter().fold(
        settings.token_url(Endpoint::from_settings(|s: &DemoSettings| s.url("/oauth/token"))),
        |settings, (capability, scopes)| settings.scope(*capability, *scopes),
    )
}

/// Asks `GET {base_url}/api/me` with the bearer token who the token belongs to.
pub async fn validate(settings: &DemoSettings, access_token: &str) -> Result<ValidatedCredentials> {
    let url = settings.url("/api/me");
    let response = reqwest::Client::new()
        .get(&url)
        .bearer_auth(access_token)
        .send()
        .await?;
    let status = response.status();
    let body = response.text().await?;
    if !status.is_success() {
        let body = match serde_json::from_str(&body) {
            Ok(json) => UpstreamBody::Json(json),
            Err(_) if body.is_empty() => UpstreamBody::Empty,
            Err(_) => UpstreamBody::Text(body),
        };
        return Err(HttpStatusError::new(status.as_u16(), &url, body).into());
    }
    let me: serde_json::Value = serde_json::from_str(&body)?;
    let tenant_id = me
        .get("tenant_id")
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| Error::api_error("The app's /api/me answer has no tenant_id."))?;
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: tenant_id.to_owned(),
    })
}
