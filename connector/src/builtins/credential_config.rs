//! `validate_credential_config`: whether a credential of a multi-credential
//! connector is well formed, then the credential's own check, if it has one.

use std::marker::PhantomData;

use futures_util::future::BoxFuture;
use serde_json::Value;

use crate::capability::{CapabilityFn, Kind, Level, Response};
use crate::connector::{Builtin, Connector, CredentialConfig};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::models::{AuthCredential, ValidateCredentialConfig, ValidatedCredentialConfig};

const MISSING_FIELDS: &str = "Credential is missing required fields";
const EMPTY_FIELD: &str = "A required field is empty, please provide a value before submitting again";
const EXTRA_WHITESPACE: &str = "Credential has extra whitespace, please remove it before submitting it again";
const INVALID_WITHOUT_REASON: &str = "Credential is invalid, unexpected error occurred";

/// Serves `validate_credential_config` for connector `C`.
pub(super) struct ValidateCredentialConfigFn<C>(PhantomData<C>);

impl<C: Connector> CapabilityFn for ValidateCredentialConfigFn<C> {
    type Connector = C;
    type Request = ValidateCredentialConfig;
    type Payload = ValidatedCredentialConfig;
    const NAME: &'static str = Builtin::ValidateCredentialConfig.name();
    const KIND: Kind = Kind::Standard(Some(Level::Validation));
    const RAISED_IN: &'static str = "connector::builtins:validate_credential_config";

    fn call(
        ctx: Context<C>,
        request: ValidateCredentialConfig,
    ) -> BoxFuture<'static, Result<Response<ValidatedCredentialConfig>>> {
        Box::pin(async move {
            let credential = request.credential;
            let config = config_of(&ctx.metadata().credentials, &credential)?;
            let fields = fields_of(config, &credential)?;
            let mut errors = base_errors(&fields);
            if errors.is_empty() {
                if let Some(check) = config.validation {
                    let own = check(credential).await?;
                    let own_errors = own.validation_errors.unwrap_or_default();
                    if !own.valid && own_errors.is_empty() {
                        errors.push(INVALID_WITHOUT_REASON.to_owned());
                    }
                    errors.extend(own_errors);
                }
            }
            Ok(Response::new(ValidatedCredentialConfig {
                valid: errors.is_empty(),
                validation_errors: Some(errors),
            }))
        })
    }
}

/// The configuration of the credential's id.
fn config_of<'m>(
    configs: &'m [CredentialConfig],
    credential: &AuthCredential,
) -> Result<&'m CredentialConfig> {
    let id = credential
        .id
        .as_deref()
        .ok_or_else(|| Error::bad_request("Received credential without an ID"))?;
    configs
        .iter()
        .find(|c| c.id == id)
        .ok_or_else(|| Error::bad_request(format!("Missing credential configuration for ID {id}")))
}

/// The fields of the credential's configured kind, as JSON.
fn fields_of(
    config: &CredentialConfig,
    credential: &AuthCredential,
) -> Result<serde_json::Map<String, Value>> {
    let all = serde_json::to_value(credential).map_err(|_| invalid())?;
    match all.get(config.kind.as_str()) {
        Some(Value::Object(fields)) => Ok(fields.clone()),
        _ => Err(Error::bad_request(format!(
            "Missing '{}' credential in request",
            config.kind
        ))),
    }
}

fn invalid() -> Error {
    Error::bad_request("Invalid or malformed credential received")
}

/// The base checks: something is filled in, no required value is empty, no
/// value has whitespace around it. Only strings are checked for whitespace.
fn base_errors(fields: &serde_json::Map<String, Value>) -> Vec<String> {
    let is_empty = |v: &Value| match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        _ => false,
    };
    if fields.values().all(is_empty) {
        return vec![MISSING_FIELDS.to_owned()];
    }
    let mut errors = Vec::new();
    if fields.values().any(|v| v.as_str().is_some_and(str::is_empty)) {
        errors.push(EMPTY_FIELD.to_owned());
    }
    if fields.values().filter_map(Value::as_str).any(|s| s.trim() != s) {
        errors.push(EXTRA_WHITESPACE.to_owned());
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errors(fields: Value) -> Vec<String> {
        base_errors(fields.as_object().unwrap())
    }

    #[test]
    fn base_checks_give_the_reference_messages() {
        assert!(errors(json!({"token": "t"})).is_empty());
        assert_eq!(errors(json!({"token": ""})), [MISSING_FIELDS]);
        assert_eq!(errors(json!({"username": "u", "password": ""})), [EMPTY_FIELD]);
        assert_eq!(errors(json!({"token": " t"})), [EXTRA_WHITESPACE]);
        assert_eq!(
            errors(json!({"username": " u", "password": ""})),
            [EMPTY_FIELD, EXTRA_WHITESPACE]
        );
        assert!(errors(json!({"key": {"a": " b "}, "email": "e"})).is_empty());
    }
}
