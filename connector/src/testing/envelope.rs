//! The request envelope a test sends: the keys of [`RequestEnvelope`], set
//! from typed values or from any JSON (a test may well send what the
//! protocol refuses, to see the connector refuse it).

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::models::RequestEnvelope;

/// A request envelope being built.
#[derive(Debug, Clone)]
pub struct Envelope {
    keys: Map<String, Value>,
}

impl Default for Envelope {
    /// An envelope with an empty `request` and nothing else.
    fn default() -> Self {
        Self::from_keys(Map::from_iter([("request".to_owned(), json!({}))]))
    }
}

impl Envelope {
    fn from_keys(keys: Map<String, Value>) -> Self {
        Self { keys }
    }

    /// Starts from a typed envelope.
    ///
    /// # Panics
    /// When the envelope does not serialize to a JSON object.
    pub fn typed<T: Serialize>(envelope: &RequestEnvelope<T>) -> Self {
        match serde_json::to_value(envelope) {
            Ok(Value::Object(keys)) => Self::from_keys(keys),
            other => panic!("a request envelope serializes to an object, not {other:?}"),
        }
    }

    /// Sets any key.
    ///
    /// # Panics
    /// When `value` does not serialize to JSON.
    pub fn set(&mut self, key: &str, value: impl Serialize) {
        let value = serde_json::to_value(value).unwrap_or_else(|e| panic!("`{key}` does not serialize: {e}"));
        self.keys.insert(key.to_owned(), value);
    }

    /// Sets `key` unless it is already set.
    pub(crate) fn set_default(&mut self, key: &str, value: &Value) {
        self.keys.entry(key.to_owned()).or_insert_with(|| value.clone());
    }

    /// The envelope as JSON.
    pub fn to_value(&self) -> Value {
        Value::Object(self.keys.clone())
    }
}

/// The envelope setters of a test builder whose envelope is in field `$field`.
macro_rules! envelope_setters {
    ($ty:ty, $field:ident) => {
        impl $ty {
            /// Sets the `request` payload (a protocol type or any JSON).
            pub fn request(self, payload: impl ::serde::Serialize) -> Self {
                self.set("request", payload)
            }

            /// Sets `auth` (an `AuthCredential`, or JSON such as `{"token": {"token": "t"}}`).
            pub fn auth(self, auth: impl ::serde::Serialize) -> Self {
                self.set("auth", auth)
            }

            /// Sets `credentials`, the list of a multi-credential request.
            pub fn credentials(self, credentials: impl ::serde::Serialize) -> Self {
                self.set("credentials", credentials)
            }

            /// Sets `settings`.
            pub fn settings(self, settings: impl ::serde::Serialize) -> Self {
                self.set("settings", settings)
            }

            /// Sets `page`.
            pub fn page(self, page: impl ::serde::Serialize) -> Self {
                self.set("page", page)
            }

            /// Sets `include_raw_data`.
            pub fn include_raw_data(self, include: bool) -> Self {
                self.set("include_raw_data", include)
            }

            /// Replaces the whole envelope by a typed one.
            pub fn with_envelope<T: ::serde::Serialize>(
                mut self,
                envelope: &$crate::models::RequestEnvelope<T>,
            ) -> Self {
                self.$field = $crate::testing::Envelope::typed(envelope);
                self
            }

            /// Sets any envelope key.
            ///
            /// # Panics
            /// When `value` does not serialize to JSON.
            pub fn set(mut self, key: &str, value: impl ::serde::Serialize) -> Self {
                self.$field.set(key, value);
                self
            }
        }
    };
}

pub(crate) use envelope_setters;
