//! Messages for input that does not deserialize: where the problem is and
//! what it is, never the offending value.

/// `<path>: <reason>`, or the reason alone at the top of the document.
pub(crate) fn describe(path: &str, reason: &str) -> String {
    let reason = without_echoed_values(reason);
    if path.is_empty() || path == "." {
        reason
    } else {
        format!("{path}: {reason}")
    }
}

/// serde shows the offending value in type and value errors
/// (`invalid type: string "hunter2", expected ...`, ``invalid type: integer
/// `987654321`, expected ...``) and enum errors (``unknown variant `hunter2`,
/// expected ...``); that value may be a secret sent in the wrong place, so
/// only its kind is kept. The value ends at the *last* `, expected`: what
/// follows is the type's own text, while the value may hold anything,
/// `", expected` included.
pub(crate) fn without_echoed_values(reason: &str) -> String {
    for mark in ["invalid type: ", "invalid value: "] {
        if let Some(at) = reason.find(mark) {
            let start = at + mark.len();
            let end = reason.rfind(", expected").filter(|end| *end >= start);
            let shown = &reason[start..end.unwrap_or(reason.len())];
            let kind = shown.split(['`', '"']).next().unwrap_or_default().trim_end();
            let rest = end.map_or("", |end| &reason[end..]);
            return format!("{}{kind}{rest}", &reason[..start]);
        }
    }
    const VARIANT: &str = "unknown variant `";
    if let Some(at) = reason.find(VARIANT) {
        let rest = reason[at..]
            .rfind("`, expected")
            .map_or("", |end| &reason[at + end + 1..]);
        return format!("{}unknown variant{rest}", &reason[..at]);
    }
    reason.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_are_left_out() {
        assert_eq!(
            without_echoed_values(r#"invalid type: string "s3cr3t", expected u32"#),
            "invalid type: string, expected u32"
        );
        assert_eq!(
            without_echoed_values(
                "unknown variant `s3cr3t`, expected one of `aws`, `gcp` at line 1 column 9"
            ),
            "unknown variant, expected one of `aws`, `gcp` at line 1 column 9"
        );
        assert_eq!(
            without_echoed_values("unknown variant `s3cr3t`"),
            "unknown variant"
        );
    }

    #[test]
    fn values_of_every_kind_are_left_out() {
        assert_eq!(
            without_echoed_values("invalid type: integer `987654321`, expected a string at line 1 column 9"),
            "invalid type: integer, expected a string at line 1 column 9"
        );
        assert_eq!(
            without_echoed_values("invalid value: floating point `2.5`, expected u8"),
            "invalid value: floating point, expected u8"
        );
        assert_eq!(
            without_echoed_values("invalid type: sequence, expected a string"),
            "invalid type: sequence, expected a string"
        );
    }

    #[test]
    fn a_value_cannot_fake_the_end_of_itself() {
        let reason =
            r#"invalid type: string "x", expected zz S3CR3T", expected a boolean at line 1 column 40"#;
        assert_eq!(
            without_echoed_values(reason),
            "invalid type: string, expected a boolean at line 1 column 40"
        );
        let reason = "unknown variant `x`, expected zz S3CR3T`, expected `aws` or `gcp`";
        assert_eq!(
            without_echoed_values(reason),
            "unknown variant, expected `aws` or `gcp`"
        );
        let reason = r#"invalid type: string "S3CR3T with no end"#;
        assert_eq!(without_echoed_values(reason), "invalid type: string");
    }
}
