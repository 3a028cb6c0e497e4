use connector::{models::*, prelude::*};

#[connector(app_id = "acme")]
struct Acme;

// One error at `::`, not also "needs the capability's name".
#[capability(standard::list_accounts)]
async fn accounts(_ctx: Context<Acme>, _req: ListAccounts) -> Result<Vec<FoundAccountData>> {
    Ok(Vec::new())
}

fn main() {}
