use connector::prelude::*;

#[derive(Serialize, JsonSchema)]
enum Seat {
    Full,
    Light,
}

// Each field holds one mistake, and each is reported at its own option.
#[fields]
#[derive(Debug, Deserialize, JsonSchema)]
struct Settings {
    #[field(secert)]
    api_key: String,
    #[field(group = 3)]
    region: String,
    #[field(secret = "yes")]
    password: String,
    #[field(semantic = "acount-id")]
    account: String,
    #[field(primary = false, unique, primary = false)]
    email: String,
    #[field(primary)]
    name: String,
    #[field(discriminator(expected_value = "us"))]
    proxy: String,
    #[field(semantic = "password", enum_mapping = Seat)]
    seats: String,
    #[field]
    empty: String,
}

// The struct is still there, with its derives: nothing more is reported.
fn main() {
    let settings: Option<Settings> = None;
    println!("{settings:?}");
}
