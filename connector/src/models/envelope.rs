//! Pagination and the success envelope.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::credentials::AuthCredential;
use super::execution::ExecutionSummary;

/// Where a paged listing stands: an opaque continuation token and a page size.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("Page"))]
pub struct Page {
    /// Opaque token handed back by the previous page; absent on the first call.
    #[serde(default)]
    pub token: Option<String>,
    /// How many items the caller wants at most.
    #[serde(default)]
    pub size: Option<i32>,
}

/// The request envelope of every capability: the payload under `request`,
/// with the caller's credentials, settings and paging beside it.
///
/// Parsing is strict where the protocol is: `request`, `auth` and `page` must
/// be JSON objects (serde's derived structs would also take an array, field
/// by field). Unknown keys are ignored, as the reference does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("RequestEnvelope"))]
#[serde(expecting = "a request object", bound(deserialize = "T: Deserialize<'de>"))]
pub struct RequestEnvelope<T> {
    /// The credential of a single-credential connector.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "object::optional"
    )]
    pub auth: Option<AuthCredential>,
    /// The credentials of a multi-credential connector, each with its `id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credentials: Option<Vec<AuthCredential>>,
    /// The capability's payload.
    #[serde(deserialize_with = "object::required")]
    pub request: T,
    /// Whether the caller wants the upstream data under `raw_data`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_raw_data: Option<bool>,
    /// Which page to read.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "object::optional"
    )]
    pub page: Option<Page>,
    /// The connector's settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<serde_json::Map<String, serde_json::Value>>,
}

impl<T> RequestEnvelope<T> {
    /// An envelope around `request` with nothing else set.
    pub fn new(request: T) -> Self {
        Self {
            auth: None,
            credentials: None,
            request,
            include_raw_data: None,
            page: None,
            settings: None,
        }
    }
}

/// Envelope keys whose value must be a JSON object.
mod object {
    use std::fmt;
    use std::marker::PhantomData;

    use serde::de::value::MapAccessDeserializer;
    use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};

    struct Object<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for Object<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map))
        }
    }

    struct OptionalObject<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for OptionalObject<T> {
        type Value = Option<T>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an object or null")
        }

        fn visit_none<E>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_unit<E>(self) -> Result<Option<T>, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<T>, D::Error> {
            required(deserializer).map(Some)
        }
    }

    pub fn required<'de, D: Deserializer<'de>, T: Deserialize<'de>>(deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_map(Object(PhantomData))
    }

    pub fn optional<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        deserializer.deserialize_option(OptionalObject(PhantomData))
    }
}

/// Which key order a success envelope is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum EnvelopeShape {
    /// `response`, `raw_data`, `page`, `execution_summary`: the standard capabilities.
    #[default]
    Standard,
    /// `page`, `raw_data`, `response`: a connector's own capabilities.
    Custom,
}

/// The success envelope every capability answers with.
///
/// Keys are never omitted, and come in the order of the envelope's
/// [`EnvelopeShape`], as the reference writes them.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("ResponseEnvelope"))]
pub struct ResponseEnvelope<T> {
    /// The capability's payload.
    pub response: T,
    /// Upstream data the connector chose to pass on.
    #[serde(default)]
    pub raw_data: Option<serde_json::Value>,
    /// The next page, when there is one.
    #[serde(default)]
    pub page: Option<Page>,
    /// What a write capability did.
    #[serde(default)]
    pub execution_summary: Option<ExecutionSummary>,
    /// The key order it is written in.
    #[serde(skip)]
    #[schemars(skip)]
    pub shape: EnvelopeShape,
}

impl<T> ResponseEnvelope<T> {
    /// A standard envelope around `response` with nothing else set.
    pub fn new(response: T) -> Self {
        Self {
            response,
            raw_data: None,
            page: None,
            execution_summary: None,
            shape: EnvelopeShape::Standard,
        }
    }
}

impl<T: Serialize> Serialize for ResponseEnvelope<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        match self.shape {
            EnvelopeShape::Standard => {
                let mut s = serializer.serialize_struct("ResponseEnvelope", 4)?;
                s.serialize_field("response", &self.response)?;
                s.serialize_field("raw_data", &self.raw_data)?;
                s.serialize_field("page", &self.page)?;
                s.serialize_field("execution_summary", &self.execution_summary)?;
                s.end()
            }
            EnvelopeShape::Custom => {
                let mut s = serializer.serialize_struct("ResponseEnvelope", 3)?;
                s.serialize_field("page", &self.page)?;
                s.serialize_field("raw_data", &self.raw_data)?;
                s.serialize_field("response", &self.response)?;
                s.end()
            }
        }
    }
}

/// A change cursor.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("Delta"))]
pub struct Delta {
    /// Where to continue next time.
    #[serde(default)]
    pub cursor: Option<String>,
}

/// An object with no fields.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[schemars(transform = super::texts::ProtocolTexts("EmptyButCreateAnyway"))]
pub struct EmptyButCreateAnyway {}
