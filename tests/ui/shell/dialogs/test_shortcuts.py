"""Help > Keyboard shortcuts lists what the window really has, and the frequent actions have
a menu entry whose key works from any page."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu

from reconcile_desktop.ui.shell.dialogs.shortcuts import ShortcutsDialog, collect_shortcuts
from tests.ui.conftest import active_window, unlock


def native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


def every_key(window) -> set[str]:
    """Every key bound in the window, found independently of the dialog's own walk."""
    keys = set()
    for action in window.findChildren(QAction):
        if action.isEnabled():
            keys |= {s.toString(QKeySequence.SequenceFormat.NativeText) for s in action.shortcuts()}
    for shortcut in window.findChildren(QShortcut):
        keys.add(shortcut.key().toString(QKeySequence.SequenceFormat.NativeText))
    return keys - {""}


def test_the_list_is_built_from_the_real_actions(qtbot, make_app, make_vault, existing_vault_dir):
    app = make_app(make_vault(existing_vault_dir))
    app.start()
    unlock(qtbot, app)
    window = app.window
    groups = dict(collect_shortcuts(window))
    listed = {keys for items in groups.values() for _what, keys in items}
    assert listed == every_key(window)  # nothing missing, nothing invented
    assert ("New entry", native("Ctrl+N")) in groups["Journal"]
    assert ("Find", native("Ctrl+F")) in groups["Edit"]  # it searches the journal
    assert ("Save the entry", native("Ctrl+S")) in groups["Journal"]
    assert ("Lock", native("Ctrl+L")) in groups["File"]
    assert [k for _w, k in groups["View"]] == [native(f"Ctrl+{n}") for n in range(1, 5)]

    # A key added later shows up the next time the window opens: it cannot go stale.
    extra = window.page_menus["journal"].addAction("Something new")
    extra.setShortcut(QKeySequence("Ctrl+Shift+K"))
    dialog = window.show_shortcuts()
    assert dialog.isVisible() and isinstance(dialog, ShortcutsDialog)
    journal = next(
        dialog.tree.topLevelItem(i)
        for i in range(dialog.tree.topLevelItemCount())
        if dialog.tree.topLevelItem(i).text(0) == "Journal"
    )
    rows = {journal.child(i).text(0): journal.child(i).text(1) for i in range(journal.childCount())}
    assert rows["Something new"] == native("Ctrl+Shift+K")


def test_no_key_is_bound_twice(qtbot, make_app, make_vault, existing_vault_dir):
    app = make_app(make_vault(existing_vault_dir))
    app.start()
    unlock(qtbot, app)
    listed = [k for _g, items in collect_shortcuts(app.window) for _w, k in items]
    assert len(listed) == len(set(listed))


def test_journal_keys_work_from_another_page(qtbot, make_app, make_vault, existing_vault_dir):
    app = make_app(make_vault(existing_vault_dir))
    window = active_window(qtbot, app)
    window.show_page_key("today")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    journal = window.page("journal")
    assert window.current_page() is journal
    qtbot.waitUntil(lambda: window.focusWidget() is journal.search.field)

    window.show_page_key("today")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is journal and journal.editor.current_id() is None


def test_every_menu_has_entries_and_help_lists_the_guide(
    qtbot, make_app, make_vault, existing_vault_dir
):
    app = make_app(make_vault(existing_vault_dir))
    app.start()
    unlock(qtbot, app)
    menus = {
        a.text().replace("&", ""): a.menu()
        for a in app.window.menuBar().actions()
        if isinstance(a.menu(), QMenu)
    }
    assert list(menus) == ["File", "Edit", "View", "Journal", "Plan", "No contact", "Help"]
    assert all(m.actions() for m in menus.values())
    help_texts = [a.text().replace("&", "") for a in menus["Help"].actions()]
    assert help_texts[:3] == ["Support…", "Getting started…", "Keyboard shortcuts"]
