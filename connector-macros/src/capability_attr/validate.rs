//! Rules on the function `#[capability]` annotates.

use syn::spanned::Spanned;
use syn::{FnArg, GenericArgument, ItemFn, PathArguments, ReturnType, Type};

use crate::errors::Errors;

/// The parts of a capability function the expansion needs.
pub struct Signature {
    /// The type of the first argument (`Context<Connector>`).
    pub context: Type,
    /// The type of the second argument (the request payload).
    pub request: Type,
    /// `T` in the return type `Result<T>` / `Result<T, E>`.
    pub ok: Type,
}

impl Signature {
    pub fn check(function: &ItemFn, errors: &mut Errors) -> Option<Self> {
        let sig = &function.sig;
        let before = !errors.is_empty();
        let mut failed = false;
        let mut fail = |e: syn::Error| {
            failed = true;
            errors.push(e);
        };
        if sig.asyncness.is_none() {
            fail(syn::Error::new(
                sig.fn_token.span,
                "a capability must be an `async fn`",
            ));
        }
        if !sig.generics.params.is_empty() {
            fail(syn::Error::new_spanned(
                &sig.generics,
                "a capability cannot be generic: name the connector and the payload types",
            ));
        }
        let types: Vec<&Type> = sig
            .inputs
            .iter()
            .filter_map(|arg| match arg {
                FnArg::Typed(t) => Some(&*t.ty),
                FnArg::Receiver(_) => None,
            })
            .collect();
        if sig.inputs.len() != 2 || types.len() != 2 {
            fail(syn::Error::new(
                sig.paren_token.span.join(),
                format!(
                    "a capability takes two arguments, `(ctx: Context<YourConnector>, request: <payload type>)`; this one takes {}",
                    sig.inputs.len()
                ),
            ));
        }
        if let Some(first) = types
            .first()
            .filter(|first| types.len() == 2 && !is_context(first))
        {
            fail(syn::Error::new(
                first.span(),
                "the first argument of a capability is the request's context: `ctx: Context<YourConnector>`",
            ));
        }
        let ok = match &sig.output {
            ReturnType::Default => {
                fail(syn::Error::new(
                    sig.ident.span(),
                    "a capability returns `Result<...>`, e.g. `-> Result<ValidatedCredentials>`",
                ));
                None
            }
            ReturnType::Type(_, ty) => match result_ok_type(ty) {
                Some(ok) => Some(ok.clone()),
                None => {
                    fail(syn::Error::new(
                        ty.span(),
                        "a capability returns `Result<...>`, e.g. `-> Result<ValidatedCredentials>`",
                    ));
                    None
                }
            },
        };
        let _ = before;
        if failed {
            return None;
        }
        Some(Self {
            context: types[0].clone(),
            request: types[1].clone(),
            ok: ok?,
        })
    }
}

/// Whether the type is spelled `Context<...>` (with any path before it).
fn is_context(ty: &Type) -> bool {
    let Type::Path(path) = ty else { return false };
    path.qself.is_none()
        && path.path.segments.last().is_some_and(|last| {
            last.ident == "Context"
                && matches!(&last.arguments, PathArguments::AngleBracketed(a) if a.args.len() == 1)
        })
}

/// `T` of a return type spelled `Result<T>` or `Result<T, E>` (any path ending in `Result`).
fn result_ok_type(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    args.args.iter().find_map(|a| match a {
        GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}
