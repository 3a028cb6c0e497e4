//! Payloads an author may extend with fields of their own.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::{CreatableAccount, CreateAccount, UpdateableAccount};

mod sealed {
    /// Keeps [`super::Extends`] to the types this crate vouches for.
    pub trait Sealed<Base> {}
}

/// A payload that keeps every field of the protocol's `Base`.
///
/// Implemented by `Base` itself, by the protocol's own extensions of it and
/// by [`Extended<Base, Extra>`] (see `protocol_extends!` in this module); sealed, so the protocol's fields cannot be
/// dropped by accident.
pub trait Extends<Base>: sealed::Sealed<Base> + DeserializeOwned + JsonSchema + Send + 'static {
    /// The protocol's part of the payload.
    fn base(&self) -> &Base;
}

/// The protocol's payload `Base` with the connector's own fields `Extra` beside it
/// (both flattened into one JSON object).
///
/// ```
/// use connector::models::{CreatableAccount, Extended};
/// use connector::prelude::*;
///
/// #[derive(Debug, Deserialize, Serialize, JsonSchema)]
/// struct Seat { license: String }
///
/// let payload: Extended<CreatableAccount, Seat> =
///     serde_json::from_str(r#"{"entitlements": [], "license": "pro"}"#).unwrap();
/// assert_eq!(payload.extra.license, "pro");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Extended<Base, Extra> {
    /// The protocol's fields.
    #[serde(flatten)]
    pub base: Base,
    /// The connector's own fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl<B, X> sealed::Sealed<B> for Extended<B, X> {}
impl<B, X> Extends<B> for Extended<B, X>
where
    B: DeserializeOwned + JsonSchema + Send + 'static,
    X: DeserializeOwned + JsonSchema + Send + 'static,
{
    fn base(&self) -> &B {
        &self.base
    }
}

/// Declares that the protocol's `$ty` keeps every field of `$base`.
macro_rules! protocol_extends {
    ($ty:ty => $base:ty, |$v:ident| $get:expr) => {
        impl $crate::models::extend::SealedAccess<$base> for $ty {}
        impl $crate::models::Extends<$base> for $ty {
            fn base(&self) -> &$base {
                let $v = self;
                $get
            }
        }
    };
}

#[doc(hidden)]
pub use sealed::Sealed as SealedAccess;

protocol_extends!(CreatableAccount => CreatableAccount, |account| account);
protocol_extends!(CreateAccount => CreatableAccount, |account| &account.creatable_account);
protocol_extends!(UpdateableAccount => UpdateableAccount, |account| account);
