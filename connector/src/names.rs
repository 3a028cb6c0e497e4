//! Names derived from snake_case protocol names, as the reference derives them, and the program's own.

/// Title Case of a snake_case name, as the reference derives display names:
/// `list_accounts` → `List Accounts`.
pub fn title_case(name: &str) -> String {
    name.split('_')
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
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
    }
}
