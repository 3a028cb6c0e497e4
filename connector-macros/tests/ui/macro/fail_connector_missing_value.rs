use connector::{models::*, prelude::*};

#[connector(app_id = )]
struct Acme;

fn main() {}

// Only the missing value is reported: not a missing app id, and not the use
// of the connector below.
#[capability(list_accounts)]
async fn accounts(_ctx: Context<Acme>, _req: ListAccounts) -> Result<Vec<FoundAccountData>> {
    Ok(Vec::new())
}
