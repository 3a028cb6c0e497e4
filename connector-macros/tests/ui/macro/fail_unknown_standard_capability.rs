use connector::{models::*, prelude::*};

#[connector(app_id = "acme")]
struct Acme;

#[capability(list_acounts)]
async fn accounts(_ctx: Context<Acme>, _req: ListAccounts) -> Result<Vec<FoundAccountData>> {
    Ok(Vec::new())
}

fn main() {}
