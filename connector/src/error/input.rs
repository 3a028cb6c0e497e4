//! Messages for input that does not deserialize: where the problem is and
//! what it is, never the offending value.

/// `<path>: <reason>`, or the reason alone at the top of the document.
pub(crate) fn describe(path: &str, reason: &str) -> String {
    let reason = without_echoed_strings(reason);
    if path.is_empty() || path == "." {
        reason
    } else {
        format!("{path}: {reason}")
    }
}

/// serde quotes the offending string value in type errors
/// (`invalid type: string "hunter2", expected ...`) and enum errors
/// (``unknown variant `hunter2`, expected ...``); that value may be a
/// secret sent in the wrong place, so it is left out.
pub(crate) fn without_echoed_strings(reason: &str) -> String {
    without_unknown_variant(&without_quoted_strings(reason))
}

fn without_unknown_variant(reason: &str) -> String {
    const MARK: &str = "unknown variant `";
    let Some(at) = reason.find(MARK) else {
        return reason.to_owned();
    };
    let after = &reason[at + MARK.len()..];
    let rest = after.find("`, ").map_or("", |end| &after[end + 1..]);
    format!("{}unknown variant{rest}", &reason[..at])
}

fn without_quoted_strings(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len());
    let mut rest = reason;
    while let Some(at) = rest.find("string \"") {
        out.push_str(&rest[..at + "string".len()]);
        let after_quote = &rest[at + "string \"".len()..];
        match after_quote.find("\", expected") {
            Some(end) => rest = &after_quote[end + 1..],
            None => {
                rest = "";
                out.push_str(" value");
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_are_left_out() {
        assert_eq!(
            without_echoed_strings(r#"invalid type: string "s3cr3t", expected u32"#),
            "invalid type: string, expected u32"
        );
        assert_eq!(
            without_echoed_strings(
                "unknown variant `s3cr3t`, expected one of `aws`, `gcp` at line 1 column 9"
            ),
            "unknown variant, expected one of `aws`, `gcp` at line 1 column 9"
        );
        assert_eq!(
            without_echoed_strings("unknown variant `s3cr3t`"),
            "unknown variant"
        );
    }
}
