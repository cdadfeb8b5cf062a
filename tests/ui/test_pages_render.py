"""Every page at 1024x700, light and dark, empty and with the demo's four months: nothing
clipped. A visible widget lies inside its parent, a layout never squeezes it below its
minimum size hint, and a one-line label's text fits its width."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QLabel,
    QToolBar,
    QWidget,
)

from reconcile_desktop.core import demo
from reconcile_desktop.core.clock import Clock
from reconcile_desktop.ui.shell.app import window_for
from reconcile_desktop.ui.widgets import theme
from reconcile_desktop.ui.workers import Runner
from tests.conftest import PASSPHRASE

PAGES = ("today", "journal", "plan", "nocontact")
NOW = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)


def _inside_scrolled_content(widget: QWidget) -> bool:
    """Widgets a scroll area or an item view moves about on purpose (scrolled content,
    editors, header sections) are judged by their own area, not by the page's."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea | QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def _label_text(label: QLabel) -> str | None:
    if label.wordWrap() or label.textFormat() == Qt.TextFormat.RichText:
        return None
    text = label.text()
    if not text or "<" in text or "\n" in text or not label.pixmap().isNull():
        return None
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&") if label.buddy() else text


def clipped(root: QWidget) -> list[str]:
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.isWindow() or _inside_scrolled_content(widget):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QToolBar):
            continue  # a toolbar folds what does not fit into its overflow menu
        name = f"{type(widget).__name__}({widget.objectName() or widget.accessibleName()})"
        if not parent.rect().contains(widget.geometry()):
            problems.append(f"{name} {widget.geometry()} outside {type(parent).__name__}")
        managed = parent.layout() is not None and parent.layout().indexOf(widget) >= 0
        hint = widget.minimumSizeHint()
        if managed and hint.isValid():
            small_w = widget.width() < min(hint.width(), widget.maximumWidth())
            small_h = widget.height() < min(hint.height(), widget.maximumHeight())
            if (small_w or small_h) and widget.minimumSize().isNull():
                problems.append(f"{name} {widget.size()} below its minimum {hint}")
        if isinstance(widget, QLabel):
            text = _label_text(widget)
            rect: QRect = widget.contentsRect()
            if text and widget.fontMetrics().horizontalAdvance(text) > rect.width():
                problems.append(f"{name} text {text!r} wider than {rect.width()}")
    return problems


@pytest.fixture(scope="module")
def vaults(tmp_path_factory):
    from reconcile_desktop.core.storage.vault import Vault
    from tests.conftest import FAST_KDF, TEST_BOUNDS

    made = {}
    for kind in ("empty", "demo"):
        clock = Clock(fixed=NOW, zone="Europe/London")
        folder = tmp_path_factory.mktemp(kind)
        vault = Vault(folder, clock=clock, kdf_params=FAST_KDF, kdf_bounds=TEST_BOUNDS)
        vault.create(PASSPHRASE)
        if kind == "demo":
            demo.fill_demo(vault)
        made[kind] = vault
    yield made
    for vault in made.values():
        vault.close()


@pytest.fixture
def scheme_app(qapp):
    style, palette = qapp.style().name(), qapp.palette()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", ["empty", "demo"])
def test_every_page_fits_at_1024_by_700(
    qtbot, scheme_app, vaults, settings, tmp_path, kind, scheme
):
    theme.apply_theme(scheme_app, scheme)
    vault = vaults[kind]
    runner = Runner()
    window = window_for(vault, settings, backup_dir=tmp_path / "backups", runner=runner)
    qtbot.addWidget(window)
    window.resize(1024, 700)
    window.show()
    window.refresh_pages()
    try:
        found = {}
        for key in PAGES:
            window.show_page_key(key)
            page = window.page(key)
            qtbot.waitUntil(lambda p=page: p.isVisible() and p.width() > 600)
            scheme_app.processEvents()
            problems = clipped(page)
            if problems:
                found[key] = problems
        assert found == {}
    finally:
        window.clear_sensitive()
        runner.wait()


def test_the_check_sees_a_squeezed_widget_and_a_cut_label(qtbot):
    from PySide6.QtWidgets import QHBoxLayout, QPushButton

    box = QWidget()
    qtbot.addWidget(box)
    row = QHBoxLayout(box)
    label = QLabel("A sentence far too long for the room it was given here")
    button = QPushButton("A button with a long caption")
    row.addWidget(label)
    row.addWidget(button)
    box.setFixedSize(160, 40)
    box.show()
    qtbot.waitUntil(box.isVisible)
    problems = clipped(box)
    assert any("wider than" in p for p in problems)
    assert any("QPushButton" in p and "below its minimum" in p for p in problems)
