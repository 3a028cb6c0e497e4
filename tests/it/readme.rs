//! The README's first example, pasted into a fresh crate as a new user would:
//! its `Cargo.toml` (with the framework taken from this checkout) and its
//! `src/main.rs` build, and the connector answers. Also: docs/deploy.md shows
//! the Dockerfile as it is, and its build command is the benchmark's.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

/// The first fenced block of `language` after `heading`.
fn block_after<'a>(text: &'a str, heading: &str, language: &str) -> &'a str {
    let section = &text[text
        .find(heading)
        .unwrap_or_else(|| panic!("README has no {heading:?}"))..];
    let fence = format!("```{language}\n");
    let start = section
        .find(&fence)
        .unwrap_or_else(|| panic!("no {language} block after {heading:?}"))
        + fence.len();
    let len = section[start..].find("```\n").expect("the block ends");
    &section[start..start + len]
}

fn cargo(dir: &Path, args: &[&str]) -> Output {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        // A warm cache: the framework's dependencies are built once for the whole run.
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs")
}

fn answer(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the connector prints JSON")
}

/// The built connector's answer to `capability` with this request envelope.
fn call(dir: &Path, capability: &str, request: &Value) -> Value {
    let json = request.to_string();
    answer(&cargo(
        dir,
        &["run", "--offline", "--quiet", "--", capability, "--json", &json],
    ))
}

#[test]
fn the_first_example_builds_in_a_fresh_crate_and_answers() {
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let heading = "## Write your first connector";
    let manifest = block_after(&readme, heading, "toml");
    let main = block_after(&readme, heading, "rust");
    let framework = workspace_root().join("connector");
    let released = "connector = \"0.1\"\n";
    assert!(
        manifest.contains(released),
        "the README depends on a released version: {manifest}"
    );
    let manifest = manifest.replace(
        released,
        &format!("connector = {{ path = {:?} }}\n", framework.display().to_string()),
    );

    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    std::fs::create_dir(dir.join("src")).unwrap();
    // `[workspace]`: a crate of its own. The profile is the one scaffolded
    // crates have, so this build shares the dependencies the scaffold's test
    // built in the same target directory.
    let profile = "[profile.dev.package.\"*\"]\ndebug = \"line-tables-only\"\n";
    std::fs::write(
        dir.join("Cargo.toml"),
        format!("{manifest}\n{profile}\n[workspace]\n"),
    )
    .unwrap();
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
    // The framework's lock file pins the versions already built, and keeps
    // the build off the network.
    std::fs::copy(workspace_root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    let build = cargo(dir, &["build", "--offline", "--quiet"]);
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );

    let info = answer(&cargo(dir, &["run", "--offline", "--quiet", "--", "info"]));
    assert_eq!(info["response"]["app_id"], "acme");
    assert_eq!(
        info["response"]["capabilities"],
        json!(["app_info", "echo_text", "list_accounts", "validate_credentials"])
    );

    let request = json!({
        "auth": {"token": {"token": "t0k"}},
        "settings": {"base_url": "https://acme.example"},
        "request": {"text": "hi"},
    });
    let echoed = call(dir, "echo_text", &request);
    assert_eq!(echoed["response"], json!({"echoed": ["hi", "hi"]}));

    let mut request = request;
    request["request"] = json!({});
    request["page"] = json!({"size": 2});
    let first = call(dir, "list_accounts", &request);
    let names: Vec<&str> = first["response"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["integration_specific_id"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["ada", "grace"]);
    request["page"] = first["page"].clone();
    let second = call(dir, "list_accounts", &request);
    assert_eq!(second["response"][0]["integration_specific_id"], "linus");
    assert_eq!(second["page"], Value::Null);
}

/// The cargo command of the line of `text` that runs it, its `-q` and
/// `--locked` left out (they change what is printed and checked, not what is built).
fn build_command(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| l.contains("cargo build"))
        .expect("a cargo build line");
    let command = &line[line.find("cargo build").unwrap()..];
    command
        .split_whitespace()
        .filter(|word| !matches!(*word, "-q" | "--locked"))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn the_deploy_page_shows_the_dockerfile_whose_build_the_benchmark_runs() {
    let root = workspace_root();
    let read = |path: &str| std::fs::read_to_string(root.join(path)).unwrap();
    let dockerfile = read("examples/mock-connector/Dockerfile");
    let page = read("docs/deploy.md");
    assert_eq!(
        block_after(&page, "## The container image", "dockerfile"),
        dockerfile,
        "docs/deploy.md shows the Dockerfile as it is"
    );
    assert_eq!(
        build_command(&dockerfile),
        build_command(&read("bench/startup.sh"))
    );
    assert_eq!(
        build_command(&dockerfile),
        "cargo build --release -p mock-connector"
    );
}
