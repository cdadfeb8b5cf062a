"""Help > Keyboard shortcuts: a list built from the window's real actions and shortcuts each
time it opens, so it can never go stale. Grouped by menu, then by page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.ui.widgets import theme

if TYPE_CHECKING:
    from reconcile_desktop.ui.shell.main_window import MainWindow

Group = tuple[str, list[tuple[str, str]]]


def _plain(text: str) -> str:
    """Menu text without its mnemonic marker or a shown-only key hint."""
    return text.split("\t")[0].replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _keys(sequences: list[QKeySequence]) -> str:
    shown = [
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if not s.isEmpty()
    ]
    return ", ".join(shown)


def _menu_actions(menu: QMenu) -> list[QAction]:
    found = []
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            found += _menu_actions(sub)
        elif not action.isSeparator():
            found.append(action)
    return found


def collect_shortcuts(window: MainWindow) -> list[Group]:
    """(group, [(what, keys)]) for every action or shortcut in the window that has a key."""
    seen: set[int] = set()
    groups: list[Group] = []

    def add(title: str, items: list[tuple[str, str]]) -> None:
        items = [(what, keys) for what, keys in items if keys]
        for name, known in groups:
            if name == title:  # a page's own keys join its menu of the same name
                known.extend(items)
                return
        if items:
            groups.append((title, items))

    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        items = []
        for action in _menu_actions(menu):
            seen.add(id(action))
            items.append((_plain(action.text()), _keys(action.shortcuts())))
        add(_plain(top.text()), items)

    loose = [a for a in window.actions() if id(a) not in seen]
    seen.update(id(a) for a in loose)
    add(window.tr("Window"), [(_plain(a.text()), _keys(a.shortcuts())) for a in loose])

    for page in window.pages:
        items = []
        for action in page.findChildren(QAction):
            if id(action) not in seen and action.isEnabled():
                seen.add(id(action))
                items.append((_plain(action.text()), _keys(action.shortcuts())))
        for shortcut in page.findChildren(QShortcut):
            if shortcut.isEnabled():
                what = shortcut.whatsThis() or shortcut.objectName() or window.tr("(no name)")
                items.append((what, _keys([shortcut.key()])))
        add(page.title, items)
    return groups


class ShortcutsDialog(QDialog):
    def __init__(self, window: MainWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.setMinimumSize(460, 480)
        self.tree = QTreeWidget()
        self.tree.setRootIsDecorated(False)
        self.tree.setHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        self.tree.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # arrows and Page Down scroll it
        bold = theme.scaled_font(self.font(), 1.0, bold=True)
        self.groups = collect_shortcuts(window)
        for title, items in self.groups:
            group = QTreeWidgetItem([title, ""])
            group.setFont(0, bold)
            group.setFirstColumnSpanned(True)
            self.tree.addTopLevelItem(group)
            for what, keys in items:
                group.addChild(QTreeWidgetItem([what, keys]))
        self.tree.expandAll()
        self.tree.setItemsExpandable(False)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 12)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
