//! Arguments of `#[capability(...)]`.

use proc_macro2::{Span, TokenStream};
use syn::parse::Parser;
use syn::{Ident, LitStr};

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
        let mut name: Option<LitStr> = None;
        let mut display_name: Option<LitStr> = None;
        let mut description: Option<LitStr> = None;
        let mut first = true;
        let parser = syn::meta::parser(|meta| {
            let is_first = std::mem::replace(&mut first, false);
            let Some(ident) = meta.path.get_ident().cloned() else {
                errors.push(meta.error("expected a capability name"));
                return Ok(());
            };
            let key = ident.to_string();
            if meta.input.peek(syn::Token![=]) {
                let value: LitStr = meta.value()?.parse()?;
                let slot = match key.as_str() {
                    "name" => &mut name,
                    "display_name" => &mut display_name,
                    "description" => &mut description,
                    _ => {
                        errors.push(syn::Error::new(
                            ident.span(),
                            format!("unknown `capability` key `{key}`; expected {KEYS}"),
                        ));
                        return Ok(());
                    }
                };
                if slot.is_some() {
                    errors.push(syn::Error::new(ident.span(), format!("`{key}` is given twice")));
                }
                *slot = Some(value);
            } else if !is_first {
                errors.push(syn::Error::new(
                    ident.span(),
                    format!("the capability name comes first; unexpected `{key}`"),
                ));
            } else if key == "custom" {
                custom = Some(ident);
            } else {
                standard = Some(ident);
            }
            Ok(())
        });
        if let Err(e) = parser.parse2(args) {
            errors.push(e);
            return None;
        }
        let name = match (standard, custom, name) {
            (None, None, _) => {
                errors.push(syn::Error::new(
                    Span::call_site(),
                    "#[capability] needs the capability's name, e.g. `#[capability(list_accounts)]` or `#[capability(custom, name = \"sync_groups\")]`",
                ));
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
                        errors.push(syn::Error::new(
                            custom.span(),
                            "a custom capability needs its name: `#[capability(custom, name = \"sync_groups\")]`",
                        ));
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
