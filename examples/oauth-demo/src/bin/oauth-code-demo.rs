//! `oauth-code-demo`: OAuth authorization code with PKCE, declared once.

use connector::models::{OAuthCredential, ValidateCredentials, ValidatedCredentials};
use connector::oauth::FlowType;
use connector::prelude::*;
use oauth_demo::{DemoSettings, oauth_settings, validate};

/// The demo app, reached with tokens from the authorization-code flow.
#[connector(
    app_id = "oauth-code-demo",
    name = "OAuth Code Demo",
    description = "Obtains tokens with the authorization-code flow and PKCE.",
    categories = [Developers],
    auth = OAuthCredential,
    settings = DemoSettings,
    oauth = oauth_settings(FlowType::AuthorizationCode),
)]
struct CodeDemo;

#[capability(validate_credentials)]
async fn validate_credentials(
    ctx: Context<CodeDemo>,
    _request: ValidateCredentials,
) -> Result<ValidatedCredentials> {
    validate(ctx.settings(), ctx.auth()?.access_token.expose()).await
}

connector::main!();
