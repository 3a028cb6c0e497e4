//! Page tokens that carry a stack of per-endpoint cursors.
//!
//! A capability that walks several endpoints (say, every group and then each
//! group's members) keeps one cursor per level. The token is the stack
//! written as a MessagePack array of maps (field names as keys, in
//! declaration order, `None` kept as nil) in lower-case hex: the very bytes
//! connector-py writes for the same cursors, so a sync can move between a
//! Python connector and its Rust port between two pages.
//!
//! The cursor type is the connector's own serde struct; [`Cursor`] is the one
//! [`Pager`] uses, and its `{endpoint, offset}` form is the reference's usual
//! pagination model. A token that does not decode into the cursor type is an
//! `invalid_page_token` error. Tokens carry no integrity check: like the
//! reference's, they are positions, not credentials.

use std::fmt;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::models::Page;

/// Where one endpoint's listing stands.
///
/// Written flattened into its [`Cursor`], so `Offset(3)` on `/users` is the
/// map `{"endpoint": "/users", "offset": 3}`.
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
    #[serde(default)]
    pub endpoint: Option<String>,
    /// Where its listing stands.
    #[serde(flatten)]
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

/// The page token of the framework's own [`Cursor`]s, the one [`Pager`] reads and writes.
pub type PageToken = PageTokenOf<Cursor>;

/// A stack of cursors of the connector's type `C`, encoded as a page token.
///
/// ```
/// use connector::pagination::PageTokenOf;
/// use serde::{Deserialize, Serialize};
///
/// // The connector's own cursor, field for field its Python twin's model.
/// #[derive(Debug, PartialEq, Serialize, Deserialize)]
/// struct Pagination {
///     endpoint: Option<String>,
///     offset: u64,
/// }
///
/// let mut token = PageTokenOf::new();
/// token.push(Pagination { endpoint: Some("/users".into()), offset: 3 });
/// let text = token.encode().unwrap();
/// assert_eq!(text, "9182a8656e64706f696e74a62f7573657273a66f666673657403");
/// assert_eq!(PageTokenOf::<Pagination>::decode(&text)?, token);
/// # Ok::<(), connector::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct PageTokenOf<C> {
    cursors: Vec<C>,
}

impl<C> Default for PageTokenOf<C> {
    fn default() -> Self {
        Self { cursors: Vec::new() }
    }
}

impl<C: fmt::Debug> fmt::Debug for PageTokenOf<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.cursors).finish()
    }
}

impl<C: Serialize + DeserializeOwned> PageTokenOf<C> {
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

    /// Decodes a token made by [`PageTokenOf::encode`] or by connector-py.
    pub fn decode(token: &str) -> Result<Self, Error> {
        let invalid =
            || Error::invalid_page_token("The page token is not valid: ask for the first page again.");
        let bytes = hex::decode(token.trim()).map_err(|_| invalid())?;
        let cursors = rmp_serde::from_slice(&bytes).map_err(|_| invalid())?;
        Ok(Self { cursors })
    }

    /// The token, or `None` when the stack is empty (the listing is over).
    pub fn encode(&self) -> Option<String> {
        if self.cursors.is_empty() {
            return None;
        }
        // Writing plain structs, strings and numbers to a Vec cannot fail; a
        // cursor type whose Serialize impl fails has no token to give.
        let bytes = rmp_serde::to_vec_named(&self.cursors).ok()?;
        Some(hex::encode(bytes))
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

impl<C> PageTokenOf<C> {
    /// Takes the innermost cursor off the stack.
    pub fn pop(&mut self) -> Option<C> {
        self.cursors.pop()
    }

    /// Puts a cursor on the stack.
    pub fn push(&mut self, cursor: C) {
        self.cursors.push(cursor);
    }

    /// The innermost cursor.
    pub fn current(&self) -> Option<&C> {
        self.cursors.last()
    }

    /// Every cursor, outermost first.
    pub fn cursors(&self) -> &[C] {
        &self.cursors
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
    /// fewer than a page came back. An empty page always ends it, and so does
    /// an offset that would pass `u64::MAX` (only a forged token gets there).
    pub fn next_offset(self, returned: usize, total: Option<u64>) -> Option<Page> {
        let offset = self.offset().unwrap_or(0);
        let next = u64::try_from(returned)
            .ok()
            .and_then(|returned| offset.checked_add(returned));
        let more = returned > 0
            && next.is_some_and(|next| match total {
                Some(t) => next < t,
                None => returned >= self.size,
            });
        self.finish(next.filter(|_| more).map(Position::Offset))
    }

    /// The next page number after a page of `returned` items; the listing
    /// ends when fewer than a page came back or `last` (the last page number)
    /// is reached, or after page `u64::MAX`.
    pub fn next_page_number(self, first: u64, returned: usize, last: Option<u64>) -> Option<Page> {
        let current = self.page_number(first).unwrap_or(first);
        let more = returned > 0 && returned >= self.size && last.is_none_or(|l| current < l);
        let next = current.checked_add(1).filter(|_| more);
        self.finish(next.map(Position::PageNumber))
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
        t.push(Cursor::new("/l", Position::NextLink("https://h/x?page=2".into())));
        t.push(Cursor::new("/p", Position::PageNumber(u64::MAX)));
        let encoded = t.encode().unwrap();
        assert!(
            encoded
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_eq!(PageToken::decode(&encoded).unwrap(), t);
        assert_eq!(PageToken::decode(&encoded.to_uppercase()).unwrap(), t);
    }

    #[test]
    fn the_builtin_cursor_is_written_as_the_references_endpoint_offset_model() {
        // connector-py: [{endpoint: "/users", offset: 3}] (BEHAVIOUR §8.1).
        let mut t = PageToken::new();
        t.push(Cursor::new("/users", Position::Offset(3)));
        assert_eq!(
            t.encode().unwrap(),
            "9182a8656e64706f696e74a62f7573657273a66f666673657403"
        );
    }

    #[test]
    fn a_connectors_own_cursor_type_matches_the_references_bytes() {
        #[derive(Debug, PartialEq, Serialize, Deserialize)]
        struct Pagination {
            endpoint: Option<String>,
            offset: u64,
            cursor: Option<String>,
        }
        let reference = "9283a8656e64706f696e74c0a66f666673657400a6637572736f72c083a8656e64706f696e74a22f78a66f666673657405a6637572736f72a163";
        let decoded = PageTokenOf::<Pagination>::decode(reference).unwrap();
        assert_eq!(
            decoded.cursors(),
            &[
                Pagination {
                    endpoint: None,
                    offset: 0,
                    cursor: None
                },
                Pagination {
                    endpoint: Some("/x".into()),
                    offset: 5,
                    cursor: Some("c".into())
                },
            ]
        );
        assert_eq!(decoded.encode().unwrap(), reference);
    }

    #[test]
    fn garbage_and_tokens_of_another_shape_are_refused() {
        let mut t = PageToken::new();
        t.push(Cursor::new("/users", Position::Offset(100)));
        let good = t.encode().unwrap();
        // Not hex; odd length; cut short; valid msgpack of another shape
        // (`[1]`, `{}`); a map without any position.
        for bad in [
            "zz",
            "!!!",
            "abc",
            &good[..good.len() - 2],
            "9101",
            "80",
            "9181a8656e64706f696e74c0",
        ] {
            assert_eq!(
                code(PageToken::decode(bad).unwrap_err()),
                ErrorCode::InvalidPageToken,
                "{bad}"
            );
        }
    }

    #[test]
    fn empty_stack_has_no_token() {
        assert_eq!(PageToken::new().encode(), None);
        assert_eq!(PageToken::new().into_page(10), None);
        assert_eq!(PageToken::from_request(None).unwrap(), PageToken::new());
        assert_eq!(PageToken::from_request(Some("")).unwrap(), PageToken::new());
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
    fn forged_positions_at_the_end_of_the_numbers_end_the_listing() {
        let forged = |position: Position| {
            let mut token = PageToken::new();
            token.push(Cursor::new("/users", position));
            token.encode()
        };
        let token = forged(Position::Offset(u64::MAX));
        let pager = Pager::new("/users", token.as_deref(), 5).unwrap();
        assert_eq!(pager.offset().unwrap(), u64::MAX);
        assert!(pager.next_offset(5, None).is_none());
        let token = forged(Position::Offset(u64::MAX - 2));
        let pager = Pager::new("/users", token.as_deref(), 5).unwrap();
        assert!(pager.next_offset(5, Some(u64::MAX)).is_none());
        let token = forged(Position::PageNumber(u64::MAX));
        let pager = Pager::new("/users", token.as_deref(), 5).unwrap();
        assert!(pager.next_page_number(1, 5, None).is_none());
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
