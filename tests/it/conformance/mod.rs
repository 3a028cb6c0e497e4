//! The framework against connector-py 4.191.0: the same requests sent to a
//! twin connector on each side, the reference's answers recorded as
//! fixtures by tests/conformance/record.sh, ours compared with them here.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

mod credentials;
mod page_tokens;

/// One recorded call: which twin, what it was asked, what it answered.
#[derive(Debug, serde::Deserialize)]
pub struct Recorded {
    pub name: String,
    pub twin: String,
    pub capability: String,
    pub request: Value,
    pub exit: i32,
    pub stdout: String,
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

/// Runs `binary` as the recording ran its twin; returns exit code and stdout.
pub fn replay(binary: &str, case: &Recorded) -> (i32, String) {
    let out = Command::new(binary)
        .arg(&case.capability)
        .arg("--json")
        .arg(case.request.to_string())
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
                "{}:\n  reference (exit {}): {}  ours      (exit {exit}): {stdout}",
                case.name, case.exit, case.stdout
            ));
        }
    }
    assert!(
        differing.is_empty(),
        "{suite}: answers differ\n{}",
        differing.join("\n")
    );
}
