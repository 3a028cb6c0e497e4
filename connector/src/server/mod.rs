//! The connector served over HTTP: `<connector> dev http-server`.
//!
//! One connector answers at `POST /<capability>`; a binary that links several
//! connector crates can serve them all at `POST /<app_id>/<capability>`
//! ([`Server::multi`], [`run_all`]). The body of a capability call is the
//! request envelope, as the CLI's `--json` takes it; the answer is exactly the
//! envelope the CLI prints (without the trailing newline).
//!
//! Status codes:
//! - `200`: an envelope was produced, the error envelope included (bad JSON,
//!   missing auth, a failing capability), as the reference server does.
//! - `401`: `--auth-token` is set and the request lacks `Authorization: Bearer <token>`.
//! - `404`: no such capability (`not_implemented`) or route (`not_found`).
//! - `405`: wrong method, with an `allow` header.
//! - `413`: the body is over `--body-limit`.
//! - `504`: the request took longer than `--timeout` (`request_timeout`); the
//!   capability call is cancelled.
//!
//! Every non-200 answer carries an error envelope too. `GET /healthz` is always
//! open; `GET /openapi.json` is the connector's OpenAPI document (the
//! `app_schema` of `app_info`); `GET /docs` is an API page that works offline.
//!
//! For a Deployment of many replicas: `GET /livez` answers 200 while the
//! process serves, `GET /readyz` 200 until the first SIGTERM or SIGINT and
//! 503 from then on (both open like `/healthz`); `GET /metrics` is the
//! Prometheus exposition of calls, errors by code and latency per
//! capability; `--access-log json` writes one JSON line per request.

mod config;
mod conn;
mod docs;
mod http;
mod metrics;
mod reload;

use std::collections::BTreeMap;
use std::future::Future;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::routing::any;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

pub use self::config::{ACCESS_LOG_VAR, AUTH_TOKEN_VAR, AccessLog, ServerConfig};
use crate::registry::App;

/// Route names a multi-connector server keeps for itself.
const RESERVED: [&str; 7] = [
    "healthz",
    "livez",
    "readyz",
    "metrics",
    "docs",
    "redoc",
    "openapi.json",
];

/// A connector and its OpenAPI document, computed once.
struct Hosted {
    app: App,
    openapi: String,
}

impl Hosted {
    fn new(app: App) -> Result<Arc<Self>, String> {
        let openapi = serde_json::to_string(&crate::document::openapi::document(app.catalog()))
            .map_err(|e| format!("the OpenAPI document of {} cannot be written: {e}", app.app_id()))?;
        Ok(Arc::new(Self { app, openapi }))
    }
}

enum Layout {
    /// One connector at the root: `/<capability>`.
    Single(Arc<Hosted>),
    /// Several, by app id: `/<app_id>/<capability>`.
    Multi(BTreeMap<&'static str, Arc<Hosted>>),
}

/// What every request handler shares.
struct Shared {
    layout: Layout,
    body_limit: usize,
    timeout: Duration,
    permits: Arc<Semaphore>,
    /// SHA-256 of the bearer token, so comparisons take the same time whatever the input.
    token_digest: Option<[u8; 32]>,
    in_flight: AtomicUsize,
    connections: conn::Limits,
    #[cfg(feature = "client")]
    proxy: Option<crate::client::ProxySettings>,
    /// Cleared by the first stop signal: `/readyz` answers 503 from then on.
    ready: AtomicBool,
    access_log: AccessLog,
    metrics: metrics::Registry,
}

/// An HTTP server for one connector or several.
#[derive(Clone)]
pub struct Server {
    shared: Arc<Shared>,
}

impl Server {
    /// Serves `app` at the root: `POST /<capability>`, `GET /openapi.json`, `GET /docs`.
    pub fn single(app: App, config: &ServerConfig) -> Result<Self, String> {
        Ok(Self::with_layout(Layout::Single(Hosted::new(app)?), config))
    }

    /// Whether `/readyz` answers 200: until [`Server::stop_being_ready`] or
    /// the first stop signal.
    pub fn is_ready(&self) -> bool {
        self.shared.ready.load(Ordering::Relaxed)
    }

    /// Makes `/readyz` answer 503, so that a load balancer sends no more
    /// requests, while the server goes on serving.
    pub fn stop_being_ready(&self) {
        self.shared.ready.store(false, Ordering::Relaxed);
    }

    /// Serves each app under its app id: `POST /<app_id>/<capability>`,
    /// `GET /<app_id>/openapi.json`, `GET /<app_id>/docs`; `GET /docs` lists them.
    pub fn multi(apps: Vec<App>, config: &ServerConfig) -> Result<Self, String> {
        if apps.is_empty() {
            return Err("no connector to serve".into());
        }
        let mut hosted = BTreeMap::new();
        for app in apps {
            let id = app.app_id();
            if RESERVED.contains(&id) || id.contains('/') || id.is_empty() {
                return Err(format!(
                    "app id `{id}` cannot be a path segment of the server (reserved: {})",
                    RESERVED.join(", ")
                ));
            }
            if hosted.insert(id, Hosted::new(app)?).is_some() {
                return Err(format!("two connectors have app id `{id}`"));
            }
        }
        Ok(Self::with_layout(Layout::Multi(hosted), config))
    }

    fn with_layout(layout: Layout, config: &ServerConfig) -> Self {
        use sha2::Digest;
        let metrics = match &layout {
            Layout::Single(hosted) => metrics::Registry::new([&hosted.app]),
            Layout::Multi(apps) => metrics::Registry::new(apps.values().map(|h| &h.app)),
        };
        Self {
            shared: Arc::new(Shared {
                ready: AtomicBool::new(true),
                access_log: config.access_log,
                metrics,
                layout,
                body_limit: config.body_limit,
                timeout: config.timeout,
                permits: Arc::new(Semaphore::new(config.max_concurrency.max(1))),
                token_digest: config
                    .auth_token
                    .as_ref()
                    .map(|t| sha2::Sha256::digest(t.as_bytes()).into()),
                in_flight: AtomicUsize::new(0),
                connections: conn::Limits {
                    header_timeout: config.header_timeout,
                    max_connections: conn::connection_cap(config.max_connections),
                },
                #[cfg(feature = "client")]
                proxy: config.proxy.clone(),
            }),
        }
    }

    /// The app ids served.
    pub fn app_ids(&self) -> Vec<&'static str> {
        match &self.shared.layout {
            Layout::Single(h) => vec![h.app.app_id()],
            Layout::Multi(map) => map.keys().copied().collect(),
        }
    }

    /// The routes, with access log, token check and limits.
    pub fn router(&self) -> Router {
        let shared = Arc::clone(&self.shared);
        Router::new()
            .route("/{first}", any(http::one_segment))
            .route("/{first}/{second}", any(http::two_segments))
            .fallback(http::no_route)
            .layer(axum::middleware::from_fn_with_state(
                Arc::clone(&shared),
                http::require_token,
            ))
            .layer(axum::middleware::from_fn_with_state(
                Arc::clone(&shared),
                http::access_log,
            ))
            .with_state(shared)
    }

    /// Serves on `listener` until `shutdown` completes, then waits for the
    /// requests in flight to finish.
    ///
    /// At most [`ServerConfig::max_connections`] connections are open at once
    /// (further ones wait to be accepted); each must send its request headers
    /// within [`ServerConfig::header_timeout`], is closed when idle that long,
    /// and is dropped when its client leaves an answer unread that long.
    pub async fn serve(
        self,
        listener: TcpListener,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        conn::serve(self.router(), listener, self.shared.connections, shutdown).await;
        Ok(())
    }

    /// How many requests are being served right now.
    pub fn in_flight(&self) -> usize {
        self.shared.in_flight.load(Ordering::Relaxed)
    }

    /// Binds `config.host:config.port` on a multi-thread runtime (one worker
    /// per core), serves until SIGINT or SIGTERM, then finishes the requests in
    /// flight. A second signal, or requests outliving the timeout by 10 s, stop
    /// it at once (an error).
    pub fn run(self, config: &ServerConfig) -> Result<(), String> {
        self.run_until(config, std::future::pending())
    }

    /// [`Server::run`], also stopping gracefully when `stop` completes with
    /// its reason.
    fn run_until(
        self,
        config: &ServerConfig,
        stop: impl Future<Output = &'static str> + Send + 'static,
    ) -> Result<(), String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("connector-server")
            .build()
            .map_err(|e| format!("cannot start the async runtime: {e}"))?;
        let result = runtime.block_on(self.run_async(config, stop));
        // Capability calls cut short by a forced stop must not hold the exit up.
        runtime.shutdown_timeout(Duration::from_secs(1));
        result
    }

    async fn run_async(
        self,
        config: &ServerConfig,
        stop: impl Future<Output = &'static str> + Send + 'static,
    ) -> Result<(), String> {
        let mut signals =
            signals::Signals::new().map_err(|e| format!("cannot listen for termination signals: {e}"))?;
        let listener = TcpListener::bind((config.host.as_str(), config.port))
            .await
            .map_err(|e| format!("cannot listen on {}:{}: {e}", config.host, config.port))?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("cannot read the listening address: {e}"))?;
        let served = self.app_ids().join(", ");
        let token = if config.auth_token.is_some() {
            ", bearer token required"
        } else {
            ""
        };
        eprintln!("{served}: listening on http://{address} (API page: http://{address}/docs{token})");
        #[cfg(feature = "client")]
        if let Some(proxy) = &config.proxy {
            eprintln!(
                "proxy mode: the connector's HTTP requests go to {}",
                crate::redact::url_text(proxy.url().as_str())
            );
        }
        let connections = self.shared.connections.max_connections;
        if connections < config.max_connections {
            eprintln!(
                "at most {connections} connections at once: half the open-file limit of {}",
                conn::open_file_limit().unwrap_or_default()
            );
        }

        let (stop_tx, mut stop_rx) = tokio::sync::watch::channel(0u8);
        let probe = self.clone();
        let delay = config.shutdown_delay;
        tokio::spawn(async move {
            tokio::pin!(stop);
            let name = tokio::select! {
                name = signals.next() => name,
                reason = &mut stop => reason,
            };
            probe.stop_being_ready();
            let mut forced = false;
            if !delay.is_zero() {
                eprintln!("{name}: not ready; serving {delay:?} more before stopping");
                tokio::select! {
                    () = tokio::time::sleep(delay) => {}
                    _ = signals.next() => forced = true,
                }
            }
            eprintln!("{name}: finishing {} request(s) in flight", probe.in_flight());
            if stop_tx.send(1).is_err() {
                return;
            }
            if !forced {
                signals.next().await;
            }
            let _ = stop_tx.send(2);
        });
        let mut first = stop_rx.clone();
        let shutdown = async move {
            let _ = first.wait_for(|&n| n >= 1).await;
        };
        let grace = config.timeout + Duration::from_secs(10);
        let serve = self.serve(listener, shutdown);
        tokio::pin!(serve);
        tokio::select! {
            result = &mut serve => {
                result.map_err(|e| format!("the server stopped: {e}"))?;
                eprintln!("stopped");
                Ok(())
            }
            reason = async {
                let _ = stop_rx.wait_for(|&n| n >= 1).await;
                tokio::select! {
                    _ = tokio::time::sleep(grace) => "requests still running after the grace period",
                    _ = stop_rx.wait_for(|&n| n >= 2) => "a second signal",
                }
            } => Err(format!("stopping at once on {reason}")),
        }
    }
}

mod signals {
    //! SIGINT and SIGTERM, registered before the server listens so that
    //! none is missed.

    #[cfg(unix)]
    pub(super) struct Signals {
        interrupt: tokio::signal::unix::Signal,
        terminate: tokio::signal::unix::Signal,
    }

    #[cfg(unix)]
    impl Signals {
        pub(super) fn new() -> std::io::Result<Self> {
            use tokio::signal::unix::{SignalKind, signal};
            Ok(Self {
                interrupt: signal(SignalKind::interrupt())?,
                terminate: signal(SignalKind::terminate())?,
            })
        }

        pub(super) async fn next(&mut self) -> &'static str {
            tokio::select! {
                _ = self.interrupt.recv() => "SIGINT received",
                _ = self.terminate.recv() => "SIGTERM received",
            }
        }
    }

    #[cfg(not(unix))]
    pub(super) struct Signals;

    #[cfg(not(unix))]
    impl Signals {
        pub(super) fn new() -> std::io::Result<Self> {
            Ok(Self)
        }

        pub(super) async fn next(&mut self) -> &'static str {
            let _ = tokio::signal::ctrl_c().await;
            "Ctrl-C received"
        }
    }
}

/// The `http-server` subcommand of `dev`.
pub(crate) fn command() -> clap::Command {
    clap::Command::new("http-server")
        .about(
            "Serve the connector over HTTP: POST /<capability>, GET /openapi.json, GET /docs, GET /healthz, /livez, /readyz, /metrics",
        )
        .args(config::args())
        .arg(
            clap::Arg::new("reload")
                .long("reload")
                .action(clap::ArgAction::SetTrue)
                .help("Restart when the connector's binary is rebuilt (requests in flight finish first)"),
        )
}

/// Runs `dev http-server` for `app`.
pub(crate) fn run_dev(app: &App, matches: &clap::ArgMatches) -> Result<(), String> {
    let config = config::from_matches(matches)?;
    let app = App::load_app(app.app_id()).map_err(|e| e.to_string())?;
    let server = Server::single(app, &config)?;
    if !matches.get_flag("reload") {
        return server.run(&config);
    }
    let reloader = reload::Reloader::new()?;
    server.run_until(&config, reloader.rebuilt())?;
    if reloader.saw_rebuild() {
        reloader.restart()
    } else {
        Ok(())
    }
}

/// The whole command line of a binary that serves every connector it links
/// over HTTP, each under its app id: `<bin> [--port N] [--host H] ...` with the
/// options of `dev http-server`.
///
/// The binary must name each connector crate (`use some_connector as _;`) so
/// that the linker keeps their registrations.
pub fn run_all() -> ExitCode {
    let mut args = std::env::args_os().peekable();
    let program = crate::names::program_name(args.peek()).unwrap_or_else(|| "server".to_owned());
    let command = clap::Command::new(program.clone())
        .about("Serve every connector of this binary over HTTP: POST /<app_id>/<capability>, GET /<app_id>/openapi.json, GET /docs, GET /healthz, /livez, /readyz, /metrics")
        .args(config::args());
    let matches = match command.try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => return crate::exit::clap_exit(&e),
    };
    // The log file is named after the binary: it serves several apps.
    let result = crate::logging::init(&program)
        .and_then(|()| config::from_matches(&matches))
        .and_then(|config| {
            let apps = App::load_all().map_err(|e| e.to_string())?;
            Server::multi(apps, &config)?.run(&config)
        });
    crate::logging::flush();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}
