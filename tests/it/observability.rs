//! What the mock connector tells the platform besides its answers: DogStatsD
//! metrics to a UDP listener standing in for the Datadog agent, ERROR lines
//! to an HTTP server standing in for the on-premise agent, and the server's
//! JSON access log and shutdown delay. All on 127.0.0.1.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream, UdpSocket};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::MOCK_CONNECTOR;

const VALID: &str =
    r#"{"auth":{"basic":{"username":"foo","password":"bar"}},"request":{},"settings":{"host":"google.com"}}"#;
/// Refused by the capability, with a password worth hiding.
const EMPTY_USER: &str =
    r#"{"auth":{"basic":{"username":"","password":"hunter2-pass"}},"request":{},"settings":{"host":"h"}}"#;

/// The variables of the two agents, cleared so that the machine's own
/// settings cannot leak into a test.
const AGENT_VARS: [&str; 12] = [
    "DD_AGENT_HOST",
    "DD_DOGSTATSD_PORT",
    "DD_DOGSTATSD_DISABLE",
    "DATADOG_TAGS",
    "DD_ENV",
    "DD_SERVICE",
    "DD_VERSION",
    "DD_ENTITY_ID",
    "LUMOS_ON_PREMISE_AGENT_SEND_CRITICAL_LOGS_TO_LUMOS",
    "LUMOS_ON_PREMISE_AGENT_API_KEY",
    "LUMOS_AGENT_IDENTIFIER",
    "LUMOS_ON_PREMISE_AGENT_BASE_URL",
];

/// The mock connector with `args` and `env`, in a directory of its own (for its log file).
fn run(args: &[&str], env: &[(&str, String)]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(MOCK_CONNECTOR);
    command.args(args).current_dir(dir.path());
    for var in AGENT_VARS
        .iter()
        .chain(&["LUMOS_LOG_LEVEL", "LUMOS_LOG_TO_STDOUT"])
    {
        command.env_remove(var);
    }
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

fn statsd_listener() -> (UdpSocket, Vec<(&'static str, String)>) {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let port = socket.local_addr().unwrap().port().to_string();
    let env = vec![
        ("DD_AGENT_HOST", "127.0.0.1".to_owned()),
        ("DD_DOGSTATSD_PORT", port),
        ("DD_ENV", "ci".to_owned()),
    ];
    (socket, env)
}

/// The metric lines received until none came for a while (the process has
/// exited by then: what it sent is waiting in the socket).
fn received(socket: &UdpSocket, quiet: Duration) -> Vec<String> {
    socket.set_read_timeout(Some(quiet)).unwrap();
    let mut lines = Vec::new();
    let mut buffer = [0u8; 65536];
    while let Ok(n) = socket.recv(&mut buffer) {
        let text = std::str::from_utf8(&buffer[..n]).unwrap();
        lines.extend(text.lines().map(str::to_owned));
    }
    lines
}

/// `name|type|#tags` of each line, the value left out (timers vary).
fn shapes(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|line| {
            let (name, rest) = line.split_once(':').unwrap();
            let (_value, rest) = rest.split_once('|').unwrap();
            format!("{name}|{rest}")
        })
        .collect()
}

#[test]
fn a_cli_call_sends_the_references_metrics_with_their_tags() {
    let (socket, env) = statsd_listener();
    let out = run(&["validate_credentials", "--json", VALID], &env);
    assert!(out.status.success());
    let lines = received(&socket, Duration::from_millis(100));
    let p = "integrations.connector.capability";
    let tags = "app_id:mock-connector,capability:validate_credentials";
    assert_eq!(
        shapes(&lines),
        [
            format!("{p}.cache.count|c|#{tags},result:miss,env:ci"),
            format!("{p}.created.latency_ms|c|#{tags},env:ci"),
            format!("{p}.create.latency_ms|ms|#{tags},env:ci"),
            format!("{p}.executor.calls|c|#{tags},env:ci"),
            format!("{p}.executor.request.bytes|d|#{tags},env:ci"),
            format!("{p}.executor.request.parse.latency_ms|ms|#{tags},env:ci"),
            format!("{p}.executor.settings.validate.latency_ms|ms|#{tags},env:ci"),
            format!("{p}.executor.execute.latency_ms|ms|#{tags},env:ci"),
            format!("{p}.executor.response.serialization|ms|#{tags},env:ci"),
            format!("{p}.executor.response.bytes|d|#{tags},env:ci"),
        ],
        "{lines:#?}"
    );
    let bytes = |name: &str| -> usize {
        let line = lines.iter().find(|l| l.contains(name)).unwrap();
        line.split([':', '|']).nth(1).unwrap().parse().unwrap()
    };
    assert_eq!(bytes(".request.bytes:"), VALID.len());
    assert_eq!(
        bytes(".response.bytes:"),
        out.stdout.len() - 1,
        "the envelope without its newline"
    );
    // Milliseconds: a fast local call takes well under one.
    let execute = lines.iter().find(|l| l.contains(".execute.latency_ms:")).unwrap();
    let millis: f64 = execute.split([':', '|']).nth(1).unwrap().parse().unwrap();
    assert!((0.0..1000.0).contains(&millis), "{execute}");
}

#[test]
fn refused_and_failed_calls_are_counted_by_stage_and_reason() {
    let (socket, env) = statsd_listener();
    let errors = |args: &[&str]| -> Vec<String> {
        assert!(run(args, &env).status.success());
        received(&socket, Duration::from_millis(100))
            .into_iter()
            .filter(|l| l.contains(".executor.errors:"))
            .map(|l| l.split_once("|#").unwrap().1.to_owned())
            .collect()
    };
    let tags = "app_id:mock-connector,capability:validate_credentials";
    assert_eq!(
        errors(&["validate_credentials", "--json", EMPTY_USER]),
        [format!(
            "{tags},stage:execution,error_code:connector_error,env:ci"
        )]
    );
    assert_eq!(
        errors(&[
            "validate_credentials",
            "--json",
            r#"{"request":{},"settings":{"host":"h"}}"#
        ]),
        [format!("{tags},stage:auth_validation,error_code:missing,env:ci")]
    );
    assert_eq!(
        errors(&["validate_credentials", "--json", r#"{"request":"#]),
        [format!("{tags},stage:parsing,error_code:invalid,env:ci")]
    );
    assert_eq!(
        errors(&[
            "validate_credentials",
            "--json",
            r#"{"auth":{"basic":{"username":"u","password":"p"}},"request":{}}"#
        ]),
        [format!(
            "{tags},stage:settings_validation,error_code:missing,env:ci"
        )]
    );
}

#[test]
fn info_sends_nothing_and_the_switch_turns_metrics_off() {
    let (socket, mut env) = statsd_listener();
    assert!(run(&["info"], &env).status.success());
    assert_eq!(
        received(&socket, Duration::from_millis(100)),
        Vec::<String>::new()
    );
    env.push(("DD_DOGSTATSD_DISABLE", "true".to_owned()));
    assert!(
        run(&["validate_credentials", "--json", VALID], &env)
            .status
            .success()
    );
    assert_eq!(
        received(&socket, Duration::from_millis(100)),
        Vec::<String>::new()
    );
}

/// An HTTP server that answers every request with 200 and hands over its
/// head and body.
fn agent() -> (String, mpsc::Receiver<(String, String)>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/agent", listener.local_addr().unwrap());
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { return };
            let Some(request) = read_request(&mut stream) else {
                continue;
            };
            let _ = stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\nconnection: close\r\n\r\n");
            if tx.send(request).is_err() {
                return;
            }
        }
    });
    (base, rx)
}

fn read_request(stream: &mut TcpStream) -> Option<(String, String)> {
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    let mut length = 0;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok()?;
            }
        }
        head.push_str(&line.to_ascii_lowercase());
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some((head, String::from_utf8(body).ok()?))
}

fn agent_env(base: String) -> Vec<(&'static str, String)> {
    vec![
        (
            "LUMOS_ON_PREMISE_AGENT_SEND_CRITICAL_LOGS_TO_LUMOS",
            "True".into(),
        ),
        ("LUMOS_AGENT_IDENTIFIER", "agent-42".into()),
        ("LUMOS_ON_PREMISE_AGENT_API_KEY", "agent-key-1234".into()),
        ("LUMOS_ON_PREMISE_AGENT_BASE_URL", base),
        // No metrics: nothing else on the wire.
        ("DD_DOGSTATSD_DISABLE", "1".into()),
    ]
}

/// The `log` of every post received until none came for a while, after
/// checking the post's head.
fn posted_logs(posts: &mpsc::Receiver<(String, String)>) -> Vec<String> {
    let mut logs = Vec::new();
    while let Ok((head, body)) = posts.recv_timeout(Duration::from_millis(200)) {
        assert!(head.starts_with("post /agent/logs http/1.1\r\n"), "{head}");
        assert!(
            head.contains("authorization: bearer agent-key-1234\r\n"),
            "{head}"
        );
        assert!(head.contains("x-agent-identifier: agent-42\r\n"), "{head}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["agent_identifier"], "agent-42");
        logs.push(body["log"].as_str().unwrap().to_owned());
    }
    logs
}

/// `HH:MM:SS,<ms> ` dropped.
fn without_clock(line: &str) -> &str {
    line.split_once(' ').unwrap().1
}

#[test]
fn error_lines_reach_the_on_premise_agent_without_secrets() {
    let (base, posts) = agent();
    let mut env = agent_env(base);
    // INFO lines (the arguments line among them) stay local.
    env.push(("LUMOS_LOG_LEVEL", "INFO".into()));
    let out = run(&["validate_credentials", "--json", EMPTY_USER], &env);
    assert!(out.status.success());
    let envelope: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(envelope["error"]["error_code"], "unauthorized");
    let logs = posted_logs(&posts);
    assert_eq!(
        logs.iter().map(|l| without_clock(l)).collect::<Vec<_>>(),
        ["integration-connectors.sdk ERROR mock-connector/ErrorCode.UNAUTHORIZED: The user name is empty."]
    );

    // A command that fails before any capability runs: the reference's line.
    let out = run(
        &[
            "validate_credentials",
            "--json",
            EMPTY_USER,
            "--result-file-path",
            "out.json",
        ],
        &env,
    );
    assert_eq!(out.status.code(), Some(1));
    let logs = posted_logs(&posts);
    assert_eq!(
        logs.iter().map(|l| without_clock(l)).collect::<Vec<_>>(),
        [
            "integration-connectors.sdk ERROR Error running command exception class: ValueError exception: The result file name must end with the .gz extension."
        ]
    );
    for log in &logs {
        assert!(!log.contains("hunter2"), "{log}");
    }

    // Not asked for: nothing posted.
    let (base, posts) = agent();
    let mut env = agent_env(base);
    env.retain(|(name, _)| *name != "LUMOS_ON_PREMISE_AGENT_SEND_CRITICAL_LOGS_TO_LUMOS");
    assert!(
        run(&["validate_credentials", "--json", EMPTY_USER], &env)
            .status
            .success()
    );
    assert_eq!(posted_logs(&posts), Vec::<String>::new());
}

#[test]
fn an_agent_that_is_down_costs_the_call_nothing() {
    // A port nobody listens on any more.
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let env = agent_env(format!("http://{closed}"));
    let started = Instant::now();
    let out = run(&["validate_credentials", "--json", EMPTY_USER], &env);
    let took = started.elapsed();
    assert!(out.status.success());
    let envelope: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(envelope["error"]["message"], "The user name is empty.");
    // Refused at once: far below the two seconds a silent agent could hold the exit.
    assert!(took < Duration::from_millis(1500), "{took:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("lumos_log_handler ERROR Failed to send log to Lumos:"),
        "{stderr}"
    );
    assert!(!stderr.contains("agent-key-1234"), "{stderr}");
}

#[test]
fn the_server_logs_json_lines_and_stops_being_ready_before_it_stops() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(MOCK_CONNECTOR)
        .args(["dev", "http-server", "--port", "0", "--access-log", "json"])
        .args(["--shutdown-delay", "600ms"])
        .env_remove("CONNECTOR_SERVER_AUTH_TOKEN")
        .env("DD_DOGSTATSD_DISABLE", "1")
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (lines_tx, lines) = mpsc::channel();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let next = || {
        lines
            .recv_timeout(Duration::from_secs(20))
            .expect("a line on stderr")
    };
    let first = next();
    let address = first
        .split_once("listening on http://")
        .and_then(|(_, rest)| rest.split([' ', '/']).next())
        .unwrap_or_else(|| panic!("not listening: {first}"))
        .to_owned();
    let http = |method: &str, path: &str, body: &str| -> u16 {
        let mut stream = TcpStream::connect(&address).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nhost: x\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        answer.split(' ').nth(1).unwrap().parse().unwrap()
    };

    assert_eq!(http("POST", "/validate_credentials", EMPTY_USER), 200);
    let line: Value = serde_json::from_str(&next()).unwrap();
    assert_eq!(line["method"], "POST");
    assert_eq!(line["path"], "/validate_credentials");
    assert_eq!(line["status"], 200);
    assert_eq!(line["app_id"], "mock-connector");
    assert_eq!(line["capability"], "validate_credentials");
    assert_eq!(line["error_code"], "unauthorized");
    assert!(line["duration_ms"].as_f64().unwrap() >= 0.0);
    assert!(line["time"].as_str().unwrap().ends_with('Z'));
    assert!(!line.to_string().contains("hunter2"));
    assert_eq!(http("GET", "/readyz", ""), 200);
    let line: Value = serde_json::from_str(&next()).unwrap();
    assert_eq!(
        (line["path"].as_str(), line["capability"].as_str()),
        (Some("/readyz"), None)
    );

    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let said = next();
    assert!(said.starts_with("SIGTERM received: not ready"), "{said}");
    // Within the delay: still serving, but no longer ready.
    assert_eq!(http("GET", "/readyz", ""), 503);
    assert_eq!(http("GET", "/livez", ""), 200);
    assert_eq!(http("POST", "/validate_credentials", VALID), 200);
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not stop");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
}
