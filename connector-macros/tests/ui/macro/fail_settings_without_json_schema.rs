use connector::prelude::*;

#[derive(Deserialize)]
struct Settings {
    host: String,
}

#[connector(app_id = "acme", settings = Settings)]
struct Acme;

fn main() {}
