//! `#[connector(...)]`.

mod expand;
pub mod parse;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

use crate::dummies;
use crate::errors::Errors;

pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let target = validate::target(&item, &mut errors);
    let args = parse::ConnectorArgs::parse(args, &mut errors);
    let app_id = validate::app_id(&args, &mut errors);
    let generated = match (target, app_id) {
        (Some(ident), Some(app_id)) if errors.is_empty() => expand::generate(&ident, &args, &app_id),
        // Code elsewhere names the struct as a connector (`Context<Acme>`);
        // without an impl each such use would add an error of its own.
        (Some(ident), _) => dummies::connector(&ident, &args),
        (None, _) => TokenStream::new(),
    };
    let compile_errors = errors.to_compile_errors();
    // The item goes out exactly as it came in, whatever else went wrong.
    quote! {
        #item
        #generated
        #compile_errors
    }
}
