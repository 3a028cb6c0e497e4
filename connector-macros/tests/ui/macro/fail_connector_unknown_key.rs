use connector::prelude::*;

#[connector(app_id = "acme", vendor = "acme.com")]
struct Acme;

fn main() {}
