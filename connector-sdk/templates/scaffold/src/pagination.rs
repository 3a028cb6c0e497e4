//! Page tokens of this connector: one cursor per API listing.

use connector::Connector;
use connector::models::Page;
use connector::pagination::{Cursor, Position};
use connector::prelude::*;

/// How many items a page holds when the caller does not say.
pub const DEFAULT_PAGE_SIZE: usize = 100;

/// The API's cursor for `endpoint` carried by the request's page token, if
/// the caller is past the first page.
pub fn cursor_for<C: Connector>(ctx: &Context<C>, endpoint: &str) -> Result<Option<String>> {
    let mut token = PageToken::from_request(ctx.page_token())?;
    match token.pop() {
        None => Ok(None),
        Some(Cursor {
            endpoint: Some(e),
            position: Position::Cursor(cursor),
        }) if e == endpoint => Ok(Some(cursor)),
        Some(_) => Err(Error::invalid_page_token(format!(
            "The page token was not made for {endpoint}: ask for the first page again."
        ))),
    }
}

/// The `page` to answer with: a token for the API's next cursor, or none on the last page.
pub fn next_page(endpoint: &str, next_cursor: Option<String>, size: usize) -> Option<Page> {
    let mut token = PageToken::new();
    token.push(Cursor::new(endpoint, Position::Cursor(next_cursor?)));
    token.into_page(size)
}
