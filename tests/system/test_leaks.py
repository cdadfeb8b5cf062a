"""No journal text outside the encrypted file: a whole GUI session (create, write, edit,
search, add a photo and view it, export to a chosen folder, lock, quit) leaves a marker string
in no file of the data folder, the temp folder, the config or cache folders, the settings, the
log or the output; only the export the user asked for holds it (and the photo's marker only the
photo's own file). The passphrase is looked for the same way."""

from __future__ import annotations

import logging
import secrets
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QColor, QImage

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.ui.pages.journal.exchange_dialogs import ExportDialog
from tests.conftest import PASSPHRASE
from tests.ui import conftest as gui

make_app = gui.make_app
settings_path = gui.settings_path
settings = gui.settings


def _needles(text: str) -> list[bytes]:
    # UTF-8 for Python and SQLite, UTF-16 for anything Qt might write raw.
    return [text.encode("utf-8"), text.encode("utf-16-le")]


def _files_holding(folder: Path, text: str) -> list[str]:
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            if any(n in data for n in _needles(text)):
                found.append(str(path.relative_to(folder)))
    return found


@pytest.fixture
def places(tmp_path, monkeypatch):
    """Fresh HOME, XDG folders and TMPDIR, so every file the session writes is in view."""
    root = tmp_path / "session"
    names = ("home", "config", "cache", "data-home", "state", "tmp", "runtime", "export")
    dirs = {name: root / name for name in names}
    for folder in dirs.values():
        folder.mkdir(parents=True, mode=0o700)
    monkeypatch.setenv("HOME", str(dirs["home"]))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(dirs["config"]))
    monkeypatch.setenv("XDG_CACHE_HOME", str(dirs["cache"]))
    monkeypatch.setenv("XDG_DATA_HOME", str(dirs["data-home"]))
    monkeypatch.setenv("XDG_STATE_HOME", str(dirs["state"]))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(dirs["runtime"]))
    monkeypatch.setenv("TMPDIR", str(dirs["tmp"]))
    monkeypatch.setattr(tempfile, "tempdir", str(dirs["tmp"]))
    QStandardPaths.setTestModeEnabled(True)
    yield dirs
    QStandardPaths.setTestModeEnabled(False)


@pytest.mark.qt_log_ignore(gui.OFFSCREEN_NOISE)
def test_a_whole_session_leaves_the_words_only_in_the_vault_and_the_export(
    qtbot, make_app, make_vault, places, tmp_path, caplog, capfd
):
    caplog.set_level(logging.DEBUG)
    marker = f"leakmarker{secrets.token_hex(6)}"
    data_dir = tmp_path / "session" / "vault"
    vault = make_vault(data_dir, clock=Clock(zone="Europe/Berlin"))
    settings = QSettings(str(places["config"] / "Reconcile.ini"), QSettings.Format.IniFormat)
    app = make_app(vault, settings=settings, page_factory=None)

    # Create the journal through the dialog.
    assert app.start() is None
    dialog = app.dialog
    gui.type_into(qtbot, dialog.passphrase, PASSPHRASE)
    gui.type_into(qtbot, dialog.confirm, PASSPHRASE)
    gui.click(qtbot, dialog.create_button)
    qtbot.waitUntil(lambda: gui.window_up(app))
    window = app.window
    window.show_page_key("journal")
    page = window.page("journal")

    # Write two entries and edit one of them several times, through the editor.
    for n in range(2):
        page.new_action.trigger()
        page.editor.title.setText(f"title {marker} {n}")
        qtbot.keyClicks(page.editor.body, f"I wrote {marker} today, entry {n}.")
        with qtbot.waitSignal(page.editor.saved):
            page.editor.save_now()
    for version in range(3):
        qtbot.keyClicks(page.editor.body, f" And more {marker} v{version}.")
        with qtbot.waitSignal(page.editor.saved):
            page.editor.save_now()
    assert journal.count_entries(vault) == 2

    # Add a photo (its marker in a PNG text chunk), read it inline and open it in the viewer.
    photo_marker = f"leakphoto{secrets.token_hex(6)}"
    source = tmp_path / "camera" / "photo.png"
    source.parent.mkdir()
    image = QImage(400, 300, QImage.Format.Format_RGB32)
    image.fill(QColor("#4a7"))
    image.setText("note", photo_marker)
    assert image.save(str(source), "PNG") and photo_marker.encode() in source.read_bytes()
    strip = page.editor.strip
    strip.add_paths([source])
    qtbot.waitUntil(lambda: len(strip.files) == 1, timeout=10_000)
    page.editor.read_button.setChecked(True)
    strip.open_viewer(strip.files[0])
    qtbot.waitUntil(lambda: strip.viewer is not None and strip.viewer.shows_picture)
    page.editor.read_button.setChecked(False)

    # Search for it.
    qtbot.keyClicks(page.search.field, marker)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)

    # Export to a chosen folder (the one place it is meant to appear).
    export = ExportDialog(vault, window.ops, parent=window)
    qtbot.addWidget(export)
    with qtbot.waitSignal(export.exported, timeout=20_000):
        export.export_to(places["export"] / "journal.json")
    export.close()

    # Lock, then quit from the unlock dialog.
    app.lock()
    assert app.locked
    app.dialog.reject()
    assert app.quits == [0]
    settings.sync()

    assert _files_holding(places["export"], marker) == ["journal.json"]
    for name in ("home", "config", "cache", "data-home", "state", "tmp", "runtime"):
        assert _files_holding(places[name], marker) == [], name
        assert _files_holding(places[name], PASSPHRASE) == [], name
    assert any(data_dir.iterdir())
    assert _files_holding(data_dir, marker) == []  # encrypted at rest, WAL included
    assert _files_holding(data_dir, PASSPHRASE) == []
    assert (places["config"] / "Reconcile.ini").exists()  # the settings were written, cleanly
    assert _files_holding(tmp_path, marker) == ["session/export/journal.json"]
    assert _files_holding(tmp_path, photo_marker) == ["camera/photo.png"]  # only the original

    out, err = capfd.readouterr()
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    for text in (marker, photo_marker, PASSPHRASE):
        assert text not in logged
        assert text not in out and text not in err


# -- what empty-trash leaves in the files ---------------------------------------------------------


def test_every_version_of_an_edited_entry_is_gone_after_empty_trash(plain_vault):
    vault = plain_vault
    versions = [f"zq{secrets.token_hex(7)}" for _ in range(5)]
    for i in range(30):
        journal.add_entry(vault, f"an ordinary day {i}, calm and slow " * 30, tags=["daily"])
    entry = journal.add_entry(vault, f"first draft {versions[0]} " * 400, title=versions[0])
    for n, word in enumerate(versions[1:], 1):  # autosaves of a growing, changing text
        journal.update_entry(
            vault, entry.id, title=word, body=f"draft {n} {word} " * (400 + 300 * n), tags=[word]
        )
    for i in range(30):
        journal.add_entry(vault, f"another day {i}, hope and patience " * 30)
    vault.lock()
    assert _files_holding(vault.dir, versions[-1])  # the scan does see plaintext here
    vault.unlock(PASSPHRASE)

    journal.trash_entry(vault, entry.id)
    assert journal.empty_trash(vault) == 1
    for word in versions:
        assert _files_holding(vault.dir, word) == [], word  # vault.db and its WAL, while open
    vault.lock()
    for word in versions:
        assert _files_holding(vault.dir, word) == [], word
    vault.unlock(PASSPHRASE)
    assert vault.check() == []
    assert journal.count_entries(vault) == 60
