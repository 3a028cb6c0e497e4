//! A connector whose accounts are the members of every group: one listing
//! nested in another, with the connector's own cursor type. Its Python twin
//! is tests/conformance/page_tokens/nested.py; the two must answer alike.

use connector::models::{FoundAccountData, ListAccounts, TokenCredential};
use connector::prelude::*;

/// Members per group; the second group is empty.
const GROUPS: [u64; 4] = [3, 0, 5, 1];
const DEFAULT_PAGE_SIZE: usize = 2;

#[connector(app_id = "nested-pages", name = "Nested Pages", auth = TokenCredential)]
struct NestedPages;

/// The twin's pagination model, field for field.
#[derive(Serialize, Deserialize)]
struct Pagination {
    endpoint: Option<String>,
    offset: u64,
    cursor: Option<String>,
}

impl Pagination {
    fn at(endpoint: impl Into<String>, offset: u64) -> Self {
        Self {
            endpoint: Some(endpoint.into()),
            offset,
            cursor: None,
        }
    }
}

fn group_of(endpoint: &str) -> Option<usize> {
    let index = endpoint.strip_prefix("/groups/")?.strip_suffix("/members")?;
    index.parse().ok().filter(|&g| g < GROUPS.len())
}

#[capability(list_accounts)]
async fn list_accounts(
    ctx: Context<NestedPages>,
    _request: ListAccounts,
) -> Result<Response<Vec<FoundAccountData>>> {
    let size = ctx.page_size(DEFAULT_PAGE_SIZE) as u64;
    let mut stack = PageTokenOf::<Pagination>::from_request(ctx.page_token())?;
    let mut current = stack.pop().unwrap_or_else(|| Pagination::at("/groups", 0));
    let endpoint = current.endpoint.clone().unwrap_or_default();
    let group = if endpoint == "/groups" {
        let group = current.offset as usize;
        if group >= GROUPS.len() {
            return Err(Error::invalid_page_token("The page token names no group."));
        }
        if group + 1 < GROUPS.len() {
            stack.push(Pagination::at("/groups", group as u64 + 1));
        }
        current = Pagination::at(format!("/groups/{group}/members"), 0);
        group
    } else {
        group_of(&endpoint).ok_or_else(|| Error::invalid_page_token("The page token names no listing."))?
    };
    let end = current.offset.saturating_add(size).min(GROUPS[group]);
    let accounts = (current.offset..end)
        .map(|member| FoundAccountData {
            integration_specific_id: format!("g{group}-m{member}"),
            email: Some(format!("m{member}@g{group}.example")),
            ..FoundAccountData::default()
        })
        .collect();
    if end < GROUPS[group] {
        stack.push(Pagination {
            endpoint: current.endpoint,
            offset: end,
            cursor: Some(format!("after-g{group}-m{}", end - 1)),
        });
    }
    Ok(Response::new(accounts).with_page(stack.into_page(size as usize)))
}

connector::main!();
