//! JSON schemas of settings, credentials and capabilities, in the shape the
//! reference's `info` gives them.

use serde_json::{Map, Value};

/// A JSON object.
pub type Object = Map<String, Value>;

/// The generator every schema of the framework comes from (JSON Schema 2020-12).
pub fn generator() -> schemars::SchemaGenerator {
    schemars::generate::SchemaSettings::draft2020_12().into_generator()
}

/// The schema of `T` as a root document, in the reference's shape.
pub fn root_schema<T: schemars::JsonSchema>() -> Object {
    let schema = generator().into_root_schema_for::<T>();
    let mut value = Value::from(schema);
    pydantic_shape(&mut value);
    let mut object = into_object(pydantic_sorted(value));
    // pydantic does not name the dialect; the documents never carry it.
    object.shift_remove("$schema");
    object
}

/// Orders keys as pydantic does: sorted, except the fields of `properties`
/// and the keys of a `default` value, which keep their order.
pub fn pydantic_sorted(value: Value) -> Value {
    sorted_under(value, None)
}

fn sorted_under(value: Value, parent: Option<&str>) -> Value {
    match value {
        Value::Object(map) => {
            let keep_order = matches!(parent, Some("properties" | "default"));
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            if !keep_order {
                entries.sort_by(|a, b| a.0.cmp(&b.0));
            }
            Value::Object(
                entries
                    .into_iter()
                    .map(|(key, value)| {
                        let value = sorted_under(value, Some(&key));
                        (key, value)
                    })
                    .collect(),
            )
        }
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|item| sorted_under(item, parent)).collect())
        }
        other => other,
    }
}

/// Schemas of a connector's settings and credential.
#[derive(Debug, Clone)]
pub struct ConnectorSchemas {
    /// The settings schema with `field_order`.
    pub settings: Object,
    /// The credential schema with `field_order`; empty without a credential.
    pub auth: Object,
}

/// Schemas of one capability's request and response payloads.
#[derive(Debug, Clone)]
pub struct CapabilitySchemas {
    /// The request payload.
    pub argument: Object,
    /// The response payload.
    pub output: Object,
}

pub(crate) fn into_object(value: Value) -> Object {
    match value {
        Value::Object(map) => map,
        Value::Bool(true) => Object::new(),
        other => {
            let mut map = Object::new();
            map.insert("const".into(), other);
            map
        }
    }
}

/// Adds `field_order`: the property names in declaration order.
pub fn with_field_order(mut schema: Object) -> Object {
    let order = field_order(&schema);
    schema.insert("field_order".into(), order);
    schema
}

/// The property names of a schema in declaration order, as a JSON list.
pub fn field_order(schema: &Object) -> Value {
    let order: Vec<Value> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().map(Value::String).collect())
        .unwrap_or_default();
    Value::Array(order)
}

/// Reshapes a schemars schema the way pydantic writes it, which is what the
/// platform's forms read: every property has a `title` (the Title Case of
/// its name), optional values are `anyOf [<type>, {"type": "null"}]` with
/// `default: null`, a model without fields still has `properties: {}`, and
/// integers and numbers carry no `format` (pydantic's `int` and `float` have
/// none; Rust's widths are not the platform's concern).
pub fn pydantic_shape(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if matches!(
                map.get("type").and_then(Value::as_str),
                Some("integer" | "number")
            ) {
                map.remove("format");
            }
            let is_object = map.get("type").and_then(Value::as_str) == Some("object");
            if is_object && !map.contains_key("properties") && !map.contains_key("additionalProperties") {
                map.insert("properties".into(), Value::Object(Object::new()));
            }
            // A map of anything: pydantic writes it as a bare object.
            if map.get("additionalProperties") == Some(&Value::Bool(true)) {
                map.remove("additionalProperties");
            }
            let required: Vec<String> = map
                .get("required")
                .and_then(Value::as_array)
                .map(|r| r.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                .unwrap_or_default();
            if let Some(Value::Object(properties)) = map.get_mut("properties") {
                for (name, property) in properties.iter_mut() {
                    if let Value::Object(p) = property {
                        nullable_as_any_of(p);
                        // pydantic titles a field by its name, but not a
                        // field whose schema is (or may be) another model's.
                        if !p.contains_key("title") && !refers(p) {
                            p.insert("title".into(), Value::String(crate::names::title_case(name)));
                        }
                        if !required.contains(name) && !p.contains_key("default") && is_nullable(p) {
                            p.insert("default".into(), Value::Null);
                        }
                    }
                }
            }
            if let Some(Value::Object(defs)) = map.get_mut("$defs") {
                for (name, def) in defs.iter_mut() {
                    if let Value::Object(def) = def {
                        def.entry("title").or_insert_with(|| Value::String(name.clone()));
                    }
                }
            }
            for child in map.values_mut() {
                pydantic_shape(child);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(pydantic_shape),
        _ => {}
    }
}

/// Keys that describe a value of one type and move into its `anyOf` branch.
const TYPE_KEYS: &[&str] = &[
    "type",
    "format",
    "items",
    "enum",
    "const",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "pattern",
    "additionalProperties",
    "properties",
    "required",
    "minItems",
    "maxItems",
    "uniqueItems",
    "$ref",
];

fn nullable_as_any_of(p: &mut Object) {
    let Some(Value::Array(types)) = p.get("type") else {
        return;
    };
    let non_null: Vec<Value> = types
        .iter()
        .filter(|t| t.as_str() != Some("null"))
        .cloned()
        .collect();
    if non_null.len() == types.len() || non_null.len() != 1 {
        return;
    }
    let mut branch = Object::new();
    for key in TYPE_KEYS {
        if let Some(v) = p.remove(*key) {
            branch.insert((*key).into(), v);
        }
    }
    branch.insert("type".into(), non_null.into_iter().next().unwrap_or(Value::Null));
    if let Some(Value::Array(values)) = branch.get_mut("enum") {
        values.retain(|v| !v.is_null());
    }
    let null = Value::Object(Object::from_iter([("type".to_owned(), Value::from("null"))]));
    p.insert("anyOf".into(), Value::Array(vec![Value::Object(branch), null]));
}

/// Whether a property's schema is another model's (a `$ref`), or a choice
/// of that and `null`; a union of several models is not.
fn refers(p: &Object) -> bool {
    if p.contains_key("$ref") {
        return true;
    }
    let Some(branches) = p.get("anyOf").and_then(Value::as_array) else {
        return false;
    };
    let (nulls, others): (Vec<&Value>, Vec<&Value>) = branches
        .iter()
        .partition(|b| b.get("type").and_then(Value::as_str) == Some("null"));
    nulls.len() == 1 && others.len() == 1 && others[0].get("$ref").is_some()
}

fn is_nullable(p: &Object) -> bool {
    p.get("anyOf").and_then(Value::as_array).is_some_and(|branches| {
        branches
            .iter()
            .any(|b| b.get("type").and_then(Value::as_str) == Some("null"))
    })
}

/// The schema (with `field_order`) of the standard credential type of a kind.
pub fn credential_kind_schema(kind: crate::models::AuthModel) -> Object {
    use crate::models::*;
    let schema = match kind {
        AuthModel::Oauth => root_schema::<OAuthCredential>(),
        AuthModel::OauthClientCredentials => root_schema::<OAuthClientCredential>(),
        AuthModel::Oauth1 => root_schema::<OAuth1Credential>(),
        AuthModel::Basic => root_schema::<BasicCredential>(),
        AuthModel::Token => root_schema::<TokenCredential>(),
        AuthModel::Jwt => root_schema::<JWTCredential>(),
        AuthModel::ServiceAccount => root_schema::<ServiceAccountCredential>(),
        AuthModel::KeyPair => root_schema::<KeyPairCredential>(),
    };
    with_field_order(schema)
}

/// The values of an enum of unit variants as it is written in JSON, in
/// declaration order (`["full", "light"]`), read from its JSON schema: the
/// `x-enum_mapping_options` of `#[field(enum_mapping = ...)]`. Other types
/// have none.
///
/// ```
/// #[derive(serde::Serialize, schemars::JsonSchema)]
/// #[serde(rename_all = "lowercase")]
/// enum Seat {
///     Full,
///     /// Read-only.
///     Light,
/// }
/// assert_eq!(connector::schema::enum_values::<Seat>(), ["full", "light"]);
/// ```
pub fn enum_values<T: schemars::JsonSchema>() -> Vec<Value> {
    fn values(schema: &Value) -> Vec<Value> {
        if let Some(Value::Array(values)) = schema.get("enum") {
            return values.clone();
        }
        if let Some(value) = schema.get("const") {
            return vec![value.clone()];
        }
        // Variants with doc comments are one branch each.
        ["oneOf", "anyOf"]
            .iter()
            .filter_map(|key| schema.get(*key).and_then(Value::as_array))
            .flatten()
            .flat_map(values)
            .collect()
    }
    values(&Value::from(generator().into_root_schema_for::<T>()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn enum_values_are_the_serialized_names() {
        #[derive(schemars::JsonSchema)]
        #[allow(dead_code)]
        enum Plain {
            Full,
            #[serde(rename = "lite")]
            Light,
        }
        assert_eq!(enum_values::<Plain>(), [json!("Full"), json!("lite")]);
        assert_eq!(enum_values::<Settings>(), Vec::<Value>::new());
    }

    #[derive(schemars::JsonSchema)]
    #[allow(dead_code)]
    struct Settings {
        account_id: String,
        #[schemars(title = "Port number")]
        port: Option<u16>,
    }

    #[test]
    fn settings_schema_looks_like_pydantic() {
        let s = with_field_order(root_schema::<Settings>());
        assert_eq!(s["title"], "Settings");
        assert_eq!(s.get("$schema"), None);
        assert_eq!(s["required"], json!(["account_id"]));
        assert_eq!(
            s["properties"]["account_id"],
            json!({"type": "string", "title": "Account Id"})
        );
        let port = &s["properties"]["port"];
        assert_eq!(port["title"], "Port number");
        assert_eq!(port["default"], Value::Null);
        assert_eq!(port["anyOf"][0]["type"], "integer");
        assert_eq!(port["anyOf"][1], json!({"type": "null"}));
        assert_eq!(s["field_order"], json!(["account_id", "port"]));
    }
}
