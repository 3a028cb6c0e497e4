// get_account answers with one account; returning a list must be rejected.
use connector::{models::*, prelude::*};

#[connector(app_id = "ui-protocol", name = "UI Protocol", categories = [Other])]
pub struct UiProtocol;

#[capability(get_account)]
async fn get_account(_ctx: Context<UiProtocol>, request: GetAccount) -> Result<Vec<FoundAccountData>> {
    Ok(vec![FoundAccountData {
        integration_specific_id: request.account_id,
        ..FoundAccountData::default()
    }])
}

fn main() {}
