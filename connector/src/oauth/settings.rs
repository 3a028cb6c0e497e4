//! How a connector declares its OAuth flow.

use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{Error, Result};

type Compute = Arc<dyn Fn(&Value) -> Result<String> + Send + Sync>;

/// An OAuth endpoint URL: fixed, or computed from the request's settings
/// (for apps that give every tenant its own host).
#[derive(Clone)]
pub enum Endpoint {
    /// The same URL for every request.
    Fixed(String),
    /// A URL computed from the request's `settings` object.
    Computed(Compute),
}

impl Endpoint {
    /// A URL computed from the settings parsed as `S` (usually the connector's
    /// settings type).
    ///
    /// ```
    /// use connector::oauth::Endpoint;
    ///
    /// #[derive(serde::Deserialize)]
    /// struct Settings { subdomain: String }
    ///
    /// let url = Endpoint::from_settings(|s: &Settings| format!("https://{}.example.com/oauth/token", s.subdomain));
    /// let resolved = url.resolve(&serde_json::json!({"subdomain": "acme"})).unwrap();
    /// assert_eq!(resolved, "https://acme.example.com/oauth/token");
    /// ```
    pub fn from_settings<S, F>(compute: F) -> Self
    where
        S: DeserializeOwned,
        F: Fn(&S) -> String + Send + Sync + 'static,
    {
        Self::Computed(Arc::new(move |raw: &Value| {
            let settings = crate::error::input::from_value::<S>(raw).map_err(|reason| {
                Error::bad_request(format!(
                    "The OAuth URL could not be computed from the settings: {reason}"
                ))
            })?;
            Ok(compute(&settings))
        }))
    }

    /// A URL computed from the raw `settings` JSON object; `None` when the
    /// settings do not give one.
    pub fn from_raw_settings<F>(compute: F) -> Self
    where
        F: Fn(&Value) -> Option<String> + Send + Sync + 'static,
    {
        Self::Computed(Arc::new(move |raw: &Value| {
            compute(raw).ok_or_else(|| Error::bad_request(MISSING_URL))
        }))
    }

    /// The URL for a request with these settings (`null` when it had none).
    pub fn resolve(&self, settings: &Value) -> Result<String> {
        let url = match self {
            Self::Fixed(url) => url.clone(),
            Self::Computed(compute) => compute(settings)?,
        };
        if url.trim().is_empty() {
            return Err(Error::bad_request(MISSING_URL));
        }
        Ok(url)
    }
}

/// The message of a flow that needs a URL the settings do not give.
pub const MISSING_URL: &str = "Required URL was not provided for the OAuth flow.";

impl From<&str> for Endpoint {
    fn from(url: &str) -> Self {
        Self::Fixed(url.to_owned())
    }
}

impl From<String> for Endpoint {
    fn from(url: String) -> Self {
        Self::Fixed(url)
    }
}

impl fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Fixed(url) => f.debug_tuple("Fixed").field(url).finish(),
            Self::Computed(_) => f.write_str("Computed(..)"),
        }
    }
}

impl PartialEq for Endpoint {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Fixed(a), Self::Fixed(b)) => a == b,
            (Self::Computed(a), Self::Computed(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Endpoint {}

/// Which OAuth grant the connector's app uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum FlowType {
    /// The authorization-code grant: a person consents in the browser.
    #[default]
    AuthorizationCode,
    /// The client-credentials grant: the client authenticates as itself.
    ClientCredentials,
}

impl FlowType {
    /// The wire spelling (`oauth_type`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::AuthorizationCode => "CODE_FLOW",
            Self::ClientCredentials => "CLIENT_CREDENTIALS",
        }
    }
}

/// How the client authenticates at the token endpoint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum ClientAuth {
    /// `client_id` and `client_secret` in the request's parameters.
    #[default]
    ClientSecretPost,
    /// `Authorization: Basic` with the client id and secret.
    ClientSecretBasic,
}

/// The HTTP method of token requests.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum RequestMethod {
    /// `POST` (the standard).
    #[default]
    Post,
    /// `GET`.
    Get,
}

/// Where the parameters of token requests go.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum RequestBody {
    /// An `application/x-www-form-urlencoded` body (the standard).
    #[default]
    Form,
    /// A JSON object body.
    Json,
    /// The URL's query string, with no body.
    Query,
}

/// The OAuth capabilities the runtime serves for a connector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OAuthCapability {
    /// `get_authorization_url` (authorization-code flow).
    GetAuthorizationUrl,
    /// `handle_authorization_callback` (authorization-code flow).
    HandleAuthorizationCallback,
    /// `handle_client_credentials_request` (client-credentials flow).
    HandleClientCredentialsRequest,
    /// `refresh_access_token` (both flows).
    RefreshAccessToken,
}

impl OAuthCapability {
    /// Every OAuth capability.
    pub const ALL: [Self; 4] = [
        Self::GetAuthorizationUrl,
        Self::HandleAuthorizationCallback,
        Self::HandleClientCredentialsRequest,
        Self::RefreshAccessToken,
    ];

    /// The capability's name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::GetAuthorizationUrl => "get_authorization_url",
            Self::HandleAuthorizationCallback => "handle_authorization_callback",
            Self::HandleClientCredentialsRequest => "handle_client_credentials_request",
            Self::RefreshAccessToken => "refresh_access_token",
        }
    }

    /// The capabilities a flow has.
    pub fn of_flow(flow: FlowType) -> &'static [Self] {
        match flow {
            FlowType::AuthorizationCode => &[
                Self::GetAuthorizationUrl,
                Self::HandleAuthorizationCallback,
                Self::RefreshAccessToken,
            ],
            FlowType::ClientCredentials => &[Self::HandleClientCredentialsRequest, Self::RefreshAccessToken],
        }
    }
}

/// A connector's OAuth configuration: where the endpoints are, which scopes
/// each capability needs, and how the token endpoint wants to be spoken to.
///
/// Declared with `#[connector(oauth = ...)]` (or per credential with
/// [`crate::CredentialConfig::with_oauth`]), it gives the connector the OAuth
/// capabilities of its flow without any code: `get_authorization_url`,
/// `handle_authorization_callback` and `refresh_access_token` for the
/// authorization-code flow, `handle_client_credentials_request` and
/// `refresh_access_token` for client credentials.
///
/// ```
/// use connector::oauth::{ClientAuth, Endpoint, OAuthCapability, OAuthSettings};
/// use connector::prelude::*;
///
/// #[derive(Deserialize, JsonSchema)]
/// struct Settings { subdomain: String }
///
/// fn oauth() -> OAuthSettings {
///     OAuthSettings::authorization_code()
///         .authorization_url(Endpoint::from_settings(|s: &Settings| {
///             format!("https://{}.acme.example/oauth/authorize", s.subdomain)
///         }))
///         .token_url("https://login.acme.example/oauth/token")
///         .scope("validate_credentials", "users:read")
///         .scope("list_accounts", "users:read directory:read")
///         .client_auth(ClientAuth::ClientSecretBasic)
///         .pkce(true)
///         // This connector refreshes tokens with its own #[capability(refresh_access_token)].
///         .without(OAuthCapability::RefreshAccessToken)
/// }
///
/// #[connector(app_id = "acme", auth = models::OAuthCredential, settings = Settings, oauth = oauth())]
/// struct Acme;
/// # fn main() {}
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthSettings {
    pub(crate) flow: FlowType,
    pub(crate) authorization_url: Option<Endpoint>,
    pub(crate) token_url: Option<Endpoint>,
    pub(crate) scopes: Vec<(String, String)>,
    pub(crate) client_auth: ClientAuth,
    pub(crate) method: RequestMethod,
    pub(crate) body: RequestBody,
    pub(crate) pkce: bool,
    pub(crate) disabled: Vec<OAuthCapability>,
}

#[cfg(feature = "oauth")]
impl Default for OAuthSettings {
    fn default() -> Self {
        Self::authorization_code()
    }
}

impl OAuthSettings {
    /// The authorization-code flow, with no URLs or scopes yet.
    ///
    /// Needs the `oauth` feature (on by default), which serves the flow.
    #[cfg(feature = "oauth")]
    pub fn authorization_code() -> Self {
        Self {
            flow: FlowType::AuthorizationCode,
            authorization_url: None,
            token_url: None,
            scopes: Vec::new(),
            client_auth: ClientAuth::default(),
            method: RequestMethod::default(),
            body: RequestBody::default(),
            pkce: false,
            disabled: Vec::new(),
        }
    }

    /// The client-credentials flow, with no URLs or scopes yet.
    ///
    /// Needs the `oauth` feature (on by default), which serves the flow.
    #[cfg(feature = "oauth")]
    pub fn client_credentials() -> Self {
        Self {
            flow: FlowType::ClientCredentials,
            ..Self::authorization_code()
        }
    }

    /// Where people are sent to consent (authorization-code flow).
    pub fn authorization_url(mut self, url: impl Into<Endpoint>) -> Self {
        self.authorization_url = Some(url.into());
        self
    }

    /// Where codes, refresh tokens and client credentials are exchanged for tokens.
    pub fn token_url(mut self, url: impl Into<Endpoint>) -> Self {
        self.token_url = Some(url.into());
        self
    }

    /// The scopes (space-separated) a capability needs. Requests that name no
    /// scopes ask for those of every capability, in the order declared here.
    pub fn scope(mut self, capability: impl Into<String>, scopes: impl Into<String>) -> Self {
        let capability = capability.into();
        let scopes = scopes.into();
        match self.scopes.iter_mut().find(|(c, _)| *c == capability) {
            Some(entry) => entry.1 = scopes,
            None => self.scopes.push((capability, scopes)),
        }
        self
    }

    /// How the client authenticates at the token endpoint.
    pub fn client_auth(mut self, client_auth: ClientAuth) -> Self {
        self.client_auth = client_auth;
        self
    }

    /// The HTTP method and the place of the parameters of token requests.
    pub fn request_type(mut self, method: RequestMethod, body: RequestBody) -> Self {
        self.method = method;
        self.body = body;
        self
    }

    /// Whether the authorization-code flow uses PKCE (S256).
    pub fn pkce(mut self, enabled: bool) -> Self {
        self.pkce = enabled;
        self
    }

    /// Leaves one capability to the connector, which then writes it with
    /// `#[capability(...)]` itself.
    pub fn without(mut self, capability: OAuthCapability) -> Self {
        if !self.disabled.contains(&capability) {
            self.disabled.push(capability);
        }
        self
    }

    /// The grant.
    pub fn flow(&self) -> FlowType {
        self.flow
    }

    /// Whether PKCE is on.
    pub fn pkce_enabled(&self) -> bool {
        self.pkce
    }

    /// The scopes per capability, in declaration order.
    pub fn scopes(&self) -> &[(String, String)] {
        &self.scopes
    }

    /// The capabilities the runtime serves for these settings.
    pub fn capabilities(&self) -> impl Iterator<Item = OAuthCapability> + '_ {
        OAuthCapability::of_flow(self.flow)
            .iter()
            .copied()
            .filter(|c| !self.disabled.contains(c))
    }

    /// Whether the flow has this capability (enabled or not).
    pub fn flow_has(&self, capability: OAuthCapability) -> bool {
        OAuthCapability::of_flow(self.flow).contains(&capability)
    }

    /// Whether the flow has the capability and it was not turned off.
    pub fn serves(&self, capability: OAuthCapability) -> bool {
        self.flow_has(capability) && !self.disabled.contains(&capability)
    }

    /// The configured scopes as one string: every scope once, in order of
    /// first appearance.
    pub fn default_scope(&self) -> String {
        let mut seen: Vec<&str> = Vec::new();
        for scope in self.scopes.iter().flat_map(|(_, s)| s.split_whitespace()) {
            if !seen.contains(&scope) {
                seen.push(scope);
            }
        }
        seen.join(" ")
    }

    /// `{capability: scopes}` for `info`'s `oauth_scopes`.
    pub fn scopes_by_capability(&self) -> serde_json::Map<String, Value> {
        self.scopes
            .iter()
            .map(|(c, s)| (c.clone(), Value::String(s.clone())))
            .collect()
    }

    /// The `x-oauth-settings` object of the OpenAPI document, with URLs
    /// computed from `settings` where they depend on them (`""` when they cannot be).
    pub fn describe(&self, settings: &Value) -> Value {
        let url = |endpoint: &Option<Endpoint>| {
            endpoint
                .as_ref()
                .and_then(|e| e.resolve(settings).ok())
                .unwrap_or_default()
        };
        let capabilities: serde_json::Map<String, Value> = OAuthCapability::of_flow(self.flow)
            .iter()
            .map(|c| (c.name().to_owned(), Value::Bool(self.serves(*c))))
            .collect();
        let scopes: serde_json::Map<String, Value> = self
            .scopes
            .iter()
            .map(|(c, s)| (s.clone(), Value::String(format!("Required for {c}"))))
            .collect();
        serde_json::json!({
            "oauth_type": self.flow.as_str(),
            "token_url": url(&self.token_url),
            "authorization_url": url(&self.authorization_url),
            "capabilities": capabilities,
            "scopes": scopes,
            "pkce_enabled": self.pkce,
        })
    }

    #[cfg(feature = "oauth")]
    pub(crate) fn resolve_token_url(&self, settings: &Value) -> Result<String> {
        self.token_url
            .as_ref()
            .ok_or_else(|| Error::bad_request(MISSING_URL))?
            .resolve(settings)
    }

    #[cfg(feature = "oauth")]
    pub(crate) fn resolve_authorization_url(&self, settings: &Value) -> Result<String> {
        self.authorization_url
            .as_ref()
            .ok_or_else(|| Error::bad_request(MISSING_URL))?
            .resolve(settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_scope_keeps_first_appearance_order() {
        let s = OAuthSettings::authorization_code()
            .scope("list_accounts", "users:read  groups:read")
            .scope("validate_credentials", "users:read")
            .scope("assign_entitlement", "groups:write users:read");
        assert_eq!(s.default_scope(), "users:read groups:read groups:write");
        assert_eq!(OAuthSettings::authorization_code().default_scope(), "");
    }

    #[test]
    fn capabilities_follow_the_flow_and_the_switches() {
        let code = OAuthSettings::authorization_code().without(OAuthCapability::RefreshAccessToken);
        let names: Vec<_> = code.capabilities().map(OAuthCapability::name).collect();
        assert_eq!(names, ["get_authorization_url", "handle_authorization_callback"]);
        let cc = OAuthSettings::client_credentials();
        let names: Vec<_> = cc.capabilities().map(OAuthCapability::name).collect();
        assert_eq!(
            names,
            ["handle_client_credentials_request", "refresh_access_token"]
        );
    }

    #[test]
    fn urls_resolve_from_settings_or_fail_clearly() {
        #[derive(serde::Deserialize)]
        struct S {
            sub: String,
        }
        let typed = Endpoint::from_settings(|s: &S| format!("https://{}.example/authorize", s.sub));
        assert_eq!(
            typed.resolve(&serde_json::json!({"sub": "t1"})).unwrap(),
            "https://t1.example/authorize"
        );
        let err = typed.resolve(&serde_json::json!({})).unwrap_err();
        assert!(err.to_string().contains("missing field `sub`"), "{err}");
        let raw = Endpoint::from_raw_settings(|v| {
            v.get("host")
                .and_then(Value::as_str)
                .map(|h| format!("https://{h}/t"))
        });
        assert_eq!(
            raw.resolve(&serde_json::json!({"host": "h"})).unwrap(),
            "https://h/t"
        );
        assert_eq!(raw.resolve(&Value::Null).unwrap_err().to_string(), MISSING_URL);
        assert_eq!(
            Endpoint::from("").resolve(&Value::Null).unwrap_err().to_string(),
            MISSING_URL
        );
        let none = OAuthSettings::client_credentials();
        assert_eq!(
            none.resolve_token_url(&Value::Null).unwrap_err().to_string(),
            MISSING_URL
        );
    }

    #[test]
    fn describe_lists_scopes_and_switches() {
        let s = OAuthSettings::authorization_code()
            .authorization_url("https://a/authorize")
            .token_url(Endpoint::from_raw_settings(|_| None))
            .scope("list_accounts", "users:read")
            .pkce(true)
            .without(OAuthCapability::RefreshAccessToken);
        assert_eq!(
            s.describe(&Value::Null),
            serde_json::json!({
                "oauth_type": "CODE_FLOW",
                "token_url": "",
                "authorization_url": "https://a/authorize",
                "capabilities": {
                    "get_authorization_url": true,
                    "handle_authorization_callback": true,
                    "refresh_access_token": false,
                },
                "scopes": {"users:read": "Required for list_accounts"},
                "pkce_enabled": true,
            })
        );
    }
}
