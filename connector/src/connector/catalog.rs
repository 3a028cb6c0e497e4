//! What a connector serves: each capability's name, kind and schemas, as the
//! `info` and OpenAPI documents describe it.

use std::sync::Arc;

use super::ConnectorMetadata;
use crate::oauth::OAuthCapability;
use crate::schema::{CapabilitySchemas, ConnectorSchemas};

/// The `x-capability-level` of a standard capability.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Reads from the app.
    Read,
    /// Changes the app.
    Write,
    /// Validates configuration.
    Validation,
}

impl Level {
    /// The wire spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
            Self::Validation => "validation",
        }
    }
}

/// Which envelope and checks a capability gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One of the protocol's capabilities, with its level if it has one.
    Standard(Option<Level>),
    /// One of the OAuth capabilities: no `auth` is checked.
    Authorization,
    /// Describes the connector (`app_info`): neither `auth` nor settings are checked.
    Specification,
    /// The connector's own capability: answers with the custom envelope.
    Custom,
}

impl Kind {
    /// Whether requests carry a credential that is checked before the call.
    ///
    /// The OAuth capabilities obtain credentials and `validate_credential_config`
    /// inspects one in its payload, so their envelopes have no `auth` to check.
    pub fn authenticates(self) -> bool {
        !matches!(
            self,
            Self::Authorization | Self::Specification | Self::Standard(Some(Level::Validation))
        )
    }
}

/// One capability as `info` and the OpenAPI document describe it.
#[derive(Debug, Clone)]
pub struct Described {
    /// The name on the wire.
    pub name: &'static str,
    /// Standard, authorization, specification or custom.
    pub kind: Kind,
    /// Name shown to people, when the author gave one.
    pub display_name: Option<&'static str>,
    /// What the capability does, when the author said.
    pub description: Option<&'static str>,
    /// Its request and response payload schemas (built when asked for).
    pub schemas: fn() -> CapabilitySchemas,
}

/// A connector as it is served: what it declared and every capability it
/// serves, sorted by name. Shared by every call.
#[derive(Debug)]
pub struct Catalog {
    metadata: ConnectorMetadata,
    schemas: fn() -> ConnectorSchemas,
    capabilities: Vec<Described>,
}

impl Catalog {
    /// The catalog of a connector with this metadata and these capabilities.
    pub fn new(
        metadata: ConnectorMetadata,
        schemas: fn() -> ConnectorSchemas,
        mut capabilities: Vec<Described>,
    ) -> Arc<Self> {
        capabilities.sort_by_key(|c| c.name);
        Arc::new(Self {
            metadata,
            schemas,
            capabilities,
        })
    }

    /// What the connector declared.
    pub fn metadata(&self) -> &ConnectorMetadata {
        &self.metadata
    }

    /// The schemas of the connector's settings and credential.
    pub fn connector_schemas(&self) -> ConnectorSchemas {
        (self.schemas)()
    }

    /// Every capability served, sorted by name.
    pub fn capabilities(&self) -> &[Described] {
        &self.capabilities
    }
}

/// One of the capabilities the runtime can serve itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// `app_info`: the connector's OpenAPI document.
    AppInfo,
    /// `validate_credential_config`, for connectors with a credentials list.
    ValidateCredentialConfig,
    /// One of the OAuth capabilities, for connectors with an OAuth flow.
    OAuth(OAuthCapability),
}

impl Builtin {
    /// Every capability the runtime can serve.
    pub const ALL: [Self; 6] = [
        Self::AppInfo,
        Self::OAuth(OAuthCapability::GetAuthorizationUrl),
        Self::OAuth(OAuthCapability::HandleAuthorizationCallback),
        Self::OAuth(OAuthCapability::HandleClientCredentialsRequest),
        Self::OAuth(OAuthCapability::RefreshAccessToken),
        Self::ValidateCredentialConfig,
    ];

    /// The capability's name.
    pub const fn name(self) -> &'static str {
        match self {
            Self::AppInfo => "app_info",
            Self::ValidateCredentialConfig => "validate_credential_config",
            Self::OAuth(capability) => capability.name(),
        }
    }

    /// Where an author who wants to write it themselves turns it off.
    pub fn hint(self) -> &'static str {
        match self {
            Self::OAuth(_) => {
                "turn the framework's one off with `.without(OAuthCapability::...)` in the connector's OAuth settings"
            }
            Self::AppInfo | Self::ValidateCredentialConfig => {
                "turn the framework's one off with `builtins = Builtins::all().without(Builtin::...)` in `#[connector(...)]`"
            }
        }
    }
}

/// Which of the runtime's capabilities a connector keeps (all by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Builtins {
    off: u8,
}

impl Default for Builtins {
    fn default() -> Self {
        Self::all()
    }
}

impl Builtins {
    /// Every capability the runtime serves.
    pub const fn all() -> Self {
        Self { off: 0 }
    }

    /// Turns one off, so that the connector may register its own.
    pub const fn without(mut self, builtin: Builtin) -> Self {
        self.off |= 1 << Self::bit(builtin);
        self
    }

    /// Whether `builtin` is kept.
    pub const fn has(self, builtin: Builtin) -> bool {
        self.off & (1 << Self::bit(builtin)) == 0
    }

    const fn bit(builtin: Builtin) -> u8 {
        match builtin {
            Builtin::AppInfo => 0,
            Builtin::ValidateCredentialConfig => 1,
            Builtin::OAuth(OAuthCapability::GetAuthorizationUrl) => 2,
            Builtin::OAuth(OAuthCapability::HandleAuthorizationCallback) => 3,
            Builtin::OAuth(OAuthCapability::HandleClientCredentialsRequest) => 4,
            Builtin::OAuth(OAuthCapability::RefreshAccessToken) => 5,
        }
    }
}
