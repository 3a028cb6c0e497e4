//! Rules on the item `#[fields]` annotates and between a field's options.

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::{Attribute, Fields, Item, ItemStruct, Path, Token};

use super::parse::FieldOptions;
use crate::errors::Errors;
use crate::names;

/// The values of the reference's `SemanticType`.
pub const SEMANTIC_TYPES: &[&str] = &[
    "account-id",
    "application-id",
    "application-instance-id",
    "aws-external-id",
    "entitlement-id",
    "entitlement-type",
    "resource-id",
    "password",
    "key-pair",
    "custom-attributes",
    "service-account-client-id",
    "enum-mapping",
    "resource-type",
];

/// The annotated struct; `None` (reported) for any other item.
pub fn target(item: &Item, errors: &mut Errors) -> Option<ItemStruct> {
    let message = match item {
        Item::Struct(s) if matches!(s.fields, Fields::Named(_)) => return Some(s.clone()),
        Item::Struct(s) => {
            let what = match s.fields {
                Fields::Unit => "a unit struct has no fields to annotate",
                _ => "the fields of a tuple struct have no names to show in a form",
            };
            errors.push(syn::Error::new(
                s.ident.span(),
                format!("#[fields] goes on a struct with named fields; {what}"),
            ));
            return None;
        }
        Item::Enum(e) => {
            errors.push(syn::Error::new(
                e.enum_token.span,
                "#[fields] goes on a struct with named fields, not an enum: settings and credentials are structs",
            ));
            return None;
        }
        _ => {
            "#[fields] goes on a settings or credential struct, e.g. `#[fields] #[derive(Deserialize, JsonSchema)] struct Settings { #[field(secret)] api_key: String }`"
        }
    };
    errors.push(syn::Error::new_spanned(item, message));
    None
}

/// The paths a `#[derive(...)]` attribute lists; `None` for other attributes.
pub fn derived(attr: &Attribute) -> Option<Punctuated<Path, Token![,]>> {
    if !attr.path().is_ident("derive") {
        return None;
    }
    attr.parse_args_with(Punctuated::parse_terminated).ok()
}

/// Whether `path` names the derive `name` (`JsonSchema`, `schemars::JsonSchema`).
pub fn names_derive(path: &Path, name: &str) -> bool {
    path.segments.last().is_some_and(|s| s.ident == name)
}

/// The options become `#[schemars(...)]` attributes, which only
/// `#[derive(JsonSchema)]` reads, and only when it comes after `#[fields]`:
/// a derive above it has already run when `#[fields]` sees the struct (and
/// is no longer among its attributes).
pub fn derives_json_schema(item: &ItemStruct, errors: &mut Errors) {
    let derives = item
        .attrs
        .iter()
        .filter_map(derived)
        .any(|paths| paths.iter().any(|p| names_derive(p, "JsonSchema")));
    if !derives {
        errors.push(syn::Error::new(
            Span::call_site(),
            "#[fields] writes the options into the struct's JSON schema: put it above `#[derive(..., JsonSchema)]`",
        ));
    }
}

/// The rules between the options of one field.
pub fn options(options: &FieldOptions, errors: &mut Errors) {
    if let Some(group) = options.group.as_ref().filter(|g| g.value().trim().is_empty()) {
        errors.push(syn::Error::new(
            group.span(),
            "`group` names a heading and cannot be empty",
        ));
    }
    if let Some(semantic) = &options.semantic {
        let value = semantic.value();
        if !SEMANTIC_TYPES.contains(&value.as_str()) {
            let hint = match names::closest_in(&value, SEMANTIC_TYPES) {
                Some(close) => format!("did you mean `{close}`? "),
                None => String::new(),
            };
            errors.push(syn::Error::new(
                semantic.span(),
                format!(
                    "unknown semantic type `{value}`; {hint}expected one of: {}",
                    SEMANTIC_TYPES.join(", ")
                ),
            ));
        }
        if let Some((key, _)) = &options.enum_mapping {
            errors.push(syn::Error::new(
                semantic.span(),
                format!("`{key}` makes the field's semantic type `enum-mapping`; remove `semantic`"),
            ));
        }
    }
    if let Some(d) = &options.discriminator {
        match &d.field {
            Some(field) if field.value().trim().is_empty() => errors.push(syn::Error::new(
                field.span(),
                "`field` names the field this one depends on and cannot be empty",
            )),
            Some(_) => {}
            None if d.field_given => {}
            None => errors.push(syn::Error::new(
                d.key.span(),
                "`discriminator` needs the field it depends on: `discriminator(field = \"region\", expected_value = \"us\")`",
            )),
        }
    }
}
