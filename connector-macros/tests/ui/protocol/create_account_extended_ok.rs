// The accepted ways to take a create_account payload: the protocol's base,
// the protocol's CreateAccount, and the base extended with the author's fields.
use connector::{models::*, prelude::*};

#[connector(app_id = "ui-protocol", name = "UI Protocol", categories = [Other])]
pub struct UiProtocol;

#[derive(Debug, Deserialize, Serialize, JsonSchema)]
pub struct Seat {
    pub license: String,
}

#[capability(create_account)]
async fn create_account(
    _ctx: Context<UiProtocol>,
    request: Extended<CreatableAccount, Seat>,
) -> Result<CreatedAccount> {
    Ok(CreatedAccount {
        id: Some(request.extra.license),
        status: AccountStatus::ACTIVE,
        created: request.base.entitlements.is_empty(),
    })
}

#[capability(update_account)]
async fn update_account(_ctx: Context<UiProtocol>, request: UpdateableAccount) -> Result<UpdateableAccount> {
    Ok(request)
}

fn main() {}
