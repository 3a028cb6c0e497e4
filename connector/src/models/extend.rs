//! Payloads an author may extend with fields of their own.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
/// Its schema is the one a subclass of `Base` has in the reference: named
/// and described by `Extra`, `Base`'s properties first, then `Extra`'s, and
/// `Base`'s extensions (such as `x-capability-level`) kept.
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Extended<Base, Extra> {
    /// The protocol's fields.
    #[serde(flatten)]
    pub base: Base,
    /// The connector's own fields.
    #[serde(flatten)]
    pub extra: Extra,
}

impl<B: JsonSchema, X: JsonSchema> JsonSchema for Extended<B, X> {
    fn schema_name() -> Cow<'static, str> {
        X::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        format!("Extended<{}, {}>", B::schema_id(), X::schema_id()).into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let base = B::json_schema(generator);
        let extra = X::json_schema(generator);
        let (Some(base), Some(extra)) = (base.as_object(), extra.as_object()) else {
            return extra;
        };
        let mut merged = base.clone();
        merged.remove("description");
        let mut properties = base
            .get("properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let mut required = base
            .get("required")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (key, value) in extra {
            match key.as_str() {
                "properties" => {
                    for (name, property) in value.as_object().into_iter().flatten() {
                        properties.insert(name.clone(), property.clone());
                    }
                }
                "required" => {
                    for name in value.as_array().into_iter().flatten() {
                        if !required.contains(name) {
                            required.push(name.clone());
                        }
                    }
                }
                _ => {
                    merged.insert(key.clone(), value.clone());
                }
            }
        }
        merged.insert("properties".into(), Value::Object(properties));
        if required.is_empty() {
            merged.remove("required");
        } else {
            merged.insert("required".into(), Value::Array(required));
        }
        Schema::from(merged)
    }
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
