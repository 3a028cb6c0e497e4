//! Small serde pieces shared by the wire types.

use serde::{Deserialize, Deserializer};

/// Reads a boolean that the protocol fixes to `true`.
pub(crate) fn only_true<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    if bool::deserialize(deserializer)? {
        Ok(true)
    } else {
        Err(serde::de::Error::invalid_value(
            serde::de::Unexpected::Bool(false),
            &"true",
        ))
    }
}

/// Lists `name` as required in an object schema.
///
/// For fields that are always written but have a default when read: the
/// protocol marks them required, while serde's `default` would leave them out.
fn require(schema: &mut schemars::Schema, name: &str) {
    let Some(map) = schema.as_object_mut() else {
        return;
    };
    let required = map
        .entry("required")
        .or_insert_with(|| serde_json::Value::Array(Vec::new()));
    if let serde_json::Value::Array(required) = required {
        if !required.iter().any(|r| r == name) {
            required.push(name.into());
        }
    }
}

/// Schema transform: `is_error` is required.
pub(crate) fn require_is_error(schema: &mut schemars::Schema) {
    require(schema, "is_error");
}
