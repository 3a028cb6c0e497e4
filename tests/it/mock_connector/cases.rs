//! The mock connector's case table, run against its binary.

use connector::models::{AccountStatus, AccountType, ErrorCode, FoundAccountData, ValidatedCredentials};
use connector::pagination::{Cursor, PageToken, Position};
use connector::testing::{Case, Subject, Suite};
use serde_json::json;

fn suite() -> Suite {
    Suite::new(Subject::binary(crate::MOCK_CONNECTOR))
        .auth(json!({"basic": {"username": "ada", "password": "secret"}}))
        .settings(json!({"host": "{upstream}"}))
}

fn account(index: usize, status: AccountStatus) -> FoundAccountData {
    FoundAccountData {
        integration_specific_id: format!("user-{index:03}"),
        email: Some(format!("user{index}@example.com")),
        given_name: Some(format!("User{index}")),
        family_name: Some("Example".into()),
        username: Some(format!("user{index}")),
        user_status: Some(status),
        account_type: Some(AccountType::User),
        ..FoundAccountData::default()
    }
}

fn token_at(offset: u64) -> String {
    let mut token = PageToken::new();
    token.push(Cursor::new("/accounts", Position::Offset(offset)));
    token.encode().expect("a token with a cursor encodes")
}

fn cases() -> Vec<Case> {
    vec![
        Case::new("validate_credentials").expect_response(ValidatedCredentials {
            valid: true,
            unique_tenant_id: "mock-connector-tenant-id".into(),
        }),
        Case::new("validate_credentials")
            .named("validate_credentials_empty_user_name")
            .auth(json!({"basic": {"username": "", "password": "secret"}}))
            .expect_error_message(ErrorCode::Unauthorized, "The user name is empty."),
        Case::new("validate_credentials")
            .named("validate_credentials_without_auth")
            .set("auth", serde_json::Value::Null)
            .expect_error(ErrorCode::BadRequest),
        Case::new("list_accounts")
            .named("list_accounts_first_page")
            .page(json!({"size": 2}))
            .expect(json!({
                "response": [account(0, AccountStatus::INACTIVE), account(1, AccountStatus::ACTIVE)],
                "raw_data": null,
                "page": {"token": token_at(2), "size": 2},
                "execution_summary": null,
            })),
        Case::new("list_accounts")
            .named("list_accounts_last_page")
            .page(json!({"token": token_at(41), "size": 5}))
            .expect(json!({
                "response": [account(41, AccountStatus::ACTIVE)],
                "raw_data": null,
                "page": null,
                "execution_summary": null,
            })),
        Case::new("list_accounts")
            .named("list_accounts_bad_token")
            .page(json!({"token": "not-a-token"}))
            .expect_error(ErrorCode::InvalidPageToken),
    ]
}

#[tokio::test]
async fn every_case_passes_and_every_capability_has_one() {
    suite().check_all(&cases()).await;
}

#[tokio::test]
async fn the_coverage_check_names_a_capability_without_cases() {
    let only_validate: Vec<Case> = cases()
        .into_iter()
        .filter(|c| c.capability() == "validate_credentials")
        .collect();
    let missing = suite().coverage(&only_validate).await.unwrap_err();
    assert_eq!(
        missing,
        "Connector mock-connector does not have full coverage. Missing tests for capabilities: list_accounts"
    );
    assert!(
        suite()
            .not_covered("list_accounts")
            .coverage(&only_validate)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn a_wrong_expectation_fails_with_both_envelopes() {
    let wrong =
        Case::new("validate_credentials").expect_response(json!({"valid": false, "unique_tenant_id": "x"}));
    let failure = suite().run(&wrong).await.unwrap_err();
    assert!(failure.contains("expected envelope"), "{failure}");
    assert!(failure.contains("mock-connector-tenant-id"), "{failure}");

    let wrong_code = Case::new("list_accounts").expect_error(ErrorCode::NotFound);
    let failure = suite().run(&wrong_code).await.unwrap_err();
    assert!(
        failure.contains("expected an error envelope with code not_found"),
        "{failure}"
    );
}

#[tokio::test]
async fn an_unmet_upstream_exchange_fails_the_case() {
    let case = Case::new("validate_credentials")
        .exchange(connector::testing::Exchange::get("/me").respond(200, json!({})))
        .expect_response(ValidatedCredentials {
            valid: true,
            unique_tenant_id: "mock-connector-tenant-id".into(),
        });
    let failure = suite().run(&case).await.unwrap_err();
    assert!(
        failure.contains("expected 1 time(s), received 0 time(s): GET /me"),
        "{failure}"
    );
}

#[tokio::test]
async fn calls_return_typed_payloads() {
    let subject = Subject::binary(crate::MOCK_CONNECTOR);
    let outcome = subject
        .call("list_accounts")
        .auth(json!({"basic": {"username": "ada", "password": "secret"}}))
        .settings(json!({"host": "example.com"}))
        .page(json!({"size": 3}))
        .send()
        .await;
    let accounts: Vec<FoundAccountData> = outcome.response();
    assert_eq!(accounts.len(), 3);
    assert_eq!(outcome.page().and_then(|p| p["size"].as_i64()), Some(3));

    let missing_settings = subject
        .call("list_accounts")
        .auth(json!({"basic": {"username": "ada", "password": "secret"}}))
        .send()
        .await;
    assert_eq!(missing_settings.error_code(), Some(ErrorCode::BadRequest));
    assert_eq!(missing_settings.error().app_id, "mock-connector");
}
