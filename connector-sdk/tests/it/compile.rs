//! `connector compile-on-prem`: the bundle connector-py's command of the same
//! name makes (its archive name, root members, `metadata.toml` bytes,
//! stdout and progress lines, data-file checks), compared with what it was
//! recorded doing; our extras beside them.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use super::{fixture, option_names, sdk};

/// A crate whose binary answers `info` as a connector does, naming `demo`;
/// its version is connector-py's scaffold's.
fn tiny_connector(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"demo-connector\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("src/main.rs"),
        r#"fn main() {
    if std::env::args().nth(1).as_deref() == Some("info") {
        println!("{{\"response\":{{\"app_id\":\"demo\"}}}}");
    }
}
"#,
    )
    .unwrap();
    dir.to_path_buf()
}

fn compile(args: &[&str], cwd: &Path, target_dir: &Path) -> Output {
    sdk()
        .arg("compile-on-prem")
        .args(args)
        .current_dir(cwd)
        .env("CARGO_TARGET_DIR", target_dir)
        .output()
        .expect("the SDK binary runs")
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("not an array: {value}"))
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The recorded full compile, redone on a Rust connector: the same command
/// line (with --connector-root-module-dir naming the crate), the same
/// archive path on stdout, the same progress lines on stderr, `main` and
/// `metadata.toml` at the root as connector-py writes them, each data file
/// at its relative path; `info.json`, the licenses and the checksum as extras.
#[test]
fn a_bundle_is_laid_out_as_connector_pys() {
    let fixture = fixture("compile_on_prem.json");
    let recorded = &fixture["compile"];
    let tmp = tempfile::tempdir().unwrap();
    let krate = tiny_connector(&tmp.path().join("demo"));
    std::fs::create_dir_all(krate.join("data/sub")).unwrap();
    std::fs::write(krate.join("data/roles.csv"), "role,name\n").unwrap();
    std::fs::write(krate.join("data/sub/notes.txt"), "notes\n").unwrap();
    std::fs::write(krate.join("top.txt"), "top\n").unwrap();
    let out = tmp.path().join("out");

    let mut args = vec![
        "--app-id".to_owned(),
        "demo".to_owned(),
        "--connector-root-module-dir".to_owned(),
        krate.display().to_string(),
        "--output-directory".to_owned(),
        out.display().to_string(),
    ];
    let data_files = strings(&recorded["data_files"]);
    for data_file in &data_files {
        args.extend(["--data-file".to_owned(), data_file.clone()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = compile(&args, tmp.path(), &tmp.path().join("target"));
    let stderr = text(&output.stderr);
    assert_eq!(
        output.status.code().map(i64::from),
        recorded["exit"].as_i64(),
        "{stderr}"
    );

    let out_text = out.display().to_string();
    let stdout = text(&output.stdout);
    let last = recorded["stdout_last_line"]
        .as_str()
        .unwrap()
        .replace("{out}", &out_text);
    assert_eq!(stdout.lines().last(), Some(last.as_str()), "{stdout}");
    for line in strings(&recorded["stderr_progress"]) {
        // PyInstaller's executable is not ours: the "Compiled to:" path
        // differs; every other line is the same once {out} is ours.
        let (prefix, exact) = match line.find("{out}") {
            Some(at) if line.contains("/dist/") => (line[..at].to_owned(), false),
            _ => (line.replace("{out}", &out_text), true),
        };
        assert!(
            stderr.lines().any(|l| if exact {
                l == prefix
            } else {
                l.starts_with(&prefix)
            }),
            "{line:?} missing from\n{stderr}"
        );
    }

    let archive = PathBuf::from(&last);
    let entries = super::entries(&archive);
    let names: Vec<&str> = entries.iter().map(|(n, _, _)| n.as_str()).collect();
    let file = |n: &str| {
        &entries
            .iter()
            .find(|(name, _, _)| name == n)
            .unwrap_or_else(|| panic!("{n} missing from {names:?}"))
            .2
    };
    let mode = |n: &str| entries.iter().find(|(name, _, _)| name == n).unwrap().1;
    let mut root: Vec<&str> = names.iter().map(|n| n.split('/').next().unwrap()).collect();
    root.sort_unstable();
    root.dedup();
    let reference_root = strings(&recorded["archive_root"]);
    // PyInstaller's `_internal/` holds the interpreter and libraries a Rust
    // executable does not need.
    for name in reference_root.iter().filter(|n| *n != "_internal") {
        assert!(root.contains(&name.as_str()), "{name}: {root:?}");
    }
    assert_eq!(
        root,
        [
            "THIRD_PARTY_LICENSES.txt",
            "data",
            "info.json",
            "main",
            "metadata.toml",
            "top.txt"
        ]
    );
    assert_eq!(i64::from(mode("main")), recorded["main_mode"].as_i64().unwrap());
    assert_eq!(
        text(file("metadata.toml")),
        recorded["metadata_toml"].as_str().unwrap()
    );
    assert_eq!(
        names.last(),
        Some(&"metadata.toml"),
        "written last, as connector-py does"
    );
    assert_eq!(text(file("info.json")), "{\"response\":{\"app_id\":\"demo\"}}\n");
    assert!(text(file("THIRD_PARTY_LICENSES.txt")).starts_with("Third-party software compiled into demo"));

    // A single data file lands at its relative path; connector-py puts it at
    // the same path under `_internal/`, where its executable looks.
    let reference_members = strings(&recorded["data_members"]);
    for single in ["data/roles.csv", "top.txt"] {
        assert!(
            reference_members.contains(&format!("_internal/{single}")),
            "{reference_members:?}"
        );
        assert!(names.contains(&single), "{single}: {names:?}");
    }
    assert_eq!(text(file("data/roles.csv")), "role,name\n");
    // A folder keeps its own name (PyInstaller drops it: data/sub/notes.txt
    // became _internal/data/notes.txt).
    assert!(reference_members.contains(&"_internal/data/notes.txt".to_owned()));
    assert_eq!(text(file("data/sub/notes.txt")), "notes\n");

    // connector-py leaves PyInstaller's dist/, spec/ and work/ beside bundled/.
    assert!(strings(&recorded["output_directory"]).contains(&"bundled".to_owned()));
    let mut made: Vec<String> = std::fs::read_dir(out.join("bundled"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    made.sort();
    assert_eq!(made, ["demo-0.1.0.tar.gz", "demo-0.1.0.tar.gz.sha256"]);

    // The unpacked `main` runs on its own.
    let unpacked = tempfile::tempdir().unwrap();
    tar::Archive::new(flate2::read::GzDecoder::new(
        std::fs::File::open(&archive).unwrap(),
    ))
    .unpack(unpacked.path())
    .unwrap();
    let run = Command::new(unpacked.path().join("main"))
        .arg("info")
        .output()
        .unwrap();
    assert_eq!(run.stdout, *file("info.json"));
}

/// For each app id connector-py was recorded bundling, ours names the
/// archive and writes `metadata.toml` byte for byte as it did (an id already
/// ending in `_on_prem` does not get the suffix twice). An id that is not
/// the connector's own is used as given, with a warning.
#[test]
fn archive_names_and_metadata_match_connector_py_for_each_app_id() {
    let fixture = fixture("compile_on_prem.json");
    let bundles = fixture["bundles"].as_array().unwrap();
    assert!(bundles.len() >= 3);
    let tmp = tempfile::tempdir().unwrap();
    let krate = tiny_connector(&tmp.path().join("demo"));
    for bundle in bundles {
        let app_id = bundle["app_id"].as_str().unwrap();
        assert_eq!(bundle["version"], "0.1.0", "the tiny connector's version");
        let out = tmp.path().join(app_id);
        let output = compile(
            &[
                "--app-id",
                app_id,
                "--crate-dir",
                krate.to_str().unwrap(),
                "--output-directory",
                out.to_str().unwrap(),
                "--profile",
                "dev",
            ],
            tmp.path(),
            &tmp.path().join("target"),
        );
        let stderr = text(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        let archive = out.join("bundled").join(bundle["archive"].as_str().unwrap());
        assert_eq!(text(&output.stdout), format!("{}\n", archive.display()));
        let entries = super::entries(&archive);
        let (_, mode, metadata) = entries.iter().find(|(n, _, _)| n == "metadata.toml").unwrap();
        assert_eq!(
            text(metadata),
            bundle["metadata_toml"].as_str().unwrap(),
            "{app_id}"
        );
        assert_eq!(i64::from(*mode), bundle["metadata_toml_mode"].as_i64().unwrap());
        let warned = stderr.contains("is not the connector's own app id `demo`");
        assert_eq!(warned, !app_id.starts_with("demo"), "{app_id}: {stderr}");
    }
}

/// Without --output-directory the bundle goes to ./compiled/<app id>-<UTC
/// time>, the time written as connector-py writes it; without --app-id the
/// connector's own names it.
#[test]
fn the_default_output_directory_is_named_as_connector_pys() {
    let fixture = fixture("compile_on_prem.json");
    let recorded = &fixture["default_output_directory"];
    let tmp = tempfile::tempdir().unwrap();
    let cwd = tmp.path().join("work");
    let krate = tiny_connector(&cwd.join("demo"));
    let output = compile(
        &["--manifest-path", "demo/Cargo.toml", "--profile", "dev"],
        &cwd,
        &tmp.path().join("target"),
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    assert!(krate.join("Cargo.toml").is_file());
    let parent = cwd.join(recorded["parent"].as_str().unwrap());
    let made: Vec<String> = std::fs::read_dir(&parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(made.len(), 1);
    let shape: String = made[0]
        .chars()
        .map(|c| if c.is_ascii_digit() { '9' } else { c })
        .collect();
    assert_eq!(shape, recorded["name_shape"][0].as_str().unwrap());
    let archive = parent.join(&made[0]).join("bundled/demo-0.1.0.tar.gz");
    assert_eq!(text(&output.stdout), format!("{}\n", archive.display()));
}

/// An absolute or missing --data-file is refused as connector-py refuses
/// it, before anything is built or written.
#[test]
fn data_files_are_checked_as_connector_py_checks_them() {
    let fixture = fixture("compile_on_prem.json");
    let tmp = tempfile::tempdir().unwrap();
    let krate = tiny_connector(&tmp.path().join("demo"));
    let dir = krate.display().to_string();
    for key in ["absolute", "missing"] {
        let recorded = &fixture["data_file_errors"][key];
        let target = tmp.path().join(format!("target-{key}"));
        let output = compile(
            &[
                "--app-id",
                "demo",
                "--connector-root-module-dir",
                &dir,
                "--data-file",
                recorded["data_file"].as_str().unwrap(),
            ],
            tmp.path(),
            &target,
        );
        assert_eq!(
            output.status.code().map(i64::from),
            recorded["exit"].as_i64(),
            "{key}"
        );
        assert_eq!(
            text(&output.stdout),
            recorded["stdout"].as_str().unwrap(),
            "{key}"
        );
        let message = recorded["message"].as_str().unwrap().replace("{dir}", &dir);
        assert_eq!(
            text(&output.stderr).trim_end(),
            format!("error: {message}"),
            "{key}"
        );
        assert!(!target.exists(), "{key}: nothing is built");
        assert_eq!(recorded["created_anything"], false);
        assert!(!tmp.path().join("compiled").exists(), "{key}: nothing is written");
    }

    let output = compile(
        &[
            "--connector-root-module-dir",
            &dir,
            "--data-file",
            "../demo/top.txt",
        ],
        tmp.path(),
        &tmp.path().join("target-parent"),
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output.stderr).contains("must stay inside connector-root-module-dir"));
}

#[test]
fn a_directory_without_cargo_toml_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("main.py"), "").unwrap();
    let output = compile(
        &[
            "--app-id",
            "demo",
            "--connector-root-module-dir",
            tmp.path().to_str().unwrap(),
        ],
        tmp.path(),
        &tmp.path().join("target"),
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!(
            "{} has no Cargo.toml: --connector-root-module-dir (or --crate-dir) names the connector crate's directory",
            tmp.path().display()
        )),
        "{stderr}"
    );
}

#[test]
fn compile_on_prem_takes_every_option_connector_py_takes() {
    let fixture = fixture("compile_on_prem.json");
    let ours = option_names("compile-on-prem");
    for option in strings(&fixture["options"]) {
        assert!(ours.contains(&option), "{option}: {ours:?}");
    }
}

/// `compile-on-prem` on a real connector crate (built beforehand with the
/// dev profile, which is reused): the bundle's `main` answers `info` as the
/// crate's own binary does.
pub(super) fn check_compile_on_prem(crate_dir: &Path, app_id: &str) {
    let out = tempfile::tempdir().unwrap();
    let output = compile(
        &[
            "--app-id",
            app_id,
            "--connector-root-module-dir",
            crate_dir.to_str().unwrap(),
            "--output-directory",
            out.path().to_str().unwrap(),
            "--profile",
            "dev",
        ],
        out.path(),
        &super::shared_target_dir(),
    );
    assert!(output.status.success(), "{}", text(&output.stderr));
    let archive = out.path().join(format!("bundled/{app_id}-0.1.0.tar.gz"));
    assert_eq!(text(&output.stdout), format!("{}\n", archive.display()));
    let entries = super::entries(&archive);
    let info = &entries.iter().find(|(n, _, _)| n == "info.json").unwrap().2;
    let licenses = text(
        &entries
            .iter()
            .find(|(n, _, _)| n == "THIRD_PARTY_LICENSES.txt")
            .unwrap()
            .2,
    );
    assert!(
        licenses.contains("\nserde_json 1."),
        "the connector's dependencies"
    );
    let unpacked = tempfile::tempdir().unwrap();
    tar::Archive::new(flate2::read::GzDecoder::new(
        std::fs::File::open(&archive).unwrap(),
    ))
    .unpack(unpacked.path())
    .unwrap();
    let run = Command::new(unpacked.path().join("main"))
        .arg("info")
        .output()
        .unwrap();
    assert!(run.status.success());
    assert_eq!(run.stdout, *info);
    let parsed: Value = serde_json::from_slice(info).unwrap();
    assert_eq!(parsed["response"]["app_id"], app_id);
}
