//! The `info` document.

use std::collections::BTreeMap;

use crate::capability::title_case;
use crate::connector::{Catalog, ConnectorMetadata};
use crate::models::{CapabilitySchema, Info};
use crate::schema::{Object, credential_kind_schema};
use serde_json::Value;

/// Builds the `info` document of a connector.
pub fn build(catalog: &Catalog) -> Info {
    let meta = catalog.metadata();
    let schemas = catalog.connector_schemas();
    let capability_schema: BTreeMap<String, CapabilitySchema> = catalog
        .capabilities()
        .iter()
        .map(|entry| {
            let s = (entry.schemas)();
            let schema = CapabilitySchema {
                argument: s.argument,
                output: list_titled(s.output),
                display_name: Some(
                    entry
                        .display_name
                        .map_or_else(|| title_case(entry.name), str::to_owned),
                ),
                description: entry.description.map(str::to_owned),
            };
            (entry.name.to_owned(), schema)
        })
        .collect();
    Info {
        app_id: meta.app_id.to_owned(),
        app_vendor_domain: meta.vendor_domain.map(str::to_owned),
        version: meta.version.to_owned(),
        capabilities: catalog.capabilities().iter().map(|c| c.name.to_owned()).collect(),
        capability_schema,
        oauth_scopes: oauth_scopes(meta),
        authentication_schema: schemas.auth,
        credentials_schema: meta
            .credentials
            .iter()
            .map(|c| {
                let mut schema = credential_kind_schema(c.kind);
                schema.insert("id".into(), c.id.into());
                schema.insert("description".into(), c.description.into());
                schema.insert("x-optional".into(), c.optional.into());
                // As the reference: the connector-wide flow, on every
                // credential (a credential's own flow is in `app_info`).
                if let Some(oauth) = &meta.oauth {
                    schema.insert(
                        "oauth_settings".into(),
                        serde_json::json!({
                            "oauth_type": oauth.flow().as_str(),
                            "scopes": oauth.scopes_by_capability(),
                            "pkce_enabled": oauth.pkce_enabled(),
                        }),
                    );
                }
                schema
            })
            .collect(),
        logo_url: meta.logo_url.map(str::to_owned),
        user_friendly_name: Some(meta.name.to_owned()),
        description: meta.description.map(str::to_owned),
        categories: Some(meta.categories.clone()),
        entitlement_types: meta.entitlement_types.clone(),
        access_graph_entitlement_types: Some(meta.access_graph_entitlement_types.clone()),
        access_graph_entitlement_rules: Some(meta.access_graph_entitlement_rules.clone()),
        implied_access_rules: Some(meta.implied_access_rules.clone()),
        resource_types: meta.resource_types.clone(),
        request_settings_schema: schemas.settings,
    }
}

/// `{capability: scopes}` of the connector-wide OAuth flow; `None` without one
/// (a multi-credential connector gives its scopes per credential).
fn oauth_scopes(meta: &ConnectorMetadata) -> Option<BTreeMap<String, String>> {
    meta.oauth
        .as_ref()
        .map(|oauth| oauth.scopes().iter().cloned().collect())
}

/// A list's schema titled as the reference titles a list payload in its own
/// full schemas: `Array of <item>` (schemars says `Array_of_<item>`).
fn list_titled(mut schema: Object) -> Object {
    if schema.get("type").and_then(Value::as_str) != Some("array") {
        return schema;
    }
    let item = schema
        .get("items")
        .and_then(|items| items.get("$ref"))
        .and_then(Value::as_str)
        .and_then(|r| r.rsplit('/').next())
        .map(str::to_owned);
    if let Some(item) = item {
        schema.insert("title".into(), Value::String(format!("Array of {item}")));
    }
    schema
}
