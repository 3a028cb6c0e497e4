use connector::prelude::*;

#[connector(app_id = "  ")]
struct Acme;

fn main() {}
