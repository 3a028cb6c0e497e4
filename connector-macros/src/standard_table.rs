//! `__standard_capabilities!`: expands the runtime's table of standard
//! capabilities into one module per capability, with compile-time checks
//! whose error messages name the protocol's types.
//!
//! Diagnostic attributes only take string literals, which `macro_rules!`
//! cannot build; this macro formats them. It also checks the table against
//! the names `#[capability]` accepts, so the two cannot drift apart.

use proc_macro2::TokenStream;
use quote::{ToTokens, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Ident, Token, Type};

use crate::names;

struct Row {
    name: Ident,
    level: Ident,
    request: Type,
    extends: Option<Type>,
    returns: Type,
}

impl Parse for Row {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name: Ident = input.parse()?;
        input.parse::<Token![:]>()?;
        let level: Ident = input.parse()?;
        input.parse::<Token![,]>()?;
        let key: Ident = input.parse()?;
        if key != "request" {
            return Err(syn::Error::new(key.span(), "expected `request = <type>`"));
        }
        input.parse::<Token![=]>()?;
        let request: Type = input.parse()?;
        let extends = if input.peek(Token![|]) {
            input.parse::<Token![|]>()?;
            let kw: Ident = input.parse()?;
            if kw != "extends" {
                return Err(syn::Error::new(kw.span(), "expected `extends <type>`"));
            }
            Some(input.parse()?)
        } else {
            None
        };
        input.parse::<Token![,]>()?;
        let key: Ident = input.parse()?;
        if key != "returns" {
            return Err(syn::Error::new(key.span(), "expected `returns = <type>`"));
        }
        input.parse::<Token![=]>()?;
        let returns: Type = input.parse()?;
        input.parse::<Token![;]>()?;
        Ok(Self {
            name,
            level,
            request,
            extends,
            returns,
        })
    }
}

struct Table(Vec<Row>);

impl Parse for Table {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut rows = Vec::new();
        while !input.is_empty() {
            rows.push(input.parse()?);
        }
        Ok(Self(rows))
    }
}

fn spelled(ty: &Type) -> String {
    ty.to_token_stream()
        .to_string()
        .replace(" < ", "<")
        .replace(" >", ">")
        .replace("< ", "<")
}

pub fn expand(input: TokenStream) -> TokenStream {
    let table: Table = match syn::parse2(input) {
        Ok(t) => t,
        Err(e) => return e.to_compile_error(),
    };
    let mut out = TokenStream::new();
    let mut all = Vec::new();
    for row in &table.0 {
        let Row {
            name,
            level,
            request,
            extends,
            returns,
        } = row;
        let n = name.to_string();
        if !names::REGISTRABLE.contains(&n.as_str()) {
            let e = syn::Error::new(
                name.span(),
                format!("`{n}` is not in the macro crate's list of standard capabilities"),
            );
            out.extend(e.to_compile_error());
            continue;
        }
        all.push(n.clone());
        let kind = match level.to_string().as_str() {
            "read" => quote!(Kind::Standard(Some(Level::Read))),
            "write" => quote!(Kind::Standard(Some(Level::Write))),
            "validation" => quote!(Kind::Standard(Some(Level::Validation))),
            "none" => quote!(Kind::Standard(None)),
            "authorization" => quote!(Kind::Authorization),
            other => {
                let e = syn::Error::new(level.span(), format!("unknown level `{other}`"));
                out.extend(e.to_compile_error());
                continue;
            }
        };
        let req_s = spelled(request);
        let ret_s = spelled(returns);
        let doc = format!("The `{n}` capability.");
        let request_message = format!("`{n}` takes `{req_s}` as its request, not `{{Self}}`");
        let request_label = format!("expected `{req_s}`");
        let returns_message = format!("`{n}` returns `{ret_s}`, not `{{Self}}`");
        let returns_label = format!("expected `{ret_s}` or `Response<{ret_s}>`");
        let (request_note, request_impl) = match extends {
            Some(base) => {
                let base_s = spelled(base);
                (
                    format!(
                        "`{n}` takes `{base_s}`, a protocol type that extends it, or `Extended<{base_s}, YourFields>` to add fields of your own"
                    ),
                    quote_spanned!(base.span()=> impl<T: crate::models::Extends<#base>> Request for T {}),
                )
            }
            None => (
                format!("the request payload of `{n}` is fixed by the protocol"),
                quote_spanned!(request.span()=> impl Request for #request {}),
            ),
        };
        let list_note = if matches!(returns, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == "Vec"))
        {
            format!("`{n}` answers with a list")
        } else {
            format!("`{n}` answers with one object, not a list")
        };
        // Spanned at the row, so a failed check quotes one line of the table.
        let returns_impls = quote_spanned! {returns.span()=>
            impl Returns for #returns {}
            impl Returns for Response<#returns> {}
        };
        let checks = quote_spanned! {name.span()=>
            #[doc(hidden)]
            pub const fn check_request<T: Request>() {}
            #[doc(hidden)]
            pub const fn check_response<T: Returns>() {}
        };
        out.extend(quote! {
            #[doc = #doc]
            #[allow(non_camel_case_types)]
            pub mod #name {
                use super::*;

                /// Marker of the capability.
                pub struct #name;

                impl StandardCapability for #name {
                    const NAME: &'static str = #n;
                    const KIND: Kind = #kind;
                    type Request = #request;
                    type Payload = #returns;
                }

                /// Request payloads the capability accepts.
                #[diagnostic::on_unimplemented(message = #request_message, label = #request_label, note = #request_note)]
                pub trait Request {}
                #request_impl

                /// What the capability's function may return in `Ok`.
                #[diagnostic::on_unimplemented(message = #returns_message, label = #returns_label, note = #list_note)]
                pub trait Returns {}
                #returns_impls

                #checks
            }
        });
    }
    out.extend(quote! {
        /// Names of the standard capabilities a connector can register.
        pub const REGISTRABLE: &[&str] = &[#(#all),*];
    });
    out
}
