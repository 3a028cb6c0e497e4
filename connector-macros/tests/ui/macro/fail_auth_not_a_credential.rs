use connector::prelude::*;

#[derive(Clone)]
struct ApiKey(String);

#[connector(app_id = "acme", auth = ApiKey)]
struct Acme;

fn main() {}
