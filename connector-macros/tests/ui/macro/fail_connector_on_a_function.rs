use connector::prelude::*;

#[connector(app_id = "acme")]
fn acme() {}

fn main() {
    acme();
}
