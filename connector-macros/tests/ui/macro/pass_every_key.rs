use connector::{models::*, prelude::*};

#[derive(Deserialize, JsonSchema)]
struct Settings {
    host: String,
}

fn resource_types() -> Vec<ResourceType> {
    Vec::new()
}

#[connector(
    app_id = "every-key",
    version = "1.2.3",
    name = "Every Key",
    description = "Uses every key of both macros.",
    logo_url = "https://example.invalid/logo.png",
    vendor_domain = "example.invalid",
    categories = [Developers, Other],
    auth = TokenCredential,
    settings = Settings,
    resource_types = resource_types(),
    entitlement_types = Vec::<EntitlementType>::new(),
    credentials = Vec::<connector::CredentialConfig>::new(),
    error_map = ErrorMap::new().status(409, ErrorCode::InvalidValue),
    builtins = connector::Builtins::all(),
)]
struct EveryKey;

#[capability(
    validate_credentials,
    display_name = "Check the token",
    description = "Accepts any non-empty token."
)]
async fn validate(ctx: Context<EveryKey>, _req: ValidateCredentials) -> Result<ValidatedCredentials> {
    Ok(ValidatedCredentials {
        valid: !ctx.auth()?.token.is_empty(),
        unique_tenant_id: ctx.settings().host.clone(),
    })
}

#[derive(Deserialize, JsonSchema)]
struct EchoIn {
    text: String,
}

#[derive(Serialize, JsonSchema)]
struct EchoOut {
    echoed: String,
}

#[capability(
    custom,
    name = "echo_text",
    display_name = "Echo",
    description = "Says it back."
)]
async fn echo(_ctx: Context<EveryKey>, req: EchoIn) -> Result<EchoOut> {
    Ok(EchoOut { echoed: req.text })
}

fn main() {}
