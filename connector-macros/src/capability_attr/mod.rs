//! `#[capability(...)]`.

mod expand;
mod parse;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;

use crate::errors::Errors;

pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    let function: syn::ItemFn = match syn::parse2(item.clone()) {
        Ok(f) => f,
        Err(_) => {
            errors.push(syn::Error::new_spanned(
                &item,
                "#[capability] goes on an `async fn`, e.g. `#[capability(list_accounts)] async fn accounts(ctx: Context<Acme>, req: ListAccounts) -> Result<Vec<FoundAccountData>>`",
            ));
            // The arguments are still checked: their mistakes are worth
            // knowing about in the same build.
            let _ = parse::CapabilityArgs::parse(args, &mut errors);
            let compile_errors = errors.to_compile_errors();
            return quote!(#item #compile_errors);
        }
    };
    let args = parse::CapabilityArgs::parse(args, &mut errors);
    let signature = validate::Signature::check(&function, &mut errors);
    // On any error nothing is registered: only generated code names what
    // `generate` emits, so leaving it out cannot cause errors elsewhere,
    // while the function itself stays callable.
    let generated = match (args, signature) {
        (Some(args), Some(sig)) if errors.is_empty() => expand::generate(&function, &args, &sig),
        _ => TokenStream::new(),
    };
    let compile_errors = errors.to_compile_errors();
    quote! {
        #item
        #generated
        #compile_errors
    }
}
