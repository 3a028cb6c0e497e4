use connector::{models::*, prelude::*};

#[derive(Deserialize, JsonSchema)]
struct Settings {
    host: String,
}

#[connector(app_id = "acme", categories = Developers, settings = Settings)]
struct Acme;

// Code naming `Acme` as a connector still type-checks: the one error is the
// one in the attribute.
fn app_id_of<C: connector::Connector>() -> &'static str {
    C::APP_ID
}

#[capability(list_accounts)]
async fn accounts(ctx: Context<Acme>, _req: ListAccounts) -> Result<Vec<FoundAccountData>> {
    let _host = &ctx.settings().host;
    Ok(Vec::new())
}

fn main() {
    let _ = app_id_of::<Acme>();
    let _ = <Acme as connector::Connector>::metadata;
}
