use connector::prelude::*;

#[connector(app_id = "acme")]
struct Acme;

#[derive(Deserialize, JsonSchema)]
struct In {}

#[capability(custom, name = "syncGroups2")]
async fn sync(_ctx: Context<Acme>, _req: In) -> Result<bool> {
    Ok(true)
}

fn main() {}
