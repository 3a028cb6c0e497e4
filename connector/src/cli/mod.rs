//! The command line every connector binary gets:
//! `<bin> info`, `<bin> <capability> --json ... | --json-file ...`, `<bin> dev ...`.
//!
//! Exit codes follow the reference: 0 whenever an envelope was produced
//! (errors included), 2 for usage errors, 1 for I/O problems (with a message
//! on stderr). stdout carries the result JSON and nothing else.

pub mod output;

use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Arg, ArgAction, ArgGroup, ArgMatches, Command};
use serde_json::Value;

use crate::dispatch::MAX_REQUEST_BYTES;
pub use crate::exit::clap_exit;
use crate::models::ResponseEnvelope;
use crate::registry::App;

/// Runs the command line of the one connector in this binary.
pub fn run() -> ExitCode {
    let app = match App::load() {
        Ok(app) => app,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    run_app(&app, std::env::args_os())
}

/// Runs the command line for `app` with these arguments (the first is the program name).
pub fn run_app(app: &App, args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let mut args = args.into_iter().peekable();
    let program = crate::names::program_name(args.peek()).unwrap_or_else(|| app.app_id().to_owned());
    if let Err(message) = crate::logging::init(app.app_id()) {
        eprintln!("error: {message}");
        return ExitCode::FAILURE;
    }
    tracing::info!("Running command started at {}", utc_now());
    let code = run_command(app, &program, args);
    tracing::info!("Command completed at {}", utc_now());
    crate::logging::flush();
    code
}

/// Why a command could not produce its result, with the class of the
/// exception the reference raises for it, which its error line names.
#[derive(Debug)]
struct Failure {
    class: &'static str,
    message: String,
}

impl Failure {
    /// A value the reference refuses with `ValueError`.
    fn value(message: impl Into<String>) -> Self {
        Self {
            class: "ValueError",
            message: message.into(),
        }
    }

    /// An I/O failure, under the `OSError` subclass Python gives its kind.
    fn io(error: &std::io::Error, message: String) -> Self {
        use std::io::ErrorKind;
        let class = match error.kind() {
            ErrorKind::NotFound => "FileNotFoundError",
            ErrorKind::PermissionDenied => "PermissionError",
            ErrorKind::IsADirectory => "IsADirectoryError",
            ErrorKind::BrokenPipe => "BrokenPipeError",
            _ => "OSError",
        };
        Self { class, message }
    }
}

/// The dev tools' failures (a port taken, a build that failed).
impl From<String> for Failure {
    fn from(message: String) -> Self {
        Self {
            class: "RuntimeError",
            message,
        }
    }
}

/// Python's `str(datetime.now(timezone.utc))`, as the reference logs it.
fn utc_now() -> String {
    chrono::Utc::now()
        .format("%Y-%m-%d %H:%M:%S%.6f+00:00")
        .to_string()
}

fn run_command(app: &App, program: &str, args: impl Iterator<Item = OsString>) -> ExitCode {
    let mut command = command(app, program);
    let matches = match command.try_get_matches_from_mut(args) {
        Ok(m) => m,
        Err(e) => return clap_exit(&e),
    };
    match matches.subcommand() {
        Some(("info", sub)) => finish(emit_info(app, sub)),
        Some(("dev", sub)) => match sub.subcommand() {
            // Dev tools build the runtime they need (the server's is multi-threaded).
            Some((name, dev_args)) => finish(crate::dev::run(app, name, dev_args)),
            None => no_command(command.find_subcommand_mut("dev")),
        },
        Some((capability, sub)) => {
            finish(current_thread_runtime().and_then(|runtime| runtime.block_on(call(app, capability, sub))))
        }
        None => no_command(Some(&mut command)),
    }
}

/// One capability call needs no more than one thread.
fn current_thread_runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::from(format!("cannot start the async runtime: {e}")))
}

fn no_command(command: Option<&mut Command>) -> ExitCode {
    eprintln!("No command passed in");
    if let Some(command) = command {
        eprintln!("{}", command.render_help());
    }
    ExitCode::FAILURE
}

fn finish(result: Result<(), impl Into<Failure>>) -> ExitCode {
    match result.map_err(Into::into) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure { class, message }) => {
            // The reference's line (the one it forwards to the on-premise agent).
            tracing::error!("Error running command exception class: {class} exception: {message}");
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn result_file_arg() -> Arg {
    Arg::new("result-file-path")
        .long("result-file-path")
        .value_name("PATH")
        .help("Write the result gzip'd to PATH (must end in .gz) instead of stdout")
}

/// The reference's `--use-proxy` / `--sip`, on every capability and `info`
/// (where, as there, it changes nothing).
fn use_proxy_arg() -> Arg {
    Arg::new("use-proxy")
        .long("use-proxy")
        .visible_alias("sip")
        .action(ArgAction::SetTrue)
        .help("Send the connector's HTTP requests through the proxy named by LUMOS_PROXY_URL (proxy mode)")
}

fn command(app: &App, program: &str) -> Command {
    let name = app.metadata().name;
    let mut command = Command::new(program.to_owned())
        .about(format!("Lumos integration CLI for {name}"))
        .version(app.metadata().version)
        .disable_version_flag(true)
        .override_usage(format!(
            "{program} CAPABILITY [--json JSON | --json-file PATH] [--result-file-path PATH.gz]"
        ))
        .after_help(format!(
            "Examples:\n  {program} info\n  {program} validate_credentials --json '{{\"auth\": {{...}}, \"settings\": {{...}}, \"request\": {{}}}}'"
        ))
        .subcommand(
            Command::new("info")
                .about("Print what the connector is and every capability it serves")
                .arg(result_file_arg())
                .arg(use_proxy_arg()),
        );
    for name in app.capability_names() {
        command = command.subcommand(
            Command::new(name)
                .about(format!("Run the {name} capability"))
                .arg(
                    Arg::new("json")
                        .long("json")
                        .value_name("JSON")
                        .help("The request envelope as a JSON string"),
                )
                .arg(
                    Arg::new("json-file")
                        .long("json-file")
                        .value_name("PATH")
                        .help("A file holding the request envelope"),
                )
                .group(
                    ArgGroup::new("input")
                        .args(["json", "json-file"])
                        .required(true)
                        .multiple(false),
                )
                .arg(result_file_arg())
                .arg(use_proxy_arg()),
        );
    }
    command.subcommand(crate::dev::command())
}

/// Strips one pair of surrounding quotes, as the reference does for paths.
fn unquote(s: &str) -> &str {
    s.trim_matches(|c| c == '"' || c == '\'')
}

fn result_path(args: &ArgMatches) -> Result<Option<PathBuf>, Failure> {
    match args.get_one::<String>("result-file-path") {
        None => Ok(None),
        Some(p) => {
            let p = unquote(p);
            if p.ends_with(".gz") {
                Ok(Some(PathBuf::from(p)))
            } else {
                Err(Failure::value(
                    "The result file name must end with the .gz extension.",
                ))
            }
        }
    }
}

fn deliver(json: &str, path: Option<PathBuf>) -> Result<(), Failure> {
    match path {
        Some(path) => {
            output::write_gzip(&path, json)
                .map_err(|e| Failure::io(&e, format!("cannot write {}: {e}", path.display())))?;
            tracing::info!("Result saved to {}", path.display());
        }
        None => {
            tracing::info!("Result printing to console");
            output::print(json).map_err(|e| Failure::io(&e, format!("cannot write to stdout: {e}")))?;
        }
    }
    tracing::info!("Command completed");
    Ok(())
}

/// The reference's `Command arguments: {...}` line: the command, its options
/// and the `--json` envelope with its secrets hidden (a `--json-file` is
/// named, not read into the log).
fn log_arguments(app: &App, command: &str, args: &ArgMatches) {
    if !tracing::enabled!(tracing::Level::INFO) {
        return;
    }
    let option = |name: &str| {
        args.try_get_one::<String>(name)
            .ok()
            .flatten()
            .map_or(Value::Null, |v| Value::String(v.clone()))
    };
    let mut logged = serde_json::Map::new();
    logged.insert("command".into(), command.into());
    if command != "info" {
        let json = match args.get_one::<String>("json") {
            None => Value::Null,
            Some(text) => match serde_json::from_str::<Value>(text) {
                Ok(envelope) => {
                    crate::redact::arguments(&envelope, &secret_fields(&app.catalog().connector_schemas()))
                }
                Err(_) => {
                    tracing::error!("Error building loggable arguments");
                    return;
                }
            },
        };
        logged.insert("json".into(), json);
        logged.insert("json_file".into(), option("json-file"));
    }
    logged.insert("result_file_path".into(), option("result-file-path"));
    logged.insert("use_proxy".into(), args.get_flag("use-proxy").into());
    // Built outside the macro, whose expansion has a `Value` of its own.
    let logged = crate::json::python::PyValue::from_json(&Value::Object(logged)).repr();
    tracing::info!("Command arguments: {logged}");
}

/// The names of the fields marked `x-secret`: the connector's settings, and
/// every credential kind (a request may carry any kind, declared or not).
fn secret_fields(schemas: &crate::schema::ConnectorSchemas) -> Vec<String> {
    let kinds = crate::models::AuthModel::ALL.map(crate::schema::credential_kind_schema);
    [&schemas.settings, &schemas.auth]
        .into_iter()
        .chain(&kinds)
        .filter_map(|schema| schema.get("properties").and_then(Value::as_object))
        .flat_map(|properties| properties.iter())
        .filter(|(_, field)| field.get("x-secret") == Some(&Value::Bool(true)))
        .map(|(name, _)| name.clone())
        .collect()
}

fn emit_info(app: &App, args: &ArgMatches) -> Result<(), Failure> {
    log_arguments(app, "info", args);
    let path = result_path(args)?;
    let envelope = ResponseEnvelope::new(crate::document::info::build(app.catalog()));
    let envelope = serde_json::to_value(envelope)
        .map_err(|e| Failure::from(format!("cannot write the info document: {e}")))?;
    // Python's `json.dumps(..., sort_keys=True)`, as the reference prints `info`.
    deliver(&output::python_json(&envelope), path)
}

async fn call(app: &App, capability: &str, args: &ArgMatches) -> Result<(), Failure> {
    log_arguments(app, capability, args);
    let path = result_path(args)?;
    let body = match (
        args.get_one::<String>("json"),
        args.get_one::<String>("json-file"),
    ) {
        (Some(json), _) if json.is_empty() => return Err(Failure::value("No JSON value provided")),
        (Some(json), _) => json.clone(),
        (None, Some(file)) => {
            let file = unquote(file);
            match String::from_utf8(read_limited(Path::new(file), MAX_REQUEST_BYTES)?) {
                Ok(body) => body,
                // The answer the HTTP server gives the same bytes.
                Err(_) => {
                    let envelope = crate::dispatch::error_envelope(crate::dispatch::not_utf8(app.app_id()));
                    return deliver(&envelope, path);
                }
            }
        }
        (None, None) => return Err(Failure::value("one of --json and --json-file is required")),
    };
    let json = if args.get_flag("use-proxy") {
        match proxy_mode(app, capability, body).await {
            Ok(json) => json,
            Err(detail) => crate::dispatch::error_envelope(detail),
        }
    } else {
        app.dispatch(capability, body).await
    };
    deliver(&json, path)
}

/// The call in proxy mode, or why proxy mode cannot be had.
async fn proxy_mode(app: &App, capability: &str, body: String) -> Result<String, crate::models::ErrorDetail> {
    #[cfg(feature = "client")]
    {
        match crate::client::ProxySettings::from_env() {
            Ok(settings) => Ok(crate::client::proxy::scope(settings, app.dispatch(capability, body)).await),
            Err(e) => Err(crate::dispatch::framework_error(
                app.app_id(),
                crate::models::ErrorCode::InternalError,
                e.to_string(),
            )),
        }
    }
    #[cfg(not(feature = "client"))]
    {
        let _ = (capability, body);
        Err(crate::dispatch::framework_error(
            app.app_id(),
            crate::models::ErrorCode::InternalError,
            crate::dispatch::PROXY_NEEDS_CLIENT.to_owned(),
        ))
    }
}

/// Reads `file` if it holds at most `limit` bytes, without ever holding more
/// (the file may be a device or a pipe that never ends).
fn read_limited(file: &Path, limit: usize) -> Result<Vec<u8>, Failure> {
    let cannot = |e: &dyn std::fmt::Display| format!("cannot read {}: {e}", file.display());
    let opened = std::fs::File::open(file).map_err(|e| Failure::io(&e, cannot(&e)))?;
    let mut bytes = Vec::new();
    opened
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::io(&e, cannot(&e)))?;
    if bytes.len() > limit {
        let size = bytesize_text(limit);
        return Err(Failure::value(cannot(&format!(
            "it is larger than {size}, the most a request may be"
        ))));
    }
    Ok(bytes)
}

/// `16 MiB` for a whole number of MiB, else bytes.
fn bytesize_text(bytes: usize) -> String {
    const MIB: usize = 1024 * 1024;
    if bytes % MIB == 0 {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `#[field(secret)]` on a connector's own settings (and the standard
    /// credentials' secrets) reach the arguments log's list.
    #[test]
    fn the_arguments_log_hides_settings_marked_secret() {
        #[crate::fields]
        #[derive(schemars::JsonSchema)]
        #[allow(dead_code)]
        struct Settings {
            host: String,
            #[field(secret)]
            tenant_key: String,
            #[field(hidden)]
            tenant_hint: String,
        }
        let schemas = crate::schema::ConnectorSchemas {
            settings: crate::schema::root_schema::<Settings>(),
            auth: crate::schema::Object::new(),
        };
        let secret = secret_fields(&schemas);
        assert!(secret.contains(&"tenant_key".to_owned()), "{secret:?}");
        assert!(secret.contains(&"private_key".to_owned()), "{secret:?}");
        assert!(!secret.contains(&"tenant_hint".to_owned()), "{secret:?}");
        let envelope = serde_json::json!({
            "settings": {"host": "h", "tenant_key": "k-123", "tenant_hint": "t"},
            "request": {},
        });
        assert_eq!(
            crate::redact::arguments(&envelope, &secret),
            serde_json::json!({
                "settings": {"host": "h", "tenant_key": "REDACTED", "tenant_hint": "t"},
                "request": {},
            })
        );
    }

    #[test]
    fn a_json_file_is_read_up_to_the_limit_only() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("request.json");
        std::fs::write(&path, b"0123456789").unwrap();
        assert_eq!(read_limited(&path, 10).unwrap(), b"0123456789");
        let e = read_limited(&path, 9).unwrap_err();
        assert!(e.message.contains("larger than 9 bytes"), "{e:?}");
        assert_eq!(e.class, "ValueError");
        let e = read_limited(&dir.path().join("absent.json"), 9).unwrap_err();
        assert_eq!(e.class, "FileNotFoundError");
        assert_eq!(bytesize_text(MAX_REQUEST_BYTES), "16 MiB");
    }

    #[cfg(unix)]
    #[test]
    fn an_endless_json_file_is_refused() {
        let e = read_limited(Path::new("/dev/zero"), MAX_REQUEST_BYTES).unwrap_err();
        assert_eq!(
            e.message,
            "cannot read /dev/zero: it is larger than 16 MiB, the most a request may be"
        );
    }
}
