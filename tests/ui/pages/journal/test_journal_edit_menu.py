"""The Edit menu: Undo, Redo, Cut, Copy, Paste on the focused text, and Find, which searches
the journal (issue 14: it held only Settings…)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu

from tests.ui.conftest import active_window


def edit_menu(window) -> QMenu:
    (menu,) = [
        a.menu()
        for a in window.menuBar().actions()
        if isinstance(a.menu(), QMenu) and a.text().replace("&", "") == "Edit"
    ]
    return menu


def entry(menu: QMenu, text: str):
    (action,) = [a for a in menu.actions() if a.text().replace("&", "") == text]
    return action


def test_the_edit_menu_has_the_standard_entries_and_keys(
    qtbot, make_app, make_vault, existing_vault_dir
):
    app = make_app(make_vault(existing_vault_dir))
    window = active_window(qtbot, app)
    menu = edit_menu(window)
    names = [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]
    assert names == ["Undo", "Redo", "Cut", "Copy", "Paste", "Find", "Settings…"]
    for text, key in (
        ("Undo", QKeySequence.StandardKey.Undo),
        ("Redo", QKeySequence.StandardKey.Redo),
        ("Cut", QKeySequence.StandardKey.Cut),
        ("Copy", QKeySequence.StandardKey.Copy),
        ("Paste", QKeySequence.StandardKey.Paste),
        ("Find", QKeySequence.StandardKey.Find),
    ):
        assert entry(menu, text).shortcut() == QKeySequence(key), text


def test_the_edit_entries_act_on_the_focused_text(qtbot, make_app, make_vault, existing_vault_dir):
    app = make_app(make_vault(existing_vault_dir))
    window = active_window(qtbot, app)
    window.show_page_key("journal")
    editor = window.page("journal").editor
    editor.new_entry()
    editor.title.setFocus()
    qtbot.waitUntil(lambda: QGuiApplication.focusObject() is editor.title)
    qtbot.keyClicks(editor.title, "Quiet evening")
    menu = edit_menu(window)
    menu.aboutToShow.emit()  # what opening the menu does: entries for what can be done
    assert entry(menu, "Undo").isEnabled() and not entry(menu, "Redo").isEnabled()
    menu.aboutToHide.emit()
    entry(menu, "Undo").trigger()
    assert editor.title.text() == ""
    entry(menu, "Redo").trigger()
    assert editor.title.text() == "Quiet evening"
    editor.title.selectAll()
    entry(menu, "Cut").trigger()
    assert editor.title.text() == "" and QGuiApplication.clipboard().text() == "Quiet evening"
    entry(menu, "Paste").trigger()
    entry(menu, "Paste").trigger()
    assert editor.title.text() == "Quiet eveningQuiet evening"
    editor.title.selectAll()
    entry(menu, "Copy").trigger()
    assert QGuiApplication.clipboard().text() == "Quiet eveningQuiet evening"


def test_find_searches_the_journal_from_any_page(qtbot, make_app, make_vault, existing_vault_dir):
    app = make_app(make_vault(existing_vault_dir))
    window = active_window(qtbot, app)
    journal = window.page("journal")
    window.show_page_key("today")
    entry(edit_menu(window), "Find").trigger()
    assert window.current_page() is journal
    qtbot.waitUntil(lambda: window.focusWidget() is journal.search.field)
    window.show_page_key("plan")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is journal
