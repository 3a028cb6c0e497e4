use connector::prelude::*;

#[connector(app_id = "acme")]
struct Acme;

#[capability(list_accounts)]
struct Accounts;

// The struct is still there: only the misplaced attribute is reported.
fn main() {
    let _ = Accounts;
}
