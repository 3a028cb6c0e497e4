//! The protocol's own words for its models: the descriptions `info` and the
//! OpenAPI document give the standard models and their fields, as the
//! reference publishes them (recorded by `tests/conformance/info/texts.py`).
//!
//! The rustdoc of a model speaks to a Rust author; the schema speaks to the
//! platform, which shows these texts. Each model applies them through
//! `#[schemars(transform = ProtocolTexts("<protocol name>"))]`, so an
//! author's own type of the same name keeps its own description.

use std::sync::OnceLock;

use serde_json::{Map, Value};

const TEXTS: &str = include_str!("protocol_texts.json");

fn texts() -> &'static Map<String, Value> {
    static TABLE: OnceLock<Map<String, Value>> = OnceLock::new();
    TABLE.get_or_init(|| serde_json::from_str(TEXTS).expect("protocol_texts.json is a JSON object"))
}

/// Gives the schema of the protocol's model of this name the protocol's
/// description and field descriptions; a text the protocol does not have is
/// removed.
pub(crate) struct ProtocolTexts(pub &'static str);

impl schemars::transform::Transform for ProtocolTexts {
    fn transform(&mut self, schema: &mut schemars::Schema) {
        apply(self.0, schema);
    }
}

fn apply(model: &str, schema: &mut schemars::Schema) {
    let Some(object) = schema.as_object_mut() else {
        return;
    };
    let Some(entry) = texts().get(model) else {
        return;
    };
    set_or_remove(object, entry.get("description"));
    let fields = entry.get("properties").and_then(Value::as_object);
    if let Some(Value::Object(properties)) = object.get_mut("properties") {
        for (name, property) in properties.iter_mut() {
            if let Value::Object(property) = property {
                set_or_remove(property, fields.and_then(|f| f.get(name)));
            }
        }
    }
}

fn set_or_remove(object: &mut Map<String, Value>, text: Option<&Value>) {
    match text {
        Some(text) => {
            object.insert("description".into(), text.clone());
        }
        None => {
            object.remove("description");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_model_entry_has_a_description() {
        assert!(texts().len() > 200);
        for (name, entry) in texts() {
            assert!(entry.get("description").is_some(), "{name}");
        }
    }
}
