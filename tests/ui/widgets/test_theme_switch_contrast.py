"""Switching light -> dark -> light while the app runs keeps the chosen row readable in every
list with its own delegate: the colours are read from the pixels actually painted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QGuiApplication, QImage

from reconcile_desktop.ui.pages.journal.entry_delegate import DATE_W, HEADER_H, PAD
from reconcile_desktop.ui.widgets import theme
from tests.ui.conftest import contrast, demo_window

ICON_ROOM = 40  # the check-in glyph and its gap, left of the text


@pytest.fixture
def restore_theme(qapp):
    style, palette = qapp.style().name(), qapp.palette()
    yield
    qapp.setProperty("reconcileScheme", None)
    hints = QGuiApplication.styleHints()
    if hasattr(hints, "unsetColorScheme"):
        hints.unsetColorScheme()
    qapp.setStyle(style)
    qapp.setPalette(palette)


def painted(view) -> tuple[QImage, QRect]:
    """The view's viewport as painted now, and where its current row is."""
    rect = view.visualRect(view.currentIndex())
    assert rect.isValid() and rect.height() > 20
    return view.viewport().grab().toImage(), rect


def background_and_ink(image: QImage, back_at: QPoint, text: QRect) -> tuple[str, str]:
    """The row's background (at an empty spot) and, inside `text`, the pixel that stands out
    from it most: the core of a glyph stroke, which carries the full text colour."""
    back = image.pixelColor(back_at).name()
    best, ink = 0.0, back
    for y in range(text.top(), text.bottom() + 1):
        for x in range(text.left(), text.right() + 1):
            colour = image.pixelColor(x, y).name()
            ratio = contrast(colour, back)
            if ratio > best:
                best, ink = ratio, colour
    return back, ink


def two_line_areas(view, row: QRect) -> tuple[QPoint, QRect]:
    """An empty corner of a TwoLineDelegate row, and its title line (beside any glyph)."""
    height = view.fontMetrics().height()
    left = 10 if view.item(view.currentRow()).icon().isNull() else ICON_ROOM
    title = QRect(row.left() + left, row.top() + 7, min(220, row.width() - left - 20), height)
    return QPoint(row.right() - 3, row.top() + 3), title


def entry_areas(view, row: QRect) -> tuple[QPoint, QRect]:
    """An empty corner of a journal row (below its month heading, if it has one), and the day
    number, drawn in the text colour."""
    top = row.top() + (HEADER_H if view.model().section_at(view.currentIndex().row()) else 0)
    return QPoint(row.right() - 3, top + 3), QRect(row.left() + PAD, top + 8, DATE_W, 30)


def readable_rows(window) -> dict[str, tuple[str, str]]:
    plan, today, journal = (window.page(k) for k in ("plan", "today", "journal"))
    views = {
        "goals": (plan, plan.goals_list, two_line_areas),
        "plan check-in": (plan, plan.checkin.view, two_line_areas),
        "today check-in": (today, today.checkins.view, two_line_areas),
        "journal": (journal, journal.list, entry_areas),
    }
    found = {}
    for name, (page, view, areas) in views.items():
        window.show_page_key(page.key)
        image, row = painted(view)
        found[name] = background_and_ink(image, *areas(view, row))
    return found


def test_the_chosen_row_stays_readable_across_theme_switches(
    qtbot, qapp, restore_theme, make_app, make_vault, existing_vault_dir
):
    window = demo_window(qtbot, make_app, make_vault, existing_vault_dir)
    plan, today, journal = (window.page(k) for k in ("plan", "today", "journal"))
    for page in (plan, today, journal):
        window.show_page_key(page.key)  # a page loads what it shows when it is shown
    plan.goals_list.setCurrentRow(1)
    plan.checkin.view.setCurrentRow(0)
    today.checkins.view.setCurrentRow(0)
    journal.list.setCurrentIndex(journal.list.model().index(1, 0))
    assert plan.checkin.view.count() and today.checkins.view.count()

    views = (plan.goals_list, plan.checkin.view, today.checkins.view, journal.list)
    menu = window.view_menu.actions()[-1].menu()
    menu.aboutToShow.emit()
    choices = {a.data(): a for a in menu.actions()}
    for scheme in ("light", "dark", "light"):
        choices[scheme].trigger()
        dark = scheme == "dark"
        text = QColor(theme.colors(dark)["text"])
        # Qt hands a new palette down at once, or (leaving "system") from a posted event.
        qtbot.waitUntil(lambda text=text: all(v.palette().text().color() == text for v in views))
        tint = theme.colors(dark)["selected"]
        for name, (back, ink) in readable_rows(window).items():
            where = f"{name} after switching to {scheme}"
            assert back == tint, f"{where}: the other theme's tint"
            assert contrast(ink, back) >= theme.AA_TEXT, f"{where}: {ink} on {back}"


@pytest.mark.parametrize("dark", [False, True])
def test_selection_colours_follow_the_palette_they_are_given(dark):
    pal = theme.build_palette(dark)
    tint, ink = theme.selection_colors(pal)
    assert tint.name() == theme.colors(dark)["selected"]
    assert contrast(ink.name(), tint.name()) >= theme.AA_TEXT
    soft = theme.muted_on(tint, ink)
    assert soft != ink and contrast(soft.name(), tint.name()) >= theme.AA_TEXT
    drawn = theme.with_selection(pal)
    assert drawn.highlight().color() == tint and drawn.highlightedText().color() == ink
