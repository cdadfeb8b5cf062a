"""The main window's View menu, one menu for each page's actions, and the extra Help entries.

Menu entries for page actions are window-level proxies: they show the page first, then
trigger the page's own action (Page.menu_actions), so Ctrl+N or Ctrl+F work from any page. The
page action gives its key to the proxy (one key, one action: Qt ignores a key that two active
actions share).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QMenu, QMenuBar, QWidget

from reconcile_desktop.ui.shell.dialogs.settings_general import appearance_menu

if TYPE_CHECKING:
    from reconcile_desktop.ui.shell.main_window import MainWindow

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


_EDITS = (  # (method on the focused text widget, menu text, standard key)
    ("undo", "&Undo", QKeySequence.StandardKey.Undo),
    ("redo", "&Redo", QKeySequence.StandardKey.Redo),
    (None, "", None),
    ("cut", "Cu&t", QKeySequence.StandardKey.Cut),
    ("copy", "&Copy", QKeySequence.StandardKey.Copy),
    ("paste", "&Paste", QKeySequence.StandardKey.Paste),
)


def _text_widget() -> QWidget | None:
    """The focused widget that edits or shows text (a combo or spin box: its line edit)."""
    widget = QApplication.focusWidget()
    if isinstance(widget, QComboBox | QAbstractSpinBox):
        widget = widget.lineEdit()
    return widget if widget is not None and hasattr(widget, "copy") else None


def _can(widget: QWidget | None, name: str) -> bool:
    if widget is None:
        return False
    read_only = getattr(widget, "isReadOnly", lambda: False)()
    if name in ("cut", "paste") and read_only:
        return False
    if name in ("undo", "redo"):
        if hasattr(widget, "document"):
            doc = widget.document()
            return doc.isUndoAvailable() if name == "undo" else doc.isRedoAvailable()
        return getattr(widget, f"is{name.title()}Available", lambda: False)()
    return True


def add_edit_entries(window: MainWindow, edit: QMenu) -> list[QAction]:
    """Undo, Redo, Cut, Copy and Paste for the focused text field, and Find, which searches
    the journal. A text field answers these keys itself; the entries are for the menu (and
    for keys pressed elsewhere, where they do nothing)."""
    edits: dict[str, QAction] = {}
    for name, text, key in _EDITS:
        if name is None:
            edit.addSeparator()
            continue

        def run(name: str = name) -> None:
            widget = _text_widget()
            if _can(widget, name):
                getattr(widget, name)()

        edits[name] = _entry(edit, _tr(text), run, QKeySequence(key))  # the platform's main key

    def show_what_can_be_done() -> None:
        widget = _text_widget()
        for name, action in edits.items():
            action.setEnabled(_can(widget, name))

    def enable_all() -> None:  # the keys stay live: a disabled action would not see them
        for action in edits.values():
            action.setEnabled(True)

    edit.aboutToShow.connect(show_what_can_be_done)
    edit.aboutToHide.connect(enable_all)
    actions = list(edits.values())
    journal = next((p for p in window.pages if p.key == "journal"), None)
    find_page = getattr(journal, "find_action", None)
    if journal is not None and isinstance(find_page, QAction):
        edit.addSeparator()
        # Find holds the key from now on; the Journal menu's Search entry runs the same.
        find = _proxy(window, edit, journal.key, find_page)
        find.setText(_tr("&Find"))
        find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        actions.append(find)
    return actions


def add_view_menu(window: MainWindow, bar: QMenuBar) -> QMenu:
    view = bar.addMenu(_tr("&View"))
    for action in window.page_actions:
        view.addAction(action)
    view.addSeparator()
    view.addMenu(appearance_menu(window.settings, window))
    return view


def add_page_menus(window: MainWindow, bar: QMenuBar) -> dict[str, QMenu]:
    """One menu for each page that offers actions, in navigation order, keyed by page."""
    menus: dict[str, QMenu] = {}
    for page in window.pages:
        actions = page.menu_actions()
        if not page.menu_title() or not actions:
            continue
        menu = bar.addMenu(page.menu_title())
        for action in actions:
            if action.isSeparator():
                menu.addSeparator()
            else:
                _proxy(window, menu, page.key, action)
        menus[page.key] = menu
    return menus


def add_help_entries(
    window: MainWindow, help_menu: QMenu, before: QAction
) -> tuple[QAction, QAction]:
    """Getting started and the shortcuts window, placed before About."""
    from reconcile_desktop.ui.shell.first_run import open_guide
    from reconcile_desktop.ui.widgets.support_dialog import open_support

    support = QAction(_tr("&Support…"), help_menu)
    support.triggered.connect(lambda _checked=False: open_support(window, window.vault, window.ops))
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
    return guide, keys
