//! The `dev` command group: the subcommands, options and arguments the
//! reference's usage lines name, each accepted by ours under the same
//! invocation (`hacking` included).

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::MOCK_CONNECTOR;

/// The words of a usage line the command must know: subcommands (`{a,b}`),
/// options (`--port`) and positional arguments (`path`).
fn expected_words(usage: &str, command_len: usize) -> Vec<String> {
    usage
        .split_whitespace()
        .skip(command_len)
        .flat_map(|word| {
            let word = word.trim_matches(|c| c == '[' || c == ']');
            if let Some(choices) = word.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
                choices.split(',').map(str::to_owned).collect()
            } else if word.starts_with('-') || word.chars().all(|c| c.is_ascii_lowercase()) {
                vec![word.to_owned()]
            } else {
                Vec::new()
            }
        })
        .filter(|word| !word.is_empty() && word != "-h" && !word.ends_with("..."))
        .collect()
}

#[test]
fn dev_commands_take_what_the_references_take() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("conformance/cli/fixtures.json");
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(!cases.is_empty());
    for case in &cases {
        let argv: Vec<&str> = case["argv"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        let out = Command::new(MOCK_CONNECTOR)
            .args(&argv)
            .arg("--help")
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            case["exit"].as_i64().map(|c| c as i32),
            "{argv:?}"
        );
        let help = String::from_utf8(out.stdout).unwrap().to_lowercase();
        let usage = case["usage"].as_str().unwrap();
        let words = expected_words(usage, argv.len());
        assert!(!words.is_empty(), "{usage}");
        for word in &words {
            assert!(
                help.contains(word.as_str()),
                "{argv:?}: `{word}` of `{usage}` is not in\n{help}"
            );
        }
    }
}
