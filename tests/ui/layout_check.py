"""One check of a laid-out widget tree, for pages and dialogs: is anything clipped,
overlapping or squeezed? `layout_problems(root)` lists what a person would see cut off.

- A visible widget lies inside its parent, and inside the root's visible area unless a scroll
  area moves it about on purpose (the scrolled content is judged inside its scroll area).
- A scroll area that never scrolls sideways is never given content wider than itself.
- A layout never squeezes a widget below its minimum size hint; a button with a caption is
  judged by the caption fitting, not by the style's least button width.
- A one-line label's text fits its width; a wrapped label gets the height its lines need.
- Two widgets laid out side by side never overlap; every tab of a tab bar is in sight.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLayout,
    QScrollArea,
    QStackedLayout,
    QTabBar,
    QToolBar,
    QWidget,
)

PAGES = ("today", "journal", "plan", "nocontact")
NOW = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)


def _name(widget: QWidget) -> str:
    words = widget.objectName() or widget.accessibleName()
    if not words and isinstance(widget, QLabel | QAbstractButton):
        words = widget.text()[:30]
    return f"{type(widget).__name__}({words})"


def _ancestors(widget: QWidget, root: QWidget):
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        yield parent
        parent = parent.parentWidget()


def _in_item_view(widget: QWidget, root: QWidget) -> bool:
    """Editors and header sections an item view places itself."""
    return any(isinstance(p, QAbstractItemView) for p in _ancestors(widget, root))


def _scrolled(widget: QWidget, root: QWidget) -> bool:
    return any(isinstance(p, QAbstractScrollArea) for p in _ancestors(widget, root))


def _is_scrolled_content(widget: QWidget) -> bool:
    """The widget a scroll area shows through its viewport may be larger than the viewport."""
    viewport = widget.parentWidget()
    area = viewport.parentWidget() if viewport is not None else None
    return isinstance(area, QAbstractScrollArea) and area.viewport() is viewport


def _layout_holds(layout: QLayout | None, widget: QWidget) -> bool:
    if layout is None:
        return False
    for i in range(layout.count()):
        item = layout.itemAt(i)
        if item.widget() is widget:
            return True
        if item.layout() is not None and _layout_holds(item.layout(), widget):
            return True
    return False


def _stacked(layout: QLayout | None) -> bool:
    return isinstance(layout, QStackedLayout)


def label_text(label: QLabel) -> str | None:
    """The one line a plain label shows, as drawn (mnemonic ampersands removed)."""
    if label.wordWrap() or label.textFormat() == Qt.TextFormat.RichText:
        return None
    text = label.text()
    if not text or "<" in text or "\n" in text or not label.pixmap().isNull():
        return None
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&") if label.buddy() else text


def _button_text(button: QAbstractButton) -> str:
    return button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def _label_problems(label: QLabel, name: str) -> list[str]:
    rect: QRect = label.contentsRect()
    text = label_text(label)
    if text and label.fontMetrics().horizontalAdvance(text) > rect.width():
        return [f"{name} text {text!r} wider than {rect.width()}"]
    if label.wordWrap() and label.text() and label.pixmap().isNull():
        needed = label.heightForWidth(label.width())
        if needed > label.height():
            return [f"{name} wrapped text needs {needed} px of height, has {label.height()}"]
    return []


def _button_problems(button: QAbstractButton, name: str) -> list[str]:
    text = _button_text(button)
    if not text.strip():
        return []
    hint = button.sizeHint()
    # A caption the button cannot hold is cut (Qt draws no ellipsis on buttons).
    if button.width() < hint.width() and button.fontMetrics().horizontalAdvance(text) + 8 > (
        button.width()
    ):
        return [f"{name} caption {text!r} cut: {button.width()} px wide, needs {hint.width()}"]
    return []


def layout_problems(root: QWidget) -> list[str]:
    problems: list[str] = []
    visible_area = root.rect()
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.isWindow() or _in_item_view(widget, root):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QToolBar):
            continue  # a toolbar folds what does not fit into its overflow menu
        name = _name(widget)
        scrolled = _scrolled(widget, root)
        if _is_scrolled_content(widget):
            area = parent.parentWidget()
            policy = area.horizontalScrollBarPolicy()
            if policy == Qt.ScrollBarPolicy.ScrollBarAlwaysOff and widget.width() > parent.width():
                problems.append(f"{name} {widget.width()} px wide in a {parent.width()} px view")
        elif not parent.rect().contains(widget.geometry()):
            problems.append(f"{name} {widget.geometry()} outside {_name(parent)}")
        if isinstance(widget, QScrollArea) and widget.horizontalScrollBar().isVisible():
            problems.append(f"{name} scrolls sideways: its content is cut at the right")
        if not scrolled:
            place = QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())
            if not visible_area.contains(place):
                problems.append(f"{name} {place} outside the visible {visible_area}")
        managed = _layout_holds(parent.layout(), widget)
        hint = widget.minimumSizeHint()
        if managed and hint.isValid() and widget.minimumSize().isNull():
            small_w = widget.width() < min(hint.width(), widget.maximumWidth())
            if isinstance(widget, QAbstractButton) and _button_text(widget).strip():
                small_w = False  # judged by its caption below, not by the style's least width
            small_h = widget.height() < min(hint.height(), widget.maximumHeight())
            if small_w or small_h:
                problems.append(f"{name} {widget.size()} below its minimum {hint}")
        if isinstance(widget, QLabel):
            problems += _label_problems(widget, name)
        if isinstance(widget, QAbstractButton) and not isinstance(parent, QScrollArea):
            problems += _button_problems(widget, name)
        if isinstance(widget, QTabBar):
            hidden = [
                widget.tabText(i)
                for i in range(widget.count())
                if widget.isTabVisible(i) and not widget.rect().contains(widget.tabRect(i))
            ]
            if hidden:
                problems.append(f"{name} tabs {hidden} out of sight")
    problems += _overlaps(root)
    return problems


def _overlaps(root: QWidget) -> list[str]:
    """Siblings one layout places must not cover each other."""
    problems = []
    for parent in [root, *root.findChildren(QWidget)]:
        layout = parent.layout()
        if layout is None or not parent.isVisibleTo(root) and parent is not root:
            continue
        if _in_item_view(parent, root) or _stacked(layout):
            continue
        placed = [
            w
            for w in parent.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w.isVisibleTo(root) and not w.isWindow() and _layout_holds(layout, w)
        ]
        for i, a in enumerate(placed):
            for b in placed[i + 1 :]:
                if a.geometry().intersects(b.geometry()):
                    problems.append(f"{_name(a)} overlaps {_name(b)} in {_name(parent)}")
    return problems


# -- the window at a size ---------------------------------------------------------------


def make_vault(folder, kind: str):
    """A journal at NOW, "empty" or filled with the "demo" data."""
    from reconcile_desktop.core import demo
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.storage.vault import Vault
    from tests.conftest import FAST_KDF, PASSPHRASE, TEST_BOUNDS

    vault = Vault(
        folder,
        clock=Clock(fixed=NOW, zone="Europe/London"),
        kdf_params=FAST_KDF,
        kdf_bounds=TEST_BOUNDS,
    )
    vault.create(PASSPHRASE)
    if kind == "demo":
        demo.fill_demo(vault)
    return vault


def settle() -> None:
    """Let resizes and the layouts they start finish."""
    for _ in range(3):
        QApplication.processEvents()


def show_at(window, key: str, width: int, height: int):
    """The window at width x height showing page `key`; returns the page."""
    window.resize(width, height)
    window.show_page_key(key)
    settle()
    page = window.page(key)
    assert page.isVisible()
    return page


def page_problems(window, sizes) -> dict[str, list[str]]:
    """Each page of `window` at each size: what layout_problems finds, by "page WxH"."""
    found = {}
    for width, height in sizes:
        for key in PAGES:
            problems = layout_problems(show_at(window, key, width, height))
            if problems:
                found[f"{key} {window.width()}x{window.height()}"] = problems
    return found
