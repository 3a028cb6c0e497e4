// list_accounts answers with a list; returning one account must be rejected.
use connector::{models::*, prelude::*};

#[connector(app_id = "ui-protocol", name = "UI Protocol", categories = [Other])]
pub struct UiProtocol;

#[capability(list_accounts)]
async fn list_accounts(_ctx: Context<UiProtocol>, _request: ListAccounts) -> Result<FoundAccountData> {
    Ok(FoundAccountData {
        integration_specific_id: "u1".into(),
        ..FoundAccountData::default()
    })
}

fn main() {}
