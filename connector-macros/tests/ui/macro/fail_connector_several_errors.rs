use connector::{models::*, prelude::*};

#[connector(app_id = "", homepage = "https://acme.example", auth = TokenCredential, auth = BasicCredential)]
struct Acme;

fn main() {}

// The connector still exists for the code that uses it: no further errors here.
#[capability(validate_credentials)]
async fn validate(ctx: Context<Acme>, _req: ValidateCredentials) -> Result<ValidatedCredentials> {
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: ctx.app_id().to_owned(),
    })
}
