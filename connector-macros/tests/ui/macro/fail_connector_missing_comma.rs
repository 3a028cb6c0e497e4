use connector::prelude::*;

#[connector(app_id = "acme" name = "Acme")]
struct Acme;

fn main() {}
