//! Text from an upstream made fit for a message or a log line: cut to a
//! bound, and the secret values of the request that provoked it hidden.

use std::fmt;

use crate::redact::REDACTED;

/// The most bytes of an upstream's error body that messages and logs show
/// (and that the client reads); a longer body is cut there and marked
/// `… [cut: <size> bytes in all]`.
pub const MAX_ERROR_BODY: usize = 4096;

/// How large a body that was cut was in all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WholeSize {
    /// Counted to its end, or as its `Content-Length` declared.
    Exactly(u64),
    /// Reading stopped before its end, this many bytes in.
    #[cfg_attr(not(feature = "client"), allow(dead_code))]
    MoreThan(u64),
}

impl WholeSize {
    /// `4711 bytes`, or `more than 4711 bytes`.
    pub(crate) fn bytes(self) -> String {
        match self {
            WholeSize::Exactly(n) => format!("{n} bytes"),
            WholeSize::MoreThan(n) => format!("more than {n} bytes"),
        }
    }
}

/// The mark after the start of a text that was cut.
impl fmt::Display for WholeSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "… [cut: {} in all]", self.bytes())
    }
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

/// `text` with every occurrence of each secret replaced by `[REDACTED]`,
/// longest first, so that a secret inside another (a password inside its
/// basic credential) cannot leave part of the longer one. Values shorter
/// than four characters are left alone: hiding them would garble the text
/// without hiding anything worth hiding.
pub(crate) fn hide_values(text: &str, secrets: &[&str]) -> String {
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
    let mut forms = vec![secret.to_owned()];
    let mut form = String::new();
    let mut percent = String::new();
    for byte in secret.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => {
                form.push(char::from(byte));
                percent.push(char::from(byte));
            }
            b' ' => {
                form.push('+');
                percent.push_str("%20");
            }
            _ => {
                form.push_str(&format!("%{byte:02X}"));
                percent.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    let json = serde_json::Value::String(secret.to_owned()).to_string();
    let json = json[1..json.len() - 1].to_owned();
    for other in [form, percent, json] {
        if !forms.contains(&other) {
            forms.push(other);
        }
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

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
            hide_values("Basic pass:word and pass", &["pass", "pass:word", "x"]),
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
    #[test]
    fn encoded_forms_are_known() {
        assert_eq!(forms_of("abc123"), ["abc123"]);
        assert_eq!(
            forms_of("a b/c\"d"),
            ["a b/c\"d", "a+b%2Fc%22d", "a%20b%2Fc%22d", "a b/c\\\"d"]
        );
    }
}
