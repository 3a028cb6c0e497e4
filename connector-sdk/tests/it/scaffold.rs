//! `connector scaffold`: the crate it writes builds, is formatted and clippy-clean, passes
//! its tests and answers `info`; bad input is refused and leaves nothing behind.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::{framework_root, sdk, shared_target_dir};

fn cargo_path() -> PathBuf {
    PathBuf::from(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn cargo(dir: &Path, args: &[&str]) -> Output {
    run_cargo(dir, args, &[])
}

fn run_cargo(dir: &Path, args: &[&str], env: &[(&str, &Path)]) -> Output {
    let output = Command::new(cargo_path())
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", shared_target_dir())
        .envs(env.iter().copied())
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo {} failed in {}:\n{}\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            out.push(path.strip_prefix(dir).unwrap().display().to_string());
            if path.is_dir() {
                stack.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_scaffolded_crate_builds_passes_its_tests_answers_info_and_is_packaged() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("acme-widgets");
    let output = sdk()
        .args(["scaffold", "acme-widgets"])
        .arg(&dir)
        .arg("--sdk-path")
        .arg(framework_root())
        .args([
            "--author-name",
            "Ada Lovelace",
            "--author-email",
            "ada@example.com",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        stdout.lines().count(),
        listing(&dir).iter().filter(|p| dir.join(p).is_file()).count()
    );
    assert!(stdout.lines().all(|l| l.starts_with("scaffolding: ")), "{stdout}");
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"acme-widgets\""), "{manifest}");
    assert!(
        manifest.contains("authors = [\"Ada Lovelace <ada@example.com>\"]"),
        "{manifest}"
    );
    assert!(manifest.contains("\n[workspace]\n"), "{manifest}");
    let main = std::fs::read_to_string(dir.join("src/main.rs")).unwrap();
    assert!(main.contains("app_id = \"acme-widgets\""), "{main}");
    assert!(main.contains("pub struct AcmeWidgets;"), "{main}");

    // The framework's lock file pins the versions this workspace already built.
    std::fs::copy(framework_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    cargo(&dir, &["fmt", "--check"]);
    let tests = clippy_and_test(&dir);
    let report = String::from_utf8_lossy(&tests.stdout);
    assert!(
        report.contains("test read::validate_credentials ... ok"),
        "{report}"
    );
    assert!(
        report.contains("test every_registered_capability_has_a_case ... ok"),
        "{report}"
    );
    assert!(
        report.contains("ignored, register list_accounts in src/capabilities_read.rs first"),
        "{report}"
    );

    let info = cargo(&dir, &["run", "-q", "--", "info"]);
    let info: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(info["response"]["app_id"], "acme-widgets");
    assert_eq!(info["response"]["user_friendly_name"], "Acme Widgets");
    assert_eq!(
        info["response"]["capabilities"],
        serde_json::json!(["app_info", "validate_credentials"])
    );

    // What the author ships: the archive for the on-premise agent.
    super::package::check_packaging(
        &dir.join("Cargo.toml"),
        "acme-widgets",
        &["app_info", "validate_credentials"],
        [
            "app_info",
            r#"{"request":{}}"#,
            r#"{"response":{"app_id":"acme-widgets","#,
        ],
    );

    // Registering every function the scaffold wrote type-checks each one
    // against the protocol, and every case then passes.
    for file in ["src/capabilities_read.rs", "src/capabilities_write.rs"] {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, text.replace("// #[capability(", "#[capability(")).unwrap();
    }
    let tests = cargo(&dir, &["test", "--", "--include-ignored"]);
    let report = String::from_utf8_lossy(&tests.stdout);
    assert!(
        report.contains("test result: ok. 40 passed; 0 failed"),
        "{report}"
    );
}

/// `cargo test` with every warning, clippy's included, an error. Where the
/// toolchain has clippy-driver beside cargo, it lints while the test build
/// compiles (one pass over the dependencies instead of a check and a build).
fn clippy_and_test(dir: &Path) -> Output {
    let manifest = dir.join("Cargo.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, format!("{text}\n[lints.rust]\nwarnings = \"deny\"\n")).unwrap();
    let driver = cargo_path().with_file_name("clippy-driver");
    let output = if driver.is_file() {
        run_cargo(dir, &["test"], &[("RUSTC_WORKSPACE_WRAPPER", &driver)])
    } else {
        cargo(dir, &["clippy", "--all-targets"]);
        cargo(dir, &["test"])
    };
    std::fs::write(&manifest, text).unwrap();
    output
}

#[test]
fn a_non_empty_directory_is_refused_without_force() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let output = sdk().args(["scaffold", "acme"]).arg(tmp.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "Directory {} is not empty, use --force",
            tmp.path().display()
        )),
        "{stderr}"
    );
    assert_eq!(listing(tmp.path()), ["notes.txt"]);

    let output = sdk()
        .args(["scaffold", "acme", "--force"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
        "mine"
    );
    assert!(tmp.path().join("src/capabilities_write.rs").is_file());
}

#[test]
fn names_that_are_not_app_ids_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new");
    for name in [
        "Acme",
        "acme_widgets",
        "acme widgets",
        "9lives",
        "-acme",
        "acme-",
        "a--b",
        "connector",
        "",
    ] {
        let output = sdk().args(["scaffold", "--", name]).arg(&dir).output().unwrap();
        assert_eq!(output.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("`{name}` is not a valid app id")),
            "{name}: {stderr}"
        );
        assert!(!dir.exists(), "{name}");
    }
}

#[test]
fn a_failure_part_way_leaves_nothing_behind() {
    let tmp = tempfile::tempdir().unwrap();
    // README.md is written last; a directory in its place makes that write fail.
    std::fs::create_dir(tmp.path().join("README.md")).unwrap();
    std::fs::write(tmp.path().join("README.md/keep.txt"), "kept").unwrap();
    std::fs::write(tmp.path().join("Cargo.toml"), "old manifest").unwrap();
    let before = listing(tmp.path());
    let output = sdk()
        .args(["scaffold", "acme", "--force"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("Failed to scaffold connector"), "{stderr}");
    assert_eq!(listing(tmp.path()), before);
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("Cargo.toml")).unwrap(),
        "old manifest"
    );

    // A directory that did not exist is not left behind either.
    let fresh = tmp.path().join("README.md/deeper/acme");
    let output = sdk()
        .args(["scaffold", "acme"])
        .arg(&fresh)
        .arg("--sdk-path")
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is the framework's `connector` crate"));
    assert!(!tmp.path().join("README.md/deeper").exists());
}

#[test]
fn scaffold_help_names_its_options() {
    let output = sdk().args(["scaffold", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    for option in [
        "--author-name",
        "--author-email",
        "--force",
        "--sdk-path",
        "<NAME>",
        "<DIR>",
    ] {
        assert!(help.contains(option), "{option}: {help}");
    }
}
