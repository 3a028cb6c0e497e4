//! A capability registered twice stops the program at start-up, before any
//! command runs, with a message naming both functions.

use std::process::Command;

#[test]
fn the_command_line_exits_1_naming_both_registrations() {
    for args in [
        &["info"][..],
        &["validate_credentials", "--json", "{}"],
        &["--help"],
    ] {
        let output = Command::new(crate::DUPLICATE_CAPABILITY)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "error: capability `validate_credentials` of connector `twice` is registered twice: \
             by e2e_duplicate_capability::more:validate_two and by e2e_duplicate_capability:validate_one; \
             keep one of the two `#[capability(validate_credentials)]` functions\n",
            "{args:?}"
        );
    }
}
