//! Opaque page tokens that carry a stack of per-endpoint cursors.
//!
//! A capability that walks several endpoints (say, every group and then each
//! group's members) keeps one [`Cursor`] per level. The stack is serialized,
//! checksummed and encoded as URL-safe base64, so a token can travel in a URL
//! and a token that was cut, edited or made up is refused with an
//! `invalid_page_token` error instead of being misread.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::Error;
use crate::models::Page;

const VERSION: u8 = 1;
const CHECKSUM_LEN: usize = 8;

/// Where one endpoint's listing stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// Items skipped so far (`offset`, `startIndex - 1`...).
    Offset(u64),
    /// The next page number.
    PageNumber(u64),
    /// An opaque cursor the app handed out.
    Cursor(String),
    /// The full URL of the next page (`Link: rel="next"`, `@odata.nextLink`...).
    NextLink(String),
}

/// One level of the stack: an endpoint and where its listing stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    /// The endpoint (or any name the connector gives the level).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// Where its listing stands.
    pub position: Position,
}

impl Cursor {
    /// A cursor at `position` on `endpoint`.
    pub fn new(endpoint: impl Into<String>, position: Position) -> Self {
        Self {
            endpoint: Some(endpoint.into()),
            position,
        }
    }

    /// The offset, if the position is one.
    pub fn offset(&self) -> Option<u64> {
        match self.position {
            Position::Offset(o) => Some(o),
            _ => None,
        }
    }
}

/// A stack of cursors, encoded as an opaque, URL-safe page token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageToken {
    cursors: Vec<Cursor>,
}

impl PageToken {
    /// An empty stack: the first page.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the token of a request; no token (or an empty one) is the first page.
    pub fn from_request(token: Option<&str>) -> Result<Self, Error> {
        match token {
            None | Some("") => Ok(Self::new()),
            Some(t) => Self::decode(t),
        }
    }

    /// Decodes a token made by [`PageToken::encode`].
    pub fn decode(token: &str) -> Result<Self, Error> {
        let invalid =
            || Error::invalid_page_token("The page token is not valid: ask for the first page again.");
        let bytes = URL_SAFE_NO_PAD.decode(token.trim()).map_err(|_| invalid())?;
        let (header, json) = bytes.split_at_checked(1 + CHECKSUM_LEN).ok_or_else(invalid)?;
        if header[0] != VERSION || header[1..] != checksum(json) {
            return Err(invalid());
        }
        let cursors = serde_json::from_slice(json).map_err(|_| invalid())?;
        Ok(Self { cursors })
    }

    /// The token, or `None` when the stack is empty (the listing is over).
    pub fn encode(&self) -> Option<String> {
        if self.cursors.is_empty() {
            return None;
        }
        let json = serde_json::to_vec(&self.cursors).ok()?;
        let mut bytes = Vec::with_capacity(1 + CHECKSUM_LEN + json.len());
        bytes.push(VERSION);
        bytes.extend_from_slice(&checksum(&json));
        bytes.extend_from_slice(&json);
        Some(URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Takes the innermost cursor off the stack.
    pub fn pop(&mut self) -> Option<Cursor> {
        self.cursors.pop()
    }

    /// Puts a cursor on the stack.
    pub fn push(&mut self, cursor: Cursor) {
        self.cursors.push(cursor);
    }

    /// The innermost cursor.
    pub fn current(&self) -> Option<&Cursor> {
        self.cursors.last()
    }

    /// Every cursor, outermost first.
    pub fn cursors(&self) -> &[Cursor] {
        &self.cursors
    }

    /// The `page` to answer with: this token and `size`, or `None` when the
    /// stack is empty.
    pub fn into_page(self, size: usize) -> Option<Page> {
        self.encode().map(|token| Page {
            token: Some(token),
            size: Some(i32::try_from(size).unwrap_or(i32::MAX)),
        })
    }
}

fn checksum(json: &[u8]) -> [u8; CHECKSUM_LEN] {
    let digest = Sha256::digest(json);
    let mut out = [0u8; CHECKSUM_LEN];
    out.copy_from_slice(&digest[..CHECKSUM_LEN]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::ErrorCode;

    fn code(e: Error) -> ErrorCode {
        e.as_connector_error().unwrap().error_code
    }

    #[test]
    fn round_trip_keeps_the_stack() {
        let mut t = PageToken::new();
        t.push(Cursor::new("/groups", Position::Offset(40)));
        t.push(Cursor::new("/groups/7/members", Position::Cursor("abc".into())));
        let encoded = t.encode().unwrap();
        assert!(
            encoded
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_eq!(PageToken::decode(&encoded).unwrap(), t);
    }

    #[test]
    fn empty_stack_has_no_token() {
        assert_eq!(PageToken::new().encode(), None);
        assert_eq!(PageToken::new().into_page(10), None);
        assert_eq!(PageToken::from_request(None).unwrap(), PageToken::new());
    }

    #[test]
    fn garbage_truncated_and_tampered_tokens_are_refused() {
        let mut t = PageToken::new();
        t.push(Cursor::new("/users", Position::Offset(100)));
        let good = t.encode().unwrap();
        for bad in ["zz", "!!!", "", "AQ", &good[..good.len() - 3]] {
            if bad.is_empty() {
                continue;
            }
            assert_eq!(
                code(PageToken::decode(bad).unwrap_err()),
                ErrorCode::InvalidPageToken,
                "{bad}"
            );
        }
        let mut bytes = URL_SAFE_NO_PAD.decode(&good).unwrap();
        let last = bytes.len() - 3;
        bytes[last] ^= 1;
        let tampered = URL_SAFE_NO_PAD.encode(bytes);
        assert_eq!(
            code(PageToken::decode(&tampered).unwrap_err()),
            ErrorCode::InvalidPageToken
        );
    }
}
