"""Records how connector-py reports the app's HTTP errors, and the pieces of
Python the Rust side reproduces to word them the same way:

- fixtures/cases/*.json: the twin connector (twin.py) run through its
  command line against a canned upstream answering error statuses with JSON,
  text, HTML and empty bodies, a closed port, and success bodies that are not
  the JSON expected; each file holds the request, the upstream's answer, the
  exit code and stdout (port normalised). tests/it/conformance_http_errors.rs
  replays them against the Rust twin.
- fixtures/python_json.json: what `json.loads` makes of a corpus of bodies
  (the value's repr() and str(), or the decoding error), for the unit tests
  of connector/src/json/python.rs.
- connector/src/json/printable.rs: the code points Python's repr() escapes
  because str.isprintable() rejects them, from this Python's Unicode tables.

Run through tests/conformance/record.sh http_errors.
"""

import json
import os
import random
import socket
import sys
import tempfile
import unicodedata
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import harness

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
FIXTURES = HERE / "fixtures"
CASES = FIXTURES / "cases"
PRINTABLE_RS = ROOT / "connector" / "src" / "json" / "printable.rs"

TOKEN = "conformance-token"
STATUSES = [400, 401, 403, 404, 409, 429, 500, 502, 503]
JSON = {"content-type": "application/json"}


def reason(status):
    return BaseHTTPRequestHandler.responses[status][0]


def status_bodies(status):
    """The four kinds of error body, for one status."""
    return {
        "json": (
            JSON,
            json.dumps(
                {
                    "error": f"upstream says {status}",
                    "status": status,
                    "retry": False,
                    "detail": None,
                    "ratio": 0.5,
                }
            ).encode(),
        ),
        "text": ({"content-type": "text/plain"}, f"plain text {status}".encode()),
        "html": (
            {"content-type": "text/html"},
            f"<html><body><h1>{status} {reason(status)}</h1><p>It's \"down\"</p></body></html>".encode(),
        ),
        "empty": ({}, b""),
    }


# Error bodies whose wording exercises Python's str() of decoded JSON, and
# the bodies that fall back to httpx's own text.
REPR_BODIES = {
    "nested": b'{"errors": [{"field": "email", "messages": ["is invalid", "can\'t be blank"]}],'
    b' "meta": {"request_id": "r-1", "tags": [], "extra": {}}, "ok": true, "x": null}',
    "quote_single": b'{"message": "it\'s gone"}',
    "quote_double": b'{"message": "say \\"hi\\""}',
    "quote_both": b'{"message": "it\'s \\"quoted\\""}',
    "backslash": b'{"path": "C:\\\\temp\\\\new", "slash": "a\\/b"}',
    "unicode": '{"name": "Zoë 東京 😀", "nbsp": "a\u00a0b", "soft": "a\u00adb", "zw": "\u200b", "ls": "\u2028", "pua": "\ue000", "unassigned": "\u0378"}'.encode(),
    "escapes": b'{"ctrl": "\\u0001\\u001f\\u007f\\t\\n\\r\\b\\f", "esc": "\\u00e9\\ud83d\\ude00"}',
    "lone_surrogate": b'{"half": "\\ud800", "low": "\\udc00x"}',
    "big_ints": b'{"big": 123456789012345678901234567890, "neg": -9223372036854775809, "zero": -0}',
    "floats": b'{"f": 1e16, "g": 1.5e-7, "h": 0.1, "i": 100.0, "j": 1E400, "k": -0.0, "l": 1234567890123456.7, "m": 0.0001}',
    "nan_infinity": b'{"nan": NaN, "inf": Infinity, "ninf": -Infinity}',
    "duplicate_keys": b'{"a": 1, "b": 2, "a": 3}',
    "top_string": b'"just a string"',
    "top_number": b"42",
    "top_float": b"2.50",
    "top_list": b'["a", 1, null, true, false, 1.0]',
    "top_true": b"true",
    "bom": b'\xef\xbb\xbf{"error": "after a byte order mark"}',
    "whitespace": b"   ",
    "invalid_utf8": b"caf\xe9 \xff error",
    "trailing_garbage": b'{"error": "x"} and more',
    "empty_object": b"{}",
    "empty_list": b"[]",
    "null": b"null",
    "false": b"false",
    "zero": b"0",
    "zero_float": b"0.0",
    "empty_string": b'""',
}

# Success answers the connector cannot read as the JSON it expects.
UNREADABLE_BODIES = {
    "html": ({"content-type": "text/html"}, b"<html><body>maintenance</body></html>"),
    "empty": (JSON, b""),
    "whitespace": (JSON, b"  \n  "),
    "extra_data": (JSON, b'{"tenant": "acme"} trailing'),
    "unterminated": (JSON, b'{"tenant": "ac'),
    "second_line": (JSON, b'{"tenant":\n  acme}'),
}


def cases():
    """(name, capability, route suffix, upstream answer or None for a closed port)."""
    out = []
    for status in STATUSES:
        for kind, (headers, body) in status_bodies(status).items():
            out.append((f"{status}_{kind}", "validate_credentials", "/status", (status, headers, body)))
    for name, body in REPR_BODIES.items():
        out.append((f"body_{name}", "validate_credentials", "/status", (400, JSON, body)))
    for status in (404, 500):
        out.append((f"{status}_empty_object", "validate_credentials", "/status", (status, JSON, b"{}")))
        out.append((f"{status}_empty_list", "validate_credentials", "/status", (status, JSON, b"[]")))
    out.append(("418_json", "validate_credentials", "/status", (418, JSON, b'{"error": "teapot"}')))
    out.append(("422_json", "validate_credentials", "/status", (422, JSON, b'{"error": "invalid"}')))
    out.append(("504_empty", "validate_credentials", "/status", (504, {}, b"")))
    out.append(("200_ok", "validate_credentials", "/status", (200, JSON, b'{"tenant": "acme"}')))
    for name, (headers, body) in UNREADABLE_BODIES.items():
        out.append((f"200_{name}", "validate_credentials", "/status", (200, headers, body)))
    out.append(("connection_refused", "validate_credentials", "/status", None))
    # The users endpoint has a query string: kept in httpx's fallback text,
    # dropped from the `[status][url]` form.
    out.append(("users_404_empty", "list_accounts", "/users", (404, {}, b"")))
    out.append(("users_500_json", "list_accounts", "/users", (500, JSON, b'{"error": "boom"}')))
    out.append(("users_503_text", "list_accounts", "/users", (503, {"content-type": "text/plain"}, b"try later")))
    out.append(
        (
            "users_200_ok",
            "list_accounts",
            "/users",
            (200, JSON, b'{"users": [{"id": "u1", "email": "ada@example.com"}, {"id": "u2", "email": null}]}'),
        )
    )
    return out


def closed_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def upstream_fixture(path, answer):
    if answer is None:
        return None
    status, headers, body = answer
    spec = {"path": path, "status": status, "reason": reason(status), "headers": headers}
    try:
        spec["body"] = body.decode("utf-8")
    except UnicodeDecodeError:
        spec["body_hex"] = body.hex()
    return spec


def record_cases():
    CASES.mkdir(parents=True, exist_ok=True)
    for old in CASES.glob("*.json"):
        old.unlink()
    table = cases()
    routes = {}
    for name, _, suffix, answer in table:
        if answer is not None:
            routes[f"/{name}{suffix}"] = answer
    logs = tempfile.mkdtemp(prefix="http-errors-logs-")
    with harness.Upstream(routes) as upstream:
        for name, capability, suffix, answer in table:
            base = f"{upstream.url}/{name}" if answer is not None else f"http://127.0.0.1:{closed_port()}"
            request = json.dumps(
                {"auth": {"token": {"token": TOKEN}}, "settings": {"base_url": base}, "request": {}}
            )
            code, stdout, stderr = harness.run(
                [str(HERE / "twin.py"), capability, "--json", request],
                env={"LUMOS_LOG_DIRECTORY": logs},
                cwd=str(HERE),
            )
            if not stdout:
                sys.exit(f"{name}: no output (exit {code}):\n{stderr}")
            harness.write_fixture(
                CASES / f"{name}.json",
                {
                    "capability": capability,
                    "request": harness.normalise(request),
                    "upstream": upstream_fixture(f"/{name}{suffix}", answer),
                    "exit_code": code,
                    "stdout": harness.normalise(stdout),
                },
            )
    print(f"recorded {len(table)} cases", file=sys.stderr)


# ---------------------------------------------------------------------------
# json.loads, repr() and str()


def corpus_inputs():
    """Documents as bytes: structure, strings, numbers and malformed ones."""
    docs = [
        b"{}", b"[]", b"null", b"true", b"false", b"0", b"-0", b"0.0", b"-0.0", b'""', b'"x"',
        b" \t\n\r[1 , 2 ]\r\n", b'{"a": {"b": {"c": [[], {}, [[]]]}}}', b'{"a":1,"b":2,"a":3}',
        b'{"b": 1, "a": 2, "c": {"z": 0, "y": 1}}', b'[1, [2, [3, [4]]]]',
        b'"it\'s"', b'"say \\"hi\\""', b'"it\'s \\"x\\""', b'"back\\\\slash"', b'"\\/"',
        b'"\\b\\f\\n\\r\\t"', b'"\\u0000\\u0007\\u001b\\u007f\\u0080\\u009f\\u00a0\\u00ad\\u00ff"',
        b'"\\u0100\\u0378\\u200b\\u200e\\u2028\\u2029\\u3000\\ufeff\\uffff"',
        b'"\\ud83d\\ude00"', b'"\\uD83D\\uDE00"', b'"\\ud800"', b'"\\udc00"', b'"\\ud800\\u0041"',
        b'"\\ud800\\ud800"', b'"\\ud800x"', b'"\\udbff\\udfff"', b'"\\ud83d\\ude00\\ud83d"',
        '"Zoë 東京 😀 \U000e0001 \U0010ffff \U000f0000"'.encode(),
        '{"ключ": "значение", "é": ["ü"]}'.encode(),
        b"NaN", b"Infinity", b"-Infinity", b"[NaN, Infinity, -Infinity]", b"-NaN", b"infinity",
        b"1E400", b"-1e400", b"1e-400", b"-1e-400", b"1.0", b"100.0", b"1e16", b"1e15", b"1.5e16",
        b"123456789012345678", b"1234567890123456.0", b"12345678901234567.0", b"0.0001", b"0.00001",
        b"1.5e-7", b"5e-324", b"1.7976931348623157e308", b"2.2250738585072014e-308", b"0.1",
        b"0.30000000000000004", b"1E+2", b"1e-2", b"1.25E-2", b"-12.5e+3", b"9007199254740993",
        b"18446744073709551615", b"18446744073709551616", b"-9223372036854775808",
        b"-9223372036854775809", b"123456789012345678901234567890", b"1" * 4300, b"1" * 4301,
        b"-" + b"1" * 4301, b"-" + b"1" * 4300, b"0e0", b"-0e5", b"2.50",
        b"", b" ", b"\n\n  x", b"<html>", b"plain text", b"{", b"[", b"]", b"}", b'{"a"', b'{"a":',
        b'{"a" 1}', b'{"a":1,}', b'{"a":1 "b":2}', b"{a:1}", b"{'a': 1}", b"[1,]", b"[1 2]", b"[,1]",
        b'"abc', b'"a\x01"', b'"tab\there"', b'"\\x"', b'"\\u12"', b'"\\u12', b'"\\uZZZZ"',
        b'"\\u12G4"', b'"\\ud800\\uZZZZ"', b'"\\ud800\\u12"', b'"\\ud800\\"', b'"\\', b'"\\"',
        b"1 2", b'{"a":1}\n}', b"tru", b"nul", b"fals", b"-", b"--1", b"+1", b"1.", b"1e", b"1e+",
        b"1.e5", b".5", b"01", b"00", b"-01", b"1.5e", b"1.5x", b"0x10", b"1_000", b"\xef\xbb\xbf[1]",
        b"\xef\xbb\xbf", b'"\xc3\xa9\xc3\xa9" x', '["é", 1, ]'.encode(), "\n\u00e9\n  ]".encode(),
        b"\xff", b"caf\xe9", b'"\xed\xa0\x80"', b"[" * 3 + b"]" * 3, b'{"a": [1, {"b": null}]} ',
        b"\x00\x00\x00\x31", b"1\x00", b'{"a": 1}\x00', b'"\xed\xa0\xbd\xed\xb8\x80"',
        b'"\xed\xb0\x80"', b'"\xed\x9f\xbf"', b"\xc0\xaf", b"\xf4\x90\x80\x80",
    ]
    # Python reads UTF-16 and UTF-32 bodies too, told apart by their byte order
    # mark or by where the zero bytes are.
    sample = '{"é": ["😀", 1]}'
    for codec in ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"):
        docs.append(sample.encode(codec))
    docs += [
        "[1]".encode("utf-16-le")[:-1], b"\xff\xfe\x00\xd8\x22\x00", b'\xff\xfe"\x00\x00\xd8"\x00',
        b"\x00\x00\x00\x31\x00", b"\x00\x00\x11\x00", b"\x00\x00\xd8\x00",
    ]
    rng = random.Random(20240611)
    # Doubles from random bit patterns, written several ways.
    floats = []
    while len(floats) < 600:
        bits = rng.getrandbits(64)
        value = __import__("struct").unpack("<d", bits.to_bytes(8, "little"))[0]
        if value == value and value not in (float("inf"), float("-inf")):
            floats.append(value)
    for i in range(0, len(floats), 50):
        chunk = floats[i : i + 50]
        docs.append(json.dumps(chunk).encode())
        docs.append(("[" + ", ".join("%.17e" % f for f in chunk) + "]").encode())
        docs.append(("[" + ", ".join("%.25g" % f for f in chunk) + "]").encode())
    # Short decimal texts near the fixed/exponent boundary and of every magnitude.
    texts = []
    for _ in range(400):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 20)))
        digits = digits.lstrip("0") or "0"
        frac = "".join(rng.choice("0123456789") for _ in range(rng.randint(1, 20)))
        exp = rng.randint(-330, 330)
        texts.append(f"{'-' if rng.random() < 0.3 else ''}{digits}.{frac}e{exp}")
    for exp in range(-8, 20):
        texts.append(f"1e{exp}")
        texts.append(f"1.5e{exp}")
        texts.append(f"123456789e{exp}")
    for i in range(0, len(texts), 50):
        docs.append(("[" + ", ".join(texts[i : i + 50]) + "]").encode())
    ints = [
        ("-" if rng.random() < 0.4 else "") + str(rng.randint(1, 9)) + "".join(rng.choice("0123456789") for _ in range(rng.randint(0, 60)))
        for _ in range(200)
    ]
    for i in range(0, len(ints), 50):
        docs.append(("[" + ", ".join(ints[i : i + 50]) + "]").encode())
    # Code points at both ends of every run Python will not print, and next to them.
    points = set()
    for low, high in not_printable_ranges():
        for cp in (low - 1, low, high, high + 1):
            if 0 <= cp <= 0x10FFFF:
                points.add(cp)
    for _ in range(600):
        points.add(rng.randint(0, 0x10FFFF))
    points = sorted(points)
    for i in range(0, len(points), 24):
        chunk = points[i : i + 24]
        literal = "".join(chr(cp) for cp in chunk if not 0xD800 <= cp <= 0xDFFF)
        docs.append(json.dumps(literal, ensure_ascii=False).encode())
        # Escaped, so that surrogates can be written too.
        docs.append(json.dumps("".join(chr(cp) for cp in chunk)).encode())
    return list(dict.fromkeys(docs))


def corpus_entry(doc):
    entry = {}
    try:
        entry["input"] = doc.decode("utf-8")
    except UnicodeDecodeError:
        entry["input_hex"] = doc.hex()
    try:
        value = json.loads(doc)
    except json.JSONDecodeError as e:
        entry["error"] = "JSONDecodeError"
        entry["message"] = str(e)
    except (ValueError, RecursionError) as e:
        entry["error"] = type(e).__name__
    else:
        entry["repr"] = repr(value)
        # A top-level string is its own str(); surrogates, which a message
        # cannot carry, read as U+FFFD.
        entry["str"] = (
            "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in value)
            if isinstance(value, str)
            else str(value)
        )
        entry["truthy"] = bool(value)
    return entry


def record_corpus():
    FIXTURES.mkdir(parents=True, exist_ok=True)
    corpus = [corpus_entry(doc) for doc in corpus_inputs()]
    harness.write_fixture(FIXTURES / "python_json.json", corpus)
    print(f"recorded {len(corpus)} json.loads results", file=sys.stderr)


def not_printable_ranges():
    ranges = []
    start = None
    for cp in range(0x110000):
        printable = chr(cp).isprintable()
        if not printable and start is None:
            start = cp
        elif printable and start is not None:
            ranges.append((start, cp - 1))
            start = None
    if start is not None:
        ranges.append((start, 0x10FFFF))
    return ranges


def record_printable_table():
    ranges = not_printable_ranges()
    lines = [
        "//! The code points Python's `repr()` escapes because `str.isprintable()`",
        "//! rejects them (categories Cc, Cf, Cs, Co, Cn, Zl, Zp, and Zs but the",
        "//! space), as sorted inclusive ranges.",
        "//!",
        "//! Written by tests/conformance/http_errors/record.py from the reference's",
        f"//! Python {sys.version_info.major}.{sys.version_info.minor} (Unicode {unicodedata.unidata_version}); record again rather than edit.",
        "",
        "#[rustfmt::skip]",
        "pub(super) const NOT_PRINTABLE: &[(u32, u32)] = &[",
    ]
    row = []
    for low, high in ranges:
        row.append(f"(0x{low:x}, 0x{high:x})")
        if len(row) == 6:
            lines.append("    " + ", ".join(row) + ",")
            row = []
    if row:
        lines.append("    " + ", ".join(row) + ",")
    lines.append("];")
    PRINTABLE_RS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(ranges)} ranges to {PRINTABLE_RS.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    os.chdir(HERE)
    record_printable_table()
    record_corpus()
    record_cases()
