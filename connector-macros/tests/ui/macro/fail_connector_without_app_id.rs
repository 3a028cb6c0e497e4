use connector::{models::*, prelude::*};

#[connector(name = "Acme")]
struct Acme;

fn main() {}

// Only the missing app id is reported, not the use of the connector below.
#[capability(list_accounts)]
async fn accounts(_ctx: Context<Acme>, _req: ListAccounts) -> Result<Vec<FoundAccountData>> {
    Ok(Vec::new())
}
