//! The values that an answer to a request must not repeat in messages and
//! logs, and reading error bodies no further than they can be shown.

use base64::Engine;
use reqwest::header::HeaderMap;

use crate::error::MAX_ERROR_BODY;
use crate::error::cut::WholeSize;
use crate::redact;

/// How far past [`MAX_ERROR_BODY`] an error body is still read (and
/// dropped) to learn its size; a longer one is left unread and its
/// connection closed.
const ERROR_BODY_SLACK: usize = 64 * 1024;

/// The secret values of one request, in every form they may come back in.
#[derive(Default)]
pub(crate) struct Secrets(Vec<String>);

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Secrets({} values)", self.0.len())
    }
}

impl Secrets {
    /// The client's own credential values, and the value of every header of
    /// the request that carries a credential.
    pub(crate) fn new(known: &[String], headers: &HeaderMap) -> Self {
        let mut values: Vec<String> = known.to_vec();
        values.extend(credential_values(headers));
        let mut forms: Vec<String> = Vec::new();
        for form in values.iter().flat_map(|v| redact::forms_of(v)) {
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
        Self(forms)
    }

    /// The values, for [`HttpStatusError::hiding`](crate::error::HttpStatusError::hiding).
    pub(crate) fn as_strs(&self) -> Vec<&str> {
        self.0.iter().map(String::as_str).collect()
    }

    /// `text` with the values hidden.
    pub(crate) fn hide(&self, text: &str) -> String {
        redact::secrets(text, &self.as_strs())
    }

    /// Headers for a log line: those named as secret, or marked sensitive,
    /// hidden whole, the values found in the others.
    pub(crate) fn headers(&self, headers: &HeaderMap) -> Vec<(String, String)> {
        redact::headers(headers)
            .into_iter()
            .map(|(name, value)| (name, self.hide(&value)))
            .collect()
    }

    /// A body for a log line, these values hidden in it too.
    pub(crate) fn body(&self, bytes: &[u8]) -> String {
        redact::body(bytes, &self.as_strs())
    }
}

/// The values of the headers that carry a credential (by name, as the logs
/// judge them, or marked sensitive): the whole value, the credential after
/// its scheme (`Bearer <token>`), and for basic credentials the decoded
/// `user:password` and password.
pub(crate) fn credential_values(headers: &HeaderMap) -> Vec<String> {
    let mut values = Vec::new();
    for (name, value) in headers {
        if !(value.is_sensitive() || redact::is_sensitive_header(name.as_str())) {
            continue;
        }
        let text = String::from_utf8_lossy(value.as_bytes()).into_owned();
        if let Some((scheme, credential)) = text.trim().split_once(' ') {
            let credential = credential.trim();
            if scheme.eq_ignore_ascii_case("basic") {
                let decoded = base64::engine::general_purpose::STANDARD
                    .decode(credential)
                    .ok()
                    .and_then(|d| String::from_utf8(d).ok());
                if let Some(pair) = decoded {
                    if let Some((_, password)) = pair.split_once(':') {
                        values.push(password.to_owned());
                    }
                    values.push(pair);
                }
            }
            values.push(credential.to_owned());
        }
        values.push(text);
    }
    values
}

/// Reads an error answer's body no further than it can be shown: its first
/// [`MAX_ERROR_BODY`] bytes, and how large it was in all when it was longer.
///
/// Past the bound, the rest is read and dropped for a little while (to
/// count it and keep the connection); then the response is dropped, which
/// closes the connection, and the size is the one `Content-Length` declared.
pub(crate) async fn read_error_body(
    mut response: reqwest::Response,
) -> Result<(Vec<u8>, Option<WholeSize>), reqwest::Error> {
    let declared = response.content_length();
    let mut kept = Vec::new();
    let mut read: u64 = 0;
    while let Some(chunk) = response.chunk().await? {
        read = read.saturating_add(chunk.len() as u64);
        let room = MAX_ERROR_BODY.saturating_sub(kept.len());
        kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if read > (MAX_ERROR_BODY + ERROR_BODY_SLACK) as u64 {
            let whole = match declared {
                Some(size) if size >= read => WholeSize::Exactly(size),
                _ => WholeSize::MoreThan(read),
            };
            return Ok((kept, Some(whole)));
        }
    }
    let whole = (read > MAX_ERROR_BODY as u64).then_some(WholeSize::Exactly(read));
    Ok((kept, whole))
}
