//! Proxy mode: every request of the framework's HTTP client goes to one
//! forwarding proxy, which sends it on to the app, as the reference's
//! `httpx_rewrite.AsyncClient` does inside `proxy_settings(...)`.
//!
//! `<connector> <capability> --use-proxy` (or `--sip`) and
//! `dev http-server --use-proxy` run each call inside [`scope`] with the
//! settings of [`ProxySettings::from_env`]. Inside it, each request:
//! - goes to the proxy's URL, with the same method and headers;
//! - carries the URL it was meant for in `X-Forward-To`;
//! - has `Host` set to the proxy's host (and port, when the URL names one);
//! - carries the proxy's headers, which replace request headers of the same name;
//! - keeps its body for POST, PUT and PATCH, and is sent without one otherwise.
//!
//! A failure on the proxy's side is an `invalid_response` error with
//! `app_error_code` `proxy_mode_error_debug_hint` and the reference's hint:
//! a proxy status other than 200 (the `x-lumos-sip-status-code` header, or
//! the response's own status when it is absent), or an
//! `x-lumos-target-hostname-status-code` that does not start with `2`.
//!
//! The reference asks a Lumos-internal service for a short-lived proxy token
//! and sends it as `X-Lumos-Proxy-Auth`; here the proxy and what it needs
//! are configured: `LUMOS_PROXY_URL`, `LUMOS_PROXY_TOKEN` (sent as
//! `X-Lumos-Proxy-Auth`) and `LUMOS_PROXY_HEADERS` (a JSON object of any
//! other headers).

use std::future::Future;
use std::sync::Arc;

use reqwest::header::{self, HeaderMap, HeaderName, HeaderValue};
use reqwest::{Method, StatusCode, Url};

use crate::error::cut::WholeSize;
use crate::error::{ConnectorError, Error, MAX_ERROR_BODY, Result};
use crate::models::ErrorCode;
use crate::redact;

/// The proxy's URL: every request of proxy mode goes there.
pub const PROXY_URL_VAR: &str = "LUMOS_PROXY_URL";
/// The proxy's token, sent as [`PROXY_AUTH_HEADER`].
pub const PROXY_TOKEN_VAR: &str = "LUMOS_PROXY_TOKEN";
/// More headers for the proxy, as a JSON object of names to text values;
/// applied after the token, so it may replace it.
pub const PROXY_HEADERS_VAR: &str = "LUMOS_PROXY_HEADERS";
/// The header the reference sends its proxy token in.
pub const PROXY_AUTH_HEADER: &str = "X-Lumos-Proxy-Auth";
/// The `app_error_code` of a failure on the proxy's side.
pub const PROXY_ERROR_CODE: &str = "proxy_mode_error_debug_hint";

const FORWARD_TO: &str = "x-forward-to";
const SIP_STATUS: &str = "x-lumos-sip-status-code";
const TARGET_STATUS: &str = "x-lumos-target-hostname-status-code";

tokio::task_local! {
    static ACTIVE: Arc<ProxySettings>;
}

/// Runs `call` in proxy mode: the requests of every [`HttpClient`](super::HttpClient)
/// it sends, and those of clients built inside it wherever they are sent,
/// go through the proxy.
pub async fn scope<F: Future>(settings: ProxySettings, call: F) -> F::Output {
    ACTIVE.scope(Arc::new(settings), call).await
}

/// The proxy of the call being run, if it runs in proxy mode.
pub fn active() -> Option<Arc<ProxySettings>> {
    ACTIVE.try_with(Arc::clone).ok()
}

/// Where proxy mode sends requests, and the headers the proxy needs.
///
/// Its `Debug` output shows the header names only.
#[derive(Clone)]
pub struct ProxySettings {
    url: Url,
    host: HeaderValue,
    headers: HeaderMap,
}

impl std::fmt::Debug for ProxySettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.headers.keys().map(HeaderName::as_str).collect();
        f.debug_struct("ProxySettings")
            .field("url", &redact::url_text(self.url.as_str()))
            .field("headers", &names)
            .finish()
    }
}

impl ProxySettings {
    /// Proxy mode to this http(s) URL, without headers.
    ///
    /// User info and fragment are dropped, as the reference drops them; a
    /// URL that is not http(s) is a `bad_request` error.
    pub fn new(url: &str) -> Result<Self> {
        let invalid = || {
            Error::bad_request(format!(
                "The proxy URL {:?} is not an http:// or https:// URL.",
                redact::url_text(url)
            ))
        };
        let mut url = Url::parse(url.trim()).map_err(|_| invalid())?;
        let host = match (url.scheme(), url.host_str()) {
            ("http" | "https", Some(host)) => match url.port() {
                Some(port) => format!("{host}:{port}"),
                None => host.to_owned(),
            },
            _ => return Err(invalid()),
        };
        let _ = url.set_username("");
        let _ = url.set_password(None);
        url.set_fragment(None);
        Ok(Self {
            url,
            host: HeaderValue::try_from(host).map_err(|_| invalid())?,
            headers: HeaderMap::new(),
        })
    }

    /// Adds a header for the proxy; it replaces a request header of the same name.
    ///
    /// Header values are taken for secrets: they are hidden in logs and
    /// messages. A malformed name or value is a `bad_request` error, which
    /// does not show the value.
    pub fn header(mut self, name: &str, value: &str) -> Result<Self> {
        let name = HeaderName::try_from(name)
            .map_err(|_| Error::bad_request(format!("`{name}` is not a valid header name.")))?;
        let mut value = HeaderValue::try_from(value).map_err(|_| {
            Error::bad_request(format!(
                "The value of the proxy header `{name}` is not a valid header value."
            ))
        })?;
        value.set_sensitive(true);
        self.headers.insert(name, value);
        Ok(self)
    }

    /// The settings `--use-proxy` runs with: [`PROXY_URL_VAR`], then
    /// [`PROXY_TOKEN_VAR`] and [`PROXY_HEADERS_VAR`] when set.
    ///
    /// Without a URL, or with a malformed one, the error (`internal_error`:
    /// the connector is deployed without what proxy mode needs) says which
    /// variable to fix, never what a variable holds.
    pub fn from_env() -> Result<Self> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    pub(crate) fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let deployment = |message: String| Error::new(ErrorCode::InternalError, message);
        let url = var(PROXY_URL_VAR)
            .filter(|u| !u.trim().is_empty())
            .ok_or_else(|| {
                deployment(format!(
                    "Proxy mode (--use-proxy) is not configured: set {PROXY_URL_VAR} to the proxy's URL, \
                 and {PROXY_TOKEN_VAR} or {PROXY_HEADERS_VAR} to what it needs."
                ))
            })?;
        let mut settings = Self::new(&url).map_err(|e| deployment(format!("{PROXY_URL_VAR}: {e}")))?;
        if let Some(token) = var(PROXY_TOKEN_VAR).filter(|t| !t.is_empty()) {
            settings = settings
                .header(PROXY_AUTH_HEADER, &token)
                .map_err(|e| deployment(format!("{PROXY_TOKEN_VAR}: {e}")))?;
        }
        if let Some(headers) = var(PROXY_HEADERS_VAR).filter(|h| !h.trim().is_empty()) {
            let not_an_object = || {
                deployment(format!(
                    "{PROXY_HEADERS_VAR} must be a JSON object of header names to text values."
                ))
            };
            let object: serde_json::Map<String, serde_json::Value> =
                serde_json::from_str(&headers).map_err(|_| not_an_object())?;
            for (name, value) in object {
                let value = value.as_str().ok_or_else(not_an_object)?;
                settings = settings
                    .header(&name, value)
                    .map_err(|e| deployment(format!("{PROXY_HEADERS_VAR}: {e}")))?;
            }
        }
        Ok(settings)
    }

    /// The URL requests are sent to.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The header values, for hiding should the proxy echo them.
    pub(crate) fn secret_values(&self) -> Vec<String> {
        self.headers
            .values()
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
            .collect()
    }

    /// `request` as proxy mode sends it.
    pub(crate) fn rewrite(&self, mut request: reqwest::Request) -> reqwest::Request {
        let method = request.method().clone();
        let mut proxied = reqwest::Request::new(method.clone(), self.url.clone());
        *proxied.timeout_mut() = request.timeout().copied();
        let mut headers = std::mem::take(request.headers_mut());
        // A serialized URL is printable ASCII, so always a valid value.
        if let Ok(target) = HeaderValue::try_from(request.url().as_str()) {
            headers.insert(HeaderName::from_static(FORWARD_TO), target);
        }
        headers.insert(header::HOST, self.host.clone());
        for (name, value) in &self.headers {
            headers.insert(name.clone(), value.clone());
        }
        if method == Method::POST || method == Method::PUT || method == Method::PATCH {
            let body = request.body_mut().take();
            // httpx declares an empty body; hyper would leave the length out,
            // and a proxy may want it on a POST.
            if body.as_ref().is_none_or(|b| b.as_bytes() == Some(&[])) {
                headers.insert(header::CONTENT_LENGTH, HeaderValue::from_static("0"));
            }
            *proxied.body_mut() = Some(body.unwrap_or_else(|| Vec::new().into()));
        } else {
            headers.remove(header::CONTENT_LENGTH);
            headers.remove(header::TRANSFER_ENCODING);
        }
        *proxied.headers_mut() = headers;
        proxied
    }

    /// What went wrong on the proxy's side of an answer, if anything.
    pub(crate) fn failure(
        &self,
        status: StatusCode,
        headers: &HeaderMap,
        original: &Url,
    ) -> Option<ProxyFailure> {
        let text = |name: &str| {
            headers
                .get(name)
                .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
        };
        let proxy_status = text(SIP_STATUS)
            .filter(|s| !s.is_empty())
            .map(|s| python_int(&s).map_or(s, |n| n.to_string()))
            .unwrap_or_else(|| status.as_u16().to_string());
        if proxy_status != "200" {
            return Some(ProxyFailure {
                hint: format!(
                    "There is something wrong with the proxy itself or you are giving it a bad arn value. \
                     Proxy returned code {proxy_status}; sort this out first before troubleshooting the target service."
                ),
                status: proxy_status,
                url: self.url.to_string(),
            });
        }
        let target_status = text(TARGET_STATUS)?;
        if target_status.starts_with('2') {
            return None;
        }
        Some(ProxyFailure {
            hint: format!(
                "The target service returned code {target_status}, the proxy is working as expected."
            ),
            status: target_status,
            url: original.to_string(),
        })
    }
}

/// Python's `int()` of a header's text: surrounding whitespace, a sign and
/// digit-separating underscores allowed.
fn python_int(text: &str) -> Option<i64> {
    let text = text.trim();
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') || digits.contains("__") {
        return None;
    }
    text.replace('_', "").parse().ok()
}

/// A failure on the proxy's side, before the answer's body is read into it.
#[derive(Debug)]
pub(crate) struct ProxyFailure {
    hint: String,
    status: String,
    url: String,
}

impl ProxyFailure {
    /// The reference's error: `[<status>][<url>] <hint> Original response: <body>`,
    /// with the body cut at [`MAX_ERROR_BODY`] and these values hidden.
    pub(crate) fn into_error(self, body: &[u8], cut: Option<WholeSize>, secrets: &[&str]) -> Error {
        let shown = redact::byte_prefix(body, MAX_ERROR_BODY);
        let mut text = String::from_utf8_lossy(shown).into_owned();
        let cut = cut.or_else(|| (shown.len() < body.len()).then_some(WholeSize::Exactly(body.len() as u64)));
        if let Some(whole) = cut {
            text = redact::without_partial_secret(&text, secrets).to_owned();
            text.push_str(&whole.to_string());
        }
        let message = format!(
            "[{}][{}] {} Original response: {text}",
            self.status,
            redact::url_text(&self.url),
            self.hint
        );
        ConnectorError::new(ErrorCode::InvalidResponse, redact::secrets(&message, secrets))
            .with_app_error_code(PROXY_ERROR_CODE)
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs.iter().map(|(k, v)| ((*k).into(), (*v).into())).collect();
        move |name| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    fn message(e: &Error) -> (ErrorCode, String) {
        let c = e.as_connector_error().expect("a ConnectorError");
        (c.error_code, c.message.clone())
    }

    #[test]
    fn the_environment_names_the_proxy_and_its_headers() {
        let s = ProxySettings::from_vars(vars(&[
            (PROXY_URL_VAR, "https://user:pw@proxy.example:8443/forward?x=1#f"),
            (PROXY_TOKEN_VAR, "tok-123"),
            (
                PROXY_HEADERS_VAR,
                r#"{"X-Extra": "e-456", "x-lumos-proxy-auth": "other"}"#,
            ),
        ]))
        .unwrap();
        assert_eq!(s.url().as_str(), "https://proxy.example:8443/forward?x=1");
        assert_eq!(s.host, "proxy.example:8443");
        assert_eq!(s.headers["x-extra"], "e-456");
        assert_eq!(
            s.headers[PROXY_AUTH_HEADER], "other",
            "the JSON headers come last"
        );
        let shown = format!("{s:?}");
        assert!(
            !shown.contains("e-456") && !shown.contains("other") && !shown.contains("pw"),
            "{shown}"
        );
        let plain = ProxySettings::new("http://127.0.0.1/f").unwrap();
        assert_eq!(plain.host, "127.0.0.1");
    }

    #[test]
    fn missing_or_malformed_settings_say_which_variable_without_its_value() {
        let (code, text) = message(&ProxySettings::from_vars(vars(&[])).unwrap_err());
        assert_eq!(code, ErrorCode::InternalError);
        assert!(text.contains(PROXY_URL_VAR), "{text}");
        for (pairs, named) in [
            (vec![(PROXY_URL_VAR, "ftp://u:sekrit-1@host/")], PROXY_URL_VAR),
            (
                vec![
                    (PROXY_URL_VAR, "http://p/"),
                    (PROXY_HEADERS_VAR, "[\"sekrit-2\"]"),
                ],
                PROXY_HEADERS_VAR,
            ),
            (
                vec![
                    (PROXY_URL_VAR, "http://p/"),
                    (PROXY_HEADERS_VAR, r#"{"A": 1234}"#),
                ],
                PROXY_HEADERS_VAR,
            ),
            (
                vec![
                    (PROXY_URL_VAR, "http://p/"),
                    (PROXY_HEADERS_VAR, r#"{"A": "sekrit-3\n"}"#),
                ],
                PROXY_HEADERS_VAR,
            ),
            (
                vec![(PROXY_URL_VAR, "http://p/"), (PROXY_TOKEN_VAR, "sekrit-4\n")],
                PROXY_TOKEN_VAR,
            ),
        ] {
            let (code, text) = message(&ProxySettings::from_vars(vars(&pairs)).unwrap_err());
            assert_eq!(code, ErrorCode::InternalError);
            assert!(text.starts_with(named), "{text}");
            assert!(!text.contains("sekrit") && !text.contains("1234"), "{text}");
        }
    }

    #[test]
    fn status_headers_read_as_python_reads_them() {
        assert_eq!(python_int(" 200 "), Some(200));
        assert_eq!(python_int("+2_00"), Some(200));
        assert_eq!(python_int("2__00"), None);
        assert_eq!(python_int("ok"), None);
        let s = ProxySettings::new("http://127.0.0.1:9/forward").unwrap();
        let original = Url::parse("https://api.example/v1/users?limit=2").unwrap();
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, HeaderValue::from_static(v));
            }
            h
        };
        let fails = |status: u16, pairs: &[(&'static str, &'static str)]| {
            s.failure(StatusCode::from_u16(status).unwrap(), &headers(pairs), &original)
                .map(|f| (f.status, f.url))
        };
        assert_eq!(fails(200, &[]), None);
        assert_eq!(
            fails(404, &[(SIP_STATUS, "200")]),
            None,
            "the header wins over the status"
        );
        assert_eq!(fails(200, &[(TARGET_STATUS, "204")]), None);
        assert_eq!(
            fails(201, &[]),
            Some(("201".into(), "http://127.0.0.1:9/forward".into()))
        );
        assert_eq!(
            fails(200, &[(SIP_STATUS, " 502")]),
            Some(("502".into(), "http://127.0.0.1:9/forward".into()))
        );
        assert_eq!(
            fails(200, &[(SIP_STATUS, "200"), (TARGET_STATUS, "404")]),
            Some(("404".into(), original.to_string()))
        );
        assert_eq!(
            fails(200, &[(TARGET_STATUS, "")]).map(|f| f.0),
            Some(String::new())
        );
    }

    #[test]
    fn the_message_cuts_the_body_and_hides_secrets() {
        let failure = ProxyFailure {
            hint: "hint.".into(),
            status: "502".into(),
            url: "http://p/forward?api_key=k-1".into(),
        };
        let body = format!("token tok-123 {}", "x".repeat(MAX_ERROR_BODY));
        let e = failure.into_error(body.as_bytes(), None, &["tok-123"]);
        let c = e.as_connector_error().unwrap();
        assert_eq!(c.error_code, ErrorCode::InvalidResponse);
        assert_eq!(c.app_error_code.as_deref(), Some(PROXY_ERROR_CODE));
        assert!(
            c.message.starts_with(
                "[502][http://p/forward?api_key=[REDACTED]] hint. Original response: token [REDACTED] xx"
            ),
            "{}",
            c.message
        );
        assert!(
            c.message
                .ends_with(&format!("… [cut: {} bytes in all]", body.len())),
            "{}",
            c.message
        );
    }
}
