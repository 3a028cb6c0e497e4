use connector::{models::*, prelude::*};

#[connector(app_id = "acme")]
struct Acme;

#[capability(list_acounts, title = "Accounts")]
fn accounts(_ctx: Context<Acme>, _req: ListAccounts) -> Vec<FoundAccountData> {
    Vec::new()
}

fn main() {}
