//! A connector with a credentials list: a required API token and an
//! optional admin login with its own check. Its Python twin is
//! tests/conformance/credentials/twin.py; the two must answer alike.

use connector::CredentialConfig;
use connector::models::{
    AuthCredential, AuthModel, BasicCredential, TokenCredential, ValidateCredentials,
    ValidatedCredentialConfig, ValidatedCredentials,
};
use connector::prelude::*;

fn credentials() -> Vec<CredentialConfig> {
    vec![
        CredentialConfig::new("api", AuthModel::Token, "The API token."),
        CredentialConfig::new("admin", AuthModel::Basic, "An admin login.")
            .optional()
            .with_validation(|credential| Box::pin(check_admin(credential))),
    ]
}

async fn check_admin(credential: AuthCredential) -> Result<ValidatedCredentialConfig> {
    let username = credential.basic.map(|b| b.username).unwrap_or_default();
    let (valid, validation_errors) = match username.as_str() {
        "locked" => (false, Some(vec!["The admin account is locked.".to_owned()])),
        "nobody" => (false, None),
        _ => (true, None),
    };
    Ok(ValidatedCredentialConfig {
        valid,
        validation_errors,
    })
}

#[connector(app_id = "multi-credentials", name = "Multi Credentials", credentials = credentials())]
struct MultiCredentials;

#[capability(validate_credentials)]
async fn validate_credentials(
    ctx: Context<MultiCredentials>,
    _request: ValidateCredentials,
) -> Result<ValidatedCredentials> {
    let token = ctx
        .credential::<TokenCredential>("api")
        .ok_or_else(|| Error::bad_request("The API token is missing."))?;
    let admin = ctx.credential::<BasicCredential>("admin").is_some();
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: format!("{}:{admin}", token.token.expose()),
    })
}

connector::main!();
