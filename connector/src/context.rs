//! What a capability function receives beside its payload.

use std::sync::Arc;

#[cfg(feature = "client")]
use crate::client::{HttpClient, HttpClientBuilder};
use crate::connector::{AuthRequirement, Catalog, Connector, ConnectorMetadata};
use crate::error::{Error, Result};
use crate::models::{AuthCredential, Credential, Page};
use crate::pagination::Pager;

/// The request's settings, credential, page and flags, typed for connector `C`.
///
/// Everything here was checked before the capability was called: the
/// settings parsed into `C::Settings`, the declared credential is present.
pub struct Context<C: Connector> {
    inner: Arc<Inner<C>>,
}

struct Inner<C: Connector> {
    catalog: Arc<Catalog>,
    settings: C::Settings,
    raw_settings: serde_json::Value,
    auth: Option<C::Auth>,
    raw_auth: Option<AuthCredential>,
    credentials: Vec<AuthCredential>,
    page: Page,
    include_raw_data: bool,
    capability: &'static str,
}

impl<C: Connector> Clone for Context<C> {
    fn clone(&self) -> Self {
        Self {
            inner: Arc::clone(&self.inner),
        }
    }
}

/// The parts a [`Context`] is made of.
#[doc(hidden)]
pub struct ContextParts<C: Connector> {
    pub catalog: Arc<Catalog>,
    pub settings: C::Settings,
    pub raw_settings: serde_json::Value,
    pub auth: Option<C::Auth>,
    pub raw_auth: Option<AuthCredential>,
    pub credentials: Vec<AuthCredential>,
    pub page: Page,
    pub include_raw_data: bool,
    pub capability: &'static str,
}

impl<C: Connector> Context<C> {
    /// Builds a context by hand, for calling a capability function directly in tests.
    pub fn new(parts: ContextParts<C>) -> Self {
        let ContextParts {
            catalog,
            settings,
            raw_settings,
            auth,
            raw_auth,
            credentials,
            page,
            include_raw_data,
            capability,
        } = parts;
        Self {
            inner: Arc::new(Inner {
                catalog,
                settings,
                raw_settings,
                auth,
                raw_auth,
                credentials,
                page,
                include_raw_data,
                capability,
            }),
        }
    }

    /// The connector's settings.
    pub fn settings(&self) -> &C::Settings {
        &self.inner.settings
    }

    /// The request's settings as they were sent (`null` when there were none).
    pub fn raw_settings(&self) -> &serde_json::Value {
        &self.inner.raw_settings
    }

    /// The connector's declared credential.
    ///
    /// Always there in the standard capabilities, whose requests are checked
    /// for it before the capability runs; the OAuth capabilities carry none.
    pub fn auth(&self) -> Result<&C::Auth> {
        self.inner.auth.as_ref().ok_or_else(|| {
            let kind = <C::Auth as AuthRequirement>::KIND.map_or("auth", |k| k.as_str());
            Error::bad_request(format!("Missing '{kind}' auth in request"))
        })
    }

    /// The whole `auth` object of the request, if it had one.
    pub fn raw_auth(&self) -> Option<&AuthCredential> {
        self.inner.raw_auth.as_ref()
    }

    /// The `credentials` list of a multi-credential request.
    pub fn credentials(&self) -> &[AuthCredential] {
        &self.inner.credentials
    }

    /// The credential of kind `T` with this id, from the `credentials` list.
    pub fn credential<T: Credential>(&self, id: &str) -> Option<&T> {
        self.inner
            .credentials
            .iter()
            .filter(|c| c.id.as_deref() == Some(id))
            .find_map(T::from_auth)
    }

    /// The requested page (empty on a first call).
    pub fn page(&self) -> &Page {
        &self.inner.page
    }

    /// The requested page size, or `default` when the caller gave none
    /// (or a size below 1).
    pub fn page_size(&self, default: usize) -> usize {
        match self.inner.page.size {
            Some(size) if size > 0 => size as usize,
            _ => default,
        }
    }

    /// The page token handed back by the previous page, if any.
    pub fn page_token(&self) -> Option<&str> {
        self.inner.page.token.as_deref().filter(|t| !t.is_empty())
    }

    /// A [`Pager`] for listing `endpoint` with the request's page size (or
    /// `default_size`) and page token.
    pub fn pager(&self, endpoint: impl Into<String>, default_size: usize) -> Result<Pager> {
        Pager::new(endpoint, self.page_token(), self.page_size(default_size))
    }

    /// Whether the caller asked for upstream data in `raw_data`.
    pub fn include_raw_data(&self) -> bool {
        self.inner.include_raw_data
    }

    /// The connector's app id.
    pub fn app_id(&self) -> &'static str {
        C::APP_ID
    }

    /// What the connector declared: name, version, credentials, OAuth settings…
    pub fn metadata(&self) -> &ConnectorMetadata {
        self.inner.catalog.metadata()
    }

    /// The connector and every capability it serves.
    pub fn catalog(&self) -> &Arc<Catalog> {
        &self.inner.catalog
    }

    /// The name of the capability being served.
    pub fn capability(&self) -> &'static str {
        self.inner.capability
    }

    #[cfg(feature = "client")]
    /// A client builder for `base_url` with this connector's user agent
    /// (`<app_id>/<version>`) and the request's credential already set.
    pub fn http_client(&self, base_url: impl Into<String>) -> HttpClientBuilder {
        let builder =
            HttpClient::builder(base_url).user_agent(format!("{}/{}", C::APP_ID, self.metadata().version));
        match self.raw_auth() {
            Some(auth) => builder.credential(auth),
            None => builder,
        }
    }
}
