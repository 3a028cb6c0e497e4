//! What every request tells the connector besides its credentials.

use connector::prelude::*;

/// Settings of a {{title}} tenant.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct {{pascal}}Settings {
    /// The {{title}} account the credentials belong to.
    pub account_id: String,
    /// The API's base URL; the public API unless given.
    #[serde(default)]
    pub base_url: Option<String>,
}

impl {{pascal}}Settings {
    /// The API's base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        self.base_url
            .as_deref()
            .unwrap_or(crate::client::BASE_URL)
            .trim_end_matches('/')
    }
}
