//! The authorization URL people are sent to, and reading the redirect back.

use oauth2::PkceCodeChallenge;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use crate::error::{Error, Result};

/// The bytes Python's `quote_plus` leaves as they are besides letters and
/// digits, and the space, which it turns into `+`. (`form_urlencoded` keeps
/// `*` and encodes `~`, so it would differ from the reference.)
const QUOTE_PLUS_KEPT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'_')
    .remove(b'.')
    .remove(b'-')
    .remove(b'~')
    .remove(b' ');

/// Percent-encodes like Python's `quote_plus`: letters, digits and `_.-~`
/// stay, a space becomes `+`, every other byte becomes `%XX`.
pub(crate) fn quote_plus(text: &str) -> String {
    // `+` itself is encoded, so every `+` of the result stands for a space.
    utf8_percent_encode(text, QUOTE_PLUS_KEPT)
        .to_string()
        .replace(' ', "+")
}

/// The parameters of an authorization URL.
pub(crate) struct AuthorizationRequest<'a> {
    pub base: &'a str,
    pub client_id: &'a str,
    pub scope: &'a str,
    pub redirect_uri: &'a str,
    pub state: &'a str,
    pub pkce: bool,
}

/// The URL, and the PKCE verifier when PKCE is on.
pub(crate) fn authorization_url(req: &AuthorizationRequest<'_>) -> (String, Option<String>) {
    let mut params: Vec<(&str, String)> = vec![
        ("client_id", req.client_id.to_owned()),
        ("response_type", "code".to_owned()),
        ("scope", req.scope.to_owned()),
        ("redirect_uri", req.redirect_uri.to_owned()),
        ("state", req.state.to_owned()),
    ];
    let mut verifier = None;
    if req.pkce {
        let (challenge, code_verifier) = PkceCodeChallenge::new_random_sha256();
        params.push(("code_challenge", challenge.as_str().to_owned()));
        params.push(("code_challenge_method", challenge.method().as_str().to_owned()));
        verifier = Some(code_verifier.secret().clone());
    }
    let query = params
        .iter()
        .map(|(k, v)| format!("{k}={}", quote_plus(v)))
        .collect::<Vec<_>>()
        .join("&");
    let separator = if req.base.contains('?') { '&' } else { '?' };
    (format!("{}{separator}{query}", req.base), verifier)
}

/// What the authorization server's redirect carries.
#[derive(PartialEq, Eq)]
pub(crate) struct Redirect {
    /// The authorization code.
    pub code: String,
    /// The redirect URI the code was issued for: scheme, host and path.
    pub redirect_uri: String,
    /// The `state` the server echoed, if any.
    pub state: Option<String>,
}

impl std::fmt::Debug for Redirect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Redirect")
            .field("redirect_uri", &self.redirect_uri)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// Reads `redirect_uri_with_code`.
pub(crate) fn parse_redirect(redirect_uri_with_code: &str) -> Result<Redirect> {
    let url = url::Url::parse(redirect_uri_with_code).map_err(|e| {
        Error::bad_request(format!("The redirect URI with the code is not a valid URL: {e}."))
    })?;
    let first = |name: &str| {
        url.query_pairs()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    };
    let code = match first("code") {
        Some(code) => code,
        None => {
            return Err(match first("error") {
                Some(error) => {
                    let description = first("error_description")
                        .map(|d| format!(": {d}"))
                        .unwrap_or_default();
                    Error::bad_request(format!(
                        "The authorization server refused the authorization: {error}{description}"
                    ))
                }
                None => Error::bad_request("The redirect URI carries no `code` parameter."),
            });
        }
    };
    Ok(Redirect {
        code,
        redirect_uri: url[..url::Position::AfterPath].to_owned(),
        state: first("state"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_encoded_like_quote_plus() {
        let (url, verifier) = authorization_url(&AuthorizationRequest {
            base: "https://auth.example/authorize",
            client_id: "cid",
            scope: "x y z",
            redirect_uri: "https://lumos/cb",
            state: "st8",
            pkce: false,
        });
        assert_eq!(
            url,
            "https://auth.example/authorize?client_id=cid&response_type=code&scope=x+y+z&redirect_uri=https%3A%2F%2Flumos%2Fcb&state=st8"
        );
        assert!(verifier.is_none());
        assert_eq!(quote_plus("a*b~c é"), "a%2Ab~c+%C3%A9");
        assert_eq!(quote_plus("a+b/c=d&_.-"), "a%2Bb%2Fc%3Dd%26_.-");
    }

    #[test]
    fn pkce_adds_an_s256_challenge_of_the_verifier() {
        use base64::Engine;
        use sha2::Digest;
        let (url, verifier) = authorization_url(&AuthorizationRequest {
            base: "https://a/authorize?tenant=1",
            client_id: "cid",
            scope: "",
            redirect_uri: "https://cb",
            state: "s",
            pkce: true,
        });
        let verifier = verifier.unwrap();
        assert_eq!(verifier.len(), 43);
        let challenge =
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(&verifier));
        assert!(
            url.starts_with("https://a/authorize?tenant=1&client_id=cid&response_type=code&scope=&"),
            "{url}"
        );
        assert!(
            url.ends_with(&format!("&code_challenge={challenge}&code_challenge_method=S256")),
            "{url}"
        );
    }

    #[test]
    fn redirects_give_code_uri_and_state() {
        let r = parse_redirect("https://lumos/cb?code=abc123&state=st8&code=second#frag").unwrap();
        assert_eq!(r.code, "abc123");
        assert_eq!(r.redirect_uri, "https://lumos/cb");
        assert_eq!(r.state.as_deref(), Some("st8"));
        let r = parse_redirect("http://127.0.0.1:8080/a/b?code=c").unwrap();
        assert_eq!(r.redirect_uri, "http://127.0.0.1:8080/a/b");
        assert!(r.state.is_none());
        let e = parse_redirect("https://lumos/cb?error=access_denied&error_description=No").unwrap_err();
        assert_eq!(
            e.to_string(),
            "The authorization server refused the authorization: access_denied: No"
        );
        let e = parse_redirect("https://lumos/cb").unwrap_err();
        assert_eq!(e.to_string(), "The redirect URI carries no `code` parameter.");
        assert!(parse_redirect("not a url").is_err());
    }
}
