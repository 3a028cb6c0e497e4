//! Connectors and capabilities registered with `inventory` by the macros,
//! collected into an [`App`] at start-up.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use crate::builtins;
use crate::capability::{CapabilityFn, described};
use crate::connector::{self, Builtin, Catalog, Connector, ConnectorMetadata, Described};
use crate::dispatch::{self, Answer, Invoke};
use crate::models::ErrorCode;
use crate::schema::ConnectorSchemas;

/// A connector, submitted by `#[connector]`.
#[doc(hidden)]
pub struct ConnectorEntry {
    pub app_id: &'static str,
    pub metadata: fn() -> ConnectorMetadata,
    pub schemas: fn() -> ConnectorSchemas,
    pub builtins: fn(&ConnectorMetadata) -> Vec<builtins::Served>,
}

impl ConnectorEntry {
    /// The entry of connector `C`.
    pub const fn of<C: Connector>() -> Self {
        Self {
            app_id: C::APP_ID,
            metadata: C::metadata,
            schemas: connector::schemas::<C>,
            builtins: builtins::served::<C>,
        }
    }
}

/// A capability, submitted by `#[capability]`.
#[doc(hidden)]
pub struct CapabilityEntry {
    pub app_id: &'static str,
    pub raised_in: &'static str,
    pub described: fn() -> Described,
    pub invoke: Invoke,
}

impl CapabilityEntry {
    /// The entry of capability function `F`.
    pub const fn of<F: CapabilityFn>() -> Self {
        Self {
            app_id: <F::Connector as Connector>::APP_ID,
            raised_in: F::RAISED_IN,
            described: described::<F>,
            invoke: dispatch::invoke::<F>,
        }
    }
}

inventory::collect!(ConnectorEntry);
inventory::collect!(CapabilityEntry);

/// Why the registered connectors cannot be served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryError {
    /// No `#[connector]` in the binary.
    NoConnector,
    /// Several connectors and none chosen.
    SeveralConnectors(Vec<&'static str>),
    /// The chosen app id is not registered.
    UnknownConnector(String),
    /// Two `#[connector]`s with one app id.
    DuplicateConnector(&'static str),
    /// One capability registered twice for one connector.
    DuplicateCapability {
        /// The connector.
        app_id: &'static str,
        /// The capability.
        name: &'static str,
        /// Where the two registrations are.
        places: [&'static str; 2],
    },
    /// A capability that the runtime provides itself.
    ReservedCapability {
        /// The capability.
        name: &'static str,
        /// Where it was registered.
        place: &'static str,
        /// How to turn the runtime's one off, when that is possible.
        hint: &'static str,
    },
}

impl fmt::Display for RegistryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoConnector => f.write_str("no connector is registered in this binary: annotate a struct with #[connector(app_id = \"...\")]"),
            Self::SeveralConnectors(ids) => write!(f, "this binary holds several connectors ({}); choose one", ids.join(", ")),
            Self::UnknownConnector(id) => write!(f, "no connector with app id `{id}` is registered in this binary"),
            Self::DuplicateConnector(id) => write!(f, "two connectors are registered with app id `{id}`"),
            Self::DuplicateCapability { app_id, name, places } => write!(
                f,
                "capability `{name}` of connector `{app_id}` is registered twice: by {} and by {}; keep one of the two `#[capability({name})]` functions",
                places[0], places[1]
            ),
            Self::ReservedCapability { name, place, hint } => {
                write!(
                    f,
                    "capability `{name}` (registered by {place}) is provided by the framework and cannot be registered"
                )?;
                if !hint.is_empty() {
                    write!(f, "; {hint}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for RegistryError {}

/// The name of the capability that describes the connector, served by the runtime.
pub const APP_INFO: &str = Builtin::AppInfo.name();

/// One connector with its capabilities, ready to serve calls.
pub struct App {
    catalog: Arc<Catalog>,
    invokers: BTreeMap<&'static str, Invoke>,
}

impl App {
    /// The one connector of this binary.
    pub fn load() -> Result<Self, RegistryError> {
        let connectors = connector_entries()?;
        match connectors.as_slice() {
            [] => Err(RegistryError::NoConnector),
            [one] => Self::from_entry(one),
            many => Err(RegistryError::SeveralConnectors(
                many.iter().map(|c| c.app_id).collect(),
            )),
        }
    }

    /// The connector with this app id.
    pub fn load_app(app_id: &str) -> Result<Self, RegistryError> {
        let entry = connector_entries()?
            .into_iter()
            .find(|c| c.app_id == app_id)
            .ok_or_else(|| RegistryError::UnknownConnector(app_id.to_owned()))?;
        Self::from_entry(entry)
    }

    /// Every connector of this binary, by app id.
    pub fn load_all() -> Result<Vec<Self>, RegistryError> {
        connector_entries()?.into_iter().map(Self::from_entry).collect()
    }

    fn from_entry(entry: &'static ConnectorEntry) -> Result<Self, RegistryError> {
        let authored = inventory::iter::<CapabilityEntry>().filter(|c| c.app_id == entry.app_id);
        Self::assemble(entry, authored)
    }

    /// The connector of `entry` with the runtime's capabilities and these of
    /// the author's, refusing a name registered twice.
    fn assemble<'a>(
        entry: &ConnectorEntry,
        authored: impl IntoIterator<Item = &'a CapabilityEntry>,
    ) -> Result<Self, RegistryError> {
        let meta = (entry.metadata)();
        let mut served: BTreeMap<&'static str, (Described, Invoke, Origin)> = BTreeMap::new();
        for builtin in (entry.builtins)(&meta) {
            let name = builtin.described.name;
            served.insert(
                name,
                (
                    builtin.described,
                    builtin.invoke,
                    Origin::Runtime(builtin.builtin),
                ),
            );
        }
        for cap in authored {
            let described = (cap.described)();
            let name = described.name;
            match served.insert(name, (described, cap.invoke, Origin::Author(cap.raised_in))) {
                None => {}
                Some((_, _, Origin::Runtime(builtin))) => {
                    return Err(RegistryError::ReservedCapability {
                        name,
                        place: cap.raised_in,
                        hint: builtin.hint(),
                    });
                }
                Some((_, _, Origin::Author(previous))) => {
                    let mut places = [previous, cap.raised_in];
                    places.sort_unstable();
                    return Err(RegistryError::DuplicateCapability {
                        app_id: entry.app_id,
                        name,
                        places,
                    });
                }
            }
        }
        let invokers = served
            .iter()
            .map(|(name, (_, invoke, _))| (*name, *invoke))
            .collect();
        let described = served.into_values().map(|(d, _, _)| d).collect();
        Ok(Self {
            catalog: Catalog::new(meta, entry.schemas, described),
            invokers,
        })
    }

    /// The connector's metadata.
    pub fn metadata(&self) -> &ConnectorMetadata {
        self.catalog.metadata()
    }

    /// The connector and every capability it serves.
    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.catalog
    }

    /// The app id.
    pub fn app_id(&self) -> &'static str {
        self.metadata().app_id
    }

    /// Names of every capability served, sorted (the runtime's own included).
    pub fn capability_names(&self) -> Vec<&'static str> {
        self.invokers.keys().copied().collect()
    }

    /// Whether the capability is served.
    pub fn has_capability(&self, name: &str) -> bool {
        self.invokers.contains_key(name)
    }

    /// Serves one call: the request envelope's JSON text in, the response or
    /// error envelope's JSON text out. Never fails and never panics.
    pub async fn dispatch(&self, capability: &str, body: impl Into<String>) -> String {
        self.answer(capability, body).await.json
    }

    /// [`App::dispatch`], with the error code of an error envelope beside it.
    pub async fn answer(&self, capability: &str, body: impl Into<String>) -> Answer {
        match self.invokers.get(capability) {
            Some(invoke) => invoke(Arc::clone(&self.catalog), body.into()).await,
            None => {
                crate::metrics::Probe::not_implemented(self.app_id(), capability);
                Answer::error(dispatch::framework_error(
                    self.app_id(),
                    ErrorCode::NotImplemented,
                    format!("Capability '{capability}' is not implemented."),
                ))
            }
        }
    }
}

/// Who serves a capability.
enum Origin {
    Runtime(Builtin),
    /// The author's function, at this place.
    Author(&'static str),
}

impl fmt::Debug for App {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("App")
            .field("app_id", &self.app_id())
            .field("capabilities", &self.capability_names())
            .finish()
    }
}

fn connector_entries() -> Result<Vec<&'static ConnectorEntry>, RegistryError> {
    let mut entries: Vec<&'static ConnectorEntry> = inventory::iter::<ConnectorEntry>().collect();
    entries.sort_by_key(|e| e.app_id);
    if let Some(pair) = entries.windows(2).find(|w| w[0].app_id == w[1].app_id) {
        return Err(RegistryError::DuplicateConnector(pair[0].app_id));
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::connector::{Builtins, CredentialConfig, Kind, NoAuth, NoSettings};
    use crate::models::AuthModel;
    use crate::schema::CapabilitySchemas;

    /// A connector without settings or credential, with this metadata.
    macro_rules! connector {
        ($ty:ident, $id:literal, $($field:ident: $value:expr),*) => {
            struct $ty;
            impl Connector for $ty {
                const APP_ID: &'static str = $id;
                const HAS_SETTINGS: bool = false;
                type Settings = NoSettings;
                type Auth = NoAuth;
                fn metadata() -> ConnectorMetadata {
                    ConnectorMetadata {
                        app_id: $id,
                        $($field: $value,)*
                        ..ConnectorMetadata::default()
                    }
                }
            }
        };
    }

    connector!(Plain, "plain",);
    connector!(WithCredentials, "creds", credentials: vec![CredentialConfig::new(
        "api",
        AuthModel::Token,
        "The API token."
    )]);
    connector!(WithoutBuiltins, "bare", builtins: Builtins::all()
        .without(Builtin::AppInfo)
        .without(Builtin::ValidateCredentialConfig));

    fn described(name: &'static str) -> Described {
        Described {
            name,
            kind: Kind::Custom,
            display_name: None,
            description: None,
            schemas: || CapabilitySchemas {
                argument: Default::default(),
                output: Default::default(),
            },
        }
    }

    fn answer(_: Arc<Catalog>, _: String) -> futures_util::future::BoxFuture<'static, Answer> {
        Box::pin(async {
            Answer {
                json: String::from("{}"),
                error_code: None,
            }
        })
    }

    fn entry(app_id: &'static str, raised_in: &'static str, described: fn() -> Described) -> CapabilityEntry {
        CapabilityEntry {
            app_id,
            raised_in,
            described,
            invoke: answer,
        }
    }

    fn names(app: &App) -> Vec<&'static str> {
        app.capability_names()
    }

    #[test]
    fn the_runtime_serves_app_info_and_validate_credential_config_with_credentials() {
        let plain = App::assemble(&ConnectorEntry::of::<Plain>(), []).unwrap();
        assert_eq!(names(&plain), ["app_info"]);
        let creds = App::assemble(&ConnectorEntry::of::<WithCredentials>(), []).unwrap();
        assert_eq!(names(&creds), ["app_info", "validate_credential_config"]);
    }

    #[test]
    fn a_capability_registered_twice_names_both_places() {
        let one = entry("plain", "acme:validate_one", || described("validate_credentials"));
        let two = entry("plain", "acme::more:validate_two", || {
            described("validate_credentials")
        });
        let error = App::assemble(&ConnectorEntry::of::<Plain>(), [&one, &two]).unwrap_err();
        assert_eq!(
            error,
            RegistryError::DuplicateCapability {
                app_id: "plain",
                name: "validate_credentials",
                places: ["acme::more:validate_two", "acme:validate_one"],
            }
        );
        assert_eq!(
            error.to_string(),
            "capability `validate_credentials` of connector `plain` is registered twice: by acme::more:validate_two and by acme:validate_one; keep one of the two `#[capability(validate_credentials)]` functions"
        );
    }

    #[test]
    fn a_builtin_name_is_reserved_until_the_builtin_is_turned_off() {
        let own = entry("creds", "acme:own_config_check", || {
            described("validate_credential_config")
        });
        let error = App::assemble(&ConnectorEntry::of::<WithCredentials>(), [&own]).unwrap_err();
        assert_eq!(
            error,
            RegistryError::ReservedCapability {
                name: "validate_credential_config",
                place: "acme:own_config_check",
                hint: Builtin::ValidateCredentialConfig.hint(),
            }
        );
        assert!(
            error
                .to_string()
                .contains("Builtins::all().without(Builtin::...)"),
            "{error}"
        );

        let own_info = entry("bare", "acme:own_info", || described("app_info"));
        let bare = App::assemble(&ConnectorEntry::of::<WithoutBuiltins>(), [&own_info]).unwrap();
        assert_eq!(names(&bare), ["app_info"]);
        let kind = bare.catalog().capabilities()[0].kind;
        assert_eq!(
            kind,
            Kind::Custom,
            "the author's app_info serves, not the runtime's"
        );
    }
}
