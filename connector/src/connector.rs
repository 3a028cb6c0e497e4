//! The connector itself: its identity, settings, credential and metadata.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use crate::error::ErrorMap;
use crate::models::{AppCategory, AuthCredential, AuthModel, Credential, EntitlementType, ResourceType};
use crate::oauth::OAuthSettings;

/// A connector: implemented by `#[connector(...)]` on a unit struct.
pub trait Connector: Send + Sync + 'static {
    /// The app id, trimmed.
    const APP_ID: &'static str;
    /// Whether the connector declared a settings type.
    const HAS_SETTINGS: bool;
    /// The settings every request carries, checked before the capability runs.
    type Settings: SettingsType;
    /// The credential every request carries ([`NoAuth`] for none).
    type Auth: AuthRequirement;
    /// Everything else `info` says about the connector.
    fn metadata() -> ConnectorMetadata;
}

/// What `#[connector(settings = ...)]` accepts: any type that deserializes
/// and has a JSON schema (implemented for all of them).
#[diagnostic::on_unimplemented(
    message = "the settings type `{Self}` must implement `Deserialize` and `JsonSchema`",
    label = "`{Self}` lacks `#[derive(Deserialize, JsonSchema)]`",
    note = "settings are checked against their schema before every call, and `info` publishes that schema"
)]
pub trait SettingsType: Sized + Send + Sync + 'static {
    /// Parses a request's settings, with the reference's messages.
    #[doc(hidden)]
    fn parse_settings(value: &serde_json::Value) -> Result<Self, String>;
    /// The name the settings are known by (`<app_id> requires <name>`).
    #[doc(hidden)]
    fn settings_name() -> std::borrow::Cow<'static, str>;
    /// The settings' JSON schema, shaped like pydantic's.
    #[doc(hidden)]
    fn settings_schema() -> crate::schema::Object;
}

impl<T: DeserializeOwned + JsonSchema + Send + Sync + 'static> SettingsType for T {
    fn parse_settings(value: &serde_json::Value) -> Result<Self, String> {
        crate::dispatch::parse_settings::<T>(value)
    }
    fn settings_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn settings_schema() -> crate::schema::Object {
        crate::schema::root_schema::<T>()
    }
}

/// Descriptive data of a connector, as `#[connector(...)]` declares it.
#[derive(Debug, Clone, Default)]
pub struct ConnectorMetadata {
    /// The app id, trimmed.
    pub app_id: &'static str,
    /// The connector's version.
    pub version: &'static str,
    /// The app's name for people.
    pub name: &'static str,
    /// What the app is.
    pub description: Option<&'static str>,
    /// URL of the app's logo.
    pub logo_url: Option<&'static str>,
    /// The vendor's domain.
    pub vendor_domain: Option<&'static str>,
    /// Catalogue categories.
    pub categories: Vec<AppCategory>,
    /// Resource types the connector reports.
    pub resource_types: Vec<ResourceType>,
    /// Entitlement types the connector reports.
    pub entitlement_types: Vec<EntitlementType>,
    /// Credentials of a multi-credential connector.
    pub credentials: Vec<CredentialConfig>,
    /// The connector's own error mappings.
    pub error_map: ErrorMap,
    /// The OAuth flow of a connector whose credential is an OAuth token; the
    /// runtime serves the flow's capabilities.
    pub oauth: Option<OAuthSettings>,
}

impl ConnectorMetadata {
    /// The OAuth settings of every OAuth flow the connector declares: the
    /// connector-wide one (id `None`) and those of its credentials.
    pub fn oauth_flows(&self) -> impl Iterator<Item = (Option<&'static str>, &OAuthSettings)> + '_ {
        self.oauth.iter().map(|s| (None, s)).chain(
            self.credentials
                .iter()
                .filter_map(|c| c.oauth.as_ref().map(|s| (Some(c.id), s))),
        )
    }
}

/// One credential a multi-credential connector accepts in `credentials`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialConfig {
    /// The id requests name it by.
    pub id: &'static str,
    /// Its kind.
    pub kind: AuthModel,
    /// Markdown shown to whoever configures it.
    pub description: &'static str,
    /// Whether requests may leave it out.
    pub optional: bool,
    /// The OAuth flow that obtains this credential; requests of the OAuth
    /// capabilities select it with `credential_id`.
    pub oauth: Option<OAuthSettings>,
}

impl CredentialConfig {
    /// A required credential of this id and kind.
    pub const fn new(id: &'static str, kind: AuthModel, description: &'static str) -> Self {
        Self {
            id,
            kind,
            description,
            optional: false,
            oauth: None,
        }
    }

    /// Makes the credential optional.
    pub const fn optional(mut self) -> Self {
        self.optional = true;
        self
    }

    /// The OAuth flow that obtains this credential.
    pub fn with_oauth(mut self, settings: OAuthSettings) -> Self {
        self.oauth = Some(settings);
        self
    }
}

/// Settings of a connector that declares none: any settings are accepted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoSettings;

impl<'de> serde::Deserialize<'de> for NoSettings {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(NoSettings)
    }
}

impl JsonSchema for NoSettings {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "EmptySettings".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"properties": {}, "title": "EmptySettings", "type": "object"})
    }
}

/// The credential of a connector that declares none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoAuth;

/// What `#[connector(auth = ...)]` accepts: a [`Credential`] type or [`NoAuth`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a credential type the protocol knows",
    label = "expected one of the protocol's credential types",
    note = "use one of `OAuthCredential`, `OAuthClientCredential`, `OAuth1Credential`, `BasicCredential`, `TokenCredential`, `JWTCredential`, `ServiceAccountCredential`, `KeyPairCredential`, or leave `auth` out"
)]
pub trait AuthRequirement: Clone + Send + Sync + 'static {
    /// The kind every request must carry, if any.
    const KIND: Option<AuthModel>;
    /// Takes the declared kind out of an `auth` object.
    fn extract(auth: &AuthCredential) -> Option<Self>;
    /// JSON schema of the credential (`None` for [`NoAuth`]).
    fn schema(generator: &mut schemars::SchemaGenerator) -> Option<schemars::Schema>;
}

impl<C: Credential> AuthRequirement for C {
    const KIND: Option<AuthModel> = Some(C::KIND);
    fn extract(auth: &AuthCredential) -> Option<Self> {
        C::from_auth(auth).cloned()
    }
    fn schema(generator: &mut schemars::SchemaGenerator) -> Option<schemars::Schema> {
        Some(generator.root_schema_for::<C>())
    }
}

impl AuthRequirement for NoAuth {
    const KIND: Option<AuthModel> = None;
    fn extract(_: &AuthCredential) -> Option<Self> {
        Some(NoAuth)
    }
    fn schema(_: &mut schemars::SchemaGenerator) -> Option<schemars::Schema> {
        None
    }
}
