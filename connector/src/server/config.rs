//! The server's settings and the command-line options that set them.

use std::fmt;
use std::time::Duration;

use clap::{Arg, ArgAction, ArgMatches, value_parser};

/// The environment variable read when `--auth-token` is not given.
pub const AUTH_TOKEN_VAR: &str = "CONNECTOR_SERVER_AUTH_TOKEN";
/// The environment variable read when `--access-log` is not given.
pub const ACCESS_LOG_VAR: &str = "CONNECTOR_SERVER_ACCESS_LOG";

/// How each request is logged on stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessLog {
    /// `time peer method path status duration`, for a person reading a terminal.
    Text,
    /// One JSON object per line, for a log pipeline: also the app, the
    /// capability and the error code of the answer.
    Json,
    /// Nothing.
    Off,
}

impl AccessLog {
    fn as_str(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Json => "json",
            Self::Off => "off",
        }
    }

    fn parse(text: &str) -> Result<Self, String> {
        match text.trim().to_ascii_lowercase().as_str() {
            "text" => Ok(Self::Text),
            "json" => Ok(Self::Json),
            "off" => Ok(Self::Off),
            _ => Err(format!(
                "`{text}` is not an access log format: use text, json or off"
            )),
        }
    }
}

/// How the server listens and what it tolerates.
#[derive(Clone)]
pub struct ServerConfig {
    /// Address or host name to bind.
    pub host: String,
    /// TCP port (0 picks a free one).
    pub port: u16,
    /// When set, every route but `/healthz` needs `Authorization: Bearer <token>`.
    pub auth_token: Option<String>,
    /// Largest request body accepted, in bytes.
    pub body_limit: usize,
    /// How long one request may take: reading the body, waiting for a free
    /// slot and the capability call together.
    pub timeout: Duration,
    /// How many capability calls run at once; the rest wait their turn.
    /// A call's slot is taken before its body is read, so this also bounds
    /// how many request bodies are held in memory.
    pub max_concurrency: usize,
    /// How long a client has to send a request's headers, counted from when
    /// the connection opens or the previous answer was sent (so an idle
    /// kept-alive connection is closed after it), and how long it may leave
    /// an answer unread before the connection is dropped.
    pub header_timeout: Duration,
    /// How many connections are open at once; further ones wait to be
    /// accepted. Held to half the process's open-file limit, so that idle or
    /// slow clients cannot take the descriptors the server needs for
    /// everything else.
    pub max_connections: usize,
    /// Proxy mode (`--use-proxy`): every capability call runs inside it, so
    /// that the connector's HTTP requests go through this proxy.
    #[cfg(feature = "client")]
    pub proxy: Option<crate::client::ProxySettings>,
    /// How requests are logged.
    pub access_log: AccessLog,
    /// How long the server goes on serving after the first SIGTERM or
    /// SIGINT, with `/readyz` answering 503, before it stops accepting
    /// connections: the time a load balancer needs to take it out of
    /// rotation.
    pub shutdown_delay: Duration,
}

impl ServerConfig {
    /// Default port, as the reference's.
    pub const DEFAULT_PORT: u16 = 8000;
    /// Default bind address: loopback only.
    pub const DEFAULT_HOST: &'static str = "127.0.0.1";
    /// Default body limit: 16 MiB, as for the CLI's `--json-file`.
    pub const DEFAULT_BODY_LIMIT: usize = crate::dispatch::MAX_REQUEST_BYTES;
    /// Default per-request timeout.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);
    /// Default number of capability calls running at once.
    pub const DEFAULT_MAX_CONCURRENCY: usize = 256;
    /// Default time to send a request's headers, and an idle connection's lifetime.
    pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);
    /// Default number of open connections.
    pub const DEFAULT_MAX_CONNECTIONS: usize = 1024;
    /// Default access log: the text line.
    pub const DEFAULT_ACCESS_LOG: AccessLog = AccessLog::Text;
    /// Default delay before stopping: none.
    pub const DEFAULT_SHUTDOWN_DELAY: Duration = Duration::ZERO;
}

impl Default for ServerConfig {
    fn default() -> Self {
        Self {
            host: Self::DEFAULT_HOST.to_owned(),
            port: Self::DEFAULT_PORT,
            auth_token: None,
            body_limit: Self::DEFAULT_BODY_LIMIT,
            timeout: Self::DEFAULT_TIMEOUT,
            max_concurrency: Self::DEFAULT_MAX_CONCURRENCY,
            header_timeout: Self::DEFAULT_HEADER_TIMEOUT,
            max_connections: Self::DEFAULT_MAX_CONNECTIONS,
            #[cfg(feature = "client")]
            proxy: None,
            access_log: Self::DEFAULT_ACCESS_LOG,
            shutdown_delay: Self::DEFAULT_SHUTDOWN_DELAY,
        }
    }
}

// The token is a secret: it never shows in debug output.
impl fmt::Debug for ServerConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut shown = f.debug_struct("ServerConfig");
        let shown = shown
            .field("host", &self.host)
            .field("port", &self.port)
            .field(
                "auth_token",
                &self.auth_token.as_ref().map(|_| crate::redact::REDACTED),
            )
            .field("body_limit", &self.body_limit)
            .field("timeout", &self.timeout)
            .field("max_concurrency", &self.max_concurrency)
            .field("header_timeout", &self.header_timeout)
            .field("max_connections", &self.max_connections)
            .field("access_log", &self.access_log)
            .field("shutdown_delay", &self.shutdown_delay);
        #[cfg(feature = "client")]
        let shown = shown.field("proxy", &self.proxy);
        shown.finish()
    }
}

/// The options of `dev http-server` (and of multi-connector server binaries).
pub(crate) fn args() -> Vec<Arg> {
    vec![
        Arg::new("port")
            .short('p')
            .long("port")
            .value_name("N")
            .value_parser(value_parser!(u16))
            .default_value(ServerConfig::DEFAULT_PORT.to_string())
            .help("TCP port to listen on (0 picks a free one)"),
        Arg::new("host")
            .long("host")
            .value_name("H")
            .default_value(ServerConfig::DEFAULT_HOST)
            .help("Address to bind; 0.0.0.0 serves every interface"),
        Arg::new("auth-token")
            .long("auth-token")
            .value_name("TOKEN")
            .env(AUTH_TOKEN_VAR)
            // The help must not print the secret.
            .hide_env_values(true)
            .help("Require `Authorization: Bearer TOKEN` on every route but /healthz"),
        Arg::new("body-limit")
            .long("body-limit")
            .value_name("SIZE")
            .value_parser(parse_size)
            .default_value(size_text(ServerConfig::DEFAULT_BODY_LIMIT))
            .help("Largest request body: bytes, or with a unit (KiB, MiB, GiB, k, m, g)"),
        Arg::new("timeout")
            .long("timeout")
            .value_name("DURATION")
            .value_parser(parse_duration)
            .default_value(humantime::format_duration(ServerConfig::DEFAULT_TIMEOUT).to_string())
            .help("Time one request may take (e.g. 500ms, 30s, 2m; a bare number is seconds)"),
        Arg::new("max-concurrency")
            .long("max-concurrency")
            .value_name("N")
            .value_parser(parse_positive)
            .default_value(ServerConfig::DEFAULT_MAX_CONCURRENCY.to_string())
            .help("Capability calls running at once (and request bodies held in memory); further requests wait"),
        Arg::new("header-timeout")
            .long("header-timeout")
            .value_name("DURATION")
            .value_parser(parse_duration)
            .default_value(humantime::format_duration(ServerConfig::DEFAULT_HEADER_TIMEOUT).to_string())
            .help("Time a client has to send a request's headers, and the longest a connection stays idle or an answer unread"),
        Arg::new("max-connections")
            .long("max-connections")
            .value_name("N")
            .value_parser(parse_positive)
            .default_value(ServerConfig::DEFAULT_MAX_CONNECTIONS.to_string())
            .help("Connections open at once, at most half the open-file limit; further ones wait"),
        Arg::new("use-proxy")
            .long("use-proxy")
            .visible_alias("sip")
            .action(ArgAction::SetTrue)
            .help("Run every capability call in proxy mode: its HTTP requests go to the proxy named by LUMOS_PROXY_URL"),
        Arg::new("access-log")
            .long("access-log")
            .value_name("FORMAT")
            .env(ACCESS_LOG_VAR)
            .value_parser(AccessLog::parse)
            .default_value(ServerConfig::DEFAULT_ACCESS_LOG.as_str())
            .help("One line per request on stderr: text, json (with app, capability and error code) or off"),
        Arg::new("shutdown-delay")
            .long("shutdown-delay")
            .value_name("DURATION")
            .value_parser(parse_delay)
            .default_value(humantime::format_duration(ServerConfig::DEFAULT_SHUTDOWN_DELAY).to_string())
            .help("After SIGTERM, keep serving this long with /readyz answering 503 before draining (e.g. 5s)"),
    ]
}

/// Reads the options of [`args`].
pub(crate) fn from_matches(matches: &ArgMatches) -> Result<ServerConfig, String> {
    let auth_token = matches.get_one::<String>("auth-token").cloned();
    if auth_token.as_deref().is_some_and(|t| t.trim().is_empty()) {
        return Err("the auth token must not be empty".into());
    }
    let defaults = ServerConfig::default();
    // Checked before the server listens: an operator sees at once what is missing.
    #[cfg(feature = "client")]
    let proxy = match matches.get_flag("use-proxy") {
        true => Some(crate::client::ProxySettings::from_env().map_err(|e| e.to_string())?),
        false => None,
    };
    #[cfg(not(feature = "client"))]
    if matches.get_flag("use-proxy") {
        return Err(crate::dispatch::PROXY_NEEDS_CLIENT.into());
    }
    Ok(ServerConfig {
        host: matches
            .get_one::<String>("host")
            .cloned()
            .unwrap_or(defaults.host),
        port: matches.get_one::<u16>("port").copied().unwrap_or(defaults.port),
        auth_token,
        body_limit: matches
            .get_one::<usize>("body-limit")
            .copied()
            .unwrap_or(defaults.body_limit),
        timeout: matches
            .get_one::<Duration>("timeout")
            .copied()
            .unwrap_or(defaults.timeout),
        max_concurrency: matches
            .get_one::<usize>("max-concurrency")
            .copied()
            .unwrap_or(defaults.max_concurrency),
        header_timeout: matches
            .get_one::<Duration>("header-timeout")
            .copied()
            .unwrap_or(defaults.header_timeout),
        max_connections: matches
            .get_one::<usize>("max-connections")
            .copied()
            .unwrap_or(defaults.max_connections),
        #[cfg(feature = "client")]
        proxy,
        access_log: matches
            .get_one::<AccessLog>("access-log")
            .copied()
            .unwrap_or(defaults.access_log),
        shutdown_delay: matches
            .get_one::<Duration>("shutdown-delay")
            .copied()
            .unwrap_or(defaults.shutdown_delay),
    })
}

/// A size as the help shows it (`16MiB`): in whole units, without a space
/// (which clap would quote). That the default reads back as itself is
/// checked by the tests.
fn size_text(bytes: usize) -> String {
    format!("{:.0}", bytesize::ByteSize::b(bytes as u64).display().iec()).replace(' ', "")
}

/// `1048576`, `512KiB`, `16MiB`, `1g`...: a byte count.
///
/// `k`, `m` and `g` (with or without `b`) are binary units here, as the help
/// has always said; bytesize would read them as powers of ten.
fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let number = text
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .trim_end();
    let unit = text[number.len()..].trim_start();
    let unit = match unit.to_ascii_lowercase().as_str() {
        "k" | "kb" => "KiB",
        "m" | "mb" => "MiB",
        "g" | "gb" => "GiB",
        _ => unit,
    };
    let size: bytesize::ByteSize = format!("{number}{unit}").parse().map_err(|e| {
        format!("`{text}` is not a size ({e}): write bytes, or a number with KiB, MiB or GiB")
    })?;
    let bytes = usize::try_from(size.as_u64()).map_err(|_| format!("`{text}` is too large"))?;
    if bytes == 0 {
        return Err("the body limit must be at least one byte".into());
    }
    Ok(bytes)
}

/// `30`, `30s`, `500ms`, `2m`, `1h`: a positive duration.
fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    // A bare number is seconds; humantime wants a unit.
    let with_unit = if text.contains(|c: char| c.is_alphabetic()) {
        text.to_owned()
    } else {
        format!("{text}s")
    };
    let duration = humantime::parse_duration(&with_unit)
        .map_err(|e| format!("`{text}` is not a duration ({e}): write e.g. 500ms, 30s or 2m"))?;
    if duration.is_zero() {
        return Err("the timeout must be longer than zero".into());
    }
    Ok(duration)
}

/// A duration that may be zero: `0s`, `5s`, `500ms`.
fn parse_delay(text: &str) -> Result<Duration, String> {
    match text.trim() {
        "0" | "0s" => Ok(Duration::ZERO),
        _ => parse_duration(text),
    }
}

fn parse_positive(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if n > 0 => Ok(n),
        _ => Err(format!("`{text}` is not a whole number above zero")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(extra: &[&str]) -> Result<ServerConfig, String> {
        let command = clap::Command::new("s").args(args());
        let matches = command
            .try_get_matches_from(std::iter::once("s").chain(extra.iter().copied()))
            .map_err(|e| e.to_string())?;
        from_matches(&matches)
    }

    #[test]
    fn defaults_match_the_documented_ones() {
        let c = config(&[]).unwrap();
        assert_eq!(c.port, 8000);
        assert_eq!(c.host, "127.0.0.1");
        assert_eq!(c.body_limit, 16 * 1024 * 1024);
        assert_eq!(c.timeout, ServerConfig::DEFAULT_TIMEOUT);
        assert_eq!(c.max_concurrency, ServerConfig::DEFAULT_MAX_CONCURRENCY);
        assert_eq!(c.header_timeout, ServerConfig::DEFAULT_HEADER_TIMEOUT);
        assert_eq!(c.max_connections, ServerConfig::DEFAULT_MAX_CONNECTIONS);
        assert_eq!(c.access_log, AccessLog::Text);
        assert_eq!(c.shutdown_delay, Duration::ZERO);
        // The defaults clap shows and parses are written from the constants.
        assert_eq!(format!("{c:?}"), format!("{:?}", ServerConfig::default()));
    }

    #[test]
    fn sizes_and_durations_take_units() {
        assert_eq!(parse_size("1024").unwrap(), 1024);
        assert_eq!(parse_size("2KiB").unwrap(), 2048);
        assert_eq!(parse_size("16MiB").unwrap(), 16 << 20);
        assert_eq!(parse_size("1g").unwrap(), 1 << 30);
        assert!(parse_size("0").is_err());
        assert!(parse_size("12 parsecs").is_err());
        assert!(parse_size("lots").is_err());
        assert_eq!(parse_duration("30").unwrap(), Duration::from_secs(30));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("1.5s").unwrap(), Duration::from_millis(1500));
        assert_eq!(parse_duration("2m").unwrap(), Duration::from_secs(120));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("-1").is_err());
        assert!(parse_duration("soon").is_err());
    }

    #[test]
    fn options_are_read() {
        let c = config(&[
            "-p",
            "9001",
            "--host",
            "0.0.0.0",
            "--body-limit",
            "1KiB",
            "--timeout",
            "5s",
            "--max-concurrency",
            "3",
            "--header-timeout",
            "750ms",
            "--max-connections",
            "40",
            "--auth-token",
            "s3cret",
            "--access-log",
            "JSON",
            "--shutdown-delay",
            "5s",
        ])
        .unwrap();
        assert_eq!(
            (c.access_log, c.shutdown_delay),
            (AccessLog::Json, Duration::from_secs(5))
        );
        assert_eq!((c.port, c.host.as_str()), (9001, "0.0.0.0"));
        assert_eq!(
            (c.body_limit, c.timeout, c.max_concurrency),
            (1024, Duration::from_secs(5), 3)
        );
        assert_eq!(
            (c.header_timeout, c.max_connections),
            (Duration::from_millis(750), 40)
        );
        assert_eq!(c.auth_token.as_deref(), Some("s3cret"));
        assert!(!format!("{c:?}").contains("s3cret"), "the token is redacted");
        assert!(config(&["--max-concurrency", "0"]).is_err());
        assert!(config(&["--max-connections", "0"]).is_err());
        assert!(config(&["--header-timeout", "0s"]).is_err());
        assert!(config(&["--auth-token", " "]).is_err());
        assert!(config(&["--access-log", "xml"]).is_err());
        assert!(config(&["--shutdown-delay", "soon"]).is_err());
    }
}
