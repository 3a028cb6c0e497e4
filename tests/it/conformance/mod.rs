//! The framework against connector-py 4.191.0: the same requests sent to a
//! twin connector on each side, the reference's answers recorded as
//! fixtures by tests/conformance/record.sh, ours compared with them here.

use std::path::PathBuf;
use std::process::Command;

use connector::testing::{Exchange, MockUpstream};
use serde_json::{Map, Value};

mod cli;
mod credentials;
mod http_errors;
mod info;
mod log_files;
mod oauth;
mod page_tokens;
mod proxy;
mod signing;

/// One recorded call: which twin, what it was asked, what it answered.
#[derive(Debug, serde::Deserialize)]
pub struct Recorded {
    pub name: String,
    pub twin: String,
    pub capability: String,
    pub request: Value,
    pub exit: i32,
    pub stdout: String,
    /// What the canned upstream answered, by path.
    #[serde(default)]
    pub upstream: Option<Map<String, Value>>,
    /// The requests the upstream received from the reference.
    #[serde(default)]
    pub upstream_saw: Option<Vec<Value>>,
    /// Environment variables the twin ran with.
    #[serde(default)]
    pub env: Map<String, Value>,
}

/// A request the upstream received, as the recorder writes it.
fn seen(request: &wiremock::Request) -> Value {
    let form: Map<String, Value> = url::form_urlencoded::parse(&request.body)
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect();
    serde_json::json!({
        "method": request.method.as_str(),
        "path": request.url.path(),
        "form": form,
    })
}

/// Form fields are compared as sets: their order means nothing to a server.
fn same_requests(ours: &[Value], reference: &[Value]) -> bool {
    ours.len() == reference.len()
        && ours.iter().zip(reference).all(|(a, b)| {
            a["method"] == b["method"]
                && a["path"] == b["path"]
                && a["form"]
                    .as_object()
                    .map(|f| f.iter().collect::<std::collections::BTreeMap<_, _>>())
                    == b["form"]
                        .as_object()
                        .map(|f| f.iter().collect::<std::collections::BTreeMap<_, _>>())
        })
}

/// The recorded calls of `suite`.
pub fn fixtures(suite: &str) -> Vec<Recorded> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("conformance")
        .join(suite)
        .join("fixtures.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Runs `binary` as the recording ran its twin, against an upstream that
/// answers as the reference's did; returns exit code and stdout (with the
/// upstream's port written `{port}`). Panics when the upstream was asked
/// otherwise than the reference asked it.
pub fn replay(binary: &str, case: &Recorded) -> (i32, String) {
    let Some(routes) = &case.upstream else {
        return run(binary, case, &case.request.to_string());
    };
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let mut upstream = MockUpstream::start().await;
        let methods: Vec<&str> = case
            .upstream_saw
            .iter()
            .flatten()
            .filter_map(|r| r["method"].as_str())
            .collect();
        for (path, answer) in routes {
            for method in &methods {
                let mut exchange = Exchange::new(method, path)
                    .respond_text(
                        answer["status"].as_u64().unwrap() as u16,
                        answer["body"].as_str().unwrap(),
                    )
                    .times(u64::MAX);
                for (name, value) in answer["headers"].as_object().into_iter().flatten() {
                    exchange = exchange.response_header(name, value.as_str().unwrap());
                }
                upstream.expect(exchange).await;
            }
        }
        let address = upstream.uri().trim_start_matches("http://").to_owned();
        let request = case.request.to_string().replace("127.0.0.1:{port}", &address);
        let (exit, stdout) = run(binary, case, &request);
        let ours: Vec<Value> = upstream.received().await.iter().map(seen).collect();
        let reference = case.upstream_saw.as_deref().unwrap_or_default();
        assert!(
            same_requests(&ours, reference),
            "{}: the upstream was asked\n  {ours:?}\nwhere the reference asked\n  {reference:?}",
            case.name
        );
        (exit, stdout.replace(&address, "127.0.0.1:{port}"))
    })
}

/// Runs the twin as the recording ran it: `<capability> --json <request>`,
/// or the bare command when the case has no request (`info`).
fn run(binary: &str, case: &Recorded, request: &str) -> (i32, String) {
    let mut command = Command::new(binary);
    command.arg(&case.capability);
    if !case.request.is_null() {
        command.arg("--json").arg(request);
    }
    for (name, value) in &case.env {
        command.env(name, value.as_str().unwrap_or_default());
    }
    let out = command
        .env_remove("LUMOS_LOG_LEVEL")
        .current_dir(std::env::temp_dir())
        .output()
        .expect("the twin runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
    )
}

/// `raised_in` names the function that failed, in each language's own
/// terms (`__main__:list_accounts` beside `nested_pages:list_accounts`):
/// the one field the comparison leaves out.
pub fn without_raised_in(stdout: &str) -> String {
    const KEY: &str = "\"raised_in\":\"";
    let Some(start) = stdout.find(KEY).map(|i| i + KEY.len()) else {
        return stdout.to_owned();
    };
    let Some(len) = stdout[start..].find('"') else {
        return stdout.to_owned();
    };
    format!("{}…{}", &stdout[..start], &stdout[start + len..])
}

/// Asserts that every recorded case answers alike, but those `deliberate`
/// names, which `check_deliberate` inspects instead.
pub fn assert_conforms(
    suite: &str,
    binary_of: impl Fn(&str) -> &'static str,
    deliberate: &[&str],
    check_deliberate: impl Fn(&Recorded, &Value),
) {
    let cases = fixtures(suite);
    assert!(!cases.is_empty(), "{suite}: no recorded cases");
    let mut differing = Vec::new();
    for case in &cases {
        let (exit, stdout) = replay(binary_of(&case.twin), case);
        if deliberate.contains(&case.name.as_str()) {
            let ours: Value = serde_json::from_str(&stdout).expect("one JSON document on stdout");
            check_deliberate(case, &ours);
            continue;
        }
        if exit != case.exit || without_raised_in(&stdout) != without_raised_in(&case.stdout) {
            differing.push(format!(
                "{}:\n  reference (exit {}), ours (exit {exit}):\n{}",
                case.name,
                case.exit,
                explain(&case.stdout, &stdout)
            ));
        }
    }
    assert!(
        differing.is_empty(),
        "{suite}: answers differ\n{}",
        differing.join("\n")
    );
}

/// Where two answers differ: the paths of the keys that do when both are
/// JSON (long documents are unreadable whole), else both texts.
fn explain(reference: &str, ours: &str) -> String {
    match (
        serde_json::from_str::<Value>(reference),
        serde_json::from_str::<Value>(ours),
    ) {
        (Ok(a), Ok(b)) if a != b => {
            let mut found = Vec::new();
            differences(&a, &b, "", &mut found);
            found.truncate(20);
            found.join("\n")
        }
        (Ok(_), Ok(_)) => format!("    the same JSON, written otherwise:\n    {reference}    {ours}"),
        _ => format!("    {reference}    {ours}"),
    }
}

/// Appends one line per differing key or item under `path`.
pub fn differences(reference: &Value, ours: &Value, path: &str, found: &mut Vec<String>) {
    match (reference, ours) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let here = format!("{path}/{key}");
                match b.get(key) {
                    Some(other) => differences(value, other, &here, found),
                    None => found.push(format!("    {here}: missing (reference: {value})")),
                }
            }
            for key in b.keys().filter(|k| !a.contains_key(*k)) {
                found.push(format!("    {path}/{key}: not in the reference ({})", b[key]));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                differences(x, y, &format!("{path}[{i}]"), found);
            }
        }
        _ if reference != ours => {
            found.push(format!("    {path}: reference {reference}, ours {ours}"));
        }
        _ => {}
    }
}
