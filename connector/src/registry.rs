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
}

impl ConnectorEntry {
    /// The entry of connector `C`.
    pub const fn of<C: Connector>() -> Self {
        Self {
            app_id: C::APP_ID,
            metadata: C::metadata,
            schemas: schema::connector_schemas::<C>,
        }
    }
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
            Self::ReservedCapability { name, place } => write!(
                f,
                "capability `{name}` (registered by {place}) is provided by the framework and cannot be registered"
            ),
        }
    }
}

impl std::error::Error for RegistryError {}

/// The name of the capability the runtime serves itself.
pub const APP_INFO: &str = "app_info";

/// One connector with its capabilities, ready to serve calls.
pub struct App {
    meta: Arc<ConnectorMetadata>,
    entry: &'static ConnectorEntry,
    capabilities: BTreeMap<&'static str, &'static CapabilityEntry>,
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
        let mut capabilities: BTreeMap<&'static str, &'static CapabilityEntry> = BTreeMap::new();
        for cap in inventory::iter::<CapabilityEntry>().filter(|c| c.app_id == entry.app_id) {
            if cap.name == APP_INFO {
                return Err(RegistryError::ReservedCapability {
                    name: cap.name,
                    place: cap.raised_in,
                });
            }
            if let Some(previous) = capabilities.insert(cap.name, cap) {
                let mut places = [previous.raised_in, cap.raised_in];
                places.sort_unstable();
                return Err(RegistryError::DuplicateCapability {
                    app_id: entry.app_id,
                    name: cap.name,
                    places,
                });
            }
        }
        Ok(Self {
            meta: Arc::new((entry.metadata)()),
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

    /// Names of every capability served, sorted (`app_info` included).
    pub fn capability_names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.capabilities.keys().copied().collect();
        names.push(APP_INFO);
        names.sort_unstable();
        names
    }

    /// Whether the capability is served.
    pub fn has_capability(&self, name: &str) -> bool {
        name == APP_INFO || self.capabilities.contains_key(name)
    }

    pub(crate) fn entries(&self) -> impl Iterator<Item = &'static CapabilityEntry> + '_ {
        self.capabilities.values().copied()
    }

    pub(crate) fn connector_schemas(&self) -> ConnectorSchemas {
        (self.entry.schemas)()
    }

    /// Serves one call: the request envelope's JSON text in, the response or
    /// error envelope's JSON text out. Never fails and never panics.
    pub async fn dispatch(&self, capability: &str, body: impl Into<String>) -> String {
        let body = body.into();
        if capability == APP_INFO {
            return crate::schema::openapi::app_info(self, &body);
        }
        match self.capabilities.get(capability) {
            Some(entry) => (entry.invoke)(Arc::clone(&self.meta), body).await,
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
