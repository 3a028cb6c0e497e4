//! Write identity-integration connectors that speak the Lumos Connector API.
//!
//! A connector is a small program that speaks for one SaaS app: it reads the
//! app's accounts, resources, entitlements and who-has-what, and provisions
//! access, with credentials handed to it on each call. Declare the connector
//! with [`macro@connector`], write each capability as an `async fn` marked
//! with [`macro@capability`], and [`main!`] gives the binary its whole command
//! line: `info`, one subcommand per capability, and `dev` tools.
//!
//! ```
//! use connector::models::{TokenCredential, ValidateCredentials, ValidatedCredentials};
//! use connector::prelude::*;
//!
//! #[derive(Deserialize, JsonSchema)]
//! struct Settings {
//!     host: String,
//! }
//!
//! #[connector(app_id = "acme", name = "Acme", auth = TokenCredential, settings = Settings)]
//! struct Acme;
//!
//! #[capability(validate_credentials)]
//! async fn validate(ctx: Context<Acme>, _req: ValidateCredentials) -> Result<ValidatedCredentials> {
//!     Ok(ValidatedCredentials { valid: !ctx.auth()?.token.is_empty(), unique_tenant_id: ctx.settings().host.clone() })
//! }
//! # fn main() {}
//! ```
//!
//! The request's JSON goes through the same pipeline on every path (CLI,
//! HTTP server, tests): envelope parse → credential check → settings check →
//! the capability → the response or error envelope.

#![warn(missing_docs)]

pub mod builtins;
pub mod capability;
pub mod cli;
#[cfg(feature = "client")]
pub mod client;
pub mod connector;
pub mod context;
mod dev;
pub mod dispatch;
pub mod document;
pub mod error;
mod exit;
pub mod fingerprint;
mod json;
#[cfg(test)]
mod layers;
pub mod logging;
pub mod metrics;
pub mod models;
mod names;
pub mod oauth;
pub mod pagination;
pub mod redact;
pub mod registry;
pub mod schema;
#[cfg(feature = "server")]
pub mod server;
#[cfg(feature = "testing")]
pub mod testing;

pub use crate::capability::Response;
pub use crate::connector::{
    AuthRequirement, Builtin, Builtins, Catalog, Connector, ConnectorMetadata, CredentialConfig, NoAuth,
    NoSettings, SettingsType,
};
pub use crate::context::Context;
pub use crate::error::{ConnectorError, Error, ErrorMap, Result};
pub use crate::registry::App;
pub use connector_macros::{capability, connector, fields};

/// What a connector author uses in every file, in one import: the
/// attributes (`#[connector]`, `#[capability]`, and `#[fields]` for the
/// options of settings fields), [`Context`], errors, responses and paging.
/// The protocol's types are a path away, under [`models`].
///
/// ```
/// use connector::prelude::*;
///
/// fn not_found(id: &str) -> Error {
///     Error::new(ErrorCode::NotFound, format!("no account {id}"))
/// }
/// let account = models::FoundAccountData::default();
/// # let _ = (not_found("x"), account);
/// ```
pub mod prelude {
    pub use crate::capability::Response;
    pub use crate::context::Context;
    pub use crate::error::{ConnectorError, Error, ErrorMap, Result};
    pub use crate::models::{self, ErrorCode};
    pub use crate::pagination::{PageToken, PageTokenOf, Pager};
    pub use connector_macros::{capability, connector, fields};
    pub use schemars::JsonSchema;
    pub use serde::{Deserialize, Serialize};
}

/// Gives a connector binary its `main`: the whole command line.
///
/// ```ignore
/// connector::main!();
/// ```
#[macro_export]
macro_rules! main {
    () => {
        fn main() -> ::std::process::ExitCode {
            $crate::cli::run()
        }
    };
}

#[doc(hidden)]
pub mod __private {
    pub use futures_util::future::BoxFuture;
    pub use inventory;
    pub use schemars;
    pub use serde;
}

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// The example of docs/settings-fields.md, compiled as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../docs/settings-fields.md")]
struct SettingsFieldsDoctests;
