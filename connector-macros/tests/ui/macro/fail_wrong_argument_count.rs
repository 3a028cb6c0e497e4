use connector::{models::*, prelude::*};

#[connector(app_id = "acme")]
struct Acme;

#[capability(list_accounts)]
async fn accounts(_req: ListAccounts) -> Result<Vec<FoundAccountData>> {
    Ok(Vec::new())
}

fn main() {}
