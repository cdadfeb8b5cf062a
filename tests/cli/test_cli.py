"""The command line as a user meets it: real processes, real KDF, exit codes and one-line errors.

A few tests call cli.main() in-process where a fake command or a fake GUI is the point.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from pathlib import Path

import pytest

from reconcile_desktop import __version__, cli
from reconcile_desktop.commands import passphrase as pp
from reconcile_desktop.core.errors import UsageError
from reconcile_desktop.core.storage.vault import Vault
from tests.processes import PASSPHRASE, REPO, child_env

OTHER = "a different passphrase, also long"


def snapshot(folder: Path) -> dict[str, bytes]:
    """The vault's own files; vault.lock is left out because claiming it writes a PID."""
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name != "vault.lock"
    }


def assert_one_line_error(result: subprocess.CompletedProcess[str], code: int) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("reconcile: ")
    assert PASSPHRASE not in result.stderr + result.stdout
    return lines[0]


@pytest.fixture
def initialised(run_cli, data_dir):
    result = run_cli("init")
    assert result.returncode == 0, result.stderr
    return data_dir


# -- front door ------------------------------------------------------------------------------


def test_version_prints_the_package_version(run_cli):
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"reconcile {__version__}"


def test_version_loads_no_database_qt_or_chart_modules():
    code = (
        "import sys\n"
        "from reconcile_desktop import cli\n"
        "rc = cli.main(['--version'])\n"
        "heavy = ('sqlalchemy', 'sqlmodel', 'PySide6', 'matplotlib', 'sqlcipher3')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
        "sys.exit(rc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO,
        env=child_env(REPO / "unused"),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize(
    "args",
    [("frobnicate",), ("backup",), ("check", "--no-such-option"), ("--data-dir",)],
)
def test_argument_mistakes_are_one_line_and_exit_2(run_cli, args):
    line = assert_one_line_error(run_cli(*args), 2)
    assert "--help" in line


def test_demo_with_a_command_is_refused_rather_than_touching_the_real_journal(run_cli, data_dir):
    assert_one_line_error(run_cli("--demo", "init"), 2)
    assert not (data_dir / "vault.db").exists()


# -- init and check --------------------------------------------------------------------------


def test_init_then_check_says_all_good(run_cli, initialised):
    assert {"vault.db", "vault.key"} <= set(os.listdir(initialised))
    result = run_cli("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("All good: ")
    assert result.stderr == ""


def test_check_json_has_stable_keys(run_cli, initialised):
    result = run_cli("check", "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc == {"ok": True, "problems": [], "data_dir": str(initialised)}


def test_shared_options_work_after_the_command_name(run_cli, initialised, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    result = run_cli("check", "--data-dir", str(elsewhere))
    assert_one_line_error(result, 4)  # looked in `elsewhere`, found nothing
    assert not (elsewhere / "vault.db").exists()
    result = run_cli("--data-dir", str(initialised), "check")
    assert result.returncode == 0, result.stderr


def test_init_twice_is_refused_and_changes_nothing(run_cli, initialised):
    before = snapshot(initialised)
    line = assert_one_line_error(run_cli("init", passphrase=OTHER), 4)
    assert "already" in line
    assert snapshot(initialised) == before
    assert run_cli("check").returncode == 0  # still opens with the first passphrase


def test_check_without_a_vault_exits_4_before_asking(run_cli):
    # No passphrase and no terminal: the missing vault is reported, not the passphrase.
    assert_one_line_error(run_cli("check", passphrase=None), 4)


# -- passphrases -----------------------------------------------------------------------------


def test_wrong_passphrase_exits_3_and_changes_nothing(run_cli, initialised):
    before = snapshot(initialised)
    result = run_cli("check", passphrase=OTHER)
    line = assert_one_line_error(result, 3)
    assert "passphrase" in line
    assert OTHER not in result.stderr + result.stdout
    assert result.stdout == ""
    assert snapshot(initialised) == before


@pytest.mark.parametrize("command", ["init", "check", "backup --out x", "passwd"])
def test_no_passphrase_and_no_terminal_exits_2(run_cli, data_dir, command):
    if command != "init":
        assert run_cli("init").returncode == 0
    before = snapshot(data_dir) if data_dir.exists() else None
    line = assert_one_line_error(run_cli(*command.split(), passphrase=None), 2)
    assert line == f"reconcile: {pp.NO_PASSPHRASE}"
    if before is None:
        assert not (data_dir / "vault.db").exists()
    else:
        assert snapshot(data_dir) == before


def test_passwd_needs_a_new_passphrase_when_not_at_a_terminal(run_cli, initialised):
    before = snapshot(initialised)
    line = assert_one_line_error(run_cli("passwd"), 2)
    assert line == f"reconcile: {pp.NO_NEW_PASSPHRASE}"
    assert snapshot(initialised) == before


def test_passwd_then_only_the_new_passphrase_works(run_cli, initialised):
    result = run_cli("passwd", new_passphrase=OTHER)
    assert result.returncode == 0, result.stderr
    assert OTHER not in result.stdout + result.stderr
    assert_one_line_error(run_cli("check"), 3)
    assert run_cli("check", passphrase=OTHER).returncode == 0


def test_passwd_with_a_wrong_current_passphrase_exits_3(run_cli, initialised):
    before = snapshot(initialised)
    assert_one_line_error(run_cli("passwd", passphrase=OTHER, new_passphrase="x" * 20), 3)
    assert snapshot(initialised) == before


def test_passphrase_files_for_init_and_passwd(run_cli, data_dir, tmp_path):
    old_file = tmp_path / "old.txt"
    new_file = tmp_path / "new.txt"
    old_file.write_bytes(b"first one \r\nsecond line ignored\n")
    new_file.write_bytes(b"  spaced out  ")  # no newline at all
    assert run_cli("--passphrase-file", str(old_file), "init", passphrase=None).returncode == 0
    # The trailing space is part of the passphrase; only the line ending was removed.
    assert_one_line_error(run_cli("check", passphrase="first one"), 3)
    assert run_cli("check", passphrase="first one ").returncode == 0
    result = run_cli(
        "passwd",
        "--passphrase-file",
        str(old_file),
        "--new-passphrase-file",
        str(new_file),
        passphrase=None,
    )
    assert result.returncode == 0, result.stderr
    assert run_cli("check", passphrase="  spaced out  ").returncode == 0


def test_a_passphrase_file_with_a_bom_makes_a_journal_that_opens_by_typing(
    run_cli, data_dir, tmp_path
):
    from_notepad = tmp_path / "passphrase.txt"
    from_notepad.write_bytes(("\ufeff" + PASSPHRASE + "\r\n").encode())
    made = run_cli("--passphrase-file", str(from_notepad), "init", passphrase=None)
    assert made.returncode == 0, made.stderr
    assert run_cli("check").returncode == 0  # typed (here: the environment), no BOM
    assert run_cli("check", "--passphrase-file", str(from_notepad), passphrase=None).returncode == 0


def test_a_journal_made_from_a_bom_file_earlier_opens_and_then_opens_by_typing(
    run_cli, data_dir, tmp_path
):
    vault = Vault(data_dir)
    vault.create("\ufeff" + PASSPHRASE)  # what earlier versions read from such a file
    vault.close()
    from_notepad = tmp_path / "passphrase.txt"
    from_notepad.write_bytes(("\ufeff" + PASSPHRASE + "\r\n").encode())
    assert_one_line_error(run_cli("check"), 3)

    opened = run_cli("check", "--passphrase-file", str(from_notepad), passphrase=None)
    assert opened.returncode == 0, opened.stderr
    assert "invisible character" in opened.stderr
    assert run_cli("check").returncode == 0
    again = run_cli("check", "--passphrase-file", str(from_notepad), passphrase=None)
    assert again.returncode == 0 and again.stderr == ""


def test_help_says_spaces_in_a_passphrase_file_count(run_cli):
    for args in (("check", "--help"), ("passwd", "--help")):
        shown = " ".join(run_cli(*args).stdout.split())
        assert "spaces, even at the end of the line, are part of the passphrase" in shown
        assert "byte order mark" in shown


@pytest.mark.parametrize("short", ["a", " ", "seven77", "\u00e9" * 7])
def test_init_and_passwd_refuse_what_the_window_refuses(run_cli, data_dir, short):
    from reconcile_desktop.core.storage import keyfile

    line = assert_one_line_error(run_cli("init", passphrase=short), 2)
    assert line == f"reconcile: {keyfile.TOO_SHORT}"
    assert not (data_dir / "vault.key").exists() and not (data_dir / "vault.db").exists()

    assert run_cli("init").returncode == 0
    before = snapshot(data_dir)
    line = assert_one_line_error(run_cli("passwd", new_passphrase=short), 2)
    assert line == f"reconcile: {keyfile.TOO_SHORT}"
    assert snapshot(data_dir) == before


def test_interactive_init_explains_a_short_passphrase_and_asks_again(monkeypatch, data_dir, capsys):
    from reconcile_desktop.core.storage import keyfile

    monkeypatch.setenv("RECONCILE_DATA_DIR", str(data_dir))
    prompts = _Prompts(monkeypatch, ["a", PASSPHRASE, PASSPHRASE])
    assert cli.main(["init"]) == 0
    assert prompts.answers == []
    assert keyfile.TOO_SHORT in capsys.readouterr().err


def test_unreadable_passphrase_file_is_a_usage_error(run_cli, initialised, tmp_path):
    missing = tmp_path / "nope.txt"
    line = assert_one_line_error(run_cli("check", "--passphrase-file", str(missing)), 2)
    assert str(missing) in line


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"abc\n", "abc"),
        (b"abc\r\n", "abc"),
        (b"abc", "abc"),
        (b" abc \nrest", " abc "),
        (b"a\rb\n", "a"),  # a lone CR ends the line too: it cannot be typed
        (b"abc\r", "abc"),
        ("caf\u00e9\n".encode(), "caf\u00e9"),
        (b"\xef\xbb\xbfabc\r\n", "abc"),  # Notepad's and PowerShell 5.1's byte order mark
        (b"\xef\xbb\xbf abc \n", " abc "),
        ("\ufeffabc\ufeff".encode(), "abc\ufeff"),  # only a leading one is a BOM
    ],
)
def test_read_passphrase_file_takes_the_first_line_only(tmp_path, content, expected):
    f = tmp_path / "p"
    f.write_bytes(content)
    assert pp.read_passphrase_file(f) == expected


@pytest.mark.parametrize("content", [b"", b"\n", b"\r\nsecond", b"\xff\xfe", b"\xef\xbb\xbf\r\n"])
def test_read_passphrase_file_refuses_empty_or_non_text(tmp_path, content):
    f = tmp_path / "p"
    f.write_bytes(content)
    with pytest.raises(UsageError):
        pp.read_passphrase_file(f)


class _Prompts:
    """Stands in for a person at a terminal typing answers in order."""

    def __init__(self, monkeypatch, answers: list[str]) -> None:
        self.answers = list(answers)
        self.asked: list[str] = []
        monkeypatch.setattr(pp, "_stdin_is_terminal", lambda: True)
        monkeypatch.setattr(pp, "_ask", self.ask)

    def ask(self, prompt: str) -> str:
        self.asked.append(prompt)
        return self.answers.pop(0)


def test_interactive_init_asks_twice_until_the_two_match(monkeypatch, data_dir, capsys):
    monkeypatch.setenv("RECONCILE_DATA_DIR", str(data_dir))
    prompts = _Prompts(monkeypatch, ["", PASSPHRASE, "typo", PASSPHRASE, PASSPHRASE])
    assert cli.main(["init"]) == 0
    assert prompts.answers == [] and len(prompts.asked) == 5
    err = capsys.readouterr().err
    assert "did not match" in err and "cannot be empty" in err
    vault = Vault(data_dir)
    try:
        vault.unlock(PASSPHRASE)
    finally:
        vault.close()


def test_interactive_passwd_checks_the_current_passphrase_first(monkeypatch, run_cli, data_dir):
    assert run_cli("init").returncode == 0
    monkeypatch.setenv("RECONCILE_DATA_DIR", str(data_dir))
    prompts = _Prompts(monkeypatch, [OTHER])
    before = snapshot(data_dir)
    assert cli.main(["passwd"]) == 3
    assert prompts.asked == ["Current passphrase: "]  # no new passphrase typed in vain
    assert snapshot(data_dir) == before


# -- backup and damage ------------------------------------------------------------------------


def test_backup_makes_a_folder_that_unlocks_with_the_same_data(run_cli, initialised, tmp_path):
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.storage.models import Entry

    now = Clock().now()
    vault = Vault(initialised)
    try:
        vault.unlock(PASSPHRASE)
        with vault.transaction() as s:
            s.add(
                Entry(
                    title="Day one",
                    body="I listened more than I talked.",
                    occurred_utc=now,
                    local_date=now.date(),
                    tz="UTC",
                    created_utc=now,
                    updated_utc=now,
                )
            )
    finally:
        vault.close()

    out = tmp_path / "backups"
    result = run_cli("backup", "--out", str(out), "--json")
    assert result.returncode == 0, result.stderr
    target = Path(json.loads(result.stdout)["path"])
    assert target.parent == out and target.is_dir()
    assert {"vault.db", "vault.key"} <= set(os.listdir(target))

    copy = Vault(target)
    try:
        copy.unlock(PASSPHRASE)
        assert copy.check() == []
        with copy.session() as s:
            from sqlmodel import select

            bodies = [e.body for e in s.exec(select(Entry))]
        assert bodies == ["I listened more than I talked."]
    finally:
        copy.close()


def test_backup_text_output_names_the_folder(run_cli, initialised, tmp_path):
    result = run_cli("backup", "--out", str(tmp_path / "b"))
    assert result.returncode == 0, result.stderr
    made = list((tmp_path / "b").iterdir())
    assert len(made) == 1 and str(made[0]) in result.stdout


def test_missing_key_file_exits_4(run_cli, initialised):
    (initialised / "vault.key").unlink()
    before = snapshot(initialised)
    line = assert_one_line_error(run_cli("check"), 4)
    assert "vault.key" in line
    assert snapshot(initialised) == before


def test_empty_database_file_exits_4(run_cli, initialised):
    (initialised / "vault.db").write_bytes(b"")
    line = assert_one_line_error(run_cli("check"), 4)
    assert "vault.db" in line
    assert (initialised / "vault.db").read_bytes() == b""


def test_garbage_database_file_exits_4(run_cli, initialised):
    (initialised / "vault.db").write_bytes(os.urandom(8192))
    before = snapshot(initialised)
    assert_one_line_error(run_cli("check"), 4)
    assert snapshot(initialised) == before


def test_vault_in_use_exits_5(run_cli, initialised):
    holder = Vault(initialised)
    holder.claim()
    try:
        for command in (["check"], ["backup", "--out", "b"], ["passwd"], ["init"]):
            line = assert_one_line_error(run_cli(*command, new_passphrase=OTHER), 5)
            assert "already open" in line
    finally:
        holder.close()
    assert run_cli("check").returncode == 0


# -- main() itself ------------------------------------------------------------------------------


@pytest.fixture
def fake_commands(monkeypatch):
    """Adds a `boom` command whose handler raises what the test puts in `raise_`."""
    raise_: list[BaseException] = []

    def handler(args):
        raise raise_[0]

    def register(subparsers):
        subparsers.add_parser("boom", help="go boom").set_defaults(func=handler)

    module = types.ModuleType("fake_boom_cmds")
    module.register = register
    monkeypatch.setitem(sys.modules, "fake_boom_cmds", module)
    monkeypatch.setattr(
        cli, "COMMANDS", (*cli.COMMANDS, cli.Command("boom", "go boom", "fake_boom_cmds"))
    )
    return raise_


def test_unexpected_errors_are_one_calm_line_without_details(fake_commands, capsys):
    fake_commands.append(RuntimeError(f"secret {PASSPHRASE}"))
    assert cli.main(["boom"]) == 1
    out, err = capsys.readouterr()
    assert err == f"reconcile: {cli.UNEXPECTED}\n"
    assert out == ""


def test_interrupt_exits_130_with_a_short_line(fake_commands, capsys):
    fake_commands.append(KeyboardInterrupt())
    assert cli.main(["boom"]) == 130
    assert capsys.readouterr().err == f"reconcile: {cli.INTERRUPTED}\n"


def test_a_command_in_the_table_shows_up_in_help(fake_commands, capsys):
    assert cli.main(["--help"]) == 0
    assert "boom" in capsys.readouterr().out


def test_no_command_starts_the_window_with_folder_and_demo(monkeypatch, tmp_path):
    calls = []

    def run_gui(data_dir, argv=None):
        calls.append((data_dir, argv))
        return 7

    app = types.ModuleType("reconcile_desktop.ui.shell.app")
    app.run_gui = run_gui
    monkeypatch.setitem(sys.modules, "reconcile_desktop.ui.shell.app", app)
    assert cli.main(["--data-dir", str(tmp_path / "d"), "--demo"]) == 7
    assert cli.main(["--data-dir", str(tmp_path / "d")]) == 7
    (folder, argv_demo), (_, argv_plain) = calls
    assert folder == (tmp_path / "d").absolute()
    assert argv_demo[1:] == ["--demo"]
    assert argv_plain[1:] == []
