//! The `dev` command group (alias `hacking`): tools for running a connector
//! outside the platform.

use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};

use clap::{Arg, ArgMatches, Command};
use serde_json::Value;

use crate::registry::App;

/// The `dev` subcommand and what it holds.
pub(crate) fn command() -> Command {
    let command = Command::new("dev")
        .visible_alias("hacking")
        .about("Development tools");
    #[cfg(feature = "server")]
    let command = command.subcommand(crate::server::command());
    command.subcommand(
        Command::new("build-executable")
            .about("Build the connector's release executable into ./dist/main")
            .arg(
                Arg::new("path")
                    .value_name("PATH")
                    .help("The connector's crate: its directory, its Cargo.toml or any file in it (default: the current directory)"),
            ),
    )
}

/// Runs `dev <name>`. Each tool sets up the runtime it needs: the server
/// runs on all cores, unlike a single capability call.
pub(crate) fn run(app: &App, name: &str, args: &ArgMatches) -> Result<(), String> {
    match name {
        #[cfg(feature = "server")]
        "http-server" => crate::server::run_dev(app, args),
        "build-executable" => {
            let start = args
                .get_one::<String>("path")
                .map_or_else(|| PathBuf::from("."), PathBuf::from);
            let built = build_executable(&start, Path::new("dist"))?;
            println!("{}", built.display());
            Ok(())
        }
        _ => {
            let _ = (app, args);
            Err(format!("unknown dev command `{name}`"))
        }
    }
}

/// Builds the crate at (or around) `start` in release mode with the cargo
/// that built this binary (`$CARGO`) or the one on the path, and copies its
/// executable to `<dist>/main`. The connector is one binary, so this is the
/// whole of what the reference's PyInstaller step produces.
fn build_executable(start: &Path, dist: &Path) -> Result<PathBuf, String> {
    let manifest = find_manifest(start)?;
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let metadata = Process::new(&cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--no-deps",
            "--manifest-path",
        ])
        .arg(&manifest)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !metadata.status.success() {
        return Err(format!("cargo metadata failed for {}", manifest.display()));
    }
    let metadata: Value =
        serde_json::from_slice(&metadata.stdout).map_err(|e| format!("cargo metadata gave no JSON: {e}"))?;
    let bin = binary_of(&metadata, &manifest)?;
    let target = metadata["target_directory"]
        .as_str()
        .ok_or("cargo metadata names no target directory")?;

    // Cargo's progress goes to stderr; stdout is kept for the result's path.
    let status = Process::new(&cargo)
        .args(["build", "--release", "--manifest-path"])
        .arg(&manifest)
        .args(["--bin", &bin])
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build --release failed ({status})"));
    }
    let built = Path::new(target)
        .join("release")
        .join(format!("{bin}{}", std::env::consts::EXE_SUFFIX));
    std::fs::create_dir_all(dist).map_err(|e| format!("cannot create {}: {e}", dist.display()))?;
    let main = dist.join(format!("main{}", std::env::consts::EXE_SUFFIX));
    std::fs::copy(&built, &main)
        .map_err(|e| format!("cannot copy {} to {}: {e}", built.display(), main.display()))?;
    Ok(main)
}

/// The Cargo.toml of `start` (a manifest, or a directory or file within a crate).
fn find_manifest(start: &Path) -> Result<PathBuf, String> {
    if start.file_name().is_some_and(|n| n == "Cargo.toml") && start.is_file() {
        return Ok(start.to_path_buf());
    }
    let absolute = std::path::absolute(start).map_err(|e| format!("{}: {e}", start.display()))?;
    let mut dir = if absolute.is_dir() {
        Some(absolute.as_path())
    } else {
        absolute.parent()
    };
    while let Some(d) = dir {
        let manifest = d.join("Cargo.toml");
        if manifest.is_file() {
            return Ok(manifest);
        }
        dir = d.parent();
    }
    Err(format!("no Cargo.toml at or above {}", start.display()))
}

/// The binary target of the package at `manifest`: its only one, or the one
/// named like the running binary.
fn binary_of(metadata: &Value, manifest: &Path) -> Result<String, String> {
    let wanted = std::fs::canonicalize(manifest).unwrap_or_else(|_| manifest.to_path_buf());
    let package = metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| {
            p["manifest_path"]
                .as_str()
                .is_some_and(|m| std::fs::canonicalize(m).unwrap_or_else(|_| m.into()) == wanted)
        })
        .ok_or_else(|| format!("{} is a workspace, not a connector's crate", manifest.display()))?;
    let bins: Vec<&str> = package["targets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["kind"].as_array().is_some_and(|k| k.iter().any(|k| k == "bin")))
        .filter_map(|t| t["name"].as_str())
        .collect();
    let running = std::env::current_exe()
        .ok()
        .and_then(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()));
    match bins.as_slice() {
        [] => Err(format!("{} has no binary", manifest.display())),
        [one] => Ok((*one).to_owned()),
        many => running
            .filter(|r| many.contains(&r.as_str()))
            .ok_or_else(|| format!("{} has several binaries: {}", manifest.display(), many.join(", "))),
    }
}
