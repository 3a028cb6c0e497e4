//! The connector's own OpenAPI document, served by `app_info` and
//! `GET /openapi.json`.

use serde_json::{Value, json};

use crate::capability::{Kind, Level, title_case};
use crate::dispatch::{envelope, error_envelope, framework_error};
use crate::models::{AppInfo, AppInfoRequestPayload, ErrorCode, ErrorResponse, ResponseEnvelope};
use crate::registry::{APP_INFO, App};

use super::{Object, pydantic_shape};

/// The OpenAPI version of the documents this module writes.
pub const OPENAPI_VERSION: &str = "3.1.0";

/// Serves `app_info`: no auth or settings are needed, only a `request` object.
pub(crate) fn app_info(app: &App, body: &str) -> String {
    if let Err(reason) = envelope::parse::<AppInfoRequestPayload>(body) {
        return error_envelope(framework_error(
            app.app_id(),
            ErrorCode::BadRequest,
            format!("Invalid request - {reason}"),
        ));
    }
    let app_schema = match document(app) {
        Value::Object(map) => map,
        _ => Object::new(),
    };
    let response = ResponseEnvelope {
        response: AppInfo {
            app_id: app.app_id().to_owned(),
            app_schema,
        },
        raw_data: None,
        page: None,
        execution_summary: None,
    };
    serde_json::to_string(&response).unwrap_or_else(|e| {
        error_envelope(framework_error(
            app.app_id(),
            ErrorCode::InternalError,
            e.to_string(),
        ))
    })
}

fn tag_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Standard(Some(Level::Read)) => "Read Capabilities",
        Kind::Standard(Some(Level::Write)) | Kind::Custom => "Write Capabilities",
        Kind::Standard(Some(Level::Validation)) => "Validation",
        Kind::Authorization => "Authorization",
        Kind::Standard(None) => "Capabilities",
    }
}

/// Moves a root schema's `$defs` into `components` and points its refs there.
fn hoist(mut schema: Object, components: &mut Object) -> Value {
    if let Some(Value::Object(defs)) = schema.remove("$defs") {
        for (name, mut def) in defs {
            retarget_refs(&mut def);
            components.entry(name).or_insert(def);
        }
    }
    schema.remove("$schema");
    let mut value = Value::Object(schema);
    retarget_refs(&mut value);
    value
}

fn retarget_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get_mut("$ref") {
                if let Some(name) = r.strip_prefix("#/$defs/") {
                    *r = format!("#/components/schemas/{name}");
                }
            }
            map.values_mut().for_each(retarget_refs);
        }
        Value::Array(items) => items.iter_mut().for_each(retarget_refs),
        _ => {}
    }
}

/// Name, kind, display name, description, argument and output schema of one operation.
type Operation<'a> = (String, Kind, Option<&'a str>, Option<&'a str>, Value, Value);

/// The connector's OpenAPI document: one `POST /<capability>` per capability.
pub fn document(app: &App) -> Value {
    let meta = app.metadata();
    let schemas = app.connector_schemas();
    let mut components = Object::new();
    let mut settings = schemas.settings.clone();
    if let Some(order) = settings.remove("field_order") {
        settings.insert("x-field_order".into(), order);
    }
    let settings = hoist(settings, &mut components);
    components.insert("Settings".into(), settings);
    let has_auth = !schemas.auth.is_empty();
    if has_auth {
        let mut auth = schemas.auth.clone();
        if let Some(order) = auth.remove("field_order") {
            auth.insert("x-field_order".into(), order);
        }
        let kind = auth
            .get("x-credential-type")
            .and_then(Value::as_str)
            .unwrap_or("auth")
            .to_owned();
        let auth = hoist(auth, &mut components);
        components.insert(
            "Auth".into(),
            json!({"type": "object", "properties": {kind.clone(): auth}, "required": [kind]}),
        );
    }
    let error_schema = hoist(super::root_schema::<ErrorResponse>(), &mut components);
    components.insert("ErrorResponse".into(), error_schema);

    let mut paths = Object::new();
    let mut operations: Vec<Operation> = app
        .entries()
        .map(|e| {
            let s = (e.schemas)();
            (
                e.name.to_owned(),
                e.kind,
                e.display_name,
                e.description,
                hoist(s.argument, &mut components),
                hoist(s.output, &mut components),
            )
        })
        .collect();
    operations.push((
        APP_INFO.to_owned(),
        Kind::Authorization,
        None,
        None,
        hoist(super::root_schema::<AppInfoRequestPayload>(), &mut components),
        hoist(super::root_schema::<AppInfo>(), &mut components),
    ));
    for (name, kind, display, description, argument, output) in operations {
        let tag = if name == APP_INFO {
            "Specification"
        } else {
            tag_of(kind)
        };
        let mut properties = Object::new();
        properties.insert("request".into(), argument);
        properties.insert(
            "settings".into(),
            json!({"$ref": "#/components/schemas/Settings"}),
        );
        let mut required = vec![json!("request")];
        if name != APP_INFO && kind != Kind::Authorization {
            if meta_requires_settings(&schemas.settings) {
                required.push(json!("settings"));
            }
            if has_auth {
                properties.insert("auth".into(), json!({"$ref": "#/components/schemas/Auth"}));
                required.push(json!("auth"));
            }
        }
        let envelope = json!({
            "type": "object",
            "properties": {
                "response": output,
                "raw_data": {},
                "page": {"anyOf": [{"$ref": "#/components/schemas/Page"}, {"type": "null"}]},
                "execution_summary": {},
            },
            "required": ["response"],
        });
        paths.insert(
            format!("/{name}"),
            json!({"post": {
                "operationId": name,
                "tags": [tag],
                "summary": display.map_or_else(|| title_case(&name), str::to_owned),
                "description": description.unwrap_or_default(),
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                    "type": "object", "properties": properties, "required": required,
                }}}},
                "responses": {"200": {
                    "description": "The response envelope, or the error envelope",
                    "content": {"application/json": {"schema": {"oneOf": [
                        envelope,
                        {"$ref": "#/components/schemas/ErrorResponse"},
                    ]}}},
                }},
            }}),
        );
    }
    let page = hoist(super::root_schema::<crate::models::Page>(), &mut components);
    components.entry("Page").or_insert(page);
    let mut doc = json!({
        "openapi": OPENAPI_VERSION,
        "info": {
            "title": meta.name,
            "description": meta.description.unwrap_or_default(),
            "version": meta.version,
            "x-app-id": meta.app_id,
            "x-app-logo-url": meta.logo_url.unwrap_or_default(),
            "x-app-vendor-domain": meta.vendor_domain.unwrap_or_default(),
            "x-entitlement-types": meta.entitlement_types,
            "x-resource-types": meta.resource_types,
            "x-categories": {"type": "enum", "enum": meta.categories},
            "x-capabilities": app.capability_names(),
            "x-multi-credential": !meta.credentials.is_empty(),
            "x-allowed-credentials": allowed_credentials(meta),
            "x-oauth-settings": {},
        },
        "servers": [],
        "tags": [
            {"name": "Read Capabilities", "description": "Capabilities that read from the app."},
            {"name": "Write Capabilities", "description": "Capabilities that change the app."},
            {"name": "Authorization", "description": "Capabilities that obtain credentials."},
            {"name": "Specification", "description": "Capabilities that describe the connector."},
            {"name": "Validation", "description": "Capabilities that validate configuration."},
        ],
        "paths": paths,
        "components": {"schemas": components},
    });
    pydantic_shape(&mut doc["components"]);
    doc
}

fn meta_requires_settings(settings: &Object) -> bool {
    settings
        .get("required")
        .and_then(Value::as_array)
        .is_some_and(|r| !r.is_empty())
}

/// Required credential ids as one group, then each optional one alone.
fn allowed_credentials(meta: &crate::connector::ConnectorMetadata) -> Vec<Vec<&'static str>> {
    let required: Vec<&str> = meta
        .credentials
        .iter()
        .filter(|c| !c.optional)
        .map(|c| c.id)
        .collect();
    let mut groups = Vec::new();
    if !required.is_empty() {
        groups.push(required);
    }
    groups.extend(meta.credentials.iter().filter(|c| c.optional).map(|c| vec![c.id]));
    groups
}
