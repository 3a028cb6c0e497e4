use connector::{models::*, prelude::*};

#[connector(app_id = "acme")]
struct Acme;

#[capability(list_accounts)]
async fn accounts<R: Send>(_ctx: Context<Acme>, _req: R) -> Result<Vec<FoundAccountData>> {
    Ok(Vec::new())
}

fn main() {}
