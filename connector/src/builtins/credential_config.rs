//! `validate_credential_config`: whether a credential of a multi-credential
//! connector is well formed, then the credential's own check, if it has one.

use std::marker::PhantomData;

use futures_util::future::BoxFuture;
use serde_json::Value;

use crate::capability::{CapabilityFn, Kind, Level, Response};
use crate::connector::{Builtin, Connector, CredentialConfig};
use crate::context::Context;
use crate::error::{Error, Result};
use crate::models::{AuthCredential, AuthModel, ValidateCredentialConfig, ValidatedCredentialConfig};

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
            let mut errors = base_errors(&fields, &required_fields(config.kind));
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

/// The fields the credential kind's schema requires.
fn required_fields(kind: AuthModel) -> Vec<String> {
    crate::schema::credential_kind_schema(kind)
        .get("required")
        .and_then(Value::as_array)
        .map(|names| {
            names
                .iter()
                .filter_map(|n| n.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// The base checks, in the reference's order, each ending the checks: no
/// value filled in at all; a required field empty; a value with whitespace
/// around it. Only strings are checked for whitespace.
fn base_errors(fields: &serde_json::Map<String, Value>, required: &[String]) -> Vec<String> {
    let present: Vec<(&String, &Value)> = fields.iter().filter(|(_, v)| !v.is_null()).collect();
    if present.is_empty() {
        return vec![MISSING_FIELDS.to_owned()];
    }
    if present
        .iter()
        .any(|(name, value)| value.as_str() == Some("") && required.contains(name))
    {
        return vec![EMPTY_FIELD.to_owned()];
    }
    if present
        .iter()
        .filter_map(|(_, value)| value.as_str())
        .any(|s| s.trim() != s)
    {
        return vec![EXTRA_WHITESPACE.to_owned()];
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn errors(fields: Value) -> Vec<String> {
        let required = ["token".to_owned(), "username".to_owned(), "password".to_owned()];
        base_errors(fields.as_object().unwrap(), &required)
    }

    #[test]
    fn base_checks_give_the_reference_messages_one_at_a_time() {
        assert!(errors(json!({"token": "t"})).is_empty());
        assert_eq!(errors(json!({"token": null})), [MISSING_FIELDS]);
        assert_eq!(errors(json!({"token": ""})), [EMPTY_FIELD]);
        assert_eq!(errors(json!({"username": "", "password": ""})), [EMPTY_FIELD]);
        assert_eq!(errors(json!({"token": " t"})), [EXTRA_WHITESPACE]);
        assert_eq!(errors(json!({"username": " u", "password": ""})), [EMPTY_FIELD]);
        // An optional field may be empty; whitespace counts everywhere.
        assert!(errors(json!({"token": "t", "note": ""})).is_empty());
        assert_eq!(errors(json!({"token": "t", "note": "n "})), [EXTRA_WHITESPACE]);
        assert!(errors(json!({"key": {"a": " b "}, "token": "e"})).is_empty());
    }

    #[test]
    fn required_fields_come_from_the_kinds_schema() {
        assert_eq!(required_fields(AuthModel::Basic), ["username", "password"]);
        assert_eq!(required_fields(AuthModel::Token), ["token"]);
    }
}
