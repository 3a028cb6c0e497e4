//! The Rust side of the `http_errors` conformance suite: the connector of
//! tests/conformance/http_errors/twin.py (same app id, settings and
//! capabilities), written as a Rust connector is written, calling the app's
//! API with `connector::client` and letting its errors become envelopes.

use connector::models::{
    FoundAccountData, ListAccounts, TokenCredential, ValidateCredentials, ValidatedCredentials,
};
use connector::prelude::*;

/// Where the app lives.
#[derive(Debug, Deserialize, JsonSchema)]
struct HttpErrorsSettings {
    base_url: String,
}

#[connector(
    app_id = "http-errors",
    name = "HTTP errors",
    description = "Calls the app's API.",
    auth = TokenCredential,
    settings = HttpErrorsSettings,
)]
struct HttpErrors;

const PAGE_SIZE: u32 = 2;

#[derive(Deserialize)]
struct Status {
    tenant: String,
}

#[derive(Deserialize)]
struct Users {
    users: Vec<User>,
}

#[derive(Deserialize)]
struct User {
    id: String,
    email: Option<String>,
}

#[capability(validate_credentials)]
async fn validate_credentials(
    ctx: Context<HttpErrors>,
    _request: ValidateCredentials,
) -> Result<ValidatedCredentials> {
    let api = ctx.http_client(ctx.settings().base_url.clone()).build()?;
    let status: Status = api.get_json("/status").await?;
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: status.tenant,
    })
}

#[capability(list_accounts)]
async fn list_accounts(ctx: Context<HttpErrors>, _request: ListAccounts) -> Result<Vec<FoundAccountData>> {
    let api = ctx.http_client(ctx.settings().base_url.clone()).build()?;
    let body: Users = api
        .get("/users")
        .query(&[("limit", PAGE_SIZE), ("offset", 0)])
        .send()
        .await?
        .json()?;
    Ok(body
        .users
        .into_iter()
        .map(|user| FoundAccountData {
            integration_specific_id: user.id,
            email: user.email,
            ..Default::default()
        })
        .collect())
}

connector::main!();
