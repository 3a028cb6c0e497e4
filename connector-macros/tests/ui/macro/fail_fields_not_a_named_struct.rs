use connector::prelude::*;

#[fields]
#[derive(Deserialize, JsonSchema)]
struct Tuple(#[field(secret)] String);

#[fields]
#[derive(Deserialize, JsonSchema)]
enum Choice {
    Key {
        #[field(secret)]
        key: String,
    },
}

#[fields]
fn settings() {}

#[fields(secret)]
#[derive(Deserialize, JsonSchema)]
struct WithArguments {
    host: String,
}

// The items are still there: only the misplaced attributes are reported.
fn main() {
    let _ = Tuple(String::new());
    let _ = Choice::Key { key: String::new() };
    let _ = WithArguments { host: String::new() };
    settings();
}
