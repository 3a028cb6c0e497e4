//! Proxy mode as the reference runs it: each case recorded from connector-py
//! (tests/conformance/proxy/record.py: the http_errors twin run with
//! `--use-proxy` against a fake proxy) is replayed against the Rust twin
//! (bins/conformance_http_errors.rs) with `LUMOS_PROXY_URL` and
//! `LUMOS_PROXY_TOKEN`. The envelope must be the same, byte for byte but for
//! `raised_in`, and so must what the proxy was sent: method, path, `Host`,
//! `X-Forward-To`, the proxy token, the app's credential and the body.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::{Map, Value};
use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::without_raised_in;
use crate::CONFORMANCE_HTTP_ERRORS;

/// The request headers proxy mode sets or keeps, as the recorder keeps them.
const KEPT: [&str; 4] = ["host", "x-forward-to", "x-lumos-proxy-auth", "authorization"];

fn cases() -> Vec<Value> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("conformance/proxy/fixtures.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cases: Vec<Value> = serde_json::from_str(&text).unwrap();
    assert!(!cases.is_empty(), "no recorded proxy cases");
    cases
}

fn seen(request: &wiremock::Request, address: &str) -> Value {
    let headers: Map<String, Value> = KEPT
        .iter()
        .filter_map(|name| {
            let value = request.headers.get(*name)?.to_str().ok()?;
            Some((
                (*name).to_owned(),
                value.replace(address, "127.0.0.1:{port}").into(),
            ))
        })
        .collect();
    serde_json::json!({
        "method": request.method.as_str(),
        "path": &request.url[url::Position::BeforePath..],
        "headers": headers,
        "body": String::from_utf8_lossy(&request.body),
    })
}

#[test]
fn proxy_mode_sends_and_reports_as_the_reference() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut differing = Vec::new();
    for case in cases() {
        let name = case["name"].as_str().unwrap();
        let answer = &case["answer"];
        let (exit, stdout, saw, address) = runtime.block_on(async {
            let proxy = MockServer::start().await;
            let mut template = ResponseTemplate::new(answer["status"].as_u64().unwrap() as u16)
                .set_body_raw(answer["body"].as_str().unwrap(), "application/json");
            for (header, value) in answer["headers"].as_object().unwrap() {
                template = template.insert_header(header.as_str(), value.as_str().unwrap());
            }
            Mock::given(path(case["proxy_path"].as_str().unwrap()))
                .respond_with(template)
                .mount(&proxy)
                .await;
            let address = proxy.address().to_string();
            let out = Command::new(CONFORMANCE_HTTP_ERRORS)
                .arg(case["capability"].as_str().unwrap())
                .arg("--use-proxy")
                .arg("--json")
                .arg(case["request"].to_string())
                .env(
                    "LUMOS_PROXY_URL",
                    format!("{}{}?via=sip", proxy.uri(), case["proxy_path"].as_str().unwrap()),
                )
                .env("LUMOS_PROXY_TOKEN", case["token"].as_str().unwrap())
                .env_remove("LUMOS_PROXY_HEADERS")
                .env_remove("LUMOS_LOG_LEVEL")
                .current_dir(std::env::temp_dir())
                .output()
                .expect("the twin runs");
            let saw: Vec<Value> = proxy
                .received_requests()
                .await
                .unwrap()
                .iter()
                .map(|r| seen(r, &address))
                .collect();
            let stdout = String::from_utf8(out.stdout)
                .unwrap()
                .replace(&address, "127.0.0.1:{port}");
            (out.status.code().unwrap_or(-1), stdout, saw, address)
        });
        let reference = case["stdout"].as_str().unwrap();
        if exit != case["exit"].as_i64().unwrap() as i32
            || without_raised_in(&stdout) != without_raised_in(reference)
        {
            differing.push(format!(
                "{name} (proxy at {address}):\n  reference: {reference}  ours:      {stdout}"
            ));
        }
        assert_eq!(
            saw,
            case["proxy_saw"].as_array().unwrap().clone(),
            "{name}: what the proxy was sent"
        );
    }
    assert!(differing.is_empty(), "answers differ:\n{}", differing.join("\n"));
}

fn run_twin(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut command = Command::new(CONFORMANCE_HTTP_ERRORS);
    command
        .args(args)
        .env_remove("LUMOS_PROXY_URL")
        .env_remove("LUMOS_PROXY_TOKEN")
        .env_remove("LUMOS_PROXY_HEADERS")
        .current_dir(std::env::temp_dir());
    for (name, value) in env {
        command.env(name, value);
    }
    let out = command.output().expect("the twin runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const REQUEST: &str = r#"{"auth": {"token": {"token": "app-token"}}, "settings": {"base_url": "http://127.0.0.1:9"}, "request": {}}"#;

#[test]
fn use_proxy_without_a_proxy_is_an_error_envelope_not_a_direct_call() {
    for flag in ["--use-proxy", "--sip"] {
        let (exit, stdout, _) = run_twin(&["validate_credentials", flag, "--json", REQUEST], &[]);
        assert_eq!(exit, 0, "an envelope was produced");
        let envelope: Value = serde_json::from_str(&stdout).unwrap();
        assert_eq!(envelope["error"]["error_code"], "internal_error", "{stdout}");
        let message = envelope["error"]["message"].as_str().unwrap();
        assert!(message.contains("LUMOS_PROXY_URL"), "{message}");
    }
    // A token without a URL is no configuration either, and is never shown.
    let (_, stdout, _) = run_twin(
        &["validate_credentials", "--use-proxy", "--json", REQUEST],
        &[("LUMOS_PROXY_TOKEN", "proxy-secret-1")],
    );
    assert!(
        stdout.contains("internal_error") && !stdout.contains("proxy-secret-1"),
        "{stdout}"
    );
    // `info` takes the flag, as the reference's does, and needs no proxy.
    let (exit, stdout, _) = run_twin(&["info", "--use-proxy"], &[]);
    assert_eq!(exit, 0);
    assert!(stdout.contains("\"app_id\": \"http-errors\""), "{stdout}");
}

#[test]
fn the_http_server_in_proxy_mode_needs_a_proxy_and_sends_through_it() {
    let (exit, _, stderr) = run_twin(&["dev", "http-server", "--port", "0", "--sip"], &[]);
    assert_eq!(exit, 1);
    assert!(stderr.contains("LUMOS_PROXY_URL"), "{stderr}");

    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let proxy = MockServer::start().await;
        Mock::given(path("/forward"))
            .respond_with(
                ResponseTemplate::new(200)
                    .insert_header("x-lumos-sip-status-code", "200")
                    .set_body_raw(r#"{"tenant": "via-proxy"}"#, "application/json"),
            )
            .mount(&proxy)
            .await;
        let mut server = Command::new(CONFORMANCE_HTTP_ERRORS)
            .args(["dev", "http-server", "--port", "0", "--use-proxy"])
            .env("LUMOS_PROXY_URL", format!("{}/forward", proxy.uri()))
            .env("LUMOS_PROXY_TOKEN", "proxy-token-2")
            .env_remove("LUMOS_PROXY_HEADERS")
            .env_remove("CONNECTOR_SERVER_AUTH_TOKEN")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stderr = BufReader::new(server.stderr.take().unwrap());
        let mut line = String::new();
        stderr.read_line(&mut line).unwrap();
        let address = line
            .split_once("listening on http://")
            .and_then(|(_, rest)| rest.split([' ', '/']).next())
            .unwrap_or_else(|| panic!("not listening: {line}"))
            .to_owned();
        std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
        let mut stream = TcpStream::connect(&address).unwrap();
        write!(
            stream,
            "POST /validate_credentials HTTP/1.1\r\nhost: {address}\r\nconnection: close\r\ncontent-length: {}\r\n\r\n{REQUEST}",
            REQUEST.len()
        )
        .unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).unwrap();
        server.kill().unwrap();
        server.wait().unwrap();
        assert!(answer.contains(r#""unique_tenant_id":"via-proxy""#), "{answer}");
        let sent = &proxy.received_requests().await.unwrap()[0];
        assert_eq!(sent.headers["x-forward-to"], "http://127.0.0.1:9/status");
        assert_eq!(sent.headers["x-lumos-proxy-auth"], "proxy-token-2");
    });
}
