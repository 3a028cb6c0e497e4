//! The connector's own OpenAPI document, served by `app_info` and
//! `GET /openapi.json`.

use serde_json::{Value, json};

use crate::capability::title_case;
use crate::connector::{Catalog, ConnectorMetadata, Kind, Level};
use crate::models::ErrorResponse;
use crate::schema::{Object, pydantic_shape, root_schema};

/// The OpenAPI version of the documents this module writes.
pub const OPENAPI_VERSION: &str = "3.1.0";

fn tag_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Standard(Some(Level::Read)) => "Read Capabilities",
        Kind::Standard(Some(Level::Write)) | Kind::Custom => "Write Capabilities",
        Kind::Standard(Some(Level::Validation)) => "Validation",
        Kind::Authorization => "Authorization",
        Kind::Specification => "Specification",
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
type Operation<'a> = (&'a str, Kind, Option<&'a str>, Option<&'a str>, Value, Value);

/// The connector's OpenAPI document: one `POST /<capability>` per capability.
pub fn document(catalog: &Catalog) -> Value {
    document_for(catalog, &Value::Null)
}

/// The document for a request with these settings, from which OAuth URLs
/// that depend on them are computed.
pub fn document_for(catalog: &Catalog, request_settings: &Value) -> Value {
    let meta = catalog.metadata();
    let schemas = catalog.connector_schemas();
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
    let error_schema = hoist(root_schema::<ErrorResponse>(), &mut components);
    components.insert("ErrorResponse".into(), error_schema);

    let mut paths = Object::new();
    let security = oauth_security(meta, request_settings);
    let operations: Vec<Operation> = catalog
        .capabilities()
        .iter()
        .map(|e| {
            let s = (e.schemas)();
            (
                e.name,
                e.kind,
                e.display_name,
                e.description,
                hoist(s.argument, &mut components),
                hoist(s.output, &mut components),
            )
        })
        .collect();
    for (name, kind, display, description, argument, output) in operations {
        let tag = tag_of(kind);
        let mut properties = Object::new();
        properties.insert("request".into(), argument);
        properties.insert(
            "settings".into(),
            json!({"$ref": "#/components/schemas/Settings"}),
        );
        let mut required = vec![json!("request")];
        let authenticated = !matches!(kind, Kind::Authorization | Kind::Specification);
        if authenticated {
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
                "summary": display.map_or_else(|| title_case(name), str::to_owned),
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
        if authenticated && !security.schemes.is_empty() {
            let requirements: Vec<Value> = security
                .schemes
                .keys()
                .map(|scheme| json!({scheme.clone(): security.scopes_of(scheme, name)}))
                .collect();
            paths[&format!("/{name}")]["post"]["security"] = Value::Array(requirements);
        }
    }
    let page = hoist(root_schema::<crate::models::Page>(), &mut components);
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
            "x-capabilities": catalog.capabilities().iter().map(|c| c.name).collect::<Vec<_>>(),
            "x-multi-credential": !meta.credentials.is_empty(),
            "x-allowed-credentials": allowed_credentials(meta),
            "x-oauth-settings": security.settings,
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
    if !security.schemes.is_empty() {
        doc["components"]["securitySchemes"] = Value::Object(security.schemes.clone());
    }
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
fn allowed_credentials(meta: &ConnectorMetadata) -> Vec<Vec<&'static str>> {
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

/// The OAuth part of the document: `x-oauth-settings` and the oauth2
/// security schemes, one for the connector-wide flow (named after the app)
/// or one per OAuth credential (named after the credential).
struct OAuthSecurity {
    settings: Value,
    schemes: Object,
    /// scheme name → [(capability, scopes)].
    scopes: Vec<(String, Vec<(String, String)>)>,
}

impl OAuthSecurity {
    fn scopes_of(&self, scheme: &str, capability: &str) -> Vec<String> {
        self.scopes
            .iter()
            .filter(|(s, _)| s == scheme)
            .flat_map(|(_, scopes)| scopes.iter())
            .filter(|(c, _)| c == capability)
            .flat_map(|(_, s)| s.split_whitespace().map(str::to_owned))
            .collect()
    }
}

fn oauth_security(meta: &ConnectorMetadata, settings: &Value) -> OAuthSecurity {
    let mut by_credential = Object::new();
    let mut connector_wide = None;
    let mut schemes = Object::new();
    let mut scopes = Vec::new();
    for (id, oauth) in meta.oauth_flows() {
        let described = oauth.describe(settings);
        let scheme_name = id.unwrap_or(meta.app_id).to_owned();
        let flow_scopes = described["scopes"].clone();
        let flow = match oauth.flow() {
            crate::oauth::FlowType::AuthorizationCode => json!({"authorizationCode": {
                "authorizationUrl": described["authorization_url"],
                "tokenUrl": described["token_url"],
                "scopes": flow_scopes,
            }}),
            crate::oauth::FlowType::ClientCredentials => json!({"clientCredentials": {
                "tokenUrl": described["token_url"],
                "scopes": flow_scopes,
            }}),
        };
        schemes.insert(scheme_name.clone(), json!({"type": "oauth2", "flows": flow}));
        scopes.push((scheme_name, oauth.scopes().to_vec()));
        match id {
            Some(id) => {
                by_credential.insert(id.to_owned(), described);
            }
            None => connector_wide = Some(described),
        }
    }
    OAuthSecurity {
        settings: connector_wide.unwrap_or(Value::Object(by_credential)),
        schemes,
        scopes,
    }
}
