"""Every command against a table of bad inputs: only the exit codes the README documents, one
sentence on stderr, never a traceback, never a hang.

The commands come from the CLI's own parser, so a new command is covered as soon as it is
registered (COMMAND_ARGS must then say how to call it). They run in-process through
cli.main with a cheap KDF; a watchdog turns a hang (a FIFO opened for reading, /dev/zero read
to the end) into a failure instead of a stuck run.
"""

from __future__ import annotations

import argparse
import io
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from reconcile_desktop import cli
from reconcile_desktop.commands.journal_cmds import NOT_ENCRYPTED
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.core.storage.instance_lock import InstanceLock
from reconcile_desktop.core.storage.vault import Vault
from tests.conftest import FAST_KDF, TEST_BOUNDS
from tests.processes import REPO

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="FIFOs, /dev/zero and /proc/self/statm"
)

PASSPHRASE = "evenings by the river"
NEW_PASSPHRASE = "mornings by the sea"
WATCHDOG_SECONDS = 10  # far beyond any command here; only there to end a hang
# Address space a command may add: reading /dev/zero to the end fails with MemoryError
# (exit 1, reported) long before it could exhaust the machine.
MEMORY_HEADROOM = 1024 * 1024 * 1024
EXPORT_NOTE = NOT_ENCRYPTED.split("{", 1)[0]

# How to call each command; "name (variant)" is the command with other options.
# {text}: words the user wrote; {in_file}: a file to read; {in_dir}: a folder of Markdown files;
# {in_archive} / {in_sealed}: archives; {out_file} / {out_dir}: where to write;
# {backup}: a backup folder.
COMMAND_ARGS: dict[str, list[str]] = {
    "init": ["init"],
    "check": ["check"],
    "passwd": ["passwd"],
    "backup": ["backup", "--out", "{out_dir}"],
    "backups": ["backups"],
    "restore": ["restore", "{backup}", "--yes"],
    "rotate-key": ["rotate-key"],
    "add": ["add", "--title", "{text}", "--tag", "{text}"],
    "search": ["search", "{text}"],
    "export": ["export", "--out", "{out_file}"],
    "export (archive)": ["export", "--format", "archive", "--out", "{out_file}"],
    "export (encrypted archive)": [
        "export",
        "--format",
        "archive",
        "--encrypt",
        "--out",
        "{out_file}",
    ],  # fmt: skip
    "export (csv)": ["export", "--format", "csv", "--out", "{out_dir}"],
    "import": ["import", "{in_file}", "--yes"],
    "import (archive)": ["import", "{in_archive}", "--yes"],
    "import (encrypted archive)": ["import", "{in_sealed}", "--yes"],
    "nocontact boundary": ["nocontact", "boundary", "set", "blocked"],
    "nocontact start": ["nocontact", "start"],
    "nocontact end": ["nocontact", "end"],
    "nocontact history": ["nocontact", "history"],
    "status": ["status"],
    "contact": ["contact", "--note", "{text}"],
    "urge": ["urge", "--trigger", "{text}", "--note", "{text}"],
    "reached-out": ["reached-out", "--note", "{text}"],
    "plan add": ["plan", "add", "{text}", "--commitment", "{text}", "--why", "{text}"],
    "plan list": ["plan", "list"],
    "today": ["today"],
    "mark": ["mark", "1", "kept", "--note", "{text}"],
    "progress": ["progress"],
    "support": ["support", "--country", "GB"],
    "export (markdown with the trash)": [
        *("export", "--format", "markdown", "--include-trash", "--out", "{out_dir}"),
    ],
    "import (markdown)": ["import", "{in_dir}", "--from", "markdown", "--yes"],
    "sync status": ["sync", "status"],
    "sync now": ["sync", "now"],
    "sync join": ["sync", "join", "{out_dir}", "--name", "{text}"],
    "sync leave": ["sync", "leave"],
}


def documented_exit_codes() -> set[int]:
    """The codes in the README's "Exit codes:" line."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    line = re.search(r"^Exit codes: (.+?)\.", text, re.M | re.S)
    assert line, "the README's command line section lists the exit codes"
    return {int(n) for n in re.findall(r"(\d+) [a-z]", line[1])}


def all_commands() -> list[str]:
    """Every command and sub-command the parser knows, as "plan add"."""
    parser = cli.build_parser({c.module for c in cli.COMMANDS})
    commands = parser._subparsers._group_actions[0]
    names = []
    for name, sub in commands.choices.items():
        nested = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
        names += [f"{name} {child}" for a in nested for child in a.choices] or [name]
    return names


# -- the bad inputs ------------------------------------------------------------------------------


@dataclass
class Setup:
    """One run's world: the data folder, the environment and stdin, and the placeholders."""

    data: Path
    work: Path
    env: dict[str, str] = field(default_factory=dict)
    stdin: Callable[[], io.TextIOBase] = lambda: io.TextIOWrapper(io.BytesIO(b"A quiet day."))
    values: dict[str, str] = field(default_factory=dict)
    undo: list[Callable[[], None]] = field(default_factory=list)


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _replace_with_dir(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _flip_a_middle_page(s: Setup) -> None:
    db = s.data / "vault.db"
    data = bytearray(db.read_bytes())
    data[len(data) // 2] ^= 0x10  # a page only a full read (check, backup, rotation) meets
    db.write_bytes(bytes(data))


def _read_only_db(s: Setup) -> None:
    db = s.data / "vault.db"
    if os.geteuid() != 0:
        db.chmod(0o400)
        s.undo.append(lambda: db.chmod(0o600))
        return
    # Root ignores modes; the immutable attribute refuses writes to root as well.
    done = subprocess.run(["chattr", "+i", str(db)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"root ignores chmod and chattr +i is not permitted here ({done.stderr})")
    s.undo.append(lambda: subprocess.run(["chattr", "-i", str(db)], check=False))


def _hold_the_lock(s: Setup) -> None:
    lock = InstanceLock(s.data / "vault.lock")
    lock.acquire()
    s.undo.append(lock.release)


def _backup_with_fifo_key(s: Setup) -> None:
    folder = Path(s.values["backup"])
    (folder / "vault.key").unlink()
    _fifo(folder / "vault.key")


def _import_with_zones(s: Setup) -> None:
    entry = {"title": "t", "body": "b", "occurred": "2026-01-05T10:00:00+01:00"}
    doc = {"format": "reconcile-journal", "version": 1, "entries": []}
    for n, tz in enumerate(["Europe", "Europe/" + "x" * 300, "a" * 5000]):
        doc["entries"].append({**entry, "title": f"t{n}", "tz": tz})
    path = s.work / "zones.json"
    import json

    path.write_text(json.dumps(doc), encoding="utf-8")
    s.values["in_file"] = str(path)


def _damaged_archives(s: Setup) -> None:
    import json
    import zipfile

    bomb = s.work / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("reconcile-archive.json", json.dumps({"format": "reconcile-archive"}))
        zf.writestr("../../outside", b"x")
    sealed = Path(s.values["in_sealed"])
    sealed.write_bytes(sealed.read_bytes()[:-7])
    s.values["in_archive"] = str(bomb)


def _set(**values: str) -> Callable[[Setup], None]:
    return lambda s: s.values.update(values)


BAD_INPUTS: dict[str, Callable[[Setup], None]] = {
    "no journal yet": lambda s: shutil.rmtree(s.data),
    "vault.db is a folder": lambda s: _replace_with_dir(s.data / "vault.db"),
    "vault.db cannot be written": _read_only_db,
    "vault.key is a folder": lambda s: _replace_with_dir(s.data / "vault.key"),
    "vault.key is a FIFO": lambda s: ((s.data / "vault.key").unlink(), _fifo(s.data / "vault.key")),
    "a damaged page deep in vault.db": _flip_a_middle_page,
    "the journal is in use": _hold_the_lock,
    "a wrong passphrase": lambda s: s.env.update(RECONCILE_PASSPHRASE="not this one"),
    "a passphrase that is not UTF-8": lambda s: s.env.update(RECONCILE_PASSPHRASE="caf\udce9"),
    "a new passphrase that is not UTF-8": lambda s: s.env.update(
        RECONCILE_NEW_PASSPHRASE="caf\udce9"
    ),
    "text that is not UTF-8": _set(text="caf\udce9 \udcff"),
    "stdin and the input file are /dev/zero": lambda s: (
        s.values.update(in_file="/dev/zero", in_dir="/dev/zero", in_archive="/dev/zero"),
        setattr(s, "stdin", lambda: open("/dev/zero")),  # noqa: SIM115 - closed by the runner
    ),
    "the input file is a FIFO": lambda s: (
        s.values.update(in_file=str(_fifo(s.work / "fifo")), in_archive=str(s.work / "fifo")),
        _fifo(Path(s.values["in_dir"]) / "waiting.md"),
    ),
    "a wrong archive passphrase": lambda s: s.env.update(
        RECONCILE_ARCHIVE_PASSPHRASE="not the archive's"
    ),
    "archives that are not what they say": _damaged_archives,
    "a backup whose key file is a FIFO": _backup_with_fifo_key,
    "time zones that are folders or too long": _import_with_zones,
    "the output is a file": lambda s: s.values.update(
        out_dir=str(s.values["in_file"]), out_file=str(s.values["in_file"])
    ),
    "the output folder does not exist": _set(),  # filled in below: needs the work folder
}


def _missing_folder(s: Setup) -> None:
    s.values["out_dir"] = str(s.work / "nowhere" / "deeper")
    s.values["out_file"] = str(s.work / "nowhere" / "export.json")


BAD_INPUTS["the output folder does not exist"] = _missing_folder


# -- running -------------------------------------------------------------------------------------


class Hung(BaseException):
    """Raised by the watchdog; a BaseException, so cli.main cannot turn it into exit 1."""


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A journal with an entry, a goal with one commitment, a running no-contact period, an
    export to import and a backup to restore."""
    root = tmp_path_factory.mktemp("template")
    data = root / "data"
    with _cheap_kdf():
        env = {"RECONCILE_PASSPHRASE": PASSPHRASE, "RECONCILE_ARCHIVE_PASSPHRASE": NEW_PASSPHRASE}
        for argv in (
            ["init"],
            ["plan", "add", "Listen first", "--commitment", "Ask before answering"],
            ["nocontact", "start"],
            ["add", "--title", "First"],
            ["export", "--out", str(root / "export.json")],
            ["export", "--format", "markdown", "--out", str(root / "markdown")],
            ["export", "--format", "archive", "--out", str(root / "archive.zip")],
            ["export", "--format", "archive", "--encrypt", "--out", str(root / "sealed.zip")],
            ["backup", "--out", str(root / "backups")],
        ):
            code, _out, err = _run(data, argv, env, lambda: io.TextIOWrapper(io.BytesIO(b"Hi")))
            assert code == 0, (argv, err)
            if argv == ["init"]:  # enough pages that an unlock does not read them all
                vault = Vault(data)
                vault.unlock(PASSPHRASE)
                for n in range(60):
                    journal.add_entry(vault, f"Evening {n}. " + "A slow walk home. " * 200)
                vault.close()
    return root


class _cheap_kdf:
    """The test KDF for Vaults the CLI builds with the defaults."""

    def __enter__(self) -> None:
        self.saved = keyfile.DEFAULT_PARAMS, keyfile.BOUNDS
        keyfile.DEFAULT_PARAMS, keyfile.BOUNDS = FAST_KDF, TEST_BOUNDS

    def __exit__(self, *exc) -> None:
        keyfile.DEFAULT_PARAMS, keyfile.BOUNDS = self.saved


def _address_space() -> int:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[0]) * resource.getpagesize()


def _on_alarm(_signum, _frame) -> None:
    raise Hung()


def _run(
    data: Path, argv: list[str], env: dict[str, str], stdin: Callable[[], io.TextIOBase]
) -> tuple[int, str, str]:
    """cli.main in this process with that environment and stdin: (code, stdout, stderr)."""
    saved_env, saved_io = dict(os.environ), (sys.stdin, sys.stdout, sys.stderr)
    out, err = io.StringIO(), io.StringIO()
    for name in (
        "RECONCILE_PASSPHRASE",
        "RECONCILE_NEW_PASSPHRASE",
        "RECONCILE_ARCHIVE_PASSPHRASE",
        "RECONCILE_DATA_DIR",
    ):
        os.environ.pop(name, None)
    os.environ.update(env)
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    limit = resource.getrlimit(resource.RLIMIT_AS)
    sys.stdin = stdin()
    sys.stdout, sys.stderr = out, err
    try:
        signal.alarm(WATCHDOG_SECONDS)
        resource.setrlimit(resource.RLIMIT_AS, (_address_space() + MEMORY_HEADROOM, limit[1]))
        try:
            code = cli.main(["--data-dir", str(data), *argv])
        finally:
            resource.setrlimit(resource.RLIMIT_AS, limit)
            signal.alarm(0)
    finally:
        sys.stdin.close()
        sys.stdin, sys.stdout, sys.stderr = saved_io
        signal.signal(signal.SIGALRM, previous)
        os.environ.clear()
        os.environ.update(saved_env)
    return code, out.getvalue(), err.getvalue()


def test_every_command_is_in_the_table():
    assert sorted(all_commands()) == sorted({k.split(" (")[0] for k in COMMAND_ARGS}), (
        "a command was added or removed: say in COMMAND_ARGS how to call it"
    )


@pytest.mark.parametrize("bad", BAD_INPUTS)
def test_every_command_meets_bad_input_with_a_documented_code_and_one_sentence(
    template, tmp_path, bad
):
    allowed = documented_exit_codes()
    failures = []
    with _cheap_kdf():
        for command in COMMAND_ARGS:
            s = _prepare(template, tmp_path / re.sub(r"\W+", "-", command))
            try:
                BAD_INPUTS[bad](s)
                argv = [part.format(**s.values) for part in COMMAND_ARGS[command]]
                env = {
                    "RECONCILE_PASSPHRASE": PASSPHRASE,
                    "RECONCILE_NEW_PASSPHRASE": NEW_PASSPHRASE,
                    "RECONCILE_ARCHIVE_PASSPHRASE": NEW_PASSPHRASE,
                    **s.env,
                }
                try:
                    code, out, err = _run(s.data, argv, env, s.stdin)
                except Hung:
                    failures.append(f"{command}: still running after {WATCHDOG_SECONDS} s")
                    break  # the others would most likely wait as long
            finally:
                for undo in reversed(s.undo):
                    undo()
            problem = _judge(code, out, err, allowed)
            if problem:
                failures.append(f"{command}: {problem}")
    assert not failures, f"with {bad}:\n" + "\n".join(failures)


def _prepare(template: Path, work: Path) -> Setup:
    work.mkdir(parents=True)
    shutil.copytree(template / "data", work / "data")
    shutil.copytree(template / "backups", work / "backups")
    backup = next((work / "backups").iterdir())
    return Setup(
        data=work / "data",
        work=work,
        values={
            "text": "A walk after work",
            "in_file": str(shutil.copy(template / "export.json", work / "export.json")),
            "in_dir": str(shutil.copytree(template / "markdown", work / "markdown")),
            "in_archive": str(shutil.copy(template / "archive.zip", work / "archive.zip")),
            "in_sealed": str(shutil.copy(template / "sealed.zip", work / "sealed.zip")),
            "out_file": str(work / "out.json"),
            "out_dir": str(work / "more-backups"),
            "backup": str(backup),
        },
    )


def _judge(code: int, out: str, err: str, allowed: set[int]) -> str | None:
    lines = [line for line in err.splitlines() if not line.startswith(f"reconcile: {EXPORT_NOTE}")]
    if "Traceback" in out + err:
        return f"a traceback (exit {code})"
    if code not in allowed:
        return f"exit {code}, which the README does not document: {err.strip()!r}"
    if code != 0 and len(lines) != (0 if out else 1):  # check's report of problems is output
        return f"exit {code} with {len(lines)} lines on stderr instead of one: {err!r}"
    if lines and not lines[-1].startswith("reconcile: "):
        return f"stderr is not one 'reconcile: ' sentence: {err!r}"
    if cli.UNEXPECTED in err:
        return "the generic 'something unexpected' sentence"
    return None
