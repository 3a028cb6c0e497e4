//! One small connector per way of authenticating, chosen by the TWIN_KIND
//! environment variable as its Python twin (tests/conformance/info/kinds.py)
//! chooses: each remaining credential kind as the connector's `auth`, and a
//! credentials list whose OAuth credentials carry their flows.

use std::process::ExitCode;

use connector::models::{
    AuthModel, JWTCredential, KeyPairCredential, OAuth1Credential, ServiceAccountCredential,
    ValidateCredentials, ValidatedCredentials,
};
use connector::oauth::OAuthSettings;
use connector::prelude::*;
use connector::registry::App;
use connector::{CredentialConfig, cli};

async fn valid() -> Result<ValidatedCredentials> {
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: "kinds".into(),
    })
}

/// Declares a connector whose `auth` is `$auth`, with `validate_credentials`.
macro_rules! kind {
    ($ty:ident, $id:literal, $name:literal, $auth:ty, $validate:ident) => {
        #[connector(app_id = $id, name = $name, auth = $auth)]
        struct $ty;

        #[capability(validate_credentials)]
        async fn $validate(
            _ctx: Context<$ty>,
            _request: ValidateCredentials,
        ) -> Result<ValidatedCredentials> {
            valid().await
        }
    };
}

kind!(
    Oauth1,
    "kind-oauth1",
    "Kind oauth1",
    OAuth1Credential,
    validate_oauth1
);
kind!(Jwt, "kind-jwt", "Kind jwt", JWTCredential, validate_jwt);
kind!(
    ServiceAccount,
    "kind-service-account",
    "Kind service_account",
    ServiceAccountCredential,
    validate_service_account
);
kind!(
    KeyPair,
    "kind-key-pair",
    "Kind key_pair",
    KeyPairCredential,
    validate_key_pair
);

fn credentials() -> Vec<CredentialConfig> {
    vec![
        CredentialConfig::new("workspace", AuthModel::Oauth, "Sign in to the workspace.").with_oauth(
            OAuthSettings::authorization_code()
                .authorization_url("https://kinds.example/authorize")
                .token_url("https://kinds.example/token")
                .scope("validate_credentials", "users:read"),
        ),
        CredentialConfig::new(
            "service",
            AuthModel::OauthClientCredentials,
            "The service's own client.",
        )
        .optional()
        .with_oauth(OAuthSettings::client_credentials().token_url("https://kinds.example/token")),
        CredentialConfig::new("signing", AuthModel::Jwt, "A signing key.").optional(),
    ]
}

#[connector(app_id = "kind-oauth-credentials", name = "Kind oauth_credentials", credentials = credentials())]
struct OauthCredentials;

#[capability(validate_credentials)]
async fn validate_oauth_credentials(
    _ctx: Context<OauthCredentials>,
    _request: ValidateCredentials,
) -> Result<ValidatedCredentials> {
    valid().await
}

fn main() -> ExitCode {
    let kind = std::env::var("TWIN_KIND").unwrap_or_else(|_| "oauth1".into());
    let id = format!("kind-{}", kind.replace('_', "-"));
    match App::load_app(&id) {
        Ok(app) => cli::run_app(&app, std::env::args_os()),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
