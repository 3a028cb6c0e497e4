//! `connector scaffold <name> <dir>`: writes a new connector crate that
//! builds, passes its tests and answers `info` as it is.

use std::fs;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::from_info;
use crate::names::{Names, check_app_id};

/// The files of a new connector: where each goes and its template.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "Cargo.toml",
        include_str!("../templates/scaffold/Cargo.toml.tmpl"),
    ),
    (".gitignore", include_str!("../templates/scaffold/gitignore.tmpl")),
    ("src/main.rs", include_str!("../templates/scaffold/src/main.rs")),
    (
        "src/settings.rs",
        include_str!("../templates/scaffold/src/settings.rs"),
    ),
    (
        "src/client.rs",
        include_str!("../templates/scaffold/src/client.rs"),
    ),
    ("src/dto.rs", include_str!("../templates/scaffold/src/dto.rs")),
    (
        "src/pagination.rs",
        include_str!("../templates/scaffold/src/pagination.rs"),
    ),
    (
        "src/capabilities_read.rs",
        include_str!("../templates/scaffold/src/capabilities_read.rs"),
    ),
    (
        "src/capabilities_write.rs",
        include_str!("../templates/scaffold/src/capabilities_write.rs"),
    ),
    (
        "tests/capabilities/main.rs",
        include_str!("../templates/scaffold/tests/capabilities/main.rs"),
    ),
    (
        "tests/capabilities/read.rs",
        include_str!("../templates/scaffold/tests/capabilities/read.rs"),
    ),
    (
        "tests/capabilities/write.rs",
        include_str!("../templates/scaffold/tests/capabilities/write.rs"),
    ),
    ("README.md", include_str!("../templates/scaffold/README.md")),
];

/// The `scaffold` subcommand.
pub fn command() -> Command {
    Command::new("scaffold")
        .about("Write a new connector crate")
        .arg(
            Arg::new("name")
                .required(true)
                .value_name("NAME")
                .help("The app id: lowercase letters, digits and hyphens (e.g. acme-widgets)"),
        )
        .arg(
            Arg::new("dir")
                .required(true)
                .value_name("DIR")
                .help("Where to write the crate (created if missing; must be empty unless --force-overwrite)"),
        )
        .arg(
            Arg::new("author-name")
                .long("author-name")
                .value_name("NAME")
                .help("The author's name, for Cargo.toml and the README (asked for on a terminal when missing)"),
        )
        .arg(
            Arg::new("author-email")
                .long("author-email")
                .value_name("EMAIL")
                .help("The author's email (asked for on a terminal when missing)"),
        )
        .arg(
            Arg::new("force")
                .short('f')
                .long("force-overwrite")
                .visible_alias("force")
                .action(ArgAction::SetTrue)
                .help("Write into a non-empty directory, replacing files of the same names"),
        )
        .arg(
            Arg::new("tests-only")
                .short('t')
                .long("tests-only")
                .action(ArgAction::SetTrue)
                .help("Write only the files whose path contains \"test\" (with -f, refreshes an existing crate's tests)"),
        )
        .arg(
            Arg::new("from-info")
                .long("from-info")
                .value_name("INFO.json")
                .help("Port a connector: write the crate its `info` output describes (app, settings, auth, types, every capability)"),
        )
        .arg(
            Arg::new("sdk-path")
                .long("sdk-path")
                .value_name("PATH")
                .help("Depend on the framework at PATH (its `connector` crate or its workspace) instead of a released version"),
        )
}

/// What to scaffold.
#[derive(Debug, Clone)]
pub struct Options {
    /// The app id.
    pub name: String,
    /// The crate's directory.
    pub dir: PathBuf,
    /// The author's name.
    pub author_name: Option<String>,
    /// The author's email.
    pub author_email: Option<String>,
    /// Whether a non-empty directory may be written into.
    pub force: bool,
    /// Whether to write only the files whose path contains "test".
    pub tests_only: bool,
    /// The framework's `connector` crate, to depend on by path.
    pub sdk_path: Option<PathBuf>,
    /// An `info` document to port, instead of the example crate.
    pub from_info: Option<PathBuf>,
}

/// Runs `connector scaffold`.
pub fn run(args: &ArgMatches) -> Result<(), String> {
    let get = |key: &str| args.get_one::<String>(key).cloned();
    let mut options = Options {
        name: get("name").unwrap_or_default(),
        dir: PathBuf::from(get("dir").unwrap_or_default()),
        author_name: get("author-name"),
        author_email: get("author-email"),
        force: args.get_flag("force"),
        tests_only: args.get_flag("tests-only"),
        sdk_path: get("sdk-path").map(PathBuf::from),
        from_info: get("from-info").map(PathBuf::from),
    };
    // Refuse before asking anything: typing a name for nothing is annoying.
    check_app_id(&options.name)?;
    check_dir(&options)?;
    // Only a person at a terminal is asked; a script, a CI job or a pipe is
    // never blocked, and a missing author is then simply left out.
    if io::stdin().is_terminal() && io::stderr().is_terminal() {
        let mut input = io::stdin().lock();
        let mut prompts = io::stderr().lock();
        if options.author_name.is_none() {
            options.author_name = ask("Author: ", &mut input, &mut prompts)
                .map_err(|e| format!("cannot read the author's name: {e}"))?;
        }
        if options.author_email.is_none() {
            options.author_email = ask("Author email: ", &mut input, &mut prompts)
                .map_err(|e| format!("cannot read the author's email: {e}"))?;
        }
    }
    let written = scaffold(&options)?;
    for path in &written {
        println!("scaffolding: {}", options.dir.join(path).display());
    }
    if options.from_info.is_some() {
        format_sources(&options.dir, &written);
    }
    if options.tests_only {
        eprintln!(
            "\nThe tests of connector `{}` written to {}.",
            options.name,
            options.dir.display()
        );
    } else {
        eprintln!(
            "\nConnector `{}` written to {}. Next:\n  cd {} && cargo test && cargo run -- info",
            options.name,
            options.dir.display(),
            options.dir.display()
        );
    }
    Ok(())
}

/// Lays out generated code as `cargo fmt` would, when rustfmt is at hand
/// (it comes with every rustup toolchain); the code builds either way.
fn format_sources(dir: &Path, written: &[String]) {
    let sources: Vec<PathBuf> = written
        .iter()
        .filter(|path| path.ends_with(".rs"))
        .map(|path| dir.join(path))
        .collect();
    let formatted = std::process::Command::new("rustfmt")
        .args(["--edition", "2024"])
        .args(&sources)
        .status();
    if !formatted.is_ok_and(|status| status.success()) {
        eprintln!("note: rustfmt did not run; `cargo fmt` lays the generated code out");
    }
}

/// Writes `prompt` to `output` and reads one line from `input`: the answer
/// without surrounding whitespace, `None` when it is empty or at end of input.
pub fn ask(prompt: &str, input: &mut impl BufRead, output: &mut impl Write) -> io::Result<Option<String>> {
    output.write_all(prompt.as_bytes())?;
    output.flush()?;
    let mut line = String::new();
    input.read_line(&mut line)?;
    let answer = line.trim();
    Ok((!answer.is_empty()).then(|| answer.to_owned()))
}

/// Writes the crate (or, with `tests_only`, its tests); returns the paths
/// written, relative to the directory. On failure nothing it wrote is left
/// behind.
pub fn scaffold(options: &Options) -> Result<Vec<String>, String> {
    check_app_id(&options.name)?;
    let files = render_all(options)?;
    check_dir(options)?;
    let mut writer = Writer::default();
    for (path, content) in &files {
        if let Err(e) = writer.write(&options.dir, path, content) {
            writer.undo();
            return Err(format!(
                "Failed to scaffold connector: {}: {e}",
                options.dir.join(path).display()
            ));
        }
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

/// A non-empty directory is refused even for `--tests-only`, as connector-py
/// does: refreshing an existing crate's tests takes `-f` on purpose.
fn check_dir(options: &Options) -> Result<(), String> {
    if is_non_empty_dir(&options.dir)? && !options.force {
        return Err(format!(
            "Directory {} is not empty, use --force-overwrite if you wish to overwrite it!",
            options.dir.display()
        ));
    }
    Ok(())
}

fn is_non_empty_dir(dir: &Path) -> Result<bool, String> {
    match fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_some()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(format!(
            "cannot use {} as the crate's directory: {e}",
            dir.display()
        )),
    }
}

/// Every file's text, rendered.
fn render_all(options: &Options) -> Result<Vec<(String, String)>, String> {
    let names = Names::new(&options.name);
    let source = match &options.sdk_path {
        Some(path) => format!("path = {}", toml_string(&sdk_crate_dir(path)?.to_string_lossy())),
        None => format!("version = \"{}\"", env!("CARGO_PKG_VERSION")),
    };
    // An empty --author-name "" is how a script says "no author" outright.
    fn given(value: &Option<String>) -> Option<&str> {
        value.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }
    let (authors, author_line) = match (given(&options.author_name), given(&options.author_email)) {
        (Some(name), Some(email)) => (
            format!("{name} <{email}>"),
            format!("Written by {name} <{email}>.\n"),
        ),
        (Some(name), None) => (name.to_owned(), format!("Written by {name}.\n")),
        (None, Some(email)) => (format!("<{email}>"), format!("Written by <{email}>.\n")),
        (None, None) => (String::new(), String::new()),
    };
    let authors = if authors.is_empty() {
        authors
    } else {
        format!("authors = [{}]\n", toml_string(&authors))
    };
    let values: [(&str, &str); 8] = [
        ("snake", &names.snake),
        ("hyphenated", &names.hyphenated),
        ("title", &names.title),
        ("pascal", &names.pascal),
        ("connector_source", &source),
        ("authors", &authors),
        ("author_line", &author_line),
        ("sdk_version", env!("CARGO_PKG_VERSION")),
    ];
    let files: Vec<(String, String)> = match &options.from_info {
        None => TEMPLATES
            .iter()
            .map(|(path, template)| ((*path).to_owned(), render(template, &values)))
            .collect(),
        Some(path) => {
            let text =
                fs::read_to_string(path).map_err(|e| format!("--from-info {}: {e}", path.display()))?;
            let document: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| format!("--from-info {}: not JSON: {e}", path.display()))?;
            let info =
                from_info::info_of(&document).map_err(|e| format!("--from-info {}: {e}", path.display()))?;
            let ported = from_info::render(info, &names, &document)
                .map_err(|e| format!("--from-info {}: {e}", path.display()))?;
            let common = TEMPLATES
                .iter()
                .filter(|(path, _)| matches!(*path, "Cargo.toml" | ".gitignore"))
                .map(|(path, template)| ((*path).to_owned(), render(template, &values)));
            common.chain(ported).collect()
        }
    };
    Ok(files
        .into_iter()
        .filter(|(path, _)| !options.tests_only || is_test_file(path))
        .collect())
}

/// connector-py's rule for `--tests-only`: the path names a test.
fn is_test_file(path: &str) -> bool {
    path.contains("test")
}

/// Replaces every `{{key}}` of `values`; nothing else is touched.
pub fn render(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_owned();
    for (key, value) in values {
        out = out.replace(&format!("{{{{{key}}}}}"), value);
    }
    out
}

/// The framework's `connector` crate: `path` itself or its `connector/` folder.
fn sdk_crate_dir(path: &Path) -> Result<PathBuf, String> {
    let path = fs::canonicalize(path).map_err(|e| format!("--sdk-path {}: {e}", path.display()))?;
    for candidate in [path.clone(), path.join("connector")] {
        let is_framework = fs::read_to_string(candidate.join("Cargo.toml"))
            .ok()
            .and_then(|text| text.parse::<toml::Table>().ok())
            .is_some_and(|manifest| {
                manifest
                    .get("package")
                    .and_then(|p| p.get("name"))
                    .and_then(toml::Value::as_str)
                    == Some("connector")
            });
        if is_framework {
            return Ok(candidate);
        }
    }
    Err(format!(
        "--sdk-path {}: neither it nor its `connector` folder is the framework's `connector` crate",
        path.display()
    ))
}

/// A TOML string literal of `s`.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// Writes files and remembers how to take them back.
#[derive(Default)]
struct Writer {
    created_dirs: Vec<PathBuf>,
    created_files: Vec<PathBuf>,
    replaced_files: Vec<(PathBuf, Vec<u8>)>,
}

impl Writer {
    fn write(&mut self, root: &Path, relative: &str, content: &str) -> io::Result<()> {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            self.create_dirs(parent)?;
        }
        match fs::read(&path) {
            Ok(previous) => {
                fs::write(&path, content)?;
                self.replaced_files.push((path, previous));
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::write(&path, content)?;
                self.created_files.push(path);
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }

    fn create_dirs(&mut self, dir: &Path) -> io::Result<()> {
        let missing: Vec<&Path> = dir
            .ancestors()
            .take_while(|d| !d.as_os_str().is_empty() && !d.exists())
            .collect();
        for d in missing.into_iter().rev() {
            fs::create_dir(d)?;
            self.created_dirs.push(d.to_path_buf());
        }
        Ok(())
    }

    /// Takes back everything written, newest first.
    fn undo(self) {
        for (path, previous) in self.replaced_files.iter().rev() {
            let _ = fs::write(path, previous);
        }
        for path in self.created_files.iter().rev() {
            let _ = fs::remove_file(path);
        }
        for dir in self.created_dirs.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_replaces_known_keys_only() {
        let out = render("{{a}} {{b}} {{}} format!(\"{{}}\")", &[("a", "x")]);
        assert_eq!(out, "x {{b}} {{}} format!(\"{{}}\")");
    }

    #[test]
    fn every_placeholder_of_every_template_is_known() {
        let options = Options {
            name: "acme-widgets".into(),
            dir: PathBuf::from("unused"),
            author_name: Some("Ada".into()),
            author_email: Some("ada@example.com".into()),
            force: false,
            tests_only: false,
            sdk_path: None,
            from_info: None,
        };
        for (path, text) in render_all(&options).unwrap() {
            let mut rest = text.as_str();
            while let Some(start) = rest.find("{{") {
                let after = &rest[start + 2..];
                if let Some(end) = after.find("}}") {
                    let key = &after[..end];
                    assert!(
                        key.is_empty() || !key.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                        "{path}: unknown placeholder {{{{{key}}}}}"
                    );
                }
                rest = after;
            }
            assert!(!text.contains("connector_name"), "{path}");
        }
    }

    #[test]
    fn toml_strings_read_back_as_written() {
        for hostile in [r#"a"b\c"#, "line\nbreak", "'quoted'", "é \u{7f} \t"] {
            let line = format!("key = {}", toml_string(hostile));
            let table: toml::Table = line.parse().unwrap();
            assert_eq!(table["key"].as_str(), Some(hostile), "{line}");
        }
    }
}
