"""`reconcile --help`, each command's --help and the usage mistakes, byte for byte.

The expected outputs in cli_help_golden/ were captured from the CLI before its commands moved
to a declarative table, so they check the table-driven parser against the old one, not against
itself. argparse words things a little differently from one Python version to the next, so they
are compared only on the version that wrote them (cli_help_golden/PYTHON). After a deliberate
change to a help text or message, write them again and review the diff:

    .venv/bin/python -m tests.cli.test_cli_golden --write
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import sys
from pathlib import Path

import pytest

from reconcile_desktop import cli

GOLDEN = Path(__file__).with_name("cli_help_golden")
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"

COMMANDS = (
    "init check passwd backup backups restore rotate-key "
    "add search export import "
    "nocontact status contact urge reached-out "
    "plan today mark progress sync"
).split()
ACTIONS = (
    *("nocontact start", "nocontact end", "nocontact history", "plan add", "plan list"),
    *("sync status", "sync now", "sync join", "sync leave"),
)

# (argv, COLUMNS): only argument parsing runs, so no case touches a journal.
CASES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("--help",), "80"),
    (("--help",), "52"),
    (("--help",), "140"),
    (("-h",), "80"),
    *(((name, "--help"), "80") for name in COMMANDS),
    *(((*action.split(), "--help"), "80") for action in ACTIONS),
    (("search", "--help"), "60"),
    (("--data-dir", "somewhere", "status", "-h"), "80"),
    # Usage mistakes: one line on stderr, exit 2.
    (("frobnicate",), "80"),
    (("--nonsense",), "80"),
    (("status", "--nonsense"), "80"),
    (("--data-dir",), "80"),
    (("status", "--data-dir"), "80"),
    (("--d", "x"), "80"),
    (("--dat", "somewhere", "status", "--nonsense"), "80"),
    (("--", "status"), "80"),
    (("import",), "80"),
    (("search",), "80"),
    (("mark",), "80"),
    (("export", "--out", "x", "--format", "pdf"), "80"),
    (("add", "--mood", "9"), "80"),
    (("search", "calm", "--limit", "0"), "80"),
    (("nocontact", "bogus"), "80"),
    (("plan", "add"), "80"),
    (("--demo", "status"), "80"),
    (("sync",), "80"),
    (("sync", "join"), "80"),
)


def _slug(argv: tuple[str, ...], columns: str) -> str:
    words = "_".join(re.sub(r"[^A-Za-z0-9]+", "-", a).strip("-") or "dashdash" for a in argv)
    return f"{words}.{columns}cols.txt"


def _run(argv: tuple[str, ...], columns: str) -> str:
    """One case as text: the exit code, then stdout and stderr exactly as written."""
    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = columns
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(list(argv))
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    return (
        f"$ COLUMNS={columns} reconcile {' '.join(argv)}\n"
        f"exit {code}\n--- stdout\n{out.getvalue()}--- stderr\n{err.getvalue()}"
    )


def _written_on() -> str:
    path = GOLDEN / "PYTHON"
    return path.read_text().strip() if path.exists() else "none"


@pytest.mark.skipif(_written_on() != PYTHON, reason=f"golden outputs are for {_written_on()}")
@pytest.mark.parametrize(("argv", "columns"), CASES, ids=[_slug(*c) for c in CASES])
def test_help_and_usage_errors_are_unchanged(argv, columns):
    expected = (GOLDEN / _slug(argv, columns)).read_text(encoding="utf-8")
    assert _run(argv, columns) == expected


def test_every_golden_file_is_a_case():
    names = {p.name for p in GOLDEN.glob("*.txt")}
    assert names == {_slug(*case) for case in CASES}


def _write() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for old in GOLDEN.glob("*.txt"):
        old.unlink()
    for argv, columns in CASES:
        (GOLDEN / _slug(argv, columns)).write_text(_run(argv, columns), encoding="utf-8")
    (GOLDEN / "PYTHON").write_text(PYTHON + "\n")


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    _write()
