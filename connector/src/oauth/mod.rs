//! OAuth 2.0 for connectors: declare the flow once with [`OAuthSettings`],
//! and the runtime serves the flow's capabilities.
//!
//! | flow | capabilities served |
//! |---|---|
//! | authorization code (the default) | `get_authorization_url`, `handle_authorization_callback`, `refresh_access_token` |
//! | client credentials | `handle_client_credentials_request`, `refresh_access_token` |
//!
//! The settings come from `#[connector(oauth = ...)]`, or, for a connector
//! with several credentials, from each credential's
//! [`crate::CredentialConfig::with_oauth`]; requests then pick one with
//! `credential_id`. Token requests are built and read by the `oauth2` crate;
//! their HTTP method, body shape and client authentication follow the settings.

#[cfg(feature = "oauth")]
mod authorize;
mod settings;
#[cfg(feature = "oauth")]
mod token;

pub use settings::{
    ClientAuth, Endpoint, FlowType, MISSING_URL, OAuthCapability, OAuthSettings, RequestBody, RequestMethod,
};
#[cfg(feature = "oauth")]
pub use token::OAuthRequestError;

#[cfg(feature = "oauth")]
pub(crate) use authorize::{AuthorizationRequest, authorization_url, parse_redirect};
#[cfg(feature = "oauth")]
pub(crate) use token::{Grant, TokenGrant, request_token};

#[cfg(feature = "oauth")]
inventory::submit! {
    crate::error::Classifier(classify)
}

/// A token endpoint's refusal is the app answering with an error status.
#[cfg(feature = "oauth")]
fn classify(error: &(dyn std::error::Error + 'static)) -> Option<crate::error::UpstreamFailure> {
    error
        .downcast_ref::<OAuthRequestError>()
        .map(|e| crate::error::UpstreamFailure::ErrorStatus { status: e.status })
}
