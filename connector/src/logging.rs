//! Logs, where and as the reference writes them: a file per app and UTC day,
//! `./logs/<app_id>_<YYYY-MM-DD>.log` (or under `LUMOS_LOG_DIRECTORY`),
//! appended to, at the level `LUMOS_LOG_LEVEL` names (ERROR unless told);
//! with `LUMOS_LOG_TO_STDOUT=true` the lines go to stderr instead (the
//! reference's name for it, and its stream). stdout never carries a log line.
//!
//! Lines read `HH:MM:SS,<ms> <logger> <LEVEL> <message>`: the framework's own
//! events under the reference's logger name, a connector's under its module path.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing::{Event, Level, Subscriber};
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::registry::LookupSpan;

/// The level variable (DEBUG, INFO, WARNING, ERROR or CRITICAL).
pub const LOG_LEVEL_VAR: &str = "LUMOS_LOG_LEVEL";
/// The directory of the log files, instead of `./logs`.
pub const LOG_DIRECTORY_VAR: &str = "LUMOS_LOG_DIRECTORY";
/// `true`: log to stderr instead of a file.
pub const LOG_TO_STDOUT_VAR: &str = "LUMOS_LOG_TO_STDOUT";

/// The logger name the reference gives its own lines.
const FRAMEWORK_LOGGER: &str = "integration-connectors.sdk";

/// Where the lines of one process go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Appended to this file.
    File(PathBuf),
    /// Written to stderr.
    Stderr,
}

/// The level and destination the environment asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogConfig {
    /// The most verbose level written.
    pub level: LevelFilter,
    /// Where lines go.
    pub destination: Destination,
}

impl LogConfig {
    /// Reads the `LUMOS_LOG_*` variables for `app_id`, with today's UTC date.
    pub fn from_env(app_id: &str) -> Result<Self, String> {
        let var = |name: &str| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned());
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        Self::from_vars(app_id, &today, var)
    }

    fn from_vars(app_id: &str, today: &str, var: impl Fn(&str) -> Option<String>) -> Result<Self, String> {
        let level = match var(LOG_LEVEL_VAR) {
            None => LevelFilter::ERROR,
            Some(raw) => match raw.trim().to_ascii_uppercase().as_str() {
                "DEBUG" => LevelFilter::DEBUG,
                "INFO" => LevelFilter::INFO,
                "WARNING" | "WARN" => LevelFilter::WARN,
                "ERROR" | "CRITICAL" | "" => LevelFilter::ERROR,
                "OFF" => LevelFilter::OFF,
                _ => {
                    return Err(format!(
                        "{LOG_LEVEL_VAR}={raw} is not a log level: use DEBUG, INFO, WARNING, ERROR or CRITICAL"
                    ));
                }
            },
        };
        let to_stderr = var(LOG_TO_STDOUT_VAR).is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
        let destination = if to_stderr {
            Destination::Stderr
        } else {
            let directory = var(LOG_DIRECTORY_VAR)
                .filter(|d| !d.is_empty())
                .map_or_else(|| PathBuf::from("logs"), PathBuf::from);
            Destination::File(directory.join(format!("{app_id}_{today}.log")))
        };
        Ok(Self { level, destination })
    }
}

/// Installs the logger of `app_id` as the environment asks. A log file that
/// cannot be created (a read-only directory) costs the log, never the call:
/// the reason goes to stderr.
pub fn init(app_id: &str) -> Result<(), String> {
    let config = LogConfig::from_env(app_id)?;
    if config.level == LevelFilter::OFF {
        return Ok(());
    }
    let builder = tracing_subscriber::fmt()
        .with_ansi(false)
        .with_max_level(config.level)
        .event_format(ReferenceFormat);
    // A second installation (tests, multi-connector binaries) is harmless.
    let _ = match &config.destination {
        Destination::Stderr => builder.with_writer(std::io::stderr).try_init(),
        Destination::File(path) => match open_log_file(path) {
            Ok(file) => builder.with_writer(Mutex::new(file)).try_init(),
            Err(e) => {
                eprintln!("warning: no log file {}: {e}", path.display());
                return Ok(());
            }
        },
    };
    Ok(())
}

fn open_log_file(path: &Path) -> std::io::Result<File> {
    if let Some(directory) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(directory)?;
    }
    OpenOptions::new().create(true).append(true).open(path)
}

/// `HH:MM:SS,<ms> <logger> <LEVEL> <message>`, Python logging's layout
/// (local time, milliseconds unpadded as `%(msecs)d` writes them).
struct ReferenceFormat;

impl<S, N> FormatEvent<S, N> for ReferenceFormat
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        ctx: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> std::fmt::Result {
        let now = chrono::Local::now();
        let target = event.metadata().target();
        let logger = if target == "connector" || target.starts_with("connector::") {
            FRAMEWORK_LOGGER
        } else {
            target
        };
        write!(
            writer,
            "{},{} {logger} {} ",
            now.format("%H:%M:%S"),
            now.timestamp_subsec_millis(),
            level_name(*event.metadata().level())
        )?;
        ctx.field_format().format_fields(writer.by_ref(), event)?;
        writeln!(writer)
    }
}

/// Python's level names.
fn level_name(level: Level) -> &'static str {
    match level {
        Level::ERROR => "ERROR",
        Level::WARN => "WARNING",
        Level::INFO => "INFO",
        Level::DEBUG | Level::TRACE => "DEBUG",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Result<LogConfig, String> {
        LogConfig::from_vars("acme", "2026-12-02", |name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn by_default_errors_go_to_a_file_per_app_and_day_under_logs() {
        assert_eq!(
            config(&[]).unwrap(),
            LogConfig {
                level: LevelFilter::ERROR,
                destination: Destination::File("logs/acme_2026-12-02.log".into()),
            }
        );
    }

    #[test]
    fn the_variables_choose_level_directory_and_stderr() {
        let c = config(&[(LOG_LEVEL_VAR, "info"), (LOG_DIRECTORY_VAR, "/var/log/c")]).unwrap();
        assert_eq!(c.level, LevelFilter::INFO);
        assert_eq!(
            c.destination,
            Destination::File("/var/log/c/acme_2026-12-02.log".into())
        );
        let c = config(&[(LOG_TO_STDOUT_VAR, "True"), (LOG_DIRECTORY_VAR, "/x")]).unwrap();
        assert_eq!(c.destination, Destination::Stderr);
        assert_eq!(
            config(&[(LOG_LEVEL_VAR, "CRITICAL")]).unwrap().level,
            LevelFilter::ERROR
        );
        assert_eq!(
            config(&[(LOG_LEVEL_VAR, "WARNING")]).unwrap().level,
            LevelFilter::WARN
        );
        let e = config(&[(LOG_LEVEL_VAR, "LOUD")]).unwrap_err();
        assert!(e.contains("LUMOS_LOG_LEVEL=LOUD"), "{e}");
    }
}
