"""`reconcile --self-test DIR`: a smoke test of an installed or frozen Reconcile.

`make dist-check` runs it on the PyInstaller bundle. In the empty folder DIR it creates a
vault (real Argon2 parameters), writes one entry, locks, unlocks and reads it back and finds it
by search; loads the prompts from the shipped resources; renders one chart to PNG with Agg;
then starts the real window offscreen, visits every page and grabs it. Exit 0 means every
part a bundle has to carry (SQLCipher with FTS5, Argon2, the resources, Qt's platform and
image plugins, matplotlib's fonts) was found.

It only ever touches DIR and only its own made-up words, so printing what failed is safe.
Qt and matplotlib are imported inside the steps, like everywhere outside ui/ and charts/.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

PASSPHRASE = "self-test passphrase, not a real one"
BODY = "A quiet walk by the river, written by the self-test."
TAG = "self-test"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class SelfTestFailed(Exception):
    """A check in the self-test did not hold."""


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise SelfTestFailed(what)


def _check_png(path: Path, min_bytes: int = 1000) -> None:
    data = path.read_bytes()
    _expect(data.startswith(PNG_MAGIC) and len(data) >= min_bytes, f"{path.name} is not a PNG")


def vault_round_trip(folder: Path) -> str:
    from reconcile_desktop.core.journal import entries as journal
    from reconcile_desktop.core.journal import search
    from reconcile_desktop.core.storage.vault import Vault

    vault = Vault(folder / "vault")
    try:
        vault.create(PASSPHRASE)
        entry = journal.add_entry(vault, BODY, title="Self-test", mood=4, tags=[TAG])
        vault.lock()
        vault.unlock(PASSPHRASE)  # the key file and the SQLCipher file, read back from disk
        again = journal.get_entry(vault, entry.id)
        _expect(again.body == BODY and again.tags == (TAG,), "the entry did not read back")
        hits = search.search(vault, "river", typing=False)
        _expect([h.id for h in hits] == [entry.id], "full-text search did not find the entry")
        problems = vault.check()
        _expect(not problems, f"the integrity check found: {problems}")
    finally:
        vault.close()
    return "vault created, one entry written, read back after unlock and found by search"


def resources() -> str:
    from reconcile_desktop.core.journal.prompts import load_prompts, load_worksheet
    from reconcile_desktop.paths import resources_dir

    prompts = load_prompts()
    load_worksheet()
    icon = resources_dir() / "icons" / "reconcile.svg"
    _expect(bool(prompts), "no prompts were loaded")
    _expect(icon.is_file(), f"the icon is missing at {icon}")
    return f"{len(prompts)} prompts and the icon found in {resources_dir()}"


def chart(folder: Path) -> str:
    from reconcile_desktop.charts.nocontact_history import history_figure
    from reconcile_desktop.core.nocontact.day_counting import Attempt, WeekCount

    start = dt.date(2026, 1, 5)
    attempts = [
        Attempt(start, start + dt.timedelta(days=9), 9, "i_contacted"),
        Attempt(start + dt.timedelta(days=9), None, 21, None),
    ]
    weeks = [WeekCount(start + dt.timedelta(weeks=i), i % 3, i % 2) for i in range(5)]
    fig = history_figure(attempts, 30, weeks)
    out = folder / "chart.png"
    fig.savefig(out, format="png")  # a pyplot-free Figure saves through Agg
    _check_png(out)
    return f"chart rendered with Agg to {out}"


def window(folder: Path) -> str:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the self-test never shows anything
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.shell.app import configure_application, window_for
    from reconcile_desktop.ui.workers import Runner

    # A failure inside a Qt slot is only printed by PySide6; collect it to fail the step.
    errors: list[str] = []
    previous_hook = sys.excepthook
    sys.excepthook = lambda kind, exc, _tb: errors.append(f"{kind.__name__}: {exc}")
    # Any QSettings() made along the way lands in DIR too, never in the user's real settings.
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder / "settings"))
    qapp = QApplication.instance() or QApplication(["reconcile"])
    configure_application(qapp, follow_system=False)
    _expect(not qapp.windowIcon().isNull(), "the SVG icon did not load (QtSvg plugin)")
    vault = Vault(folder / "vault")
    runner = Runner()
    try:
        vault.unlock(PASSPHRASE)
        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        win = window_for(vault, settings, backup_dir=folder / "backups", runner=runner)
        win.refresh_pages()
        win.restore_state()
        win.show()  # not show_restored(): offscreen Qt warns about raise()
        for index in range(len(win.pages)):
            win.show_page(index)
            runner.wait()
            qapp.processEvents()
        shot = folder / "window.png"
        _expect(win.grab().save(str(shot)), "the window could not be grabbed")
        _check_png(shot)
        win.clear_sensitive()
        win.close()
        qapp.processEvents()
    finally:
        runner.wait()
        vault.close()
        sys.excepthook = previous_hook
    _expect(not errors, "; ".join(errors))
    return f"window started offscreen with {len(win.pages)} pages"


def run(folder: str | os.PathLike[str]) -> int:
    """Run every step in order; print one line each. 0 when all passed, else 1."""
    base = Path(folder).expanduser().absolute()
    if base.exists() and any(base.iterdir()):
        print(f"self-test: {base} is not empty; give it a new folder.", file=sys.stderr)
        return 2
    base.mkdir(parents=True, exist_ok=True)
    steps: list[tuple[str, Callable[[], str]]] = [
        ("vault", lambda: vault_round_trip(base)),
        ("resources", resources),
        ("chart", lambda: chart(base)),
        ("window", lambda: window(base)),
    ]
    for name, step in steps:
        try:
            said = step()
        except Exception as exc:  # only made-up words are in play, so the detail is safe
            print(f"self-test: {name} FAILED: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        print(f"self-test: {name} ok: {said}", flush=True)
    return 0
