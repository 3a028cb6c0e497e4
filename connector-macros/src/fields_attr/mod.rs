//! `#[fields]` and the `#[field(...)]` options it reads.
//!
//! Unlike the other two macros, this one rewrites the item: the `#[field]`
//! attributes, which nothing else knows, are always taken out, also when
//! something is wrong (they would otherwise each raise "cannot find
//! attribute `field`" beside the real mistake). Without errors they become
//! `#[schemars(extend(...))]` attributes for the struct's `JsonSchema`
//! derive, which therefore has to come after `#[fields]`.

mod expand;
mod parse;
mod validate;

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Attribute, Fields, Item};

use crate::errors::Errors;

pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    if !args.is_empty() {
        errors.push(syn::Error::new_spanned(
            &args,
            "#[fields] takes no arguments; the options go on each field, e.g. `#[field(secret)]`",
        ));
    }
    let parsed = match syn::parse2::<Item>(item.clone()) {
        Ok(parsed) => parsed,
        // Syntax newer than syn's: the item cannot be rewritten.
        Err(e) => {
            errors.push(e);
            let compile_errors = errors.to_compile_errors();
            return quote!(#item #compile_errors);
        }
    };
    let Some(mut target) = validate::target(&parsed, &mut errors) else {
        let item = without_field_attrs(parsed);
        let compile_errors = errors.to_compile_errors();
        return quote!(#item #compile_errors);
    };
    validate::derives_json_schema(&target, &mut errors);
    let mut options = Vec::new();
    for field in target.fields.iter_mut() {
        let read = parse::FieldOptions::read(&field.attrs, &mut errors);
        if let Some(read) = &read {
            validate::options(read, &mut errors);
        }
        options.push(read);
        strip(&mut field.attrs);
    }
    if !errors.is_empty() {
        let compile_errors = errors.to_compile_errors();
        return quote!(#target #compile_errors);
    }
    expand::generate(target, &options)
}

fn strip(attrs: &mut Vec<Attribute>) {
    attrs.retain(|a| !parse::is_field_attr(a));
}

/// The item with no `#[field]` on its fields or variants.
fn without_field_attrs(mut item: Item) -> Item {
    let strip_fields = |fields: &mut Fields| fields.iter_mut().for_each(|f| strip(&mut f.attrs));
    match &mut item {
        Item::Struct(s) => strip_fields(&mut s.fields),
        Item::Enum(e) => e.variants.iter_mut().for_each(|v| {
            strip(&mut v.attrs);
            strip_fields(&mut v.fields);
        }),
        Item::Union(u) => u.fields.named.iter_mut().for_each(|f| strip(&mut f.attrs)),
        _ => {}
    }
    item
}
