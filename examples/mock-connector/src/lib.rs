//! `mock-connector`: a connector whose app is a fixed set of accounts in memory.
//!
//! It needs no network, so it shows the whole framework (envelopes, checks,
//! pagination, errors) and serves as the subject of the CLI and server tests.
//! The connector lives in this library so that other binaries (a server
//! hosting several connectors) can link it; `src/main.rs` is its own CLI.

use connector::models::{
    AccountStatus, AccountType, BasicCredential, FoundAccountData, ListAccounts, ValidateCredentials,
    ValidatedCredentials,
};
use connector::pagination::{Cursor, Position};
use connector::prelude::*;

/// Where the (imaginary) app lives.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct MockSettings {
    /// Host name of the app.
    pub host: String,
}

/// The mock app.
#[connector(
    app_id = "mock-connector",
    name = "Mock Connector",
    description = "A connector whose app is a fixed set of accounts, for demonstrations and tests.",
    categories = [Developers, Other],
    auth = BasicCredential,
    settings = MockSettings,
)]
pub struct MockConnector;

/// How many accounts the mock app holds.
pub const ACCOUNT_COUNT: usize = 42;

const DEFAULT_PAGE_SIZE: usize = 10;

#[capability(validate_credentials, description = "Accepts any user name and password.")]
async fn validate_credentials(
    ctx: Context<MockConnector>,
    _request: ValidateCredentials,
) -> Result<ValidatedCredentials> {
    let auth = ctx.auth()?;
    if auth.username.is_empty() {
        return Err(Error::unauthorized("The user name is empty."));
    }
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: "mock-connector-tenant-id".into(),
    })
}

fn account(index: usize) -> FoundAccountData {
    FoundAccountData {
        integration_specific_id: format!("user-{index:03}"),
        email: Some(format!("user{index}@example.com")),
        given_name: Some(format!("User{index}")),
        family_name: Some("Example".into()),
        username: Some(format!("user{index}")),
        user_status: Some(if index % 7 == 0 {
            AccountStatus::INACTIVE
        } else {
            AccountStatus::ACTIVE
        }),
        account_type: Some(if index % 10 == 9 {
            AccountType::Service
        } else {
            AccountType::User
        }),
        ..FoundAccountData::default()
    }
}

#[capability(list_accounts)]
async fn list_accounts(
    ctx: Context<MockConnector>,
    _request: ListAccounts,
) -> Result<Response<Vec<FoundAccountData>>> {
    let size = ctx.page_size(DEFAULT_PAGE_SIZE);
    let mut token = PageToken::from_request(ctx.page_token())?;
    let offset = match token.pop() {
        Some(cursor) => cursor
            .offset()
            // Past the last account whatever the width of usize: a forged
            // offset gets an empty page.
            .map(|o| usize::try_from(o).unwrap_or(usize::MAX))
            .ok_or_else(|| Error::invalid_page_token("The page token was not made by list_accounts."))?,
        None => 0,
    };
    let end = offset.saturating_add(size).min(ACCOUNT_COUNT);
    let accounts: Vec<FoundAccountData> = (offset..end).map(account).collect();
    if end < ACCOUNT_COUNT {
        token.push(Cursor::new("/accounts", Position::Offset(end as u64)));
    }
    let raw = serde_json::json!({ "offset": offset, "returned": accounts.len() });
    Ok(Response::new(accounts)
        .with_page(token.into_page(size))
        .with_raw_data(raw))
}
