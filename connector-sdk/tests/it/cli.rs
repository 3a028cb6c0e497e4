//! The command's own surface: version, the protocol document, usage errors,
//! and the same command run as `cargo connector`.

use std::process::{Command, Output};

use super::sdk;

fn cargo_connector() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cargo-connector"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn version_is_printed_by_both_entries() {
    let expected = format!("connector {}\n", env!("CARGO_PKG_VERSION"));
    for args in [&["--version"][..], &["-v"]] {
        let output = sdk().args(args).output().unwrap();
        assert!(output.status.success());
        assert_eq!(stdout(&output), expected);
    }
    // Cargo runs a subcommand with its own name repeated as the first argument.
    let output = cargo_connector()
        .args(["connector", "--version"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(stdout(&output), expected);
}

#[test]
fn spec_prints_the_protocols_openapi_document() {
    let output = sdk().arg("spec").output().unwrap();
    assert!(output.status.success());
    let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["openapi"], "3.1.0");
    let paths = document["paths"].as_object().unwrap();
    assert!(paths.keys().any(|p| p.ends_with("list_accounts")), "{paths:?}");
    assert!(document["components"]["schemas"]["ErrorResponse"].is_object());
}

#[test]
fn usage_errors_exit_2_and_name_the_command() {
    let output = sdk().arg("scafold").output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unrecognized subcommand 'scafold'"), "{stderr}");
    assert!(stderr.contains("scaffold"), "a suggestion: {stderr}");

    let output = cargo_connector()
        .args(["connector", "package", "--nope"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("cargo connector package"), "{stderr}");
}

#[test]
fn help_lists_the_subcommands() {
    let output = sdk().arg("--help").output().unwrap();
    assert!(output.status.success());
    let help = stdout(&output);
    for name in ["spec", "scaffold", "package"] {
        assert!(help.contains(name), "{help}");
    }
}
