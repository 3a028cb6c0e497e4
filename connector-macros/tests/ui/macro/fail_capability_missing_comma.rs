use connector::prelude::*;

#[connector(app_id = "acme")]
struct Acme;

#[derive(Deserialize, JsonSchema)]
struct In {}

#[derive(Serialize, JsonSchema)]
struct Out {}

// Read as `custom, name = "sync_groups"`: the comma is the one error.
#[capability(custom name = "sync_groups")]
async fn sync(_ctx: Context<Acme>, _req: In) -> Result<Out> {
    Ok(Out {})
}

fn main() {}
