"""Every sentence Reconcile shows, gathered where a reviewer can read it top to bottom
(`make strings`; tests/project/test_strings.py fails when the files here are out of date).

- packaging/strings/reconcile.ts: the window's words, extracted by Qt's own pyside6-lupdate
  from every tr() and translate() call, without source locations (moving code changes
  nothing); it is the base for translations.
- packaging/strings/catalogue.md: those words again, then the command line's and core's
  sentences (string literals read with `ast`: docstrings, log calls and SQL left out), then the
  prompts and the worksheet, each group sorted.

`python packaging/strings.py --check` writes nothing and exits 1 when either file would change.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "reconcile_desktop"
OUT = Path(__file__).resolve().parent / "strings"
TS_NAME = "reconcile.ts"
CATALOGUE_NAME = "catalogue.md"
WINDOW_DIRS = ("ui", "charts")
# What the command line prints comes from these: its own modules and core's messages.
TEXT_SOURCES = ("cli.py", "commands", "core")
_SQL = re.compile(
    r"^\s*(select|insert|update|delete|create|pragma|attach|detach|alter|drop|with)\b", re.I
)
_LOG_CALLS = frozenset({"debug", "info", "warning", "error", "exception", "critical"})


def lupdate() -> Path:
    """The pyside6-lupdate beside this Python (the venv's), else the one on PATH."""
    local = Path(sys.executable).with_name("pyside6-lupdate")
    return local if local.exists() else Path("pyside6-lupdate")


def window_ts() -> str:
    sources = sorted(
        str(p.relative_to(ROOT)) for d in WINDOW_DIRS for p in (PACKAGE / d).rglob("*.py")
    )
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / TS_NAME
        subprocess.run(
            [str(lupdate()), "-silent", "-extensions", "py", "-locations", "none",
             "-no-obsolete", "-sort-messages", *sources, "-ts", str(target)],
            cwd=ROOT, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        return target.read_text(encoding="utf-8")


def window_messages(ts: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for context in ET.fromstring(ts).iter("context"):
        name = context.findtext("name") or "(no context)"
        texts = {m.findtext("source") or "" for m in context.iter("message")}
        found.setdefault(name, []).extend(sorted(t for t in texts if t.strip()))
    return found


def _docstring_ids(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _logged_ids(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in _LOG_CALLS
        ):
            ids.update(id(n) for arg in node.args for n in ast.walk(arg))
    return ids


def _text_of(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        parts = []
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value))
            else:
                parts.append("{…}")
        return "".join(parts)
    return None


def _is_sentence(text: str) -> bool:
    words = re.findall(r"[A-Za-z]{2,}", text)
    return len(words) >= 3 and " " in text.strip() and not _SQL.match(text)


def module_sentences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _docstring_ids(tree) | _logged_ids(tree)
    inside_fstring = {
        id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in skip or id(node) in inside_fstring:
            continue
        text = _text_of(node)
        if text is not None and _is_sentence(text):
            found.add(" ".join(text.split()))
    return sorted(found)


def text_sentences() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name in TEXT_SOURCES:
        base = PACKAGE / name
        paths = [base] if base.is_file() else sorted(base.rglob("*.py"))
        for path in paths:
            sentences = module_sentences(path)
            if sentences:
                found[str(path.relative_to(ROOT))] = sentences
    return found


def prompt_sentences() -> dict[str, list[str]]:
    folder = ROOT / "resources" / "prompts"
    prompts = json.loads((folder / "prompts.json").read_text(encoding="utf-8"))["prompts"]
    sheet = json.loads((folder / "worksheet.json").read_text(encoding="utf-8"))
    return {
        "resources/prompts/prompts.json": [f"{p['title']}: {p['text']}" for p in prompts],
        "resources/prompts/worksheet.json": [
            f"{sheet['title']}: {sheet['intro']}",
            *(f"{s['title']}: {s['help']}" for s in sheet["sections"]),
        ],
    }


def catalogue(window: dict[str, list[str]]) -> str:
    lines = [
        "# Every sentence Reconcile shows",
        "",
        "Written by `make strings` (packaging/strings.py); do not edit by hand.",
        "Checked against packaging/strings/never_say.json by tests/project/test_strings.py.",
    ]
    groups = (
        ("The window", window),
        ("The command line and core's messages", text_sentences()),
        ("Prompts and the worksheet", prompt_sentences()),
    )
    for title, sections in groups:
        lines += ["", f"## {title}"]
        for name in sorted(sections):
            lines += ["", f"### {name}", ""]
            lines += [f"- {text}" for text in sections[name]]
    return "\n".join(lines) + "\n"


def render() -> dict[str, str]:
    ts = window_ts()
    return {TS_NAME: ts, CATALOGUE_NAME: catalogue(window_messages(ts))}


def main(argv: list[str]) -> int:
    files = render()
    stale = [n for n, text in files.items() if _read(OUT / n) != text]
    if "--check" in argv:
        for name in stale:
            print(f"packaging/strings/{name} is out of date: run `make strings`.", file=sys.stderr)
        return 1 if stale else 0
    OUT.mkdir(exist_ok=True)
    for name in stale:
        (OUT / name).write_text(files[name], encoding="utf-8")
        print(f"wrote packaging/strings/{name}")
    return 0


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
