//! `connector compile-on-prem`: the archive the on-premise agent installs,
//! in the layout connector-py's command of the same name gives it (the
//! executable `main` and `metadata.toml` at the root, named
//! `<app id>-<version>.tar.gz` under `<output directory>/bundled/`), with the
//! connector's `info`, its third-party licenses and its data files beside
//! them, and a SHA-256 file beside the archive.

use std::borrow::Cow;
use std::fs;
use std::path::{Component, Path, PathBuf};

use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::package::{self, Entry};

/// The names the archive gives its own files; a data file may not take one.
const EXECUTABLE: &str = "main";
const INFO: &str = "info.json";
const LICENSES: &str = "THIRD_PARTY_LICENSES.txt";
const METADATA: &str = "metadata.toml";

/// The `compile-on-prem` subcommand.
pub fn command() -> Command {
    Command::new("compile-on-prem")
        .about("Build a connector's release binary and bundle it for the on-premise agent")
        .arg(
            Arg::new("app-id")
                .long("app-id")
                .value_name("ID")
                .help("The app id to name the bundle after (the connector's `info` app id by default)"),
        )
        .arg(
            Arg::new("crate-dir")
                .long("crate-dir")
                .visible_alias("connector-root-module-dir")
                .value_name("DIR")
                .conflicts_with("manifest-path")
                .help("The connector crate's directory, holding its Cargo.toml (the current directory by default)"),
        )
        .arg(
            Arg::new("manifest-path")
                .long("manifest-path")
                .value_name("PATH")
                .help("The connector crate's Cargo.toml, instead of --crate-dir"),
        )
        .arg(
            Arg::new("output-directory")
                .long("output-directory")
                .value_name("DIR")
                .help("Where to write; the archive goes to DIR/bundled/ (default: ./compiled/<app id>-<UTC time>)"),
        )
        .arg(
            Arg::new("data-file")
                .long("data-file")
                .value_name("REL")
                .action(ArgAction::Append)
                .help("A file or folder to bundle, relative to the crate's directory, kept at that relative path (repeatable)"),
        )
        .args(crate::package::build_args())
}

/// What to compile and where to put it.
#[derive(Debug, Clone)]
pub struct Options {
    /// The app id the bundle is named after; the connector's own by default.
    pub app_id: Option<String>,
    /// The connector crate's directory.
    pub crate_dir: PathBuf,
    /// Its manifest, when not `crate_dir/Cargo.toml`.
    pub manifest_path: Option<PathBuf>,
    /// The output directory; the archive goes to its `bundled/`.
    pub output_directory: Option<PathBuf>,
    /// Files and folders to bundle, relative to `crate_dir`.
    pub data_files: Vec<PathBuf>,
    /// The target triple; the host by default.
    pub target: Option<String>,
    /// The cargo profile.
    pub profile: String,
}

/// Runs `connector compile-on-prem`.
pub fn run(args: &ArgMatches) -> Result<(), String> {
    let get = |key: &str| args.get_one::<String>(key).cloned();
    let manifest_path = get("manifest-path").map(PathBuf::from);
    let crate_dir = match (&manifest_path, get("crate-dir")) {
        (_, Some(dir)) => PathBuf::from(dir),
        (Some(manifest), None) => manifest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
        (None, None) => PathBuf::from("."),
    };
    let options = Options {
        app_id: get("app-id"),
        crate_dir,
        manifest_path,
        output_directory: get("output-directory").map(PathBuf::from),
        data_files: args
            .get_many::<String>("data-file")
            .into_iter()
            .flatten()
            .map(PathBuf::from)
            .collect(),
        target: get("target"),
        profile: get("profile").unwrap_or_else(|| "release".to_owned()),
    };
    let archive = compile_on_prem(&options)?;
    println!("{}", archive.display());
    Ok(())
}

/// Builds the connector and writes its bundle; returns the archive's path.
pub fn compile_on_prem(options: &Options) -> Result<PathBuf, String> {
    if let Some(id) = &options.app_id {
        check_app_id(id)?;
    }
    // Checked before anything is built, as connector-py checks them first.
    let data_files = collect_data_files(&options.crate_dir, &options.data_files)?;
    let manifest = match &options.manifest_path {
        Some(path) => path.clone(),
        None => {
            let manifest = options.crate_dir.join("Cargo.toml");
            if !manifest.is_file() {
                return Err(format!(
                    "{} has no Cargo.toml: --connector-root-module-dir (or --crate-dir) names the connector crate's directory",
                    options.crate_dir.display()
                ));
            }
            manifest
        }
    };

    // connector-py says where it compiles before it starts; without --app-id
    // the name of the output directory is known only from the built `info`.
    let plan = |app_id: &str| -> Result<PathBuf, String> {
        let out = match &options.output_directory {
            Some(out) => out.clone(),
            None => default_output_directory(app_id)?,
        };
        eprintln!("Compiling executable for {app_id} in {}", out.display());
        Ok(out)
    };
    let planned = match &options.app_id {
        Some(id) => Some((id.clone(), plan(id)?)),
        None => None,
    };
    let built = package::build_connector(&manifest, options.target.as_deref(), &options.profile)?;
    let (app_id, out) = match planned {
        Some(planned) => planned,
        None => (built.app_id.clone(), plan(&built.app_id)?),
    };
    let own = built.app_id.strip_suffix("_on_prem").unwrap_or(&built.app_id);
    if app_id.strip_suffix("_on_prem").unwrap_or(&app_id) != own {
        eprintln!(
            "warning: --app-id {app_id} is not the connector's own app id `{}` (from its info); the bundle is named after {app_id}",
            built.app_id
        );
    }
    eprintln!("Compiled to: {}", built.executable.display());

    let bundled = out.join("bundled");
    eprintln!("Bundling compiled code to {}", bundled.display());
    fs::create_dir_all(&bundled).map_err(|e| format!("cannot create {}: {e}", bundled.display()))?;
    let executable = package::read(&built.executable)?;
    let metadata = package::metadata_toml(&app_id, &built.version, None)?;
    let executable_name = executable_name(&built.target);
    let mut entries = vec![
        // 770, the mode connector-py gives its bundle: its group runs it too.
        Entry::file(&executable_name, &executable, 0o770),
        Entry::file(INFO, built.info_json.as_bytes(), 0o644),
        Entry::file(LICENSES, built.licenses.as_bytes(), 0o644),
    ];
    for file in data_files {
        entries.push(Entry {
            name: file.name,
            bytes: Cow::Owned(package::read(&file.source)?),
            mode: file.mode,
        });
    }
    entries.push(Entry::file(METADATA, metadata.as_bytes(), 0o644));
    let archive = bundled.join(format!("{app_id}-{}.tar.gz", built.version));
    package::write_archive_with_checksum(&archive, &entries)?;
    eprintln!("Bundled into:");
    Ok(archive)
}

/// The archive's name is made of the app id: it must be a file name.
fn check_app_id(id: &str) -> Result<(), String> {
    if id.trim().is_empty() {
        return Err("--app-id is empty".to_owned());
    }
    if id.contains(['/', '\\', '\0']) || id == "." || id == ".." {
        return Err(format!("--app-id {id:?} cannot name a file"));
    }
    Ok(())
}

fn executable_name(target: &str) -> String {
    if target.contains("windows") {
        format!("{EXECUTABLE}.exe")
    } else {
        EXECUTABLE.to_owned()
    }
}

/// `./compiled/<app id>-<UTC time>`, the time as connector-py writes it
/// (ISO 8601 with every character that is not a letter, digit or `_` as `-`).
fn default_output_directory(app_id: &str) -> Result<PathBuf, String> {
    let now = chrono::Utc::now();
    let precision = if now.timestamp_subsec_micros() == 0 {
        chrono::SecondsFormat::Secs
    } else {
        chrono::SecondsFormat::Micros
    };
    let stamp: String = now
        .to_rfc3339_opts(precision, false)
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '_' { c } else { '-' })
        .collect();
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current directory: {e}"))?;
    Ok(cwd.join("compiled").join(format!("{app_id}-{stamp}")))
}

/// One file to bundle.
#[derive(Debug)]
struct DataFile {
    /// Its path in the archive.
    name: String,
    source: PathBuf,
    mode: u32,
}

/// Every file named by `--data-file`, a folder standing for the files under
/// it, each with its path relative to `base` as its name in the archive.
fn collect_data_files(base: &Path, given: &[PathBuf]) -> Result<Vec<DataFile>, String> {
    let mut files: Vec<DataFile> = Vec::new();
    for relative in given {
        if relative.is_absolute() || relative.has_root() {
            return Err(format!(
                "Data file paths must be relative to connector-root-module-dir, got absolute path: {}",
                relative.display()
            ));
        }
        let parts: Vec<String> = relative
            .components()
            .filter(|c| *c != Component::CurDir)
            .map(|c| match c {
                Component::Normal(part) => Ok(part.to_string_lossy().into_owned()),
                _ => Err(format!(
                    "Data file paths must stay inside connector-root-module-dir, got: {}",
                    relative.display()
                )),
            })
            .collect::<Result<_, _>>()?;
        if parts.is_empty() {
            return Err(format!(
                "Data file path {:?} names connector-root-module-dir itself: name the files or folders to bundle",
                relative.display().to_string()
            ));
        }
        let source = base.join(relative);
        if !source.exists() {
            return Err(format!("Data file not found: {}", source.display()));
        }
        walk(&source, &parts.join("/"), &mut files)?;
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    files.dedup_by(|a, b| a.name == b.name);
    if let Some(clash) = files
        .iter()
        .find(|f| [EXECUTABLE, INFO, LICENSES, METADATA].contains(&f.name.as_str()))
    {
        return Err(format!(
            "Data file {} would take the place of the bundle's own {}",
            clash.source.display(),
            clash.name
        ));
    }
    Ok(files)
}

fn walk(source: &Path, name: &str, files: &mut Vec<DataFile>) -> Result<(), String> {
    let metadata = fs::metadata(source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
    if metadata.is_dir() {
        let entries = fs::read_dir(source).map_err(|e| format!("cannot read {}: {e}", source.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("cannot read {}: {e}", source.display()))?;
            let child = format!("{name}/{}", entry.file_name().to_string_lossy());
            walk(&entry.path(), &child, files)?;
        }
    } else {
        files.push(DataFile {
            name: name.to_owned(),
            source: source.to_path_buf(),
            mode: mode(&metadata),
        });
    }
    Ok(())
}

/// The file's own permission bits, so that a bundled script stays executable.
#[cfg(unix)]
fn mode(metadata: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    metadata.permissions().mode() & 0o777
}

#[cfg(not(unix))]
fn mode(_: &fs::Metadata) -> u32 {
    0o644
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_keep_their_relative_paths_and_folders_are_walked() {
        let tmp = tempfile::tempdir().unwrap();
        fs::create_dir_all(tmp.path().join("data/sub")).unwrap();
        fs::write(tmp.path().join("data/roles.csv"), "a,b\n").unwrap();
        fs::write(tmp.path().join("data/sub/n.txt"), "n\n").unwrap();
        fs::write(tmp.path().join("top.txt"), "t\n").unwrap();
        let given = ["./top.txt", "data", "data/roles.csv"].map(PathBuf::from);
        let files = collect_data_files(tmp.path(), &given).unwrap();
        let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["data/roles.csv", "data/sub/n.txt", "top.txt"]);
    }

    #[test]
    fn data_files_outside_the_crate_or_over_the_bundles_own_are_refused() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("main"), "x").unwrap();
        for (given, expected) in [
            ("../x", "must stay inside"),
            ("a/../../x", "must stay inside"),
            (".", "itself"),
            ("", "itself"),
            ("main", "take the place of the bundle's own main"),
        ] {
            let err = collect_data_files(tmp.path(), &[PathBuf::from(given)]).unwrap_err();
            assert!(err.contains(expected), "{given}: {err}");
        }
    }

    #[test]
    fn app_ids_that_cannot_name_the_archive_are_refused() {
        for id in ["", " ", "a/b", "..", "a\\b"] {
            assert!(check_app_id(id).is_err(), "{id:?}");
        }
        check_app_id("acme-widgets_on_prem").unwrap();
    }
}
