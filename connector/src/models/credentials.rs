//! Credential kinds a connector can be handed, and the `auth` envelope key.
//!
//! Every secret is a [`Secret`]: `Debug` shows `[REDACTED]` and nothing
//! displays it, so no log line or message can print one by accident.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Secret;

/// An OAuth 2.0 access token obtained by the authorization-code flow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("OAuthCredential"))]
#[schemars(extend("x-credential-type" = "oauth"))]
pub struct OAuthCredential {
    /// The bearer access token.
    #[schemars(extend("x-secret" = true, "x-hidden" = true, "x-field_type" = "HIDDEN"))]
    pub access_token: Secret,
}

/// An OAuth 2.0 access token obtained with client credentials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("OAuthClientCredential"))]
#[schemars(extend("x-credential-type" = "oauth_client_credentials"))]
pub struct OAuthClientCredential {
    /// The bearer access token.
    #[schemars(extend("x-secret" = true, "x-hidden" = true, "x-field_type" = "HIDDEN"))]
    pub access_token: Secret,
    /// The OAuth client id.
    pub client_id: String,
    /// The OAuth client secret.
    #[schemars(extend("x-secret" = true, "x-field_type" = "SECRET"))]
    pub client_secret: Secret,
    /// Scopes granted to the token.
    pub scopes: Vec<String>,
}

/// OAuth 1.0a consumer and token pairs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("OAuth1Credential"))]
#[schemars(extend("x-credential-type" = "oauth1"))]
pub struct OAuth1Credential {
    /// The consumer key.
    pub consumer_key: String,
    /// The consumer secret.
    pub consumer_secret: Secret,
    /// The token id.
    pub token_id: String,
    /// The token secret.
    pub token_secret: Secret,
}

/// A user name and password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("BasicCredential"))]
#[schemars(extend("x-credential-type" = "basic"))]
pub struct BasicCredential {
    /// The user name.
    pub username: String,
    /// The password.
    #[schemars(extend("x-secret" = true, "x-field_type" = "SECRET"))]
    pub password: Secret,
}

/// An API token or API key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("TokenCredential"))]
#[schemars(extend("x-credential-type" = "token"))]
pub struct TokenCredential {
    /// The token.
    #[schemars(extend("x-secret" = true, "x-field_type" = "SECRET"))]
    pub token: Secret,
}

/// JOSE header fields of a JWT credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("JWTHeaders"))]
#[allow(missing_docs)]
pub struct JWTHeaders {
    pub alg: String,
    pub jku: String,
    pub jwk: String,
    pub typ: String,
    pub kid: String,
    pub x5u: String,
    pub x5c: String,
    pub x5t: String,
    #[serde(rename = "x5t#S256")]
    pub x5t_s256: String,
    pub cty: String,
    pub crit: Vec<String>,
}

/// Claims of a JWT credential.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("JWTClaims"))]
#[allow(missing_docs)]
pub struct JWTClaims {
    pub iss: String,
    pub sub: String,
    pub aud: String,
    pub exp: i64,
    pub nbf: i64,
    pub iat: i64,
    pub jti: String,
    pub act: String,
    pub scope: Vec<String>,
    pub client_id: String,
    pub may_act: String,
}

/// A JWT to be signed with a shared secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("JWTCredential"))]
#[schemars(extend("x-credential-type" = "jwt"))]
pub struct JWTCredential {
    /// The JOSE header.
    pub headers: JWTHeaders,
    /// The claims.
    pub claims: JWTClaims,
    /// The signing secret.
    pub secret: Secret,
}

/// Which cloud a service account belongs to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ServiceAccountType"))]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ServiceAccountType {
    #[default]
    GoogleCloud,
    GoogleDrive,
    Aws,
}

/// A cloud service account key.
#[derive(Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ServiceAccountCredential"))]
#[schemars(extend("x-credential-type" = "service_account"))]
pub struct ServiceAccountCredential {
    /// The kind of service account.
    #[serde(default)]
    #[schemars(extend("x-hidden" = true, "x-field_type" = "HIDDEN"))]
    pub service_type: Option<ServiceAccountType>,
    /// The key document.
    #[schemars(extend("x-secret" = true, "x-hidden" = true, "x-field_type" = "HIDDEN"))]
    pub key: serde_json::Map<String, serde_json::Value>,
    /// The user to act as.
    pub impersonation_email: String,
    /// The tenant the account belongs to.
    pub tenant_id: String,
    /// Scopes to request.
    #[schemars(extend("x-hidden" = true, "x-field_type" = "HIDDEN"))]
    pub scopes: Vec<String>,
}

/// The key document is secret as a whole, whatever its fields.
impl fmt::Debug for ServiceAccountCredential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceAccountCredential")
            .field("service_type", &self.service_type)
            .field("key", &crate::redact::REDACTED)
            .field("impersonation_email", &self.impersonation_email)
            .field("tenant_id", &self.tenant_id)
            .field("scopes", &self.scopes)
            .finish()
    }
}

/// Formats a generated key pair can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("KeyGenType"))]
#[allow(missing_docs, non_camel_case_types, clippy::upper_case_acronyms)]
pub enum KeyGenType {
    SSH,
    SSH_PEM,
    PEM_PK8,
    PGP,
}

/// A key identifier and its private key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("KeyPairCredential"))]
#[schemars(extend("x-keygen-type" = "SSH", "x-semantic" = "key-pair", "x-credential-type" = "key_pair"))]
pub struct KeyPairCredential {
    /// Names the key on the app's side.
    #[schemars(extend("x-hidden" = true, "x-field_type" = "HIDDEN"))]
    pub key_identifier: String,
    /// The private key.
    #[schemars(extend("x-secret" = true, "x-hidden" = true, "x-field_type" = "HIDDEN"))]
    pub private_key: Secret,
}

/// The `auth` envelope key: one credential of any kind, with an optional id
/// (the id is used by multi-credential connectors in the `credentials` list).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AuthCredential"))]
pub struct AuthCredential {
    /// Identifies the credential in multi-credential mode.
    #[serde(default)]
    pub id: Option<String>,
    /// OAuth 2.0 authorization-code token.
    #[serde(default)]
    pub oauth: Option<OAuthCredential>,
    /// OAuth 2.0 client-credentials token.
    #[serde(default)]
    pub oauth_client_credentials: Option<OAuthClientCredential>,
    /// OAuth 1.0a keys.
    #[serde(default)]
    pub oauth1: Option<OAuth1Credential>,
    /// User name and password.
    #[serde(default)]
    pub basic: Option<BasicCredential>,
    /// API token.
    #[serde(default)]
    pub token: Option<TokenCredential>,
    /// JWT.
    #[serde(default)]
    pub jwt: Option<JWTCredential>,
    /// Service account key.
    #[serde(default)]
    pub service_account: Option<ServiceAccountCredential>,
    /// Key pair.
    #[serde(default)]
    #[schemars(extend("x-semantic" = "key-pair"))]
    pub key_pair: Option<KeyPairCredential>,
}

/// The credential kinds, as named on the wire (`auth.<kind>`, `x-credential-type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("AuthModel"))]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum AuthModel {
    Oauth,
    OauthClientCredentials,
    Oauth1,
    Basic,
    Token,
    Jwt,
    ServiceAccount,
    KeyPair,
}

impl AuthModel {
    /// Every kind, in the protocol's order.
    pub const ALL: [Self; 8] = [
        Self::Oauth,
        Self::OauthClientCredentials,
        Self::Oauth1,
        Self::Basic,
        Self::Token,
        Self::Jwt,
        Self::ServiceAccount,
        Self::KeyPair,
    ];

    /// The wire name, e.g. `oauth_client_credentials`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Oauth => "oauth",
            Self::OauthClientCredentials => "oauth_client_credentials",
            Self::Oauth1 => "oauth1",
            Self::Basic => "basic",
            Self::Token => "token",
            Self::Jwt => "jwt",
            Self::ServiceAccount => "service_account",
            Self::KeyPair => "key_pair",
        }
    }
}

impl fmt::Display for AuthModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A credential type a connector can declare with `#[connector(auth = ...)]`.
pub trait Credential: Clone + Send + Sync + JsonSchema + 'static {
    /// Which key of [`AuthCredential`] carries it.
    const KIND: AuthModel;
    /// Borrows this kind out of an `auth` object, if it is there.
    fn from_auth(auth: &AuthCredential) -> Option<&Self>;
}

macro_rules! credential_kind {
    ($($ty:ty => $kind:ident . $field:ident),* $(,)?) => {
        $(impl Credential for $ty {
            const KIND: AuthModel = AuthModel::$kind;
            fn from_auth(auth: &AuthCredential) -> Option<&Self> {
                auth.$field.as_ref()
            }
        })*

        impl AuthCredential {
            /// The kinds present in this object, in the protocol's order.
            pub fn kinds(&self) -> Vec<AuthModel> {
                let mut kinds = Vec::new();
                $(if self.$field.is_some() { kinds.push(AuthModel::$kind); })*
                kinds
            }

            /// Whether the object carries a credential of this kind.
            pub fn has(&self, kind: AuthModel) -> bool {
                match kind {
                    $(AuthModel::$kind => self.$field.is_some(),)*
                }
            }
        }
    };
}

credential_kind!(
    OAuthCredential => Oauth.oauth,
    OAuthClientCredential => OauthClientCredentials.oauth_client_credentials,
    OAuth1Credential => Oauth1.oauth1,
    BasicCredential => Basic.basic,
    TokenCredential => Token.token,
    JWTCredential => Jwt.jwt,
    ServiceAccountCredential => ServiceAccount.service_account,
    KeyPairCredential => KeyPair.key_pair,
);
/// A user name and password, as a credential form.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("BasicAuthentication"))]
#[schemars(extend("x-credential-type" = "basic"))]
pub struct BasicAuthentication {
    /// Login name.
    pub username: String,
    /// The password.
    #[schemars(extend("x-secret" = true, "x-field_type" = "SECRET"))]
    pub password: Secret,
}

/// The part of an OAuth credential a capability uses.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("OAuthAuthentication"))]
#[schemars(extend("x-credential-type" = "oauth"))]
pub struct OAuthAuthentication {
    /// The bearer access token.
    #[schemars(extend("x-secret" = true, "x-hidden" = true, "x-field_type" = "HIDDEN"))]
    pub access_token: Secret,
}

/// The part of a client-credentials credential a capability uses.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("OAuthClientCredentialAuthentication"))]
#[schemars(extend("x-credential-type" = "oauth_client_credentials"))]
pub struct OAuthClientCredentialAuthentication {
    /// The bearer access token.
    #[schemars(extend("x-secret" = true, "x-hidden" = true, "x-field_type" = "HIDDEN"))]
    pub access_token: Secret,
}

/// An API token, as a credential form.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("TokenAuthentication"))]
#[schemars(extend("x-credential-type" = "token"))]
pub struct TokenAuthentication {
    /// The token.
    #[schemars(extend("x-secret" = true, "x-field_type" = "SECRET"))]
    pub token: Secret,
}

/// Payload of `validate_credential_config`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ValidateCredentialConfig"))]
#[schemars(extend("x-capability-level" = "validation"))]
pub struct ValidateCredentialConfig {
    /// The credential to check.
    pub credential: AuthCredential,
}

/// Answer of `validate_credential_config`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ValidatedCredentialConfig"))]
pub struct ValidatedCredentialConfig {
    /// Whether the credential is usable.
    pub valid: bool,
    /// What is wrong with the credential.
    #[serde(default)]
    pub validation_errors: Option<Vec<String>>,
}
