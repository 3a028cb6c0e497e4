//! OAuth flows: authorization URLs, callbacks, client credentials and refresh.

#![allow(unused_imports)]

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Secret;
use super::*;

/// Answer of `get_authorization_url`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AuthorizationUrl"))]
pub struct AuthorizationUrl {
    /// The address to send the user to.
    pub authorization_url: String,
    /// The PKCE code verifier.
    #[serde(default)]
    pub code_verifier: Option<Secret>,
}

/// Payload of `get_authorization_url`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("GetAuthorizationUrl"))]
#[schemars(extend("x-capability-category" = "authorization"))]
pub struct GetAuthorizationUrl {
    /// Which configured credential to use (multi-credential connectors).
    #[serde(default)]
    pub credential_id: Option<String>,
    /// The OAuth client id.
    pub client_id: String,
    /// OAuth scopes.
    pub scopes: Vec<String>,
    /// Where the provider sends the user back.
    pub redirect_uri: String,
    /// The OAuth state value.
    pub state: String,
    /// Extra values for the provider's authorization form.
    #[serde(default)]
    pub form_data: Option<BTreeMap<String, String>>,
}

/// Payload of `handle_authorization_callback`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("HandleAuthorizationCallback"))]
#[schemars(extend("x-capability-category" = "authorization"))]
pub struct HandleAuthorizationCallback {
    /// Which configured credential to use (multi-credential connectors).
    #[serde(default)]
    pub credential_id: Option<String>,
    /// The OAuth client id.
    pub client_id: String,
    /// The OAuth client secret.
    pub client_secret: Secret,
    /// The redirect address with the authorization code in its query.
    pub redirect_uri_with_code: Secret,
    /// The OAuth state value.
    #[serde(default)]
    pub state: Option<String>,
    /// The PKCE code verifier.
    #[serde(default)]
    pub code_verifier: Option<Secret>,
}

/// Payload of `handle_client_credentials_request`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("HandleClientCredentials"))]
#[schemars(extend("x-capability-category" = "authorization"))]
pub struct HandleClientCredentials {
    /// Which configured credential to use (multi-credential connectors).
    #[serde(default)]
    pub credential_id: Option<String>,
    /// The OAuth client id.
    pub client_id: String,
    /// The OAuth client secret.
    pub client_secret: Secret,
    /// OAuth scopes.
    pub scopes: Vec<String>,
}

/// What an authorization-code flow needs from the client.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("OAuthAuthorization"))]
#[schemars(extend("x-credential-type" = "oauth"))]
pub struct OAuthAuthorization {
    /// The OAuth client id.
    pub client_id: String,
    /// The OAuth client secret.
    pub client_secret: Secret,
    /// The OAuth state value.
    #[serde(default)]
    pub state: Option<String>,
    /// OAuth scopes.
    pub scopes: Vec<String>,
}

/// What a client-credentials flow needs from the client.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("OAuthClientCredentialAuthorization"))]
#[schemars(extend("x-credential-type" = "oauth_client_credentials"))]
pub struct OAuthClientCredentialAuthorization {
    /// The OAuth client id.
    #[schemars(extend("x-field_type" = "HIDDEN"))]
    pub client_id: String,
    /// The OAuth client secret.
    #[schemars(extend("x-secret" = true, "x-field_type" = "SECRET"))]
    pub client_secret: Secret,
    /// OAuth scopes.
    pub scopes: Vec<String>,
}

/// OAuth scope strings by capability.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("OAuthScopes"))]
pub struct OAuthScopes {
    /// Scope string for `activate_account`.
    #[serde(default)]
    pub activate_account: Option<String>,
    /// Scope string for `assign_entitlement`.
    #[serde(default)]
    pub assign_entitlement: Option<String>,
    /// Scope string for `create_account`.
    #[serde(default)]
    pub create_account: Option<String>,
    /// Scope string for `deactivate_account`.
    #[serde(default)]
    pub deactivate_account: Option<String>,
    /// Scope string for `delete_account`.
    #[serde(default)]
    pub delete_account: Option<String>,
    /// Scope string for `find_entitlement_associations`.
    #[serde(default)]
    pub find_entitlement_associations: Option<String>,
    /// Scope string for `get_last_activity`.
    #[serde(default)]
    pub get_last_activity: Option<String>,
    /// Scope string for `list_accounts`.
    #[serde(default)]
    pub list_accounts: Option<String>,
    /// Scope string for `list_custom_attributes_schema`.
    #[serde(default)]
    pub list_custom_attributes_schema: Option<String>,
    /// Scope string for `list_entitlements`.
    #[serde(default)]
    pub list_entitlements: Option<String>,
    /// Scope string for `list_resources`.
    #[serde(default)]
    pub list_resources: Option<String>,
    /// Scope string for `unassign_entitlement`.
    #[serde(default)]
    pub unassign_entitlement: Option<String>,
    /// Scope string for `validate_credentials`.
    #[serde(default)]
    pub validate_credentials: Option<String>,
}

/// Tokens an OAuth flow produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("OauthCredentials"))]
pub struct OauthCredentials {
    /// The bearer access token.
    pub access_token: Secret,
    /// The refresh token.
    #[serde(default)]
    pub refresh_token: Option<Secret>,
    /// Kind of token.
    pub token_type: TokenType,
    /// The OAuth state value.
    #[serde(default)]
    pub state: Option<String>,
}

/// Payload of `refresh_access_token`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("RefreshAccessToken"))]
#[schemars(extend("x-capability-category" = "authorization"))]
pub struct RefreshAccessToken {
    /// Which configured credential to use (multi-credential connectors).
    #[serde(default)]
    pub credential_id: Option<String>,
    /// The OAuth client id.
    pub client_id: String,
    /// The OAuth client secret.
    pub client_secret: Secret,
    /// The refresh token.
    pub refresh_token: Secret,
    /// The OAuth state value.
    #[serde(default)]
    pub state: Option<String>,
}

/// Kinds of OAuth token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("TokenType"))]
#[schemars(extend("const" = "bearer"))]
#[allow(missing_docs)]
pub enum TokenType {
    #[serde(rename = "bearer")]
    Bearer,
}
