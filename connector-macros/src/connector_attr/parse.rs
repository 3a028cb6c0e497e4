//! Arguments of `#[connector(...)]`.

use proc_macro2::{Span, TokenStream};
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, LitStr, Token, Type};

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
    "credentials",
    "error_map",
    "oauth",
    "builtins",
];

#[derive(Default)]
pub struct ConnectorArgs {
    pub app_id: String,
    pub app_id_span: Option<Span>,
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
    pub credentials: Option<Expr>,
    pub error_map: Option<Expr>,
    pub oauth: Option<Expr>,
    pub builtins: Option<Expr>,
}

impl ConnectorArgs {
    /// Parses the arguments, pushing every problem found onto `errors`.
    pub fn parse(args: TokenStream, errors: &mut Errors) -> Option<Self> {
        let mut out = ConnectorArgs::default();
        let mut seen: Vec<String> = Vec::new();
        let mut app_id: Option<LitStr> = None;
        let parser = syn::meta::parser(|meta| {
            let key = meta.path.get_ident().map(Ident::to_string).unwrap_or_default();
            if !KEYS.contains(&key.as_str()) {
                errors.push(meta.error(format!(
                    "unknown `connector` key `{}`; expected one of: {}",
                    quote::ToTokens::to_token_stream(&meta.path),
                    KEYS.join(", ")
                )));
                // Skip the value so the remaining keys are still checked.
                if meta.input.peek(Token![=]) {
                    meta.value()?.parse::<Expr>()?;
                }
                return Ok(());
            }
            if seen.contains(&key) {
                errors.push(meta.error(format!("`{key}` is given twice")));
            }
            seen.push(key.clone());
            let value = meta.value()?;
            match key.as_str() {
                "app_id" => app_id = Some(value.parse()?),
                "version" => out.version = Some(value.parse()?),
                "name" => out.name = Some(value.parse()?),
                "description" => out.description = Some(value.parse()?),
                "logo_url" => out.logo_url = Some(value.parse()?),
                "vendor_domain" => out.vendor_domain = Some(value.parse()?),
                "categories" => {
                    let content;
                    syn::bracketed!(content in value);
                    let list = Punctuated::<Ident, Token![,]>::parse_terminated(&content)?;
                    out.categories = list.into_iter().collect();
                }
                "auth" => out.auth = Some(value.parse()?),
                "settings" => out.settings = Some(value.parse()?),
                "resource_types" => out.resource_types = Some(value.parse()?),
                "entitlement_types" => out.entitlement_types = Some(value.parse()?),
                "credentials" => out.credentials = Some(value.parse()?),
                "error_map" => out.error_map = Some(value.parse()?),
                "oauth" => out.oauth = Some(value.parse()?),
                "builtins" => out.builtins = Some(value.parse()?),
                _ => unreachable!("every key of KEYS is handled"),
            }
            Ok(())
        });
        if let Err(e) = parser.parse2(args) {
            errors.push(e);
            return None;
        }
        match app_id {
            None => errors.push(syn::Error::new(
                Span::call_site(),
                "#[connector] needs an app id: `#[connector(app_id = \"my-app\")]`",
            )),
            Some(lit) => {
                let trimmed = lit.value().trim().to_owned();
                if trimmed.is_empty() {
                    errors.push(syn::Error::new(lit.span(), "`app_id` cannot be empty"));
                }
                out.app_id = trimmed;
                out.app_id_span = Some(lit.span());
            }
        }
        Some(out)
    }
}
