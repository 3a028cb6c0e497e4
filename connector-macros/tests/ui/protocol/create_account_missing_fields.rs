// A create_account payload of the author's own that drops the protocol's
// `entitlements`: it must be rejected, naming what the protocol expects.
use connector::{models::*, prelude::*};

#[connector(app_id = "ui-protocol", name = "UI Protocol", categories = [Other])]
pub struct UiProtocol;

#[derive(Debug, Deserialize, JsonSchema)]
pub struct NewUser {
    pub email: String,
}

#[capability(create_account)]
async fn create_account(_ctx: Context<UiProtocol>, request: NewUser) -> Result<CreatedAccount> {
    Ok(CreatedAccount {
        id: Some(request.email),
        status: AccountStatus::ACTIVE,
        created: true,
    })
}

fn main() {}
