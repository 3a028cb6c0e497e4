//! The `info` document.

use std::collections::BTreeMap;

use crate::capability::title_case;
use crate::models::{CapabilitySchema, Info};
use crate::registry::{APP_INFO, App};

use super::root_schema;

/// Builds the `info` document of a connector.
pub fn build(app: &App) -> Info {
    let meta = app.metadata();
    let schemas = app.connector_schemas();
    let mut capability_schema: BTreeMap<String, CapabilitySchema> = app
        .entries()
        .map(|entry| {
            let s = (entry.schemas)();
            let schema = CapabilitySchema {
                argument: s.argument,
                output: s.output,
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
    capability_schema.insert(
        APP_INFO.to_owned(),
        CapabilitySchema {
            argument: root_schema::<crate::models::AppInfoRequestPayload>(),
            output: root_schema::<crate::models::AppInfo>(),
            display_name: Some(title_case(APP_INFO)),
            description: None,
        },
    );
    Info {
        app_id: meta.app_id.to_owned(),
        app_vendor_domain: meta.vendor_domain.map(str::to_owned),
        version: meta.version.to_owned(),
        capabilities: app.capability_names().into_iter().map(str::to_owned).collect(),
        capability_schema,
        oauth_scopes: None,
        authentication_schema: schemas.auth,
        credentials_schema: meta
            .credentials
            .iter()
            .map(|c| {
                let mut schema = super::credential_kind_schema(c.kind);
                schema.insert("id".into(), c.id.into());
                schema.insert("description".into(), c.description.into());
                schema.insert("x-optional".into(), c.optional.into());
                schema
            })
            .collect(),
        logo_url: meta.logo_url.map(str::to_owned),
        user_friendly_name: Some(meta.name.to_owned()),
        description: meta.description.map(str::to_owned),
        categories: Some(meta.categories.clone()),
        entitlement_types: meta.entitlement_types.clone(),
        access_graph_entitlement_types: Some(Vec::new()),
        access_graph_entitlement_rules: Some(Vec::new()),
        implied_access_rules: Some(Vec::new()),
        resource_types: meta.resource_types.clone(),
        request_settings_schema: schemas.settings,
    }
}
