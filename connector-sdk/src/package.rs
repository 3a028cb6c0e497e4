//! `connector package`: the release binary of a connector, its `info`, a
//! `metadata.toml` and the licenses of everything compiled into it, in one
//! archive for the on-premise agent, with a SHA-256 file beside it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command as Process, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use cargo_metadata::{DependencyKind, Message, Metadata, MetadataCommand, Node, Package, PackageId};
use clap::{Arg, ArgMatches, Command};
use flate2::Compression;
use flate2::write::GzEncoder;
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

/// The `package` subcommand.
pub fn command() -> Command {
    Command::new("package")
        .about("Build a connector's release binary and archive it for the on-premise agent")
        .arg(
            Arg::new("manifest-path")
                .long("manifest-path")
                .value_name("PATH")
                .default_value("Cargo.toml")
                .help("The connector crate's Cargo.toml"),
        )
        .args(build_args())
        .arg(
            Arg::new("out")
                .long("out")
                .value_name("DIR")
                .help("Where to write the archive; `dist/` beside the manifest by default"),
        )
}

/// Runs `connector package`.
pub fn run(args: &ArgMatches) -> Result<(), String> {
    let manifest = PathBuf::from(
        args.get_one::<String>("manifest-path")
            .map_or("Cargo.toml", String::as_str),
    );
    let archive = package(
        &manifest,
        args.get_one::<String>("target").map(String::as_str),
        args.get_one::<String>("profile")
            .map_or("release", String::as_str),
        args.get_one::<String>("out").map(PathBuf::from),
    )?;
    println!("{}", archive.display());
    Ok(())
}

/// The connector crate as `cargo metadata` describes it.
struct Crate {
    name: String,
    version: String,
    root: PathBuf,
    binary: String,
    metadata: Metadata,
    package_id: PackageId,
}

/// A connector built for release and checked: what both archive layouts
/// (`package` and `compile-on-prem`) are made of.
pub(crate) struct Built {
    /// The crate's version.
    pub version: String,
    /// The crate's directory.
    pub root: PathBuf,
    /// The name of the crate's binary target.
    pub binary: String,
    /// The target triple built for.
    pub target: String,
    /// The built executable.
    pub executable: PathBuf,
    /// The executable's `info` output, as printed.
    pub info_json: String,
    /// The app id its `info` names.
    pub app_id: String,
    /// The licenses of every package compiled into it.
    pub licenses: String,
}

/// Builds the connector of `manifest` with `profile` for `target` (the
/// host by default) and reads its `info`; nothing is written but cargo's
/// own build output.
pub(crate) fn build_connector(manifest: &Path, target: Option<&str>, profile: &str) -> Result<Built, String> {
    let manifest = fs::canonicalize(manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    let root = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
    let host = host_triple(&root)?;
    let target = target.unwrap_or(&host).to_owned();
    check_target_installed(&root, &target)?;
    let krate = read_crate(&manifest, &target)?;

    eprintln!(
        "Building {} {} for {target} ({profile})...",
        krate.binary, krate.version
    );
    let (executable, compiled) = build(
        &manifest,
        &krate.binary,
        profile,
        (target != host).then_some(target.as_str()),
    )?;
    let (info, info_json) = run_info(&executable)?;
    let app_id = info["response"]["app_id"]
        .as_str()
        .filter(|id| !id.is_empty())
        .ok_or_else(|| {
            format!(
                "`{} info` printed no app_id: is it a connector?",
                executable.display()
            )
        })?
        .to_owned();
    let licenses = third_party_licenses(&krate, &compiled, &app_id)?;
    Ok(Built {
        version: krate.version,
        root: krate.root,
        binary: krate.binary,
        target,
        executable,
        info_json,
        app_id,
        licenses,
    })
}

/// Builds and archives the connector of `manifest`; returns the archive's path.
pub fn package(
    manifest: &Path,
    target: Option<&str>,
    profile: &str,
    out: Option<PathBuf>,
) -> Result<PathBuf, String> {
    let built = build_connector(manifest, target, profile)?;
    let app_id = &built.app_id;
    let metadata_toml = metadata_toml(app_id, &built.version, Some(&built.binary))?;

    let out = out.unwrap_or_else(|| built.root.join("dist"));
    fs::create_dir_all(&out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let archive = out.join(format!("{app_id}-{}-{}.tar.gz", built.version, built.target));
    let executable = read(&built.executable)?;
    let files = [
        Entry::file(&built.binary, &executable, 0o755),
        Entry::file("info.json", built.info_json.as_bytes(), 0o644),
        Entry::file("metadata.toml", metadata_toml.as_bytes(), 0o644),
        Entry::file("THIRD_PARTY_LICENSES", built.licenses.as_bytes(), 0o644),
    ];
    let size = write_archive_with_checksum(&archive, &files)?;
    eprintln!("Packaged {app_id} {} ({size} bytes)", built.version);
    Ok(archive)
}

pub(crate) fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Writes the archive and, beside it, `<archive>.sha256` in `sha256sum`
/// format; returns the archive's size.
pub(crate) fn write_archive_with_checksum(archive: &Path, entries: &[Entry<'_>]) -> Result<usize, String> {
    write_archive(archive, entries).map_err(|e| format!("cannot write {}: {e}", archive.display()))?;
    let bytes = read(archive)?;
    let digest = hex(&Sha256::digest(&bytes));
    let file_name = archive
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let checksum = PathBuf::from(format!("{}.sha256", archive.display()));
    fs::write(&checksum, format!("{digest}  {file_name}\n"))
        .map_err(|e| format!("cannot write {}: {e}", checksum.display()))?;
    Ok(bytes.len())
}

/// `metadata.toml`: what the on-premise agent reads to know the connector
/// and its version. Its app id always ends in `_on_prem`, exactly once more
/// than the given one does not. `executable` is written by `package` only:
/// `compile-on-prem` keeps connector-py's two keys.
pub(crate) fn metadata_toml(app_id: &str, version: &str, executable: Option<&str>) -> Result<String, String> {
    #[derive(Serialize)]
    struct Metadata<'a> {
        connector: Entry<'a>,
    }
    #[derive(Serialize)]
    struct Entry<'a> {
        app_id: String,
        version: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        executable: Option<&'a str>,
    }
    let metadata = Metadata {
        connector: Entry {
            app_id: format!("{}_on_prem", app_id.strip_suffix("_on_prem").unwrap_or(app_id)),
            version,
            executable,
        },
    };
    toml::to_string(&metadata).map_err(|e| format!("cannot write metadata.toml: {e}"))
}

fn host_triple(dir: &Path) -> Result<String, String> {
    let output = Process::new(rustc())
        .arg("-vV")
        .current_dir(dir)
        .output()
        .map_err(|e| format!("cannot run rustc: {e}"))?;
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .map(str::to_owned)
        .ok_or_else(|| "rustc -vV did not name the host target".to_owned())
}

fn rustc() -> String {
    std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned())
}

/// A clear error, before a long build, when the target's standard library is missing.
fn check_target_installed(dir: &Path, target: &str) -> Result<(), String> {
    let print = |what: &str| -> Result<String, String> {
        let output = Process::new(rustc())
            .args(["--print", what])
            .current_dir(dir)
            .output()
            .map_err(|e| format!("cannot run rustc: {e}"))?;
        Ok(String::from_utf8_lossy(&output.stdout).into_owned())
    };
    if !print("target-list")?.lines().any(|t| t.trim() == target) {
        return Err(format!(
            "`{target}` is not a target rustc knows (see `rustc --print target-list`)"
        ));
    }
    let sysroot = print("sysroot")?;
    let lib = Path::new(sysroot.trim())
        .join("lib/rustlib")
        .join(target)
        .join("lib");
    if !lib.is_dir() {
        return Err(format!(
            "the Rust standard library for `{target}` is not installed: run `rustup target add {target}`"
        ));
    }
    Ok(())
}

fn read_crate(manifest: &Path, target: &str) -> Result<Crate, String> {
    let metadata = MetadataCommand::new()
        .cargo_path(cargo())
        .manifest_path(manifest)
        .other_options(vec!["--filter-platform".to_owned(), target.to_owned()])
        .exec()
        .map_err(|e| match e {
            cargo_metadata::Error::CargoMetadata { stderr } => {
                format!("cargo metadata failed for {}:\n{stderr}", manifest.display())
            }
            other => format!("cannot read the crate of {}: {other}", manifest.display()),
        })?;
    let package = metadata
        .packages
        .iter()
        .find(|p| p.manifest_path.as_std_path() == manifest)
        .ok_or_else(|| {
            format!(
                "{} describes no package (a workspace manifest?): point --manifest-path at the connector crate's Cargo.toml",
                manifest.display()
            )
        })?;
    let name = package.name.to_string();
    let binaries: Vec<&str> = package
        .targets
        .iter()
        .filter(|t| t.is_bin())
        .map(|t| t.name.as_str())
        .collect();
    let binary = match binaries.as_slice() {
        [] => {
            return Err(format!(
                "package `{name}` has no binary target: a connector is a binary crate"
            ));
        }
        [one] => (*one).to_owned(),
        many => match many.iter().find(|b| **b == name) {
            Some(b) => (*b).to_owned(),
            None => {
                return Err(format!(
                    "package `{name}` has several binaries ({}) and none is named after it",
                    many.join(", ")
                ));
            }
        },
    };
    Ok(Crate {
        version: package.version.to_string(),
        root: manifest.parent().map(Path::to_path_buf).unwrap_or_default(),
        package_id: package.id.clone(),
        name,
        binary,
        metadata,
    })
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// `cargo build --profile <profile>`; returns the executable and every
/// package compiled for it. Cargo's output is shown when it fails.
fn build(
    manifest: &Path,
    binary: &str,
    profile: &str,
    target: Option<&str>,
) -> Result<(PathBuf, BTreeSet<PackageId>), String> {
    let mut command = Process::new(cargo());
    command
        .args([
            "build",
            "--profile",
            profile,
            "--message-format",
            "json-render-diagnostics",
            "--bin",
            binary,
        ])
        .arg("--manifest-path")
        .arg(manifest)
        .stdin(Stdio::null());
    if let Some(target) = target {
        command.args(["--target", target]);
    }
    let output = command.output().map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo build failed:\n{}",
            String::from_utf8_lossy(&output.stderr).trim_end()
        ));
    }
    // Cargo reports every unit of the build, fresh or not: exactly what went
    // into the executable, with the features this build used.
    let mut executable = None;
    let mut compiled = BTreeSet::new();
    for message in Message::parse_stream(output.stdout.as_slice()).filter_map(Result::ok) {
        if let Message::CompilerArtifact(artifact) = message {
            if artifact.target.name == binary && artifact.executable.is_some() {
                executable = artifact.executable.map(PathBuf::from);
            }
            compiled.insert(artifact.package_id);
        }
    }
    let executable =
        executable.ok_or_else(|| format!("cargo build produced no executable named `{binary}`"))?;
    Ok((executable, compiled))
}

/// The binary's `info` output, parsed and as printed.
fn run_info(binary: &Path) -> Result<(Value, String), String> {
    let output = Process::new(binary)
        .arg("info")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            format!(
                "cannot run `{} info` on this machine to read the connector's info: {e}",
                binary.display()
            )
        })?;
    if !output.status.success() {
        return Err(format!(
            "`{} info` failed ({}): is it a connector?\n{}",
            binary.display(),
            output.status,
            String::from_utf8_lossy(&output.stderr).trim_end()
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let info = serde_json::from_str(&text).map_err(|e| {
        format!(
            "`{} info` did not print JSON ({e}): is it a connector?",
            binary.display()
        )
    })?;
    Ok((info, text))
}

/// Every package compiled into the binary, with its license and the license
/// files it ships: the normal dependencies followed from the connector, of
/// those only the ones this build compiled (`cargo metadata` resolves the
/// features of dev-dependencies too, such as the testing kit's).
fn third_party_licenses(
    krate: &Crate,
    compiled: &BTreeSet<PackageId>,
    app_id: &str,
) -> Result<String, String> {
    let packages: BTreeMap<&PackageId, &Package> =
        krate.metadata.packages.iter().map(|p| (&p.id, p)).collect();
    let nodes: BTreeMap<&PackageId, &Node> = krate
        .metadata
        .resolve
        .iter()
        .flat_map(|r| &r.nodes)
        .map(|n| (&n.id, n))
        .collect();
    let mut seen = BTreeSet::new();
    let mut stack = vec![&krate.package_id];
    while let Some(id) = stack.pop() {
        let Some(node) = nodes.get(id) else { continue };
        for dep in &node.deps {
            let normal = dep.dep_kinds.iter().any(|k| k.kind == DependencyKind::Normal);
            if normal && compiled.contains(&dep.pkg) && seen.insert(&dep.pkg) {
                stack.push(&dep.pkg);
            }
        }
    }
    let mut deps: Vec<&Package> = seen.iter().filter_map(|id| packages.get(id).copied()).collect();
    deps.sort_by(|a, b| (a.name.as_str(), &a.version).cmp(&(b.name.as_str(), &b.version)));

    let rule = "=".repeat(80);
    let mut out = format!(
        "Third-party software compiled into {app_id} ({} {})\n\n{} packages, each with its license and the license files it ships.\n",
        krate.name,
        krate.version,
        deps.len()
    );
    for p in deps {
        let license = p.license.as_deref().unwrap_or("(not stated)");
        out.push_str(&format!(
            "\n{rule}\n{} {}\nLicense: {license}\n",
            p.name, p.version
        ));
        if let Some(repo) = &p.repository {
            out.push_str(&format!("Repository: {repo}\n"));
        }
        if !p.authors.is_empty() {
            out.push_str(&format!("Authors: {}\n", p.authors.join(", ")));
        }
        let dir = p
            .manifest_path
            .parent()
            .map(|d| d.as_std_path().to_path_buf())
            .unwrap_or_default();
        let files = license_files(&dir, p.license_file.as_ref().map(|f| f.as_std_path()));
        if files.is_empty() {
            out.push_str("(the package ships no license file; its license is the one named above)\n");
        }
        for file in files {
            let text =
                fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let label = file.strip_prefix(&dir).unwrap_or(&file).display().to_string();
            out.push_str(&format!("\n--- {label} ---\n{}\n", text.trim_end()));
        }
    }
    Ok(out)
}

/// LICENSE*, LICENCE*, COPYING*, NOTICE*, UNLICENSE and the declared license file of a package.
fn license_files(dir: &Path, declared: Option<&Path>) -> Vec<PathBuf> {
    let mut files: BTreeSet<PathBuf> = BTreeSet::new();
    if let Some(declared) = declared {
        let path = dir.join(declared);
        if path.is_file() {
            files.insert(path);
        }
    }
    if let Ok(entries) = fs::read_dir(dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_uppercase();
            let licensy = ["LICENSE", "LICENCE", "COPYING", "NOTICE", "UNLICENSE"]
                .iter()
                .any(|prefix| name.starts_with(prefix));
            if licensy && entry.path().is_file() {
                files.insert(entry.path());
            }
        }
    }
    files.into_iter().collect()
}

/// One regular file of an archive.
pub(crate) struct Entry<'a> {
    /// Its path in the archive, `/`-separated.
    pub name: String,
    /// Its content.
    pub bytes: std::borrow::Cow<'a, [u8]>,
    /// Its permission bits.
    pub mode: u32,
}

impl<'a> Entry<'a> {
    pub(crate) fn file(name: &str, bytes: &'a [u8], mode: u32) -> Self {
        Entry {
            name: name.to_owned(),
            bytes: bytes.into(),
            mode,
        }
    }
}

/// A gzip'd tar holding each file once.
fn write_archive(path: &Path, entries: &[Entry<'_>]) -> std::io::Result<()> {
    let mtime = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    let file = fs::File::create(path)?;
    // gzip's default level: the best one makes the archive about 1 % smaller
    // and takes three times as long (10 s instead of 3 s for a debug build).
    let mut tar = tar::Builder::new(GzEncoder::new(file, Compression::default()));
    for entry in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(entry.bytes.len() as u64);
        header.set_mode(entry.mode);
        header.set_mtime(mtime);
        header.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut header, &entry.name, entry.bytes.as_ref())?;
    }
    let mut gz = tar.into_inner()?;
    gz.flush()?;
    gz.finish()?.sync_all()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The build options `package` and `compile-on-prem` share.
pub(crate) fn build_args() -> [Arg; 2] {
    [
        Arg::new("target")
            .long("target")
            .value_name("TRIPLE")
            .help("Build for this target (installed with `rustup target add`); the host by default"),
        Arg::new("profile")
            .long("profile")
            .value_name("NAME")
            .default_value("release")
            .help("The cargo profile to build with"),
    ]
}
