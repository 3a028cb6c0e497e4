use connector::{models::*, prelude::*};

#[connector(app_id = "acme", version = 1 +, auth = TokenCredential)]
struct Acme;

fn main() {}

// The arguments after the broken one are still read: `ctx.auth()` is a
// `TokenCredential` here, so this body raises nothing more.
#[capability(validate_credentials)]
async fn validate(ctx: Context<Acme>, _req: ValidateCredentials) -> Result<ValidatedCredentials> {
    Ok(ValidatedCredentials {
        valid: !ctx.auth()?.token.is_empty(),
        unique_tenant_id: String::new(),
    })
}
