use connector::{models::*, prelude::*};

#[connector(app_id = "acme")]
struct Acme;

#[capability(list_accounts)]
async fn accounts(_ctx: Context<Acme>, _req: ListAccounts) -> Result<FoundAccountData> {
    Ok(FoundAccountData::default())
}

fn main() {}
