//! A small client for the {{title}} API.

use std::sync::OnceLock;
use std::time::Duration;

use connector::error::{HttpStatusError, UpstreamBody};
use connector::prelude::*;
use serde::de::DeserializeOwned;

/// The public API's base URL; settings may point elsewhere.
pub const BASE_URL: &str = "https://api.example.com/v1";

/// One HTTP client for the whole process: connections and TLS sessions are
/// reused from one capability call to the next.
fn http() -> Result<reqwest::Client> {
    static HTTP: OnceLock<reqwest::Client> = OnceLock::new();
    if let Some(client) = HTTP.get() {
        return Ok(client.clone());
    }
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(300))
        .build()?;
    Ok(HTTP.get_or_init(|| client).clone())
}

/// Calls the {{title}} API with the request's credentials and settings.
#[derive(Debug, Clone)]
pub struct {{pascal}}Client {
    http: reqwest::Client,
    base_url: String,
    access_token: String,
}

impl {{pascal}}Client {
    /// A client for the tenant of this request.
    pub fn new(ctx: &Context<crate::{{pascal}}>) -> Result<Self> {
        Ok(Self {
            http: http()?,
            base_url: ctx.settings().base_url().to_owned(),
            access_token: ctx.auth()?.access_token.clone(),
        })
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// `GET path?query`, answered with JSON.
    pub async fn get<T: DeserializeOwned>(&self, path: &str, query: &[(&str, String)]) -> Result<T> {
        let response = self.send(self.http.get(self.url(path)).query(query)).await?;
        Ok(response.json().await?)
    }

    /// A request with a JSON body, answered with JSON.
    pub async fn send_json<T: DeserializeOwned>(
        &self,
        method: reqwest::Method,
        path: &str,
        body: &impl Serialize,
    ) -> Result<T> {
        let response = self.send(self.http.request(method, self.url(path)).json(body)).await?;
        Ok(response.json().await?)
    }

    /// `DELETE path`; the answer's body is not read.
    pub async fn delete(&self, path: &str) -> Result<()> {
        self.send(self.http.delete(self.url(path))).await?;
        Ok(())
    }

    /// Sends a request with the bearer token; an error status becomes an
    /// error whose code follows the status (401 unauthorized, 404 not_found...).
    async fn send(&self, request: reqwest::RequestBuilder) -> Result<reqwest::Response> {
        let response = request.bearer_auth(&self.access_token).send().await?;
        let status = response.status();
        if status.is_success() {
            return Ok(response);
        }
        let url = response.url().to_string();
        let text = response.text().await.unwrap_or_default();
        let body = if text.trim().is_empty() {
            UpstreamBody::Empty
        } else {
            match serde_json::from_str(&text) {
                Ok(json) => UpstreamBody::Json(json),
                Err(_) => UpstreamBody::Text(text),
            }
        };
        Err(HttpStatusError::new(status.as_u16(), &url, body).into())
    }
}
