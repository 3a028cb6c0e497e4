//! The capabilities the runtime serves itself: `app_info`, the OAuth flows
//! and `validate_credential_config`. Each is an ordinary [`CapabilityFn`] run
//! by the same dispatch as the author's capabilities, and each can be turned
//! off with [`Builtins`](crate::connector::Builtins) (the OAuth ones also
//! per flow, with `OAuthSettings::without`).

mod app_info;
mod credential_config;
#[cfg(feature = "oauth")]
mod oauth;

use crate::capability::{CapabilityFn, described};
use crate::connector::{Builtin, Connector, ConnectorMetadata, Described};
use crate::dispatch::{Invoke, invoke};

/// A capability the runtime serves for one connector.
#[derive(Debug, Clone)]
pub struct Served {
    /// Which one.
    pub builtin: Builtin,
    /// How the documents describe it.
    pub described: Described,
    /// The pipeline entry that serves it.
    pub invoke: Invoke,
}

impl Served {
    fn of<F: CapabilityFn>(builtin: Builtin) -> Self {
        Self {
            builtin,
            described: described::<F>(),
            invoke: invoke::<F>,
        }
    }

    /// Where an author who wants to write it themselves turns it off.
    pub fn hint(&self) -> &'static str {
        self.builtin.hint()
    }
}

/// The capabilities the runtime serves for connector `C`: `app_info`, the
/// OAuth flows it declares, and `validate_credential_config` when it has a
/// credentials list, less those it turned off.
pub fn served<C: Connector>(meta: &ConnectorMetadata) -> Vec<Served> {
    let mut out = Vec::new();
    let keep = |builtin: Builtin| meta.builtins.has(builtin);
    if keep(Builtin::AppInfo) {
        out.push(Served::of::<app_info::AppInfoFn<C>>(Builtin::AppInfo));
    }
    #[cfg(feature = "oauth")]
    {
        let mut oauth = oauth::served::<C>(meta);
        oauth.retain(|s| keep(s.builtin));
        out.extend(oauth);
    }
    if !meta.credentials.is_empty() && keep(Builtin::ValidateCredentialConfig) {
        out.push(Served::of::<credential_config::ValidateCredentialConfigFn<C>>(
            Builtin::ValidateCredentialConfig,
        ));
    }
    out
}
