//! Collecting several spanned errors before giving up.

use proc_macro2::TokenStream;

/// Errors gathered during one macro expansion.
#[derive(Default)]
pub struct Errors {
    combined: Option<syn::Error>,
}

impl Errors {
    pub fn push(&mut self, error: syn::Error) {
        match &mut self.combined {
            Some(all) => all.combine(error),
            None => self.combined = Some(error),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.combined.is_none()
    }

    /// The errors as `compile_error!` invocations (empty when there are none).
    pub fn to_compile_errors(&self) -> TokenStream {
        self.combined
            .as_ref()
            .map(syn::Error::to_compile_error)
            .unwrap_or_default()
    }
}
