//! `dev http-server --reload`: the server restarts itself when its binary is
//! rebuilt. A Rust connector reloads by being rebuilt (`cargo build` in
//! another terminal, or a watcher), so the binary's modification time is the
//! one signal that matters; the new binary is then run with the same
//! arguments, in the same process on Unix.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime};

/// How often the binary is looked at.
const POLL: Duration = Duration::from_millis(300);

/// The running binary and its arguments, taken before anything can replace it
/// (on Linux, the path of a replaced executable reads "... (deleted)").
pub(crate) struct Reloader {
    binary: PathBuf,
    args: Vec<OsString>,
    built: Option<SystemTime>,
    seen_rebuild: Arc<AtomicBool>,
}

impl Reloader {
    pub(crate) fn new() -> Result<Self, String> {
        let binary =
            std::env::current_exe().map_err(|e| format!("--reload cannot find the running binary: {e}"))?;
        let built = modified(&binary);
        Ok(Self {
            binary,
            args: std::env::args_os().skip(1).collect(),
            built,
            seen_rebuild: Arc::default(),
        })
    }

    /// Completes once the binary was rebuilt and the build has settled
    /// (two looks in a row see the same new time).
    pub(crate) fn rebuilt(&self) -> impl Future<Output = &'static str> + Send + 'static {
        let binary = self.binary.clone();
        let built = self.built;
        let seen_rebuild = Arc::clone(&self.seen_rebuild);
        async move {
            let mut seen = built;
            loop {
                tokio::time::sleep(POLL).await;
                let now = modified(&binary);
                if now.is_some() && now != built && now == seen {
                    seen_rebuild.store(true, Ordering::SeqCst);
                    return "a new build of the binary";
                }
                seen = now;
            }
        }
    }

    /// Whether the server stopped for a rebuild (not for a signal).
    pub(crate) fn saw_rebuild(&self) -> bool {
        self.seen_rebuild.load(Ordering::SeqCst)
    }

    /// Runs the new binary in place of this process (Unix), or as a child
    /// whose exit this process takes on.
    pub(crate) fn restart(self) -> Result<(), String> {
        eprintln!("restarting {}", self.binary.display());
        let mut command = std::process::Command::new(&self.binary);
        command.args(&self.args);
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            let error = command.exec();
            Err(format!("cannot restart {}: {error}", self.binary.display()))
        }
        #[cfg(not(unix))]
        {
            let status = command
                .status()
                .map_err(|e| format!("cannot restart {}: {e}", self.binary.display()))?;
            std::process::exit(status.code().unwrap_or(1));
        }
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}
