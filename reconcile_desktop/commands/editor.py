"""Writing an entry in $VISUAL or $EDITOR without ever losing the words.

The editor edits entry.md in a private folder (0700) in the temp directory, named
reconcile-edit-<pid>-*, because editors put swap and backup copies beside the file. The folder
is removed only once its words are saved in the journal, or when it holds none. Otherwise it is
marked as kept and the error names it with the command that saves it later
(`reconcile add --file PATH`, which then removes the folder).

While the editor runs, SIGINT and SIGQUIT are ignored (as git does: the editor owns the
keyboard). SIGHUP (the terminal closed) or SIGTERM stops the editor, saves what it had written
to disk, removes the folder and exits 128 + the signal. A folder left by a run that was killed
outright is dealt with at the next `reconcile add`: removed when it holds no words, else kept
and named. The editor never sees the passphrase variables.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

from reconcile_desktop.commands.args import confirm
from reconcile_desktop.commands.passphrase import ENV_NEW_PASSPHRASE, ENV_PASSPHRASE
from reconcile_desktop.core.errors import InvalidInput, ReconcileError, UsageError

PREFIX = "reconcile-edit-"
FILE_NAME = "entry.md"
KEPT_MARKER = "KEPT"  # the words could not be saved: the user was told, so nothing removes it
SECRET_ENV = (ENV_PASSPHRASE, ENV_NEW_PASSPHRASE)
STOP_SIGNALS = tuple(getattr(signal, n) for n in ("SIGHUP", "SIGTERM") if hasattr(signal, n))
KEYBOARD_SIGNALS = tuple(getattr(signal, n) for n in ("SIGINT", "SIGQUIT") if hasattr(signal, n))
EDITOR_GRACE_S = 5  # how long a stopped editor gets to save its swap copy and exit

EMPTY_BODY = "The entry is empty, so nothing was saved."
NO_EDITOR = (
    "No editor is set: set $VISUAL or $EDITOR, or pipe the text in "
    "(for example: echo 'Today I…' | reconcile add)."
)
EDITOR_FAILED = "The editor stopped with an error, so nothing was saved."
EDITOR_MISSING = "The editor named in $VISUAL or $EDITOR could not be started."
NOT_UTF8 = "The text is not UTF-8, so nothing was saved."
KEPT_NOTE = " Your words are kept in {path}; to save them later: reconcile add --file {path}"
STILL_KEPT = (
    "Words from an earlier 'reconcile add' are kept in {path}; "
    "to save them: reconcile add --file {path}"
)
ASK_LEGACY = (
    "The text is not UTF-8, but it reads as {name}. It begins: “{start}”\n"
    "Save it read that way? [y/N] "
)
STOPPED = "Stopped before the editor closed; nothing was saved."
STOPPED_SAVED = "Stopped before the editor closed; what it had saved is kept as entry {id}."


class Stopped(ReconcileError):
    """SIGHUP or SIGTERM while the editor was open: exit 128 + the signal, as shells do."""

    def __init__(self, signum: int, message: str = STOPPED) -> None:
        super().__init__(message)
        self.exit_code = 128 + signum


class _StopSignal(Exception):
    pass


def editor_command() -> list[str]:
    import shlex  # here, like subprocess and tempfile: other commands never need them

    for var in ("VISUAL", "EDITOR"):
        value = os.environ.get(var, "").strip()
        if not value:
            continue
        if os.path.exists(value):  # a bare path, spaces and backslashes included
            return [value]
        try:
            command = shlex.split(value)
        except ValueError:
            raise UsageError(f"${var} could not be read as a command.") from None
        if command:
            return command
    raise UsageError(NO_EDITOR)


def decode_text(data: bytes, *, ask: Callable[[str], bool] | None = None) -> str:
    """UTF-8 (a BOM dropped); with `ask`, Windows-1252 or else Latin-1 once the user agrees.

    `ask` gets the question to put; editors that save in a Western code page are common."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if ask is not None:
        # cp1252 leaves five bytes undefined; Latin-1 reads any byte.
        codec, name = (
            ("cp1252", "Windows-1252") if _reads_as(data, "cp1252") else ("latin-1", "Latin-1")
        )
        text = data.decode(codec)
        if ask(ASK_LEGACY.format(name=name, start=" ".join(text.split())[:60])):
            return text
    raise InvalidInput(NOT_UTF8)


def _reads_as(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


# -- the private folder ---------------------------------------------------------------------


def _temp_root() -> Path:
    import tempfile

    return Path(tempfile.gettempdir())


def is_kept_draft(path: Path) -> bool:
    """True for the file of a kept folder of ours: `add --file` removes it once saved."""
    folder = path.parent
    return (
        path.name == FILE_NAME
        and folder.name.startswith(PREFIX)
        and folder.parent.resolve() == _temp_root().resolve()
        and (folder / KEPT_MARKER).is_file()
    )


def _owner_pid(folder: Path) -> int | None:
    try:
        return int(folder.name[len(PREFIX) :].split("-", 1)[0])
    except ValueError:
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # a process of someone else's: not ours to judge
    return True


def _holds_words(folder: Path) -> bool:
    try:
        return (folder / FILE_NAME).stat().st_size > 0
    except OSError:
        return False


def _mark_kept(folder: Path) -> None:
    with contextlib.suppress(OSError):
        (folder / KEPT_MARKER).touch(mode=0o600)


def remove_folder(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


def sweep() -> list[Path]:
    """Folders left by runs that were killed outright: removed when they hold no words, else
    marked kept. Returns the files of every kept folder, so the user hears of them."""
    kept: list[Path] = []
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        folders = sorted(_temp_root().glob(f"{PREFIX}*"))
    except OSError:
        return kept
    for folder in folders:
        try:
            info = folder.lstat()
        except OSError:
            continue
        if folder.is_symlink() or not folder.is_dir() or (uid is not None and info.st_uid != uid):
            continue
        pid = _owner_pid(folder)
        if pid is None or _alive(pid):
            continue
        if _holds_words(folder):
            _mark_kept(folder)
            kept.append(folder / FILE_NAME)
        else:
            remove_folder(folder)
    return kept


# -- running the editor ---------------------------------------------------------------------


@contextlib.contextmanager
def _signals_while_editing(state: dict) -> Iterator[None]:
    def stop(signum, _frame) -> None:
        state["signal"] = signum
        if state["waiting"]:
            raise _StopSignal()

    previous = {s: signal.getsignal(s) for s in (*STOP_SIGNALS, *KEYBOARD_SIGNALS)}
    try:
        for s in STOP_SIGNALS:
            signal.signal(s, stop)
        for s in KEYBOARD_SIGNALS:
            signal.signal(s, signal.SIG_IGN)
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


def _run_editor(command: list[str], path: Path, state: dict) -> int | None:
    """The editor's exit code, or None when a stop signal ended it."""
    import subprocess

    env = {k: v for k, v in os.environ.items() if k not in SECRET_ENV}
    try:
        proc = subprocess.Popen([*command, str(path)], env=env)
    except OSError:
        raise ReconcileError(EDITOR_MISSING) from None
    try:
        state["waiting"] = True
        if state["signal"] is not None:  # it came while the editor was starting
            raise _StopSignal()
        return proc.wait()
    except _StopSignal:
        proc.terminate()  # editors keep their swap copies on SIGTERM
        try:
            proc.wait(timeout=EDITOR_GRACE_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        return None
    finally:
        state["waiting"] = False


def write_in_editor(command: list[str], save: Callable[[str], int]) -> int:
    """Run the editor on a private file and hand its text to `save`, which returns the new
    entry's id. Nothing the user wrote is removed before `save` has returned."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
    path = folder / FILE_NAME
    state: dict = {"signal": None, "waiting": False}
    with _signals_while_editing(state):
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            code = _run_editor(command, path, state)
            data = path.read_bytes()
            if data.strip() and code:
                raise ReconcileError(EDITOR_FAILED)
            if data.strip():
                stopped = state["signal"] is not None  # nobody is left to answer a question
                entry_id = save(decode_text(data, ask=None if stopped else confirm))
        except ReconcileError as exc:
            if not _holds_words(folder):
                remove_folder(folder)
                raise
            _mark_kept(folder)
            kept = ReconcileError(exc.sentence + KEPT_NOTE.format(path=path))
            kept.exit_code = exc.exit_code
            raise kept from None
        except BaseException:
            if _holds_words(folder):
                _mark_kept(folder)
            else:
                remove_folder(folder)
            raise
    remove_folder(folder)
    if not data.strip():
        if state["signal"] is not None:
            raise Stopped(state["signal"])
        raise ReconcileError(EDITOR_FAILED) if code else UsageError(EMPTY_BODY)
    if state["signal"] is not None:
        raise Stopped(state["signal"], STOPPED_SAVED.format(id=entry_id))
    return entry_id
