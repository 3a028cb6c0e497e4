use connector::prelude::*;

// The derive has run before `#[fields]` sees the struct: the options would
// never reach the schema.
#[derive(Deserialize, JsonSchema)]
#[fields]
struct Settings {
    #[field(secret)]
    api_key: String,
}

fn main() {
    let _ = Settings { api_key: String::new() };
}
