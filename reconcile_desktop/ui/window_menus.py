"""The main window's View, Journal, Plan and No contact menus and the extra Help entries.

Menu entries for page actions are window-level proxies: they show the page first, then
trigger the page's own action, so Ctrl+N or Ctrl+F work from any page. The page action gives
its key to the proxy (one key, one action: Qt ignores a key that two active actions share).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from reconcile_desktop.ui.settings_sections import appearance_menu

if TYPE_CHECKING:
    from reconcile_desktop.ui.main_window import MainWindow

SHORTCUTS_KEY = "Ctrl+/"


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def _entry(
    menu: QMenu, text: str, slot: Callable[[], object], shortcut: str | QKeySequence = ""
) -> QAction:
    action = menu.addAction(text)
    action.triggered.connect(lambda _checked=False: slot())
    keys = QKeySequence(shortcut)
    if not keys.isEmpty():
        action.setShortcut(keys)
    return action


def _proxy(window: MainWindow, menu: QMenu, page_key: str, page_action: QAction) -> QAction:
    """A menu entry that shows the page, then runs the page's action; takes over its key."""
    keys = page_action.shortcut()
    page_action.setShortcut(QKeySequence())
    page_action.setToolTip(page_action.toolTip())  # keeps "(Ctrl+N)": the key still works

    def run() -> None:
        window.show_page_key(page_key)
        page_action.trigger()

    return _entry(menu, page_action.text(), run, keys)


def add_page_menus(window: MainWindow, bar: QMenuBar) -> None:
    view = bar.addMenu(_tr("&View"))
    for action in window.page_actions:
        view.addAction(action)
    view.addSeparator()
    view.addMenu(appearance_menu(window.settings, window))
    window.view_menu = view

    journal = window.page("journal")
    if journal is not None and hasattr(journal, "new_action"):
        menu = bar.addMenu(_tr("&Journal"))
        for name in ("new_action", "prompt_action", "letter_action", "worksheet_action"):
            _proxy(window, menu, "journal", getattr(journal, name))
        menu.addSeparator()
        _proxy(window, menu, "journal", journal.find_action)
        # The editor's own keys (Ctrl+S, Ctrl+E) act where the text is; the menu shows them.
        save_keys = QKeySequence(QKeySequence.StandardKey.Save).toString(
            QKeySequence.SequenceFormat.NativeText
        )
        _entry(menu, _tr("Save the entry") + "\t" + save_keys, lambda: _save(window))
        menu.addSeparator()
        _proxy(window, menu, "journal", journal.trash_action)
        menu.addSeparator()
        _proxy(window, menu, "journal", journal.export_action)
        _proxy(window, menu, "journal", journal.import_action)
        window.journal_menu = menu

    plan = window.page("plan")
    if plan is not None and hasattr(plan, "open_goal_dialog"):
        menu = bar.addMenu(_tr("&Plan"))
        _entry(menu, _tr("New goal…"), lambda: _on_page(window, "plan", plan.open_goal_dialog))
        window.plan_menu = menu

    nc = window.page("nocontact")
    if nc is not None and hasattr(nc, "open_urge_dialog"):
        menu = bar.addMenu(_tr("&No contact"))
        _entry(
            menu,
            _tr("I resisted an urge…"),
            lambda: _on_page(window, "nocontact", nc.open_urge_dialog, needs_period=True),
            "Ctrl+Shift+U",
        )
        _entry(
            menu,
            _tr("Log a contact…"),
            lambda: _on_page(window, "nocontact", nc.open_contact_dialog, needs_period=True),
        )
        window.nocontact_menu = menu


def _on_page(
    window: MainWindow, key: str, open_dialog: Callable[[], object], *, needs_period=False
) -> None:
    window.show_page_key(key)
    page = window.page(key)
    if needs_period and getattr(page, "summary", None) is None:
        return  # nothing is counted yet: the page itself offers to start
    open_dialog()


def _save(window: MainWindow) -> None:
    journal = window.page("journal")
    editor = getattr(journal, "editor", None)
    if editor is not None:
        editor.save_now()


def add_help_entries(window: MainWindow, help_menu: QMenu, before: QAction) -> None:
    from reconcile_desktop.ui.first_run import open_guide
    from reconcile_desktop.ui.support_dialog import open_support

    support = QAction(_tr("&Support…"), help_menu)
    support.triggered.connect(lambda _checked=False: open_support(window))
    help_menu.insertAction(before, support)
    window.support_action = support
    guide = QAction(_tr("&Getting started…"), help_menu)
    guide.triggered.connect(lambda _checked=False: open_guide(window))
    keys = QAction(_tr("&Keyboard shortcuts"), help_menu)
    keys.setShortcut(QKeySequence(SHORTCUTS_KEY))
    keys.triggered.connect(lambda _checked=False: window.show_shortcuts())
    help_menu.insertAction(before, guide)
    help_menu.insertAction(before, keys)
    help_menu.insertSeparator(before)
    window.guide_action, window.shortcuts_action = guide, keys
