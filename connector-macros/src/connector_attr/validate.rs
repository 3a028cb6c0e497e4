//! Rules on `#[connector]`'s arguments and on the item it annotates.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::Ident;

use super::parse::ConnectorArgs;
use crate::errors::Errors;

/// The name of the annotated struct; `None` (reported) for any other item.
pub fn target(item: &TokenStream, errors: &mut Errors) -> Option<Ident> {
    match syn::parse2::<syn::Item>(item.clone()) {
        Ok(syn::Item::Struct(s)) => Some(s.ident),
        Ok(syn::Item::Enum(e)) => Some(e.ident),
        Ok(other) => {
            errors.push(not_a_struct(&other));
            None
        }
        // The compiler has already accepted the item, so syn not reading it
        // means syntax newer than syn's; only the name is needed.
        Err(_) => match named_struct(item) {
            Some(ident) => Some(ident),
            None => {
                errors.push(not_a_struct(item));
                None
            }
        },
    }
}

fn not_a_struct(item: impl quote::ToTokens) -> syn::Error {
    syn::Error::new_spanned(
        item,
        "#[connector] goes on a struct, e.g. `#[connector(app_id = \"acme\")] struct Acme;`",
    )
}

/// The identifier after a top-level `struct` or `enum` keyword.
fn named_struct(item: &TokenStream) -> Option<Ident> {
    let tokens: Vec<TokenTree> = item.clone().into_iter().collect();
    tokens.windows(2).find_map(|pair| match pair {
        [TokenTree::Ident(keyword), TokenTree::Ident(name)] if keyword == "struct" || keyword == "enum" => {
            Some(name.clone())
        }
        _ => None,
    })
}

/// The app id, trimmed; `None` (reported) when it is missing or blank.
/// A key written with an unreadable value was reported already.
pub fn app_id(args: &ConnectorArgs, errors: &mut Errors) -> Option<String> {
    let Some(lit) = &args.app_id else {
        if !args.given.iter().any(|key| key == "app_id") {
            errors.push(syn::Error::new(
                Span::call_site(),
                "#[connector] needs an app id: `#[connector(app_id = \"my-app\")]`",
            ));
        }
        return None;
    };
    let trimmed = lit.value().trim().to_owned();
    if trimmed.is_empty() {
        errors.push(syn::Error::new(lit.span(), "`app_id` cannot be empty"));
        return None;
    }
    Some(trimmed)
}
