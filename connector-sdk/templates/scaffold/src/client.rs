//! A small client for the {{title}} API, on the framework's HTTP client:
//! one connection pool for the whole process, transient failures retried,
//! error statuses turned into error codes (401 unauthorized, 404 not_found...).

use connector::client::{HttpClient, Method};
use connector::prelude::*;
use serde::de::DeserializeOwned;

/// The public API's base URL; settings may point elsewhere.
pub const BASE_URL: &str = "https://api.example.com/v1";

/// Calls the {{title}} API with the request's credentials and settings.
#[derive(Debug, Clone)]
pub struct {{pascal}}Client {
    api: HttpClient,
}

impl {{pascal}}Client {
    /// A client for the tenant of this request, sending its access token.
    pub fn new(ctx: &Context<crate::{{pascal}}>) -> Result<Self> {
        Ok(Self {
            api: ctx.http_client(ctx.settings().base_url()).build()?,
        })
    }

    /// `GET path?query`, answered with JSON.
    pub async fn get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T> {
        self.api.get(path).query(query).send().await?.json()
    }

    /// A request with a JSON body, answered with JSON.
    pub async fn send_json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &impl Serialize,
    ) -> Result<T> {
        self.api
            .request(method, path)
            .json(body)
            .send()
            .await?
            .json()
    }

    /// `DELETE path`; the answer's body is not read.
    pub async fn delete(&self, path: &str) -> Result<()> {
        self.api.delete(path).await?;
        Ok(())
    }
}
