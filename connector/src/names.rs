//! Names derived from snake_case protocol names, as the reference derives them, and the program's own.

/// Title Case of a snake_case name, as the reference derives display names
/// and field titles (Python's `str.title()` with `_` as a space): a letter
/// is upper case after anything but a letter, so `list_accounts` → `List
/// Accounts` and `x5t` → `X5T`.
pub fn title_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut after_letter = false;
    for c in name.chars() {
        let cased = c.is_lowercase() || c.is_uppercase();
        if cased && after_letter {
            out.extend(c.to_lowercase());
        } else if cased {
            out.extend(c.to_uppercase());
        } else {
            out.push(if c == '_' { ' ' } else { c });
        }
        after_letter = cased;
    }
    out.trim().to_owned()
}

/// The file name of the program (a command line's first argument), as
/// usage texts and log files name it.
pub(crate) fn program_name(first: Option<&std::ffi::OsString>) -> Option<String> {
    let path = std::path::Path::new(first?);
    Some(path.file_name()?.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn title_case_matches_the_reference() {
        assert_eq!(super::title_case("list_accounts"), "List Accounts");
        assert_eq!(super::title_case("echo_text"), "Echo Text");
        assert_eq!(super::title_case("app_info"), "App Info");
        assert_eq!(super::title_case("x5t#S256"), "X5T#S256");
        assert_eq!(super::title_case("oauth1"), "Oauth1");
    }
}
