//! JSON text as the reference's Python writes it: keys sorted at every level
//! and every non-ASCII character escaped as `\uXXXX`, so that the bytes (and
//! the digests of them) match the reference's; and, in [`python`], JSON as
//! Python decodes and prints it (`{'error': 'not_found', 'ok': True}`).

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

mod printable;
pub(crate) mod python;

/// The separators between items and after keys, as Python's `separators`
/// argument of `json.dumps` sets them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separators {
    /// `,` and `:`.
    Compact,
    /// `, ` and `: `, the default of `json.dumps`.
    Spaced,
}

/// `value` as Python's `json.dumps(value, sort_keys=True, separators=...)` writes it.
pub fn dumps(value: &Value, separators: Separators) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, AsciiFormatter { separators });
    Sorted(value)
        .serialize(&mut ser)
        .expect("serializing a Value to memory cannot fail");
    String::from_utf8(out).expect("the formatter writes ASCII")
}

/// `value` as Python's `json.dumps(value, separators=...)` writes it without
/// `sort_keys`: objects keep their keys in the order they were inserted.
#[cfg(feature = "client")]
pub fn dumps_in_order(value: &Value, separators: Separators) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, AsciiFormatter { separators });
    value
        .serialize(&mut ser)
        .expect("serializing a Value to memory cannot fail");
    String::from_utf8(out).expect("the formatter writes ASCII")
}

/// JSON as Python's `json.dumps(..., sort_keys=True)` writes it: keys sorted
/// at every level, `", "` and `": "` separators, non-ASCII as `\uXXXX`.
pub fn python_json(value: &Value) -> String {
    dumps(value, Separators::Spaced)
}

/// A value whose objects serialize with their keys in order.
struct Sorted<'a>(&'a Value);

impl Serialize for Sorted<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Object(map) => {
                let mut entries: Vec<(&String, &Value)> = map.iter().collect();
                entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
                let mut out = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    out.serialize_entry(key, &Sorted(value))?;
                }
                out.end()
            }
            Value::Array(items) => serializer.collect_seq(items.iter().map(Sorted)),
            other => other.serialize(serializer),
        }
    }
}

struct AsciiFormatter {
    separators: Separators,
}

impl serde_json::ser::Formatter for AsciiFormatter {
    fn begin_array_value<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        match (first, self.separators) {
            (true, _) => Ok(()),
            (false, Separators::Compact) => writer.write_all(b","),
            (false, Separators::Spaced) => writer.write_all(b", "),
        }
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, writer: &mut W, first: bool) -> io::Result<()> {
        self.begin_array_value(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        match self.separators {
            Separators::Compact => writer.write_all(b":"),
            Separators::Spaced => writer.write_all(b": "),
        }
    }

    /// Python's `ensure_ascii`: characters outside ASCII as UTF-16 `\uXXXX`
    /// escapes, surrogate pairs included; quotes, backslashes and control
    /// characters are escaped by serde_json before this is called.
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
    fn compact_form_sorts_and_escapes() {
        let v = json!({"b": "é", "a": [1, {"d": 2, "c": true}]});
        assert_eq!(
            dumps(&v, Separators::Compact),
            r#"{"a":[1,{"c":true,"d":2}],"b":"\u00e9"}"#
        );
    }

    #[cfg(feature = "client")]
    #[test]
    fn in_order_form_keeps_the_insertion_order() {
        let v = json!({"b": "é", "a": [1, {"d": 2, "c": true}]});
        assert_eq!(
            dumps_in_order(&v, Separators::Compact),
            r#"{"b":"\u00e9","a":[1,{"d":2,"c":true}]}"#
        );
    }

    #[test]
    fn keys_and_escaped_characters_are_written_like_the_reference() {
        let v = json!({"é\n": "a\"b\\c\u{1}", "e": 1.5, "A": -2});
        assert_eq!(
            dumps(&v, Separators::Compact),
            r#"{"A":-2,"e":1.5,"\u00e9\n":"a\"b\\c\u0001"}"#
        );
    }
}
