//! The wire types of the Lumos Connector API, grouped by domain.
//!
//! Every type here derives `serde` and `schemars`: the one definition serves the
//! JSON on the wire, the schemas of `info` and the OpenAPI document.

pub mod accounts;
pub mod credentials;
pub mod envelope;
pub mod errors;
pub mod execution;
pub mod extend;
pub mod info;

pub use accounts::*;
pub use credentials::*;
pub use envelope::*;
pub use errors::*;
pub use execution::*;
pub use extend::{Extended, Extends};
pub use info::*;
