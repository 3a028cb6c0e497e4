use connector::prelude::*;

#[connector(name = "Acme")]
struct Acme;

fn main() {}
