//! OAuth 1.0a request signing with HMAC-SHA256, as the reference's
//! `connector.utils.oauth1_utils` signs (`use_oauth1_with_request`).
//!
//! An [`HttpClient`](super::HttpClient) built with
//! [`HttpClientBuilder::oauth1`](super::HttpClientBuilder::oauth1), or with
//! [`credential`](super::HttpClientBuilder::credential) for a request whose
//! `auth` is of kind `oauth1`, signs every request it sends to its base
//! URL's origin, each attempt and redirect with a nonce of its own.
//!
//! ```
//! use connector::client::{OAuth1Signer, Url};
//! use connector::models::OAuth1Credential;
//!
//! let credential = OAuth1Credential {
//!     consumer_key: "ck".into(),
//!     consumer_secret: "cs".into(),
//!     token_id: "tk".into(),
//!     token_secret: "ts".into(),
//! };
//! let signer = OAuth1Signer::new(&credential).realm("1234567");
//! let url = Url::parse("https://api.example.com/v1/users?limit=2").unwrap();
//! let header = signer.authorization_at("GET", &url, b"", "abcdefghijklmnop", 1700000000);
//! assert!(header.starts_with(r#"OAuth realm="1234567",oauth_consumer_key="ck",oauth_token="tk","#));
//! ```
//!
//! What the reference does, and so this does too:
//! - the signed parameters are the query's and the `oauth_*` ones, one value
//!   per name (the query's last non-empty one), sorted by name;
//! - POST, PUT and PATCH requests carry `oauth_body_hash`, the base64
//!   SHA-256 of the body *as Python prints a `bytes` value* (`b'{"a": 1}'`),
//!   not of the body itself: an app that checks the hash against the body
//!   rejects it, as it rejects the reference's;
//! - the realm is written as given, not percent-encoded.

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine;
use hmac::{Hmac, Mac};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Url;
use sha2::{Digest, Sha256};

use crate::models::{OAuth1Credential, Secret};

/// RFC 3986's unreserved characters stay as they are; everything else is
/// `%XX`, as Python's `urllib.parse.quote(value, safe="")` writes it.
const ENCODED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The methods whose requests carry `oauth_body_hash`.
const HASHED_METHODS: [&str; 3] = ["POST", "PUT", "PATCH"];

/// How many characters a nonce has.
const NONCE_LENGTH: usize = 16;

/// Signs requests with an OAuth 1.0a credential: builds the
/// `Authorization: OAuth ...` header of one request.
///
/// Its `Debug` output shows neither secret.
#[derive(Clone)]
pub struct OAuth1Signer {
    consumer_key: String,
    consumer_secret: Secret,
    token_id: String,
    token_secret: Secret,
    realm: Option<String>,
}

impl std::fmt::Debug for OAuth1Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OAuth1Signer")
            .field("consumer_key", &self.consumer_key)
            .field("token_id", &self.token_id)
            .field("realm", &self.realm)
            .finish_non_exhaustive()
    }
}

impl From<&OAuth1Credential> for OAuth1Signer {
    fn from(credential: &OAuth1Credential) -> Self {
        Self::new(credential)
    }
}

impl OAuth1Signer {
    /// A signer for this consumer and token, without a realm.
    pub fn new(credential: &OAuth1Credential) -> Self {
        Self {
            consumer_key: credential.consumer_key.clone(),
            consumer_secret: credential.consumer_secret.clone(),
            token_id: credential.token_id.clone(),
            token_secret: credential.token_secret.clone(),
            realm: None,
        }
    }

    /// Puts `realm="..."` first in the header (NetSuite, for one, wants its
    /// account id there). An empty realm is left out, as the reference
    /// leaves it out.
    pub fn realm(mut self, realm: impl Into<String>) -> Self {
        let realm = realm.into();
        self.realm = (!realm.is_empty()).then_some(realm);
        self
    }

    /// The realm, if one is set.
    pub fn realm_value(&self) -> Option<&str> {
        self.realm.as_deref()
    }

    /// The header value for a request of `method` to `url` with this body
    /// (empty when there is none), with a fresh nonce and the current time.
    pub fn authorization(&self, method: &str, url: &Url, body: &[u8]) -> String {
        let timestamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        self.authorization_at(method, url, body, &nonce(), timestamp)
    }

    /// The header value with this nonce and timestamp (seconds since the
    /// Unix epoch): what [`authorization`](Self::authorization) sends, made
    /// repeatable for tests.
    pub fn authorization_at(
        &self,
        method: &str,
        url: &Url,
        body: &[u8],
        nonce: &str,
        timestamp: u64,
    ) -> String {
        let method = method.to_ascii_uppercase();
        let mut oauth: Vec<(&str, String)> = vec![
            ("oauth_consumer_key", self.consumer_key.clone()),
            ("oauth_token", self.token_id.clone()),
            ("oauth_nonce", nonce.to_owned()),
            ("oauth_timestamp", timestamp.to_string()),
            ("oauth_signature_method", "HMAC-SHA256".to_owned()),
            ("oauth_version", "1.0".to_owned()),
        ];
        if HASHED_METHODS.contains(&method.as_str()) {
            oauth.push(("oauth_body_hash", body_hash(body)));
        }

        let mut signed = query_parameters(url);
        for (name, value) in &oauth {
            signed.insert((*name).to_owned(), value.clone());
        }
        let parameters: Vec<String> = signed
            .iter()
            .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
            .collect();
        let base = format!(
            "{}&{}&{}",
            encode(&method),
            encode(base_url(url.as_str())),
            encode(&parameters.join("&"))
        );
        let key = format!(
            "{}&{}",
            encode(self.consumer_secret.expose()),
            encode(self.token_secret.expose())
        );
        let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes a key of any length");
        mac.update(base.as_bytes());
        let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        oauth.push(("oauth_signature", signature));

        let mut header = String::from("OAuth ");
        if let Some(realm) = &self.realm {
            header.push_str(&format!("realm=\"{realm}\","));
        }
        let fields: Vec<String> = oauth
            .iter()
            .map(|(name, value)| format!("{}=\"{}\"", encode(name), encode(value)))
            .collect();
        header.push_str(&fields.join(","));
        header
    }

    /// The secrets, for hiding should an app echo them.
    pub(crate) fn secret_values(&self) -> [&str; 2] {
        [self.consumer_secret.expose(), self.token_secret.expose()]
    }
}

/// `oauth_body_hash` of a request with this body, as the reference computes
/// it for a request: the base64 SHA-256 of Python's `str()` of the body's
/// bytes (`b''` for an empty body).
pub fn body_hash(body: &[u8]) -> String {
    let printed = python_bytes_repr(body);
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(printed.as_bytes()))
}

/// A fresh nonce: 16 random letters and digits.
fn nonce() -> String {
    (0..NONCE_LENGTH).map(|_| fastrand::alphanumeric()).collect()
}

/// RFC 3986 percent-encoding, `~` left as it is.
fn encode(value: &str) -> String {
    utf8_percent_encode(value, ENCODED).to_string()
}

/// The URL without query, fragment and the `;params` of its last path
/// segment, which Python's `urlparse` splits off the path.
fn base_url(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let url = &url[..end];
    let authority = url.find("://").map_or(0, |i| i + 3);
    let path = url[authority..].find('/').map_or(url.len(), |i| authority + i);
    let last_segment = path + url[path..].rfind('/').unwrap_or(0);
    match url[last_segment..].find(';') {
        Some(i) => &url[..last_segment + i],
        None => url,
    }
}

/// The query's parameters by name: the last non-empty value of each, or an
/// empty one when it had no other (httpx's first value, overridden by what
/// `parse_qsl` keeps, as the reference merges them).
fn query_parameters(url: &Url) -> BTreeMap<String, String> {
    let mut parameters = BTreeMap::new();
    for (name, value) in url.query_pairs() {
        if value.is_empty() {
            parameters.entry(name.into_owned()).or_insert_with(String::new);
        } else {
            parameters.insert(name.into_owned(), value.into_owned());
        }
    }
    parameters
}

/// Python's `repr()` of a `bytes` value.
fn python_bytes_repr(bytes: &[u8]) -> String {
    let quote = if bytes.contains(&b'\'') && !bytes.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(bytes.len() + 3);
    out.push('b');
    out.push(quote);
    for &byte in bytes {
        match byte {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            _ if char::from(byte) == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(char::from(byte)),
            _ => out.push_str(&format!("\\x{byte:02x}")),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signer() -> OAuth1Signer {
        OAuth1Signer::new(&OAuth1Credential {
            consumer_key: "consumer key".into(),
            consumer_secret: "consumer&secret".into(),
            token_id: "token~id".into(),
            token_secret: "token secret".into(),
        })
    }

    #[test]
    fn bytes_print_as_python_prints_them() {
        assert_eq!(python_bytes_repr(b""), "b''");
        assert_eq!(python_bytes_repr(br#"{"a": 1}"#), r#"b'{"a": 1}'"#);
        assert_eq!(python_bytes_repr(b"it's"), r#"b"it's""#);
        assert_eq!(python_bytes_repr(br#"it's "x""#), r#"b'it\'s "x"'"#);
        assert_eq!(
            python_bytes_repr(b"\\\t\n\r\x00\x7f\xc3\xa9"),
            r"b'\\\t\n\r\x00\x7f\xc3\xa9'"
        );
    }

    #[test]
    fn the_body_hash_is_of_the_printed_bytes() {
        // Recorded from connector-py's `calculate_body_hash(b'{"a":1}')`.
        assert_eq!(
            body_hash(br#"{"a":1}"#),
            "YpHFb9axRiQQ1AzaZ09bh4oO5lsEdnb0oZ7Dugl8Abw="
        );
        assert_eq!(body_hash(b""), "HfhjmlN2nfjXyTbxJH+s3/RjbhG0PXuGj5ZwnrZyNdU=");
    }

    #[test]
    fn encoding_leaves_only_unreserved_characters() {
        assert_eq!(encode("a-b.c_d~e f&g=h/é"), "a-b.c_d~e%20f%26g%3Dh%2F%C3%A9");
    }

    #[test]
    fn the_base_url_drops_query_fragment_and_last_segment_params() {
        assert_eq!(base_url("https://h:8443/a/b?x=1#f"), "https://h:8443/a/b");
        assert_eq!(base_url("https://h/a;v=1/b;type=x?q"), "https://h/a;v=1/b");
        assert_eq!(base_url("https://h"), "https://h");
        assert_eq!(base_url("https://u:p@h/"), "https://u:p@h/");
    }

    #[test]
    fn query_values_merge_as_the_reference_merges_them() {
        let url = Url::parse("https://h/p?b=1&a=&b=2&c=x&c=&d&e=%20+").unwrap();
        let merged: Vec<(String, String)> = query_parameters(&url).into_iter().collect();
        let expected = [("a", ""), ("b", "2"), ("c", "x"), ("d", ""), ("e", "  ")];
        assert_eq!(
            merged,
            expected.map(|(k, v)| (k.to_owned(), v.to_owned())).to_vec()
        );
    }

    #[test]
    fn the_header_lists_the_oauth_fields_in_order_without_spaces() {
        let url = Url::parse("https://api.example.com/v1/users?limit=2").unwrap();
        let header = signer()
            .realm("ACCT 1")
            .authorization_at("post", &url, b"{}", "nonce", 1);
        let fields: Vec<&str> = header
            .strip_prefix("OAuth ")
            .unwrap()
            .split(',')
            .map(|f| f.split('=').next().unwrap())
            .collect();
        assert_eq!(
            fields,
            [
                "realm",
                "oauth_consumer_key",
                "oauth_token",
                "oauth_nonce",
                "oauth_timestamp",
                "oauth_signature_method",
                "oauth_version",
                "oauth_body_hash",
                "oauth_signature"
            ]
        );
        assert!(header.contains(r#"realm="ACCT 1","#), "{header}");
        assert!(
            header.contains(r#"oauth_consumer_key="consumer%20key""#),
            "{header}"
        );
        assert!(header.contains(r#"oauth_token="token~id""#), "{header}");
        assert!(!header.contains("secret"), "{header}");
        let get = signer().authorization_at("GET", &url, b"{}", "nonce", 1);
        assert!(
            !get.contains("oauth_body_hash") && !get.contains("realm"),
            "{get}"
        );
    }

    #[test]
    fn nonces_are_sixteen_letters_or_digits_and_differ() {
        let (a, b) = (nonce(), nonce());
        assert_eq!(a.len(), 16);
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric()), "{a}");
        assert_ne!(a, b);
        let url = Url::parse("https://h/").unwrap();
        assert_ne!(
            signer().authorization("GET", &url, b""),
            signer().authorization("GET", &url, b"")
        );
    }

    #[test]
    fn debug_shows_no_secret() {
        let shown = format!("{:?}", signer());
        assert!(!shown.contains("secret"), "{shown}");
    }
}
