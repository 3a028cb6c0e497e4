//! The connector itself: its identity, settings, credential and metadata,
//! and the catalog of what it serves.

mod catalog;
pub(crate) mod credentials;
pub(crate) mod settings;

pub use catalog::{Builtin, Builtins, Catalog, Described, Kind, Level};
pub use credentials::{AuthRequirement, CredentialCheck, CredentialConfig, NoAuth};
pub use settings::{NoSettings, SettingsType};

use crate::error::ErrorMap;
use crate::models::{
    AccessGraphEntitlementRule, AccessGraphEntitlementType, AppCategory, EntitlementType, ImpliedAccessRule,
    ResourceType,
};
use crate::oauth::OAuthSettings;
use crate::schema::{ConnectorSchemas, generator, pydantic_shape, with_field_order};

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
    /// Entitlement types of the access graph.
    pub access_graph_entitlement_types: Vec<AccessGraphEntitlementType>,
    /// Entitlements that exist for every resource of a type, so the graph
    /// may leave them out.
    pub access_graph_entitlement_rules: Vec<AccessGraphEntitlementRule>,
    /// How access propagates along the relations between resources.
    pub implied_access_rules: Vec<ImpliedAccessRule>,
    /// Credentials of a multi-credential connector.
    pub credentials: Vec<CredentialConfig>,
    /// The connector's own error mappings.
    pub error_map: ErrorMap,
    /// The OAuth flow of a connector whose credential is an OAuth token; the
    /// runtime serves the flow's capabilities.
    pub oauth: Option<OAuthSettings>,
    /// Which of the runtime's own capabilities the connector keeps.
    pub builtins: Builtins,
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

/// The schemas of connector `C`'s settings and credential, as `info` gives them.
pub fn schemas<C: Connector>() -> ConnectorSchemas {
    let settings = with_field_order(<C::Settings as SettingsType>::settings_schema());
    let auth = <C::Auth as AuthRequirement>::schema(&mut generator())
        .map(|schema| {
            let mut value = serde_json::Value::from(schema);
            pydantic_shape(&mut value);
            let mut object = crate::schema::into_object(crate::schema::pydantic_sorted(value));
            object.shift_remove("$schema");
            with_field_order(object)
        })
        .unwrap_or_default();
    ConnectorSchemas { settings, auth }
}
