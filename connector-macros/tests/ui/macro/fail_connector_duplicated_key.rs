use connector::prelude::*;

#[connector(app_id = "acme", name = "Acme", name = "Acme Corp")]
struct Acme;

fn main() {}
