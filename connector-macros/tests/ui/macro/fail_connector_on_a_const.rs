use connector::prelude::*;

#[connector(app_id = "acme")]
const ACME: &str = "acme";

// The constant is still there: only the misplaced attribute is reported.
fn main() {
    let _ = ACME.len();
}
