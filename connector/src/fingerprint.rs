//! The request fingerprint of execution summaries.

use schemars::JsonSchema;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

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
    let canonical = canonical_json(&value);
    hex(&Sha256::digest(canonical.as_bytes()))
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

/// Sorted keys, `,` and `:` separators, `\uXXXX` for non-ASCII.
fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, out);
                out.push(':');
                write_canonical(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(v, out);
            }
            out.push(']');
        }
        Value::String(s) => write_string(s, out),
        other => out.push_str(&other.to_string()),
    }
}

fn write_string(s: &str, out: &mut String) {
    let quoted = serde_json::to_string(s).unwrap_or_default();
    for ch in quoted.chars() {
        if ch.is_ascii() {
            out.push(ch);
        } else {
            let mut units = [0u16; 2];
            for unit in ch.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
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
        assert_eq!(fp, hex(&Sha256::digest(br#"{"account_id":"u1"}"#)));
    }

    #[test]
    fn canonical_form_sorts_and_escapes() {
        let v = serde_json::json!({"b": "é", "a": [1, {"d": 2, "c": null}]});
        let mut v2 = v.clone();
        drop_nulls(&mut v2);
        assert_eq!(canonical_json(&v2), r#"{"a":[1,{"d":2}],"b":"\u00e9"}"#);
    }
}
