//! Where results go: stdout, or a gzip file written atomically.

use std::io::{self, Write};
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;
use serde_json::Value;

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

/// JSON as Python's `json.dumps(..., sort_keys=True)` writes it: keys sorted
/// at every level, `", "` and `": "` separators, non-ASCII as `\uXXXX`.
pub fn python_json(value: &Value) -> String {
    let sorted = sort_keys(value);
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, PythonFormatter);
    serde::Serialize::serialize(&sorted, &mut ser).expect("serializing a Value to memory cannot fail");
    String::from_utf8(out).expect("the formatter writes ASCII")
}

fn sort_keys(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), sort_keys(v)))
                    .collect(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sort_keys).collect()),
        other => other.clone(),
    }
}

struct PythonFormatter;

impl serde_json::ser::Formatter for PythonFormatter {
    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { writer.write_all(b", ") }
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { writer.write_all(b", ") }
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, writer: &mut W, fragment: &str) -> io::Result<()> {
        for ch in fragment.chars() {
            if ch.is_ascii() {
                writer.write_all(&[ch as u8])?;
            } else {
                let mut units = [0u16; 2];
                for unit in ch.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn python_json_sorts_spaces_and_escapes() {
        let v = json!({"b": [1, 2], "a": {"z": null, "y": "é😀"}});
        assert_eq!(
            python_json(&v),
            r#"{"a": {"y": "\u00e9\ud83d\ude00", "z": null}, "b": [1, 2]}"#
        );
    }

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
