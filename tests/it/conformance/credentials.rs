//! A connector with a credentials list: `validate_credential_config`'s base
//! checks and a credential's own check, and authentication by `credentials`.

use serde_json::Value;

use super::{Recorded, assert_conforms};
use crate::CONFORMANCE_CREDENTIALS;

#[test]
fn validate_credential_config_and_credentials_lists_answer_as_the_reference() {
    // The reference answers these with unexpected_error: the repr of the
    // error it meant to give (an unknown or missing id), or a TypeError (the
    // credential lacks its configured kind). Ours gives the meant error.
    let deliberate = [
        ("unknown id", "Missing credential configuration for ID nope"),
        ("no id", "Received credential without an ID"),
        ("kind absent", "Missing 'token' credential in request"),
    ];
    let names: Vec<&str> = deliberate.iter().map(|(name, _)| *name).collect();
    assert_conforms(
        "credentials",
        |_| CONFORMANCE_CREDENTIALS,
        &names,
        |case: &Recorded, ours: &Value| {
            let reference: Value = serde_json::from_str(&case.stdout).unwrap();
            assert_eq!(reference["error"]["error_code"], "unexpected_error");
            let (_, message) = deliberate.iter().find(|(name, _)| *name == case.name).unwrap();
            assert_eq!(ours["error"]["error_code"], "bad_request", "{ours}");
            assert_eq!(ours["error"]["message"], *message, "{ours}");
        },
    );
}
