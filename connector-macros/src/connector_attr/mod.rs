//! `#[connector(...)]`.

mod expand;
mod parse;

use proc_macro2::TokenStream;
use quote::quote;

use crate::errors::Errors;

pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let item: syn::Item = match syn::parse2(item.clone()) {
        Ok(item) => item,
        Err(e) => return e.to_compile_error(),
    };
    let ident = match &item {
        syn::Item::Struct(s) => Some(s.ident.clone()),
        syn::Item::Enum(e) => Some(e.ident.clone()),
        other => {
            errors.push(syn::Error::new_spanned(
                other,
                "#[connector] goes on a struct, e.g. `#[connector(app_id = \"acme\")] struct Acme;`",
            ));
            None
        }
    };
    let parsed = parse::ConnectorArgs::parse(args, &mut errors);
    // The impl is generated even beside errors in the arguments (with what
    // could be read), so code using the connector is not flooded with
    // "`Acme: Connector` is not satisfied" on top of the real mistake.
    let generated = match (ident, parsed) {
        (Some(ident), Some(args)) => expand::generate(&ident, &args),
        _ => TokenStream::new(),
    };
    let compile_errors = errors.to_compile_errors();
    quote! {
        #item
        #generated
        #compile_errors
    }
}
