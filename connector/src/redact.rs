//! Hiding secrets and personal data before they reach a log or a message.
//!
//! Header names are matched by substring (`x-auth-token` contains `token`),
//! JSON keys and query parameters by their whole name, both without regard
//! to case, following the lists the reference uses. Known secret values are
//! replaced wherever they occur ([`secrets`]).

#[cfg(feature = "client")]
use reqwest::header::HeaderMap;
use serde_json::Value;

/// What replaces a hidden value.
pub const REDACTED: &str = "[REDACTED]";

/// Longest body text that goes to a log line.
pub const MAX_LOGGED_BODY: usize = 1000;

const SENSITIVE_HEADER_PARTS: &[&str] = &[
    "authorization",
    "auth",
    "token",
    "api-key",
    "apikey",
    "client-secret",
    "client_secret",
    "bearer",
    "jwt",
    "session",
    "cookie",
    "basic",
    "password",
    "secret",
    "private-key",
    "access-key",
    "access_key",
    "exo_cert_thumbprint",
];

/// The keys whose values are credentials.
const SECRET_KEYS: &[&str] = &[
    "access_token",
    "refresh_token",
    "id_token",
    "temporary_password",
    "token",
    "api_key",
    "apikey",
    "api key",
    "api_token",
    "api_secret",
    "client_secret",
    "client secret",
    "consumer_secret",
    "token_secret",
    "password",
    "secret",
    "auth_token",
    "auth token",
    "jwt",
    "bearer",
    "private_key",
];

/// The keys whose values are personal data.
const PERSONAL_KEYS: &[&str] = &[
    "ssn",
    "social security",
    "tax id",
    "ein",
    "national id",
    "passport number",
    "driver license",
    "date",
    "birth",
    "dob",
    "birthdate",
    "phone",
    "mobile",
    "cell",
    "telephone",
    "phonenumbers",
    "email",
    "mail",
    "emails",
    "street",
    "streetaddress",
    "city",
    "locality",
    "state",
    "region",
    "zip",
    "postal",
    "postalcode",
    "country",
    "addresses",
    "card number",
    "cvv",
    "cvc",
    "pin",
    "account number",
];

/// Whether a header of this name carries a secret.
pub fn is_sensitive_header(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    SENSITIVE_HEADER_PARTS.iter().any(|part| name.contains(part))
}

/// Whether a JSON key or query parameter of this name carries a secret or personal data.
pub fn is_sensitive_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    SECRET_KEYS.contains(&key.as_str())
        || PERSONAL_KEYS.contains(&key.as_str())
        || key.starts_with("address line")
}

/// Whether a JSON key, form field or query parameter of this name carries a
/// credential (personal data aside): the credential half of
/// [`is_sensitive_key`].
#[cfg(all(feature = "testing", feature = "client"))]
pub(crate) fn is_secret_key(key: &str) -> bool {
    SECRET_KEYS.contains(&key.to_ascii_lowercase().as_str())
}

/// A JSON value with every value under a key that `hidden` names replaced by
/// [`REDACTED`], at any depth, and every scalar so hidden, as text.
#[cfg(all(feature = "testing", feature = "client"))]
pub(crate) fn hide_keys(value: &Value, hidden: &dyn Fn(&str) -> bool) -> (Value, Vec<String>) {
    let mut found = Vec::new();
    collect_under(value, hidden, &mut found);
    (hide_under(value, hidden, REDACTED), found)
}

#[cfg(feature = "client")]
/// The headers as `name: value` pairs with secret values hidden.
pub fn headers(headers: &HeaderMap) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| {
            let shown = if is_sensitive_header(name.as_str()) || value.is_sensitive() {
                REDACTED.to_owned()
            } else {
                String::from_utf8_lossy(value.as_bytes()).into_owned()
            };
            (name.as_str().to_owned(), shown)
        })
        .collect()
}

/// A JSON value with every value under a sensitive key hidden, at any depth.
pub fn json(value: &Value) -> Value {
    hide_under(value, &is_sensitive_key, REDACTED)
}

/// The keys whose values the command-line arguments log hides, as the
/// reference lists them (matched whole, without regard to case).
const ARGUMENT_KEYS: &[&str] = &[
    "password",
    "secret",
    "token",
    "api_key",
    "api_token",
    "api_secret",
    "access_token",
    "refresh_token",
    "client_secret",
    "consumer_secret",
    "token_secret",
];

/// The variable naming, comma-separated, the keys the arguments log hides
/// besides the reference's own list.
pub const ADDITIONAL_KEYS_VAR: &str = "LUMOS_ADDITIONAL_REDACTED_LOG_KEYS";

/// A request envelope as the arguments log shows it: every value under one
/// of the reference's secret keys, one of `extra` (the connector's fields
/// marked `x-secret`) or of `LUMOS_ADDITIONAL_REDACTED_LOG_KEYS` written
/// `REDACTED`, as the reference writes it. Unlike the reference, numbers and
/// objects under such keys are hidden too, and so is a hidden value found
/// inside any other string (a password pasted into a settings field) and
/// the user info of a URL (`https://user:password@host`).
pub fn arguments(value: &Value, extra: &[String]) -> Value {
    let additional: Vec<String> = std::env::var(ADDITIONAL_KEYS_VAR)
        .unwrap_or_default()
        .split(',')
        .map(|k| k.trim().to_ascii_lowercase())
        .filter(|k| !k.is_empty())
        .chain(extra.iter().map(|k| k.to_ascii_lowercase()))
        .collect();
    let hidden = |key: &str| {
        let key = key.to_ascii_lowercase();
        ARGUMENT_KEYS.contains(&key.as_str()) || additional.contains(&key)
    };
    let mut found = Vec::new();
    collect_under(value, &hidden, &mut found);
    let mut shown = hide_under(value, &hidden, "REDACTED");
    let found: Vec<&str> = found.iter().map(String::as_str).collect();
    scrub_strings(&mut shown, &found);
    shown
}

/// The secret values a request's credentials carry (every value under a
/// key the arguments log hides, or under `key` and `private_key`), so that
/// an error line can be written without them whatever the message says.
pub(crate) fn credential_values(credentials: &Value) -> Vec<String> {
    let hidden = |key: &str| {
        let key = key.to_ascii_lowercase();
        ARGUMENT_KEYS.contains(&key.as_str()) || key == "key" || key == "private_key"
    };
    let mut found = Vec::new();
    collect_under(credentials, &hidden, &mut found);
    found
}

/// Every scalar under a hidden key, at any depth, as text.
fn collect_under(value: &Value, hidden: &dyn Fn(&str) -> bool, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                if hidden(k) {
                    collect_all(v, found);
                } else {
                    collect_under(v, hidden, found);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_under(v, hidden, found)),
        _ => {}
    }
}

fn collect_all(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::String(s) => found.push(s.clone()),
        Value::Number(n) => found.push(n.to_string()),
        Value::Object(map) => map.values().for_each(|v| collect_all(v, found)),
        Value::Array(items) => items.iter().for_each(|v| collect_all(v, found)),
        Value::Bool(_) | Value::Null => {}
    }
}

/// Hides the found values wherever else they occur: inside strings, and as
/// numbers of the same text.
fn scrub_strings(value: &mut Value, secret_values: &[&str]) {
    match value {
        Value::String(s) => {
            // URLs only: an e-mail address has an `@` too, and is no secret.
            let shown = if s.contains("://") {
                hide_userinfo(s)
            } else {
                s.clone()
            };
            *s = secrets(&shown, secret_values).replace(REDACTED, "REDACTED");
        }
        Value::Number(n) if secret_values.contains(&n.to_string().as_str()) => {
            *value = Value::String("REDACTED".to_owned());
        }
        Value::Object(map) => map.values_mut().for_each(|v| scrub_strings(v, secret_values)),
        Value::Array(items) => items.iter_mut().for_each(|v| scrub_strings(v, secret_values)),
        _ => {}
    }
}

fn hide_under(value: &Value, hidden: &dyn Fn(&str) -> bool, replacement: &str) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = if hidden(k) && !v.is_null() {
                        Value::String(replacement.to_owned())
                    } else {
                        hide_under(v, hidden, replacement)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| hide_under(v, hidden, replacement)).collect())
        }
        other => other.clone(),
    }
}

/// A body for a log line: JSON with the values under sensitive keys and the
/// known `secret_values` anywhere else (in strings and keys) hidden, before
/// it is cut to [`MAX_LOGGED_BODY`] characters (so no cut goes through a
/// value); anything else only by its size, since free text cannot be
/// searched for secrets reliably.
pub fn body(bytes: &[u8], secret_values: &[&str]) -> String {
    if bytes.is_empty() {
        return String::new();
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(mut value) => {
            hide_values_in_json(&mut value, secret_values);
            truncate(json(&value).to_string())
        }
        Err(_) => format!("<{} bytes, not JSON>", bytes.len()),
    }
}

/// Every string and key of `value` with the `secret_values` in it hidden.
pub(crate) fn hide_values_in_json(value: &mut Value, secret_values: &[&str]) {
    match value {
        Value::String(text) => *text = secrets(text, secret_values),
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| hide_values_in_json(v, secret_values)),
        Value::Object(map) => {
            let hidden = std::mem::take(map).into_iter().map(|(key, mut v)| {
                hide_values_in_json(&mut v, secret_values);
                (secrets(&key, secret_values), v)
            });
            *map = hidden.collect();
        }
        _ => {}
    }
}

#[cfg(feature = "client")]
/// A URL with the values of sensitive query parameters hidden.
pub fn url(url: &reqwest::Url) -> String {
    if url.query().is_none() {
        return url.to_string();
    }
    let mut shown = url.clone();
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| {
            let v = if is_sensitive_key(&k) {
                REDACTED.to_owned()
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    shown.query_pairs_mut().clear().extend_pairs(pairs);
    shown.to_string()
}

/// `url` without its query string and fragment, which may carry secrets.
pub fn strip_query(url: &str) -> &str {
    url.split(['?', '#']).next().unwrap_or(url)
}

/// `text` with every occurrence of each secret replaced by [`REDACTED`],
/// longest first, so that a secret inside another (a password inside its
/// basic credential) cannot leave part of the longer one.
///
/// Values shorter than four characters are left alone: replacing them would
/// garble the text without hiding anything worth hiding.
pub fn secrets(text: &str, secrets: &[&str]) -> String {
    let mut secrets: Vec<&str> = secrets.iter().copied().filter(|s| s.len() >= 4).collect();
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut out = text.to_owned();
    for secret in secrets {
        if out.contains(secret) {
            out = out.replace(secret, REDACTED);
        }
    }
    out
}

/// `text` cut to at most `limit` bytes at a character boundary.
pub(crate) fn prefix(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `bytes` cut to at most `limit`, leaving out a UTF-8 sequence the cut went through.
pub(crate) fn byte_prefix(bytes: &[u8], limit: usize) -> &[u8] {
    let cut = &bytes[..bytes.len().min(limit)];
    match std::str::from_utf8(cut) {
        Err(e) if e.error_len().is_none() => &cut[..e.valid_up_to()],
        _ => cut,
    }
}

/// `text`, which was cut, without the start of a secret the cut went
/// through (the rest of which was never read, so could not be hidden).
pub(crate) fn without_partial_secret<'a>(text: &'a str, secrets: &[&str]) -> &'a str {
    let longest = secrets
        .iter()
        .filter(|s| s.len() >= 4)
        .filter_map(|secret| {
            (1..secret.len())
                .rev()
                .filter(|&n| secret.is_char_boundary(n))
                .find(|&n| text.ends_with(&secret[..n]))
        })
        .max()
        .unwrap_or(0);
    &text[..text.len() - longest]
}

/// The forms in which a secret sent in a request may come back: as it is,
/// form- and percent-encoded (a form body or query string echoed), and
/// escaped inside a JSON string.
#[cfg(feature = "client")]
pub(crate) fn forms_of(secret: &str) -> Vec<String> {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
    // What form encoding leaves as it is.
    const KEPT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'*');
    let percent = utf8_percent_encode(secret, KEPT).to_string();
    let form = percent.replace("%20", "+");
    let json = serde_json::Value::String(secret.to_owned()).to_string();
    let json = json[1..json.len() - 1].to_owned();
    let mut forms = vec![secret.to_owned()];
    for other in [form, percent, json] {
        if !forms.contains(&other) {
            forms.push(other);
        }
    }
    forms
}

fn truncate(mut text: String) -> String {
    if text.len() > MAX_LOGGED_BODY {
        text.truncate(prefix(&text, MAX_LOGGED_BODY).len());
        text.push_str("...");
    }
    text
}

/// `url` as messages show it: a `user:password@` part and the values of
/// query parameters that carry secrets hidden, the rest byte for byte as sent.
pub(crate) fn url_text(url: &str) -> String {
    url_text_hiding(url, &is_sensitive_key)
}

/// `url` with a `user:password@` part and the values of the query
/// parameters that `hidden` names hidden, the rest byte for byte as sent.
pub(crate) fn url_text_hiding(url: &str, hidden: &dyn Fn(&str) -> bool) -> String {
    let url = hide_userinfo(url);
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url.as_str(), None),
    };
    let mut shown = base.to_owned();
    if let Some(query) = query {
        shown.push('?');
        for (i, pair) in query.split('&').enumerate() {
            if i > 0 {
                shown.push('&');
            }
            let key = pair.split('=').next().unwrap_or(pair);
            if hidden(&percent_decode(key)) {
                shown.push_str(key);
                shown.push('=');
                shown.push_str(REDACTED);
            } else {
                shown.push_str(pair);
            }
        }
    }
    shown
}

/// The user info of `url` replaced whole: a user name alone may be a key.
///
/// Text that does not parse is handled too, and generously: everything up to
/// the last `@` before the first `/` after the scheme counts as user info,
/// whatever `?`, `#` or `\\` a parser would have stopped at.
pub(crate) fn hide_userinfo(url: &str) -> String {
    let start = url.find("://").map_or(0, |i| i + 3);
    let rest = &url[start..];
    let authority = &rest[..rest.find('/').unwrap_or(rest.len())];
    match authority.rfind('@') {
        Some(at) => format!("{}{}{}", &url[..start], REDACTED, &rest[at..]),
        None => url.to_owned(),
    }
}

/// A query key as form encoding reads it (`+` is a space, `%XX` a byte).
pub(crate) fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_values_of_credentials_are_found_and_nothing_else() {
        let credentials = serde_json::json!([
            {"basic": {"username": "ada", "password": "pa55word"}},
            [{"id": "api", "token": {"token": "t0ken-value"}},
             {"id": "sa", "service_account": {"key": {"private_key": "-----BEGIN", "client_email": "x@y"}, "tenant_id": "t1"}},
             {"oauth_client_credentials": {"access_token": "at-1234", "client_id": "cid", "client_secret": "cs-5678"}}],
        ]);
        let mut found = credential_values(&credentials);
        found.sort();
        assert_eq!(
            found,
            [
                "-----BEGIN",
                "at-1234",
                "cs-5678",
                "pa55word",
                "t0ken-value",
                "x@y"
            ]
        );
    }

    #[test]
    fn the_arguments_log_hides_the_references_keys_and_the_marked_ones() {
        let request = serde_json::json!({
            "auth": {"basic": {"username": "u", "password": "p"}},
            "settings": {"account_id": "a", "Secret": 12, "tenant_key": "k", "nested": [{"API_KEY": "x", "n": 1}],
                "host": "tenant-pa55word.example", "base_url": "https://admin:hunter2@h.example/api", "admin": "ada@h.example"},
            "request": {"token": null},
            "auth2": {"password": "pa55word"},
        });
        assert_eq!(
            arguments(&request, &["tenant_key".to_owned()]),
            serde_json::json!({
                "auth": {"basic": {"username": "u", "password": "REDACTED"}},
                "settings": {"account_id": "a", "Secret": "REDACTED", "tenant_key": "REDACTED",
                    "nested": [{"API_KEY": "REDACTED", "n": 1}], "host": "tenant-REDACTED.example",
                    "base_url": "https://REDACTED@h.example/api", "admin": "ada@h.example"},
                "request": {"token": null},
                "auth2": {"password": "REDACTED"},
            })
        );
    }
    #[cfg(feature = "client")]
    use reqwest::header::{HeaderName, HeaderValue};

    #[cfg(feature = "client")]
    #[test]
    fn secret_headers_are_hidden_by_substring() {
        let mut h = HeaderMap::new();
        h.insert("authorization", HeaderValue::from_static("Bearer abc"));
        h.insert("x-api-key", HeaderValue::from_static("k"));
        h.insert(
            HeaderName::from_static("x-auth-token"),
            HeaderValue::from_static("t"),
        );
        h.insert("set-cookie", HeaderValue::from_static("s=1"));
        h.insert("content-type", HeaderValue::from_static("application/json"));
        let mut marked = HeaderValue::from_static("hidden-by-flag");
        marked.set_sensitive(true);
        h.insert("x-custom", marked);
        let shown = headers(&h);
        let get = |n: &str| shown.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        assert_eq!(get("authorization"), Some(REDACTED));
        assert_eq!(get("x-api-key"), Some(REDACTED));
        assert_eq!(get("x-auth-token"), Some(REDACTED));
        assert_eq!(get("set-cookie"), Some(REDACTED));
        assert_eq!(get("x-custom"), Some(REDACTED));
        assert_eq!(get("content-type"), Some("application/json"));
    }

    #[test]
    fn json_bodies_hide_secret_and_personal_values_at_any_depth() {
        let body = serde_json::json!({
            "access_token": "at", "Password": "p", "userName": "ada",
            "emails": [{"value": "a@x.io"}],
            "nested": [{"email": "b@x.io", "n": 1, "phone": null}],
            "Address Line 1": "1 Main St"
        });
        let out = json(&body);
        assert_eq!(out["access_token"], REDACTED);
        assert_eq!(out["Password"], REDACTED);
        assert_eq!(out["userName"], "ada");
        assert_eq!(out["emails"], REDACTED);
        assert_eq!(out["nested"][0]["email"], REDACTED);
        assert_eq!(out["nested"][0]["n"], 1);
        assert_eq!(out["nested"][0]["phone"], Value::Null);
        assert_eq!(out["Address Line 1"], REDACTED);
        assert!(!out.to_string().contains("a@x.io"));
    }

    #[test]
    fn other_bodies_are_shown_by_size_and_long_ones_cut() {
        assert_eq!(body(b"token=abc&x=1", &[]), "<13 bytes, not JSON>");
        assert_eq!(body(b"", &[]), "");
        let long = serde_json::json!({ "list": vec!["é"; 2000] }).to_string();
        let shown = body(long.as_bytes(), &[]);
        assert!(shown.len() <= MAX_LOGGED_BODY + 3 && shown.ends_with("..."));
    }

    #[cfg(feature = "client")]
    #[test]
    fn urls_hide_sensitive_query_values() {
        let u = reqwest::Url::parse("https://h/x?filter=a&access_token=s3cr3t&api_key=k").unwrap();
        let shown = url(&u);
        assert!(!shown.contains("s3cr3t") && !shown.contains("=k"), "{shown}");
        assert!(shown.contains("filter=a"));
    }

    #[test]
    fn query_and_fragment_are_stripped() {
        assert_eq!(strip_query("https://h/x?token=s#frag"), "https://h/x");
        assert_eq!(strip_query("https://h/x#a?b"), "https://h/x");
        assert_eq!(strip_query("https://h/x"), "https://h/x");
    }

    #[test]
    fn known_secret_values_are_replaced_wherever_they_occur() {
        assert_eq!(
            secrets("code abcd1234 bad", &["abcd1234", "x"]),
            "code [REDACTED] bad"
        );
        assert_eq!(
            secrets("abcd1234abcd1234 x", &["abcd1234", "x"]),
            "[REDACTED][REDACTED] x"
        );
    }

    #[test]
    fn cuts_fall_on_character_boundaries() {
        assert_eq!(prefix("abcdé", 5), "abcd");
        assert_eq!(prefix("abc", 5), "abc");
        assert_eq!(byte_prefix("abcdé".as_bytes(), 5), b"abcd");
        assert_eq!(
            byte_prefix(b"ab\xffcd", 4),
            b"ab\xffc",
            "invalid bytes stay, to be replaced"
        );
    }

    #[test]
    fn longer_secrets_are_hidden_first() {
        assert_eq!(
            secrets("Basic pass:word and pass", &["pass", "pass:word", "x"]),
            "Basic [REDACTED] and [REDACTED]"
        );
    }

    #[test]
    fn the_start_of_a_secret_at_the_cut_is_left_out() {
        assert_eq!(without_partial_secret("abc s3cr", &["s3cr3t"]), "abc ");
        assert_eq!(
            without_partial_secret("abc s3cr3", &["s3cr3t", "Bearer s3"]),
            "abc "
        );
        assert_eq!(
            without_partial_secret("abc Bearer s3", &["s3cr3t", "Bearer s3cr3t"]),
            "abc "
        );
        assert_eq!(without_partial_secret("abc", &["s3cr3t"]), "abc");
        assert_eq!(
            without_partial_secret("abc s", &["s3c"]),
            "abc s",
            "too short to be hidden at all"
        );
    }

    #[cfg(feature = "client")]
    #[cfg(feature = "client")]
    #[test]
    fn encoded_forms_are_known() {
        assert_eq!(forms_of("abc123"), ["abc123"]);
        assert_eq!(
            forms_of("a b/c\"d"),
            ["a b/c\"d", "a+b%2Fc%22d", "a%20b%2Fc%22d", "a b/c\\\"d"]
        );
    }
}
