//! Hostile request bodies, and the check every answer to one must pass: the
//! input side of fuzzing a connector.
//!
//! ```
//! use connector::testing::{HostileBodies, check_answer};
//!
//! for body in HostileBodies::new(7, "S3CR3T").take(3) {
//!     // let answer = app.dispatch("list_accounts", body).await;
//!     # let answer = r#"{"is_error":true,"error":{"message":"m","status_code":null,"app_error_code":null,"error_code":"bad_request","app_id":"a","raised_by":null,"raised_in":null},"raw_data":null,"page":null}"#;
//!     check_answer(answer, "S3CR3T").unwrap();
//! # let _ = body;
//! }
//! ```

use arbitrary::{Result as ArbitraryResult, Unstructured};
use serde_json::{Map, Number, Value, json};

use crate::models::ErrorCode;

/// Envelope keys, with a few that are not.
const KEYS: &[&str] = &[
    "auth",
    "credentials",
    "request",
    "settings",
    "page",
    "include_raw_data",
    "token",
    "size",
    "id",
    "basic",
    "username",
    "password",
    "",
    "__proto__",
];

/// Strings that have broken parsers and filters before.
const AWKWARD: &[&str] = &[
    "",
    " ",
    "\", expected ",
    "`, expected `",
    "\\",
    "\u{0}",
    "\u{feff}",
    "\u{1F600}",
    "é",
    "\u{202e}",
    "9999999999999999999999999999",
    "-0",
    "1e400",
    "null",
    "{}",
    "[",
    "%00",
    "../../etc/passwd",
];

/// Where a credential kind keeps its secrets.
const SECRET_FIELDS: &[(&str, &[&str])] = &[
    ("oauth", &["access_token"]),
    ("oauth_client_credentials", &["access_token", "client_secret"]),
    ("oauth1", &["consumer_secret", "token_secret"]),
    ("basic", &["password"]),
    ("token", &["token"]),
    ("jwt", &["secret"]),
    ("key_pair", &["private_key"]),
];

/// An endless, reproducible stream of request bodies built to break a
/// parser: envelopes of the right shape with wrong, huge, deep or awkward
/// values, the same cut short or with bytes changed, and plain noise. Every
/// credential secret field they fill holds `secret` (as a string, inside a
/// longer string, or as a number), which no answer may show.
#[derive(Debug, Clone)]
pub struct HostileBodies {
    state: u64,
    secret: String,
}

impl HostileBodies {
    /// The stream of this seed.
    pub fn new(seed: u64, secret: &str) -> Self {
        Self {
            state: seed ^ 0x9e37_79b9_7f4a_7c15,
            secret: secret.to_owned(),
        }
    }

    /// splitmix64: a few lines of arithmetic are all the randomness needed.
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len.div_ceil(8))
            .flat_map(|_| self.next_u64().to_le_bytes())
            .take(len)
            .collect()
    }

    fn body(&self, u: &mut Unstructured<'_>) -> ArbitraryResult<String> {
        let envelope = self.envelope(u)?;
        let text = envelope.to_string();
        Ok(match u.int_in_range(0..=9)? {
            // Cut short.
            0 => {
                let mut end = u.int_in_range(0..=text.len())?;
                while !text.is_char_boundary(end) {
                    end -= 1;
                }
                text[..end].to_owned()
            }
            // A few bytes changed.
            1 => {
                let mut bytes = text.into_bytes();
                for _ in 0..u.int_in_range(1..=4)? {
                    if bytes.is_empty() {
                        break;
                    }
                    let at = u.choose_index(bytes.len())?;
                    bytes[at] = u.arbitrary()?;
                }
                String::from_utf8_lossy(&bytes).into_owned()
            }
            // Noise.
            2 => {
                let len = u.int_in_range(0..=64)?;
                String::from_utf8_lossy(u.bytes(len)?).into_owned()
            }
            _ => text,
        })
    }

    fn envelope(&self, u: &mut Unstructured<'_>) -> ArbitraryResult<Value> {
        let mut envelope = Map::new();
        if u.ratio(4, 5)? {
            envelope.insert("auth".into(), self.credential(u)?);
        }
        if u.ratio(1, 4)? {
            let id = self.value(u, 1)?;
            let mut credential = self.credential(u)?;
            if let Value::Object(map) = &mut credential {
                map.insert("id".into(), id);
            }
            envelope.insert("credentials".into(), json!([credential]));
        }
        for key in ["request", "settings", "page", "include_raw_data"] {
            if u.ratio(3, 4)? {
                let value = if u.ratio(1, 2)? {
                    self.plausible(key, u)?
                } else {
                    self.value(u, 3)?
                };
                envelope.insert(key.into(), value);
            }
        }
        for _ in 0..u.int_in_range(0..=2)? {
            let key = (*u.choose(KEYS)?).to_owned();
            let value = self.value(u, 2)?;
            envelope.insert(key, value);
        }
        Ok(Value::Object(envelope))
    }

    /// A value of the right shape for `key`, usually.
    fn plausible(&self, key: &str, u: &mut Unstructured<'_>) -> ArbitraryResult<Value> {
        Ok(match key {
            "page" => json!({"token": self.value(u, 1)?, "size": self.number(u)?}),
            "include_raw_data" => Value::Bool(u.arbitrary()?),
            "settings" => json!({"host": self.string(u)?, "base_url": self.string(u)?}),
            _ => {
                let mut request = Map::new();
                for _ in 0..u.int_in_range(0..=3)? {
                    request.insert(self.string(u)?, self.value(u, 2)?);
                }
                Value::Object(request)
            }
        })
    }

    /// A credential of a random kind, its secret fields holding the secret.
    fn credential(&self, u: &mut Unstructured<'_>) -> ArbitraryResult<Value> {
        let (kind, fields) = *u.choose(SECRET_FIELDS)?;
        let mut credential = Map::new();
        for field in fields {
            let secret = match u.int_in_range(0..=3)? {
                0 => Value::String(format!("{}{}", self.string(u)?, self.secret)),
                1 => Value::String(format!("x\", expected {}`", self.secret)),
                2 => json!([self.secret]),
                _ => Value::String(self.secret.clone()),
            };
            credential.insert((*field).to_owned(), secret);
        }
        if u.ratio(1, 2)? {
            credential.insert("username".into(), self.value(u, 1)?);
        }
        if u.ratio(1, 3)? {
            credential.insert((*u.choose(KEYS)?).to_owned(), self.value(u, 1)?);
        }
        Ok(json!({ kind: credential }))
    }

    fn string(&self, u: &mut Unstructured<'_>) -> ArbitraryResult<String> {
        Ok(match u.int_in_range(0..=3)? {
            0 => (*u.choose(AWKWARD)?).to_owned(),
            1 => "x".repeat(u.int_in_range(0..=5000)?),
            _ => u.arbitrary::<String>()?,
        })
    }

    fn number(&self, u: &mut Unstructured<'_>) -> ArbitraryResult<Value> {
        Ok(match u.int_in_range(0..=4)? {
            0 => Value::Number(Number::from(u.arbitrary::<i64>()?)),
            1 => Value::Number(Number::from(u64::MAX)),
            2 => Value::Number(Number::from(i64::MIN)),
            3 => Number::from_f64(u.arbitrary::<f64>()?).map_or(Value::Null, Value::Number),
            _ => Value::Number(Number::from(u.int_in_range(0..=10u64)?)),
        })
    }

    fn value(&self, u: &mut Unstructured<'_>, depth: u32) -> ArbitraryResult<Value> {
        let leaf = depth == 0 || u.ratio(2, 3)?;
        Ok(match (leaf, u.int_in_range(0..=4)?) {
            (true, 0) => Value::Null,
            (true, 1) => Value::Bool(u.arbitrary()?),
            (true, 2) => self.number(u)?,
            (true, _) => Value::String(self.string(u)?),
            (false, 0 | 1) => {
                let mut items = Vec::new();
                for _ in 0..u.int_in_range(0..=4)? {
                    items.push(self.value(u, depth - 1)?);
                }
                Value::Array(items)
            }
            (false, 2) => {
                // Deep nesting, cheaply.
                let mut value = Value::Null;
                for _ in 0..u.int_in_range(0..=200)? {
                    value = json!([value]);
                }
                value
            }
            (false, _) => {
                let mut map = Map::new();
                for _ in 0..u.int_in_range(0..=4)? {
                    let key = if u.ratio(1, 2)? {
                        (*u.choose(KEYS)?).to_owned()
                    } else {
                        self.string(u)?
                    };
                    map.insert(key, self.value(u, depth - 1)?);
                }
                Value::Object(map)
            }
        })
    }
}

impl Iterator for HostileBodies {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        loop {
            let bytes = self.bytes(1024);
            let mut u = Unstructured::new(&bytes);
            // Running out of bytes part way is not an error of the input
            // under test: draw again.
            if let Ok(body) = self.body(&mut u) {
                return Some(body);
            }
        }
    }
}

/// Checks an answer to a hostile body: one JSON document, a success or an
/// error envelope with every key, a known error code, and no trace of
/// `secret`. The error says which rule failed.
pub fn check_answer(answer: &str, secret: &str) -> Result<(), String> {
    if answer.contains(secret) {
        return Err(format!("the answer shows the secret: {answer}"));
    }
    let value: Value = serde_json::from_str(answer)
        .map_err(|e| format!("the answer is not one JSON document ({e}): {answer}"))?;
    let object = value
        .as_object()
        .ok_or_else(|| format!("the answer is not an object: {answer}"))?;
    if object.contains_key("response") {
        return Ok(());
    }
    let error = object
        .get("error")
        .filter(|_| object.get("is_error") == Some(&Value::Bool(true)))
        .and_then(Value::as_object)
        .ok_or_else(|| format!("neither a response nor an error envelope: {answer}"))?;
    for key in [
        "message",
        "status_code",
        "app_error_code",
        "error_code",
        "app_id",
        "raised_by",
        "raised_in",
    ] {
        if !error.contains_key(key) {
            return Err(format!("the error has no `{key}`: {answer}"));
        }
    }
    let code = error["error_code"].as_str().unwrap_or_default();
    if !ErrorCode::ALL.iter().any(|c| c.as_str() == code) {
        return Err(format!("unknown error code `{code}`: {answer}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ERROR: &str = r#"{"is_error":true,"error":{"message":"m","status_code":null,"app_error_code":null,"error_code":"bad_request","app_id":"a","raised_by":null,"raised_in":null},"raw_data":null,"page":null}"#;

    #[test]
    fn the_stream_is_reproducible_and_plants_the_secret() {
        let a: Vec<String> = HostileBodies::new(3, "S3CR3T").take(200).collect();
        let b: Vec<String> = HostileBodies::new(3, "S3CR3T").take(200).collect();
        assert_eq!(a, b);
        assert_ne!(a, HostileBodies::new(4, "S3CR3T").take(200).collect::<Vec<_>>());
        let planted = a.iter().filter(|body| body.contains("S3CR3T")).count();
        assert!(planted > 100, "{planted} of 200 carry the secret");
        let valid_json = a
            .iter()
            .filter(|b| serde_json::from_str::<Value>(b).is_ok())
            .count();
        assert!((50..200).contains(&valid_json), "{valid_json} of 200 are JSON");
    }

    #[test]
    fn answers_are_checked_for_shape_codes_and_the_secret() {
        assert_eq!(check_answer(ERROR, "S3CR3T"), Ok(()));
        assert_eq!(
            check_answer(r#"{"response":1,"raw_data":null}"#, "S3CR3T"),
            Ok(())
        );
        assert!(check_answer(&ERROR.replace("\"m\"", "\"S3CR3T\""), "S3CR3T").is_err());
        assert!(check_answer(&ERROR.replace("bad_request", "oops"), "S3CR3T").is_err());
        assert!(check_answer(&ERROR.replace("\"raised_in\":null", "\"x\":null"), "S3CR3T").is_err());
        assert!(check_answer("{} {}", "S3CR3T").is_err());
        assert!(check_answer("[]", "S3CR3T").is_err());
        assert!(check_answer(r#"{"is_error":false,"error":{}}"#, "S3CR3T").is_err());
    }
}
