//! The type of every secret the protocol carries: passwords, tokens, keys,
//! client secrets.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Serialize};

/// A secret string. It is written and read as a plain JSON string (it is on
/// the wire), but `Debug` shows `[REDACTED]` and there is no `Display`, so
/// neither a `{:?}` nor a `{}` in a log or a message can print it: reading it
/// takes [`Secret::expose`], which is easy to find in a review.
///
/// ```
/// use connector::models::Secret;
///
/// let password = Secret::from("hunter2");
/// assert_eq!(format!("{password:?}"), "[REDACTED]");
/// assert_eq!(password.expose(), "hunter2");
/// ```
///
/// Its schema is a plain string's, as the protocol's are: in a connector's
/// settings, mark the field `#[field(secret)]` (under `#[fields]` on the
/// struct) so that the platform shows it as a secret and the logs hide it.
#[derive(Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The value, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The value, owned.
    pub fn into_exposed(self) -> String {
        self.0
    }

    /// Whether the value is the empty string.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(crate::redact::REDACTED)
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl JsonSchema for Secret {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Secret".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        String::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_the_wire_a_plain_string_in_logs_never() {
        let secret: Secret = serde_json::from_str(r#""s3cr3t""#).unwrap();
        assert_eq!(serde_json::to_string(&secret).unwrap(), r#""s3cr3t""#);
        assert_eq!(
            format!("{secret:?} {:?}", Some(&secret)),
            "[REDACTED] Some([REDACTED])"
        );
        let schema = serde_json::to_value(schemars::schema_for!(Secret)).unwrap();
        assert_eq!(schema["type"], "string");
    }
}
