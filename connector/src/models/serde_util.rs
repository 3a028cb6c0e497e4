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
