//! A connector whose `validate_credentials` is registered twice: its command
//! line must refuse to start, naming both functions.

use connector::models::{TokenCredential, ValidateCredentials, ValidatedCredentials};
use connector::prelude::*;

#[connector(app_id = "twice", auth = TokenCredential)]
struct Twice;

#[capability(validate_credentials)]
async fn validate_one(_ctx: Context<Twice>, _req: ValidateCredentials) -> Result<ValidatedCredentials> {
    Ok(ValidatedCredentials {
        valid: true,
        unique_tenant_id: "one".into(),
    })
}

mod more {
    use connector::models::{ValidateCredentials, ValidatedCredentials};
    use connector::prelude::*;

    #[capability(validate_credentials)]
    async fn validate_two(
        _ctx: Context<super::Twice>,
        _req: ValidateCredentials,
    ) -> Result<ValidatedCredentials> {
        Ok(ValidatedCredentials {
            valid: true,
            unique_tenant_id: "two".into(),
        })
    }
}

connector::main!();
