//! Messages for input that does not deserialize: where the problem is and
//! what it is, never the offending value.
//!
//! serde's own messages quote the value they refuse (`invalid type: string
//! "hunter2", expected u32`), and that value may be a secret sent in the
//! wrong place. So data errors are never taken from serde_json's text: the
//! input is read again through [`from_value`], a deserializer whose error
//! type builds each message from the *kind* of value found and the type
//! expected, the only parts serde hands over separately. Syntax errors
//! (positions and expected tokens) carry no values and are kept.

use std::fmt;

use serde::de::{self, DeserializeOwned, Deserializer, Expected, IntoDeserializer, Unexpected, Visitor};
use serde_json::{Map, Value};

/// `<path>: <reason>`, or the reason alone at the top of the document.
pub(crate) fn describe(path: &str, reason: &str) -> String {
    if path.is_empty() || path == "." {
        reason.to_owned()
    } else {
        format!("{path}: {reason}")
    }
}

/// Deserializes `value` as a `T`; the error is [`describe`]d and holds no
/// part of the input but object keys on its path.
pub(crate) fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, String> {
    serde_path_to_error::deserialize(ValueDeserializer(value))
        .map_err(|e| describe(&e.path().to_string(), &e.inner().0))
}

/// A deserialization error that never holds a value of the input.
#[derive(Debug)]
pub(crate) struct InputError(String);

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InputError {}

/// The kind of an unexpected value, without the value.
fn kind(unexpected: &Unexpected<'_>) -> &'static str {
    match unexpected {
        Unexpected::Bool(_) => "boolean",
        Unexpected::Unsigned(_) | Unexpected::Signed(_) => "integer",
        Unexpected::Float(_) => "floating point",
        Unexpected::Char(_) => "character",
        Unexpected::Str(_) => "string",
        Unexpected::Bytes(_) => "byte array",
        Unexpected::Unit => "null",
        Unexpected::Option => "optional value",
        Unexpected::NewtypeStruct => "newtype struct",
        Unexpected::Seq => "sequence",
        Unexpected::Map => "map",
        Unexpected::Enum => "enum",
        Unexpected::UnitVariant => "unit variant",
        Unexpected::NewtypeVariant => "newtype variant",
        Unexpected::TupleVariant => "tuple variant",
        Unexpected::StructVariant => "struct variant",
        Unexpected::Other(_) => "value",
    }
}

impl de::Error for InputError {
    /// Messages of `Deserialize` impls themselves (a date's format, say);
    /// the input reaches them only through the methods below.
    fn custom<M: fmt::Display>(message: M) -> Self {
        Self(message.to_string())
    }

    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Self(format!(
            "invalid type: {}, expected {expected}",
            kind(&unexpected)
        ))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Self(format!(
            "invalid value: {}, expected {expected}",
            kind(&unexpected)
        ))
    }

    fn invalid_length(_length: usize, expected: &dyn Expected) -> Self {
        Self(format!("invalid length, expected {expected}"))
    }

    fn unknown_variant(_variant: &str, expected: &'static [&'static str]) -> Self {
        Self(format!("unknown variant, expected {}", one_of(expected)))
    }

    fn unknown_field(_field: &str, expected: &'static [&'static str]) -> Self {
        Self(format!("unknown field, expected {}", one_of(expected)))
    }

    fn missing_field(field: &'static str) -> Self {
        Self(format!("missing field `{field}`"))
    }

    fn duplicate_field(field: &'static str) -> Self {
        Self(format!("duplicate field `{field}`"))
    }
}

/// serde's wording for a list of names the type accepts.
fn one_of(names: &[&str]) -> String {
    match names {
        [] => "nothing".to_owned(),
        [one] => format!("`{one}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        many => {
            let quoted: Vec<String> = many.iter().map(|n| format!("`{n}`")).collect();
            format!("one of {}", quoted.join(", "))
        }
    }
}

/// Reads a JSON value with [`InputError`]s.
struct ValueDeserializer<'a>(&'a Value);

impl<'de> Deserializer<'de> for ValueDeserializer<'de> {
    type Error = InputError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => visitor.visit_u64(u),
                (None, Some(i), _) => visitor.visit_i64(i),
                (None, None, Some(f)) => visitor.visit_f64(f),
                (None, None, None) => Err(de::Error::invalid_type(Unexpected::Other("number"), &visitor)),
            },
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => {
                let mut seq = de::value::SeqDeserializer::new(items.iter().map(ValueDeserializer));
                let value = visitor.visit_seq(&mut seq)?;
                // A tuple that took fewer items than there are.
                seq.end()?;
                Ok(value)
            }
            Value::Object(map) => visitor.visit_map(MapReader::new(map)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, InputError> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, InputError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, InputError> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            Value::Object(map) if map.len() == 1 => {
                let (variant, content) = map.iter().next().expect("one entry");
                visitor.visit_enum(EnumReader { variant, content })
            }
            Value::Object(_) => Err(de::Error::invalid_value(Unexpected::Map, &"a map of one key")),
            other => Err(de::Error::invalid_type(unexpected_kind(other), &visitor)),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, InputError> for ValueDeserializer<'de> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// The kind of a JSON value, as an [`Unexpected`] without its content.
fn unexpected_kind(value: &Value) -> Unexpected<'static> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(_) => Unexpected::Bool(false),
        Value::Number(_) => Unexpected::Other("number"),
        Value::String(_) => Unexpected::Str(""),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

struct MapReader<'a> {
    entries: serde_json::map::Iter<'a>,
    value: Option<&'a Value>,
}

impl<'a> MapReader<'a> {
    fn new(map: &'a Map<String, Value>) -> Self {
        Self {
            entries: map.iter(),
            value: None,
        }
    }
}

impl<'de> de::MapAccess<'de> for MapReader<'de> {
    type Error = InputError;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, InputError> {
        match self.entries.next() {
            Some((key, value)) => {
                self.value = Some(value);
                let key: de::value::BorrowedStrDeserializer<'de, InputError> =
                    de::value::BorrowedStrDeserializer::new(key);
                seed.deserialize(key).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, InputError> {
        let value = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a value before its key"))?;
        seed.deserialize(ValueDeserializer(value))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct EnumReader<'a> {
    variant: &'a str,
    content: &'a Value,
}

impl<'de> de::EnumAccess<'de> for EnumReader<'de> {
    type Error = InputError;
    type Variant = ValueDeserializer<'de>;

    fn variant_seed<V: de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), InputError> {
        let variant: de::value::BorrowedStrDeserializer<'de, InputError> =
            de::value::BorrowedStrDeserializer::new(self.variant);
        Ok((seed.deserialize(variant)?, ValueDeserializer(self.content)))
    }
}

impl<'de> de::VariantAccess<'de> for ValueDeserializer<'de> {
    type Error = InputError;

    fn unit_variant(self) -> Result<(), InputError> {
        match self.0 {
            Value::Null => Ok(()),
            other => Err(de::Error::invalid_type(unexpected_kind(other), &"unit variant")),
        }
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, InputError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, InputError> {
        self.deserialize_any(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, InputError> {
        self.deserialize_any(visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Login {
        user: String,
        pin: u8,
        kind: Kind,
        note: Option<String>,
        tags: Vec<u32>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Admin,
        Guest,
    }

    fn error(value: Value) -> String {
        from_value::<Login>(&value).unwrap_err()
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let login: Login =
            from_value(&json!({"user": "u", "pin": 7, "kind": "admin", "note": null, "tags": [1, 2]}))
                .unwrap();
        assert_eq!((login.user.as_str(), login.pin, login.tags.len()), ("u", 7, 2));
        assert!(matches!(login.kind, Kind::Admin) && login.note.is_none());
    }

    #[test]
    fn messages_name_the_place_the_kind_and_the_type_never_the_value() {
        let base = json!({"user": "u", "pin": 7, "kind": "admin", "tags": []});
        let with = |key: &str, value: Value| {
            let mut v = base.clone();
            v[key] = value;
            error(v)
        };
        assert_eq!(
            with("user", json!(987654321)),
            "user: invalid type: integer, expected a string"
        );
        assert_eq!(
            with("pin", json!("S3CR3T")),
            "pin: invalid type: string, expected u8"
        );
        assert_eq!(
            with("pin", json!(300)),
            "pin: invalid value: integer, expected u8"
        );
        assert_eq!(
            with("kind", json!("S3CR3T\", expected zz")),
            "kind: unknown variant, expected `admin` or `guest`"
        );
        assert_eq!(
            with("tags", json!(["S3CR3T"])),
            "tags[0]: invalid type: string, expected u32"
        );
        assert_eq!(
            with("note", json!(true)),
            "note: invalid type: boolean, expected a string"
        );
        assert_eq!(error(json!({"pin": 1})), "missing field `user`");
        assert_eq!(
            error(json!("S3CR3T")),
            "invalid type: string, expected struct Login"
        );
    }
}
