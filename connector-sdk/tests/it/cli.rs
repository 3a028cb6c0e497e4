//! The command's own surface: version, the protocol document, usage errors,
//! and the same command run as `cargo connector`.

use std::process::{Command, Output};

use super::{fixture, sdk};

fn cargo_connector() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cargo-connector"))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `--version`, `-v` and no arguments at all answer as connector-py's
/// `connector` does: the bare version (ours, where it printed its own) and a
/// newline, or nothing; exit 0 either way.
#[test]
fn version_and_no_arguments_answer_as_connector_py_does() {
    let fixture = fixture("version.json");
    let cases = fixture["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 3);
    for case in cases {
        let args: Vec<&str> = case["argv"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        let stdout_expected = case["stdout"]
            .as_str()
            .unwrap()
            .replace("{version}", env!("CARGO_PKG_VERSION"));
        let expected = (
            case["exit"].as_i64(),
            stdout_expected,
            case["stderr"].as_str().unwrap(),
        );
        let output = sdk().args(&args).output().unwrap();
        let actual = (
            output.status.code().map(i64::from),
            stdout(&output),
            &*String::from_utf8_lossy(&output.stderr),
        );
        assert_eq!(actual, expected, "connector {args:?}");
        // Cargo runs a subcommand with its own name repeated as the first argument.
        let output = cargo_connector().arg("connector").args(&args).output().unwrap();
        assert_eq!(
            output.status.code().map(i64::from),
            expected.0,
            "cargo connector {args:?}"
        );
        assert_eq!(stdout(&output), expected.1, "cargo connector {args:?}");
    }
}

#[test]
fn the_version_is_the_bare_crate_version() {
    let output = sdk().arg("-v").output().unwrap();
    assert_eq!(stdout(&output), format!("{}\n", env!("CARGO_PKG_VERSION")));
    // connector-py checks --version before the command: so do we.
    let output = sdk().args(["--version", "spec"]).output().unwrap();
    assert!(output.status.success());
    assert_eq!(stdout(&output), format!("{}\n", env!("CARGO_PKG_VERSION")));
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
    for name in ["spec", "scaffold", "compile-on-prem", "package"] {
        assert!(help.contains(name), "{help}");
    }
}
