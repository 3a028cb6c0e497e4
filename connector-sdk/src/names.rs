//! App ids and the names derived from them, as the reference derives them.

/// Names that would clash with the crates a connector depends on.
const CRATES: &[&str] = &["connector", "test", "core", "std", "alloc", "proc-macro"];

/// Rust's keywords, reserved ones included: no package, binary or
/// identifier may be one.
const KEYWORDS: &[&str] = &[
    "self", "Self", "super", "crate", "abstract", "as", "async", "await", "become", "box", "break", "const",
    "continue", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual",
    "where", "while", "yield",
];

/// Whether `word` is a Rust keyword.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Checks that `name` can be an app id, a package name and a binary name:
/// lowercase ASCII letters, digits and single hyphens, starting with a letter.
pub fn check_app_id(name: &str) -> Result<(), String> {
    let problem = if name.is_empty() {
        Some("it is empty")
    } else if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        Some("only lowercase letters, digits and hyphens are allowed")
    } else if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
        Some("it must start with a letter")
    } else if name.ends_with('-') || name.contains("--") {
        Some("hyphens must separate words")
    } else if CRATES.contains(&name) || is_keyword(name) {
        Some("it is reserved")
    } else {
        None
    };
    match problem {
        Some(why) => Err(format!(
            "`{name}` is not a valid app id: {why} (example: acme-widgets)"
        )),
        None => Ok(()),
    }
}

/// The names a connector's files are written with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    /// `acme_widgets`: lowercase, spaces and hyphens to underscores.
    pub snake: String,
    /// `acme-widgets`: lowercase, spaces and underscores to hyphens (the app id).
    pub hyphenated: String,
    /// `Acme Widgets`: words title-cased and joined by spaces.
    pub title: String,
    /// `AcmeWidgets`: words title-cased and joined.
    pub pascal: String,
}

impl Names {
    /// Derives every name from `name`.
    pub fn new(name: &str) -> Self {
        let lower = name.to_lowercase();
        let words: Vec<String> = name
            .split([' ', '-', '_'])
            .filter(|w| !w.is_empty())
            .map(title_word)
            .collect();
        Self {
            snake: lower.replace([' ', '-'], "_"),
            hyphenated: lower.replace([' ', '_'], "-"),
            title: words.join(" "),
            pascal: words.concat(),
        }
    }
}

/// Title case of one word: upper case after anything that is not a letter,
/// lower case elsewhere (`3d` → `3D`, `ACME` → `Acme`).
fn title_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut after_letter = false;
    for c in word.chars() {
        if after_letter {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        after_letter = c.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_reference() {
        let n = Names::new("acme-widgets");
        assert_eq!(n.snake, "acme_widgets");
        assert_eq!(n.hyphenated, "acme-widgets");
        assert_eq!(n.title, "Acme Widgets");
        assert_eq!(n.pascal, "AcmeWidgets");
        let n = Names::new("My Cool_app");
        assert_eq!(n.snake, "my_cool_app");
        assert_eq!(n.hyphenated, "my-cool-app");
        assert_eq!(n.title, "My Cool App");
        assert_eq!(n.pascal, "MyCoolApp");
        assert_eq!(Names::new("web3d-x2y").title, "Web3D X2Y");
    }

    #[test]
    fn app_ids_are_checked() {
        for good in ["acme", "acme-widgets", "x2", "a-1-b"] {
            assert!(check_app_id(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "Acme",
            "acme_widgets",
            "2acme",
            "-acme",
            "acme-",
            "ac--me",
            "acme widgets",
            "connector",
            "fn",
            "é",
        ] {
            assert!(check_app_id(bad).is_err(), "{bad}");
        }
        assert_eq!(
            check_app_id("Acme").unwrap_err(),
            "`Acme` is not a valid app id: only lowercase letters, digits and hyphens are allowed (example: acme-widgets)"
        );
    }
}
