//! The comma-separated `key`, `key = value` arguments both attributes take.
//!
//! The arguments are split before any value is parsed, so one argument that
//! does not parse costs that argument only: its error is reported at its own
//! tokens and the arguments around it are still read. Each macro then parses
//! the values it knows with [`Arg::parse_value`].

use proc_macro2::{Delimiter, Group, Punct, Spacing, Span, TokenStream, TokenTree};
use syn::parse::{ParseStream, Parser};
use syn::{Ident, LitStr};

use crate::errors::Errors;

/// One argument, as written.
pub struct Arg {
    /// Its place among the arguments written, malformed ones included.
    pub position: usize,
    pub key: Ident,
    pub value: Value,
}

pub enum Value {
    /// `key` alone.
    Flag,
    /// `key = <tokens>`; the tokens are not parsed yet.
    Given { eq: Span, tokens: TokenStream },
    /// `key(<tokens>)`, read only by [`split_nested`]; the tokens are not
    /// parsed yet.
    Nested(Group),
    /// The key was followed by something that is neither `=` nor `,`. The
    /// error is already reported; the key still counts as given, so the
    /// macro does not also complain that it is missing.
    Broken,
}

impl Arg {
    /// The value as a string literal.
    pub fn string(&self) -> syn::Result<LitStr> {
        self.parse_value(|input| {
            input.parse::<LitStr>().map_err(|e| {
                let key = &self.key;
                syn::Error::new(
                    e.span(),
                    format!("`{key}` takes a string literal: `{key} = \"...\"`"),
                )
            })
        })
    }

    /// The value parsed by `parser`. The error is spanned at the value (or
    /// at the key when there is no value), never at the whole attribute.
    pub fn parse_value<T>(&self, parser: impl FnOnce(ParseStream) -> syn::Result<T>) -> syn::Result<T> {
        let (eq, tokens) = match &self.value {
            Value::Given { eq, tokens } => (*eq, tokens),
            Value::Flag | Value::Broken => {
                return Err(syn::Error::new(
                    self.key.span(),
                    format!("`{}` needs a value: `{} = ...`", self.key, self.key),
                ));
            }
            Value::Nested(group) => {
                return Err(syn::Error::new(
                    group.span(),
                    format!("`{}` takes a value after `=`: `{} = ...`", self.key, self.key),
                ));
            }
        };
        let Some(last) = tokens.clone().into_iter().last() else {
            return Err(syn::Error::new(
                eq,
                format!("`{}` needs a value after `=`", self.key),
            ));
        };
        // syn reports "unexpected end of input" at the attribute as a whole.
        // An end marker carrying the span of the value's last token makes
        // such an error point into the value instead.
        let mut end = Punct::new(';', Spacing::Alone);
        end.set_span(last.span());
        let mut stream = tokens.clone();
        stream.extend([TokenTree::Punct(end)]);
        let key = &self.key;
        let whole = move |input: ParseStream| {
            let value = parser(input)?;
            let rest: TokenStream = input.parse()?;
            let mut rest = rest.into_iter();
            match (rest.next(), rest.next()) {
                (Some(TokenTree::Punct(p)), None) if p.as_char() == ';' => Ok(value),
                (Some(extra), _) => Err(syn::Error::new(
                    extra.span(),
                    format!(
                        "unexpected `{}` after the value of `{key}`; arguments are separated by `,`",
                        describe(&extra)
                    ),
                )),
                // Only a parser taking every token eats the end marker.
                (None, _) => Ok(value),
            }
        };
        whole.parse2(stream)
    }
}

/// Splits `args` into arguments. Malformed ones are reported on `errors` and
/// left out; `what` names what an argument starts with, for the message.
pub fn split(args: TokenStream, what: &str, errors: &mut Errors) -> Vec<Arg> {
    split_with(args, what, false, errors)
}

/// [`split`], also reading `key(...)` as a [`Value::Nested`] argument.
pub fn split_nested(args: TokenStream, what: &str, errors: &mut Errors) -> Vec<Arg> {
    split_with(args, what, true, errors)
}

fn split_with(args: TokenStream, what: &str, nested: bool, errors: &mut Errors) -> Vec<Arg> {
    let tokens: Vec<TokenTree> = args.into_iter().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut position = 0;
    while i < tokens.len() {
        let at = position;
        let key = match &tokens[i] {
            TokenTree::Ident(ident) => ident.clone(),
            // A stray comma is not an argument: what follows keeps its place.
            TokenTree::Punct(p) if p.as_char() == ',' => {
                errors.push(syn::Error::new(p.span(), format!("expected {what} before `,`")));
                i += 1;
                continue;
            }
            other => {
                position += 1;
                errors.push(syn::Error::new(
                    other.span(),
                    format!("expected {what}, found `{}`", describe(other)),
                ));
                i = after_next_comma(&tokens, i);
                continue;
            }
        };
        position += 1;
        i += 1;
        match tokens.get(i) {
            None => out.push(Arg {
                position: at,
                key,
                value: Value::Flag,
            }),
            Some(TokenTree::Punct(p)) if p.as_char() == ',' => {
                out.push(Arg {
                    position: at,
                    key,
                    value: Value::Flag,
                });
                i += 1;
            }
            Some(TokenTree::Punct(p)) if p.as_char() == '=' => {
                let start = i + 1;
                let end = value_end(&tokens, start);
                out.push(Arg {
                    position: at,
                    key,
                    value: Value::Given {
                        eq: p.span(),
                        tokens: tokens[start..end].iter().cloned().collect(),
                    },
                });
                i = end;
                match tokens.get(i) {
                    Some(TokenTree::Punct(p)) if p.as_char() == ',' => i += 1,
                    Some(next) => missing_comma(next, errors),
                    None => {}
                }
            }
            Some(TokenTree::Group(group)) if nested && group.delimiter() == Delimiter::Parenthesis => {
                out.push(Arg {
                    position: at,
                    key,
                    value: Value::Nested(group.clone()),
                });
                i += 1;
                match tokens.get(i) {
                    Some(TokenTree::Punct(p)) if p.as_char() == ',' => i += 1,
                    Some(next) => {
                        missing_comma(next, errors);
                        i = after_next_comma(&tokens, i);
                    }
                    None => {}
                }
            }
            // `custom name = "..."`: most likely a forgotten comma, and
            // reading on from `name` keeps the rest of the arguments.
            Some(next @ TokenTree::Ident(_)) => {
                missing_comma(next, errors);
                out.push(Arg {
                    position: at,
                    key,
                    value: Value::Flag,
                });
            }
            Some(other) => {
                errors.push(syn::Error::new(
                    other.span(),
                    format!(
                        "expected `=` or `,` after `{key}`, found `{}`",
                        operator_at(&tokens, i)
                    ),
                ));
                out.push(Arg {
                    position: at,
                    key,
                    value: Value::Broken,
                });
                i = after_next_comma(&tokens, i);
            }
        }
    }
    out
}

fn missing_comma(next: &TokenTree, errors: &mut Errors) {
    errors.push(syn::Error::new(
        next.span(),
        format!("expected `,` before `{}`", describe(next)),
    ));
}

/// The index just past the next top-level comma at or after `from`.
fn after_next_comma(tokens: &[TokenTree], from: usize) -> usize {
    let end = value_end(tokens, from);
    if end < tokens.len() { end + 1 } else { end }
}

/// Where a value starting at `start` ends: at the next comma outside angle
/// brackets (`Either<A, B>` is one value), or before `ident =` when the
/// comma before the next argument was forgotten.
fn value_end(tokens: &[TokenTree], start: usize) -> usize {
    let mut angle_depth = 0usize;
    let mut i = start;
    while i < tokens.len() {
        match &tokens[i] {
            TokenTree::Punct(p) => {
                let joint_with = |c: char| {
                    p.spacing() == Spacing::Joint
                        && matches!(tokens.get(i + 1), Some(TokenTree::Punct(n)) if n.as_char() == c)
                };
                let after = |c: char| {
                    i > start
                        && matches!(&tokens[i - 1], TokenTree::Punct(b) if b.as_char() == c && b.spacing() == Spacing::Joint)
                };
                match p.as_char() {
                    ',' if angle_depth == 0 => return i,
                    '<' if !joint_with('=') => angle_depth += 1,
                    '>' if !after('-') && !after('=') && !joint_with('=') => {
                        angle_depth = angle_depth.saturating_sub(1);
                    }
                    _ => {}
                }
            }
            TokenTree::Ident(_) if i > start && angle_depth == 0 && starts_argument(tokens, i) => return i,
            _ => {}
        }
        i += 1;
    }
    tokens.len()
}

/// Whether `tokens[i]` reads as the key of a `key = value` argument: an
/// identifier followed by a lone `=` (not `==` or `=>`), and not itself the
/// tail of a path or a field access.
fn starts_argument(tokens: &[TokenTree], i: usize) -> bool {
    let eq_follows = matches!(
        tokens.get(i + 1),
        Some(TokenTree::Punct(p)) if p.as_char() == '=' && p.spacing() == Spacing::Alone
    );
    let in_path = matches!(&tokens[i - 1], TokenTree::Punct(p) if matches!(p.as_char(), ':' | '.'));
    eq_follows && !in_path
}

/// The operator starting at `tokens[i]` (`::`, not `:`), for messages.
fn operator_at(tokens: &[TokenTree], i: usize) -> String {
    let mut text = String::new();
    for token in &tokens[i..] {
        match token {
            TokenTree::Punct(p) => {
                text.push(p.as_char());
                if p.spacing() == Spacing::Alone {
                    break;
                }
            }
            other if text.is_empty() => return describe(other),
            _ => break,
        }
    }
    text
}

/// The text of a token for messages; a group shows its delimiters only.
fn describe(token: &TokenTree) -> String {
    match token {
        TokenTree::Group(g) => match g.delimiter() {
            Delimiter::Parenthesis => "(...)".into(),
            Delimiter::Bracket => "[...]".into(),
            Delimiter::Brace => "{...}".into(),
            Delimiter::None => g.stream().to_string(),
        },
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use quote::quote;
    use syn::parse::Parse;
    use syn::{LitStr, Type};

    use super::*;

    fn split_ok(args: TokenStream) -> Vec<Arg> {
        let mut errors = Errors::default();
        let out = split(args, "a key", &mut errors);
        assert!(errors.is_empty(), "{}", errors.to_compile_errors());
        out
    }

    fn split_err(args: TokenStream) -> (Vec<Arg>, String) {
        let mut errors = Errors::default();
        let out = split(args, "a key", &mut errors);
        (out, errors.to_compile_errors().to_string())
    }

    fn keys(args: &[Arg]) -> Vec<String> {
        args.iter().map(|a| a.key.to_string()).collect()
    }

    #[test]
    fn commas_inside_angle_brackets_stay_in_the_value() {
        let args = split_ok(quote!(auth = Either<A, B>, name = "x", map = a.b::<C, D>(1, 2)));
        assert_eq!(keys(&args), ["auth", "name", "map"]);
        let ty: Type = args[0].parse_value(Type::parse).unwrap();
        assert_eq!(quote!(#ty).to_string(), quote!(Either<A, B>).to_string());
        args[2].parse_value(syn::Expr::parse).unwrap();
    }

    #[test]
    fn arrows_and_comparisons_are_not_brackets() {
        let args = split_ok(quote!(f = make(|x| -> u8 { x }), g = a >= b, h = 1));
        assert_eq!(keys(&args), ["f", "g", "h"]);
    }

    #[test]
    fn a_forgotten_comma_is_one_error_and_the_rest_is_read() {
        let (args, errors) = split_err(quote!(custom name = "x"));
        assert_eq!(keys(&args), ["custom", "name"]);
        assert!(errors.contains("expected `,` before `name`"), "{errors}");
        let (args, errors) = split_err(quote!(name = "x" display_name = "y"));
        assert_eq!(keys(&args), ["name", "display_name"]);
        assert_eq!(errors.matches("compile_error").count(), 1, "{errors}");
    }

    #[test]
    fn a_missing_value_is_reported_at_its_key() {
        let args = split_ok(quote!(app_id =, name = "x"));
        assert_eq!(keys(&args), ["app_id", "name"]);
        let error = args[0].parse_value(|i| i.parse::<LitStr>()).err().unwrap();
        assert_eq!(error.to_string(), "`app_id` needs a value after `=`");
        assert_eq!(args[1].parse_value(|i| i.parse::<LitStr>()).unwrap().value(), "x");
    }

    #[test]
    fn trailing_tokens_after_a_value_are_an_error() {
        let args = split_ok(quote!(version = "1" +));
        let error = args[0].parse_value(|i| i.parse::<LitStr>()).err().unwrap();
        assert!(
            error
                .to_string()
                .starts_with("unexpected `+` after the value of `version`")
        );
    }

    #[test]
    fn parenthesized_values_are_read_only_where_asked_for() {
        let (args, errors) = split_err(quote!(discriminator(field = "a"), secret));
        assert_eq!(keys(&args), ["discriminator", "secret"]);
        assert!(matches!(args[0].value, Value::Broken));
        assert!(errors.contains("found `(...)`"), "{errors}");
        let mut errors = Errors::default();
        let args = split_nested(quote!(discriminator(field = "a"), secret), "a key", &mut errors);
        assert!(errors.is_empty());
        assert_eq!(keys(&args), ["discriminator", "secret"]);
        let Value::Nested(group) = &args[0].value else {
            panic!("not nested")
        };
        assert_eq!(group.stream().to_string(), quote!(field = "a").to_string());
        let error = args[0].string().err().unwrap();
        assert_eq!(
            error.to_string(),
            "`discriminator` takes a value after `=`: `discriminator = ...`"
        );
    }

    #[test]
    fn a_stray_comma_does_not_move_the_first_argument() {
        let (args, errors) = split_err(quote!(, list_accounts));
        assert_eq!(args[0].position, 0);
        assert_eq!(errors.matches("compile_error").count(), 1, "{errors}");
    }

    #[test]
    fn malformed_arguments_are_skipped_up_to_the_next_comma() {
        let (args, errors) = split_err(quote!("quoted", a::b = 1, c));
        assert!(errors.contains("found `::`"), "{errors}");
        assert_eq!(keys(&args), ["a", "c"]);
        assert!(matches!(args[0].value, Value::Broken));
        assert_eq!(args[1].position, 2);
        assert_eq!(errors.matches("compile_error").count(), 2, "{errors}");
    }
}
