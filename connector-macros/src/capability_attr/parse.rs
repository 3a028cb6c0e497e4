//! Arguments of `#[capability(...)]`.

use proc_macro2::{Span, TokenStream};
use syn::{Ident, LitStr};

use crate::args::{self, Value};
use crate::errors::Errors;
use crate::names;

pub enum CapabilityName {
    /// One of the protocol's capabilities.
    Standard(Ident),
    /// The connector's own, its name checked.
    Custom(String),
}

pub struct CapabilityArgs {
    pub name: CapabilityName,
    pub display_name: Option<LitStr>,
    pub description: Option<LitStr>,
}

const KEYS: &str = "a standard capability name or `custom`, then `name`, `display_name`, `description`";

impl CapabilityArgs {
    pub fn parse(args: TokenStream, errors: &mut Errors) -> Option<Self> {
        let mut standard: Option<Ident> = None;
        let mut custom: Option<Ident> = None;
        // Whether the first argument, where the name goes, was written in a
        // way that could not be read; that is reported already, so the name
        // is not reported missing as well. A first argument that is
        // unreadable from its first token is left out of `split`'s answer,
        // hence the start from "written at all".
        let mut first_unreadable = !args.is_empty();
        let mut name: Option<LitStr> = None;
        let mut display_name: Option<LitStr> = None;
        let mut description: Option<LitStr> = None;
        let mut given: Vec<String> = Vec::new();
        for arg in args::split(args, "a capability name", errors) {
            if arg.position == 0 {
                first_unreadable = matches!(arg.value, Value::Broken);
            }
            let key = arg.key.to_string();
            match &arg.value {
                Value::Broken => {}
                Value::Nested(_) => unreachable!("`args::split` reads no `key(...)`"),
                Value::Flag if arg.position != 0 => errors.push(syn::Error::new(
                    arg.key.span(),
                    format!("the capability name comes first; unexpected `{key}`"),
                )),
                Value::Flag if key == "custom" => custom = Some(arg.key),
                Value::Flag => standard = Some(arg.key),
                Value::Given { .. } => {
                    let slot = match key.as_str() {
                        "name" => &mut name,
                        "display_name" => &mut display_name,
                        "description" => &mut description,
                        _ => {
                            errors.push(syn::Error::new(
                                arg.key.span(),
                                format!("unknown `capability` key `{key}`; expected {KEYS}"),
                            ));
                            continue;
                        }
                    };
                    if given.contains(&key) {
                        errors.push(syn::Error::new(arg.key.span(), format!("`{key}` is given twice")));
                        continue;
                    }
                    given.push(key);
                    match arg.string() {
                        Ok(value) => *slot = Some(value),
                        Err(e) => errors.push(e),
                    }
                }
            }
        }
        let name = match (standard, custom, name) {
            (None, None, _) => {
                if !first_unreadable {
                    errors.push(syn::Error::new(
                        Span::call_site(),
                        "#[capability] needs the capability's name, e.g. `#[capability(list_accounts)]` or `#[capability(custom, name = \"sync_groups\")]`",
                    ));
                }
                return None;
            }
            (Some(ident), None, Some(lit)) => {
                errors.push(syn::Error::new(
                    lit.span(),
                    format!(
                        "`name` is only for custom capabilities; `{ident}` already names this one: remove `name`, or write `#[capability(custom, name = {:?})]`",
                        lit.value()
                    ),
                ));
                return None;
            }
            (Some(ident), None, None) => check_standard(ident, errors)?,
            (None, Some(custom), name) => {
                let (value, span) = match &name {
                    Some(lit) => (lit.value(), lit.span()),
                    None => {
                        if !given.iter().any(|key| key == "name") {
                            errors.push(syn::Error::new(
                                custom.span(),
                                "a custom capability needs its name: `#[capability(custom, name = \"sync_groups\")]`",
                            ));
                        }
                        return None;
                    }
                };
                check_custom(&value, span, errors)?
            }
            (Some(_), Some(_), _) => unreachable!("only the first argument can be a bare name"),
        };
        Some(Self {
            name,
            display_name,
            description,
        })
    }
}

fn check_standard(ident: Ident, errors: &mut Errors) -> Option<CapabilityName> {
    let name = ident.to_string();
    if names::REGISTRABLE.contains(&name.as_str()) {
        return Some(CapabilityName::Standard(ident));
    }
    let message = if names::PROVIDED.contains(&name.as_str()) {
        format!("`{name}` is served by the framework itself and cannot be registered")
    } else {
        let hint = match names::closest(&name) {
            Some(close) => format!("; did you mean `{close}`?"),
            None => String::new(),
        };
        format!(
            "unknown standard capability `{name}`{hint}\nfor a capability of your own, write `#[capability(custom, name = \"{name}\")]`"
        )
    };
    errors.push(syn::Error::new(ident.span(), message));
    None
}

fn check_custom(name: &str, span: Span, errors: &mut Errors) -> Option<CapabilityName> {
    if names::PROVIDED.contains(&name) {
        errors.push(syn::Error::new(
            span,
            format!("`{name}` is served by the framework itself; choose another name for your capability"),
        ));
        return None;
    }
    if names::is_reserved(name) {
        errors.push(syn::Error::new(
            span,
            format!("`{name}` is the name of a standard capability; register it with `#[capability({name})]` or choose another name"),
        ));
        return None;
    }
    if !names::is_snake_case_letters(name) {
        errors.push(syn::Error::new(
            span,
            format!("custom capability names are snake_case words of lowercase letters (like `sync_groups`), not `{name}`"),
        ));
        return None;
    }
    Some(CapabilityName::Custom(name.to_owned()))
}
