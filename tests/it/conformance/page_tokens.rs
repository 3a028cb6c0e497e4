//! Page tokens: each listing walked page by page with the tokens the
//! reference handed out, our answers (tokens included) byte for byte its own.

use serde_json::Value;

use super::{Recorded, assert_conforms};
use crate::{CONFORMANCE_NESTED_PAGES, MOCK_CONNECTOR};

fn twin(name: &str) -> &'static str {
    match name {
        "mock-connector" => MOCK_CONNECTOR,
        "nested-pages" => CONFORMANCE_NESTED_PAGES,
        other => panic!("no twin {other}"),
    }
}

#[test]
fn every_page_and_token_equals_the_references() {
    // The reference lets `bytes.fromhex` fail inside the capability
    // (unexpected_error, ValueError); ours names the problem.
    let deliberate = ["mock, a token that is not hex"];
    assert_conforms(
        "page_tokens",
        twin,
        &deliberate,
        |case: &Recorded, ours: &Value| {
            let reference: Value = serde_json::from_str(&case.stdout).unwrap();
            assert_eq!(reference["error"]["error_code"], "unexpected_error");
            assert_eq!(ours["error"]["error_code"], "invalid_page_token", "{ours}");
        },
    );
}
