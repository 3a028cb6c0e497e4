//! The signing helpers against connector-py's: the OAuth 1.0a header of
//! `use_oauth1_with_request` and the token of `sign_jwt`, recorded by
//! tests/conformance/signing/record.py for fixed nonces, timestamps and
//! clocks, compared byte for byte (errors by code and message).

use std::path::PathBuf;
use std::time::{Duration, UNIX_EPOCH};

use connector::client::{OAuth1Signer, Url, sign_jwt_at};
use connector::models::{JWTCredential, OAuth1Credential};
use serde_json::Value;

fn fixtures() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("conformance/signing/fixtures.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn cases<'a>(all: &'a Value, kind: &str) -> &'a [Value] {
    let cases = all[kind].as_array().unwrap();
    assert!(!cases.is_empty(), "no recorded {kind} cases");
    cases
}

#[test]
fn oauth1_headers_are_the_reference_s() {
    let all = fixtures();
    for case in cases(&all, "oauth1") {
        let name = case["name"].as_str().unwrap();
        let credential: OAuth1Credential = serde_json::from_value(case["credential"].clone()).unwrap();
        let mut signer = OAuth1Signer::new(&credential);
        if let Some(realm) = case["realm"].as_str() {
            signer = signer.realm(realm);
        }
        let url = Url::parse(case["url"].as_str().unwrap()).unwrap();
        // The client signs the URL it sends, which httpx wrote the same way.
        assert_eq!(url.as_str(), case["url_as_sent"].as_str().unwrap(), "{name}");
        let header = signer.authorization_at(
            case["method"].as_str().unwrap(),
            &url,
            case["body"].as_str().unwrap().as_bytes(),
            case["nonce"].as_str().unwrap(),
            case["timestamp"].as_u64().unwrap(),
        );
        assert_eq!(header, case["authorization"].as_str().unwrap(), "{name}");
    }
}

/// The decoded header and claims of a token, for a readable failure.
fn decoded(token: &str) -> Vec<String> {
    use base64::Engine;
    token
        .split('.')
        .take(2)
        .map(|part| {
            let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(part)
                .unwrap_or_default();
            String::from_utf8_lossy(&bytes).into_owned()
        })
        .collect()
}

#[test]
fn jwt_tokens_and_errors_are_the_reference_s() {
    let all = fixtures();
    for case in cases(&all, "jwt") {
        let name = case["name"].as_str().unwrap();
        let credential: JWTCredential = serde_json::from_value(case["credential"].clone()).unwrap();
        let issued_at = UNIX_EPOCH + Duration::from_secs_f64(case["issued_at"].as_f64().unwrap());
        let expiration = Duration::from_secs(60 * case["expiration_minutes"].as_u64().unwrap());
        let ours = sign_jwt_at(&credential, issued_at, expiration);
        match (&ours, case["token"].as_str()) {
            (Ok(token), Some(reference)) => assert_eq!(
                token,
                reference,
                "{name}:\n ours      {:?}\n reference {:?}",
                decoded(token),
                decoded(reference)
            ),
            (Err(e), None) => {
                let detail = connector::ErrorMap::new().describe(e, "t", None);
                assert_eq!(detail.error_code.as_str(), case["error"]["error_code"], "{name}");
                assert_eq!(
                    detail.message,
                    case["error"]["message"].as_str().unwrap(),
                    "{name}"
                );
            }
            _ => panic!("{name}: ours {ours:?}, the reference's {case}"),
        }
    }
}
