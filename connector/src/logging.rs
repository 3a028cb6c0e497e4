//! Logs, where and as the reference writes them: a file per app and UTC day,
//! `./logs/<app_id>_<YYYY-MM-DD>.log` (or under `LUMOS_LOG_DIRECTORY`),
//! appended to, at the level `LUMOS_LOG_LEVEL` names (ERROR unless told);
//! with `LUMOS_LOG_TO_STDOUT=true` the lines go to stderr instead (the
//! reference's name for it, and its stream). stdout never carries a log line.
//!
//! Lines read `HH:MM:SS,<ms> <logger> <LEVEL> <message>`: the framework's own
//! events under the reference's logger name, a connector's under its module path.
//!
//! With `LUMOS_ON_PREMISE_AGENT_SEND_CRITICAL_LOGS_TO_LUMOS=true` and
//! `LUMOS_AGENT_IDENTIFIER` set, every ERROR line is also posted to the
//! on-premise agent ([`forward`]), whatever the level of the local log.

#[cfg(feature = "client")]
mod forward;

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use tracing::{Event, Level, Subscriber};
use tracing_subscriber::Layer;
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::writer::BoxMakeWriter;
use tracing_subscriber::fmt::{FmtContext, FormatEvent, FormatFields};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;

/// The level variable (DEBUG, INFO, WARNING, ERROR or CRITICAL).
pub const LOG_LEVEL_VAR: &str = "LUMOS_LOG_LEVEL";
/// The directory of the log files, instead of `./logs`.
pub const LOG_DIRECTORY_VAR: &str = "LUMOS_LOG_DIRECTORY";
/// `true`: log to stderr instead of a file.
pub const LOG_TO_STDOUT_VAR: &str = "LUMOS_LOG_TO_STDOUT";

/// `true` (any case): post ERROR lines to the on-premise agent.
pub const SEND_TO_AGENT_VAR: &str = "LUMOS_ON_PREMISE_AGENT_SEND_CRITICAL_LOGS_TO_LUMOS";
/// The bearer token of the agent's API.
pub const AGENT_API_KEY_VAR: &str = "LUMOS_ON_PREMISE_AGENT_API_KEY";
/// The agent's identifier, sent with every line.
pub const AGENT_IDENTIFIER_VAR: &str = "LUMOS_AGENT_IDENTIFIER";
/// The agent's base URL; lines go to `<base URL>/logs`.
pub const AGENT_BASE_URL_VAR: &str = "LUMOS_ON_PREMISE_AGENT_BASE_URL";

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

/// Where ERROR lines are forwarded, as the reference reads it: asked for
/// with `LUMOS_ON_PREMISE_AGENT_SEND_CRITICAL_LOGS_TO_LUMOS=true` and an
/// agent identifier; the base URL and key are checked per line (a line
/// without them is reported on stderr, not sent), as the reference does.
#[derive(Clone, PartialEq, Eq)]
pub struct AgentConfig {
    /// `LUMOS_AGENT_IDENTIFIER`.
    pub agent_identifier: String,
    /// `LUMOS_ON_PREMISE_AGENT_API_KEY`.
    pub api_key: Option<String>,
    /// `LUMOS_ON_PREMISE_AGENT_BASE_URL`.
    pub base_url: Option<String>,
}

impl AgentConfig {
    /// Reads the `LUMOS_ON_PREMISE_AGENT_*` variables; `None` when forwarding is not asked for.
    pub fn from_env() -> Option<Self> {
        Self::from_vars(|name| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned()))
    }

    fn from_vars(var: impl Fn(&str) -> Option<String>) -> Option<Self> {
        if !var(SEND_TO_AGENT_VAR).is_some_and(|v| v.eq_ignore_ascii_case("true")) {
            return None;
        }
        let agent_identifier = var(AGENT_IDENTIFIER_VAR)?;
        if agent_identifier.is_empty() {
            // The reference refuses to start; losing the forwarding is enough.
            eprintln!("warning: {AGENT_IDENTIFIER_VAR} is empty: no log line is sent to the agent");
            return None;
        }
        Some(Self {
            agent_identifier,
            api_key: var(AGENT_API_KEY_VAR),
            base_url: var(AGENT_BASE_URL_VAR),
        })
    }
}

// The key is a secret: it never shows in debug output.
impl std::fmt::Debug for AgentConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AgentConfig")
            .field("agent_identifier", &self.agent_identifier)
            .field("api_key", &self.api_key.as_ref().map(|_| crate::redact::REDACTED))
            .field("base_url", &self.base_url)
            .finish()
    }
}

/// Installs the logger of `app_id` as the environment asks. A log file that
/// cannot be created (a read-only directory) costs the log, never the call:
/// the reason goes to stderr.
pub fn init(app_id: &str) -> Result<(), String> {
    let config = LogConfig::from_env(app_id)?;
    let writer = match &config.destination {
        _ if config.level == LevelFilter::OFF => None,
        Destination::Stderr => Some(BoxMakeWriter::new(std::io::stderr)),
        Destination::File(path) => match open_log_file(path) {
            Ok(file) => Some(BoxMakeWriter::new(Mutex::new(file))),
            Err(e) => {
                eprintln!("warning: no log file {}: {e}", path.display());
                None
            }
        },
    };
    let local = writer.map(|writer| {
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .event_format(ReferenceFormat)
            .with_writer(writer)
            .with_filter(config.level)
    });
    let forwarding = AgentConfig::from_env().and_then(agent_layer);
    if local.is_none() && forwarding.is_none() {
        return Ok(());
    }
    // A second installation (tests, multi-connector binaries) is harmless.
    let _ = tracing_subscriber::registry()
        .with(local)
        .with(forwarding)
        .try_init();
    Ok(())
}

/// The layer that posts ERROR lines, formatted as the local ones, to the agent.
#[cfg(feature = "client")]
fn agent_layer<S>(config: AgentConfig) -> Option<impl Layer<S>>
where
    S: Subscriber + for<'a> LookupSpan<'a>,
{
    let forwarder = forward::Forwarder::install(config);
    Some(
        tracing_subscriber::fmt::layer()
            .with_ansi(false)
            .event_format(ReferenceFormat)
            .with_writer(forwarder)
            .with_filter(LevelFilter::ERROR),
    )
}

/// Without an HTTP client nothing can be posted: said once, on stderr.
#[cfg(not(feature = "client"))]
fn agent_layer(_: AgentConfig) -> Option<tracing_subscriber::layer::Identity> {
    eprintln!(
        "warning: {SEND_TO_AGENT_VAR} is set, but this connector is built without the `client` feature: no log line is sent to the agent"
    );
    None
}

/// Waits, a few seconds at most, for the lines being posted to the agent
/// to leave; a process calls it before it exits.
pub fn flush() {
    #[cfg(feature = "client")]
    forward::flush();
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

    fn agent(vars: &[(&str, &str)]) -> Option<AgentConfig> {
        AgentConfig::from_vars(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn forwarding_needs_the_switch_and_an_identifier() {
        assert_eq!(agent(&[]), None);
        assert_eq!(agent(&[(AGENT_IDENTIFIER_VAR, "a1")]), None);
        assert_eq!(agent(&[(SEND_TO_AGENT_VAR, "true")]), None);
        assert_eq!(
            agent(&[(SEND_TO_AGENT_VAR, "yes"), (AGENT_IDENTIFIER_VAR, "a1")]),
            None
        );
        assert_eq!(
            agent(&[(SEND_TO_AGENT_VAR, "True"), (AGENT_IDENTIFIER_VAR, "")]),
            None
        );
        let config = agent(&[
            (SEND_TO_AGENT_VAR, "TRUE"),
            (AGENT_IDENTIFIER_VAR, "a1"),
            (AGENT_API_KEY_VAR, "k3y-value"),
            (AGENT_BASE_URL_VAR, "http://127.0.0.1:9"),
        ])
        .unwrap();
        assert_eq!(config.agent_identifier, "a1");
        assert_eq!(config.api_key.as_deref(), Some("k3y-value"));
        assert_eq!(config.base_url.as_deref(), Some("http://127.0.0.1:9"));
        assert!(!format!("{config:?}").contains("k3y-value"), "the key is hidden");
        // The URL and key are checked when a line is sent, as the reference does.
        let bare = agent(&[(SEND_TO_AGENT_VAR, "true"), (AGENT_IDENTIFIER_VAR, "a1")]).unwrap();
        assert_eq!((bare.api_key, bare.base_url), (None, None));
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
