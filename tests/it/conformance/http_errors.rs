//! The app's HTTP errors as the reference reports them: each case recorded
//! from connector-py (tests/conformance/http_errors/record.py, running
//! twin.py) is replayed against the Rust twin (bins/conformance_http_errors.rs)
//! with the same request and the same upstream answer, and the two must
//! print the same envelope, byte for byte.
//!
//! One field may differ: `raised_in` names the module of the capability
//! function, `__main__` for the Python twin and the binary's crate for the
//! Rust one, so its module part is normalised on both sides; the function
//! name after the colon is still compared.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::Command;

use serde::Deserialize;
use serde_json::{Map, Value};

#[derive(Deserialize)]
struct Case {
    capability: String,
    request: String,
    upstream: Option<Upstream>,
    exit_code: i32,
    stdout: String,
}

#[derive(Deserialize, Clone)]
struct Upstream {
    path: String,
    status: u16,
    reason: String,
    headers: Map<String, Value>,
    body: Option<String>,
    body_hex: Option<String>,
}

impl Upstream {
    fn body(&self) -> Vec<u8> {
        match (&self.body, &self.body_hex) {
            (Some(text), _) => text.clone().into_bytes(),
            (None, Some(hex)) => (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex body"))
                .collect(),
            (None, None) => Vec::new(),
        }
    }

    /// The answer as the recorder's Python server writes it.
    fn answer(&self) -> Vec<u8> {
        let body = self.body();
        let mut head = format!("HTTP/1.0 {} {}\r\n", self.status, self.reason);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {}\r\n", value.as_str().unwrap_or_default()));
        }
        head.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
        let mut answer = head.into_bytes();
        answer.extend_from_slice(&body);
        answer
    }
}

fn load_cases() -> Vec<(String, Case)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("conformance/http_errors/fixtures/cases");
    let mut cases: Vec<(String, Case)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&path).unwrap();
            let case = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, case)
        })
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    cases
}

/// Serves each recorded answer at its path (an unknown path is a `404`
/// with no body, as the recorder's server does), for `requests` requests.
fn serve(routes: Vec<Upstream>, requests: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(stream) = stream else { continue };
            let routes = routes.clone();
            std::thread::spawn(move || answer(stream, &routes));
        }
    });
    port
}

fn answer(mut stream: TcpStream, routes: &[Upstream]) {
    let mut request = Vec::new();
    let mut buf = [0u8; 4096];
    while !request.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => request.extend_from_slice(&buf[..n]),
        }
    }
    let line = String::from_utf8_lossy(&request);
    let target = line.split(' ').nth(1).unwrap_or("/");
    let path = target.split('?').next().unwrap_or(target);
    let answer = match routes.iter().find(|r| r.path == path) {
        Some(route) => route.answer(),
        None => b"HTTP/1.0 404 Not Found\r\ncontent-length: 0\r\n\r\n".to_vec(),
    };
    let _ = stream.write_all(&answer);
}

/// A port nothing listens on.
fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// The module part of `raised_in` (`module:function`) made `<module>`.
fn normalise_raised_in(stdout: &str) -> String {
    const KEY: &str = r#""raised_in":""#;
    let Some(start) = stdout.find(KEY).map(|i| i + KEY.len()) else {
        return stdout.to_owned();
    };
    let end = start + stdout[start..].find('"').unwrap_or(0);
    match stdout[start..end].rfind(':') {
        Some(colon) => format!("{}<module>{}", &stdout[..start], &stdout[start + colon..]),
        None => stdout.to_owned(),
    }
}

#[test]
fn upstream_errors_read_as_the_reference_reports_them() {
    let cases = load_cases();
    assert!(cases.len() > 50, "only {} recorded cases", cases.len());
    let routes: Vec<Upstream> = cases.iter().filter_map(|(_, c)| c.upstream.clone()).collect();
    let port = serve(routes.clone(), routes.len());
    let mut failures = Vec::new();
    for (name, case) in &cases {
        let port = if case.upstream.is_some() {
            port
        } else {
            closed_port()
        };
        let address = format!("127.0.0.1:{port}");
        let request = case.request.replace("127.0.0.1:{port}", &address);
        let output = Command::new(crate::CONFORMANCE_HTTP_ERRORS)
            .arg(&case.capability)
            .arg("--json")
            .arg(&request)
            .env_remove("HTTP_PROXY")
            .env_remove("http_proxy")
            .env_remove("HTTPS_PROXY")
            .env_remove("https_proxy")
            .env_remove("ALL_PROXY")
            .env_remove("all_proxy")
            .output()
            .expect("run the Rust twin");
        let stdout = String::from_utf8_lossy(&output.stdout);
        let expected = case.stdout.replace("127.0.0.1:{port}", &address);
        let (ours, theirs) = (normalise_raised_in(&stdout), normalise_raised_in(&expected));
        if output.status.code() != Some(case.exit_code) || ours != theirs {
            failures.push(format!(
                "{name}: exit {:?} (reference {})\n  reference: {theirs}  ours:      {ours}  stderr: {}",
                output.status.code(),
                case.exit_code,
                String::from_utf8_lossy(&output.stderr).trim_end()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn only_the_module_of_raised_in_is_normalised() {
    let envelope =
        r#"{"error":{"message":"a:b","raised_by":"X","raised_in":"__main__:list_accounts"},"page":null}"#;
    assert_eq!(
        normalise_raised_in(envelope),
        r#"{"error":{"message":"a:b","raised_by":"X","raised_in":"<module>:list_accounts"},"page":null}"#
    );
    assert_ne!(
        normalise_raised_in(envelope),
        normalise_raised_in(&envelope.replace("list_accounts", "validate_credentials"))
    );
    let success = r#"{"response":{"valid":true},"raw_data":null}"#;
    assert_eq!(normalise_raised_in(success), success);
}
