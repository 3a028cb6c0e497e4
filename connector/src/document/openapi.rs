//! The connector's own OpenAPI document, served by `app_info` and
//! `GET /openapi.json`: the reference's OpenAPI 3.0 document, key for key.
//!
//! The platform reads it as the reference writes it, so the steps below are
//! the reference's: every payload and envelope schema in pydantic's shape
//! (sorted keys, `#/components/schemas/` references), optional values
//! rewritten to `nullable`, each envelope's definitions moved into
//! `components` in the order they are met, and the unused ones pruned.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use crate::capability::title_case;
use crate::connector::{Catalog, ConnectorMetadata, CredentialConfig, Described, Kind};
use crate::models::{
    AuthCredential, AuthModel, BasicAuthentication, ExecutionSummary, JWTCredential, KeyPairCredential,
    OAuth1Credential, OAuthAuthentication, OAuthAuthorization, OAuthClientCredentialAuthentication,
    OAuthClientCredentialAuthorization, Page, ServiceAccountCredential, TokenAuthentication,
};
use crate::oauth::{FlowType, OAuthCapability, OAuthSettings};
use crate::schema::{Object, field_order, pydantic_sorted, root_schema};

/// The OpenAPI version of the document.
pub const OPENAPI_VERSION: &str = "3.0.0";

const REF_PREFIX: &str = "#/components/schemas/";

/// The connector's OpenAPI document for a request without settings.
pub fn document(catalog: &Catalog) -> Value {
    document_for(catalog, &Value::Null)
}

/// The document for a request with these settings, from which OAuth URLs
/// that depend on them are computed (a URL that cannot be computed is `""`).
pub fn document_for(catalog: &Catalog, request_settings: &Value) -> Value {
    let meta = catalog.metadata();
    let auth_mode = meta.credentials.is_empty() && !catalog.connector_schemas().auth.is_empty();
    let security = Security::of(catalog, request_settings);
    let mut info = base_info(meta);
    let mut components = Components::default();

    components.add_settings(catalog);
    if auth_mode {
        if let Some(auth) = security.authentication.get(meta.app_id) {
            components.add_root("Auth", auth.clone(), meta);
        }
    } else {
        info.insert(
            "x-allowed-credentials".into(),
            allowed_credentials(&meta.credentials),
        );
        let alternatives: Vec<Value> = security
            .authentication
            .iter()
            .filter(|(_, schema)| schema.get("type").is_some())
            .map(|(id, schema)| {
                let kind = schema
                    .get("x-credential-type")
                    .and_then(Value::as_str)
                    .unwrap_or("unknown")
                    .to_owned();
                json!({
                    "type": "object",
                    "properties": {"id": {"type": "string", "enum": [id]}, kind.clone(): schema},
                    "required": ["id", kind],
                })
            })
            .collect();
        let credentials = json!({"type": "array", "items": {"allOf": alternatives}});
        components.add_root("Credentials", credentials, meta);
    }

    let mut paths = Object::new();
    for capability in catalog.capabilities() {
        let envelopes = Envelopes::of(capability);
        let mut request = convert_null_type(envelopes.request);
        let mut response = convert_null_type(envelopes.response);
        components.use_refs_of(&request);
        components.use_refs_of(&response);
        components.take_definitions(&mut request, meta);
        components.take_definitions(&mut response, meta);
        let request_payload = components.resolve(&request["properties"]["request"]);
        let response_payload = components.resolve(&response["properties"]["response"]);
        let authenticated = envelopes.authenticated;

        let mut category = "Capabilities".to_owned();
        if let Some(c) = request_payload
            .get("x-capability-category")
            .and_then(Value::as_str)
        {
            category = capitalize(c);
        }
        let level = request_payload
            .get("x-capability-level")
            .and_then(Value::as_str)
            .map(|level| format!("{} Capabilities", capitalize(level)));

        let mut properties = Object::new();
        properties.insert("request".into(), request_payload);
        properties.insert(
            "settings".into(),
            json!({"$ref": format!("{REF_PREFIX}Settings")}),
        );
        let mut required = vec![json!("request"), json!("settings")];
        if authenticated {
            required.push(json!("auth"));
            required.push(json!("credentials"));
            if category != "Authorization" {
                let (name, component) = if auth_mode {
                    ("auth", "Auth")
                } else {
                    ("credentials", "Credentials")
                };
                properties.insert(name.into(), json!({"$ref": format!("{REF_PREFIX}{component}")}));
            }
        }

        let mut requirements = Vec::new();
        for id in security.authentication.keys() {
            let oauth = security
                .authorization
                .get(id)
                .and_then(|a| a.get("oauth_settings"));
            if let Some(oauth) = oauth {
                if auth_mode {
                    info.insert("x-oauth-settings".into(), oauth.clone());
                } else if let Some(Value::Object(by_id)) = info.get_mut("x-oauth-settings") {
                    by_id.insert(id.clone(), oauth.clone());
                }
            }
            let scopes: Vec<Value> = oauth
                .and_then(|o| o.get("scopes"))
                .and_then(Value::as_object)
                .map(|s| s.keys().cloned().map(Value::String).collect())
                .unwrap_or_default();
            requirements.push(json!({id.clone(): scopes}));
        }

        paths.insert(
            format!("/{}", capability.name.to_lowercase()),
            json!({"post": {
                "operationId": capability.name,
                "tags": [level.unwrap_or(category)],
                "summary": capability
                    .display_name
                    .map_or_else(|| title_case(capability.name), str::to_owned),
                "description": capability.description,
                "requestBody": {"content": {"application/json": {"schema": {
                    "type": "object", "properties": properties, "required": required,
                }}}},
                "responses": {"200": {
                    "description": "Successful response",
                    "content": {"application/json": {"schema": response_payload}},
                }},
                "security": requirements,
            }}),
        );
    }

    info.insert("x-multi-credential".into(), Value::Bool(!auth_mode));
    info.insert(
        "x-capabilities".into(),
        catalog.capabilities().iter().map(|c| c.name).collect(),
    );
    json!({
        "openapi": OPENAPI_VERSION,
        "info": info,
        "servers": [],
        "paths": paths,
        "components": {
            "securitySchemes": security.schemes,
            "schemas": components.used(),
        },
        "tags": [
            {"name": "Read Capabilities", "description": "These capabilities only perform read operations."},
            {"name": "Write Capabilities", "description": "These capabilities perform write operations on top of potential read operations."},
            {"name": "Authorization", "description": "OAuth 2.0 authorization capabilities."},
            {"name": "Specification", "description": "Capabilities used for specifying the connector's capabilities."},
            {"name": "Validation", "description": "Capabilities used for validating the connector's credentials."},
        ],
    })
}

/// `info` with every key in the reference's order; some are filled in later.
fn base_info(meta: &ConnectorMetadata) -> Object {
    let info = json!({
        "title": meta.name,
        "description": meta.description.unwrap_or_default(),
        "version": meta.version,
        "x-app-id": meta.app_id,
        "x-app-logo-url": meta.logo_url.unwrap_or_default(),
        "x-app-vendor-domain": meta.vendor_domain.unwrap_or_default(),
        "x-entitlement-types": meta.entitlement_types,
        "x-access-graph-entitlement-types": meta.access_graph_entitlement_types,
        "x-access-graph-entitlement-rules": meta.access_graph_entitlement_rules,
        "x-implied-access-rules": meta.implied_access_rules,
        "x-resource-types": meta.resource_types,
        "x-categories": {"type": "enum", "enum": meta.categories},
        "x-oauth-settings": {},
        "x-capabilities": [],
        "x-multi-credential": false,
        "x-allowed-credentials": [],
    });
    match info {
        Value::Object(info) => info,
        _ => Object::new(),
    }
}

/// Required credential ids as one group, then each optional one alone.
fn allowed_credentials(credentials: &[CredentialConfig]) -> Value {
    let required: Vec<&str> = credentials.iter().filter(|c| !c.optional).map(|c| c.id).collect();
    let mut groups = Vec::new();
    if !required.is_empty() {
        groups.push(json!(required));
    }
    groups.extend(credentials.iter().filter(|c| c.optional).map(|c| json!([c.id])));
    Value::Array(groups)
}

/// Python's `str.capitalize`.
fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first
            .to_uppercase()
            .chain(chars.flat_map(char::to_lowercase))
            .collect()
    })
}

/// The pydantic-shaped schema of `T`, referring to `#/components/schemas/`,
/// with `x-field_order`.
fn extended_schema<T: schemars::JsonSchema>() -> Object {
    let mut schema = components_schema(root_schema::<T>());
    let order = field_order(&schema);
    schema.insert("x-field_order".into(), order);
    schema
}

/// A root schema with its references pointed at `components`.
fn components_schema(schema: Object) -> Object {
    let mut value = Value::Object(schema);
    retarget_refs(&mut value);
    match value {
        Value::Object(map) => map,
        _ => Object::new(),
    }
}

fn retarget_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            retarget_refs_shallow(map);
            map.values_mut().for_each(retarget_refs);
        }
        Value::Array(items) => items.iter_mut().for_each(retarget_refs),
        _ => {}
    }
}

/// The reference's rewrite for OpenAPI 3.0: `const` becomes a one-value
/// `enum`, and `anyOf [X, null]` becomes X with `nullable: true` (X's keys
/// after the others, as a Python dict merge orders them). A rewritten
/// object is not looked into further, as in the reference.
fn convert_null_type(value: Value) -> Value {
    let Value::Object(mut map) = value else {
        return value;
    };
    if let Some(constant) = map.shift_remove("const") {
        map.insert("enum".into(), Value::Array(vec![constant]));
        return Value::Object(map);
    }
    if let Some(Value::Array(branches)) = map.get("anyOf") {
        let non_null: Vec<&Value> = branches
            .iter()
            .filter(|b| b.get("type").and_then(Value::as_str) != Some("null"))
            .collect();
        if non_null.len() != branches.len() && non_null.len() == 1 {
            let branch = non_null[0].as_object().cloned().unwrap_or_default();
            map.shift_remove("anyOf");
            for (key, value) in branch {
                map.insert(key, value);
            }
            map.insert("nullable".into(), Value::Bool(true));
            return Value::Object(map);
        }
    }
    let converted = map
        .into_iter()
        .map(|(key, value)| {
            let value = match value {
                Value::Object(_) => convert_null_type(value),
                Value::Array(items) => Value::Array(
                    items
                        .into_iter()
                        .map(|item| {
                            if item.is_object() {
                                convert_null_type(item)
                            } else {
                                item
                            }
                        })
                        .collect(),
                ),
                other => other,
            };
            (key, value)
        })
        .collect();
    Value::Object(converted)
}

/// `components.schemas` as it is built: every schema in the order it was
/// first met, and the names something refers to.
#[derive(Default)]
struct Components {
    schemas: Object,
    used: BTreeSet<String>,
}

impl Components {
    /// `Settings`: the settings schema with `x-field_order` (its optional
    /// values keep `anyOf`), and the models its fields refer to.
    fn add_settings(&mut self, catalog: &Catalog) {
        let mut settings = catalog.connector_schemas().settings;
        let order = settings
            .shift_remove("field_order")
            .unwrap_or(Value::Array(Vec::new()));
        settings.insert("x-field_order".into(), order);
        let mut settings = components_schema(settings);
        let defs = settings.shift_remove("$defs");
        self.schemas
            .insert("Settings".into(), Value::Object(settings.clone()));
        self.used.insert("Settings".into());
        let Some(Value::Object(defs)) = defs else {
            return;
        };
        // An enum field becomes a string enum of its own; any other model
        // a field refers to is kept as it is.
        for property in settings
            .get("properties")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            let mut refs = BTreeSet::new();
            collect_refs(property.1, &mut refs);
            for name in refs {
                if self.schemas.contains_key(&name) {
                    continue;
                }
                let Some(Value::Object(def)) = defs.get(&name) else {
                    continue;
                };
                let schema = if def.contains_key("enum") && property.1.get("$ref").is_some() {
                    json!({
                        "type": "string",
                        "enum": def.get("enum").cloned().unwrap_or_default(),
                        "title": name,
                        "description": def.get("description").cloned().unwrap_or(Value::Null),
                    })
                } else {
                    Value::Object(def.clone())
                };
                self.schemas.insert(name.clone(), schema);
                self.used.insert(name);
            }
        }
    }

    /// `Auth` or `Credentials`, and the definitions inside them.
    fn add_root(&mut self, name: &str, mut schema: Value, meta: &ConnectorMetadata) {
        self.schemas.insert(name.into(), schema.clone());
        self.used.insert(name.into());
        self.use_refs_of(&schema);
        self.take_definitions(&mut schema, meta);
        self.schemas.insert(name.into(), schema);
    }

    fn use_refs_of(&mut self, schema: &Value) {
        collect_refs(schema, &mut self.used);
    }

    /// Moves every `$defs` inside `schema` into the components (the first
    /// schema of a name stays), rewriting fields marked as entitlement or
    /// resource types into enums of the connector's types.
    fn take_definitions(&mut self, schema: &mut Value, meta: &ConnectorMetadata) {
        match schema {
            Value::Object(map) => {
                if let Some(Value::Object(defs)) = map.shift_remove("$defs") {
                    for (name, mut def) in defs {
                        restrict_types(&mut def, meta);
                        self.schemas.entry(name).or_insert(def);
                    }
                }
                retarget_refs_shallow(map);
                map.values_mut().for_each(|v| self.take_definitions(v, meta));
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.take_definitions(v, meta)),
            _ => {}
        }
    }

    /// A payload schema as the operation shows it: a reference is replaced
    /// by the schema it names.
    fn resolve(&self, schema: &Value) -> Value {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => {
                let name = r.rsplit('/').next().unwrap_or(r);
                self.schemas.get(name).cloned().unwrap_or(Value::Null)
            }
            None => schema.clone(),
        }
    }

    fn used(self) -> Object {
        let used = self.used;
        self.schemas
            .into_iter()
            .filter(|(name, _)| used.contains(name))
            .collect()
    }
}

fn retarget_refs_shallow(map: &mut Object) {
    if let Some(Value::String(r)) = map.get_mut("$ref") {
        if let Some(name) = r.strip_prefix("#/$defs/") {
            *r = format!("{REF_PREFIX}{name}");
        }
    }
}

fn collect_refs(schema: &Value, refs: &mut BTreeSet<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(r) = map.get("$ref").and_then(Value::as_str) {
                refs.insert(r.rsplit('/').next().unwrap_or(r).to_owned());
            }
            map.values().for_each(|v| collect_refs(v, refs));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, refs)),
        _ => {}
    }
}

/// A model with a field marked `x-entitlement-type` (`x-resource-type`)
/// gets `entitlement_type` (`resource_type`) as a string enum of the
/// connector's type ids (no enum when it declares none).
fn restrict_types(def: &mut Value, meta: &ConnectorMetadata) {
    let Some(Value::Object(properties)) = def.get_mut("properties") else {
        return;
    };
    let marked = |marker: &str| properties.values().any(|p| p.get(marker).is_some());
    let rewrites = [
        (
            marked("x-entitlement-type"),
            "entitlement_type",
            meta.entitlement_types
                .iter()
                .map(|t| t.type_id.clone())
                .collect::<Vec<_>>(),
        ),
        (
            marked("x-resource-type"),
            "resource_type",
            meta.resource_types.iter().map(|t| t.type_id.clone()).collect(),
        ),
    ];
    for (marked, field, ids) in rewrites {
        if !marked {
            continue;
        }
        let Some(old) = properties.get(field) else {
            continue;
        };
        let mut new = json!({
            "type": "string",
            "title": old.get("title").cloned().unwrap_or(Value::Null),
            "description": old.get("description").cloned().unwrap_or(Value::Null),
        });
        if !ids.is_empty() {
            new["enum"] = json!(ids);
        }
        properties.insert(field.into(), new);
    }
}

/// The request and response envelopes of one capability, as pydantic
/// writes them: only what the document takes from them is built (the
/// `request` and `response` properties, and every model they refer to).
struct Envelopes {
    request: Value,
    response: Value,
    /// Whether the request envelope has `auth` and `credentials`.
    authenticated: bool,
}

impl Envelopes {
    fn of(capability: &Described) -> Self {
        let schemas = (capability.schemas)();
        let custom = capability.kind == Kind::Custom;
        let authenticated =
            custom || capability.kind.authenticates() || capability.kind == Kind::Specification;

        let mut request_defs = BTreeMap::new();
        let mut request = payload(schemas.argument, &mut request_defs);
        if custom {
            // The reference's CustomRequest marks its payload model `write`.
            if let Some(Value::Object(def)) = request
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| request_defs.get_mut(r.rsplit('/').next().unwrap_or(r)))
            {
                def.insert("x-capability-level".into(), json!("write"));
            }
        }
        if authenticated {
            add_model(root_schema::<AuthCredential>(), &mut request_defs);
        }
        add_model(root_schema::<Page>(), &mut request_defs);

        let mut response_defs = BTreeMap::new();
        let response = payload(schemas.output, &mut response_defs);
        let response = match response.get("type").and_then(Value::as_str) {
            Some("array") => {
                json!({"items": response.get("items").cloned().unwrap_or(Value::Null), "title": "Response", "type": "array"})
            }
            _ => response,
        };
        add_model(root_schema::<Page>(), &mut response_defs);
        if !custom {
            add_model(root_schema::<ExecutionSummary>(), &mut response_defs);
        }
        // The envelope fields that refer to models make those models used.
        let mut request_properties =
            json!({"request": request, "page": {"$ref": format!("{REF_PREFIX}Page")}});
        if authenticated {
            request_properties["auth"] = json!({"$ref": format!("{REF_PREFIX}AuthCredential")});
        }
        let mut response_properties =
            json!({"response": response, "page": {"$ref": format!("{REF_PREFIX}Page")}});
        if !custom {
            response_properties["execution_summary"] =
                json!({"$ref": format!("{REF_PREFIX}ExecutionSummary")});
        }
        request = json!({"properties": request_properties, "$defs": request_defs});
        let response = json!({"properties": response_properties, "$defs": response_defs});
        Envelopes {
            request: pydantic_sorted(request),
            response: pydantic_sorted(response),
            authenticated,
        }
    }
}

/// A payload's schema as an envelope property: a reference to its model
/// (kept in `defs` with the models it refers to), or the schema itself
/// when it is no model.
fn payload(schema: Object, defs: &mut BTreeMap<String, Value>) -> Value {
    let is_model =
        schema.get("type").and_then(Value::as_str) == Some("object") && schema.contains_key("title");
    if is_model {
        let name = schema
            .get("title")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        add_model(schema, defs);
        return json!({"$ref": format!("{REF_PREFIX}{name}")});
    }
    let mut schema = components_schema(schema);
    if let Some(Value::Object(inner)) = schema.shift_remove("$defs") {
        defs.extend(inner);
    }
    schema.shift_remove("title");
    Value::Object(schema)
}

/// Adds a root schema and its definitions to `defs`, by name.
fn add_model(schema: Object, defs: &mut BTreeMap<String, Value>) {
    let mut schema = components_schema(schema);
    if let Some(Value::Object(inner)) = schema.shift_remove("$defs") {
        defs.extend(inner);
    }
    let name = schema
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    defs.entry(name).or_insert(Value::Object(schema));
}

/// How a connector authenticates, as the document says it: the credential
/// schemas by id (the app id for a connector-wide credential), the
/// authorization schemas of OAuth credentials with their `oauth_settings`,
/// and the security schemes.
struct Security {
    authentication: Object,
    authorization: Object,
    schemes: Object,
}

impl Security {
    fn of(catalog: &Catalog, settings: &Value) -> Self {
        let meta = catalog.metadata();
        let mut security = Security {
            authentication: Object::new(),
            authorization: Object::new(),
            schemes: Object::new(),
        };
        if !meta.credentials.is_empty() {
            for credential in &meta.credentials {
                let id = credential.id.to_owned();
                let mut schema = authentication_schema(credential.kind);
                schema.insert("description".into(), credential.description.into());
                schema.insert("x-optional".into(), credential.optional.into());
                security.authentication.insert(id.clone(), Value::Object(schema));
                if let Some(authorization) = authorization_schema(credential.kind) {
                    security
                        .authorization
                        .insert(id.clone(), Value::Object(authorization));
                }
                match &credential.oauth {
                    Some(oauth) => {
                        let described = oauth_settings(oauth, catalog, settings);
                        security.add_oauth_settings(&id, described.clone());
                        security
                            .schemes
                            .insert(id.clone(), oauth_scheme(oauth.flow(), &described));
                    }
                    None => match credential.kind {
                        AuthModel::Token | AuthModel::Jwt => {
                            security
                                .schemes
                                .insert(id.clone(), api_key("API Token / API Key for authentication"));
                        }
                        AuthModel::Basic => {
                            security.schemes.insert(id.clone(), json!({"type": "http"}));
                        }
                        _ => {}
                    },
                }
            }
        } else if !catalog.connector_schemas().auth.is_empty() {
            let id = meta.app_id.to_owned();
            let mut auth = catalog.connector_schemas().auth;
            let fields = auth
                .shift_remove("field_order")
                .unwrap_or(Value::Array(Vec::new()));
            auth.insert("x-field_order".into(), fields);
            let auth = convert_null_type(Value::Object(components_schema(auth)));
            let kind_name = auth
                .get("x-credential-type")
                .and_then(Value::as_str)
                .unwrap_or("unknown")
                .to_owned();
            let mut credential = Object::new();
            credential.insert("type".into(), json!("object"));
            for (key, value) in auth.as_object().into_iter().flatten() {
                credential.insert(key.clone(), value.clone());
            }
            let wrapped = json!({"properties": {kind_name.clone(): credential}, "required": [kind_name]});
            security
                .authentication
                .insert(id.clone(), convert_null_type(wrapped));
            let kind: Option<AuthModel> = serde_json::from_value(json!(kind_name)).ok();
            if let Some(authorization) = kind.and_then(authorization_schema) {
                let authorization = convert_null_type(Value::Object(authorization));
                security.authorization.insert(id.clone(), authorization);
            }
            let described = meta.oauth.as_ref().map(|o| oauth_settings(o, catalog, settings));
            let url = |key: &str| described.as_ref().map_or_else(|| json!(""), |d| d[key].clone());
            let scopes = described
                .as_ref()
                .map_or_else(|| json!({}), |d| d["scopes"].clone());
            let scheme = match kind {
                Some(AuthModel::Oauth) => json!({"type": "oauth2", "flows": {"authorizationCode": {
                    "authorizationUrl": url("authorization_url"),
                    "tokenUrl": url("token_url"),
                    "scopes": scopes,
                }}}),
                Some(AuthModel::OauthClientCredentials) => {
                    json!({"type": "oauth2", "flows": {"clientCredentials": {
                        "tokenUrl": url("token_url"),
                        "scopes": scopes,
                    }}})
                }
                Some(AuthModel::Oauth1) => api_key("OAuth 1.0a signed request token for authentication"),
                Some(AuthModel::Token) => api_key("API Token / API Key for authentication"),
                Some(AuthModel::Basic) => json!({"type": "http"}),
                Some(AuthModel::Jwt) => bearer_jwt("JWT Token for authentication"),
                Some(AuthModel::ServiceAccount) => api_key("Service Account Token for authentication"),
                Some(AuthModel::KeyPair) => bearer_jwt("Key-pair for authentication"),
                None => Value::Null,
            };
            if !scheme.is_null() {
                security.schemes.insert(id.clone(), scheme);
            }
            if let Some(described) = described {
                security.add_oauth_settings(&id, described);
            }
        }
        security
    }

    fn add_oauth_settings(&mut self, id: &str, described: Value) {
        let authorization = self
            .authorization
            .entry(id.to_owned())
            .or_insert_with(|| Value::Object(Object::new()));
        if let Value::Object(authorization) = authorization {
            authorization.insert("oauth_settings".into(), described);
        }
    }
}

fn api_key(description: &str) -> Value {
    json!({"type": "apiKey", "in": "header", "name": "Authorization", "description": description})
}

fn bearer_jwt(description: &str) -> Value {
    json!({"type": "http", "scheme": "bearer", "bearerFormat": "JWT", "description": description})
}

fn oauth_scheme(flow: FlowType, described: &Value) -> Value {
    match flow {
        FlowType::AuthorizationCode => json!({"type": "oauth2", "flows": {"authorizationCode": {
            "authorizationUrl": described["authorization_url"],
            "tokenUrl": described["token_url"],
            "scopes": described["scopes"],
        }}}),
        FlowType::ClientCredentials => json!({"type": "oauth2", "flows": {"clientCredentials": {
            "tokenUrl": described["token_url"],
            "scopes": described["scopes"],
        }}}),
    }
}

/// `oauth_settings` of the document: the flow, its URLs for these
/// settings, which of the flow's capabilities the connector serves, and
/// `{scopes: "Required for <capability>"}`.
fn oauth_settings(oauth: &OAuthSettings, catalog: &Catalog, settings: &Value) -> Value {
    let mut described = oauth.describe(settings);
    let served: Object = OAuthCapability::of_flow(oauth.flow())
        .iter()
        .map(|c| {
            let name = c.name();
            let implemented = catalog.capabilities().iter().any(|d| d.name == name);
            (name.to_owned(), Value::Bool(implemented))
        })
        .collect();
    described["capabilities"] = Value::Object(served);
    described
}

/// The schema a credential of this kind is entered with.
fn authentication_schema(kind: AuthModel) -> Object {
    match kind {
        AuthModel::Oauth => extended_schema::<OAuthAuthentication>(),
        AuthModel::OauthClientCredentials => extended_schema::<OAuthClientCredentialAuthentication>(),
        AuthModel::Oauth1 => extended_schema::<OAuth1Credential>(),
        AuthModel::Basic => extended_schema::<BasicAuthentication>(),
        AuthModel::Token => extended_schema::<TokenAuthentication>(),
        AuthModel::Jwt => extended_schema::<JWTCredential>(),
        AuthModel::ServiceAccount => extended_schema::<ServiceAccountCredential>(),
        AuthModel::KeyPair => extended_schema::<KeyPairCredential>(),
    }
}

/// The schema an OAuth credential of this kind is obtained with.
fn authorization_schema(kind: AuthModel) -> Option<Object> {
    match kind {
        AuthModel::Oauth => Some(extended_schema::<OAuthAuthorization>()),
        AuthModel::OauthClientCredentials => Some(extended_schema::<OAuthClientCredentialAuthorization>()),
        _ => None,
    }
}
