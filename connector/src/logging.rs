//! Logs go to stderr through `tracing`, off unless `LUMOS_LOG_LEVEL` is set
//! (DEBUG, INFO, WARNING, ERROR or CRITICAL, as the reference reads it).

use tracing_subscriber::filter::LevelFilter;

/// The environment variable that turns logging on.
pub const LOG_LEVEL_VAR: &str = "LUMOS_LOG_LEVEL";

/// Installs the stderr logger when `LUMOS_LOG_LEVEL` asks for it.
pub fn init() -> Result<(), String> {
    let Some(raw) = std::env::var_os(LOG_LEVEL_VAR) else {
        return Ok(());
    };
    let raw = raw.to_string_lossy();
    let level = match raw.trim().to_ascii_uppercase().as_str() {
        "DEBUG" => LevelFilter::DEBUG,
        "INFO" => LevelFilter::INFO,
        "WARNING" | "WARN" => LevelFilter::WARN,
        "ERROR" | "CRITICAL" => LevelFilter::ERROR,
        "OFF" | "" => return Ok(()),
        _ => {
            return Err(format!(
                "{LOG_LEVEL_VAR}={raw} is not a log level: use DEBUG, INFO, WARNING, ERROR or CRITICAL"
            ));
        }
    };
    // A second installation (tests, multi-connector binaries) is harmless.
    let _ = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .with_max_level(level)
        .try_init();
    Ok(())
}
