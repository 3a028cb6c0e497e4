//! Arguments of `#[connector(...)]`.

use proc_macro2::TokenStream;
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, LitStr, Token, Type};

use crate::args;
use crate::errors::Errors;

pub const KEYS: &[&str] = &[
    "app_id",
    "version",
    "name",
    "description",
    "logo_url",
    "vendor_domain",
    "categories",
    "auth",
    "settings",
    "resource_types",
    "entitlement_types",
    "access_graph_entitlement_types",
    "access_graph_entitlement_rules",
    "implied_access_rules",
    "credentials",
    "error_map",
    "oauth",
    "builtins",
];

#[derive(Default)]
pub struct ConnectorArgs {
    pub app_id: Option<LitStr>,
    pub version: Option<LitStr>,
    pub name: Option<LitStr>,
    pub description: Option<LitStr>,
    pub logo_url: Option<LitStr>,
    pub vendor_domain: Option<LitStr>,
    pub categories: Vec<Ident>,
    pub auth: Option<Type>,
    pub settings: Option<Type>,
    pub resource_types: Option<Expr>,
    pub entitlement_types: Option<Expr>,
    pub access_graph_entitlement_types: Option<Expr>,
    pub access_graph_entitlement_rules: Option<Expr>,
    pub implied_access_rules: Option<Expr>,
    pub credentials: Option<Expr>,
    pub error_map: Option<Expr>,
    pub oauth: Option<Expr>,
    pub builtins: Option<Expr>,
    /// Every key written, including those whose value could not be read:
    /// a key given with a broken value is not also reported as missing.
    pub given: Vec<String>,
}

impl ConnectorArgs {
    /// Reads every argument it can, pushing each problem onto `errors`.
    pub fn parse(args: TokenStream, errors: &mut Errors) -> Self {
        let mut out = ConnectorArgs::default();
        for arg in args::split(args, "a `connector` key like `app_id = \"acme\"`", errors) {
            let key = arg.key.to_string();
            if !KEYS.contains(&key.as_str()) {
                errors.push(syn::Error::new(
                    arg.key.span(),
                    format!(
                        "unknown `connector` key `{key}`; expected one of: {}",
                        KEYS.join(", ")
                    ),
                ));
                continue;
            }
            if out.given.contains(&key) {
                errors.push(syn::Error::new(arg.key.span(), format!("`{key}` is given twice")));
                continue;
            }
            out.given.push(key.clone());
            let read = match key.as_str() {
                "app_id" => arg.string().map(|v| out.app_id = Some(v)),
                "version" => arg.string().map(|v| out.version = Some(v)),
                "name" => arg.string().map(|v| out.name = Some(v)),
                "description" => arg.string().map(|v| out.description = Some(v)),
                "logo_url" => arg.string().map(|v| out.logo_url = Some(v)),
                "vendor_domain" => arg.string().map(|v| out.vendor_domain = Some(v)),
                "categories" => arg.parse_value(categories).map(|v| out.categories = v),
                "auth" => arg.parse_value(Type::parse).map(|v| out.auth = Some(v)),
                "settings" => arg.parse_value(Type::parse).map(|v| out.settings = Some(v)),
                "resource_types" => arg.parse_value(Expr::parse).map(|v| out.resource_types = Some(v)),
                "entitlement_types" => arg
                    .parse_value(Expr::parse)
                    .map(|v| out.entitlement_types = Some(v)),
                "access_graph_entitlement_types" => arg
                    .parse_value(Expr::parse)
                    .map(|v| out.access_graph_entitlement_types = Some(v)),
                "access_graph_entitlement_rules" => arg
                    .parse_value(Expr::parse)
                    .map(|v| out.access_graph_entitlement_rules = Some(v)),
                "implied_access_rules" => arg
                    .parse_value(Expr::parse)
                    .map(|v| out.implied_access_rules = Some(v)),
                "credentials" => arg.parse_value(Expr::parse).map(|v| out.credentials = Some(v)),
                "error_map" => arg.parse_value(Expr::parse).map(|v| out.error_map = Some(v)),
                "oauth" => arg.parse_value(Expr::parse).map(|v| out.oauth = Some(v)),
                "builtins" => arg.parse_value(Expr::parse).map(|v| out.builtins = Some(v)),
                _ => unreachable!("every key of KEYS is handled"),
            };
            if let Err(e) = read {
                errors.push(e);
            }
        }
        out
    }
}

/// `[Developers, Other]`.
fn categories(input: ParseStream) -> syn::Result<Vec<Ident>> {
    if !input.peek(syn::token::Bracket) {
        return Err(
            input.error("`categories` takes a list in square brackets: `categories = [Developers, Other]`")
        );
    }
    let content;
    syn::bracketed!(content in input);
    let list = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
    Ok(list.into_iter().collect())
}
