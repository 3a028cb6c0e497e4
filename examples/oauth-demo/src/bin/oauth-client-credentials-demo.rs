//! `oauth-client-credentials-demo`: OAuth client credentials, declared once.

use connector::models::{OAuthClientCredential, ValidateCredentials, ValidatedCredentials};
use connector::oauth::FlowType;
use connector::prelude::*;
use oauth_demo::{DemoSettings, oauth_settings, validate};

/// The demo app, reached with tokens from the client-credentials flow.
#[connector(
    app_id = "oauth-client-credentials-demo",
    name = "OAuth Client Credentials Demo",
    description = "Obtains tokens with the client-credentials flow.",
    categories = [Developers],
    auth = OAuthClientCredential,
    settings = DemoSettings,
    oauth = oauth_settings(FlowType::ClientCredentials),
)]
struct ClientCredentialsDemo;

#[capability(validate_credentials)]
async fn validate_credentials(
    ctx: Context<ClientCredentialsDemo>,
    _request: ValidateCredentials,
) -> Result<ValidatedCredentials> {
    validate(ctx.settings(), ctx.auth()?.access_token.expose()).await
}

connector::main!();
