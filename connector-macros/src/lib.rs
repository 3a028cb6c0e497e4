//! Attribute macros of the `connector` framework.
//!
//! Each macro is split into `parse` (attribute arguments into a typed
//! description, collecting every error it can), `validate` (rules on the
//! annotated item) and `expand` (the generated code). Errors are
//! `syn::Error`s spanned at the offending token; the annotated item is always
//! emitted again, so one mistake does not cascade into unrelated errors.
//! Use these macros through the `connector` crate, which re-exports them.

mod capability_attr;
mod connector_attr;
mod errors;
mod names;
mod standard_table;

use proc_macro::TokenStream;

/// Declares a connector on a struct: `#[connector(app_id = "acme", ...)]`.
///
/// Keys: `app_id` (required), `version`, `name`, `description`, `logo_url`,
/// `vendor_domain`, `categories = [Developers, ...]`, `auth = <credential type>`,
/// `settings = <settings type>`, `resource_types = <expr>`,
/// `entitlement_types = <expr>`, `credentials = <expr>`, `error_map = <expr>`.
#[proc_macro_attribute]
pub fn connector(args: TokenStream, item: TokenStream) -> TokenStream {
    connector_attr::expand(args.into(), item.into()).into()
}

/// Registers an `async fn` as a capability of its connector:
/// `#[capability(list_accounts)]`, or `#[capability(custom, name = "sync_groups")]`.
///
/// Optional keys: `display_name = "..."`, `description = "..."`.
#[proc_macro_attribute]
pub fn capability(args: TokenStream, item: TokenStream) -> TokenStream {
    capability_attr::expand(args.into(), item.into()).into()
}

#[doc(hidden)]
#[proc_macro]
pub fn __standard_capabilities(input: TokenStream) -> TokenStream {
    standard_table::expand(input.into()).into()
}
