//! DogStatsD metrics of capability calls, under the reference's names and
//! tags, sent over UDP to a Datadog agent.
//!
//! Configured as the reference's client (datadog 0.49) configures itself:
//! `DD_AGENT_HOST` (default `127.0.0.1`), `DD_DOGSTATSD_PORT` (default
//! 8125), `DD_DOGSTATSD_DISABLE` (`true`, `True`, `yes` or `1` turns sending
//! off), and the tags every metric carries: `DATADOG_TAGS` (comma-separated)
//! and `DD_ENTITY_ID`, `DD_ENV`, `DD_SERVICE`, `DD_VERSION`. On unless
//! disabled, as in the reference.
//!
//! Sending never fails or slows a call: the socket is opened on the first
//! metric (so `info` and `--help` open none), it is non-blocking, the
//! metrics of one call go out in as few datagrams as fit, and a datagram
//! that cannot be sent is dropped with a debug log line.
//!
//! Unlike the reference, timers named `latency_ms` send milliseconds (its
//! send seconds), and a metric carries only its own tags (its tags pile up
//! from one metric to the next).

use std::fmt::Write as _;
use std::net::{SocketAddr, ToSocketAddrs, UdpSocket};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The agent's host.
pub const AGENT_HOST_VAR: &str = "DD_AGENT_HOST";
/// The agent's DogStatsD port.
pub const PORT_VAR: &str = "DD_DOGSTATSD_PORT";
/// `true`, `True`, `yes` or `1`: no metrics.
pub const DISABLE_VAR: &str = "DD_DOGSTATSD_DISABLE";
/// Tags for every metric, comma-separated.
pub const TAGS_VAR: &str = "DATADOG_TAGS";

const DEFAULT_HOST: &str = "127.0.0.1";
const DEFAULT_PORT: u16 = 8125;
/// The variables whose values become tags of every metric, and the tag names.
const ENV_TAGS: [(&str, &str); 4] = [
    ("DD_ENTITY_ID", "dd.internal.entity_id"),
    ("DD_ENV", "env"),
    ("DD_SERVICE", "service"),
    ("DD_VERSION", "version"),
];
/// The most a datagram holds (the reference's client's figure for UDP, which
/// stays under the usual path MTU).
const MAX_DATAGRAM: usize = 1432;
const PREFIX: &str = "integrations.connector.capability";

/// Where the metrics go and the tags they all carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Config {
    host: String,
    port: u16,
    /// `,tag,tag...`, ready to append.
    constant_tags: String,
}

impl Config {
    /// The configuration the environment asks for; `None` when disabled.
    fn from_env() -> Option<Self> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    fn from_vars(var: impl Fn(&str) -> Option<String>) -> Option<Self> {
        if var(DISABLE_VAR).is_some_and(|v| matches!(v.as_str(), "True" | "true" | "yes" | "1")) {
            return None;
        }
        let host = var(AGENT_HOST_VAR)
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| DEFAULT_HOST.to_owned());
        let port = match var(PORT_VAR).filter(|p| !p.is_empty()) {
            None => DEFAULT_PORT,
            Some(text) => text.trim().parse().unwrap_or_else(|_| {
                tracing::warn!(
                    "Port number provided in {PORT_VAR} env var is not an integer: {text}, using {DEFAULT_PORT} as port number"
                );
                DEFAULT_PORT
            }),
        };
        let mut tags: Vec<String> = var(TAGS_VAR)
            .unwrap_or_default()
            .split(',')
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect();
        for (name, tag) in ENV_TAGS {
            if let Some(value) = var(name).filter(|v| !v.is_empty()) {
                tags.push(format!("{tag}:{value}"));
            }
        }
        let constant_tags = tags.iter().fold(String::new(), |mut out, tag| {
            out.push(',');
            push_tag(&mut out, tag);
            out
        });
        Some(Self {
            host,
            port,
            constant_tags,
        })
    }
}

/// A connected, non-blocking UDP socket and the constant tags.
pub(crate) struct Client {
    socket: UdpSocket,
    constant_tags: String,
}

impl Client {
    /// Opens the socket; `None` (with a debug line) when the host cannot be
    /// resolved or no socket can be had, which leaves the calls unmeasured.
    pub(crate) fn open(config: &Config) -> Option<Self> {
        let open = || -> std::io::Result<Self> {
            let address = (config.host.as_str(), config.port)
                .to_socket_addrs()?
                .next()
                .ok_or_else(|| std::io::Error::other("the host has no address"))?;
            let local: SocketAddr = match address {
                SocketAddr::V4(_) => ([0, 0, 0, 0], 0).into(),
                SocketAddr::V6(_) => ([0u16; 8], 0).into(),
            };
            let socket = UdpSocket::bind(local)?;
            socket.set_nonblocking(true)?;
            socket.connect(address)?;
            Ok(Self {
                socket,
                constant_tags: config.constant_tags.clone(),
            })
        };
        open()
            .map_err(|e| tracing::debug!("no DogStatsD metrics to {}:{}: {e}", config.host, config.port))
            .ok()
    }

    /// The process's client, opened on first use from the environment.
    fn get() -> Option<&'static Self> {
        static CLIENT: OnceLock<Option<Client>> = OnceLock::new();
        CLIENT
            .get_or_init(|| Config::from_env().and_then(|c| Self::open(&c)))
            .as_ref()
    }

    fn send(&self, datagram: &str) {
        // Nobody listening, a full buffer: the metric is lost, never the call.
        if let Err(e) = self.socket.send(datagram.as_bytes()) {
            tracing::debug!("a DogStatsD datagram was dropped: {e}");
        }
    }
}

/// Where the reference's pipeline stood when it refused a call: the `stage`
/// tag of `executor.errors`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    Parsing,
    AuthValidation,
    SettingsValidation,
    Execution,
    ResponseValidation,
}

impl Stage {
    fn as_str(self) -> &'static str {
        match self {
            Self::Parsing => "parsing",
            Self::AuthValidation => "auth_validation",
            Self::SettingsValidation => "settings_validation",
            Self::Execution => "execution",
            Self::ResponseValidation => "response_validation",
        }
    }
}

/// The metrics of one capability call, gathered and sent when it is dropped.
pub(crate) struct Probe {
    client: &'static Client,
    /// `app_id:...,capability:...`.
    tags: String,
    lines: String,
}

impl Probe {
    /// Starts measuring a call of `capability`, or `None` when metrics are off.
    ///
    /// Sends the reference's executor-factory metrics first: it built an
    /// executor on the first call of each capability in a process (a cache
    /// `miss`, then `created`) and found it on later ones (a `hit`).
    pub(crate) fn start(app_id: &str, capability: &'static str) -> Option<Self> {
        let client = Client::get()?;
        let started = Instant::now();
        let mut probe = Self::new(client, app_id, capability);
        let first = {
            static SEEN: Mutex<Vec<(String, &str)>> = Mutex::new(Vec::new());
            let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
            let key = (app_id.to_owned(), capability);
            let first = !seen.contains(&key);
            if first {
                seen.push(key);
            }
            first
        };
        probe.count_tagged("cache.count", "result", if first { "miss" } else { "hit" });
        if first {
            probe.count("created.latency_ms");
        }
        probe.timing("create.latency_ms", started.elapsed());
        Some(probe)
    }

    /// Counts a call of a capability the connector does not serve.
    pub(crate) fn not_implemented(app_id: &str, capability: &str) {
        let Some(client) = Client::get() else { return };
        let started = Instant::now();
        let mut probe = Self::new(client, app_id, capability);
        probe.count_tagged("cache.count", "result", "miss");
        probe.count("not_implemented.count");
        probe.timing("create.latency_ms", started.elapsed());
    }

    fn new(client: &'static Client, app_id: &str, capability: &str) -> Self {
        let mut tags = String::from("app_id:");
        push_tag(&mut tags, app_id);
        tags.push_str(",capability:");
        // A name from a URL: bounded, so that no request makes a huge datagram.
        push_tag(&mut tags, crate::redact::prefix(capability, 200));
        Self {
            client,
            tags,
            lines: String::new(),
        }
    }

    /// `executor.<name>`, one more.
    pub(crate) fn executor_count(&mut self, name: &str) {
        self.count(&format!("executor.{name}"));
    }

    /// `executor.<name>`, a duration in milliseconds.
    pub(crate) fn executor_timing(&mut self, name: &str, elapsed: Duration) {
        self.timing(&format!("executor.{name}"), elapsed);
    }

    /// `executor.<name>`, a size in bytes.
    pub(crate) fn executor_bytes(&mut self, name: &str, bytes: usize) {
        self.line(&format!("executor.{name}"), &bytes.to_string(), "d", None);
    }

    /// `executor.errors`, with the stage and the reason.
    pub(crate) fn error(&mut self, stage: Stage, error_code: &str) {
        let mut extra = String::from(",stage:");
        extra.push_str(stage.as_str());
        extra.push_str(",error_code:");
        push_tag(&mut extra, error_code);
        self.line("executor.errors", "1", "c", Some(&extra));
    }

    fn count(&mut self, name: &str) {
        self.line(name, "1", "c", None);
    }

    fn count_tagged(&mut self, name: &str, tag: &str, value: &str) {
        self.line(name, "1", "c", Some(&format!(",{tag}:{value}")));
    }

    fn timing(&mut self, name: &str, elapsed: Duration) {
        let millis = format!("{:.3}", elapsed.as_secs_f64() * 1000.0);
        self.line(name, &millis, "ms", None);
    }

    fn line(&mut self, name: &str, value: &str, kind: &str, extra_tags: Option<&str>) {
        let mut line = String::with_capacity(160);
        let _ = write!(line, "{PREFIX}.{name}:{value}|{kind}|#{}", self.tags);
        line.push_str(extra_tags.unwrap_or_default());
        line.push_str(&self.client.constant_tags);
        if !self.lines.is_empty() && self.lines.len() + 1 + line.len() > MAX_DATAGRAM {
            self.flush();
        }
        if !self.lines.is_empty() {
            self.lines.push('\n');
        }
        self.lines.push_str(&line);
    }

    fn flush(&mut self) {
        if !self.lines.is_empty() {
            self.client.send(&self.lines);
            self.lines.clear();
        }
    }
}

impl Drop for Probe {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Appends `tag` as the reference's client writes tags: every character
/// other than a letter, digit, `_`, `-`, `:`, `/` or `.` becomes `_` (which
/// also keeps the separators `,`, `|` and `#` out of it).
fn push_tag(out: &mut String, tag: &str) {
    out.extend(tag.chars().map(|c| {
        if c.is_alphanumeric() || matches!(c, '_' | '-' | ':' | '/' | '.') {
            c
        } else {
            '_'
        }
    }));
}

/// The reference's `error_code` for an exception class: `HTTPStatusError`
/// → `http_status_error`, `ConnectorError` → `connector_error` (its
/// PascalCase-to-snake_case regular expressions, rule for rule).
pub(crate) fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    // First rule: `_` before each capital that starts a lowercase run, unless
    // it begins the name.
    let mut first = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        let starts_word = c.is_ascii_uppercase() && chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
        if starts_word && i > 0 {
            first.push('_');
        }
        first.push(c);
    }
    // Second rule: `_` between a lowercase letter or digit and a capital.
    let chars: Vec<char> = first.chars().collect();
    let mut out = String::with_capacity(first.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if i > 0 && c.is_ascii_uppercase() {
            let before = chars[i - 1];
            if before.is_ascii_lowercase() || before.is_ascii_digit() {
                out.push('_');
            }
        }
        out.push(c);
    }
    out.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(vars: &[(&str, &str)]) -> Option<Config> {
        Config::from_vars(|name| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        })
    }

    #[test]
    fn the_environment_is_read_as_the_reference_client_reads_it() {
        assert_eq!(
            config(&[]),
            Some(Config {
                host: "127.0.0.1".into(),
                port: 8125,
                constant_tags: String::new(),
            })
        );
        let c = config(&[
            (AGENT_HOST_VAR, "dd-agent"),
            (PORT_VAR, "9125"),
            (TAGS_VAR, "team:iam,,region:eu west"),
            ("DD_ENV", "prod"),
            ("DD_SERVICE", "okta"),
        ])
        .unwrap();
        assert_eq!((c.host.as_str(), c.port), ("dd-agent", 9125));
        assert_eq!(c.constant_tags, ",team:iam,region:eu_west,env:prod,service:okta");
        assert_eq!(config(&[(PORT_VAR, "eighty")]).unwrap().port, 8125);
        for off in ["true", "True", "yes", "1"] {
            assert_eq!(config(&[(DISABLE_VAR, off)]), None, "{off}");
        }
        assert!(config(&[(DISABLE_VAR, "no")]).is_some());
    }

    #[test]
    fn class_names_become_the_references_error_codes() {
        for (class, code) in [
            ("ConnectorError", "connector_error"),
            ("HTTPStatusError", "http_status_error"),
            ("JSONDecodeError", "json_decode_error"),
            ("ParseIntError", "parse_int_error"),
            ("ValueError", "value_error"),
            ("panic", "panic"),
            ("OAuth2Error", "o_auth2_error"),
            ("IOError", "io_error"),
            ("BcDEf", "bc_d_ef"),
        ] {
            assert_eq!(snake_case(class), code, "{class}");
        }
    }

    #[test]
    fn one_calls_metrics_reach_a_listener_with_their_tags() {
        let listener = UdpSocket::bind("127.0.0.1:0").unwrap();
        listener.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let config = Config {
            host: "127.0.0.1".into(),
            port: listener.local_addr().unwrap().port(),
            constant_tags: ",env:test".into(),
        };
        let client: &'static Client = Box::leak(Box::new(Client::open(&config).unwrap()));
        {
            let mut probe = Probe::new(client, "acme", "list accounts|x");
            probe.executor_count("calls");
            probe.executor_bytes("request.bytes", 42);
            probe.executor_timing("execute.latency_ms", Duration::from_micros(1500));
            probe.error(Stage::Execution, "http_status_error");
        }
        let mut buffer = [0u8; 2048];
        let n = listener.recv(&mut buffer).unwrap();
        let datagram = std::str::from_utf8(&buffer[..n]).unwrap();
        let tags = "app_id:acme,capability:list_accounts_x";
        assert_eq!(
            datagram,
            [
                format!("integrations.connector.capability.executor.calls:1|c|#{tags},env:test"),
                format!("integrations.connector.capability.executor.request.bytes:42|d|#{tags},env:test"),
                format!(
                    "integrations.connector.capability.executor.execute.latency_ms:1.500|ms|#{tags},env:test"
                ),
                format!(
                    "integrations.connector.capability.executor.errors:1|c|#{tags},stage:execution,error_code:http_status_error,env:test"
                ),
            ]
            .join("\n")
        );
    }

    #[test]
    fn many_metrics_are_split_into_datagrams_that_fit() {
        let listener = UdpSocket::bind("127.0.0.1:0").unwrap();
        listener.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
        let config = Config {
            host: "127.0.0.1".into(),
            port: listener.local_addr().unwrap().port(),
            constant_tags: String::new(),
        };
        let client: &'static Client = Box::leak(Box::new(Client::open(&config).unwrap()));
        {
            let mut probe = Probe::new(client, "acme", "list_accounts");
            for _ in 0..40 {
                probe.executor_count("calls");
            }
        }
        let mut lines = 0;
        let mut buffer = [0u8; 4096];
        while lines < 40 {
            let n = listener.recv(&mut buffer).unwrap();
            assert!(n <= MAX_DATAGRAM, "{n} bytes");
            lines += std::str::from_utf8(&buffer[..n]).unwrap().lines().count();
        }
        assert_eq!(lines, 40);
    }
}
