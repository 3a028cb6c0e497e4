"""What every suite's record.py shares: running a reference connector as a
process, a canned upstream on 127.0.0.1, and writing fixtures.

Fixtures are JSON: one object per case with the exit code and the exact
stdout, where the upstream's address reads `http://127.0.0.1:{port}` so that
the Rust side can put its own port back before comparing.
"""

import json
import os
import shutil
import tempfile
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT_PATTERN = re.compile(r"127\.0\.0\.1:\d+")


def normalise(text, port=None):
    """Replaces the upstream's port with `{port}`."""
    if port is None:
        return PORT_PATTERN.sub("127.0.0.1:{port}", text)
    return text.replace(f"127.0.0.1:{port}", "127.0.0.1:{port}")


def run(argv, env=None, cwd=None, stdin=None):
    """Runs a reference connector; returns exit code, stdout and stderr."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    done = subprocess.run(
        [sys.executable, *argv],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        input=stdin,
        timeout=120,
    )
    return done.returncode, done.stdout, done.stderr


class Upstream:
    """An HTTP server on 127.0.0.1 that answers each path as `routes` says:
    `routes[path] = (status, headers, body bytes)`; an unknown path is 404
    with an empty body. Requests are kept in `seen`."""

    def __init__(self, routes=None):
        self.routes = dict(routes or {})
        self.seen = []
        upstream = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                upstream.seen.append((self.command, self.path, dict(self.headers), body))
                path = self.path.split("?", 1)[0]
                status, headers, payload = upstream.routes.get(path, (404, {}, b""))
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("content-length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def write_fixture(path, value):
    """Writes `value` as pretty JSON with a trailing newline (stable diffs)."""
    with open(path, "w", encoding="utf-8") as out:
        json.dump(value, out, indent=2, ensure_ascii=False)
        out.write("\n")


def call(name, script, twin, capability, request, env=None):
    """One recorded call: runs the twin `script` (a connector-py connector)
    in an empty directory with `<capability> --json <request>`."""
    with tempfile.TemporaryDirectory() as cwd:
        copy = shutil.copy(script, cwd)
        code, stdout, _ = run([copy, capability, "--json", json.dumps(request)], env=env, cwd=cwd)
    return {
        "name": name,
        "twin": twin,
        "capability": capability,
        "request": request,
        "exit": code,
        "stdout": normalise(stdout),
    }
