//! The protocol's standard capabilities, one module each.
//!
//! Each module holds a marker type, the two traits `#[capability]` uses to
//! check an author's function at compile time (`Request` for the payload,
//! `Returns` for the `Ok` value) and their error messages, which name the
//! types the protocol expects. The table below is the single list of
//! standard capabilities with their types; each row reads
//! `name: level, request = Payload [| extends Base], returns = Response;`.

use super::{Kind, Level, Response};
#[allow(unused_imports)]
use crate::models::*;

/// Facts about one standard capability.
pub trait StandardCapability {
    /// The wire name.
    const NAME: &'static str;
    /// Its level or category.
    const KIND: Kind;
    /// The protocol's request payload.
    type Request;
    /// The protocol's response payload.
    type Payload;
}

connector_macros::__standard_capabilities! {
    validate_credentials: read, request = ValidateCredentials, returns = ValidatedCredentials;
    list_accounts: read, request = ListAccounts, returns = Vec<FoundAccountData>;
}
