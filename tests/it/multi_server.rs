//! The built `multi-server` binary as a service: routing to both connectors,
//! the access log, and graceful shutdown on SIGTERM and SIGINT with a request
//! in flight.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Served {
    child: Child,
    address: String,
    stderr: Arc<Mutex<String>>,
}

impl Served {
    fn start(args: &[&str]) -> Self {
        let mut child = Command::new(crate::MULTI_SERVER)
            .args(["--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap());
        let mut first = String::new();
        lines.read_line(&mut first).unwrap();
        let address = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split([' ', '/']).next())
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_owned();
        let stderr = Arc::new(Mutex::new(first));
        let sink = Arc::clone(&stderr);
        std::thread::spawn(move || {
            let mut line = String::new();
            while lines.read_line(&mut line).unwrap_or(0) > 0 {
                sink.lock().unwrap().push_str(&line);
                line.clear();
            }
        });
        Self {
            child,
            address,
            stderr,
        }
    }

    fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args([format!("-{name}"), self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    fn wait(&mut self) -> ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not stop");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn log(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 exchange on a fresh connection: (status, body).
fn http(address: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, body.to_owned())
}

#[test]
fn both_connectors_are_served_under_their_app_ids() {
    let mut served = Served::start(&[]);
    let a = served.address.clone();
    let (status, body) = http(
        &a,
        "POST",
        "/mock-connector/validate_credentials",
        r#"{"auth":{"basic":{"username":"foo","password":"bar"}},"request":{},"settings":{"host":"google.com"}}"#,
    );
    assert_eq!(status, 200);
    assert_eq!(
        body,
        r#"{"response":{"valid":true,"unique_tenant_id":"mock-connector-tenant-id"},"raw_data":null,"page":null,"execution_summary":null}"#
    );
    let token = r#"{"auth":{"token":{"token":"t"}},"request":{"email":"edsger@example.com","name":"Edsger Dijkstra"}}"#;
    let (status, body) = http(&a, "POST", "/team-directory/add_member", token);
    assert_eq!(
        (status, body.as_str()),
        (200, r#"{"page":null,"raw_data":null,"response":{"members":4}}"#)
    );
    let (status, body) = http(&a, "POST", "/team-directory/add_member", token);
    assert_eq!(status, 200);
    assert!(body.contains(r#""error_code":"bad_request""#), "{body}");
    let (status, body) = http(
        &a,
        "POST",
        "/team-directory/list_accounts",
        r#"{"auth":{"token":{"token":"t"}},"request":{}}"#,
    );
    assert_eq!(status, 200);
    assert!(
        body.contains("edsger@example.com"),
        "the directory keeps what was added: {body}"
    );
    let (status, body) = http(&a, "POST", "/team-directory/list_resources", "{}");
    assert_eq!(status, 404);
    assert!(
        body.contains("Capability 'list_resources' is not implemented."),
        "{body}"
    );
    let (status, body) = http(&a, "GET", "/mock-connector/openapi.json", "");
    assert_eq!(status, 200);
    assert!(body.contains(r#""x-app-id":"mock-connector""#));
    let (status, body) = http(&a, "GET", "/team-directory/openapi.json", "");
    assert_eq!(status, 200);
    assert!(body.contains(r#""/simulate_latency""#));
    let (status, body) = http(&a, "GET", "/docs", "");
    assert_eq!(status, 200);
    assert!(body.contains("/mock-connector/docs") && body.contains("/team-directory/docs"));

    served.signal("TERM");
    assert_eq!(served.wait().code(), Some(0));
    let log = served.log();
    assert!(
        log.contains("mock-connector, team-directory: listening on http://"),
        "{log}"
    );
    assert!(log.contains(" POST /team-directory/add_member 200 "), "{log}");
    assert!(log.contains(" GET /docs 200 "), "{log}");
    assert!(!log.contains("Edsger"), "no bodies in the log: {log}");
}

#[test]
fn a_signal_lets_the_requests_in_flight_finish() {
    for signal in ["TERM", "INT"] {
        let mut served = Served::start(&["--auth-token", "tok"]);
        let address = served.address.clone();
        let slow = std::thread::spawn(move || {
            let mut stream = TcpStream::connect(&address).unwrap();
            let body = r#"{"auth":{"token":{"token":"t"}},"request":{"milliseconds":1500}}"#;
            write!(
                stream,
                "POST /team-directory/simulate_latency HTTP/1.1\r\nhost: x\r\nauthorization: Bearer tok\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{body}",
                body.len()
            )
            .unwrap();
            let mut answer = String::new();
            stream.read_to_string(&mut answer).unwrap();
            answer
        });
        // Let the request reach the capability before the signal.
        std::thread::sleep(Duration::from_millis(500));
        served.signal(signal);
        let answer = slow.join().unwrap();
        assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
        assert!(
            answer.ends_with(r#"{"page":null,"raw_data":null,"response":{"milliseconds":1500}}"#),
            "{answer}"
        );
        assert_eq!(served.wait().code(), Some(0), "SIG{signal}: {}", served.log());
        let log = served.log();
        assert!(
            log.contains(&format!("SIG{signal} received: finishing 1 request(s) in flight")),
            "{log}"
        );
        assert!(
            log.contains(" POST /team-directory/simulate_latency 200 "),
            "{log}"
        );
        assert!(
            TcpStream::connect(&served.address).is_err(),
            "no longer listening"
        );
    }
}
