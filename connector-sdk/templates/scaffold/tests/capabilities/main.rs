//! The connector's case table, run against its binary and a mock of the
//! {{title}} API on 127.0.0.1. One case per capability; `cargo test` runs
//! the cases of registered capabilities and checks that each registered
//! capability has one.

mod read;
mod write;

use connector::models::{AccountStatus, AccountType, FoundAccountData};
use connector::pagination::{Cursor, PageToken, Position};
use connector::testing::{Case, Subject, Suite};
use serde_json::{Value, json};

/// The binary under test, with valid credentials and settings that point
/// it at the mock API (`{upstream}` is its base URL).
pub fn suite() -> Suite {
    Suite::new(Subject::binary(env!("CARGO_BIN_EXE_{{hyphenated}}")))
        .auth(json!({"oauth": {"access_token": "valid"}}))
        .settings(json!({"account_id": "tenant-1", "base_url": "{upstream}"}))
}

/// Every case of the table.
pub fn cases() -> Vec<Case> {
    read::all().into_iter().chain(write::all()).collect()
}

/// A user as the API returns it.
pub fn account(id: &str) -> Value {
    json!({
        "id": id,
        "email": format!("{id}@example.com"),
        "username": id,
        "first_name": "Given",
        "last_name": "Family",
        "status": "active",
    })
}

/// The same user as the connector reports it.
pub fn found(id: &str) -> FoundAccountData {
    FoundAccountData {
        integration_specific_id: id.into(),
        email: Some(format!("{id}@example.com")),
        username: Some(id.into()),
        given_name: Some("Given".into()),
        family_name: Some("Family".into()),
        user_status: Some(AccountStatus::ACTIVE),
        account_type: Some(AccountType::User),
        ..FoundAccountData::default()
    }
}

/// The page token the connector hands out for the API's `cursor` on `endpoint`.
pub fn token(endpoint: &str, cursor: &str) -> String {
    let mut token = PageToken::new();
    token.push(Cursor::new(endpoint, Position::Cursor(cursor.into())));
    token.encode().unwrap_or_default()
}

#[tokio::test]
async fn every_registered_capability_has_a_case() {
    if let Err(missing) = suite().coverage(&cases()).await {
        panic!("{missing}");
    }
}
