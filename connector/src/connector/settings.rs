//! The settings every request carries: the connector's settings type, and
//! the check that runs before a capability, with the reference's messages.

use schemars::JsonSchema;
use serde::de::DeserializeOwned;

use super::Connector;
use crate::error::input::from_value;

/// What `#[connector(settings = ...)]` accepts: any type that deserializes
/// and has a JSON schema (implemented for all of them).
#[diagnostic::on_unimplemented(
    message = "the settings type `{Self}` must implement `Deserialize` and `JsonSchema`",
    label = "`{Self}` lacks `#[derive(Deserialize, JsonSchema)]`",
    note = "settings are checked against their schema before every call, and `info` publishes that schema"
)]
pub trait SettingsType: Sized + Send + Sync + 'static {
    /// Parses a request's settings, with the reference's messages.
    #[doc(hidden)]
    fn parse_settings(value: &serde_json::Value) -> Result<Self, String>;
    /// The name the settings are known by (`<app_id> requires <name>`).
    #[doc(hidden)]
    fn settings_name() -> std::borrow::Cow<'static, str>;
    /// The settings' JSON schema, shaped like pydantic's.
    #[doc(hidden)]
    fn settings_schema() -> crate::schema::Object;
}

impl<T: DeserializeOwned + JsonSchema + Send + Sync + 'static> SettingsType for T {
    fn parse_settings(value: &serde_json::Value) -> Result<Self, String> {
        parse_settings::<T>(value)
    }
    fn settings_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn settings_schema() -> crate::schema::Object {
        crate::schema::root_schema::<T>()
    }
}

/// Settings of a connector that declares none: any settings are accepted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoSettings;

impl<'de> serde::Deserialize<'de> for NoSettings {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde::de::IgnoredAny::deserialize(deserializer)?;
        Ok(NoSettings)
    }
}

impl JsonSchema for NoSettings {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "EmptySettings".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({"properties": {}, "title": "EmptySettings", "type": "object"})
    }
}

/// Parses the request's settings into the connector's settings type.
///
/// `settings` is the envelope's object, or `null` when the request had none.
pub(crate) fn check<C: Connector>(settings: &serde_json::Value) -> Result<C::Settings, String> {
    if settings.is_null() && C::HAS_SETTINGS {
        return Err(format!(
            "No settings passed on request: {} requires {}",
            C::APP_ID,
            <C::Settings as SettingsType>::settings_name()
        ));
    }
    C::Settings::parse_settings(settings)
}

pub(crate) fn parse_settings<S: DeserializeOwned + JsonSchema>(
    value: &serde_json::Value,
) -> Result<S, String> {
    let reason = match from_value::<S>(value) {
        Ok(settings) => return Ok(settings),
        Err(reason) => reason,
    };
    const PREFIX: &str = "Invalid settings passed on request.";
    let missing = missing_required::<S>(value);
    if missing.is_empty() {
        Err(format!("{PREFIX} {reason}"))
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
