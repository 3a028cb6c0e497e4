//! The options of one field: its `#[field(...)]` attributes, read into
//! [`FieldOptions`]. Each value is checked for its type here; the rules
//! between options are `validate`'s.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, Lit, LitBool, LitStr, Meta, Token, Type};

use crate::args::{self, Arg, Value};
use crate::errors::Errors;
use crate::names;

/// The options `#[field(...)]` takes.
pub const KEYS: &[&str] = &[
    "secret",
    "hidden",
    "multiline",
    "group",
    "primary",
    "semantic",
    "unique",
    "enum_mapping",
    "discriminator",
];

/// The options `discriminator(...)` takes.
pub const DISCRIMINATOR_KEYS: &[&str] = &["field", "expected_value", "one_of_expected_values"];

/// A yes-or-no option as written: `secret`, `secret = true`, `primary = false`.
pub struct Flag {
    pub key: Ident,
    pub on: bool,
}

/// What `#[field(...)]` says about one field. Options written with a value
/// that could not be read are left out (and reported).
#[derive(Default)]
pub struct FieldOptions {
    pub secret: Option<Flag>,
    pub hidden: Option<Flag>,
    pub multiline: Option<Flag>,
    pub unique: Option<Flag>,
    pub primary: Option<Flag>,
    pub group: Option<LitStr>,
    pub semantic: Option<LitStr>,
    pub enum_mapping: Option<(Ident, Type)>,
    pub discriminator: Option<Discriminator>,
}

/// `discriminator(field = "region", expected_value = "us")`.
pub struct Discriminator {
    pub key: Ident,
    pub field: Option<LitStr>,
    pub expected_value: Option<JsonLit>,
    pub one_of_expected_values: Option<Vec<JsonLit>>,
    /// Whether `field` was written, even with a value that could not be
    /// read: it is then not also reported missing.
    pub field_given: bool,
}

/// A literal that is a JSON value: a string, a number or a boolean.
pub struct JsonLit(TokenStream);

impl ToTokens for JsonLit {
    fn to_tokens(&self, tokens: &mut TokenStream) {
        self.0.to_tokens(tokens);
    }
}

impl Parse for JsonLit {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let minus: Option<Token![-]> = input.parse()?;
        let lit: Lit = input.parse().map_err(|e| literal_expected(e.span()))?;
        match (&lit, minus) {
            (Lit::Str(_) | Lit::Bool(_), None) | (Lit::Int(_) | Lit::Float(_), _) => {}
            _ => return Err(literal_expected(lit.span())),
        }
        // `json!` reads `-2` as an expression, which it is.
        Ok(JsonLit(quote!(#minus #lit)))
    }
}

fn literal_expected(span: Span) -> syn::Error {
    syn::Error::new(
        span,
        "a discriminator's value is a string, number or boolean literal, as the other field's value is written in JSON",
    )
}

impl FieldOptions {
    /// Reads every `#[field(...)]` among `attrs`; `None` when there is none.
    pub fn read(attrs: &[Attribute], errors: &mut Errors) -> Option<Self> {
        let mut out = None;
        let mut given: Vec<String> = Vec::new();
        for attr in attrs.iter().filter(|a| is_field_attr(a)) {
            let options = out.get_or_insert_with(FieldOptions::default);
            let tokens = match &attr.meta {
                Meta::List(list) if !list.tokens.is_empty() => list.tokens.clone(),
                _ => {
                    errors.push(syn::Error::new_spanned(
                        attr,
                        format!(
                            "`#[field]` needs options, e.g. `#[field(secret)]`; it takes: {}",
                            KEYS.join(", ")
                        ),
                    ));
                    continue;
                }
            };
            for arg in args::split_nested(tokens, "a `field` option like `secret`", errors) {
                let key = arg.key.to_string();
                if !KEYS.contains(&key.as_str()) {
                    errors.push(unknown(&arg.key, "field", KEYS));
                    continue;
                }
                if given.contains(&key) {
                    errors.push(syn::Error::new(arg.key.span(), format!("`{key}` is given twice")));
                    continue;
                }
                given.push(key.clone());
                // Its error is reported already, and there is no value to read.
                if matches!(arg.value, Value::Broken) {
                    continue;
                }
                let read = match key.as_str() {
                    "secret" => flag(&arg).map(|f| options.secret = Some(f)),
                    "hidden" => flag(&arg).map(|f| options.hidden = Some(f)),
                    "multiline" => flag(&arg).map(|f| options.multiline = Some(f)),
                    "unique" => flag(&arg).map(|f| options.unique = Some(f)),
                    "primary" => primary(&arg).map(|f| options.primary = Some(f)),
                    "group" => arg.string().map(|v| options.group = Some(v)),
                    "semantic" => arg.string().map(|v| options.semantic = Some(v)),
                    "enum_mapping" => {
                        enum_type(&arg).map(|t| options.enum_mapping = Some((arg.key.clone(), t)))
                    }
                    "discriminator" => discriminator(&arg, errors).map(|d| options.discriminator = Some(d)),
                    _ => unreachable!("every key of KEYS is handled"),
                };
                if let Err(e) = read {
                    errors.push(e);
                }
            }
        }
        out
    }
}

/// Whether the attribute is `#[field...]`.
pub fn is_field_attr(attr: &Attribute) -> bool {
    attr.path().is_ident("field")
}

fn unknown(key: &Ident, what: &str, keys: &[&'static str]) -> syn::Error {
    let hint = match names::closest_in(&key.to_string(), keys) {
        Some(close) => format!("did you mean `{close}`? "),
        None => String::new(),
    };
    syn::Error::new(
        key.span(),
        format!(
            "unknown `{what}` option `{key}`; {hint}expected one of: {}",
            keys.join(", ")
        ),
    )
}

/// `key` or `key = true` / `key = false`.
fn flag(arg: &Arg) -> syn::Result<Flag> {
    let on = match &arg.value {
        Value::Flag => true,
        _ => bool_value(
            arg,
            &format!("write `{0}`, or `{0} = true` / `{0} = false`", arg.key),
        )?,
    };
    Ok(Flag {
        key: arg.key.clone(),
        on,
    })
}

/// `primary = false`; a bare `primary` says nothing, as every field is
/// primary unless told otherwise.
fn primary(arg: &Arg) -> syn::Result<Flag> {
    let on = match &arg.value {
        Value::Flag => {
            return Err(syn::Error::new(
                arg.key.span(),
                "fields are primary unless told otherwise: write `primary = false` for one that is not",
            ));
        }
        _ => bool_value(arg, "write `primary = false`")?,
    };
    Ok(Flag {
        key: arg.key.clone(),
        on,
    })
}

fn bool_value(arg: &Arg, how: &str) -> syn::Result<bool> {
    let key = &arg.key;
    arg.parse_value(|input| {
        input
            .parse::<LitBool>()
            .map(|b| b.value)
            .map_err(|e| syn::Error::new(e.span(), format!("`{key}` is true or false: {how}")))
    })
}

fn enum_type(arg: &Arg) -> syn::Result<Type> {
    arg.parse_value(|input| {
        input.parse::<Type>().map_err(|e| {
            syn::Error::new(
                e.span(),
                "`enum_mapping` takes the enum's type: `enum_mapping = Seat`",
            )
        })
    })
}

fn discriminator(arg: &Arg, errors: &mut Errors) -> syn::Result<Discriminator> {
    let group = match &arg.value {
        Value::Nested(group) => group,
        _ => {
            return Err(syn::Error::new(
                arg.key.span(),
                "`discriminator` takes its options in parentheses: `discriminator(field = \"region\", expected_value = \"us\")`",
            ));
        }
    };
    let mut out = Discriminator {
        key: arg.key.clone(),
        field: None,
        expected_value: None,
        one_of_expected_values: None,
        field_given: false,
    };
    let mut given: Vec<String> = Vec::new();
    let inner = args::split(
        group.stream(),
        "a `discriminator` option like `field = \"...\"`",
        errors,
    );
    for arg in inner {
        let key = arg.key.to_string();
        if !DISCRIMINATOR_KEYS.contains(&key.as_str()) {
            errors.push(unknown(&arg.key, "discriminator", DISCRIMINATOR_KEYS));
            continue;
        }
        if given.contains(&key) {
            errors.push(syn::Error::new(arg.key.span(), format!("`{key}` is given twice")));
            continue;
        }
        given.push(key.clone());
        if key == "field" {
            out.field_given = true;
        }
        if matches!(arg.value, Value::Broken) {
            continue;
        }
        let read = match key.as_str() {
            "field" => arg.string().map(|v| out.field = Some(v)),
            "expected_value" => arg
                .parse_value(JsonLit::parse)
                .map(|v| out.expected_value = Some(v)),
            "one_of_expected_values" => arg
                .parse_value(literal_list)
                .map(|v| out.one_of_expected_values = Some(v)),
            _ => unreachable!("every key of DISCRIMINATOR_KEYS is handled"),
        };
        if let Err(e) = read {
            errors.push(e);
        }
    }
    Ok(out)
}

/// `["a", "b"]`.
fn literal_list(input: ParseStream) -> syn::Result<Vec<JsonLit>> {
    if !input.peek(syn::token::Bracket) {
        return Err(input.error(
            "`one_of_expected_values` takes a list in square brackets: `one_of_expected_values = [\"eu\", \"us\"]`",
        ));
    }
    let content;
    syn::bracketed!(content in input);
    let list = Punctuated::<JsonLit, Token![,]>::parse_terminated(&content)?;
    Ok(list.into_iter().collect())
}
