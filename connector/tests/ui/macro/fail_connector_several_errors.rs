use connector::prelude::*;

#[connector(app_id = "", homepage = "https://acme.example", auth = TokenCredential, auth = BasicCredential)]
struct Acme;

fn main() {}
