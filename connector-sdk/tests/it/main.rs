//! The `connector` command, run as its users run it.

mod cli;
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
