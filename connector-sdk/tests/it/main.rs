//! The `connector` command, run as its users run it.

mod cli;
mod compile;
mod from_info;
mod package;
mod scaffold;

use std::path::{Path, PathBuf};
use std::process::Command;

/// The `connector` binary of this build.
fn sdk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_connector"))
}

/// The framework's workspace.
fn framework_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace root")
        .to_path_buf()
}

/// The target dir of this build (or the workspace's), so crates built by a
/// test start from a warm cache.
fn shared_target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| framework_root().join("target"))
}

/// A fixture recorded from connector-py 4.191.0 by
/// tests/conformance/sdk/record.py.
fn fixture(name: &str) -> serde_json::Value {
    let path = framework_root().join("tests/conformance/sdk/fixtures").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The long names, aliases and short names of a subcommand's options, as
/// `--name` and `-x`.
fn option_names(subcommand: &str) -> Vec<String> {
    let mut command = connector_sdk::command("connector");
    // Building adds clap's own options (help) to each subcommand.
    command.build();
    let command = command
        .get_subcommands()
        .find(|c| c.get_name() == subcommand)
        .unwrap_or_else(|| panic!("no subcommand {subcommand}"));
    let mut names = Vec::new();
    for arg in command.get_arguments() {
        names.extend(
            arg.get_long_and_visible_aliases()
                .into_iter()
                .flatten()
                .map(|l| format!("--{l}")),
        );
        names.extend(arg.get_short().map(|s| format!("-{s}")));
    }
    names
}

/// Name, mode and content of every entry of a `.tar.gz`, in archive order.
fn entries(archive: &std::path::Path) -> Vec<(String, u32, Vec<u8>)> {
    use std::io::Read;
    let file = std::fs::File::open(archive).unwrap();
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
    tar.entries()
        .unwrap()
        .map(|e| {
            let mut e = e.unwrap();
            let name = e.path().unwrap().display().to_string();
            let mode = e.header().mode().unwrap();
            let mut bytes = Vec::new();
            e.read_to_end(&mut bytes).unwrap();
            (name, mode, bytes)
        })
        .collect()
}
