//! Requests to the token endpoint, built and read by the `oauth2` crate and
//! sent with reqwest in the shape the connector's settings ask for.

use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use oauth2::basic::{BasicClient, BasicTokenType};
use oauth2::http::{self, HeaderValue, header};
use oauth2::{
    AuthType, AuthorizationCode, ClientId, ClientSecret, HttpRequest, HttpResponse, PkceCodeVerifier,
    RedirectUrl, RefreshToken, RequestTokenError, Scope, TokenResponse, TokenUrl,
};
use serde_json::Value;

use super::settings::{ClientAuth, OAuthSettings, RequestBody, RequestMethod};
use crate::error::cut::WholeSize;
use crate::error::{Error, Result};
use crate::redact::forms_of;

/// How long a token request may take, as in the reference.
const TIMEOUT: Duration = Duration::from_secs(300);

/// What is exchanged for a token.
pub(crate) enum Grant<'a> {
    /// An authorization code, with the redirect URI it was issued for.
    AuthorizationCode {
        code: &'a str,
        redirect_uri: &'a str,
        code_verifier: Option<&'a str>,
    },
    /// A refresh token.
    RefreshToken { refresh_token: &'a str },
    /// The client's own credentials, for these scopes (space-separated).
    ClientCredentials { scope: &'a str },
}

impl Grant<'_> {
    fn secrets(&self) -> Vec<&str> {
        match self {
            Self::AuthorizationCode {
                code, code_verifier, ..
            } => [Some(*code), *code_verifier].into_iter().flatten().collect(),
            Self::RefreshToken { refresh_token } => vec![refresh_token],
            Self::ClientCredentials { .. } => Vec::new(),
        }
    }
}

/// The token endpoint's answer.
#[derive(Clone, PartialEq)]
pub(crate) struct TokenGrant {
    pub access_token: String,
    pub refresh_token: Option<String>,
    pub state: Option<String>,
    /// The whole JSON answer, `token_type` normalised.
    pub raw: Value,
}

impl fmt::Debug for TokenGrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TokenGrant").finish_non_exhaustive()
    }
}

/// The token endpoint refused the request or answered with something that
/// is not a token.
///
/// Its message names the endpoint (without query string), the status, and
/// the OAuth `error` and `error_description` when the endpoint gave them; the
/// body itself is never repeated, since endpoints may echo what they were sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OAuthRequestError {
    /// The HTTP status of the answer.
    pub status: u16,
    /// The token URL without its query string and user info.
    pub url: String,
    /// The OAuth error code (`invalid_grant`, `invalid_client`...), if given.
    pub error: Option<String>,
    /// The endpoint's explanation, if given.
    pub error_description: Option<String>,
    /// What was wrong with the answer, when it was not an OAuth error.
    pub problem: Option<String>,
}

impl fmt::Display for OAuthRequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}][{}] OAuth request failed: ", self.status, self.url)?;
        let mut parts: Vec<&str> = Vec::new();
        if let Some(error) = &self.error {
            parts.push(error);
        }
        if let Some(description) = &self.error_description {
            parts.push(description);
        }
        if let Some(problem) = &self.problem {
            parts.push(problem);
        }
        if parts.is_empty() {
            write!(f, "the token endpoint answered with HTTP status {}", self.status)
        } else {
            f.write_str(&parts.join(": "))
        }
    }
}

impl std::error::Error for OAuthRequestError {}

/// The token endpoint's raw answer, kept beside what the `oauth2` crate reads.
struct Upstream {
    status: u16,
    content_type: Option<String>,
    /// The body, or the start of an error body too long to read whole.
    body: Vec<u8>,
    /// How long an error body was, when it was too long to read whole.
    cut: Option<WholeSize>,
    /// The values of the request's credential headers, as sent.
    sent_secrets: Vec<String>,
    /// The body as a JSON object with `token_type` normalised, on success statuses.
    token_json: Option<Value>,
    /// In proxy mode, what went wrong on the proxy's side.
    proxy_failure: Option<crate::client::proxy::ProxyFailure>,
}

/// `token_type` lower-cased, or `bearer` when the endpoint left it out.
fn normalise_token_type(json: &mut serde_json::Map<String, Value>) {
    let normalised = match json.get("token_type") {
        Some(Value::String(t)) => t.to_lowercase(),
        None | Some(Value::Null) => "bearer".to_owned(),
        Some(_) => return,
    };
    json.insert("token_type".into(), Value::String(normalised));
}

/// Sends the request `oauth2` built (a form POST) in the method and body
/// shape the settings ask for, and keeps the raw answer.
async fn send(
    http: reqwest::Client,
    request: HttpRequest,
    method: RequestMethod,
    body: RequestBody,
    captured: Arc<Mutex<Option<Upstream>>>,
) -> std::result::Result<HttpResponse, reqwest::Error> {
    let (parts, form) = request.into_parts();
    let params: Vec<(String, String)> = url::form_urlencoded::parse(&form).into_owned().collect();
    let mut url = parts.uri.to_string();
    let method = match method {
        RequestMethod::Post => reqwest::Method::POST,
        RequestMethod::Get => reqwest::Method::GET,
    };
    let mut headers = parts.headers;
    headers.remove(header::CONTENT_TYPE);
    let body = match body {
        RequestBody::Form => {
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/x-www-form-urlencoded"),
            );
            Some(form)
        }
        RequestBody::Json => {
            let object: serde_json::Map<String, Value> =
                params.into_iter().map(|(k, v)| (k, Value::String(v))).collect();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            Some(Value::Object(object).to_string().into_bytes())
        }
        RequestBody::Query => {
            let query = url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&params)
                .finish();
            url.push(if url.contains('?') { '&' } else { '?' });
            url.push_str(&query);
            None
        }
    };
    let mut outgoing = http
        .request(method, url.as_str())
        .headers(headers)
        .timeout(TIMEOUT);
    if let Some(body) = body {
        outgoing = outgoing.body(body);
    }
    let outgoing = outgoing.build().map_err(reqwest::Error::without_url)?;
    // What an endpoint may echo: the basic credential, or one reqwest made
    // of user info in the token URL.
    let mut sent_secrets = crate::client::credential_values(outgoing.headers());
    // The reference's token requests go through its proxy too.
    let proxy = crate::client::proxy::active();
    let original_url = outgoing.url().clone();
    let outgoing = match &proxy {
        Some(proxy) => {
            sent_secrets.extend(proxy.secret_values());
            proxy.rewrite(outgoing)
        }
        None => outgoing,
    };
    // A token endpoint that redirects is misconfigured; following it would
    // resend the client's secret to another place.
    let response = crate::client::send_without_redirects(&http, outgoing)
        .await
        .map_err(reqwest::Error::without_url)?;
    let failure = proxy
        .as_deref()
        .and_then(|p| p.failure(response.status(), response.headers(), &original_url));
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    // An error answer only goes to a message, so no more of it is read
    // than a message could use.
    let (bytes, cut) = if (200..300).contains(&status) && failure.is_none() {
        let bytes = response.bytes().await.map_err(reqwest::Error::without_url)?;
        (bytes.to_vec(), None)
    } else {
        crate::client::read_error_body(response)
            .await
            .map_err(reqwest::Error::without_url)?
    };
    let token_json = if (200..300).contains(&status) {
        match serde_json::from_slice::<Value>(&bytes) {
            Ok(Value::Object(mut object)) => {
                normalise_token_type(&mut object);
                Some(Value::Object(object))
            }
            _ => None,
        }
    } else {
        None
    };
    // `oauth2` accepts only 200 with a JSON content type; the reference takes
    // any success status, so successful answers are handed on as a plain 200.
    let (handed_status, handed_body) = match &token_json {
        Some(json) => (200, json.to_string().into_bytes()),
        None => (status, bytes.clone()),
    };
    let handed = http::Response::builder()
        .status(handed_status)
        .header(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))
        .body(handed_body)
        .unwrap_or_default();
    if let Ok(mut slot) = captured.lock() {
        *slot = Some(Upstream {
            status,
            content_type,
            body: bytes,
            cut,
            sent_secrets,
            token_json,
            proxy_failure: failure,
        });
    }
    Ok(handed)
}

/// Asks the token endpoint for a token.
pub(crate) async fn request_token(
    settings: &OAuthSettings,
    token_url: &str,
    client_id: &str,
    client_secret: &str,
    grant: Grant<'_>,
) -> Result<TokenGrant> {
    let parsed_url = TokenUrl::new(token_url.to_owned())
        .map_err(|e| Error::bad_request(format!("The OAuth token URL is not a valid URL: {e}")))?;
    let client = BasicClient::new(ClientId::new(client_id.to_owned()))
        .set_client_secret(ClientSecret::new(client_secret.to_owned()))
        .set_token_uri(parsed_url)
        .set_auth_type(match settings.client_auth {
            ClientAuth::ClientSecretPost => AuthType::RequestBody,
            ClientAuth::ClientSecretBasic => AuthType::BasicAuth,
        });
    let captured: Arc<Mutex<Option<Upstream>>> = Arc::new(Mutex::new(None));
    let (method, body) = (settings.method, settings.body);
    let http = crate::client::shared_pool()?;
    let http_client = |request: HttpRequest| send(http.clone(), request, method, body, Arc::clone(&captured));

    let outcome = match &grant {
        Grant::AuthorizationCode {
            code,
            redirect_uri,
            code_verifier,
        } => {
            let redirect = RedirectUrl::new((*redirect_uri).to_owned()).map_err(|_| {
                Error::bad_request("The redirect URI of the authorization callback is not a valid URL.")
            })?;
            let mut request = client
                .exchange_code(AuthorizationCode::new((*code).to_owned()))
                .set_redirect_uri(std::borrow::Cow::Owned(redirect));
            if let Some(verifier) = code_verifier {
                request = request.set_pkce_verifier(PkceCodeVerifier::new((*verifier).to_owned()));
            }
            request.request_async(&http_client).await
        }
        Grant::RefreshToken { refresh_token } => {
            let token = RefreshToken::new((*refresh_token).to_owned());
            client
                .exchange_refresh_token(&token)
                .request_async(&http_client)
                .await
        }
        Grant::ClientCredentials { scope } => {
            client
                .exchange_client_credentials()
                .add_scopes(scope.split_whitespace().map(|s| Scope::new(s.to_owned())))
                .request_async(&http_client)
                .await
        }
    };
    let mut upstream = captured.lock().ok().and_then(|mut slot| slot.take());
    // Each secret in every form the request carried it, should the endpoint
    // echo the request.
    let mut secrets: Vec<String> = grant
        .secrets()
        .into_iter()
        .chain([client_secret])
        .flat_map(forms_of)
        .collect();
    if let Some(upstream) = &upstream {
        secrets.extend(upstream.sent_secrets.iter().flat_map(|v| forms_of(v)));
    }
    let secrets: Vec<&str> = secrets.iter().map(String::as_str).collect();
    if let Some(upstream) = &mut upstream {
        if let Some(failure) = upstream.proxy_failure.take() {
            return Err(failure.into_error(&upstream.body, upstream.cut, &secrets));
        }
    }
    let redact = |text: &str| crate::redact::secrets(text, &secrets);
    let url_for_messages = crate::redact::strip_query(&crate::redact::url_text(token_url)).to_owned();
    match outcome {
        Ok(token) => {
            let upstream = upstream.ok_or_else(|| Error::api_error("The token endpoint gave no answer."))?;
            if *token.token_type() != BasicTokenType::Bearer {
                let kind = match token.token_type() {
                    BasicTokenType::Mac => "mac".to_owned(),
                    BasicTokenType::Extension(other) => redact(other),
                    BasicTokenType::Bearer => unreachable!("checked above"),
                };
                return Err(OAuthRequestError {
                    status: upstream.status,
                    url: url_for_messages,
                    error: None,
                    error_description: None,
                    problem: Some(format!(
                        "the token endpoint issued a token of type `{kind}`; only bearer tokens are supported"
                    )),
                }
                .into());
            }
            let raw = upstream.token_json.unwrap_or(Value::Null);
            Ok(TokenGrant {
                access_token: token.access_token().secret().clone(),
                refresh_token: token.refresh_token().map(|t| t.secret().clone()),
                state: raw.get("state").and_then(Value::as_str).map(str::to_owned),
                raw,
            })
        }
        Err(RequestTokenError::Request(e)) => Err(e.into()),
        Err(other) => {
            let Some(upstream) = upstream else {
                // `oauth2` failed before sending anything.
                return Err(Error::api_error(format!(
                    "The OAuth token request could not be built: {}",
                    redact(&other.to_string())
                )));
            };
            Err(describe_failure(upstream, url_for_messages, &other, &redact).into())
        }
    }
}

fn describe_failure<RE: std::error::Error + 'static, TE: oauth2::ErrorResponse + 'static>(
    upstream: Upstream,
    url: String,
    error: &RequestTokenError<RE, TE>,
    redact: &dyn Fn(&str) -> String,
) -> OAuthRequestError {
    let json: Option<Value> = serde_json::from_slice(&upstream.body).ok();
    let field = |name: &str| {
        json.as_ref()
            .and_then(|j| j.get(name))
            .and_then(Value::as_str)
            .map(redact)
    };
    let mut failure = OAuthRequestError {
        status: upstream.status,
        url,
        error: field("error"),
        error_description: field("error_description"),
        problem: None,
    };
    let success = (200..300).contains(&upstream.status);
    if let Some(whole) = upstream.cut {
        failure.problem = Some(format!(
            "the token endpoint's answer is too long to read ({})",
            whole.bytes()
        ));
    } else if failure.error.is_none() {
        failure.problem = if upstream.body.iter().all(u8::is_ascii_whitespace) {
            Some("the token endpoint's answer is empty".to_owned())
        } else if json.is_none() {
            Some(format!(
                "the token endpoint's answer is not JSON (content type `{}`)",
                upstream.content_type.as_deref().unwrap_or("none")
            ))
        } else if success {
            let reason = match (error, &json) {
                // Read again for a message without the answer's values.
                (RequestTokenError::Parse(..), Some(json)) => {
                    match crate::error::input::from_value::<oauth2::basic::BasicTokenResponse>(json) {
                        Err(reason) => format!(": {}", redact(&reason)),
                        Ok(_) => String::new(),
                    }
                }
                _ => String::new(),
            };
            Some(format!("the token endpoint's answer is not a token{reason}"))
        } else {
            None
        };
    }
    failure
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_type_is_lower_cased_or_defaults_to_bearer() {
        let mut m = serde_json::json!({"access_token": "a", "token_type": "Bearer"});
        normalise_token_type(m.as_object_mut().unwrap());
        assert_eq!(m["token_type"], "bearer");
        let mut m = serde_json::json!({"access_token": "a"});
        normalise_token_type(m.as_object_mut().unwrap());
        assert_eq!(m["token_type"], "bearer");
    }

    #[test]
    fn messages_name_status_url_and_oauth_error() {
        let e = OAuthRequestError {
            status: 400,
            url: "http://127.0.0.1:1/token".into(),
            error: Some("invalid_grant".into()),
            error_description: Some("The code has expired".into()),
            problem: None,
        };
        assert_eq!(
            e.to_string(),
            "[400][http://127.0.0.1:1/token] OAuth request failed: invalid_grant: The code has expired"
        );
    }
}

#[cfg(test)]
mod against_a_server {
    use base64::Engine;
    use oauth_test_server::{CLIENT_ID, CLIENT_SECRET, OAuthServer};
    use sha2::Digest;

    use super::*;
    use crate::oauth::Endpoint;

    const REDIRECT: &str = "https://lumos.example/callback";

    fn shapes() -> [(RequestMethod, RequestBody); 3] {
        [
            (RequestMethod::Post, RequestBody::Form),
            (RequestMethod::Post, RequestBody::Json),
            (RequestMethod::Get, RequestBody::Query),
        ]
    }

    fn settings(base: OAuthSettings, shape: (RequestMethod, RequestBody), auth: ClientAuth) -> OAuthSettings {
        base.token_url(Endpoint::from_raw_settings(|_| None))
            .request_type(shape.0, shape.1)
            .client_auth(auth)
    }

    /// Checks where the parameters went and how the client authenticated.
    fn check_shape(
        server: &OAuthServer,
        shape: (RequestMethod, RequestBody),
        auth: ClientAuth,
        grant_type: &str,
    ) {
        let seen = server.last_request().expect("a token request");
        let context = format!("{shape:?} {auth:?}: {seen:?}");
        assert_eq!(seen.param("grant_type"), Some(grant_type), "{context}");
        match shape {
            (RequestMethod::Post, RequestBody::Form) => {
                assert_eq!(seen.method, "POST", "{context}");
                assert_eq!(
                    seen.content_type.as_deref(),
                    Some("application/x-www-form-urlencoded"),
                    "{context}"
                );
                assert!(seen.query.is_empty() && !seen.body.is_empty(), "{context}");
            }
            (RequestMethod::Post, RequestBody::Json) => {
                assert_eq!(seen.method, "POST", "{context}");
                assert_eq!(
                    seen.content_type.as_deref(),
                    Some("application/json"),
                    "{context}"
                );
                assert!(seen.query.is_empty() && !seen.body.is_empty(), "{context}");
            }
            _ => {
                assert_eq!(seen.method, "GET", "{context}");
                assert!(seen.body.is_empty() && !seen.query.is_empty(), "{context}");
            }
        }
        match auth {
            ClientAuth::ClientSecretPost => {
                assert_eq!(seen.authorization, None, "{context}");
                assert_eq!(seen.param("client_id"), Some(CLIENT_ID), "{context}");
                assert_eq!(seen.param("client_secret"), Some(CLIENT_SECRET), "{context}");
            }
            ClientAuth::ClientSecretBasic => {
                let expected =
                    base64::engine::general_purpose::STANDARD.encode(format!("{CLIENT_ID}:{CLIENT_SECRET}"));
                assert_eq!(seen.authorization, Some(format!("Basic {expected}")), "{context}");
                assert_eq!(seen.param("client_secret"), None, "{context}");
            }
        }
    }

    fn pkce_pair() -> (String, String) {
        let verifier = "v".repeat(43);
        let challenge = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(sha2::Sha256::digest(verifier.as_bytes()));
        (verifier, challenge)
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn code_flow_and_refresh_in_every_request_shape() {
        let server = OAuthServer::start().await;
        let token_url = format!("{}/oauth/token", server.base_url);
        for shape in shapes() {
            for auth in [ClientAuth::ClientSecretPost, ClientAuth::ClientSecretBasic] {
                let oauth = settings(OAuthSettings::authorization_code().pkce(true), shape, auth);
                let (verifier, challenge) = pkce_pair();
                let code = server.issue_code(REDIRECT, Some(&challenge));
                let grant = request_token(
                    &oauth,
                    &token_url,
                    CLIENT_ID,
                    CLIENT_SECRET,
                    Grant::AuthorizationCode {
                        code: &code,
                        redirect_uri: REDIRECT,
                        code_verifier: Some(&verifier),
                    },
                )
                .await
                .unwrap_or_else(|e| panic!("{shape:?} {auth:?}: {e}"));
                check_shape(&server, shape, auth, "authorization_code");
                let seen = server.last_request().unwrap();
                assert_eq!(seen.param("code"), Some(code.as_str()));
                assert_eq!(seen.param("redirect_uri"), Some(REDIRECT));
                assert_eq!(seen.param("code_verifier"), Some(verifier.as_str()));
                assert!(grant.access_token.starts_with("access-"));
                assert_eq!(grant.raw["token_type"], "bearer", "token_type is lower-cased");
                assert_eq!(grant.raw["expires_in"], 3600);

                let refresh_token = grant.refresh_token.expect("a refresh token");
                let refreshed = request_token(
                    &oauth,
                    &token_url,
                    CLIENT_ID,
                    CLIENT_SECRET,
                    Grant::RefreshToken {
                        refresh_token: &refresh_token,
                    },
                )
                .await
                .unwrap_or_else(|e| panic!("{shape:?} {auth:?}: {e}"));
                check_shape(&server, shape, auth, "refresh_token");
                assert_eq!(
                    server.last_request().unwrap().param("refresh_token"),
                    Some(refresh_token.as_str())
                );
                assert_ne!(refreshed.access_token, grant.access_token);
                assert_eq!(
                    refreshed.raw["token_type"], "bearer",
                    "absent token_type becomes bearer"
                );
            }
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn client_credentials_in_every_request_shape() {
        let server = OAuthServer::start().await;
        let token_url = format!("{}/oauth/token", server.base_url);
        for shape in shapes() {
            for auth in [ClientAuth::ClientSecretPost, ClientAuth::ClientSecretBasic] {
                let oauth = settings(OAuthSettings::client_credentials(), shape, auth);
                let grant = request_token(
                    &oauth,
                    &token_url,
                    CLIENT_ID,
                    CLIENT_SECRET,
                    Grant::ClientCredentials {
                        scope: "users:read groups:read",
                    },
                )
                .await
                .unwrap_or_else(|e| panic!("{shape:?} {auth:?}: {e}"));
                check_shape(&server, shape, auth, "client_credentials");
                assert_eq!(
                    server.last_request().unwrap().param("scope"),
                    Some("users:read groups:read")
                );
                assert!(grant.access_token.starts_with("access-"));
                assert_eq!(grant.refresh_token, None);
            }
        }
        // No scopes at all: no `scope` parameter.
        let oauth = OAuthSettings::client_credentials();
        request_token(
            &oauth,
            &token_url,
            CLIENT_ID,
            CLIENT_SECRET,
            Grant::ClientCredentials { scope: "" },
        )
        .await
        .unwrap();
        assert_eq!(server.last_request().unwrap().param("scope"), None);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_wrong_verifier_is_refused_by_the_server() {
        let server = OAuthServer::start().await;
        let token_url = format!("{}/oauth/token", server.base_url);
        let (_, challenge) = pkce_pair();
        let code = server.issue_code(REDIRECT, Some(&challenge));
        let wrong = "w".repeat(43);
        let err = request_token(
            &OAuthSettings::authorization_code().pkce(true),
            &token_url,
            CLIENT_ID,
            CLIENT_SECRET,
            Grant::AuthorizationCode {
                code: &code,
                redirect_uri: REDIRECT,
                code_verifier: Some(&wrong),
            },
        )
        .await
        .unwrap_err();
        let failure = err
            .downcast_ref::<OAuthRequestError>()
            .expect("an OAuth request error");
        assert_eq!(failure.status, 400);
        assert_eq!(failure.error.as_deref(), Some("invalid_grant"));
        assert_eq!(
            failure.error_description.as_deref(),
            Some("PKCE verification failed.")
        );
        let message = err.to_string();
        assert!(!message.contains(&wrong) && !message.contains(&code) && !message.contains(CLIENT_SECRET));
    }

    #[tokio::test]
    async fn token_requests_go_through_the_proxy_in_proxy_mode() {
        use crate::client::{ProxySettings, proxy};
        use wiremock::matchers::path;
        use wiremock::{Mock, MockServer, ResponseTemplate};
        let server = MockServer::start().await;
        Mock::given(path("/ok"))
            .respond_with(
                ResponseTemplate::new(200)
                    .set_body_json(serde_json::json!({"access_token": "a-1", "token_type": "bearer"})),
            )
            .mount(&server)
            .await;
        Mock::given(path("/down"))
            .respond_with(
                ResponseTemplate::new(502)
                    .insert_header("x-lumos-sip-status-code", "502")
                    .set_body_string(format!("echo {CLIENT_SECRET} proxy-token-9")),
            )
            .mount(&server)
            .await;
        let token_url = "https://login.example.invalid/oauth/token";
        let settings = |route: &str| {
            ProxySettings::new(&format!("{}/{route}", server.uri()))
                .unwrap()
                .header(proxy::PROXY_AUTH_HEADER, "proxy-token-9")
                .unwrap()
        };
        let oauth = OAuthSettings::client_credentials();
        let request = || {
            request_token(
                &oauth,
                token_url,
                CLIENT_ID,
                CLIENT_SECRET,
                Grant::ClientCredentials { scope: "" },
            )
        };
        let grant = proxy::scope(settings("ok"), request()).await.unwrap();
        assert_eq!(grant.access_token, "a-1");
        let sent = &server.received_requests().await.unwrap()[0];
        assert_eq!(sent.headers["x-forward-to"], token_url);
        assert_eq!(sent.headers["x-lumos-proxy-auth"], "proxy-token-9");
        assert!(String::from_utf8_lossy(&sent.body).contains("grant_type=client_credentials"));

        let err = proxy::scope(settings("down"), request()).await.unwrap_err();
        let failure = err.as_connector_error().expect("the proxy's debug hint");
        assert_eq!(failure.app_error_code.as_deref(), Some(proxy::PROXY_ERROR_CODE));
        assert!(
            failure
                .message
                .starts_with(&format!("[502][{}/down] There is something wrong", server.uri())),
            "{}",
            failure.message
        );
        assert!(
            failure
                .message
                .ends_with("Original response: echo [REDACTED] [REDACTED]"),
            "{}",
            failure.message
        );
    }

    #[tokio::test]
    async fn redirects_of_the_token_endpoint_are_not_followed() {
        use wiremock::matchers::path;
        use wiremock::{Mock, MockServer, ResponseTemplate};
        let server = MockServer::start().await;
        let token = serde_json::json!({"access_token": "a", "token_type": "bearer"});
        Mock::given(path("/token"))
            .respond_with(
                ResponseTemplate::new(307).insert_header("location", format!("{}/elsewhere", server.uri())),
            )
            .mount(&server)
            .await;
        Mock::given(path("/elsewhere"))
            .respond_with(ResponseTemplate::new(200).set_body_json(token))
            .mount(&server)
            .await;
        let err = request_token(
            &OAuthSettings::client_credentials(),
            &format!("{}/token", server.uri()),
            CLIENT_ID,
            CLIENT_SECRET,
            Grant::ClientCredentials { scope: "" },
        )
        .await
        .unwrap_err();
        let failure = err
            .downcast_ref::<OAuthRequestError>()
            .expect("an OAuth request error");
        assert_eq!(failure.status, 307);
        let seen = server.received_requests().await.unwrap();
        let paths: Vec<&str> = seen.iter().map(|r| r.url.path()).collect();
        assert_eq!(paths, ["/token"], "the secret went nowhere else");
        assert_eq!(
            seen[0].headers.get("user-agent").and_then(|v| v.to_str().ok()),
            Some(concat!("connector/", env!("CARGO_PKG_VERSION"))),
            "the client's default user agent"
        );
    }
}

#[cfg(test)]
mod error_bodies {
    use oauth_test_server::{CLIENT_ID, CLIENT_SECRET};
    use wiremock::{Mock, MockServer, ResponseTemplate, matchers::any};

    use super::*;

    /// A token endpoint that refuses every request, repeating in its
    /// `error_description` the request's Authorization header, query and body.
    async fn echoing() -> MockServer {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(|request: &wiremock::Request| {
                let authorization = request
                    .headers
                    .get("authorization")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default();
                let description = format!(
                    "refused {authorization} with {} {}",
                    request.url.query().unwrap_or_default(),
                    String::from_utf8_lossy(&request.body)
                );
                ResponseTemplate::new(401).set_body_json(
                    serde_json::json!({"error": "invalid_client", "error_description": description}),
                )
            })
            .mount(&server)
            .await;
        server
    }

    #[tokio::test]
    async fn echoed_secrets_are_hidden_in_every_form() {
        let server = echoing().await;
        let token_url = format!("{}/token", server.uri());
        let refresh_token = "rt/with+odd=chars and-space";
        let basic = base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            format!("{CLIENT_ID}:{CLIENT_SECRET}"),
        );
        let shapes = [
            (RequestMethod::Post, RequestBody::Form),
            (RequestMethod::Post, RequestBody::Json),
            (RequestMethod::Get, RequestBody::Query),
        ];
        for shape in shapes {
            for auth in [ClientAuth::ClientSecretPost, ClientAuth::ClientSecretBasic] {
                let settings = OAuthSettings::authorization_code()
                    .request_type(shape.0, shape.1)
                    .client_auth(auth);
                let err = request_token(
                    &settings,
                    &token_url,
                    CLIENT_ID,
                    CLIENT_SECRET,
                    Grant::RefreshToken { refresh_token },
                )
                .await
                .unwrap_err();
                let message = err.to_string();
                assert!(
                    message.contains("OAuth request failed: invalid_client: refused"),
                    "{message}"
                );
                for secret in [
                    CLIENT_SECRET,
                    basic.as_str(),
                    refresh_token,
                    "rt%2Fwith%2Bodd%3Dchars+and-space",
                    "rt%2Fwith%2Bodd%3Dchars%20and-space",
                ] {
                    assert!(
                        !message.contains(secret),
                        "{shape:?} {auth:?}: {secret} in {message}"
                    );
                }
            }
        }
    }

    #[tokio::test]
    async fn a_huge_error_answer_is_neither_read_nor_repeated_whole() {
        let server = MockServer::start().await;
        let description = "d".repeat(20 * 1024 * 1024);
        let body =
            serde_json::json!({"error": "invalid_grant", "error_description": description}).to_string();
        Mock::given(any())
            .respond_with(ResponseTemplate::new(400).set_body_raw(body.clone(), "application/json"))
            .mount(&server)
            .await;
        let err = request_token(
            &OAuthSettings::client_credentials(),
            &format!("{}/token", server.uri()),
            CLIENT_ID,
            CLIENT_SECRET,
            Grant::ClientCredentials { scope: "" },
        )
        .await
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "[400][{}/token] OAuth request failed: the token endpoint's answer is too long to read ({} bytes)",
                server.uri(),
                body.len()
            )
        );
    }

    #[tokio::test]
    async fn error_answers_are_read_only_up_to_the_bound() {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        // More than the kernel's socket buffers hold, so the server can only
        // send it all if the client reads it all.
        const SIZE: usize = 64 * 1024 * 1024;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let token_url = format!("http://{}/token", listener.local_addr().unwrap());
        let server = tokio::spawn(async move {
            let (mut stream, _) = listener.accept().await.unwrap();
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf).await {
                    Ok(0) | Err(_) => return false,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let head = format!("HTTP/1.1 400 Bad Request\r\ncontent-length: {SIZE}\r\n\r\n");
            let chunk = vec![b' '; 64 * 1024];
            if stream.write_all(head.as_bytes()).await.is_err() {
                return false;
            }
            for _ in 0..SIZE / chunk.len() {
                if stream.write_all(&chunk).await.is_err() {
                    return false;
                }
            }
            true
        });
        let err = request_token(
            &OAuthSettings::client_credentials(),
            &token_url,
            CLIENT_ID,
            CLIENT_SECRET,
            Grant::ClientCredentials { scope: "" },
        )
        .await
        .unwrap_err();
        assert!(
            err.to_string()
                .ends_with(&format!("too long to read ({SIZE} bytes)")),
            "{err}"
        );
        let sent_all = tokio::time::timeout(std::time::Duration::from_secs(60), server)
            .await
            .unwrap()
            .unwrap();
        assert!(!sent_all, "the client read the whole answer");
    }

    #[tokio::test]
    async fn the_token_url_s_user_info_is_not_shown() {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(
                ResponseTemplate::new(400).set_body_json(serde_json::json!({"error": "invalid_client"})),
            )
            .mount(&server)
            .await;
        let token_url = format!("{}/token?x=1", server.uri()).replace("http://", "http://USER:PASSWORD@");
        let err = request_token(
            &OAuthSettings::client_credentials(),
            &token_url,
            CLIENT_ID,
            CLIENT_SECRET,
            Grant::ClientCredentials { scope: "" },
        )
        .await
        .unwrap_err();
        let shown = server.uri().replace("http://", "http://[REDACTED]@");
        assert_eq!(
            err.to_string(),
            format!("[400][{shown}/token] OAuth request failed: invalid_client")
        );
    }
}
