//! Where results go: stdout, or a gzip file written atomically.

use std::ffi::{OsStr, OsString};
use std::io::{self, Write};
use std::path::Path;
use std::time::Duration;

use flate2::Compression;
use flate2::write::GzEncoder;

pub use crate::json::python_json;

/// Prints `json` and a newline on stdout, in one write.
pub fn print(json: &str) -> io::Result<()> {
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    let mut line = String::with_capacity(json.len() + 1);
    line.push_str(json);
    line.push('\n');
    lock.write_all(line.as_bytes())?;
    lock.flush()
}

/// Writes `json` gzip'd (level 9) to `path`: to a temporary file beside it
/// first, synced, then renamed, so a crash never leaves half a file.
///
/// The temporary file is deleted when anything fails. A process killed
/// while writing cannot delete it, so it is named after the target
/// (`.<name>.XXXXXX.partial`) and the next write to the same target removes
/// those left for longer than [`STALE_AFTER`].
pub fn write_gzip(path: &Path, json: &str) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let prefix = temp_prefix(path);
    remove_stale(dir, &prefix);
    let temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    let mut encoder = GzEncoder::new(temp, Compression::best());
    encoder.write_all(json.as_bytes())?;
    let temp = encoder.finish()?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// How long a temporary file goes unwritten before it is taken for one a
/// killed process left. A live writer touches it with every block it
/// compresses, so this is long past any pause of its.
pub const STALE_AFTER: Duration = Duration::from_secs(10 * 60);

const TEMP_SUFFIX: &str = ".partial";

fn temp_prefix(path: &Path) -> OsString {
    let mut prefix = OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".");
    prefix
}

/// Removes the temporary files of earlier writes to the same target that
/// were left behind. Best effort: a file that cannot be read or removed is
/// left alone, and this write goes on.
fn remove_stale(dir: &Path, prefix: &OsStr) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let prefix = prefix.as_encoded_bytes();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.as_encoded_bytes();
        let ours = name.len() > prefix.len() + TEMP_SUFFIX.len()
            && name.starts_with(prefix)
            && name.ends_with(TEMP_SUFFIX.as_bytes());
        if !ours {
            continue;
        }
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > STALE_AFTER);
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::SystemTime;

    use super::*;

    #[test]
    fn gzip_file_holds_the_json() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.gz");
        write_gzip(&path, "{\"a\":1}").unwrap();
        let mut text = String::new();
        io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap()),
            &mut text,
        )
        .unwrap();
        assert_eq!(text, "{\"a\":1}");
        assert_eq!(names(dir.path()), ["out.gz"], "no temporary file is left");
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_temporary_file_is_removed_when_the_write_fails() {
        let dir = tempfile::tempdir().unwrap();
        // A directory in the way: the rename fails.
        std::fs::create_dir(dir.path().join("out.gz")).unwrap();
        std::fs::write(dir.path().join("out.gz/inside"), "x").unwrap();
        assert!(write_gzip(&dir.path().join("out.gz"), "{}").is_err());
        assert_eq!(names(dir.path()), ["out.gz"]);
    }

    #[test]
    fn temporary_files_a_killed_writer_left_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let long_ago = SystemTime::now() - STALE_AFTER - Duration::from_secs(60);
        let left = |name: &str, modified: SystemTime| {
            let file = std::fs::File::create(dir.path().join(name)).unwrap();
            file.set_modified(modified).unwrap();
        };
        left(".out.gz.a1B2c3.partial", long_ago);
        // Another write to the same target, still under way.
        left(".out.gz.d4E5f6.partial", SystemTime::now());
        // Not ours: another target's, or not a temporary file.
        left(".other.gz.g7H8i9.partial", long_ago);
        left(".out.gz.notes", long_ago);
        write_gzip(&dir.path().join("out.gz"), "{}").unwrap();
        assert_eq!(
            names(dir.path()),
            [
                ".other.gz.g7H8i9.partial",
                ".out.gz.d4E5f6.partial",
                ".out.gz.notes",
                "out.gz"
            ]
        );
    }
}
