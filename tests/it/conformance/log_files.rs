//! Log files: where the reference puts them, what it names them, and the
//! lines of its own logger in them.
//!
//! Left out on purpose: Python tracebacks (a Rust error has none to give)
//! and the metrics client's warnings (the reference's DogStatsD client logs
//! each packet it cannot send).

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::MOCK_CONNECTOR;

const LOGGER_LINE: &str = "{time} integration-connectors.sdk ";

/// Writes the clock `{time}`, `{datetime}` and today `{date}`, as the recorder does.
fn normalise(text: &str, cwd: &str) -> String {
    let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
    let text = text.replace(cwd, "{cwd}").replace(&today, "{date}");
    text.lines()
        .map(|line| {
            // `HH:MM:SS,<ms> ` at the start of a line.
            let line = match line.split_once(' ') {
                Some((clock, rest)) if is_clock(clock) => format!("{{time}} {rest}"),
                _ => line.to_owned(),
            };
            // `{date} HH:MM:SS.ffffff+00:00` anywhere.
            const CLOCK: usize = "HH:MM:SS.ffffff+00:00".len();
            match line.find("{date} ") {
                Some(at) if line[at + 7..].len() >= CLOCK && line.as_bytes()[at + 7 + 8] == b'.' => {
                    format!("{}{{datetime}}{}", &line[..at], &line[at + 7 + CLOCK..])
                }
                _ => line,
            }
        })
        .map(|line| line + "\n")
        .collect()
}

fn is_clock(s: &str) -> bool {
    let Some((hms, ms)) = s.split_once(',') else {
        return false;
    };
    hms.len() == 8
        && hms
            .split(':')
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
        && !ms.is_empty()
        && ms.bytes().all(|b| b.is_ascii_digit())
}

/// The reference logger's lines, the arguments line without Python's
/// function repr (`'func': <function ...>`), which names nothing of ours.
fn logger_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with(LOGGER_LINE))
        .map(|l| match l.find(", 'func': <function ") {
            Some(at) => format!("{}}}", &l[..at]),
            None => l.to_owned(),
        })
        .collect()
}

fn files_under(root: &Path, cwd: &str) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(root).unwrap().to_string_lossy().into_owned();
                let text = std::fs::read_to_string(&path).unwrap();
                files.insert(
                    normalise(&relative, cwd).trim_end().to_owned(),
                    normalise(&text, cwd),
                );
            }
        }
    }
    files
}

#[test]
fn log_files_are_named_placed_and_written_as_the_references() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("conformance/log_files/fixtures.json");
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(!cases.is_empty());
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let cwd = std::fs::canonicalize(dir.path()).unwrap();
        let cwd_text = cwd.to_string_lossy().into_owned();
        let mut command = Command::new(MOCK_CONNECTOR);
        command
            .arg(case["capability"].as_str().unwrap())
            .arg("--json")
            .arg(case["request"].to_string())
            .current_dir(&cwd);
        for var in ["LUMOS_LOG_LEVEL", "LUMOS_LOG_DIRECTORY", "LUMOS_LOG_TO_STDOUT"] {
            command.env_remove(var);
        }
        for (key, value) in case["env"].as_object().unwrap() {
            command.env(key, value.as_str().unwrap().replace("{cwd}", &cwd_text));
        }
        let out = command.output().unwrap();
        assert_eq!(
            out.status.code(),
            case["exit"].as_i64().map(|c| c as i32),
            "{name}"
        );

        let ours = files_under(&cwd, &cwd_text);
        let reference = case["files"].as_object().unwrap();
        assert_eq!(
            ours.keys().collect::<Vec<_>>(),
            reference.keys().collect::<Vec<_>>(),
            "{name}: log files"
        );
        for (file, text) in reference {
            assert_eq!(
                logger_lines(&ours[file]),
                logger_lines(text.as_str().unwrap()),
                "{name}: {file}"
            );
        }
        let stderr = normalise(&String::from_utf8_lossy(&out.stderr), &cwd_text);
        assert_eq!(
            logger_lines(&stderr),
            logger_lines(case["stderr"].as_str().unwrap()),
            "{name}: stderr"
        );
    }
}
