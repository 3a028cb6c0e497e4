use connector::{models::*, prelude::*};

#[connector(app_id = "acme")]
struct Acme;

#[capability(list_accounts, display_name = )]
async fn accounts(_ctx: Context<Acme>, _req: ListAccounts) -> Result<Vec<FoundAccountData>> {
    Ok(Vec::new())
}

// The function is still there and callable: only the missing value is
// reported.
#[capability(custom, name = "all_accounts")]
async fn all_accounts(ctx: Context<Acme>, req: ListAccounts) -> Result<Vec<FoundAccountData>> {
    accounts(ctx, req).await
}

fn main() {}
