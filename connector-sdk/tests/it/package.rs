//! `connector package`: the archive of a connector for the on-premise agent
//! (checked on the scaffolded crate, in `scaffold`), and the errors for what
//! cannot be packaged.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sha2::{Digest, Sha256};

use super::{framework_root, sdk};

fn package(args: &[&str], target_dir: Option<&Path>) -> Output {
    let mut command = sdk();
    command.arg("package").args(args);
    if let Some(dir) = target_dir {
        command.env("CARGO_TARGET_DIR", dir);
    }
    command.output().expect("the SDK binary runs")
}

fn host() -> String {
    let out = Command::new("rustc").arg("-vV").output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: ").map(str::to_owned))
        .unwrap()
}

/// Packages the crate of `manifest` with the dev profile (reusing what its
/// own `cargo run` built) and checks the archive: the executable, its `info`,
/// `metadata.toml`, the licenses of what is compiled in and the checksum; the
/// unpacked executable answers on its own. `call` is a capability call the
/// executable must answer with a response starting with `call[2]`.
pub(super) fn check_packaging(manifest: &Path, app_id: &str, capabilities: &[&str], call: [&str; 3]) {
    let out = tempfile::tempdir().unwrap();
    let output = package(
        &[
            "--manifest-path",
            manifest.to_str().unwrap(),
            "--profile",
            "dev",
            "--out",
            out.path().to_str().unwrap(),
        ],
        Some(&super::shared_target_dir()),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");

    let name = format!("{app_id}-0.1.0-{}.tar.gz", host());
    let archive = out.path().join(&name);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        archive.display().to_string()
    );

    let entries = super::entries(&archive);
    let names: Vec<&str> = entries.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [app_id, "info.json", "metadata.toml", "THIRD_PARTY_LICENSES"]
    );
    let file = |n: &str| &entries.iter().find(|(name, _, _)| name == n).unwrap().2;
    assert_eq!(entries[0].1, 0o755);

    let info: serde_json::Value = serde_json::from_slice(file("info.json")).unwrap();
    assert_eq!(info["response"]["app_id"], app_id);
    assert_eq!(info["response"]["capabilities"], serde_json::json!(capabilities));

    let metadata = String::from_utf8_lossy(file("metadata.toml"));
    assert_eq!(
        metadata,
        format!(
            "[connector]\napp_id = \"{app_id}_on_prem\"\nversion = \"0.1.0\"\nexecutable = \"{app_id}\"\n"
        )
    );

    let licenses = String::from_utf8_lossy(file("THIRD_PARTY_LICENSES"));
    for dependency in [
        "\nserde 1.",
        "\nserde_json 1.",
        "\nclap 4.",
        "\ntokio 1.",
        "\nschemars 1.",
        "\nconnector 0.1.0\n",
    ] {
        assert!(
            licenses.contains(dependency),
            "{dependency} missing from the licenses"
        );
    }
    assert!(licenses.contains("License: MIT OR Apache-2.0"));
    assert!(licenses.contains("--- LICENSE-MIT ---\n"));
    assert!(licenses.contains("Permission is hereby granted, free of charge"));
    assert!(
        !licenses.contains("\nwiremock "),
        "dev-dependencies (the testing kit's mock server) are not shipped"
    );
    assert!(
        !licenses.contains(&format!("\n{app_id} 0.1.0\n")),
        "the connector itself is not third-party"
    );

    let checksum = std::fs::read_to_string(out.path().join(format!("{name}.sha256"))).unwrap();
    let digest: String = Sha256::digest(std::fs::read(&archive).unwrap())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(checksum, format!("{digest}  {name}\n"));

    // The packaged binary runs on its own and answers as info.json says.
    let unpacked = tempfile::tempdir().unwrap();
    tar::Archive::new(flate2::read::GzDecoder::new(
        std::fs::File::open(&archive).unwrap(),
    ))
    .unpack(unpacked.path())
    .unwrap();
    let run = Command::new(unpacked.path().join(app_id))
        .arg("info")
        .output()
        .unwrap();
    assert!(run.status.success());
    assert_eq!(run.stdout, *file("info.json"));
    let run = Command::new(unpacked.path().join(app_id))
        .args([call[0], "--json", call[1]])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(stdout.starts_with(call[2]), "{stdout}");
}

fn tiny_crate(dir: &Path, main: &str) -> PathBuf {
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(
        dir.join("Cargo.toml"),
        "[package]\nname = \"tiny\"\nversion = \"0.2.0\"\nedition = \"2021\"\n\n[workspace]\n",
    )
    .unwrap();
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
    dir.join("Cargo.toml")
}

fn failure(output: &Output) -> String {
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(output.stdout.is_empty());
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn manifests_that_are_not_connectors_are_refused() {
    let root = framework_root();
    let workspace = root.join("Cargo.toml");
    let err = failure(&package(&["--manifest-path", workspace.to_str().unwrap()], None));
    assert!(
        err.contains("describes no package (a workspace manifest?)"),
        "{err}"
    );

    let macros = root.join("connector-macros/Cargo.toml");
    let err = failure(&package(&["--manifest-path", macros.to_str().unwrap()], None));
    assert!(
        err.contains("package `connector-macros` has no binary target"),
        "{err}"
    );

    let err = failure(&package(&["--manifest-path", "/nonexistent/Cargo.toml"], None));
    assert!(err.contains("/nonexistent/Cargo.toml"), "{err}");
}

#[test]
fn a_binary_whose_info_fails_is_not_a_connector() {
    let tmp = tempfile::tempdir().unwrap();
    let manifest = tiny_crate(&tmp.path().join("tiny"), "fn main() { std::process::exit(3) }\n");
    let out = tmp.path().join("out");
    let err = failure(&package(
        &[
            "--manifest-path",
            manifest.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        Some(&tmp.path().join("target")),
    ));
    assert!(
        err.contains("info` failed (exit status: 3): is it a connector?"),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written for a failed package");
}

#[test]
fn a_build_failure_shows_cargos_output() {
    let tmp = tempfile::tempdir().unwrap();
    let manifest = tiny_crate(&tmp.path().join("tiny"), "fn main() { let x: u8 = \"no\"; }\n");
    let err = failure(&package(
        &["--manifest-path", manifest.to_str().unwrap()],
        Some(&tmp.path().join("target")),
    ));
    assert!(err.contains("error: cargo build failed:"), "{err}");
    assert!(err.contains("mismatched types"), "{err}");
}

#[test]
fn a_target_without_its_standard_library_is_refused_before_building() {
    let tmp = tempfile::tempdir().unwrap();
    let manifest = tiny_crate(&tmp.path().join("tiny"), "fn main() {}\n");
    let manifest = manifest.to_str().unwrap();

    let err = failure(&package(
        &["--manifest-path", manifest, "--target", "nowhere-unknown-none"],
        None,
    ));
    assert!(
        err.contains("`nowhere-unknown-none` is not a target rustc knows"),
        "{err}"
    );

    let sysroot = Command::new("rustc")
        .args(["--print", "sysroot"])
        .output()
        .unwrap();
    let sysroot = PathBuf::from(String::from_utf8_lossy(&sysroot.stdout).trim());
    let targets = Command::new("rustc")
        .args(["--print", "target-list"])
        .output()
        .unwrap();
    let missing = String::from_utf8_lossy(&targets.stdout)
        .lines()
        .map(str::to_owned)
        .find(|t| !sysroot.join("lib/rustlib").join(t).exists())
        .expect("some target is not installed");
    let err = failure(&package(
        &["--manifest-path", manifest, "--target", &missing],
        None,
    ));
    assert!(
        err.contains(&format!("run `rustup target add {missing}`")),
        "{err}"
    );
}
