//! What a macro emits beside its errors instead of the real expansion.
//!
//! The `compile_error!` next to them already fails the build, so nothing
//! here ever runs. They exist so that code naming the annotated item still
//! type-checks and the author reads the one mistake, not a trail of
//! "`Acme: Connector` is not satisfied" errors wherever `Acme` is used.
//!
//! `#[capability]` needs no dummy: the function itself is always emitted,
//! and only the macro's own output names what it generates beside it.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::Ident;
use syn::spanned::Spanned;

use crate::connector_attr::parse::ConnectorArgs;

/// `impl Connector` with the settings and credential types that could be
/// read: capability bodies reach their fields through `ctx.settings()` and
/// `ctx.auth()`, and the framework's defaults would not have them.
pub fn connector(ident: &Ident, args: &ConnectorArgs) -> TokenStream {
    let (settings, has_settings) = match &args.settings {
        Some(ty) => (quote_spanned!(ty.span()=> #ty), true),
        None => (quote!(::connector::NoSettings), false),
    };
    let auth = match &args.auth {
        Some(ty) => quote_spanned!(ty.span()=> #ty),
        None => quote!(::connector::NoAuth),
    };
    quote! {
        impl ::connector::Connector for #ident {
            const APP_ID: &'static str = "";
            const HAS_SETTINGS: bool = #has_settings;
            type Settings = #settings;
            type Auth = #auth;

            fn metadata() -> ::connector::ConnectorMetadata {
                ::core::unimplemented!()
            }
        }
    }
}
