//! `mock-connector dev http-server` as a process, against the CLI's answers.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = crate::MOCK_CONNECTOR;
const VALID: &str =
    r#"{"auth":{"basic":{"username":"foo","password":"bar"}},"request":{},"settings":{"host":"google.com"}}"#;

fn http(address: &str, method: &str, path: &str, headers: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\n{headers}content-length: {}\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    (head.split(' ').nth(1).unwrap().parse().unwrap(), body.to_owned())
}

fn cli(args: &[&str]) -> String {
    let out = Command::new(BIN).args(args).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_library_split_keeps_every_capability() {
    let info: serde_json::Value = serde_json::from_str(&cli(&["info"])).unwrap();
    let capabilities: Vec<&str> = info["response"]["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        capabilities,
        ["app_info", "list_accounts", "validate_credentials"]
    );
}

#[test]
fn dev_without_a_command_prints_help_and_fails() {
    let out = Command::new(BIN).arg("dev").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.starts_with("No command passed in"), "{stderr}");
    assert!(stderr.contains("http-server"), "{stderr}");
}

/// The `host:port` of the server's `... listening on http://host:port ...` line.
fn listening_address(line: &str) -> Option<String> {
    let (_, rest) = line.split_once("listening on http://")?;
    rest.split([' ', '/']).next().map(str::to_owned)
}

/// Starts `dev http-server` on a free port with `args`, under `sh -c
/// 'limits; exec ...'`; returns the process and its address.
fn serve(limits: &str, args: &[&str]) -> (std::process::Child, String) {
    let mut child = Command::new("sh")
        .args(["-c", &format!("{limits} exec \"$0\" \"$@\"")])
        .arg(BIN)
        .args(["dev", "http-server", "--port", "0"])
        .args(args)
        .env_remove("CONNECTOR_SERVER_AUTH_TOKEN")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    let address = listening_address(&line).unwrap_or_else(|| panic!("not listening: {line}"));
    // The access log goes on; nobody reads it.
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    (child, address)
}

/// `GET /healthz` on a connection of its own, waiting at most `patience` for the answer.
fn healthz(address: &str, patience: Duration) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(address)?;
    stream.set_read_timeout(Some(patience))?;
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\n\r\n"
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer)
}

#[test]
fn a_huge_declared_length_within_the_limit_is_read_as_it_comes() {
    let (mut child, address) = serve("", &["--body-limit", "1000GiB", "--timeout", "2s"]);
    let mut stream = TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "POST /validate_credentials HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\ncontent-length: 900000000000\r\n\r\n{{"
    )
    .unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let mut answer = String::new();
    let read = stream.read_to_string(&mut answer);
    assert!(
        answer.starts_with("HTTP/1.1 504"),
        "the body never comes, so the request times out: {read:?} {answer}"
    );
    assert!(answer.contains(r#""error_code":"request_timeout""#), "{answer}");
    let health = healthz(&address, Duration::from_secs(60)).unwrap();
    assert!(health.starts_with("HTTP/1.1 200"), "{health}");
    assert!(child.try_wait().unwrap().is_none(), "the server is still running");
    child.kill().unwrap();
    child.wait().unwrap();
}

#[cfg(unix)]
#[test]
fn slow_clients_cannot_take_every_file_descriptor() {
    // Fewer descriptors than slow clients.
    let (mut child, address) = serve("ulimit -n 256 &&", &["--header-timeout", "1s"]);
    let slow: Vec<TcpStream> = (0..300)
        .map(|_| {
            let mut stream = TcpStream::connect(&address).unwrap();
            stream.write_all(b"GET /healthz HTTP/1.1\r\nx-slow: ").unwrap();
            stream
        })
        .collect();
    let started = Instant::now();
    let health = healthz(&address, Duration::from_secs(90));
    assert!(
        health.as_ref().is_ok_and(|h| h.starts_with("HTTP/1.1 200")),
        "after {:?}: {health:?}",
        started.elapsed()
    );
    assert!(child.try_wait().unwrap().is_none(), "the server is still running");
    drop(slow);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn the_server_answers_as_the_cli_does() {
    let mut child = Command::new(BIN)
        .args(["dev", "http-server", "--port", "0", "--timeout", "10s"])
        .env("CONNECTOR_SERVER_AUTH_TOKEN", "from-env")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert!(
        line.starts_with("mock-connector: listening on http://127.0.0.1:"),
        "{line}"
    );
    let address = listening_address(&line).unwrap();
    let auth = "authorization: Bearer from-env\r\n";

    let (status, body) = http(&address, "POST", "/validate_credentials", auth, VALID);
    assert_eq!(status, 200);
    assert_eq!(
        format!("{body}\n"),
        cli(&["validate_credentials", "--json", VALID])
    );
    let page = r#"{"auth":{"basic":{"username":"foo","password":"bar"}},"request":{},"settings":{"host":"h"},"page":{"size":5}}"#;
    let (status, body) = http(&address, "POST", "/list_accounts", auth, page);
    assert_eq!(status, 200);
    assert_eq!(format!("{body}\n"), cli(&["list_accounts", "--json", page]));
    let (status, body) = http(&address, "POST", "/list_accounts", auth, "{}");
    assert_eq!(status, 200);
    assert_eq!(format!("{body}\n"), cli(&["list_accounts", "--json", "{}"]));
    let (status, _) = http(&address, "POST", "/validate_credentials", "", VALID);
    assert_eq!(status, 401, "the token comes from CONNECTOR_SERVER_AUTH_TOKEN");
    let (status, _) = http(&address, "GET", "/healthz", "", "");
    assert_eq!(status, 200);

    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the server did not stop");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(0));
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert_eq!(
        rest.matches(" POST /").count(),
        4,
        "one access-log line per request: {rest}"
    );
    assert!(
        !rest.contains("from-env") && !rest.contains("bar"),
        "no secrets in the log: {rest}"
    );
}

#[test]
fn reload_restarts_the_server_on_a_new_build_of_the_binary() {
    // A copy of the binary, so that "rebuilding" it touches nothing shared.
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("mock-connector");
    std::fs::copy(BIN, &binary).unwrap();
    let mut child = Command::new(&binary)
        .args(["dev", "http-server", "--port", "0", "--reload"])
        .current_dir(dir.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (lines_tx, lines) = std::sync::mpsc::channel();
    let stderr = BufReader::new(child.stderr.take().unwrap());
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let next_listening = |what: &str| loop {
        let line = lines
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("no {what}"));
        if let Some(address) = listening_address(&line) {
            break address;
        }
    };
    let first = next_listening("first start");
    assert_eq!(http(&first, "GET", "/healthz", "", "").0, 200);

    // A build replaces the file, as cargo does (a running binary cannot be written over).
    std::thread::sleep(Duration::from_millis(1100));
    let fresh = dir.path().join("mock-connector.new");
    std::fs::copy(BIN, &fresh).unwrap();
    std::fs::rename(&fresh, &binary).unwrap();
    let second = next_listening("restart after the new build");
    assert_eq!(http(&second, "GET", "/healthz", "", "").0, 200);
    child.kill().unwrap();
    child.wait().unwrap();
}

#[test]
fn build_executable_builds_the_crate_in_release_mode_into_dist_main() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(root.join("Cargo.toml"), "[package]\nname = \"acme\"\n").unwrap();
    std::fs::create_dir(root.join("src")).unwrap();
    std::fs::write(root.join("src/main.rs"), "").unwrap();
    // A cargo that answers `metadata` and "builds" by writing the binary,
    // keeping the arguments it was given.
    let cargo = root.join("fake-cargo");
    std::fs::write(
        &cargo,
        r#"#!/bin/sh
echo "$@" >> "$(dirname "$0")/calls"
case "$1" in
  metadata) printf '{"packages":[{"name":"acme","manifest_path":"%s","targets":[{"kind":["lib"],"name":"acme"},{"kind":["bin"],"name":"acme"}]}],"target_directory":"%s/target"}' "$6" "$(dirname "$0")" ;;
  build) mkdir -p "$(dirname "$0")/target/release" && printf 'the acme binary' > "$(dirname "$0")/target/release/acme" ;;
esac
"#,
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let out = Command::new(BIN)
        .args(["dev", "build-executable", "src/main.rs"])
        .env("CARGO", &cargo)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), "dist/main\n");
    assert_eq!(
        std::fs::read_to_string(root.join("dist/main")).unwrap(),
        "the acme binary"
    );
    let calls = std::fs::read_to_string(root.join("calls")).unwrap();
    let manifest = std::path::absolute(root.join("src/main.rs")).unwrap();
    let manifest = manifest.parent().unwrap().parent().unwrap().join("Cargo.toml");
    assert!(
        calls.contains(&format!(
            "build --release --manifest-path {} --bin acme",
            manifest.display()
        )),
        "{calls}"
    );

    // Outside any crate, the command says so.
    let elsewhere = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["hacking", "build-executable"])
        .env("CARGO", &cargo)
        .current_dir(elsewhere.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no Cargo.toml"));
}
