//! Signing a JWT credential, as the reference's `sign_jwt`
//! (`connector.utils.jwt_utils`, on PyJWT) signs it.
//!
//! ```
//! use connector::client::sign_jwt;
//! # use connector::models::{JWTClaims, JWTCredential, JWTHeaders};
//! # fn credential() -> JWTCredential {
//! #     let headers = JWTHeaders { alg: "HS256".into(), jku: String::new(), jwk: String::new(),
//! #         typ: "JWT".into(), kid: String::new(), x5u: String::new(), x5c: String::new(),
//! #         x5t: String::new(), x5t_s256: String::new(), cty: String::new(), crit: vec![] };
//! #     let claims = JWTClaims { iss: "me".into(), sub: String::new(), aud: String::new(), exp: 0,
//! #         nbf: 0, iat: 0, jti: String::new(), act: String::new(), scope: vec![],
//! #         client_id: String::new(), may_act: String::new() };
//! #     JWTCredential { headers, claims, secret: "shared secret".into() }
//! # }
//! let token = sign_jwt(&credential())?;
//! assert_eq!(token.split('.').count(), 3);
//! # Ok::<(), connector::Error>(())
//! ```
//!
//! The token is byte for byte the reference's for the same credential and
//! second: the header is the credential's `headers` with keys sorted (`typ`
//! left out when empty), the claims keep their order with `iat` and `exp`
//! set, both as Python's `json.dumps` writes them. The header's `alg` picks
//! the algorithm: `HS256`, `HS384` or `HS512` with the `secret` as the HMAC
//! key, or `none` with an empty secret; an empty `alg` signs with HS256.
//! The asymmetric algorithms (RS*, PS*, ES*, EdDSA) need PyJWT's optional
//! `cryptography` package, which connector-py does not install, and are
//! refused here with the reference's words.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey};

use crate::error::{Error, Result};
use crate::json::{Separators, dumps, dumps_in_order};
use crate::models::JWTCredential;

/// How long a token [`sign_jwt`] makes is valid: the reference's 20 minutes.
pub const DEFAULT_JWT_EXPIRATION: Duration = Duration::from_secs(20 * 60);

/// The algorithms PyJWT has only with `cryptography` installed.
const NEED_CRYPTOGRAPHY: [&str; 12] = [
    "RS256", "RS384", "RS512", "ES256", "ES256K", "ES384", "ES521", "ES512", "PS256", "PS384", "PS512",
    "EdDSA",
];

/// The PEM labels PyJWT refuses as HMAC secrets.
const PEM_LABELS: [&str; 16] = [
    "CERTIFICATE",
    "TRUSTED CERTIFICATE",
    "PRIVATE KEY",
    "PUBLIC KEY",
    "ENCRYPTED PRIVATE KEY",
    "OPENSSH PRIVATE KEY",
    "DSA PRIVATE KEY",
    "RSA PRIVATE KEY",
    "RSA PUBLIC KEY",
    "EC PRIVATE KEY",
    "DH PARAMETERS",
    "NEW CERTIFICATE REQUEST",
    "CERTIFICATE REQUEST",
    "SSH2 PUBLIC KEY",
    "SSH2 ENCRYPTED PRIVATE KEY",
    "X509 CRL",
];

/// The starts of SSH public keys, which PyJWT refuses as HMAC secrets too.
const SSH_KEY_PREFIXES: [&str; 6] = [
    "ssh-ed25519",
    "ssh-rsa",
    "ssh-dss",
    "ecdsa-sha2-nistp256",
    "ecdsa-sha2-nistp384",
    "ecdsa-sha2-nistp521",
];

/// Signs the credential's claims, issued now and expiring in 20 minutes.
///
/// A credential that cannot be signed (an algorithm other than those above,
/// a key in PEM or SSH form for HMAC) is a `bad_request` error worded as the
/// reference words it: `Failed to sign JWT: Algorithm not supported`.
pub fn sign_jwt(credential: &JWTCredential) -> Result<String> {
    sign_jwt_at(credential, SystemTime::now(), DEFAULT_JWT_EXPIRATION)
}

/// Signs the credential's claims with `iat` at `issued_at` and `exp`
/// `expiration` later (each in whole seconds since the Unix epoch).
///
/// Unlike the reference, which writes `iat` and `exp` into the credential it
/// is given, the credential is left as it is: the token carries them.
pub fn sign_jwt_at(
    credential: &JWTCredential,
    issued_at: SystemTime,
    expiration: Duration,
) -> Result<String> {
    let failed = |reason: &str| Error::bad_request(format!("Failed to sign JWT: {reason}"));
    let expires_at = issued_at.checked_add(expiration).unwrap_or(issued_at);
    let mut claims = credential.claims.clone();
    claims.iat = unix_seconds(issued_at);
    claims.exp = unix_seconds(expires_at);

    let given = &credential.headers;
    let mut header = serde_json::to_value(given).map_err(|e| failed(&e.to_string()))?;
    if given.typ.is_empty() {
        if let Some(object) = header.as_object_mut() {
            object.remove("typ");
        }
    }
    let claims = serde_json::to_value(&claims).map_err(|e| failed(&e.to_string()))?;
    let encoded = |json: String| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
    let signing_input = format!(
        "{}.{}",
        encoded(dumps(&header, Separators::Compact)),
        encoded(dumps_in_order(&claims, Separators::Compact))
    );

    let name = if given.alg.is_empty() {
        "HS256"
    } else {
        given.alg.as_str()
    };
    let secret = credential.secret.expose();
    let algorithm = match name {
        "HS256" => Algorithm::HS256,
        "HS384" => Algorithm::HS384,
        "HS512" => Algorithm::HS512,
        "none" if secret.is_empty() => return Ok(format!("{signing_input}.")),
        "none" => return Err(failed(r#"When alg = "none", key value must be None."#)),
        _ if NEED_CRYPTOGRAPHY.contains(&name) => {
            return Err(failed(&format!(
                "Algorithm '{name}' could not be found. Do you have cryptography installed?"
            )));
        }
        _ => return Err(failed("Algorithm not supported")),
    };
    if is_pem(secret) || SSH_KEY_PREFIXES.iter().any(|p| secret.starts_with(p)) {
        return Err(failed(
            "The specified key is an asymmetric key or x509 certificate and should not be used as an HMAC secret.",
        ));
    }
    let signature = jsonwebtoken::crypto::sign(
        signing_input.as_bytes(),
        &EncodingKey::from_secret(secret.as_bytes()),
        algorithm,
    )
    .map_err(|e| failed(&e.to_string()))?;
    Ok(format!("{signing_input}.{signature}"))
}

/// Seconds since the Unix epoch, truncated toward zero as Python's `int()`.
fn unix_seconds(time: SystemTime) -> i64 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(after) => i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
        Err(before) => -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
    }
}

/// Whether `text` holds a PEM block PyJWT would take for a key or
/// certificate: `----[- ]BEGIN <label>[- ]----`, a line break, at least one
/// character, a line break and the matching END line.
fn is_pem(text: &str) -> bool {
    const DASHES: &str = "----";
    let mut from = 0;
    while let Some(found) = text[from..].find("BEGIN ") {
        let begin = from + found;
        from = begin + 1;
        let opened = begin >= 5 && text[..begin].ends_with(['-', ' ']) && text[..begin - 1].ends_with(DASHES);
        if !opened {
            continue;
        }
        let after_begin = &text[begin + "BEGIN ".len()..];
        for label in PEM_LABELS {
            let Some(rest) = after_begin.strip_prefix(label) else {
                continue;
            };
            let Some(rest) = rest.strip_prefix(['-', ' ']).and_then(|r| r.strip_prefix(DASHES)) else {
                continue;
            };
            let body = rest.strip_prefix('\r').unwrap_or(rest);
            let Some(body) = body.strip_prefix('\n') else {
                continue;
            };
            if has_end_line(body, label) {
                return true;
            }
        }
    }
    false
}

/// Whether, after at least one character of `body`, a line break is
/// followed by `----[- ]END <label>[- ]----`.
fn has_end_line(body: &str, label: &str) -> bool {
    body.char_indices().skip(1).any(|(i, c)| {
        if c != '\n' {
            return false;
        }
        let line = &body[i + 1..];
        line.strip_prefix("----")
            .and_then(|l| l.strip_prefix(['-', ' ']))
            .and_then(|l| l.strip_prefix("END "))
            .and_then(|l| l.strip_prefix(label))
            .and_then(|l| l.strip_prefix(['-', ' ']))
            .is_some_and(|l| l.starts_with("----"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::{JWTClaims, JWTHeaders};

    fn credential(alg: &str, secret: &str) -> JWTCredential {
        let text = String::new;
        JWTCredential {
            headers: JWTHeaders {
                alg: alg.into(),
                jku: text(),
                jwk: text(),
                typ: "JWT".into(),
                kid: "k1".into(),
                x5u: text(),
                x5c: text(),
                x5t: text(),
                x5t_s256: text(),
                cty: text(),
                crit: vec![],
            },
            claims: JWTClaims {
                iss: "me".into(),
                sub: "you".into(),
                aud: "api".into(),
                exp: 1,
                nbf: 2,
                iat: 3,
                jti: text(),
                act: text(),
                scope: vec!["a".into()],
                client_id: text(),
                may_act: text(),
            },
            secret: secret.into(),
        }
    }

    /// The header and claims of a token whose signature `secret` verifies.
    fn verified(token: &str, secret: &str, algorithm: Algorithm) -> (serde_json::Value, serde_json::Value) {
        let (input, signature) = token.rsplit_once('.').unwrap();
        let key = jsonwebtoken::DecodingKey::from_secret(secret.as_bytes());
        assert!(
            jsonwebtoken::crypto::verify(signature, input.as_bytes(), &key, algorithm).unwrap(),
            "the signature does not verify"
        );
        let part = |p: &str| {
            let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(p)
                .unwrap();
            serde_json::from_slice(&bytes).unwrap()
        };
        let (header, claims) = input.split_once('.').unwrap();
        (part(header), part(claims))
    }

    #[test]
    fn what_it_signs_verifies_with_the_secret_and_expires_in_twenty_minutes() {
        for (name, algorithm) in [
            ("HS256", Algorithm::HS256),
            ("HS384", Algorithm::HS384),
            ("HS512", Algorithm::HS512),
        ] {
            let before = unix_seconds(SystemTime::now());
            let token = sign_jwt(&credential(name, "s3cret")).unwrap();
            let (header, claims) = verified(&token, "s3cret", algorithm);
            assert_eq!(header["alg"], name);
            assert_eq!(header["kid"], "k1");
            let iat = claims["iat"].as_i64().unwrap();
            assert!((before..=before + 5).contains(&iat), "{claims}");
            assert_eq!(claims["exp"].as_i64().unwrap() - iat, 20 * 60);
            assert_eq!((&claims["nbf"], &claims["aud"]), (&2.into(), &"api".into()));
        }
        let token = sign_jwt(&credential("HS256", "s3cret")).unwrap();
        let (input, signature) = token.rsplit_once('.').unwrap();
        let other = jsonwebtoken::DecodingKey::from_secret(b"another");
        assert!(
            !jsonwebtoken::crypto::verify(signature, input.as_bytes(), &other, Algorithm::HS256).unwrap()
        );
    }

    #[test]
    fn unsupported_algorithms_are_bad_requests_that_do_not_show_the_secret() {
        for alg in ["RS256", "nope", "none"] {
            let e = sign_jwt(&credential(alg, "s3cret-value")).unwrap_err();
            let c = e.as_connector_error().unwrap();
            assert_eq!(c.error_code, crate::models::ErrorCode::BadRequest);
            assert!(c.message.starts_with("Failed to sign JWT: "), "{}", c.message);
            assert!(!c.message.contains("s3cret"), "{}", c.message);
        }
    }

    #[test]
    fn pem_blocks_are_recognised_as_pyjwt_recognises_them() {
        let key = "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n";
        assert!(is_pem(key));
        assert!(is_pem(&format!("prefix {key}")));
        assert!(is_pem(
            "---- BEGIN CERTIFICATE REQUEST ----\r\nx\r\n---- END CERTIFICATE REQUEST ----"
        ));
        // The body needs a character; the END label must match the BEGIN one.
        assert!(!is_pem(
            "-----BEGIN PRIVATE KEY-----\n\n-----END PRIVATE KEY-----"
        ));
        assert!(!is_pem(
            "-----BEGIN PRIVATE KEY-----\nx\n-----END PUBLIC KEY-----"
        ));
        assert!(!is_pem("-----BEGIN SECRET-----\nx\n-----END SECRET-----"));
        assert!(!is_pem("just a shared secret"));
    }

    #[test]
    fn seconds_truncate_toward_zero() {
        assert_eq!(unix_seconds(UNIX_EPOCH + Duration::from_millis(1999)), 1);
        assert_eq!(unix_seconds(UNIX_EPOCH - Duration::from_millis(1999)), -1);
    }
}
