//! The auth and settings checks that run before a capability, with the
//! reference's messages.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use crate::connector::{AuthRequirement, Connector, ConnectorMetadata, SettingsType};
use crate::models::AuthCredential;

use super::envelope::describe;

/// Resolves the connector's declared credential from `auth` or `credentials`.
pub(crate) fn authenticate<C: Connector>(
    meta: &ConnectorMetadata,
    auth: Option<&AuthCredential>,
    credentials: Option<&[AuthCredential]>,
) -> Result<C::Auth, String> {
    match (auth, credentials) {
        (Some(_), Some(_)) => Err("Cannot pass credentials and auth in the same request, if you've meant to make this connector multi-auth compatible, please remove the auth field.".into()),
        (None, None) => Err("Missing auth/credentials in request".into()),
        (Some(auth), None) => {
            C::Auth::extract(auth).ok_or_else(|| missing_auth::<C>())
        }
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

fn missing_auth<C: Connector>() -> String {
    let kind = C::Auth::KIND.map_or("auth", |k| k.as_str());
    format!("Missing '{kind}' auth in request")
}

fn check_credentials(meta: &ConnectorMetadata, credentials: &[AuthCredential]) -> Result<(), String> {
    if credentials.is_empty() {
        return Err("Missing credentials in request".into());
    }
    for (index, credential) in credentials.iter().enumerate() {
        let Some(id) = credential.id.as_deref() else {
            return Err(format!("Missing ID in credential at index {index}"));
        };
        let Some(config) = meta.credentials.iter().find(|c| c.id == id) else {
            return Err(format!("Credential with id '{id}' not expected"));
        };
        if !config.optional && !credential.has(config.kind) {
            return Err(format!("Missing '{}' credential in request", config.kind));
        }
    }
    Ok(())
}

/// Parses the request's settings into the connector's settings type.
pub(crate) fn settings<C: Connector>(
    settings: Option<serde_json::Map<String, serde_json::Value>>,
) -> Result<C::Settings, String> {
    let value = match settings {
        Some(map) => serde_json::Value::Object(map),
        None if C::HAS_SETTINGS => {
            return Err(format!(
                "No settings passed on request: {} requires {}",
                C::APP_ID,
                <C::Settings as SettingsType>::settings_name()
            ));
        }
        None => serde_json::Value::Null,
    };
    C::Settings::parse_settings(&value)
}

pub(crate) fn parse_settings<S: DeserializeOwned + JsonSchema>(
    value: &serde_json::Value,
) -> Result<S, String> {
    let error = match serde_path_to_error::deserialize::<_, S>(value) {
        Ok(settings) => return Ok(settings),
        Err(e) => e,
    };
    const PREFIX: &str = "Invalid settings passed on request.";
    let missing = missing_required::<S>(value);
    if missing.is_empty() {
        let path = error.path().to_string();
        Err(format!(
            "{PREFIX} {}",
            describe(&path, &error.inner().to_string())
        ))
    } else {
        Err(format!(
            "{PREFIX} Missing required settings: {}",
            missing.join(", ")
        ))
    }
}

/// Titles (or names) of the required settings absent from `value`.
fn missing_required<S: JsonSchema>(value: &serde_json::Value) -> Vec<String> {
    let schema = schemars::SchemaGenerator::default().into_root_schema_for::<S>();
    let given = value.as_object();
    let properties = schema.get("properties").and_then(|p| p.as_object());
    schema
        .get("required")
        .and_then(|r| r.as_array())
        .into_iter()
        .flatten()
        .filter_map(|name| name.as_str())
        .filter(|name| given.is_none_or(|g| !g.contains_key(*name)))
        .map(|name| {
            properties
                .and_then(|p| p.get(name))
                .and_then(|p| p.get("title"))
                .and_then(|t| t.as_str())
                .unwrap_or(name)
                .to_owned()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize, JsonSchema)]
    struct S {
        #[allow(dead_code)]
        host: String,
        #[allow(dead_code)]
        #[schemars(title = "Account")]
        account_id: String,
        #[allow(dead_code)]
        #[serde(default)]
        port: Option<u16>,
    }

    #[test]
    fn missing_settings_are_listed_by_title() {
        let e = parse_settings::<S>(&serde_json::json!({"port": 1})).unwrap_err();
        assert_eq!(
            e,
            "Invalid settings passed on request. Missing required settings: host, Account"
        );
    }

    #[test]
    fn wrong_types_name_the_setting_without_echoing_strings() {
        let e = parse_settings::<S>(&serde_json::json!({"host": "h", "account_id": "a", "port": "p4ss"}))
            .unwrap_err();
        assert_eq!(
            e,
            "Invalid settings passed on request. port: invalid type: string, expected u16"
        );
    }
}
