//! JSON as the reference's Python reads and prints it: what `json.loads`
//! makes of a body (or the `JSONDecodeError` it raises), and `repr()` /
//! `str()` of the result, so that messages built from an upstream's answer
//! read exactly as the reference's.
//!
//! The reader follows CPython's C scanner: the same grammar (with `NaN`,
//! `Infinity` and `-Infinity`), the same choice of text encoding, the same
//! error texts and positions (in characters), unbounded integers, and
//! strings that may hold unpaired surrogates. It is only used on error paths.

use std::collections::HashMap;
use std::fmt::Write as _;

use serde_json::Value;

use super::printable::NOT_PRINTABLE;

/// How deep arrays and objects may nest. CPython stops at its recursion
/// limit (1000 frames, less those already in use) with a `RecursionError`.
const MAX_DEPTH: usize = 900;

/// The most digits CPython converts to an `int` (`sys.get_int_max_str_digits()`).
const MAX_INT_DIGITS: usize = 4300;

/// A value as Python's `json.loads` decodes it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PyValue {
    None,
    Bool(bool),
    /// The decimal digits of an unbounded `int`, with its sign.
    Int(String),
    Float(f64),
    /// Code points; unlike a Rust string, they may include surrogates.
    Str(Vec<u32>),
    List(Vec<PyValue>),
    /// In insertion order; a repeated key keeps its first place and its last value.
    Dict(Vec<(Vec<u32>, PyValue)>),
}

/// Why `json.loads` would fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LoadError {
    /// A `JSONDecodeError`, with its text, e.g. `Expecting value: line 1 column 1 (char 0)`.
    Decode(String),
    /// Another exception: the bytes do not decode as text, an integer has too
    /// many digits, or the nesting is too deep.
    Other,
}

/// What `json.loads(body)` returns for these bytes.
pub(crate) fn loads(bytes: &[u8]) -> Result<PyValue, LoadError> {
    let text = decode(bytes).ok_or(LoadError::Other)?;
    let mut parser = Parser { s: &text, depth: 0 };
    let start = parser.skip_ws(0);
    let outcome = parser.scan_once(start).and_then(|(value, end)| {
        let end = parser.skip_ws(end);
        if end == text.len() {
            Ok(value)
        } else {
            Err(Fail::Decode("Extra data", end))
        }
    });
    outcome.map_err(|fail| match fail {
        Fail::Stop(at) => decode_error(&text, "Expecting value", at),
        Fail::Decode(message, at) => decode_error(&text, message, at),
        Fail::Other => LoadError::Other,
    })
}

/// `json.loads` on bytes: the encoding guessed from a byte order mark or the
/// position of zero bytes, then decoded allowing surrogates.
fn decode(b: &[u8]) -> Option<Vec<u32>> {
    if b.starts_with(&[0, 0, 0xfe, 0xff]) {
        return utf32(&b[4..], u32::from_be_bytes);
    }
    if b.starts_with(&[0xff, 0xfe, 0, 0]) {
        return utf32(&b[4..], u32::from_le_bytes);
    }
    if b.starts_with(&[0xfe, 0xff]) {
        return utf16(&b[2..], u16::from_be_bytes);
    }
    if b.starts_with(&[0xff, 0xfe]) {
        return utf16(&b[2..], u16::from_le_bytes);
    }
    if let Some(rest) = b.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        return utf8(rest);
    }
    if b.len() >= 4 {
        if b[0] == 0 {
            return if b[1] != 0 {
                utf16(b, u16::from_be_bytes)
            } else {
                utf32(b, u32::from_be_bytes)
            };
        }
        if b[1] == 0 {
            return if b[2] != 0 || b[3] != 0 {
                utf16(b, u16::from_le_bytes)
            } else {
                utf32(b, u32::from_le_bytes)
            };
        }
    } else if b.len() == 2 {
        if b[0] == 0 {
            return utf16(b, u16::from_be_bytes);
        }
        if b[1] == 0 {
            return utf16(b, u16::from_le_bytes);
        }
    }
    utf8(b)
}

/// UTF-8 where an encoded surrogate (`ED A0..BF xx`) stands for itself.
fn utf8(mut b: &[u8]) -> Option<Vec<u32>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        match std::str::from_utf8(b) {
            Ok(s) => {
                out.extend(s.chars().map(u32::from));
                return Some(out);
            }
            Err(e) => {
                let (valid, rest) = b.split_at(e.valid_up_to());
                let valid = std::str::from_utf8(valid).ok()?;
                out.extend(valid.chars().map(u32::from));
                match rest {
                    [0xed, hi @ 0xa0..=0xbf, lo @ 0x80..=0xbf, ..] => {
                        out.push(0xd000 | (u32::from(hi & 0x3f) << 6) | u32::from(lo & 0x3f));
                        b = &rest[3..];
                    }
                    _ => return None,
                }
            }
        }
    }
}

/// UTF-16 where an unpaired surrogate stands for itself.
fn utf16(b: &[u8], read: fn([u8; 2]) -> u16) -> Option<Vec<u32>> {
    if b.len() % 2 != 0 {
        return None;
    }
    let units = b.chunks_exact(2).map(|c| read([c[0], c[1]]));
    Some(
        char::decode_utf16(units)
            .map(|r| r.map_or_else(|e| u32::from(e.unpaired_surrogate()), u32::from))
            .collect(),
    )
}

/// UTF-32; surrogates are allowed, values past U+10FFFF are not.
fn utf32(b: &[u8], read: fn([u8; 4]) -> u32) -> Option<Vec<u32>> {
    if b.len() % 4 != 0 {
        return None;
    }
    b.chunks_exact(4)
        .map(|c| read([c[0], c[1], c[2], c[3]]))
        .map(|cp| (cp <= 0x10ffff).then_some(cp))
        .collect()
}

/// `JSONDecodeError(message, doc, pos)` as `str()` shows it.
fn decode_error(text: &[u32], message: &str, at: usize) -> LoadError {
    let before = &text[..at.min(text.len())];
    let newline = u32::from('\n');
    let line = before.iter().filter(|&&c| c == newline).count() + 1;
    let column = match before.iter().rposition(|&c| c == newline) {
        Some(nl) => at - nl,
        None => at + 1,
    };
    LoadError::Decode(format!("{message}: line {line} column {column} (char {at})"))
}

enum Fail {
    /// No value starts here: the scanner's `StopIteration`, which becomes
    /// `Expecting value` at this position.
    Stop(usize),
    Decode(&'static str, usize),
    Other,
}

struct Parser<'a> {
    s: &'a [u32],
    depth: usize,
}

fn is_ws(c: u32) -> bool {
    matches!(c, 0x20 | 0x09 | 0x0a | 0x0d)
}

fn is_digit(c: u32) -> bool {
    (0x30..=0x39).contains(&c)
}

fn hex4(units: &[u32]) -> Option<u32> {
    units.iter().try_fold(0u32, |acc, &c| {
        let digit = char::from_u32(c)?.to_digit(16)?;
        Some((acc << 4) | digit)
    })
}

impl Parser<'_> {
    fn at(&self, i: usize) -> u32 {
        self.s[i]
    }

    fn is(&self, i: usize, c: char) -> bool {
        self.s.get(i) == Some(&u32::from(c))
    }

    fn starts_with(&self, i: usize, word: &str) -> bool {
        word.chars().enumerate().all(|(k, c)| self.is(i + k, c))
    }

    fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.s.len() && is_ws(self.at(i)) {
            i += 1;
        }
        i
    }

    fn scan_once(&mut self, idx: usize) -> Result<(PyValue, usize), Fail> {
        if idx >= self.s.len() {
            return Err(Fail::Stop(idx));
        }
        match char::from_u32(self.at(idx)) {
            Some('"') => {
                let (s, end) = self.scan_string(idx + 1)?;
                return Ok((PyValue::Str(s), end));
            }
            Some(open @ ('{' | '[')) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH {
                    return Err(Fail::Other);
                }
                let parsed = if open == '{' {
                    self.parse_object(idx + 1)
                } else {
                    self.parse_array(idx + 1)
                };
                self.depth -= 1;
                return parsed;
            }
            _ => {}
        }
        for word in ["null", "true", "false", "NaN", "Infinity", "-Infinity"] {
            if self.starts_with(idx, word) {
                let value = match word {
                    "null" => PyValue::None,
                    "true" => PyValue::Bool(true),
                    "false" => PyValue::Bool(false),
                    "NaN" => PyValue::Float(f64::NAN),
                    "Infinity" => PyValue::Float(f64::INFINITY),
                    _ => PyValue::Float(f64::NEG_INFINITY),
                };
                return Ok((value, idx + word.len()));
            }
        }
        self.match_number(idx)
    }

    fn scan_string(&self, mut end: usize) -> Result<(Vec<u32>, usize), Fail> {
        let len = self.s.len();
        let begin = end - 1;
        let mut out = Vec::new();
        loop {
            let mut next = end;
            while next < len && !self.is(next, '"') && !self.is(next, '\\') {
                if self.at(next) <= 0x1f {
                    return Err(Fail::Decode("Invalid control character at", next));
                }
                next += 1;
            }
            if next == len {
                return Err(Fail::Decode("Unterminated string starting at", begin));
            }
            out.extend_from_slice(&self.s[end..next]);
            let closing = self.is(next, '"');
            next += 1;
            if closing {
                return Ok((out, next));
            }
            if next == len {
                return Err(Fail::Decode("Unterminated string starting at", begin));
            }
            if !self.is(next, 'u') {
                end = next + 1;
                let unescaped = match char::from_u32(self.at(next)) {
                    Some(c @ ('"' | '\\' | '/')) => c,
                    Some('b') => '\u{8}',
                    Some('f') => '\u{c}',
                    Some('n') => '\n',
                    Some('r') => '\r',
                    Some('t') => '\t',
                    _ => return Err(Fail::Decode("Invalid \\escape", end - 2)),
                };
                out.push(u32::from(unescaped));
                continue;
            }
            next += 1;
            end = next + 4;
            if end >= len {
                return Err(Fail::Decode("Invalid \\uXXXX escape", next - 1));
            }
            let mut c = hex4(&self.s[next..end]).ok_or(Fail::Decode("Invalid \\uXXXX escape", end - 5))?;
            // A high surrogate escape directly followed by a low one is one character.
            if (0xd800..=0xdbff).contains(&c) && end + 6 < len && self.is(end, '\\') && self.is(end + 1, 'u')
            {
                let low =
                    hex4(&self.s[end + 2..end + 6]).ok_or(Fail::Decode("Invalid \\uXXXX escape", end + 1))?;
                if (0xdc00..=0xdfff).contains(&low) {
                    c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                    end += 6;
                }
            }
            out.push(c);
        }
    }

    fn parse_object(&mut self, idx: usize) -> Result<(PyValue, usize), Fail> {
        let len = self.s.len();
        let mut idx = self.skip_ws(idx);
        let mut entries: Vec<(Vec<u32>, PyValue)> = Vec::new();
        let mut index: HashMap<Vec<u32>, usize> = HashMap::new();
        if !self.is(idx, '}') {
            loop {
                if !self.is(idx, '"') {
                    return Err(Fail::Decode(
                        "Expecting property name enclosed in double quotes",
                        idx,
                    ));
                }
                let (key, next) = self.scan_string(idx + 1)?;
                idx = self.skip_ws(next);
                if !self.is(idx, ':') {
                    return Err(Fail::Decode("Expecting ':' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
                let (value, next) = self.scan_once(idx)?;
                match index.get(&key) {
                    Some(&i) => entries[i].1 = value,
                    None => {
                        index.insert(key.clone(), entries.len());
                        entries.push((key, value));
                    }
                }
                idx = self.skip_ws(next);
                if self.is(idx, '}') {
                    break;
                }
                if idx >= len || !self.is(idx, ',') {
                    return Err(Fail::Decode("Expecting ',' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        Ok((PyValue::Dict(entries), idx + 1))
    }

    fn parse_array(&mut self, idx: usize) -> Result<(PyValue, usize), Fail> {
        let mut idx = self.skip_ws(idx);
        let mut items = Vec::new();
        if !self.is(idx, ']') {
            loop {
                let (value, next) = self.scan_once(idx)?;
                items.push(value);
                idx = self.skip_ws(next);
                if self.is(idx, ']') {
                    break;
                }
                if !self.is(idx, ',') {
                    return Err(Fail::Decode("Expecting ',' delimiter", idx));
                }
                idx = self.skip_ws(idx + 1);
            }
        }
        Ok((PyValue::List(items), idx + 1))
    }

    /// CPython's number matcher, backtracking over a `.` or an exponent
    /// without digits (which then count as extra data).
    fn match_number(&self, start: usize) -> Result<(PyValue, usize), Fail> {
        let len = self.s.len();
        let digit = |i: usize| i < len && is_digit(self.at(i));
        let mut idx = start;
        if self.is(idx, '-') {
            idx += 1;
            if idx >= len {
                return Err(Fail::Stop(start));
            }
        }
        if digit(idx) && !self.is(idx, '0') {
            idx += 1;
            while digit(idx) {
                idx += 1;
            }
        } else if self.is(idx, '0') {
            idx += 1;
        } else {
            return Err(Fail::Stop(start));
        }
        let mut is_float = false;
        if idx + 1 < len && self.is(idx, '.') && digit(idx + 1) {
            is_float = true;
            idx += 2;
            while digit(idx) {
                idx += 1;
            }
        }
        if idx + 1 < len && (self.is(idx, 'e') || self.is(idx, 'E')) {
            let e_start = idx;
            idx += 1;
            if idx + 1 < len && (self.is(idx, '-') || self.is(idx, '+')) {
                idx += 1;
            }
            while digit(idx) {
                idx += 1;
            }
            if is_digit(self.at(idx - 1)) {
                is_float = true;
            } else {
                idx = e_start;
            }
        }
        // Only ASCII digits, signs, `.` and `e` were matched.
        let text: String = self.s[start..idx]
            .iter()
            .filter_map(|&c| char::from_u32(c))
            .collect();
        let value = if is_float {
            PyValue::Float(text.parse().map_err(|_| Fail::Other)?)
        } else {
            let digits = text.trim_start_matches('-');
            if digits.len() > MAX_INT_DIGITS {
                return Err(Fail::Other);
            }
            PyValue::Int(if digits == "0" { digits.to_owned() } else { text })
        };
        Ok((value, idx))
    }
}

impl PyValue {
    /// The value `json.loads` returns for this JSON value's text.
    pub(crate) fn from_json(value: &Value) -> Self {
        match value {
            Value::Null => PyValue::None,
            Value::Bool(b) => PyValue::Bool(*b),
            Value::Number(n) => match n.as_f64() {
                Some(f) if !(n.is_i64() || n.is_u64()) => PyValue::Float(f),
                _ => PyValue::Int(n.to_string()),
            },
            Value::String(s) => PyValue::Str(s.chars().map(u32::from).collect()),
            Value::Array(items) => PyValue::List(items.iter().map(Self::from_json).collect()),
            Value::Object(map) => PyValue::Dict(
                map.iter()
                    .map(|(k, v)| (k.chars().map(u32::from).collect(), Self::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// Python's `bool()` of the value.
    pub(crate) fn is_truthy(&self) -> bool {
        match self {
            PyValue::None => false,
            PyValue::Bool(b) => *b,
            PyValue::Int(digits) => digits != "0",
            PyValue::Float(f) => *f != 0.0,
            PyValue::Str(s) => !s.is_empty(),
            PyValue::List(items) => !items.is_empty(),
            PyValue::Dict(entries) => !entries.is_empty(),
        }
    }

    /// Python's `repr()` of the value.
    pub(crate) fn repr(&self) -> String {
        let mut out = String::new();
        self.write_repr(&mut out);
        out
    }

    /// Python's `str()` of the value: a string is itself (surrogates, which
    /// a Rust string cannot hold, as U+FFFD), anything else its `repr()`.
    pub(crate) fn to_str(&self) -> String {
        match self {
            PyValue::Str(s) => s
                .iter()
                .map(|&c| char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect(),
            other => other.repr(),
        }
    }

    fn write_repr(&self, out: &mut String) {
        match self {
            PyValue::None => out.push_str("None"),
            PyValue::Bool(true) => out.push_str("True"),
            PyValue::Bool(false) => out.push_str("False"),
            PyValue::Int(digits) => out.push_str(digits),
            PyValue::Float(f) => write_float(*f, out),
            PyValue::Str(s) => write_str(s, out),
            PyValue::List(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    item.write_repr(out);
                }
                out.push(']');
            }
            PyValue::Dict(entries) => {
                out.push('{');
                for (i, (key, value)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    write_str(key, out);
                    out.push_str(": ");
                    value.write_repr(out);
                }
                out.push('}');
            }
        }
    }
}

/// `repr()` of a float: the shortest digits that read back as the same
/// value, positional from 1e-4 up to 1e16 and in exponent form outside.
fn write_float(f: f64, out: &mut String) {
    if f.is_nan() {
        out.push_str("nan");
        return;
    }
    if f.is_sign_negative() {
        out.push('-');
    }
    if f.is_infinite() {
        out.push_str("inf");
        return;
    }
    if f == 0.0 {
        out.push_str("0.0");
        return;
    }
    // Rust's `{:e}` writes the same shortest round-trip digits as Python.
    let shortest = format!("{:e}", f.abs());
    let (mantissa, exponent) = shortest.split_once('e').unwrap_or((&shortest, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    // The value is 0.<digits> × 10^point.
    let point = exponent + 1;
    let count = digits.len() as i32;
    if !(-4 < point && point <= 16) {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        let sign = if exponent < 0 { '-' } else { '+' };
        let _ = write!(out, "e{sign}{:02}", exponent.abs());
    } else if point <= 0 {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-point) as usize));
        out.push_str(&digits);
    } else if point >= count {
        out.push_str(&digits);
        out.extend(std::iter::repeat_n('0', (point - count) as usize));
        out.push_str(".0");
    } else {
        out.push_str(&digits[..point as usize]);
        out.push('.');
        out.push_str(&digits[point as usize..]);
    }
}

/// `repr()` of a string: single quotes unless the text has single quotes
/// and no double ones; what Python does not print, escaped.
fn write_str(s: &[u32], out: &mut String) {
    let single = s.contains(&u32::from('\''));
    let double = s.contains(&u32::from('"'));
    let quote = if single && !double { '"' } else { '\'' };
    out.push(quote);
    for &cp in s {
        match char::from_u32(cp) {
            Some(c) if c == quote || c == '\\' => {
                out.push('\\');
                out.push(c);
            }
            Some('\t') => out.push_str("\\t"),
            Some('\n') => out.push_str("\\n"),
            Some('\r') => out.push_str("\\r"),
            Some(c) if c < ' ' || c == '\u{7f}' => {
                let _ = write!(out, "\\x{cp:02x}");
            }
            Some(c) if c.is_ascii() || is_printable(cp) => out.push(c),
            _ if cp <= 0xff => {
                let _ = write!(out, "\\x{cp:02x}");
            }
            _ if cp <= 0xffff => {
                let _ = write!(out, "\\u{cp:04x}");
            }
            _ => {
                let _ = write!(out, "\\U{cp:08x}");
            }
        }
    }
    out.push(quote);
}

fn is_printable(cp: u32) -> bool {
    NOT_PRINTABLE
        .binary_search_by(|&(low, high)| {
            if high < cp {
                std::cmp::Ordering::Less
            } else if low > cp {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_err()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn repr_of(text: &str) -> String {
        loads(text.as_bytes()).unwrap().repr()
    }

    #[test]
    fn containers_keep_key_order_and_python_spelling() {
        assert_eq!(
            repr_of(
                r#"{"error": "not_found", "n": 1, "ok": true, "x": null, "f": 1.5, "l": [1, []], "d": {}}"#
            ),
            "{'error': 'not_found', 'n': 1, 'ok': True, 'x': None, 'f': 1.5, 'l': [1, []], 'd': {}}"
        );
        assert_eq!(repr_of(r#"{"a": 1, "b": 2, "a": 3}"#), "{'a': 3, 'b': 2}");
        // serde_json keeps insertion order too (its `preserve_order` feature),
        // so a parsed `Value` prints the same.
        let value: Value = serde_json::from_str(r#"{"z": 1, "a": [true, null]}"#).unwrap();
        assert_eq!(PyValue::from_json(&value).repr(), "{'z': 1, 'a': [True, None]}");
    }

    #[test]
    fn strings_choose_quotes_and_escape_like_python() {
        assert_eq!(repr_of(r#""it's""#), r#""it's""#);
        assert_eq!(repr_of(r#""say \"hi\"""#), r#"'say "hi"'"#);
        assert_eq!(repr_of(r#""it's \"x\"""#), r#"'it\'s "x"'"#);
        assert_eq!(
            repr_of(r#""a\\b\tc\u0001\u007f\u00a0é\u200b😀""#),
            r"'a\\b\tc\x01\x7f\xa0é\u200b😀'"
        );
        assert_eq!(repr_of(r#""\ud800""#), r"'\ud800'");
        assert_eq!(repr_of(r#""\udb40\udc01""#), r"'\U000e0001'");
    }

    #[test]
    fn numbers_print_as_python_prints_them() {
        assert_eq!(
            repr_of(
                "[1e16, 1234567890123456.0, 0.0001, 0.00001, 1.5e-7, 100, 100.0, -0, -0.0, 1E400, 5e-324]"
            ),
            "[1e+16, 1234567890123456.0, 0.0001, 1e-05, 1.5e-07, 100, 100.0, 0, -0.0, inf, 5e-324]"
        );
        assert_eq!(
            repr_of("[123456789012345678901234567890, NaN, -Infinity]"),
            "[123456789012345678901234567890, nan, -inf]"
        );
        assert_eq!(
            PyValue::from_json(&json!([u64::MAX, i64::MIN, 2.5])).repr(),
            "[18446744073709551615, -9223372036854775808, 2.5]"
        );
    }

    #[test]
    fn str_and_truthiness_follow_python() {
        let s = loads(br#""plain""#).unwrap();
        assert_eq!((s.to_str(), s.repr()), ("plain".to_owned(), "'plain'".to_owned()));
        for falsy in ["{}", "[]", "null", "false", "0", "-0", "0.0", "\"\""] {
            assert!(!loads(falsy.as_bytes()).unwrap().is_truthy(), "{falsy}");
        }
        for truthy in ["{\"a\": null}", "[0]", "true", "1", "NaN", "\" \""] {
            assert!(loads(truthy.as_bytes()).unwrap().is_truthy(), "{truthy}");
        }
    }

    #[test]
    fn decode_errors_say_what_python_says() {
        let error = |text: &str| match loads(text.as_bytes()) {
            Err(LoadError::Decode(m)) => m,
            other => panic!("{text:?}: {other:?}"),
        };
        assert_eq!(error("<html>"), "Expecting value: line 1 column 1 (char 0)");
        assert_eq!(error("\n\n  x"), "Expecting value: line 3 column 3 (char 4)");
        assert_eq!(error(r#""éé" x"#), "Extra data: line 1 column 6 (char 5)");
        assert_eq!(loads(b"\xff"), Err(LoadError::Other));
    }

    /// What Python 3.11 (the reference's) answered for a corpus of bodies,
    /// recorded by tests/conformance/http_errors/record.py.
    #[test]
    fn the_recorded_python_corpus_reads_and_prints_the_same() {
        #[derive(serde::Deserialize)]
        struct Entry {
            input: Option<String>,
            input_hex: Option<String>,
            error: Option<String>,
            message: Option<String>,
            repr: Option<String>,
            str: Option<String>,
            truthy: Option<bool>,
        }
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/conformance/http_errors/fixtures/python_json.json"
        );
        let text = std::fs::read_to_string(path).expect("the recorded corpus");
        let corpus: Vec<Entry> = serde_json::from_str(&text).unwrap();
        assert!(corpus.len() > 400, "{} entries", corpus.len());
        let mut failures = Vec::new();
        for entry in &corpus {
            let bytes = match (&entry.input, &entry.input_hex) {
                (Some(text), _) => text.as_bytes().to_vec(),
                (None, Some(hex)) => (0..hex.len())
                    .step_by(2)
                    .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                    .collect(),
                (None, None) => panic!("an entry without input"),
            };
            let got = loads(&bytes);
            let matches = match (&got, entry.error.as_deref()) {
                (Err(LoadError::Decode(m)), Some("JSONDecodeError")) => Some(m) == entry.message.as_ref(),
                (Err(LoadError::Other), Some(e)) => e != "JSONDecodeError",
                (Ok(v), None) => {
                    Some(v.repr()) == entry.repr
                        && Some(v.to_str()) == entry.str
                        && Some(v.is_truthy()) == entry.truthy
                }
                _ => false,
            };
            if !matches {
                let shown = entry
                    .input
                    .clone()
                    .or(entry.input_hex.clone())
                    .unwrap_or_default();
                let wanted = entry
                    .repr
                    .clone()
                    .or(entry.message.clone())
                    .or(entry.error.clone())
                    .unwrap_or_default();
                failures.push(format!(
                    "{shown:.200}\n  python: {wanted:.300}\n  ours:   {got:.300?}"
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} differences:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}
