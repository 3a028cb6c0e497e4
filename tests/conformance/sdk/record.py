"""Records connector-py's own command line, `connector`: its version output,
what `scaffold` refuses and writes, and the bundle `compile-on-prem` makes.

Writes fixtures/version.json, fixtures/scaffold.json and
fixtures/compile_on_prem.json. Values that name the reference itself or the
machine (its version, temporary directories, timestamps) are replaced by
placeholders: `{version}`, `{dir}`, `{out}`.

compile-on-prem needs PyInstaller and pip-licenses in the reference's
environment (connector-py does not depend on them); they are installed at the
pinned versions below when missing. One real compile takes a minute or two.
"""

import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import harness

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
CLI = ["-m", "connector.main"]
TOOLS = ["pyinstaller==6.22.3", "pip-licenses==5.5.5"]
BIN = Path(sys.executable).parent
AUTHOR = ["--author-name", "Ada Lovelace", "--author-email", "ada@example.com"]


def reference_version():
    from connector.__about__ import __version__

    return __version__


def last_line(text):
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def exception(text):
    """The exception class and message of a traceback's last line."""
    name, _, message = last_line(text).partition(": ")
    return {"exception": name.rsplit(".", 1)[-1], "message": message}


def files_under(root):
    return sorted(p.relative_to(root).as_posix() for p in Path(root).rglob("*") if p.is_file())


def option_names(help_text):
    """Every option a help text defines (its option lines, not the prose)."""
    names = []
    for line in help_text.splitlines():
        match = re.match(r"^  (-\S.*?)(?:\s{2,}|$)", line)
        if match:
            names += re.findall(r"(?<![\w-])--?[A-Za-z][\w-]*", match.group(1))
    return names


def record_version():
    version = reference_version()
    cases = []
    for argv in (["--version"], ["-v"], []):
        code, out, err = harness.run(CLI + argv)
        cases.append(
            {
                "argv": argv,
                "exit": code,
                "stdout": out.replace(version, "{version}"),
                "stderr": err,
            }
        )
    harness.write_fixture(FIXTURES / "version.json", {"cases": cases})


def record_scaffold():
    fixture = {}
    _, help_text, _ = harness.run(CLI + ["scaffold", "--help"])
    fixture["options"] = option_names(help_text)

    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "full"
        code, _, err = harness.run(CLI + ["scaffold", "demo", str(full), *AUTHOR])
        assert code == 0, err
        fixture["full"] = {"exit": code, "files": files_under(full)}

        tests_only = Path(tmp) / "tests-only"
        code, out, err = harness.run(CLI + ["scaffold", "demo", str(tests_only), "-t", *AUTHOR])
        assert code == 0, err
        fixture["tests_only"] = {
            "exit": code,
            "files": files_under(tests_only),
            "stdout_lines": len(out.splitlines()),
            "stdout_prefix": "scaffolding:",
            "every_stdout_line_has_the_prefix": all(
                line.startswith("scaffolding:") for line in out.splitlines()
            ),
        }

        refusals = {}
        for key, flags in (("plain", []), ("tests_only", ["-t"])):
            code, out, err = harness.run(CLI + ["scaffold", "demo", str(full), *flags, *AUTHOR])
            refusal = {"exit": code, "stdout": out}
            refusal.update(exception(err.replace(str(full), "{dir}")))
            refusals[key] = refusal
        fixture["refusal"] = refusals

        # Without the author flags it asks on stdin; a closed stdin ends it.
        closed = Path(tmp) / "closed"
        code, out, err = harness.run(CLI + ["scaffold", "demo", str(closed)], stdin="")
        fixture["prompt_with_stdin_closed"] = {
            "exit": code,
            "stdout": out,
            "wrote_anything": closed.exists(),
            **exception(err),
        }
        answered = Path(tmp) / "answered"
        code, out, err = harness.run(
            CLI + ["scaffold", "demo", str(answered)], stdin="Ada Lovelace\nada@example.com\n"
        )
        assert code == 0, err
        pyproject = (answered / "pyproject.toml").read_text()
        fixture["prompt_answered"] = {
            "exit": code,
            "prompts": ["Author: ", "Author email: "],
            "stdout_starts_with_the_prompts": out.startswith("Author: Author email: "),
            "pyproject_author_line": next(
                line.strip() for line in pyproject.splitlines() if "Ada Lovelace" in line
            ),
        }
    harness.write_fixture(FIXTURES / "scaffold.json", fixture)


def ensure_tools():
    missing = subprocess.run(
        [sys.executable, "-c", "import PyInstaller, piplicenses"], capture_output=True
    ).returncode
    if missing:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *TOOLS], check=True)


# Calls the reference's own bundling step on a stand-in for PyInstaller's
# output: the archive's name and metadata.toml for a given app id, in seconds.
BUNDLE = """
import json, sys, tarfile
from pathlib import Path
from connector.compile import BundleDetails, bundle_onprem
root = Path(sys.argv[1])
(root / "dist").mkdir()
(root / "dist" / "main").write_text("stand-in")
archive = bundle_onprem(BundleDetails(
    source_root_directory=root, compiled_root_directory=root / "dist",
    bundle_directory=root / "bundled", version=sys.argv[3], app_id=sys.argv[2]))
with tarfile.open(archive) as tar:
    member = tar.getmember("metadata.toml")
    print(json.dumps({
        "archive": archive.name,
        "metadata_toml": tar.extractfile(member).read().decode(),
        "metadata_toml_mode": member.mode,
    }))
"""


def record_compile_on_prem():
    ensure_tools()
    fixture = {}
    _, help_text, _ = harness.run(CLI + ["compile-on-prem", "--help"])
    fixture["options"] = option_names(help_text)

    fixture["bundles"] = []
    for app_id in ("demo", "demo_on_prem", "acme-widgets"):
        with tempfile.TemporaryDirectory() as tmp:
            code, out, err = harness.run(["-c", BUNDLE, tmp, app_id, "0.1.0"])
            assert code == 0, err
            fixture["bundles"].append({"app_id": app_id, "version": "0.1.0", **json.loads(out)})

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        code, _, err = harness.run(CLI + ["scaffold", "demo", str(root), *AUTHOR])
        assert code == 0, err
        module = root / "demo"
        (module / "data" / "sub").mkdir(parents=True)
        (module / "data" / "roles.csv").write_text("role,name\n")
        (module / "data" / "sub" / "notes.txt").write_text("notes\n")
        (module / "top.txt").write_text("top\n")
        base = ["compile-on-prem", "--app-id", "demo", "--connector-root-module-dir", str(module)]

        errors = {}
        for key, data_file in (("absolute", "/etc/hostname"), ("missing", "data/nope.csv")):
            code, out, err = harness.run(CLI + base + ["--data-file", data_file], cwd=tmp)
            error = {"data_file": data_file, "exit": code, "stdout": out}
            error.update(exception(err.replace(str(module), "{dir}")))
            error["created_anything"] = (Path(tmp) / "compiled").exists()
            errors[key] = error
        fixture["data_file_errors"] = errors

        # The default output directory: a module without main.py fails after
        # creating it, which is enough to see its name.
        empty = Path(tmp) / "empty"
        (empty / "mod").mkdir(parents=True)
        harness.run(CLI + ["compile-on-prem", "--app-id", "demo", "--connector-root-module-dir", "mod"], cwd=empty)
        made = sorted(p.name for p in (empty / "compiled").iterdir())
        fixture["default_output_directory"] = {
            "parent": "compiled",
            "name_shape": [re.sub(r"\d", "9", name) for name in made],
        }

        out_dir = Path(tmp) / "out"
        data_files = ["data/roles.csv", "data/sub", "top.txt"]
        argv = [sys.executable, *CLI, *base, "--output-directory", str(out_dir)]
        for data_file in data_files:
            argv += ["--data-file", data_file]
        env = dict(os.environ)
        # pip-licenses is run by name; the project is importable as installed.
        env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
        env["PYTHONPATH"] = str(root)
        done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=tmp, timeout=900)
        assert done.returncode == 0, done.stderr
        with tarfile.open(last_line(done.stdout)) as tar:
            names = sorted({m.name for m in tar.getmembers()})
            main = tar.getmember("main")
            metadata = tar.extractfile("metadata.toml").read().decode()
        created = ("roles.csv", "notes.txt", "top.txt")
        data_members = [
            n for n in names
            if n.rsplit("/", 1)[-1] in created and not n.startswith("_internal/botocore/")
        ]
        progress = [
            line.replace(str(out_dir), "{out}")
            for line in done.stderr.splitlines()
            if line and not line[0].isspace() and "Warning" not in line
        ]
        fixture["compile"] = {
            "exit": done.returncode,
            "stdout_last_line": last_line(done.stdout).replace(str(out_dir), "{out}"),
            "stderr_progress": progress,
            "archive_root": sorted({n.split("/", 1)[0] for n in names}),
            "main_mode": main.mode,
            "metadata_toml": metadata,
            "data_files": data_files,
            "data_members": data_members,
            "output_directory": sorted(p.name for p in out_dir.iterdir()),
        }
    harness.write_fixture(FIXTURES / "compile_on_prem.json", fixture)


def main():
    FIXTURES.mkdir(exist_ok=True)
    record_version()
    record_scaffold()
    record_compile_on_prem()


if __name__ == "__main__":
    main()
