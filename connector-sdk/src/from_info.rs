//! `connector scaffold <name> <dir> --from-info INFO.json`: a crate whose
//! surface is the one an `info` document describes, so that a connector
//! written with connector-py can be ported capability by capability.
//!
//! The document says everything a connector says about itself: the app, the
//! settings (field by field, with their annotations), how it authenticates,
//! its catalogue of types, and each capability with its payload schemas.
//! The crate declares the same; every capability answers `not_implemented`
//! until its body is written, and a test checks that the crate's own `info`
//! is still the document's.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use connector::capability::standard::SIGNATURES;
use connector::capability::title_case;
use serde_json::{Map, Value};

use crate::names::{Names, is_keyword};

type Object = Map<String, Value>;

/// The capabilities the runtime serves itself: never written by the author.
const BUILTIN: &[&str] = &[
    "app_info",
    "validate_credential_config",
    "get_authorization_url",
    "handle_authorization_callback",
    "handle_client_credentials_request",
    "refresh_access_token",
];

const CODE_FLOW: &[&str] = &[
    "get_authorization_url",
    "handle_authorization_callback",
    "refresh_access_token",
];
const CLIENT_FLOW: &[&str] = &["handle_client_credentials_request", "refresh_access_token"];

/// The `Info` object of a document: `info`'s whole output (the envelope) or
/// its `response` alone.
pub fn info_of(document: &Value) -> Result<&Object, String> {
    let info = match document.get("response") {
        Some(response) if document.get("app_id").is_none() => response,
        _ => document,
    };
    let info = info
        .as_object()
        .ok_or("the document is not an object: give the output of `<connector> info`")?;
    if !info.contains_key("app_id") || !info.contains_key("capability_schema") {
        return Err(
            "the document has no `app_id` and `capability_schema`: give the output of `<connector> info`"
                .into(),
        );
    }
    Ok(info)
}

/// The files of the ported crate besides the common ones (`Cargo.toml`,
/// `.gitignore`): path and text.
pub fn render(info: &Object, names: &Names, document: &Value) -> Result<Vec<(String, String)>, String> {
    let app_id = text(info, "app_id");
    if app_id != names.hyphenated {
        return Err(format!(
            "the document is connector `{app_id}`'s; scaffold it under that name: `connector scaffold {app_id} <dir> --from-info ...`"
        ));
    }
    let mut port = Port::new(info, names);
    let main = port.main()?;
    let capabilities = port.capabilities()?;
    let tests = port.tests();
    let models_mod = if port.models.is_empty() {
        ""
    } else {
        "mod models;\n"
    };
    let mut files = vec![
        ("src/main.rs".to_owned(), main.replace(MODELS_MOD, models_mod)),
        ("src/capabilities.rs".to_owned(), capabilities),
    ];
    if let Some(settings) = port.settings_file.take() {
        files.push(("src/settings.rs".to_owned(), settings));
    }
    if !port.models.is_empty() {
        files.push(("src/models.rs".to_owned(), port.models.file()));
    }
    // What the crate's test compares its own `info` with: the document
    // without the keys this framework does not know (said on stderr).
    let mut kept = info.clone();
    let unknown: Vec<String> = kept
        .keys()
        .filter(|k| !INFO_KEYS.contains(&k.as_str()))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        eprintln!(
            "note: keys of the document this framework does not write are left out: {}",
            unknown.join(", ")
        );
        kept.retain(|k, _| INFO_KEYS.contains(&k.as_str()));
    }
    let saved = match document.get("response") {
        Some(_) if document.get("app_id").is_none() => {
            let mut envelope = document.clone();
            envelope["response"] = Value::Object(kept);
            envelope
        }
        _ => Value::Object(kept),
    };
    let mut pretty = serde_json::to_string_pretty(&saved).map_err(|e| e.to_string())?;
    pretty.push('\n');
    files.push(("tests/info.json".to_owned(), pretty));
    files.push(("tests/capabilities/main.rs".to_owned(), tests));
    files.push(("README.md".to_owned(), readme(info, names, &port.written)));
    Ok(files)
}

/// The keys of `info` this framework writes.
const INFO_KEYS: &[&str] = &[
    "access_graph_entitlement_rules",
    "access_graph_entitlement_types",
    "app_id",
    "app_vendor_domain",
    "authentication_schema",
    "capabilities",
    "capability_schema",
    "categories",
    "credentials_schema",
    "description",
    "entitlement_types",
    "implied_access_rules",
    "logo_url",
    "oauth_scopes",
    "request_settings_schema",
    "resource_types",
    "user_friendly_name",
    "version",
];

/// Where `mod models;` goes once it is known whether there are models.
const MODELS_MOD: &str = "{{models_mod}}";

fn text<'a>(object: &'a Object, key: &str) -> &'a str {
    object.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// A Rust string literal.
fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// JSON as the `json!` macro reads it.
fn json_literal(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "null".into())
}

/// What is ported, and the code written so far.
struct Port<'a> {
    info: &'a Object,
    names: &'a Names,
    settings_type: Option<String>,
    settings_file: Option<String>,
    models: Types,
    /// Standard and custom capabilities the author writes: (name, kind).
    written: Vec<(String, &'static str)>,
    /// Example requests of the test cases, by capability.
    examples: Vec<(String, Value)>,
}

impl<'a> Port<'a> {
    fn new(info: &'a Object, names: &'a Names) -> Self {
        Self {
            info,
            names,
            settings_type: None,
            settings_file: None,
            models: Types::new(),
            written: Vec::new(),
            examples: Vec::new(),
        }
    }

    fn schema(&self, key: &str) -> Option<&'a Object> {
        self.info.get(key).and_then(Value::as_object)
    }

    /// `src/main.rs`: the `#[connector]` declaration.
    fn main(&mut self) -> Result<String, String> {
        let info = self.info;
        let mut args = vec![
            format!("app_id = {}", lit(text(info, "app_id"))),
            format!("version = {}", lit(text(info, "version"))),
        ];
        if let Some(name) = info.get("user_friendly_name").and_then(Value::as_str) {
            args.push(format!("name = {}", lit(name)));
        }
        for (key, arg) in [
            ("description", "description"),
            ("logo_url", "logo_url"),
            ("app_vendor_domain", "vendor_domain"),
        ] {
            if let Some(value) = info.get(key).and_then(Value::as_str) {
                args.push(format!("{arg} = {}", lit(value)));
            }
        }
        let categories: Vec<String> = info
            .get("categories")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|category| Names::new(category).pascal)
            .collect();
        args.push(format!("categories = [{}]", categories.join(", ")));

        let mut uses: BTreeSet<String> = BTreeSet::new();
        let mut items = String::new();
        let capabilities: BTreeSet<&str> = info
            .get("capabilities")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let oauth_capabilities: Vec<&str> = capabilities
            .iter()
            .copied()
            .filter(|c| CODE_FLOW.contains(c) || CLIENT_FLOW.contains(c))
            .collect();
        if let Some(auth) = self.schema("authentication_schema").filter(|a| !a.is_empty()) {
            let kind = text(auth, "x-credential-type");
            let ty = credential_type(kind)
                .ok_or_else(|| format!("authentication_schema: unknown credential kind `{kind}`"))?;
            uses.insert(format!("connector::models::{ty}"));
            args.push(format!("auth = {ty}"));
            if matches!(kind, "oauth" | "oauth_client_credentials") && !oauth_capabilities.is_empty() {
                let scopes: Vec<(String, String)> = info
                    .get("oauth_scopes")
                    .and_then(Value::as_object)
                    .into_iter()
                    .flatten()
                    .map(|(c, s)| (c.clone(), s.as_str().unwrap_or_default().to_owned()))
                    .collect();
                uses.insert("connector::oauth::OAuthSettings".into());
                let flow = if kind == "oauth" { CODE_FLOW } else { CLIENT_FLOW };
                items.push_str(&oauth_fn(kind, flow, &oauth_capabilities, &scopes, &mut uses));
                args.push("oauth = oauth_settings()".into());
            }
        }
        let credentials = info
            .get("credentials_schema")
            .and_then(Value::as_array)
            .filter(|c| !c.is_empty());
        if let Some(credentials) = credentials {
            uses.insert("connector::CredentialConfig".into());
            uses.insert("connector::models::AuthModel".into());
            let mut list = String::new();
            for (i, credential) in credentials.iter().enumerate() {
                let credential = credential
                    .as_object()
                    .ok_or(format!("credentials_schema[{i}] is not an object"))?;
                let kind = text(credential, "x-credential-type");
                let variant = auth_model_variant(kind)
                    .ok_or_else(|| format!("credentials_schema[{i}]: unknown credential kind `{kind}`"))?;
                let mut line = format!(
                    "        CredentialConfig::new({}, AuthModel::{variant}, {})",
                    lit(text(credential, "id")),
                    lit(text(credential, "description"))
                );
                if credential.get("x-optional") == Some(&Value::Bool(true)) {
                    line.push_str(".optional()");
                }
                if matches!(kind, "oauth" | "oauth_client_credentials") && !oauth_capabilities.is_empty() {
                    let flow = if kind == "oauth" {
                        "authorization_code"
                    } else {
                        "client_credentials"
                    };
                    uses.insert("connector::oauth::OAuthSettings".into());
                    let _ = write!(
                        line,
                        "\n            // The token and authorization URLs are not in `info`: give them here.\n            .with_oauth(OAuthSettings::{flow}())"
                    );
                }
                list.push_str(&line);
                list.push_str(",\n");
            }
            let _ = write!(
                items,
                "/// The credentials a request may carry.\nfn credentials() -> Vec<CredentialConfig> {{\n    vec![\n{list}    ]\n}}\n\n"
            );
            args.push("credentials = credentials()".into());
        }

        if let Some(settings) = self.schema("request_settings_schema") {
            let empty = text(settings, "title") == "EmptySettings"
                && settings
                    .get("properties")
                    .and_then(Value::as_object)
                    .is_none_or(Map::is_empty);
            if !empty {
                let mut types = Types::new();
                let name = types.root(settings, "request_settings_schema")?;
                self.settings_file = Some(format!(
                    "//! The settings every request carries, as the platform's form shows them.\n\n{}",
                    types.body()
                ));
                args.push(format!("settings = settings::{name}"));
                self.settings_type = Some(name);
            }
        }

        for (key, ty, fields) in CATALOGUE {
            let values = info.get(*key).and_then(Value::as_array).filter(|v| !v.is_empty());
            if let Some(values) = values {
                uses.insert(format!("connector::models::{ty}"));
                let mut body = String::new();
                for value in values {
                    body.push_str(&literal(ty, fields, value)?);
                }
                let _ = write!(
                    items,
                    "fn {key}() -> Vec<{ty}> {{\n    vec![\n{body}    ]\n}}\n\n"
                );
                args.push(format!("{key} = {key}()"));
            }
        }

        let mut out = format!(
            "//! `{id}`: the Lumos connector for {title}, ported from its `info` document.\n//!\n//! `cargo run -- info` prints what it is; `cargo run -- <capability> --json '<envelope>'`\n//! runs one capability. Each capability is in `capabilities.rs` and answers\n//! `not_implemented` until it is written.\n\nmod capabilities;\n{MODELS_MOD}",
            id = text(info, "app_id"),
            title = info
                .get("user_friendly_name")
                .and_then(Value::as_str)
                .unwrap_or(&self.names.title),
        );
        if self.settings_file.is_some() {
            out.push_str("mod settings;\n");
        }
        out.push('\n');
        out.push_str(&use_lines(&uses));
        out.push_str("use connector::prelude::*;\n\n");
        out.push_str(&items);
        let _ = write!(
            out,
            "/// The connector.\n#[connector(\n{}\n)]\npub struct {};\n\nconnector::main!();\n",
            args.iter()
                .map(|a| format!("    {a},"))
                .collect::<Vec<_>>()
                .join("\n"),
            self.names.pascal
        );
        Ok(out)
    }

    /// `src/capabilities.rs`: one function per capability.
    fn capabilities(&mut self) -> Result<String, String> {
        let pascal = self.names.pascal.clone();
        let schemas = self
            .schema("capability_schema")
            .ok_or("the document has no capability_schema")?;
        let signatures: BTreeMap<&str, (&str, &str)> =
            SIGNATURES.iter().map(|(n, r, o)| (*n, (*r, *o))).collect();
        let mut functions = String::new();
        let mut model_uses: BTreeSet<String> = BTreeSet::new();
        for (name, schema) in schemas {
            if BUILTIN.contains(&name.as_str()) {
                continue;
            }
            let path = format!("capability_schema.{name}");
            let schema = schema.as_object().ok_or(format!("{path} is not an object"))?;
            let argument = schema
                .get("argument")
                .and_then(Value::as_object)
                .ok_or(format!("{path}.argument is missing"))?;
            let output = schema
                .get("output")
                .and_then(Value::as_object)
                .ok_or(format!("{path}.output is missing"))?;
            let mut attrs = Vec::new();
            let (request, response, kind) = match signatures.get(name.as_str()) {
                Some((standard, returns)) => {
                    attrs.push(name.clone());
                    let title = text(argument, "title");
                    let request = if !title.is_empty() && title != *standard {
                        // An extended payload: the protocol's part and the connector's own fields.
                        let extra = self
                            .models
                            .extra(argument, standard, &format!("{path}.argument"))?;
                        model_uses.insert((*standard).to_owned());
                        model_uses.insert("Extended".into());
                        format!("Extended<{standard}, crate::models::{extra}>")
                    } else {
                        model_uses.insert((*standard).to_owned());
                        (*standard).to_owned()
                    };
                    for word in returns.split(['<', '>']).filter(|w| !w.is_empty() && *w != "Vec") {
                        model_uses.insert(word.to_owned());
                    }
                    (request, (*returns).to_owned(), "standard")
                }
                None => {
                    let valid = name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
                    if is_keyword(name) || !valid {
                        return Err(format!(
                            "{path}: `{name}` is not a capability name this framework accepts (snake_case letters and digits)"
                        ));
                    }
                    attrs.push(format!("custom, name = {}", lit(name)));
                    let request = self.models.root(argument, &format!("{path}.argument"))?;
                    let response = self.models.root(output, &format!("{path}.output"))?;
                    (
                        format!("crate::models::{request}"),
                        format!("crate::models::{response}"),
                        "custom",
                    )
                }
            };
            if let Some(display) = schema.get("display_name").and_then(Value::as_str) {
                if display != title_case(name) {
                    attrs.push(format!("display_name = {}", lit(display)));
                }
            }
            if let Some(description) = schema.get("description").and_then(Value::as_str) {
                attrs.push(format!("description = {}", lit(description)));
            }
            let _ = write!(
                functions,
                "\n#[capability({})]\npub async fn {}(\n    _ctx: Context<{pascal}>,\n    _request: {request},\n) -> Result<{response}> {{\n    Err(not_written({}))\n}}\n",
                attrs.join(", "),
                field_ident(name).0,
                lit(name)
            );
            self.examples.push((
                name.clone(),
                example(&Value::Object(argument.clone()), &defs_of(argument), 0),
            ));
            self.written.push((name.clone(), kind));
        }
        let mut out = String::from(
            "//! Every capability of the connector, as its `info` declares it. Each one\n//! answers `not_implemented` until its body is written; replace the body and\n//! its case in `tests/capabilities/main.rs` together.\n\n",
        );
        if !model_uses.is_empty() {
            let names: Vec<&str> = model_uses.iter().map(String::as_str).collect();
            let _ = writeln!(out, "use connector::models::{{{}}};", names.join(", "));
        }
        let _ = write!(
            out,
            "use connector::prelude::*;\n\nuse crate::{pascal};\n\n/// The error of a capability whose body is not written yet.\nfn not_written(capability: &str) -> Error {{\n    Error::new(\n        ErrorCode::NotImplemented,\n        format!(\"{{capability}} is not implemented yet.\"),\n    )\n}}\n{functions}"
        );
        Ok(out)
    }

    /// `tests/capabilities/main.rs`: a case per capability, and `info`
    /// compared with the document the crate was ported from.
    fn tests(&self) -> String {
        let hyphenated = &self.names.hyphenated;
        let mut suite = "Suite::new(Subject::binary(BINARY))".to_owned();
        if let Some(auth) = self.schema("authentication_schema").filter(|a| !a.is_empty()) {
            let kind = text(auth, "x-credential-type").to_owned();
            let value = example(&Value::Object(auth.clone()), &defs_of(auth), 0);
            let auth = Value::Object(Map::from_iter([(kind, value)]));
            let _ = write!(suite, "\n        .auth(json!({}))", json_literal(&auth));
        }
        if let (Some(settings), Some(_)) = (self.schema("request_settings_schema"), &self.settings_type) {
            let value = example(&Value::Object(settings.clone()), &defs_of(settings), 0);
            let _ = write!(suite, "\n        .settings(json!({}))", json_literal(&value));
        }
        let credentials = self.credentials_example();
        let mut cases = String::new();
        for (name, request) in &self.examples {
            let _ = write!(
                cases,
                "        Case::new({})\n            .request(json!({}))",
                lit(name),
                json_literal(request)
            );
            if let Some(credentials) = &credentials {
                let _ = write!(
                    cases,
                    "\n            .credentials(json!({}))",
                    json_literal(credentials)
                );
            }
            cases.push_str("\n            .expect_error(ErrorCode::NotImplemented),\n");
        }
        format!(
            "//! The connector's case table, and its `info` compared with the document\n//! it was ported from (`tests/info.json`). Each case expects\n//! `not_implemented` until its capability is written: then give it the\n//! exchanges with the app and the answer expected.\n\nuse connector::prelude::ErrorCode;\nuse connector::testing::{{Case, Subject, Suite}};\nuse serde_json::{{Value, json}};\n\nconst BINARY: &str = env!(\"CARGO_BIN_EXE_{hyphenated}\");\n\nfn suite() -> Suite {{\n    {suite}\n}}\n\nfn cases() -> Vec<Case> {{\n    vec![\n{cases}    ]\n}}\n\n#[tokio::test]\nasync fn every_case_passes() {{\n    suite().check_all(&cases()).await;\n}}\n\n#[tokio::test]\nasync fn every_registered_capability_has_a_case() {{\n    if let Err(missing) = suite().coverage(&cases()).await {{\n        panic!(\"{{missing}}\");\n    }}\n}}\n\n/// The crate says about itself what the ported connector said, key for key;\n/// a list's output is the list's schema where the document has an empty model.\n#[test]\nfn info_is_the_ported_document() {{\n    let output = std::process::Command::new(BINARY).arg(\"info\").output().unwrap();\n    assert!(output.status.success());\n    let ours: Value = serde_json::from_slice(&output.stdout).unwrap();\n    let document: Value = serde_json::from_str(include_str!(\"../info.json\")).unwrap();\n    let mut expected = document.get(\"response\").cloned().unwrap_or(document);\n    let mut ours = ours[\"response\"].clone();\n    let empty = json!({{\"properties\": {{}}, \"title\": \"Empty\", \"type\": \"object\"}});\n    let names: Vec<String> = expected[\"capability_schema\"]\n        .as_object()\n        .map(|c| c.keys().cloned().collect())\n        .unwrap_or_default();\n    for name in names {{\n        let list = ours[\"capability_schema\"][&name][\"output\"][\"type\"] == \"array\";\n        if list && expected[\"capability_schema\"][&name][\"output\"] == empty {{\n            expected[\"capability_schema\"][&name][\"output\"] = Value::Null;\n            ours[\"capability_schema\"][&name][\"output\"] = Value::Null;\n        }}\n    }}\n    assert_eq!(ours, expected);\n}}\n"
        )
    }

    /// The required credentials of a credentials list, as a test sends them.
    fn credentials_example(&self) -> Option<Value> {
        let list = self
            .info
            .get("credentials_schema")
            .and_then(Value::as_array)
            .filter(|c| !c.is_empty())?;
        let items = list
            .iter()
            .filter_map(Value::as_object)
            .filter(|c| c.get("x-optional") != Some(&Value::Bool(true)))
            .map(|c| {
                let kind = text(c, "x-credential-type").to_owned();
                let value = example(&Value::Object(c.clone()), &defs_of(c), 0);
                let mut item = Map::new();
                item.insert("id".into(), Value::String(text(c, "id").to_owned()));
                item.insert(kind, value);
                Value::Object(item)
            })
            .collect();
        Some(Value::Array(items))
    }
}

/// `use` lines, the paths of one module joined in braces.
fn use_lines(paths: &BTreeSet<String>) -> String {
    let mut by_module: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for path in paths {
        let (module, name) = path.rsplit_once("::").unwrap_or(("", path));
        by_module.entry(module).or_default().push(name);
    }
    by_module
        .into_iter()
        .map(|(module, names)| match names.as_slice() {
            [one] => format!("use {module}::{one};\n"),
            many => format!("use {module}::{{{}}};\n", many.join(", ")),
        })
        .collect()
}

fn defs_of(schema: &Object) -> Object {
    schema
        .get("$defs")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// `oauth_settings()`: the connector-wide flow.
fn oauth_fn(
    kind: &str,
    flow: &[&str],
    served: &[&str],
    scopes: &[(String, String)],
    uses: &mut BTreeSet<String>,
) -> String {
    let mut chain = if kind == "oauth" {
        "OAuthSettings::authorization_code()".to_owned()
    } else {
        "OAuthSettings::client_credentials()".to_owned()
    };
    for (capability, scope) in scopes {
        let _ = write!(chain, "\n        .scope({}, {})", lit(capability), lit(scope));
    }
    for capability in flow.iter().filter(|c| !served.contains(c)) {
        uses.insert("connector::oauth::OAuthCapability".into());
        let _ = write!(
            chain,
            "\n        .without(OAuthCapability::{})",
            Names::new(capability).pascal
        );
    }
    format!(
        "/// The OAuth flow the runtime serves. The token and authorization URLs\n/// are not in `info`: give them here (`.token_url(...)`,\n/// `.authorization_url(...)`); until then the flow answers that they are missing.\nfn oauth_settings() -> OAuthSettings {{\n    {chain}\n}}\n\n"
    )
}

/// The protocol's catalogue lists of `info`: key (also the function's
/// name), type and each field's kind (`s` string, `o` optional string, `b`
/// bool, `ob` optional bool, `u` unsigned, `ou` optional unsigned, `j`
/// anything else, as JSON).
type Catalogue = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);
const CATALOGUE: &[Catalogue] = &[
    (
        "resource_types",
        "ResourceType",
        &[("type_id", "s"), ("type_label", "s")],
    ),
    (
        "entitlement_types",
        "EntitlementType",
        &[
            ("type_id", "s"),
            ("type_label", "s"),
            ("resource_type_id", "s"),
            ("min", "u"),
            ("max", "ou"),
            ("requirements", "j"),
        ],
    ),
    (
        "access_graph_entitlement_types",
        "AccessGraphEntitlementType",
        &[("type_id", "s"), ("type_label", "s"), ("resource_type_id", "s")],
    ),
    (
        "access_graph_entitlement_rules",
        "AccessGraphEntitlementRule",
        &[
            ("entitlement_type", "s"),
            ("entitlement_id", "s"),
            ("resource_type", "s"),
            ("is_assignable", "ob"),
            ("denies_access", "b"),
            ("label", "s"),
            ("description", "o"),
        ],
    ),
    (
        "implied_access_rules",
        "ImpliedAccessRule",
        &[
            ("from_entitlement_type", "s"),
            ("from_entitlement_id", "s"),
            ("from_resource_type", "s"),
            ("relationship_label", "o"),
            ("to_entitlement_type", "s"),
            ("to_entitlement_id", "s"),
            ("to_resource_type", "s"),
        ],
    ),
];

/// A struct literal of one catalogue entry.
fn literal(ty: &str, fields: &[(&str, &str)], value: &Value) -> Result<String, String> {
    let object = value
        .as_object()
        .ok_or(format!("an entry of {ty} is not an object"))?;
    let mut out = format!("        {ty} {{\n");
    for (field, kind) in fields {
        let v = object.get(*field).unwrap_or(&Value::Null);
        let code = match *kind {
            "s" => format!("{}.into()", lit(v.as_str().unwrap_or_default())),
            "o" => v
                .as_str()
                .map_or("None".into(), |s| format!("Some({}.into())", lit(s))),
            "b" => v.as_bool().unwrap_or_default().to_string(),
            "ob" => v.as_bool().map_or("None".into(), |b| format!("Some({b})")),
            "u" => v.as_u64().unwrap_or_default().to_string(),
            "ou" => v.as_u64().map_or("None".into(), |n| format!("Some({n})")),
            _ if v.is_null() => "None".into(),
            _ => format!(
                "serde_json::from_value(serde_json::json!({})).expect(\"{field} as `info` gave it\")",
                json_literal(v)
            ),
        };
        let _ = writeln!(out, "            {field}: {code},");
    }
    out.push_str("        },\n");
    Ok(out)
}

fn credential_type(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "oauth" => "OAuthCredential",
        "oauth_client_credentials" => "OAuthClientCredential",
        "oauth1" => "OAuth1Credential",
        "basic" => "BasicCredential",
        "token" => "TokenCredential",
        "jwt" => "JWTCredential",
        "service_account" => "ServiceAccountCredential",
        "key_pair" => "KeyPairCredential",
        _ => return None,
    })
}

fn auth_model_variant(kind: &str) -> Option<&'static str> {
    Some(match kind {
        "oauth" => "Oauth",
        "oauth_client_credentials" => "OauthClientCredentials",
        "oauth1" => "Oauth1",
        "basic" => "Basic",
        "token" => "Token",
        "jwt" => "Jwt",
        "service_account" => "ServiceAccount",
        "key_pair" => "KeyPair",
        _ => return None,
    })
}

/// A field's Rust name for a JSON name, and whether serde must rename it.
fn field_ident(name: &str) -> (String, bool) {
    let mut ident: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if ident.chars().all(|c| c == '_') {
        ident = "field".into();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert_str(0, "field_");
    }
    if is_keyword(&ident) {
        if matches!(ident.as_str(), "self" | "super" | "crate" | "Self") {
            ident.push('_');
        } else {
            let renamed = ident != name;
            return (format!("r#{ident}"), renamed);
        }
    }
    let renamed = ident != name;
    (ident, renamed)
}

/// A type's Rust name for a schema name (ASCII letters and digits, Pascal
/// case), and whether the schema must keep the original name.
fn type_ident(name: &str) -> (String, bool) {
    let mut ident: String = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect();
    if ident.is_empty() || ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert_str(0, "Model");
    }
    if is_keyword(&ident) {
        ident.push('_');
    }
    let renamed = ident != name;
    (ident, renamed)
}

/// A variant's Rust name for an enum value.
fn variant_ident(value: &str) -> String {
    type_ident(&value.to_lowercase()).0
}

/// Keys of a property that the generated Rust writes itself.
const DERIVED_KEYS: &[&str] = &[
    "type",
    "title",
    "description",
    "default",
    "anyOf",
    "items",
    "$ref",
    "additionalProperties",
    "enum",
];
/// Keys `#[field(...)]` writes.
const FIELD_KEYS: &[&str] = &[
    "x-secret",
    "x-hidden",
    "x-multiline",
    "x-field_type",
    "x-field_group",
    "x-primary",
    "x-semantic",
    "x-unique",
    "x-discriminator",
    "x-enum_mapping_options",
];
/// Keys of a model that the generated Rust writes itself.
const MODEL_KEYS: &[&str] = &[
    "type",
    "title",
    "description",
    "properties",
    "required",
    "$defs",
    "field_order",
];

/// The types generated for one file: models and enums, in order.
struct Types {
    code: BTreeMap<String, String>,
    order: Vec<String>,
    /// Definitions of the schema being translated.
    defs: Object,
    /// Names being generated, to box a field that refers back to one.
    open: Vec<String>,
    /// Defaults need functions; they go after the types.
    functions: String,
    /// `BTreeMap` appears in the code.
    needs_map: bool,
}

impl Types {
    fn new() -> Self {
        Self {
            code: BTreeMap::new(),
            order: Vec::new(),
            defs: Object::new(),
            open: Vec::new(),
            functions: String::new(),
            needs_map: false,
        }
    }

    fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    fn body(&self) -> String {
        let mut out = String::new();
        if self.needs_map {
            out.push_str("use std::collections::BTreeMap;\n\n");
        }
        out.push_str("use connector::prelude::*;\n");
        for name in &self.order {
            out.push('\n');
            out.push_str(&self.code[name]);
        }
        out.push_str(&self.functions);
        out
    }

    fn file(&self) -> String {
        format!(
            "//! The payloads of the connector's own capabilities and its extended\n//! standard payloads, as its `info` describes them.\n\n{}",
            self.body()
        )
    }

    /// The type of a root schema (a model with `$defs`), named by its title.
    fn root(&mut self, schema: &Object, path: &str) -> Result<String, String> {
        self.defs = defs_of(schema);
        let title = text(schema, "title");
        if title.is_empty() {
            return Err(format!("{path}: a schema without a title cannot be named"));
        }
        self.model(title, schema, path)
    }

    /// The connector's own fields of an extended payload: the properties of
    /// `schema` that the protocol's `base` does not have.
    fn extra(&mut self, schema: &Object, base: &str, path: &str) -> Result<String, String> {
        let base_fields = base_properties(base);
        let mut own = schema.clone();
        if let Some(Value::Object(properties)) = own.get_mut("properties") {
            properties.retain(|name, _| !base_fields.contains(name));
        }
        if let Some(Value::Array(required)) = own.get_mut("required") {
            required.retain(|name| !name.as_str().is_some_and(|n| base_fields.contains(n)));
        }
        // The base's own marks (its level) come with the base.
        own.shift_remove("x-capability-level");
        self.root(&own, path)
    }

    /// Generates the model or enum `name` from `schema`; returns its Rust name.
    fn model(&mut self, name: &str, schema: &Object, path: &str) -> Result<String, String> {
        let (ident, renamed) = type_ident(name);
        if self.code.contains_key(&ident) || self.open.contains(&ident) {
            return Ok(ident);
        }
        if schema.contains_key("enum") {
            let code = self.enumeration(&ident, renamed.then_some(name), schema, path)?;
            self.code.insert(ident.clone(), code);
            self.order.push(ident.clone());
            return Ok(ident);
        }
        if schema.get("type").and_then(Value::as_str) != Some("object") {
            return Err(format!(
                "{path}: `{name}` is neither a model nor an enum; only models and enums are translated"
            ));
        }
        self.open.push(ident.clone());
        let mut lines = String::new();
        doc(&mut lines, schema, "");
        lines.push_str("#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]\n");
        description_attr(&mut lines, schema, "");
        if renamed {
            let _ = writeln!(lines, "#[schemars(rename = {})]", lit(name));
        }
        let extend: Vec<String> = schema
            .iter()
            .filter(|(key, _)| !MODEL_KEYS.contains(&key.as_str()))
            .map(|(key, value)| format!("{} = {}", lit(key), json_literal(value)))
            .collect();
        if !extend.is_empty() {
            let _ = writeln!(lines, "#[schemars(extend({}))]", extend.join(", "));
        }
        let _ = writeln!(lines, "pub struct {ident} {{");
        let required: BTreeSet<&str> = schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let empty = Object::new();
        let properties = schema
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let mut seen = BTreeSet::new();
        for field in declaration_order(schema, properties) {
            let property = &properties[field];
            let path = format!("{path}.properties.{field}");
            let property = property.as_object().ok_or(format!("{path} is not an object"))?;
            let (mut rust_name, renamed) = field_ident(field);
            let mut renamed = renamed;
            while !seen.insert(rust_name.clone()) {
                rust_name.push('_');
                renamed = true;
            }
            let field = Field {
                owner: &ident,
                name: field,
                rust_name: &rust_name,
                renamed,
                required: required.contains(field.as_str()),
            };
            let code = self.field(&field, property, &path)?;
            lines.push_str(&code);
        }
        lines.push_str("}\n");
        if lines.contains("    #[field(") {
            // `#[fields]` reads the fields' options; it goes above the derives.
            lines = lines.replacen("#[derive(", "#[fields]\n#[derive(", 1);
        }
        self.open.pop();
        self.code.insert(ident.clone(), lines);
        self.order.push(ident.clone());
        Ok(ident)
    }

    fn field(&mut self, field: &Field<'_>, property: &Object, path: &str) -> Result<String, String> {
        let mut out = String::new();
        doc(&mut out, property, "    ");
        description_attr(&mut out, property, "    ");
        let (ty, nullable) = self.rust_type(property, path, field.name)?;
        let ty = if nullable { format!("Option<{ty}>") } else { ty };
        if field.renamed {
            let _ = writeln!(out, "    #[serde(rename = {})]", lit(field.name));
        }
        match property.get("default") {
            Some(Value::Null) | None if !field.required => out.push_str("    #[serde(default)]\n"),
            Some(Value::Null) | None => {}
            Some(default) => {
                let owner = field_ident(&field.owner.to_lowercase()).0;
                let function = format!(
                    "default_{}_{}",
                    owner.trim_start_matches("r#"),
                    field.rust_name.trim_start_matches("r#")
                );
                let _ = writeln!(out, "    #[serde(default = {})]", lit(&function));
                let value = self.default_value(&ty, nullable, default);
                let _ = write!(self.functions, "\nfn {function}() -> {ty} {{\n    {value}\n}}\n");
            }
        }
        let title = text(property, "title");
        if !title.is_empty() && title != title_case(field.name) {
            let _ = writeln!(out, "    #[schemars(title = {})]", lit(title));
        }
        let (options, mut extend) = self.annotations(property, path)?;
        if let Some(options) = options {
            let _ = writeln!(out, "    #[field({options})]");
        }
        // Keys, also inside a nullable value's branch, that the type does not write.
        let branch = non_null_branch(property);
        for (key, value) in property.iter().chain(branch.into_iter().flatten()) {
            if !DERIVED_KEYS.contains(&key.as_str()) && !FIELD_KEYS.contains(&key.as_str()) {
                extend.push(format!("{} = {}", lit(key), json_literal(value)));
            }
        }
        if !extend.is_empty() {
            let _ = writeln!(out, "    #[schemars(extend({}))]", extend.join(", "));
        }
        let _ = writeln!(out, "    pub {}: {ty},", field.rust_name);
        Ok(out)
    }

    /// Rust code of a field's default: a literal where the type has one.
    fn default_value(&self, ty: &str, nullable: bool, default: &Value) -> String {
        let inner = ty
            .strip_prefix("Option<")
            .and_then(|t| t.strip_suffix('>'))
            .unwrap_or(ty);
        let plain = match (inner, default) {
            ("i64", Value::Number(n)) if n.is_i64() => Some(n.to_string()),
            ("f64", Value::Number(n)) => n.as_f64().map(|f| format!("{f:?}")),
            ("bool", Value::Bool(b)) => Some(b.to_string()),
            ("String", Value::String(s)) => Some(format!("{}.to_owned()", lit(s))),
            (t, Value::Array(items)) if t.starts_with("Vec<") && items.is_empty() => {
                Some("Vec::new()".into())
            }
            (t, Value::String(s)) if self.code.get(t).is_some_and(|c| c.contains("pub enum")) => {
                Some(format!("{t}::{}", variant_ident(s)))
            }
            _ => None,
        };
        match plain {
            Some(code) if nullable => format!("Some({code})"),
            Some(code) => code,
            None => format!(
                "serde_json::from_value(serde_json::json!({})).expect(\"the default `info` gives\")",
                json_literal(default)
            ),
        }
    }

    /// `#[field(...)]` options for the reference's annotations, when they
    /// follow its rules; raw `extend` keys otherwise.
    fn annotations(
        &mut self,
        property: &Object,
        path: &str,
    ) -> Result<(Option<String>, Vec<String>), String> {
        let flag = |key: &str| property.get(key) == Some(&Value::Bool(true));
        let mapping = property.get("x-enum_mapping_options").and_then(Value::as_array);
        let secret = flag("x-secret");
        let hidden = flag("x-hidden") && mapping.is_none();
        let multiline = flag("x-multiline");
        let expected_type = if hidden {
            Some("HIDDEN")
        } else if secret {
            Some("SECRET")
        } else if multiline {
            Some("MULTI_LINES")
        } else {
            None
        };
        let consistent = property.get("x-field_type").and_then(Value::as_str) == expected_type
            && (mapping.is_none() || (flag("x-hidden") && text(property, "x-semantic") == "enum-mapping"));
        if !consistent {
            let raw = FIELD_KEYS
                .iter()
                .filter_map(|k| {
                    property
                        .get(*k)
                        .map(|v| format!("{} = {}", lit(k), json_literal(v)))
                })
                .collect();
            return Ok((None, raw));
        }
        let mut options = Vec::new();
        if secret {
            options.push("secret".to_owned());
        }
        if hidden {
            options.push("hidden".to_owned());
        }
        if multiline {
            options.push("multiline".to_owned());
        }
        if let Some(group) = property.get("x-field_group").and_then(Value::as_str) {
            options.push(format!("group = {}", lit(group)));
        }
        if property.get("x-primary") == Some(&Value::Bool(false)) {
            options.push("primary = false".to_owned());
        }
        if let Some(semantic) = property.get("x-semantic").and_then(Value::as_str) {
            if mapping.is_none() {
                options.push(format!("semantic = {}", lit(semantic)));
            }
        }
        if flag("x-unique") {
            options.push("unique".to_owned());
        }
        if let Some(discriminator) = property.get("x-discriminator").and_then(Value::as_object) {
            let mut parts = vec![format!("field = {}", lit(text(discriminator, "field")))];
            if let Some(v) = discriminator.get("expected_value").filter(|v| !v.is_null()) {
                parts.push(format!("expected_value = {}", scalar(v, path)?));
            }
            if let Some(Value::Array(values)) = discriminator.get("one_of_expected_values") {
                let values: Result<Vec<String>, String> = values.iter().map(|v| scalar(v, path)).collect();
                parts.push(format!("one_of_expected_values = [{}]", values?.join(", ")));
            }
            options.push(format!("discriminator({})", parts.join(", ")));
        }
        if let Some(values) = mapping {
            let field = path.rsplit('.').next().unwrap_or("field");
            let ident = format!("{}Options", type_ident(field).0);
            let schema: Object = Map::from_iter([
                ("type".to_owned(), Value::String("string".into())),
                ("enum".to_owned(), Value::Array(values.clone())),
            ]);
            let code = self.enumeration(&ident, None, &schema, path)?;
            let code = code.replacen("#[derive(", "/// The options of an enum mapping.\n#[derive(", 1);
            self.code.insert(ident.clone(), code);
            self.order.push(ident.clone());
            options.push(format!("enum_mapping = {ident}"));
        }
        Ok(((!options.is_empty()).then(|| options.join(", ")), Vec::new()))
    }

    fn enumeration(
        &mut self,
        ident: &str,
        rename: Option<&str>,
        schema: &Object,
        path: &str,
    ) -> Result<String, String> {
        let values = schema
            .get("enum")
            .and_then(Value::as_array)
            .ok_or(format!("{path}: an enum without values"))?;
        let mut out = String::new();
        doc(&mut out, schema, "");
        out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]\n");
        description_attr(&mut out, schema, "");
        if let Some(name) = rename {
            let _ = writeln!(out, "#[schemars(rename = {})]", lit(name));
        }
        let _ = writeln!(out, "pub enum {ident} {{");
        let mut seen = BTreeSet::new();
        for value in values {
            let value = value.as_str().ok_or(format!(
                "{path}: enum values other than strings are not translated ({value})"
            ))?;
            let mut variant = variant_ident(value);
            while !seen.insert(variant.clone()) {
                variant.push('_');
            }
            let _ = writeln!(out, "    #[serde(rename = {})]\n    {variant},", lit(value));
        }
        out.push_str("}\n");
        Ok(out)
    }

    /// The Rust type of a property, and whether it may be null.
    fn rust_type(&mut self, schema: &Object, path: &str, hint: &str) -> Result<(String, bool), String> {
        if let Some(branch) = non_null_branch(schema) {
            let (ty, _) = self.rust_type(branch, path, hint)?;
            return Ok((ty, true));
        }
        if schema.contains_key("anyOf") {
            return Err(format!(
                "{path}: a choice of several types (`anyOf`) is not translated; give the field one type"
            ));
        }
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            let name = reference.strip_prefix("#/$defs/").ok_or(format!(
                "{path}: the reference `{reference}` does not point into `$defs`"
            ))?;
            let def = self
                .defs
                .get(name)
                .and_then(Value::as_object)
                .cloned()
                .ok_or(format!("{path}: `$defs` has no `{name}`"))?;
            if def.contains_key("$ref") && !def.contains_key("properties") {
                // A definition that only names another one: follow the chain.
                if def.get("$ref") == schema.get("$ref") {
                    return Err(format!("{path}: `{name}` refers to itself and nothing else"));
                }
                return self.rust_type(&def, &format!("$defs.{name}"), hint);
            }
            let open = self.open.contains(&type_ident(name).0);
            let ident = self.model(name, &def, &format!("$defs.{name}"))?;
            return Ok((if open { format!("Box<{ident}>") } else { ident }, false));
        }
        if schema.contains_key("enum") {
            let name = format!("{}Value", type_ident(hint).0);
            let ident = self.model(&name, schema, path)?;
            return Ok((ident, false));
        }
        if schema.contains_key("const") {
            return Err(format!("{path}: a constant (`const`) is not translated"));
        }
        let ty = match schema.get("type").and_then(Value::as_str) {
            Some("string") => "String".to_owned(),
            Some("integer") => "i64".to_owned(),
            Some("number") => "f64".to_owned(),
            Some("boolean") => "bool".to_owned(),
            Some("array") => match schema.get("items").and_then(Value::as_object) {
                Some(items) => {
                    let (item, nullable) = self.rust_type(items, &format!("{path}.items"), hint)?;
                    // A list needs no box to hold its own type.
                    let item = unboxed(&item);
                    if nullable {
                        format!("Vec<Option<{item}>>")
                    } else {
                        format!("Vec<{item}>")
                    }
                }
                None => "Vec<serde_json::Value>".to_owned(),
            },
            Some("object") if schema.contains_key("properties") => {
                return Err(format!(
                    "{path}: an object defined in place (not in `$defs`) is not translated"
                ));
            }
            Some("object") => match schema.get("additionalProperties") {
                Some(Value::Object(values)) => {
                    let (value, nullable) =
                        self.rust_type(values, &format!("{path}.additionalProperties"), hint)?;
                    let value = unboxed(&value);
                    self.needs_map = true;
                    if nullable {
                        format!("BTreeMap<String, Option<{value}>>")
                    } else {
                        format!("BTreeMap<String, {value}>")
                    }
                }
                _ => "serde_json::Map<String, serde_json::Value>".to_owned(),
            },
            Some(other) => return Err(format!("{path}: the type `{other}` is not translated")),
            None => "serde_json::Value".to_owned(),
        };
        Ok((ty, false))
    }
}

/// The fields of a model in the order they were declared: `info` prints
/// its keys sorted, so the order comes from `field_order` where the schema
/// has one, else from `required` (the required fields first, in its order,
/// which keeps that list as it was).
fn declaration_order<'s>(schema: &'s Object, properties: &'s Object) -> Vec<&'s String> {
    let listed = |key: &str| -> Vec<&'s String> {
        schema
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .filter_map(|name| properties.get_key_value(name).map(|(k, _)| k))
            .collect()
    };
    let mut order = listed("field_order");
    if order.is_empty() {
        order = listed("required");
    }
    for name in properties.keys() {
        if !order.contains(&name) {
            order.push(name);
        }
    }
    order
}

/// One field of a model being written.
struct Field<'a> {
    owner: &'a str,
    name: &'a str,
    rust_name: &'a str,
    renamed: bool,
    required: bool,
}

fn unboxed(ty: &str) -> &str {
    ty.strip_prefix("Box<")
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(ty)
}

/// The one non-null branch of `anyOf [X, {"type": "null"}]`.
fn non_null_branch(schema: &Object) -> Option<&Object> {
    let branches = schema.get("anyOf")?.as_array()?;
    let (nulls, others): (Vec<&Value>, Vec<&Value>) = branches
        .iter()
        .partition(|b| b.get("type").and_then(Value::as_str) == Some("null"));
    if nulls.len() == 1 && others.len() == 1 {
        others[0].as_object()
    } else {
        None
    }
}

/// A discriminator value as `#[field]` takes it.
fn scalar(value: &Value, path: &str) -> Result<String, String> {
    match value {
        Value::String(s) => Ok(lit(s)),
        Value::Number(n) => Ok(n.to_string()),
        Value::Bool(b) => Ok(b.to_string()),
        other => Err(format!(
            "{path}: a discriminator value must be a string, number or boolean, not {other}"
        )),
    }
}

/// A doc comment of the schema's description, for people; the schema gets
/// the exact text from [`description_attr`] (a doc comment's lines would be
/// joined otherwise).
fn doc(out: &mut String, schema: &Object, indent: &str) {
    let Some(description) = schema.get("description").and_then(Value::as_str) else {
        return;
    };
    for line in description.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            let _ = writeln!(out, "{indent}///");
        } else {
            let _ = writeln!(out, "{indent}/// {line}");
        }
    }
}

/// `#[schemars(description = ...)]` of the schema's description: a derive
/// helper, so it goes below the derives.
fn description_attr(out: &mut String, schema: &Object, indent: &str) {
    if let Some(description) = schema.get("description").and_then(Value::as_str) {
        let _ = writeln!(out, "{indent}#[schemars(description = {})]", lit(description));
    }
}

/// The property names of the protocol's payload `name`.
fn base_properties(name: &str) -> BTreeSet<String> {
    let schema = match name {
        "CreatableAccount" => connector::schema::root_schema::<connector::models::CreatableAccount>(),
        "UpdateableAccount" => connector::schema::root_schema::<connector::models::UpdateableAccount>(),
        _ => return BTreeSet::new(),
    };
    schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// A value a schema accepts, for a test case: every required field, with a
/// value of its type.
fn example(schema: &Value, defs: &Object, depth: usize) -> Value {
    let Some(schema) = schema.as_object() else {
        return Value::Null;
    };
    if depth > 8 {
        return Value::Null;
    }
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let name = reference.rsplit('/').next().unwrap_or_default();
        return defs
            .get(name)
            .map_or(Value::Null, |d| example(d, defs, depth + 1));
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values.first().cloned().unwrap_or(Value::Null);
    }
    if let Some(branch) = non_null_branch(schema) {
        return example(&Value::Object(branch.clone()), defs, depth + 1);
    }
    match schema.get("type").and_then(Value::as_str) {
        Some("string") => Value::String("x".into()),
        Some("integer" | "number") => Value::from(1),
        Some("boolean") => Value::Bool(false),
        Some("array") => Value::Array(Vec::new()),
        _ => {
            let mut out = Map::new();
            let properties = schema.get("properties").and_then(Value::as_object);
            let required = schema
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str);
            for name in required {
                let property = properties
                    .and_then(|p| p.get(name))
                    .cloned()
                    .unwrap_or(Value::Null);
                out.insert(name.to_owned(), example(&property, defs, depth + 1));
            }
            Value::Object(out)
        }
    }
}

fn readme(info: &Object, names: &Names, written: &[(String, &'static str)]) -> String {
    let title = info
        .get("user_friendly_name")
        .and_then(Value::as_str)
        .unwrap_or(&names.title);
    let list: String = written
        .iter()
        .map(|(name, kind)| format!("- `{name}` ({kind})\n"))
        .collect();
    format!(
        "# {title}\n\nThe Lumos connector `{id}`, ported from its `info` document\n(`tests/info.json`) by `connector scaffold --from-info`.\n\n```sh\ncargo test              # the cases, and info compared with tests/info.json\ncargo run -- info\n```\n\nEvery capability answers `not_implemented` until its body in\n`src/capabilities.rs` is written; then give its case in\n`tests/capabilities/main.rs` the exchanges with the app and the answer\nexpected. The capabilities:\n\n{list}",
        id = names.hyphenated
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_rust_names() {
        assert_eq!(field_ident("type"), ("r#type".into(), false));
        assert_eq!(field_ident("first-name"), ("first_name".into(), true));
        assert_eq!(field_ident("x5t#S256"), ("x5t_s256".into(), true));
        assert_eq!(field_ident("self"), ("self_".into(), true));
        assert_eq!(field_ident("9lives"), ("field_9lives".into(), true));
        assert_eq!(field_ident("host"), ("host".into(), false));
        assert_eq!(type_ident("CatalogSettings"), ("CatalogSettings".into(), false));
        assert_eq!(type_ident("Café Settings"), ("CafSettings".into(), true));
        assert_eq!(type_ident("Self"), ("Self_".into(), true));
        assert_eq!(Names::new("IT_AND_SECURITY").pascal, "ItAndSecurity");
        assert_eq!(variant_ident("state_already_matches"), "StateAlreadyMatches");
    }

    #[test]
    fn untranslatable_schemas_name_their_path() {
        let mut types = Types::new();
        let schema: Object = serde_json::from_value(serde_json::json!({
            "title": "Odd", "type": "object",
            "properties": {"either": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
        }))
        .unwrap();
        let error = types.root(&schema, "capability_schema.odd.argument").unwrap_err();
        assert!(
            error.starts_with("capability_schema.odd.argument.properties.either: "),
            "{error}"
        );
    }

    #[test]
    fn recursion_is_boxed_and_chains_are_followed() {
        let mut types = Types::new();
        let schema: Object = serde_json::from_value(serde_json::json!({
            "title": "Tree", "type": "object",
            "properties": {"root": {"$ref": "#/$defs/Alias"}},
            "required": ["root"],
            "$defs": {
                "Alias": {"$ref": "#/$defs/Node"},
                "Node": {
                    "type": "object",
                    "properties": {
                        "next": {"anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}], "default": null},
                        "children": {"type": "array", "items": {"$ref": "#/$defs/Node"}},
                    },
                    "required": ["children"],
                },
            },
        }))
        .unwrap();
        types.root(&schema, "x").unwrap();
        let node = &types.code["Node"];
        assert!(node.contains("pub next: Option<Box<Node>>,"), "{node}");
        assert!(node.contains("pub children: Vec<Node>,"), "{node}");
        assert!(types.code["Tree"].contains("pub root: Node,"));
    }
}
