//! What a write capability reports about its own effect.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::errors::ErrorDetail;

/// The kinds of effect a write can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ExecutionEffect"))]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum ExecutionEffect {
    Created,
    Updated,
    Deleted,
    Noop,
}

/// Why a write changed nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("NoopEffectReason"))]
#[serde(rename_all = "snake_case")]
pub enum NoopEffectReason {
    // No doc comment: schemars would describe the variant in a `oneOf`,
    // where the protocol's schema is a plain string enum.
    #[allow(missing_docs)]
    StateAlreadyMatches,
}

/// Declares a unit type that (de)serializes as one fixed string.
macro_rules! kind_tag {
    ($tag:ident, $kind:literal) => {
        #[doc = concat!("The constant `kind` tag `", $kind, "`.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
        pub struct $tag;

        impl Serialize for $tag {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str($kind)
            }
        }

        impl<'de> Deserialize<'de> for $tag {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                if s == $kind {
                    Ok($tag)
                } else {
                    Err(serde::de::Error::invalid_value(serde::de::Unexpected::Str(&s), &$kind))
                }
            }
        }

        impl JsonSchema for $tag {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($tag).into()
            }
            fn inline_schema() -> bool {
                true
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({"type": "string", "default": $kind})
            }
        }
    };
}

/// Declares an effect struct whose only field is its constant `kind`.
macro_rules! effect_kind {
    ($(#[$doc:meta])* $name:ident, $tag:ident, $kind:literal) => {
        kind_tag!($tag, $kind);

        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        #[schemars(transform = super::texts::ProtocolTexts(stringify!($name)))]
        pub struct $name {
            #[doc = concat!("Always `", $kind, "`.")]
            #[serde(default)]
            pub kind: $tag,
        }
    };
}

effect_kind!(
    /// The write created something.
    CreatedEffect,
    CreatedKind,
    "created"
);
effect_kind!(
    /// The write changed something that existed.
    UpdatedEffect,
    UpdatedKind,
    "updated"
);
effect_kind!(
    /// The write removed something.
    DeletedEffect,
    DeletedKind,
    "deleted"
);

kind_tag!(NoopKind, "noop");

/// The write changed nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("NoopEffect"))]
pub struct NoopEffect {
    /// Always `noop`.
    #[serde(default)]
    pub kind: NoopKind,
    /// Why nothing changed.
    pub reason: NoopEffectReason,
}

/// One of the four effects, told apart by `kind`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(inline)]
#[serde(untagged)]
#[allow(missing_docs)]
pub enum Effect {
    Created(CreatedEffect),
    Updated(UpdatedEffect),
    Deleted(DeletedEffect),
    Noop(NoopEffect),
}

impl Effect {
    /// Something was created.
    pub fn created() -> Self {
        Self::Created(CreatedEffect::default())
    }
    /// Something was changed.
    pub fn updated() -> Self {
        Self::Updated(UpdatedEffect::default())
    }
    /// Something was removed.
    pub fn deleted() -> Self {
        Self::Deleted(DeletedEffect::default())
    }
    /// Nothing changed: the app was already in the requested state.
    pub fn noop() -> Self {
        Self::Noop(NoopEffect {
            kind: NoopKind,
            reason: NoopEffectReason::StateAlreadyMatches,
        })
    }
}

/// What a write capability did, reported beside its response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ExecutionSummary"))]
pub struct ExecutionSummary {
    /// The effect on the app.
    pub effect: Effect,
    /// SHA-256 of the request's canonical JSON (see [`crate::fingerprint`]).
    pub request_fingerprint: String,
    /// Whether repeating the request is harmless.
    pub is_idempotent: bool,
    /// A note for a person.
    #[serde(default)]
    pub description: Option<String>,
    /// Errors that were met and tolerated.
    #[serde(default)]
    pub caught_errors: Option<Vec<ErrorDetail>>,
}
