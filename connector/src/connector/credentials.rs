//! The credential every request carries: the kinds a connector accepts, and
//! the check that resolves them from `auth` or `credentials`.

use futures_util::future::BoxFuture;

use super::{Connector, ConnectorMetadata};
use crate::error::Result;
use crate::models::{AuthCredential, AuthModel, Credential, ValidatedCredentialConfig};
use crate::oauth::OAuthSettings;

/// A credential's own check in `validate_credential_config`, run after the
/// base checks passed: typically a call to the app with the credential.
pub type CredentialCheck = fn(AuthCredential) -> BoxFuture<'static, Result<ValidatedCredentialConfig>>;

/// One credential a multi-credential connector accepts in `credentials`.
#[derive(Debug, Clone)]
pub struct CredentialConfig {
    /// The id requests name it by.
    pub id: &'static str,
    /// Its kind.
    pub kind: AuthModel,
    /// Markdown shown to whoever configures it.
    pub description: &'static str,
    /// Whether requests may leave it out.
    pub optional: bool,
    /// The OAuth flow that obtains this credential; requests of the OAuth
    /// capabilities select it with `credential_id`.
    pub oauth: Option<OAuthSettings>,
    /// The credential's own check in `validate_credential_config`.
    pub validation: Option<CredentialCheck>,
}

impl CredentialConfig {
    /// A required credential of this id and kind.
    pub const fn new(id: &'static str, kind: AuthModel, description: &'static str) -> Self {
        Self {
            id,
            kind,
            description,
            optional: false,
            oauth: None,
            validation: None,
        }
    }

    /// Makes the credential optional.
    pub const fn optional(mut self) -> Self {
        self.optional = true;
        self
    }

    /// The credential's own check in `validate_credential_config`.
    pub fn with_validation(mut self, check: CredentialCheck) -> Self {
        self.validation = Some(check);
        self
    }

    /// The OAuth flow that obtains this credential.
    pub fn with_oauth(mut self, settings: OAuthSettings) -> Self {
        self.oauth = Some(settings);
        self
    }
}

/// The credential of a connector that declares none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoAuth;

/// What `#[connector(auth = ...)]` accepts: a [`Credential`] type or [`NoAuth`].
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a credential type the protocol knows",
    label = "expected one of the protocol's credential types",
    note = "use one of `OAuthCredential`, `OAuthClientCredential`, `OAuth1Credential`, `BasicCredential`, `TokenCredential`, `JWTCredential`, `ServiceAccountCredential`, `KeyPairCredential`, or leave `auth` out"
)]
pub trait AuthRequirement: Clone + Send + Sync + 'static {
    /// The kind every request must carry, if any.
    const KIND: Option<AuthModel>;
    /// Takes the declared kind out of an `auth` object.
    fn extract(auth: &AuthCredential) -> Option<Self>;
    /// JSON schema of the credential (`None` for [`NoAuth`]).
    fn schema(generator: &mut schemars::SchemaGenerator) -> Option<schemars::Schema>;
}

impl<C: Credential> AuthRequirement for C {
    const KIND: Option<AuthModel> = Some(C::KIND);
    fn extract(auth: &AuthCredential) -> Option<Self> {
        C::from_auth(auth).cloned()
    }
    fn schema(generator: &mut schemars::SchemaGenerator) -> Option<schemars::Schema> {
        Some(generator.root_schema_for::<C>())
    }
}

impl AuthRequirement for NoAuth {
    const KIND: Option<AuthModel> = None;
    fn extract(_: &AuthCredential) -> Option<Self> {
        Some(NoAuth)
    }
    fn schema(_: &mut schemars::SchemaGenerator) -> Option<schemars::Schema> {
        None
    }
}

/// Resolves the connector's declared credential from `auth` or `credentials`.
pub(crate) fn authenticate<C: Connector>(
    meta: &ConnectorMetadata,
    auth: Option<&AuthCredential>,
    credentials: Option<&[AuthCredential]>,
) -> Result<C::Auth, Refusal> {
    match (auth, credentials) {
        (Some(_), Some(_)) => Err(Refusal::new(
            "both_creds_and_auth",
            "Cannot pass credentials and auth in the same request, if you've meant to make this connector multi-auth compatible, please remove the auth field.",
        )),
        (None, None) => Err(Refusal::new("missing", "Missing auth/credentials in request")),
        (Some(auth), None) => C::Auth::extract(auth).ok_or_else(|| missing_auth::<C>()),
        (None, Some(credentials)) => {
            check_credentials(meta, credentials)?;
            // A connector that declares one credential kind may also be handed
            // it through the list; the first of that kind serves as `auth`.
            credentials
                .iter()
                .find_map(C::Auth::extract)
                .ok_or_else(|| missing_auth::<C>())
        }
    }
}

/// Why a request's credentials were refused: the message of the error
/// envelope, and the `error_code` tag the reference's metrics give it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    pub(crate) code: String,
    pub(crate) message: String,
}

impl Refusal {
    fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
        }
    }
}

fn missing_auth<C: Connector>() -> Refusal {
    let kind = C::Auth::KIND.map_or("auth", |k| k.as_str());
    Refusal::new("auth.missing", format!("Missing '{kind}' auth in request"))
}

fn check_credentials(meta: &ConnectorMetadata, credentials: &[AuthCredential]) -> Result<(), Refusal> {
    if credentials.is_empty() {
        return Err(Refusal::new(
            "credentials.missing",
            "Missing credentials in request",
        ));
    }
    for (index, credential) in credentials.iter().enumerate() {
        let Some(id) = credential.id.as_deref() else {
            return Err(Refusal::new(
                "credentials.missing_id",
                format!("Missing ID in credential at index {index}"),
            ));
        };
        let Some(config) = meta.credentials.iter().find(|c| c.id == id) else {
            return Err(Refusal::new(
                "credentials.invalid_id",
                format!("Credential with id '{id}' not expected"),
            ));
        };
        if !config.optional && !credential.has(config.kind) {
            return Err(Refusal::new(
                format!("credentials.missing.{}", config.kind),
                format!("Missing '{}' credential in request", config.kind),
            ));
        }
    }
    Ok(())
}
