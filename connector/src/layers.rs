//! The crate's layers, checked: each module imports only from the layers
//! below its own, so the arrows between modules point one way.

/// Bottom to top. A module may name (`crate::x`) the modules of lower layers only.
const LAYERS: &[&[&str]] = &[
    // helpers that know nothing of connectors
    &["json", "redact", "names", "exit"],
    // where logs and metrics go (they hide secrets with `redact`)
    &["logging", "metrics"],
    // the wire types
    &["models"],
    // errors and the shape of schemas
    &["error", "schema"],
    // tools a capability uses, each classifying its own errors
    &["client", "pagination"],
    &["oauth", "fingerprint"],
    // the connector's declaration, and what a capability receives
    &["connector"],
    &["context"],
    &["capability"],
    // the one pipeline
    &["dispatch"],
    // documents about a connector or the protocol
    &["document"],
    // the runtime's own capabilities
    &["builtins"],
    // the registered connectors, ready to serve
    &["registry"],
    // front ends
    &["server", "testing"],
    &["dev"],
    &["cli"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// `crate::<module>` names in `source`, comments and the `tests` module left out.
fn imports(source: &str) -> Vec<String> {
    let code: String = source
        .split_once("#[cfg(test)]\nmod tests")
        .map_or(source, |(before, _)| before)
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        found.push(name);
    }
    found
}

#[test]
fn arrows_point_down() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    let mut files = vec![root.clone()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&root).unwrap();
        let module = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .unwrap()
            .trim_end_matches(".rs");
        if matches!(module, "lib" | "layers" | "bin") {
            continue;
        }
        let Some(own) = layer_of(module) else {
            problems.push(format!(
                "{}: module `{module}` is in no layer",
                relative.display()
            ));
            continue;
        };
        let source = std::fs::read_to_string(&path).unwrap();
        for name in imports(&source) {
            if name == module || !LAYERS.iter().any(|l| l.contains(&name.as_str())) {
                continue;
            }
            if layer_of(&name).is_some_and(|theirs| theirs >= own) {
                problems.push(format!(
                    "{}: `{module}` imports `crate::{name}`, which is not below it",
                    relative.display()
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "layer violations:\n{}", problems.join("\n"));
}

#[test]
fn the_reader_finds_imports_outside_comments_and_tests() {
    let source = "use crate::models::Page;\n// crate::cli in a comment\nfn f() { crate::error::x() }\n#[cfg(test)]\nmod tests {\n use crate::cli;\n}\n";
    assert_eq!(imports(source), ["models", "error"]);
}
