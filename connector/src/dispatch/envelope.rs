//! Parsing the request envelope, with messages a person can act on.

use serde::de::DeserializeOwned;

use crate::error::input::{describe, from_value};
use crate::models::RequestEnvelope;

/// Parses `body` as an envelope whose `request` is an `R`.
///
/// The error is the text after `Invalid request - `: where in the document
/// the problem is, and what it is.
pub(crate) fn parse<R: DeserializeOwned>(body: &str) -> Result<RequestEnvelope<R>, String> {
    if !body.trim_start_matches([' ', '\t', '\n', '\r']).starts_with('{') {
        return Err(not_an_object(body));
    }
    match serde_json::from_str(body) {
        Ok(envelope) => Ok(envelope),
        // serde_json's text of a data error quotes the value it refused:
        // read the document again for a message built without values. (That
        // reading also takes the last of repeated keys, as Python's does.)
        Err(e) if e.is_data() => {
            let value: serde_json::Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
            from_value(&value)
        }
        // Syntax errors give positions and expected tokens, never values.
        Err(e) => Err(e.to_string()),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{AuthCredential, ListAccounts};

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
