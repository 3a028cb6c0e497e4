//! Where results go: stdout, or a gzip file written atomically.

use std::io::{self, Write};
use std::path::Path;

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
pub fn write_gzip(path: &Path, json: &str) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let temp = tempfile::NamedTempFile::new_in(dir)?;
    let mut encoder = GzEncoder::new(temp, Compression::best());
    encoder.write_all(json.as_bytes())?;
    let temp = encoder.finish()?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
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
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file is left"
        );
    }
}
