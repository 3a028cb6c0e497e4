//! `connector scaffold`: the crate it writes builds, is formatted and clippy-clean, passes
//! its tests and answers `info`; bad input is refused and leaves nothing behind.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use super::{fixture, framework_root, option_names, sdk, shared_target_dir};

fn cargo_path() -> PathBuf {
    PathBuf::from(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

pub(super) fn cargo(dir: &Path, args: &[&str]) -> Output {
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

    // The same, in connector-py's on-premise layout.
    super::compile::check_compile_on_prem(&dir, "acme-widgets");

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
pub(super) fn clippy_and_test(dir: &Path) -> Output {
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

/// A non-empty directory is refused without `-f` (with or without `-t`) in
/// connector-py's words and exit code; nothing is written. `-f` (or its
/// spelling `--force`) writes beside what is there.
#[test]
fn a_non_empty_directory_is_refused_without_force_overwrite() {
    let fixture = fixture("scaffold.json");
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    for (key, flags) in [("plain", &[][..]), ("tests_only", &["-t"][..])] {
        let refusal = &fixture["refusal"][key];
        let output = sdk()
            .args(["scaffold", "acme"])
            .arg(tmp.path())
            .args(flags)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code().map(i64::from),
            refusal["exit"].as_i64(),
            "{key}"
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            refusal["stdout"].as_str().unwrap()
        );
        let message = refusal["message"]
            .as_str()
            .unwrap()
            .replace("{dir}", &tmp.path().display().to_string());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.trim_end(), format!("error: {message}"), "{key}");
        assert_eq!(listing(tmp.path()), ["notes.txt"], "{key}");
    }

    for force in ["-f", "--force-overwrite", "--force"] {
        let output = sdk()
            .args(["scaffold", "acme", force])
            .arg(tmp.path())
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{force}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("notes.txt")).unwrap(),
            "mine"
        );
        assert!(tmp.path().join("src/capabilities_write.rs").is_file());
    }
}

/// connector-py's `--tests-only` writes exactly the files of a full scaffold
/// whose path contains "test"; ours follows the same rule over our files.
#[test]
fn tests_only_writes_the_files_whose_path_names_a_test() {
    let fixture = fixture("scaffold.json");
    let names = |value: &serde_json::Value| -> Vec<String> {
        value
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    let reference_full = names(&fixture["full"]["files"]);
    let reference_tests = names(&fixture["tests_only"]["files"]);
    let rule =
        |all: &[String]| -> Vec<String> { all.iter().filter(|p| p.contains("test")).cloned().collect() };
    assert_eq!(reference_tests, rule(&reference_full), "the recorded rule");

    let tmp = tempfile::tempdir().unwrap();
    let files = |dir: &Path| -> Vec<String> {
        listing(dir)
            .into_iter()
            .filter(|p| dir.join(p).is_file())
            .collect()
    };
    let full = tmp.path().join("full");
    assert!(
        sdk()
            .args(["scaffold", "acme"])
            .arg(&full)
            .output()
            .unwrap()
            .status
            .success()
    );
    let only = tmp.path().join("only");
    let output = sdk()
        .args(["scaffold", "acme"])
        .arg(&only)
        .arg("--tests-only")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let written = files(&only);
    assert!(!written.is_empty());
    assert!(written.len() < files(&full).len());
    assert_eq!(written, rule(&files(&full)));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), written.len());
    let prefix = fixture["tests_only"]["stdout_prefix"].as_str().unwrap();
    assert!(stdout.lines().all(|l| l.starts_with(prefix)), "{stdout}");
}

/// `-t -f` refreshes an existing crate's tests and nothing else.
#[test]
fn tests_only_with_force_overwrite_rewrites_the_tests_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("acme");
    assert!(
        sdk()
            .args(["scaffold", "acme"])
            .arg(&dir)
            .output()
            .unwrap()
            .status
            .success()
    );
    let main = dir.join("src/main.rs");
    let read = dir.join("tests/capabilities/read.rs");
    let original_read = std::fs::read_to_string(&read).unwrap();
    std::fs::write(&main, "// mine\n").unwrap();
    std::fs::write(&read, "// stale\n").unwrap();
    let output = sdk()
        .args(["scaffold", "acme", "-t", "-f"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(std::fs::read_to_string(&main).unwrap(), "// mine\n");
    assert_eq!(std::fs::read_to_string(&read).unwrap(), original_read);
}

/// connector-py asks for the author on stdin and fails when stdin is closed;
/// ours never reads a stdin that is not a terminal, and leaves the author out.
#[test]
fn a_script_is_never_asked_for_the_author() {
    let fixture = fixture("scaffold.json");
    assert_eq!(fixture["prompt_with_stdin_closed"]["exception"], "EOFError");
    let tmp = tempfile::tempdir().unwrap();
    for stdin in ["", "Ada Lovelace\nada@example.com\n"] {
        let dir = tmp.path().join(format!("acme{}", stdin.len()));
        let mut child = sdk()
            .args(["scaffold", "acme"])
            .arg(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!all.contains("Author"), "{all}");
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        assert!(!manifest.contains("authors"), "{manifest}");
        assert!(
            !std::fs::read_to_string(dir.join("README.md"))
                .unwrap()
                .contains("Written by")
        );
    }
}

/// At a terminal the missing author is asked for with connector-py's
/// prompts (on stderr: stdout lists the files written); an empty answer
/// leaves it out.
#[test]
fn a_person_at_a_terminal_is_asked_for_the_author() {
    let fixture = fixture("scaffold.json");
    let prompts: Vec<&str> = fixture["prompt_answered"]["prompts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(prompts.len(), 2);

    let mut shown = Vec::new();
    let mut input = "  Ada Lovelace \n\n".as_bytes();
    let name = connector_sdk::scaffold::ask(prompts[0], &mut input, &mut shown).unwrap();
    let email = connector_sdk::scaffold::ask(prompts[1], &mut input, &mut shown).unwrap();
    assert_eq!((name.as_deref(), email), (Some("Ada Lovelace"), None));
    assert_eq!(String::from_utf8(shown).unwrap(), prompts.concat());
    let mut closed = "".as_bytes();
    assert_eq!(
        connector_sdk::scaffold::ask("x", &mut closed, &mut Vec::new()).unwrap(),
        None
    );

    // The real thing, through a pseudo-terminal (util-linux `script`).
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("acme");
    let command = format!(
        "'{}' scaffold acme '{}'",
        env!("CARGO_BIN_EXE_connector"),
        dir.display()
    );
    let mut child = Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("util-linux `script` runs");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"Ada Lovelace\nada@example.com\n").unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    let screen = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{screen}");
    assert!(
        screen.contains(prompts[0]) && screen.contains(prompts[1]),
        "{screen}"
    );
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).unwrap();
    assert!(
        manifest.contains("authors = [\"Ada Lovelace <ada@example.com>\"]"),
        "{manifest}"
    );
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
        .args(["scaffold", "acme", "--force-overwrite"])
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
fn scaffold_takes_every_option_connector_py_takes() {
    let fixture = fixture("scaffold.json");
    let ours = option_names("scaffold");
    for option in fixture["options"].as_array().unwrap() {
        let option = option.as_str().unwrap();
        assert!(ours.iter().any(|o| o == option), "{option}: {ours:?}");
    }
    let output = sdk().args(["scaffold", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    for option in ["--sdk-path", "<NAME>", "<DIR>"] {
        assert!(help.contains(option), "{option}: {help}");
    }
}
