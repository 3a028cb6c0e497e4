use connector::{models::*, prelude::*};

#[connector(app_id = "acme")]
struct Acme;

#[capability(app_info)]
async fn info(_ctx: Context<Acme>, _req: AppInfoRequestPayload) -> Result<AppInfo> {
    unreachable!()
}

fn main() {}
