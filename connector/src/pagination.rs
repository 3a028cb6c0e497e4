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

/// One paged listing: the request's page size and where the listing stands,
/// and the `page` to answer with.
///
/// ```
/// use connector::pagination::Pager;
///
/// // First call: no token.
/// let pager = Pager::new("/users", None, 2)?;
/// assert_eq!(pager.offset()?, 0);
/// let page = pager.next_offset(2, Some(3)).expect("one more user");
/// // Second call, with the token handed back.
/// let pager = Pager::new("/users", page.token.as_deref(), 2)?;
/// assert_eq!(pager.offset()?, 2);
/// assert!(pager.next_offset(1, Some(3)).is_none(), "no token on the last page");
/// # Ok::<(), connector::Error>(())
/// ```
///
/// Offset, page-number, cursor and next-link paging each have a reader
/// ([`Pager::offset`], [`Pager::page_number`], [`Pager::cursor`],
/// [`Pager::next_link`]) and a finisher that builds the next [`Page`] (none
/// on the last page). Cursors of outer levels in the token are kept, so a
/// listing nested in another resumes the outer one when it ends.
#[derive(Debug, Clone)]
pub struct Pager {
    endpoint: String,
    size: usize,
    outer: PageToken,
    current: Option<Position>,
}

impl Pager {
    /// Reads `token` for the listing of `endpoint`, `size` items per page.
    ///
    /// A token made for another endpoint, or that does not decode, is an
    /// `invalid_page_token` error.
    pub fn new(endpoint: impl Into<String>, token: Option<&str>, size: usize) -> Result<Self, Error> {
        let endpoint = endpoint.into();
        let mut outer = PageToken::from_request(token)?;
        let current = match outer.pop() {
            None => None,
            Some(c) if c.endpoint.as_deref() == Some(endpoint.as_str()) => Some(c.position),
            Some(_) => {
                return Err(Error::invalid_page_token(format!(
                    "The page token was not made for listing {endpoint}."
                )));
            }
        };
        Ok(Self {
            endpoint,
            size: size.max(1),
            outer,
            current,
        })
    }

    /// The page size to ask the app for.
    pub fn size(&self) -> usize {
        self.size
    }

    /// Whether this is the first page of the listing.
    pub fn is_first(&self) -> bool {
        self.current.is_none()
    }

    fn wrong_kind(&self) -> Error {
        Error::invalid_page_token(format!(
            "The page token does not hold a position of the kind listing {} uses.",
            self.endpoint
        ))
    }

    /// Items to skip (0 on the first page).
    pub fn offset(&self) -> Result<u64, Error> {
        match &self.current {
            None => Ok(0),
            Some(Position::Offset(o)) => Ok(*o),
            Some(_) => Err(self.wrong_kind()),
        }
    }

    /// The page number to ask for (`first` on the first page: 0 or 1 as the app counts).
    pub fn page_number(&self, first: u64) -> Result<u64, Error> {
        match &self.current {
            None => Ok(first),
            Some(Position::PageNumber(n)) => Ok(*n),
            Some(_) => Err(self.wrong_kind()),
        }
    }

    /// The app's cursor (none on the first page).
    pub fn cursor(&self) -> Result<Option<&str>, Error> {
        match &self.current {
            None => Ok(None),
            Some(Position::Cursor(c)) => Ok(Some(c)),
            Some(_) => Err(self.wrong_kind()),
        }
    }

    /// The URL of the page to fetch (none on the first page).
    pub fn next_link(&self) -> Result<Option<&str>, Error> {
        match &self.current {
            None => Ok(None),
            Some(Position::NextLink(l)) => Ok(Some(l)),
            Some(_) => Err(self.wrong_kind()),
        }
    }

    fn finish(mut self, next: Option<Position>) -> Option<Page> {
        let size = self.size;
        if let Some(position) = next {
            let endpoint = self.endpoint.clone();
            self.outer.push(Cursor::new(endpoint, position));
        }
        self.outer.into_page(size)
    }

    /// The next page after `returned` items from the current offset.
    ///
    /// With the app's `total`, the listing ends when it is reached (an app
    /// may return fewer items than asked on any page); without one, when
    /// fewer than a page came back. An empty page always ends it.
    pub fn next_offset(self, returned: usize, total: Option<u64>) -> Option<Page> {
        let offset = self.offset().unwrap_or(0);
        let next = offset + returned as u64;
        let more = returned > 0
            && match total {
                Some(t) => next < t,
                None => returned >= self.size,
            };
        self.finish(more.then_some(Position::Offset(next)))
    }

    /// The next page number after a page of `returned` items; the listing
    /// ends when fewer than a page came back or `last` (the last page number) is reached.
    pub fn next_page_number(self, first: u64, returned: usize, last: Option<u64>) -> Option<Page> {
        let current = self.page_number(first).unwrap_or(first);
        let more = returned > 0 && returned >= self.size && last.is_none_or(|l| current < l);
        self.finish(more.then_some(Position::PageNumber(current + 1)))
    }

    /// The next page from the app's next cursor (none or empty: the listing ends).
    pub fn next_cursor(self, cursor: Option<String>) -> Option<Page> {
        let next = cursor.filter(|c| !c.is_empty()).map(Position::Cursor);
        self.finish(next)
    }

    /// The next page from the app's next-page URL (none or empty: the listing ends).
    pub fn next_page_link(self, link: Option<String>) -> Option<Page> {
        let next = link.filter(|l| !l.is_empty()).map(Position::NextLink);
        self.finish(next)
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

    #[test]
    fn offset_paging_walks_to_the_end() {
        let mut token: Option<String> = None;
        let mut seen = Vec::new();
        loop {
            let pager = Pager::new("/users", token.as_deref(), 4).unwrap();
            let offset = pager.offset().unwrap();
            let returned = (10 - offset).min(4) as usize;
            seen.push(offset);
            match pager.next_offset(returned, None) {
                Some(page) => {
                    assert_eq!(page.size, Some(4));
                    token = page.token;
                }
                None => break,
            }
        }
        assert_eq!(seen, [0, 4, 8]);
        // With a total, a full last page ends the listing without an empty extra call,
        // and a short page that is not the last one does not.
        let pager = Pager::new("/users", None, 5).unwrap();
        assert!(pager.next_offset(5, Some(5)).is_none());
        let pager = Pager::new("/users", None, 5).unwrap();
        assert!(pager.next_offset(3, Some(9)).is_some());
    }

    #[test]
    fn page_number_cursor_and_link_paging() {
        let p = Pager::new("/p", None, 2).unwrap();
        assert_eq!(p.page_number(1).unwrap(), 1);
        let page = p.next_page_number(1, 2, Some(2)).unwrap();
        let p = Pager::new("/p", page.token.as_deref(), 2).unwrap();
        assert_eq!(p.page_number(1).unwrap(), 2);
        assert!(p.next_page_number(1, 2, Some(2)).is_none());

        let p = Pager::new("/c", None, 2).unwrap();
        assert_eq!(p.cursor().unwrap(), None);
        let page = p.next_cursor(Some("abc".into())).unwrap();
        let p = Pager::new("/c", page.token.as_deref(), 2).unwrap();
        assert_eq!(p.cursor().unwrap(), Some("abc"));
        assert!(p.clone().next_cursor(Some(String::new())).is_none());
        assert!(p.next_link().is_err(), "a cursor is not a link");

        let p = Pager::new("/l", None, 2).unwrap();
        let page = p.next_page_link(Some("https://h/x?page=2".into())).unwrap();
        let p = Pager::new("/l", page.token.as_deref(), 2).unwrap();
        assert_eq!(p.next_link().unwrap(), Some("https://h/x?page=2"));
    }

    #[test]
    fn pager_refuses_tokens_of_other_listings_and_keeps_outer_levels() {
        let page = Pager::new("/groups", None, 2)
            .unwrap()
            .next_offset(2, None)
            .unwrap();
        let e = Pager::new("/users", page.token.as_deref(), 2).unwrap_err();
        assert_eq!(code(e), ErrorCode::InvalidPageToken);
        let e = Pager::new("/users", Some("garbage"), 2).unwrap_err();
        assert_eq!(code(e), ErrorCode::InvalidPageToken);

        let mut outer = PageToken::new();
        outer.push(Cursor::new("/groups", Position::Offset(7)));
        outer.push(Cursor::new("/groups/7/members", Position::Offset(2)));
        let token = outer.encode().unwrap();
        let p = Pager::new("/groups/7/members", Some(&token), 2).unwrap();
        assert_eq!(p.offset().unwrap(), 2);
        // The inner listing ends: the token resumes the outer one.
        let page = p.next_offset(1, None).unwrap();
        let back = PageToken::decode(page.token.as_deref().unwrap()).unwrap();
        assert_eq!(back.cursors(), &[Cursor::new("/groups", Position::Offset(7))]);
    }
}
