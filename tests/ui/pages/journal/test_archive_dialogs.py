"""Export everything (archive, encrypted archive, CSV) and the import dialog taking an archive."""

from __future__ import annotations

import pytest

from reconcile_desktop.core.archive import importing, sealed
from reconcile_desktop.core.changes import EVERYTHING, THEME
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.ui.pages.journal.archive_dialogs import ArchiveExportDialog, ImportAnyDialog
from tests.conftest import PASSPHRASE
from tests.core.archive.archive_data import clock, table_rows
from tests.ui.conftest import click, type_into

ARCHIVE_WORDS = "a passphrase for the archive"


@pytest.fixture
def source(make_vault, tmp_path):
    v = make_vault(tmp_path / "source", clock=clock())
    v.create(PASSPHRASE)
    goal = plans.add_goal(v, "Listen more")
    c = plans.add_commitment(v, goal.id, "Ask, then listen")
    plans.check_in(v, c.id, "kept")
    journal.add_entry(v, "Calm words", title="An evening", tags=["hope"])
    return v


@pytest.fixture
def fresh(make_vault, tmp_path):
    v = make_vault(tmp_path / "fresh", clock=clock())
    v.create(PASSPHRASE)
    return v


def opened(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def idle(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)


def test_the_plain_archive_is_said_to_be_unencrypted_and_restores_into_a_new_journal(
    qtbot, ops, source, fresh, tmp_path
):
    dialog = opened(qtbot, ArchiveExportDialog(source, ops))
    assert dialog.warning.isVisible() and "not encrypted" in dialog.warning.text()
    assert not dialog.sealed_box.isVisible()
    path = tmp_path / "everything.zip"
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export_to(path)
    assert dialog.status.text() == f"Saved to {path}."

    importer = opened(qtbot, ImportAnyDialog(fresh, ops))
    importer.set_file(path)
    assert importer.source.currentData() == "archive"
    idle(qtbot, importer)
    assert importer.summary.text().startswith("New: 1 entry, 1 tag, 1 tag on an entry, 1 goal")
    assert importer.import_button.isEnabled()
    assert table_rows(fresh)["entry"] == []  # a preview writes nothing
    with qtbot.waitSignal(ops.changed, timeout=20_000) as heard:
        click(qtbot, importer.import_button)
    assert heard.args[0].areas == EVERYTHING.areas - {THEME}  # every page reads again
    idle(qtbot, importer)
    assert table_rows(fresh) == table_rows(source)
    assert importer.status.text().startswith("Added 1 entry, 1 tag")
    assert not importer.import_button.isEnabled()


def test_an_encrypted_archive_asks_for_a_good_passphrase_and_then_for_it_again_on_import(
    qtbot, ops, source, fresh, tmp_path
):
    dialog = opened(qtbot, ArchiveExportDialog(source, ops))
    dialog.encrypt.setChecked(True)
    assert dialog.sealed_box.isVisible() and not dialog.warning.isVisible()
    type_into(qtbot, dialog.passphrase, "short")
    path = tmp_path / "sealed.zip"
    assert dialog.export_to(path) is None
    assert dialog.status.problem and "at least 8 characters" in dialog.status.text()
    type_into(qtbot, dialog.passphrase, ARCHIVE_WORDS)
    type_into(qtbot, dialog.repeat, ARCHIVE_WORDS + "!")
    assert dialog.export_to(path) is None and "not the same" in dialog.status.text()
    type_into(qtbot, dialog.repeat, ARCHIVE_WORDS)
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export_to(path)
    assert path.read_bytes().startswith(sealed.MAGIC)
    assert dialog.passphrase.text() == "" and dialog.repeat.text() == ""  # not kept around

    importer = opened(qtbot, ImportAnyDialog(fresh, ops))
    assert importer.set_file(path) is None  # waits for the passphrase
    assert importer.archive_passphrase.isVisible() and "encrypted" in importer.summary.text()
    type_into(qtbot, importer.archive_passphrase, "not the archive's words")
    importer.preview()
    idle(qtbot, importer)
    assert importer.status.problem
    assert importer.status.text() == sealed.ArchivePassphraseWrong.message
    assert not importer.import_button.isEnabled()
    type_into(qtbot, importer.archive_passphrase, ARCHIVE_WORDS)
    importer.preview()
    idle(qtbot, importer)
    with qtbot.waitSignal(importer.archive_imported, timeout=20_000) as done:
        click(qtbot, importer.import_button)
    assert done.args == [1]
    assert table_rows(fresh) == table_rows(source)


def test_csv_files_from_the_dialog(qtbot, ops, source, tmp_path):
    dialog = opened(qtbot, ArchiveExportDialog(source, ops))
    dialog.csv_choice.setChecked(True)
    assert not dialog.encrypt.isEnabled() and dialog.warning.isVisible()
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export_to(tmp_path / "csv")
    assert (tmp_path / "csv" / "checkins.csv").read_text().startswith('Date,"Ask, then listen"')


def test_a_damaged_archive_is_one_sentence_in_the_import_dialog(qtbot, ops, fresh, tmp_path):
    import json
    import zipfile

    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        doc = {"format": "reconcile-archive", "version": 9, "tables": {}}
        zf.writestr("reconcile-archive.json", json.dumps(doc))
    importer = opened(qtbot, ImportAnyDialog(fresh, ops))
    importer.set_file(bad)
    idle(qtbot, importer)
    assert importer.status.problem and importer.status.text() == importing.document.TOO_NEW
    assert not importer.import_button.isEnabled()


def test_export_everything_is_in_the_file_and_journal_menus_and_import_takes_the_archive(
    qtbot,
    window,  # noqa: F811
    source,
    tmp_path,
):
    window.show_page_key("today")
    window.export_all_action.trigger()
    page = window.page("journal")
    assert window.current_page() is page
    assert isinstance(page.exchange_dialog, ArchiveExportDialog)
    page.exchange_dialog.reject()
    entries = [a.text() for a in window.page_menus["journal"].actions()]
    assert "Export everything…" in entries

    path = tmp_path / "everything.zip"
    from reconcile_desktop.core.archive import exporting

    exporting.export_archive(source, path)
    page.open_import()
    dialog = page.exchange_dialog
    assert isinstance(dialog, ImportAnyDialog)
    dialog.set_file(path)
    idle(qtbot, dialog)
    with qtbot.waitSignal(dialog.archive_imported, timeout=20_000):
        click(qtbot, dialog.import_button)
    assert page.notice.text() == "What was new in the archive was brought in."
    assert page.model.rowCount() == 1  # the list read again
    assert [g.title for g in plans.goals(window.vault)] == ["Listen more"]


from tests.ui.shell.test_window_wiring import window  # noqa: E402, F401  (fixture)
