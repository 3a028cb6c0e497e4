//! Attribute macros of the `connector` framework.
//!
//! The macros read their arguments through `args`, which splits them at
//! the commas before parsing any value: an argument that does not parse is
//! one error at that argument, and the others are still read. Each macro
//! then goes `parse` (arguments into a typed description) → `validate`
//! (rules on the arguments and the annotated item) → `expand` (the code).
//!
//! Errors are `syn::Error`s spanned at the offending tokens, all of them
//! reported together as `compile_error!`s. Whatever goes wrong, the
//! annotated item is emitted exactly as written, even when it is not the
//! kind of item the macro expects, so calls to it elsewhere still resolve.
//! Beside errors, `#[connector]` emits a stand-in `impl Connector` from
//! `dummies` instead of the real one, so code using the connector type
//! raises nothing more; `#[capability]` registers nothing, which nothing
//! else depends on; `#[fields]` takes its `#[field]` attributes out of the
//! struct whatever happens, so that they raise nothing of their own. One
//! mistake gives one error.
//!
//! Use these macros through the `connector` crate, which re-exports them.

mod args;
mod capability_attr;
mod connector_attr;
mod dummies;
mod errors;
mod fields_attr;
mod names;
mod standard_table;

use proc_macro::TokenStream;

/// Declares a connector on a struct: `#[connector(app_id = "acme", ...)]`.
///
/// Keys: `app_id` (required), `version`, `name`, `description`, `logo_url`,
/// `vendor_domain` (string literals), `categories = [Developers, ...]`,
/// `auth = <credential type>`, `settings = <settings type>`,
/// `resource_types = <expr>`, `entitlement_types = <expr>`,
/// `access_graph_entitlement_types = <expr>`,
/// `access_graph_entitlement_rules = <expr>`, `implied_access_rules = <expr>`,
/// `credentials = <expr>`, `error_map = <expr>`, `oauth = <expr>`,
/// `builtins = <expr>` (e.g. `Builtins::all().without(Builtin::AppInfo)`).
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

/// Reads `#[field(...)]` on the fields of a settings or credential struct
/// and writes each field's options into its JSON schema, as the reference's
/// `AnnotatedField` does: `#[field(secret)]`, `#[field(hidden)]`,
/// `#[field(multiline)]`, `#[field(group = "Advanced")]`,
/// `#[field(primary = false)]`, `#[field(semantic = "account-id")]`,
/// `#[field(unique)]`, `#[field(enum_mapping = Seat)]`,
/// `#[field(discriminator(field = "region", expected_value = "us"))]`.
///
/// Goes above `#[derive(..., JsonSchema)]`. A derived `Debug` shows secret
/// fields as `[REDACTED]`.
#[proc_macro_attribute]
pub fn fields(args: TokenStream, item: TokenStream) -> TokenStream {
    fields_attr::expand(args.into(), item.into()).into()
}

#[doc(hidden)]
#[proc_macro]
pub fn __standard_capabilities(input: TokenStream) -> TokenStream {
    standard_table::expand(input.into()).into()
}
