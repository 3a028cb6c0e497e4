//! Connectors and capabilities registered with `inventory` by the macros,
//! collected into an [`App`] at start-up.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;

use crate::capability::{CapabilityFn, Kind};
use crate::connector::{Connector, ConnectorMetadata};
use crate::dispatch::{self, Invoke};
use crate::models::ErrorCode;
use crate::schema::{self, CapabilitySchemas, ConnectorSchemas};

/// A connector, submitted by `#[connector]`.
#[doc(hidden)]
pub struct ConnectorEntry {
    pub app_id: &'static str,
    pub metadata: fn() -> ConnectorMetadata,
    pub schemas: fn() -> ConnectorSchemas,
    pub builtins: fn(&ConnectorMetadata) -> Vec<Builtin>,
}

impl ConnectorEntry {
    /// The entry of connector `C`.
    pub const fn of<C: Connector>() -> Self {
        Self {
            app_id: C::APP_ID,
            metadata: C::metadata,
            schemas: schema::connector_schemas::<C>,
            builtins: builtins::<C>,
        }
    }
}

/// How the runtime serves one of its own capabilities.
#[derive(Clone, Copy)]
pub(crate) enum Serve {
    /// A document about the connector itself, built from the [`App`].
    Document(fn(&App, &str) -> String),
    /// A capability run like the author's: envelope JSON in, envelope JSON out.
    Call(Invoke),
}

/// A capability the runtime serves itself (`app_info`, the OAuth flows).
#[doc(hidden)]
#[derive(Clone)]
pub struct Builtin {
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
    pub(crate) serve: Serve,
    pub(crate) schemas: fn() -> CapabilitySchemas,
    /// Where an author who wants to write it themselves turns it off.
    pub(crate) hint: &'static str,
}

/// The capabilities the runtime serves for connector `C`.
fn builtins<C: Connector>(meta: &ConnectorMetadata) -> Vec<Builtin> {
    let mut builtins = vec![Builtin {
        name: APP_INFO,
        kind: Kind::Specification,
        serve: Serve::Document(crate::schema::openapi::app_info),
        schemas: schema::app_info_schemas,
        hint: "",
    }];
    builtins.extend(crate::oauth::builtins::<C>(meta));
    builtins
}

/// One capability as `info` and the OpenAPI document describe it.
pub(crate) struct Described {
    pub name: &'static str,
    pub kind: Kind,
    pub display_name: Option<&'static str>,
    pub description: Option<&'static str>,
    pub schemas: fn() -> CapabilitySchemas,
}

enum Served {
    Author(&'static CapabilityEntry),
    Builtin(Builtin),
}

/// A capability, submitted by `#[capability]`.
#[doc(hidden)]
pub struct CapabilityEntry {
    pub app_id: &'static str,
    pub name: &'static str,
    pub kind: Kind,
    pub display_name: Option<&'static str>,
    pub description: Option<&'static str>,
    pub raised_in: &'static str,
    pub invoke: Invoke,
    pub schemas: fn() -> CapabilitySchemas,
}

impl CapabilityEntry {
    /// The entry of capability function `F`.
    pub const fn of<F: CapabilityFn>() -> Self {
        Self {
            app_id: <F::Connector as Connector>::APP_ID,
            name: F::NAME,
            kind: F::KIND,
            display_name: F::DISPLAY_NAME,
            description: F::DESCRIPTION,
            raised_in: F::RAISED_IN,
            invoke: dispatch::invoke::<F>,
            schemas: schema::capability_schemas::<F>,
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
pub const APP_INFO: &str = "app_info";

/// One connector with its capabilities, ready to serve calls.
pub struct App {
    meta: Arc<ConnectorMetadata>,
    entry: &'static ConnectorEntry,
    capabilities: BTreeMap<&'static str, Served>,
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
        let meta = (entry.metadata)();
        let mut capabilities: BTreeMap<&'static str, Served> = (entry.builtins)(&meta)
            .into_iter()
            .map(|b| (b.name, Served::Builtin(b)))
            .collect();
        for cap in inventory::iter::<CapabilityEntry>().filter(|c| c.app_id == entry.app_id) {
            match capabilities.insert(cap.name, Served::Author(cap)) {
                None => {}
                Some(Served::Builtin(builtin)) => {
                    return Err(RegistryError::ReservedCapability {
                        name: cap.name,
                        place: cap.raised_in,
                        hint: builtin.hint,
                    });
                }
                Some(Served::Author(previous)) => {
                    let mut places = [previous.raised_in, cap.raised_in];
                    places.sort_unstable();
                    return Err(RegistryError::DuplicateCapability {
                        app_id: entry.app_id,
                        name: cap.name,
                        places,
                    });
                }
            }
        }
        Ok(Self {
            meta: Arc::new(meta),
            entry,
            capabilities,
        })
    }

    /// The connector's metadata.
    pub fn metadata(&self) -> &ConnectorMetadata {
        &self.meta
    }

    /// The app id.
    pub fn app_id(&self) -> &'static str {
        self.entry.app_id
    }

    /// Names of every capability served, sorted (the runtime's own included).
    pub fn capability_names(&self) -> Vec<&'static str> {
        self.capabilities.keys().copied().collect()
    }

    /// Whether the capability is served.
    pub fn has_capability(&self, name: &str) -> bool {
        self.capabilities.contains_key(name)
    }

    /// Every capability served, sorted by name, as the documents describe them.
    pub(crate) fn described(&self) -> impl Iterator<Item = Described> + '_ {
        self.capabilities.values().map(|served| match served {
            Served::Author(e) => Described {
                name: e.name,
                kind: e.kind,
                display_name: e.display_name,
                description: e.description,
                schemas: e.schemas,
            },
            Served::Builtin(b) => Described {
                name: b.name,
                kind: b.kind,
                display_name: None,
                description: None,
                schemas: b.schemas,
            },
        })
    }

    pub(crate) fn connector_schemas(&self) -> ConnectorSchemas {
        (self.entry.schemas)()
    }

    /// Serves one call: the request envelope's JSON text in, the response or
    /// error envelope's JSON text out. Never fails and never panics.
    pub async fn dispatch(&self, capability: &str, body: impl Into<String>) -> String {
        let body = body.into();
        match self.capabilities.get(capability) {
            Some(Served::Author(entry)) => (entry.invoke)(Arc::clone(&self.meta), body).await,
            Some(Served::Builtin(Builtin {
                serve: Serve::Call(invoke),
                ..
            })) => invoke(Arc::clone(&self.meta), body).await,
            Some(Served::Builtin(Builtin {
                serve: Serve::Document(document),
                ..
            })) => document(self, &body),
            None => dispatch::error_envelope(dispatch::framework_error(
                self.app_id(),
                ErrorCode::NotImplemented,
                format!("Capability '{capability}' is not implemented."),
            )),
        }
    }
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
