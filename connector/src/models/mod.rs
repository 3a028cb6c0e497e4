//! The wire types of the Lumos Connector API, grouped by domain.
//!
//! Every type here derives `serde` and `schemars`: the one definition serves the
//! JSON on the wire, the schemas of `info` and the OpenAPI document. Schema
//! names are the protocol's (`#[schemars(rename)]` where the Rust name differs).
//!
//! Enums are read strictly, as the reference reads them, with two exceptions
//! where the reference accepts anything: [`ActivityRecordActivityType`] (an
//! [`ActivityType`] or any other string) and [`ResourceRelationshipLabel`]
//! (unknown labels become [`ResourceRelationshipLabel::Unknown`]).

pub mod accounts;
pub mod activity;
pub mod applications;
pub mod credentials;
pub mod entitlements;
pub mod envelope;
pub mod errors;
pub mod execution;
pub mod expenses;
pub mod extend;
pub mod graph;
pub mod info;
pub mod oauth;
pub mod resources;
pub mod secret;
mod serde_util;
mod texts;

pub use accounts::*;
pub use activity::*;
pub use applications::*;
pub use credentials::*;
pub use entitlements::*;
pub use envelope::*;
pub use errors::*;
pub use execution::*;
pub use expenses::*;
pub use extend::{Extended, Extends};
pub use graph::*;
pub use info::*;
pub use oauth::*;
pub use resources::*;
pub use secret::Secret;
