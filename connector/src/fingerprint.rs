//! The request fingerprint of execution summaries.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::json::{self, Separators};

/// SHA-256 (hex) of a payload's canonical JSON, as the reference computes it:
/// null values left out, keys sorted, no spaces, non-ASCII escaped; only the
/// fields marked `x-unique` when the payload's schema marks any.
pub fn request_fingerprint<T: Serialize + JsonSchema>(payload: &T) -> String {
    let mut value = serde_json::to_value(payload).unwrap_or(Value::Null);
    drop_nulls(&mut value);
    let schema = crate::schema::root_schema::<T>();
    let unique: Vec<&str> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| {
            p.iter()
                .filter(|(_, s)| s.get("x-unique") == Some(&Value::Bool(true)))
                .map(|(k, _)| k.as_str())
                .collect()
        })
        .unwrap_or_default();
    if let (false, Value::Object(map)) = (unique.is_empty(), &mut value) {
        map.retain(|k, _| unique.contains(&k.as_str()));
    }
    let canonical = json::dumps(&value, Separators::Compact);
    format!("{:x}", Sha256::digest(canonical.as_bytes()))
}

fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, JsonSchema)]
    struct DeleteAccount {
        account_id: String,
    }

    #[test]
    fn matches_sha256_of_canonical_json() {
        let fp = request_fingerprint(&DeleteAccount {
            account_id: "u1".into(),
        });
        assert_eq!(fp, format!("{:x}", Sha256::digest(br#"{"account_id":"u1"}"#)));
        assert_eq!(
            fp,
            "31a9d2c6eef23b88da853930e7ca672d491406d689fe0d1dd1bb9216982de2ed"
        );
    }

    #[test]
    fn canonical_form_sorts_and_escapes() {
        let v = serde_json::json!({"b": "é", "a": [1, {"d": 2, "c": null}]});
        let mut v2 = v.clone();
        drop_nulls(&mut v2);
        assert_eq!(
            json::dumps(&v2, Separators::Compact),
            r#"{"a":[1,{"d":2}],"b":"\u00e9"}"#
        );
    }
}
