"""The journal commands as a user meets them: real processes, real KDF, a pinned time zone.

Each command unlocks the journal (about a second), so each test strings several steps together.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from reconcile_desktop.commands import journal_cmds
from reconcile_desktop.core.journal import exchange
from reconcile_desktop.core.storage import models
from tests.cli.test_cli import assert_one_line_error
from tests.processes import CHILD_TIMEOUT, PASSPHRASE, REPO, child_env

HIT_KEYS = {"id", "date", "occurred", "title", "snippet", "tags", "mood", "kind", "principle"}


@pytest.fixture
def cli(tmp_path, template):
    """cli(*args, input=None, stdin=None, env=None, data=None) on a fresh copy of the template.

    The zone is New York, so a late-evening entry falls on the next day in UTC.
    """
    main = tmp_path / "data"
    shutil.copytree(template, main)

    def run(*args, input=None, stdin=None, env=None, data=main):
        if not data.exists():
            shutil.copytree(template, data)
        full = child_env(data, RECONCILE_PASSPHRASE=PASSPHRASE, TZ="America/New_York")
        for name in ("VISUAL", "EDITOR", "NO_COLOR"):
            full.pop(name, None)
        full.update(env or {})
        result = subprocess.run(
            [sys.executable, "-m", "reconcile_desktop", *args],
            cwd=REPO,
            env=full,
            input=input,
            stdin=subprocess.DEVNULL if input is None and stdin is None else stdin,
            capture_output=True,
            text=True,
            timeout=CHILD_TIMEOUT,
        )
        assert "Traceback" not in result.stderr
        assert PASSPHRASE not in result.stdout + result.stderr
        return result

    return run


def ok(result) -> str:
    assert result.returncode == 0, result.stderr
    return result.stdout


def hits(cli, *args, **how) -> list[dict]:
    return json.loads(ok(cli("search", *args, "--json", **how)))["hits"]


def test_spelled_out_choices_match_core():
    assert journal_cmds.KINDS == models.ENTRY_KINDS
    assert journal_cmds.PRINCIPLES == models.PRINCIPLES
    assert journal_cmds.SOURCES == exchange.SOURCES
    marked = "a \x1b[31m\x02word\x03 here\n"
    assert journal_cmds.render(marked, bold=False) == "a  [31mword here"
    assert journal_cmds.render(marked, bold=True) == "a  [31m\x1b[1mword\x1b[22m here"


def test_add_from_stdin_then_search_finds_it(cli):
    out = ok(cli("add", "--title", "Evening walk", input="I listened more than I talked.\n"))
    assert out.startswith("Saved entry 1, dated ")
    (hit,) = hits(cli, "listened")
    assert set(hit) == HIT_KEYS
    assert hit["id"] == 1 and hit["title"] == "Evening walk" and hit["kind"] == "free"
    assert hit["snippet"] == "I listened more than I talked."
    assert hit["tags"] == [] and hit["mood"] is None and hit["principle"] is None
    text = ok(cli("search", "walk"))
    assert text.splitlines()[0].endswith("  Evening walk")  # no marks, no escapes in a pipe
    assert "\x1b" not in text and "\x02" not in text
    assert ok(cli("search", "nowhere")).strip() == "Nothing in your journal matches that search."


def test_add_with_fields_then_search_filters(cli):
    first = ok(
        cli(
            "add",
            "--title",
            "Owning my part",
            "--tag",
            "Anger",
            "--tag",
            "letters",
            "--mood",
            "2",
            "--principle",
            "accountability",
            "--kind",
            "letter",
            "--date",
            "2024-03-05 22:30",
            input="I raised my voice at dinner, and that was mine to own.",
        )
    )
    assert first == "Saved entry 1, dated 2024-03-05 22:30.\n"
    second = ok(cli("add", "--mood", "4", "--date", "2024-04-01", input="A calmer dinner."))
    assert second == "Saved entry 2, dated 2024-04-01 12:00.\n"

    both = hits(cli, "dinner")
    assert {h["id"] for h in both} == {1, 2}
    letter = next(h for h in both if h["id"] == 1)
    # 22:30 in New York is already the 6th in UTC; the day is the user's.
    assert letter["date"] == "2024-03-05"
    assert letter["occurred"] == "2024-03-05T22:30:00-05:00"
    assert letter["tags"] == ["Anger", "letters"] and letter["mood"] == 2
    assert letter["principle"] == "accountability" and letter["kind"] == "letter"

    assert [h["id"] for h in hits(cli, "dinner", "--tag", "anger", "--mood", "2")] == [1]
    assert [h["id"] for h in hits(cli, "dinner", "--from", "2024-03-06", "--to", "2024-12-31")] == [
        2
    ]
    assert hits(cli, "dinner", "--kind", "letter", "--principle", "empathy") == []


def test_refusals_exit_2_and_save_nothing(cli, tmp_path):
    line = assert_one_line_error(cli("add", input=" \n\n\t\n"), 2)
    assert "empty" in line and "nothing was saved" in line
    assert_one_line_error(cli("add", "--mood", "9", input="text"), 2)
    assert_one_line_error(cli("add", "--date", "tomorrow-ish", input="text"), 2)
    assert_one_line_error(cli("add", "--date", "2999-01-01", input="text"), 2)
    assert_one_line_error(cli("search", "!!"), 2)
    bad = tmp_path / "broken.json"
    bad.write_text('{"format": "reconcile-journal", "version": 1, "entries": [', encoding="utf-8")
    line = assert_one_line_error(cli("import", str(bad), "--yes"), 2)
    assert "not valid JSON" in line
    out = tmp_path / "after.json"
    ok(cli("export", "--out", str(out)))
    assert json.loads(out.read_text(encoding="utf-8"))["entries"] == []


def test_export_json_then_import_into_another_journal(cli, tmp_path):
    ok(cli("add", "--title", "Unsent", "--tag", "Empathy work", input="Line one.\n\nLine two."))
    out = tmp_path / "export.json"
    result = cli("export", "--format", "json", "--out", str(out))
    assert result.stdout == f"Wrote 1 entry to {out}.\n"
    assert "not encrypted" in result.stderr and result.stderr.count("\n") == 1
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert_one_line_error(cli("export", "--out", str(out)), 2)  # never replaced

    other = tmp_path / "other"
    preview = ok(cli("import", str(out), data=other))
    assert "1 new" in preview and "--yes" in preview
    assert "Imported 1 entry." in ok(cli("import", str(out), "--yes", data=other))
    again = ok(cli("import", str(out), "--yes", data=other))
    assert "1 already here" in again and "nothing new" in again

    back = tmp_path / "back.json"
    ok(cli("export", "--out", str(back), data=other))
    (entry,) = json.loads(back.read_text(encoding="utf-8"))["entries"]
    (original,) = json.loads(out.read_text(encoding="utf-8"))["entries"]
    for key in ("title", "body", "tags", "occurred", "kind"):
        assert entry[key] == original[key]
    assert entry["body"] == "Line one.\n\nLine two."


def test_export_markdown_writes_one_file_per_entry(cli, tmp_path):
    ok(cli("add", "--title", "First", "--date", "2024-01-02", input="One."))
    ok(cli("add", "--title", "Second", "--date", "2024-01-03", input="Two."))
    folder = tmp_path / "md"
    assert "Wrote 2 entries" in ok(cli("export", "--format", "markdown", "--out", str(folder)))
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["2024-01-02-first.md", "2024-01-03-second.md"]
    assert (folder / names[0]).read_text(encoding="utf-8").endswith("\nOne.\n")


def test_a_markdown_folder_with_its_trash_imports_into_another_journal(cli, tmp_path):
    """export --include-trash puts the trash in trash/, import --from markdown puts it back."""
    data = tmp_path / "data"
    args = ("--title", 'Kept: a "plan"', "--tag", "Grief & hope", "--mood", "2")
    ok(cli("add", *args, "--date", "2024-01-02 21:30", input="---\nOne.\n"))
    ok(cli("add", "--title", "Let go", "--date", "2024-01-03", input="Two."))
    from reconcile_desktop.core.journal import entries as journal
    from reconcile_desktop.core.storage.vault import Vault

    vault = Vault(data)
    vault.unlock(PASSPHRASE)
    (let_go,) = [r for r in journal.list_page(vault) if r.title == "Let go"]
    journal.trash_entry(vault, let_go.id)
    vault.close()

    folder = tmp_path / "md"
    args = ("export", "--format", "markdown", "--include-trash", "--out", str(folder))
    assert "Wrote 2 entries" in ok(cli(*args))
    assert [p.name for p in (folder / "trash").iterdir()] == ["2024-01-03-let-go.md"]

    other = tmp_path / "other"
    line = assert_one_line_error(cli("import", str(folder), "--yes", data=other), 2)
    assert "--from markdown" in line
    out = ok(cli("import", str(folder), "--from", "markdown", "--yes", data=other))
    assert "2 new" in out and "Imported 2 entries." in out
    again = ok(cli("import", str(folder), "--from", "markdown", "--yes", data=other))
    assert "2 already here" in again and "nothing new" in again
    (hit,) = hits(cli, "one", data=other)  # the trashed one is not found: it is in the trash
    assert hit["title"] == 'Kept: a "plan"' and hit["tags"] == ["Grief & hope"]
    assert hit["occurred"] == "2024-01-02T21:30:00-05:00" and hit["mood"] == 2
    vault = Vault(other)
    vault.unlock(PASSPHRASE)
    assert [r.title for r in journal.list_trash(vault)] == ["Let go"]
    vault.close()


def test_a_jrnl_file_imports_with_yes(cli, tmp_path):
    doc = {
        "tags": {"@grief": 1},
        "entries": [
            {
                "date": "2023-06-01",
                "time": "21:15",
                "title": "Missing the routines.",
                "body": "Sundays are the hardest.",
                "tags": ["@grief"],
                "starred": True,
            }
        ],
    }
    path = tmp_path / "jrnl.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    dry = ok(cli("import", str(path), "--from", "jrnl", "--dry-run"))
    assert "1 new" in dry and "time zones" in dry and "dry run" in dry
    assert "Imported 1 entry." in ok(cli("import", str(path), "--from", "jrnl", "--yes"))
    (hit,) = hits(cli, "sundays")
    assert hit["date"] == "2023-06-01" and hit["occurred"] == "2023-06-01T21:15:00-04:00"
    assert hit["tags"] == ["grief", "starred"] and hit["title"] == "Missing the routines."


def test_add_at_a_terminal_uses_the_editor_and_removes_its_file(cli, tmp_path):
    trace = tmp_path / "trace.json"
    script = tmp_path / "editor.py"
    script.write_text(
        "import json, os, sys\n"
        "path = sys.argv[-1]\n"
        "folder = os.path.dirname(path)\n"
        "modes = [os.stat(path).st_mode & 0o777, os.stat(folder).st_mode & 0o777]\n"
        f"json.dump({{'path': path, 'modes': modes}}, open({str(trace)!r}, 'w'))\n"
        "open(path, 'w').write('\\n\\nWritten in my editor.\\n')\n",
        encoding="utf-8",
    )
    editor = f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"
    leader, follower = os.openpty()
    try:
        line = assert_one_line_error(cli("add", stdin=follower), 2)
        assert "EDITOR" in line
        out = ok(cli("add", "--title", "By hand", stdin=follower, env={"EDITOR": editor}))
    finally:
        os.close(follower)
        os.close(leader)
    assert out.startswith("Saved entry 1, dated ")
    seen = json.loads(trace.read_text(encoding="utf-8"))
    assert seen["modes"] == [0o600, 0o700]
    assert not Path(seen["path"]).exists() and not Path(seen["path"]).parent.exists()
    (hit,) = hits(cli, "editor")
    assert hit["title"] == "By hand" and hit["snippet"] == "Written in my editor."
