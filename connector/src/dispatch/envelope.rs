//! Parsing the request envelope, with messages a person can act on.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::models::{AuthCredential, Page};

/// The request envelope of every capability.
#[derive(Debug, Deserialize)]
#[serde(expecting = "a request object", bound(deserialize = "R: Deserialize<'de>"))]
pub(crate) struct RequestEnvelope<R> {
    #[serde(default, deserialize_with = "object::optional")]
    pub auth: Option<AuthCredential>,
    #[serde(default)]
    pub credentials: Option<Vec<AuthCredential>>,
    #[serde(deserialize_with = "object::required")]
    pub request: R,
    #[serde(default)]
    pub include_raw_data: Option<bool>,
    #[serde(default, deserialize_with = "object::optional")]
    pub page: Option<Page>,
    #[serde(default)]
    pub settings: Option<serde_json::Map<String, serde_json::Value>>,
}

/// Envelope keys whose value must be a JSON object: serde's derived structs
/// also accept an array, field by field, which the protocol does not.
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

/// Parses `body` as an envelope whose `request` is an `R`.
///
/// The error is the text after `Invalid request - `: where in the document
/// the problem is, and what it is.
pub(crate) fn parse<R: DeserializeOwned>(body: &str) -> Result<RequestEnvelope<R>, String> {
    if !body.trim_start_matches([' ', '\t', '\n', '\r']).starts_with('{') {
        return Err(not_an_object(body));
    }
    let mut de = serde_json::Deserializer::from_str(body);
    let envelope = serde_path_to_error::deserialize(&mut de)
        .map_err(|e| describe(&e.path().to_string(), &e.inner().to_string()))?;
    de.end().map_err(|e| describe("", &e.to_string()))?;
    Ok(envelope)
}

/// Why a document that does not start with `{` is refused: its syntax error,
/// or else the kind of value it is. (serde would otherwise accept a JSON
/// array as a struct, field by field.)
fn not_an_object(body: &str) -> String {
    let kind = match serde_json::from_str::<serde_json::Value>(body) {
        Err(e) => return describe("", &e.to_string()),
        Ok(serde_json::Value::Array(_)) => "sequence",
        Ok(serde_json::Value::String(_)) => "string",
        Ok(serde_json::Value::Number(_)) => "number",
        Ok(serde_json::Value::Bool(_)) => "boolean",
        Ok(serde_json::Value::Null) => "null",
        Ok(serde_json::Value::Object(_)) => "map",
    };
    format!("invalid type: {kind}, expected a request object")
}

/// `<path>: <reason>`, or the reason alone at the top of the document.
pub(crate) fn describe(path: &str, reason: &str) -> String {
    let reason = without_echoed_strings(reason);
    if path.is_empty() || path == "." {
        reason
    } else {
        format!("{path}: {reason}")
    }
}

/// serde quotes the offending string value in type errors
/// (`invalid type: string "hunter2", expected ...`) and enum errors
/// (``unknown variant `hunter2`, expected ...``); that value may be a
/// secret sent in the wrong place, so it is left out.
pub(crate) fn without_echoed_strings(reason: &str) -> String {
    without_unknown_variant(&without_quoted_strings(reason))
}

fn without_unknown_variant(reason: &str) -> String {
    const MARK: &str = "unknown variant `";
    let Some(at) = reason.find(MARK) else {
        return reason.to_owned();
    };
    let after = &reason[at + MARK.len()..];
    let rest = after.find("`, ").map_or("", |end| &after[end + 1..]);
    format!("{}unknown variant{rest}", &reason[..at])
}

fn without_quoted_strings(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len());
    let mut rest = reason;
    while let Some(at) = rest.find("string \"") {
        out.push_str(&rest[..at + "string".len()]);
        let after_quote = &rest[at + "string \"".len()..];
        match after_quote.find("\", expected") {
            Some(end) => rest = &after_quote[end + 1..],
            None => {
                rest = "";
                out.push_str(" value");
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ListAccounts;

    #[test]
    fn messages_name_the_place_and_the_problem() {
        let e = parse::<ListAccounts>("not json").unwrap_err();
        assert_eq!(e, "expected ident at line 1 column 2");
        let e = parse::<ListAccounts>("[]").unwrap_err();
        assert!(
            e.starts_with("invalid type: sequence, expected a request object"),
            "{e}"
        );
        let e = parse::<ListAccounts>(r#" [null, null, {}]"#).unwrap_err();
        assert_eq!(e, "invalid type: sequence, expected a request object");
        let e = parse::<ListAccounts>(r#""s3cr3t""#).unwrap_err();
        assert_eq!(e, "invalid type: string, expected a request object");
        let e = parse::<ListAccounts>("").unwrap_err();
        assert!(e.starts_with("EOF while parsing a value"), "{e}");
        let e = parse::<ListAccounts>("{}").unwrap_err();
        assert!(e.starts_with("missing field `request`"), "{e}");
        let e = parse::<ListAccounts>(r#"{"request":{"custom_attributes":"x"}}"#).unwrap_err();
        assert!(
            e.starts_with("request.custom_attributes: invalid type: string, expected a sequence"),
            "{e}"
        );
        let e = parse::<ListAccounts>(r#"{"request":{},"include_raw_data":"yes"}"#).unwrap_err();
        assert!(
            e.starts_with("include_raw_data: invalid type: string, expected a boolean"),
            "{e}"
        );
        let e = parse::<ListAccounts>(r#"{"request":{}} trailing"#).unwrap_err();
        assert!(e.starts_with("trailing characters"), "{e}");
    }

    #[test]
    fn secrets_sent_in_the_wrong_place_are_not_echoed() {
        let e = parse::<ListAccounts>(
            r#"{"request":{},"auth":{"basic":{"username":"u","password":7}},"page":"hunter2"}"#,
        )
        .unwrap_err();
        assert!(!e.contains("hunter2"), "{e}");
        assert_eq!(
            without_echoed_strings(r#"invalid type: string "s3cr3t", expected u32"#),
            "invalid type: string, expected u32"
        );
        assert_eq!(
            without_echoed_strings(
                "unknown variant `s3cr3t`, expected one of `aws`, `gcp` at line 1 column 9"
            ),
            "unknown variant, expected one of `aws`, `gcp` at line 1 column 9"
        );
        assert_eq!(
            without_echoed_strings("unknown variant `s3cr3t`"),
            "unknown variant"
        );
        let e =
            parse::<ListAccounts>(r#"{"request":{},"auth":{"service_account":{"service_type":"s3cr3t"}}}"#)
                .unwrap_err();
        assert!(
            e.starts_with("auth.service_account.service_type: unknown variant, expected one of"),
            "{e}"
        );
    }

    #[test]
    fn unknown_keys_are_ignored() {
        let env = parse::<ListAccounts>(r#"{"request":{},"whatever":1}"#).unwrap();
        assert!(env.auth.is_none());
        let env = parse::<ListAccounts>(r#"{"request":{"x":[]},"auth":null,"page":null}"#).unwrap();
        assert!(env.auth.is_none() && env.page.is_none());
        let env = parse::<ListAccounts>(r#"{"request":{},"auth":{},"page":{"size":3}}"#).unwrap();
        assert_eq!(env.auth, Some(AuthCredential::default()));
        assert_eq!(env.page.and_then(|p| p.size), Some(3));
    }

    #[test]
    fn arrays_are_not_taken_for_objects() {
        for (body, path) in [
            (r#"{"request":[]}"#, "request"),
            (r#"{"request":null}"#, "request"),
            (r#"{"request":{},"page":[null, 5]}"#, "page"),
            (r#"{"request":{},"auth":[]}"#, "auth"),
        ] {
            let e = parse::<ListAccounts>(body).unwrap_err();
            assert!(e.starts_with(&format!("{path}: invalid type: ")), "{body}: {e}");
        }
    }
}
