"""Export, import and PDF are reachable from the window's Journal menu and the empty page."""

from __future__ import annotations

import json

from PySide6.QtCore import QItemSelectionModel

from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.ui.pages.journal.exchange_dialogs import ExportDialog, ImportDialog
from tests.ui.conftest import click
from tests.ui.shell.test_window_wiring import window  # noqa: F401  (fixture)


def menu_entry(window, text: str):  # noqa: F811
    found = [a for a in window.page_menus["journal"].actions() if a.text().split("\t")[0] == text]
    assert len(found) == 1, [a.text() for a in window.page_menus["journal"].actions()]
    return found[0]


def open_dialog(window, text: str):  # noqa: F811
    menu_entry(window, text).trigger()
    return window.page("journal").exchange_dialog


def test_export_from_the_menu_offers_a_pdf_of_the_chosen_rows(qtbot, window, tmp_path):  # noqa: F811
    v = window.vault
    ids = [journal.add_entry(v, f"Entry number {n}", title=f"T{n}").id for n in range(3)]
    page = window.page("journal")
    page.refresh()
    page.new_entry()  # the newest entry opened with the page: a blank one instead
    window.show_page_key("today")
    dialog = open_dialog(window, "Export…")
    assert window.current_page() is page  # the menu shows the page first
    assert isinstance(dialog, ExportDialog) and dialog.isVisible()
    assert not dialog.pdf_choice.isEnabled()  # nothing chosen, nothing open
    dialog.reject()

    selection = page.list.selectionModel()
    for row in (0, 2):
        selection.select(page.model.index(row), QItemSelectionModel.SelectionFlag.Select)
    chosen = page.selected_ids()
    assert sorted(chosen) == sorted([ids[2], ids[0]])  # newest first: rows 0 and 2
    dialog = open_dialog(window, "Export…")
    assert dialog.pdf_choice.isEnabled() and dialog.selected_ids == chosen

    target = tmp_path / "all.json"
    with qtbot.waitSignal(dialog.exported, timeout=20_000):
        dialog.export_to(target)
    assert len(json.loads(target.read_text(encoding="utf-8"))["entries"]) == 3


def test_import_from_the_menu_fills_the_list_and_says_how_many(qtbot, window, tmp_path):  # noqa: F811
    source = tmp_path / "jrnl.json"
    source.write_text(
        json.dumps(
            {
                "tags": {},
                "entries": [
                    {"date": "2025-01-02", "time": "09:15", "title": "Morning", "body": "Tea."},
                    {"date": "2025-01-03", "time": "21:00", "title": "Evening", "body": "Rest."},
                ],
            }
        ),
        encoding="utf-8",
    )
    page = window.page("journal")
    window.show_page_key("journal")
    page.refresh()
    assert page.body.currentIndex() == 1  # the empty page, which offers an import too
    with qtbot.waitSignal(page.first_import_button.clicked):
        click(qtbot, page.first_import_button)
    dialog = page.exchange_dialog
    assert isinstance(dialog, ImportDialog)
    dialog.reject()

    dialog = open_dialog(window, "Import entries…")
    dialog.source.setCurrentIndex(dialog.source.findData("jrnl"))
    with qtbot.waitSignal(dialog.imported, timeout=20_000):
        dialog.set_file(source, "jrnl")
        qtbot.waitUntil(lambda: dialog.preview_result is not None, timeout=20_000)
        dialog.import_now()
    assert page.model.rowCount() == 2
    assert page.body.currentIndex() == 0
    assert page.notice.text() == "2 entries were brought in."
    assert journal.count_entries(window.vault) == 2


def test_lock_closes_an_open_export_dialog(qtbot, window):  # noqa: F811
    dialog = open_dialog(window, "Export…")
    assert dialog.isVisible()
    window.clear_sensitive()
    assert not dialog.isVisible()
    assert window.page("journal").exchange_dialog is None
