"""Export and import dialogs: work on a pool thread, a preview before importing, PDFs."""

from __future__ import annotations

import datetime as dt
import json
import stat
import zipfile

import pytest
from PySide6.QtCore import QPoint, Qt

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.ui.pages.journal.exchange_dialogs import ExportDialog, ImportDialog
from tests.conftest import PASSPHRASE
from tests.ui.conftest import click

NOW = dt.datetime(2024, 5, 14, 18, 30, tzinfo=dt.UTC)


@pytest.fixture
def unlocked(make_vault, tmp_path):
    def factory(name: str):
        v = make_vault(tmp_path / name, clock=Clock(fixed=NOW, zone="Europe/Berlin"))
        v.create(PASSPHRASE)
        return v

    return factory


@pytest.fixture
def filled(unlocked):
    v = unlocked("filled")
    for day, body in ((3, "March thoughts"), (20, "Later, calmer"), (40, "Dear Sam, unsent.")):
        journal.add_entry(
            v,
            body,
            title=f"Day {day}",
            occurred=dt.datetime(2024, 3, 1, 12, tzinfo=dt.UTC) + dt.timedelta(days=day),
            kind="letter" if day == 40 else "free",
            tags=["calm"],
            mood=3,
        )
    return v


def open_dialog(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def choose(qtbot, radio) -> None:
    """Click the radio's circle: the empty space beside its words is not part of it."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(6, radio.height() // 2))
    assert radio.isChecked()


def wait_idle(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)


def test_export_says_plainly_that_files_are_not_encrypted(qtbot, ops, filled):
    dialog = open_dialog(qtbot, ExportDialog(filled, ops))
    assert "not encrypted" in dialog.warning.text()
    assert not dialog.pdf_choice.isEnabled()  # nothing selected


def test_exporting_json_runs_in_the_background_and_writes_the_file(qtbot, ops, filled, tmp_path):
    dialog = open_dialog(qtbot, ExportDialog(filled, ops))
    target = tmp_path / "out" / "journal.json"
    target.parent.mkdir()
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as done:
        dialog.export_to(target)
        assert dialog.busy and dialog.progress.isVisible()
        assert not dialog.export_button.isEnabled()
    assert done.args == [target, 3]
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [e["body"] for e in data["entries"]][0] == "March thoughts"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert "Saved 3 entries" in dialog.status.text() and not dialog.status.problem
    assert not dialog.progress.isVisible() and dialog.export_button.isEnabled()


def test_exporting_markdown_writes_one_file_per_entry(qtbot, ops, filled, tmp_path):
    dialog = open_dialog(qtbot, ExportDialog(filled, ops))
    choose(qtbot, dialog.md_choice)
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export_to(tmp_path / "md")
    assert len(list((tmp_path / "md").glob("*.md"))) == 3
    assert not (tmp_path / "md" / "trash").exists()


def test_markdown_with_the_trash_checked_goes_out_and_comes_back_whole(
    qtbot, ops, filled, unlocked, tmp_path
):
    (newest, *_) = journal.list_page(filled)
    journal.trash_entry(filled, newest.id)
    ids = [row.id for row in journal.list_page(filled)]
    dialog = open_dialog(qtbot, ExportDialog(filled, ops, selected_ids=ids))
    choose(qtbot, dialog.pdf_choice)
    assert not dialog.include_trash.isEnabled()  # a PDF holds the selected entries
    choose(qtbot, dialog.md_choice)
    assert dialog.include_trash.isEnabled()
    click(qtbot, dialog.include_trash)
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as done:
        dialog.export_to(tmp_path / "md")
    assert done.args == [tmp_path / "md", 3]
    assert [p.name for p in (tmp_path / "md" / "trash").iterdir()] == ["2024-04-10-day-40.md"]

    fresh = unlocked("fresh")
    dialog = open_dialog(qtbot, ImportDialog(fresh, ops))
    dialog.set_file(tmp_path / "md")
    assert dialog.source.currentData() == "markdown"  # a folder can only be Markdown
    wait_idle(qtbot, dialog)
    assert dialog.summary.text().startswith("3 entries in this folder: 3 new")
    with qtbot.waitSignal(dialog.imported, timeout=20_000) as done:
        click(qtbot, dialog.import_button)
    assert done.args == [3]
    assert [r.title for r in journal.list_page(fresh)] == ["Day 20", "Day 3"]
    (letter,) = journal.list_trash(fresh)
    assert journal.get_entry(fresh, letter.id).kind == "letter"


def test_a_folder_without_markdown_is_one_sentence(qtbot, ops, unlocked, tmp_path):
    (tmp_path / "empty").mkdir()
    dialog = open_dialog(qtbot, ImportDialog(unlocked("v"), ops))
    dialog.set_file(tmp_path / "empty")
    wait_idle(qtbot, dialog)
    assert dialog.status.problem
    assert dialog.status.text() == "There are no Markdown files (.md) in that folder to import."
    assert not dialog.import_button.isEnabled()


def test_an_export_that_cannot_be_written_is_one_sentence(qtbot, ops, filled, tmp_path):
    dialog = open_dialog(qtbot, ExportDialog(filled, ops))
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    dialog.export_to(blocker / "journal.json")  # a file where a folder should be
    wait_idle(qtbot, dialog)
    assert dialog.status.problem
    assert dialog.status.text() == "The export could not be written there. Try another folder."


def test_closing_the_dialog_waits_for_the_export(qtbot, ops, filled, tmp_path):
    dialog = open_dialog(qtbot, ExportDialog(filled, ops))
    target = tmp_path / "journal.json"
    dialog.export_to(target)
    dialog.reject()  # locking closes dialogs before the key is dropped
    assert target.exists()


def test_pdf_of_the_selected_entries(qtbot, ops, filled, tmp_path):
    ids = [row.id for row in journal.list_page(filled)][:2]
    dialog = open_dialog(qtbot, ExportDialog(filled, ops, selected_ids=ids))
    assert dialog.pdf_choice.isEnabled() and "(2)" in dialog.pdf_choice.text()
    choose(qtbot, dialog.pdf_choice)
    target = tmp_path / "chosen.pdf"
    with qtbot.waitSignal(dialog.exported, timeout=30_000) as done:
        dialog.export_to(target)
    assert done.args == [target, 2]
    data = target.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def export_file(vault, path):
    from reconcile_desktop.core.journal import exchange

    exchange.export_json(vault, path)
    return path


def test_import_shows_a_preview_then_imports_in_one_go(qtbot, ops, filled, unlocked, tmp_path):
    source = export_file(filled, tmp_path / "export.json")
    fresh = unlocked("fresh")
    dialog = open_dialog(qtbot, ImportDialog(fresh, ops))
    assert not dialog.import_button.isEnabled()
    dialog.set_file(source)
    wait_idle(qtbot, dialog)
    assert dialog.summary.text() == (
        "3 entries in this file: 3 new, 0 already in your journal. "
        "They run from 4 March 2024 to 10 April 2024."
    )
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import 3 entries"
    assert journal.count_entries(fresh) == 0  # a preview writes nothing

    with qtbot.waitSignal(dialog.imported, timeout=20_000) as done:
        click(qtbot, dialog.import_button)
    assert done.args == [3]
    assert journal.count_entries(fresh) == 3
    assert dialog.status.text() == "Added 3 entries to your journal."
    assert not dialog.import_button.isEnabled()

    dialog.preview()
    wait_idle(qtbot, dialog)
    assert "0 new, 3 already in your journal" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()


def test_a_file_that_cannot_be_imported_is_one_sentence(qtbot, ops, unlocked, tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text("{ not json", encoding="utf-8")
    dialog = open_dialog(qtbot, ImportDialog(unlocked("v"), ops))
    dialog.set_file(bad)
    wait_idle(qtbot, dialog)
    assert dialog.status.problem
    assert dialog.status.text().startswith("This file is not valid JSON")
    assert dialog.summary.text() == "" and not dialog.import_button.isEnabled()


def test_a_zip_is_read_as_day_one_and_its_notes_are_shown(qtbot, ops, unlocked, tmp_path):
    archive = tmp_path / "dayone.zip"
    doc = {
        "entries": [
            {
                "creationDate": "2024-02-01T08:00:00Z",
                "text": "# Morning\nCoffee",
                "timeZone": "Nowhere/Else",
            },
            {"creationDate": "2024-02-02T08:00:00Z", "text": ""},
        ]
    }
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("Journal.json", json.dumps(doc))
    dialog = open_dialog(qtbot, ImportDialog(unlocked("v"), ops))
    dialog.set_file(archive)
    assert dialog.source.currentData() == "dayone"
    wait_idle(qtbot, dialog)
    assert dialog.summary.text().startswith("1 entry in this file: 1 new")
    assert dialog.problems.isVisible()
    assert "time zone this computer does not know" in dialog.problems.text()
    assert "without any text" in dialog.problems.text()
