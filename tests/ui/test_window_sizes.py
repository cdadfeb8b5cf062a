"""The defects seen in small windows, each at the size it was seen: a cut-off column, mood
buttons shrunk to slivers, chart tabs gone, statistics cut off, charts crushed to strips; and
how the window makes room (a folding sidebar, a minimum size every page fits)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt

from reconcile_desktop.ui.pages.plans.page import CHARTS_MIN_HEIGHT
from reconcile_desktop.ui.shell.app import window_for
from reconcile_desktop.ui.shell.main_window import (
    FOLDED_SIDEBAR_WIDTH,
    MINIMUM_SIZE,
    SIDEBAR_WIDTH,
)
from reconcile_desktop.ui.workers import Runner
from tests.ui.layout_check import layout_problems, make_vault, settle, show_at


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory):
    vault = make_vault(tmp_path_factory.mktemp("demo"), "demo")
    yield vault
    vault.close()


@pytest.fixture
def window(qtbot, demo_vault, settings, tmp_path):
    runner = Runner()
    window = window_for(demo_vault, settings, backup_dir=tmp_path / "backups", runner=runner)
    qtbot.addWidget(window)
    window.show()
    window.refresh_pages()
    yield window
    window.clear_sensitive()
    runner.wait()


def place_in(widget, ancestor) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def test_todays_prompt_and_mood_move_below_the_steps_in_a_narrow_window(window):
    page = show_at(window, "today", 700, 500)
    viewport = page.mood_note.parentWidget()
    while viewport.objectName() != "qt_scrollarea_viewport":
        viewport = viewport.parentWidget()
    steps, prompt = place_in(page.checkins, viewport), place_in(page.write_button, viewport)
    assert prompt.top() > steps.bottom()  # below the steps, not beside them
    for widget in (page.checkins, page.write_button, page.mood_note):
        assert place_in(widget, viewport).right() <= viewport.width()  # nothing cut off
    for button in page.mood_group.buttons():
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text()) + 8

    page = show_at(window, "today", 1280, 800)
    steps, prompt = place_in(page.checkins, viewport), place_in(page.write_button, viewport)
    assert prompt.left() > steps.right()  # two columns where they fit


def test_journal_mood_buttons_and_captions_keep_their_width_at_700_by_500(window):
    page = show_at(window, "journal", 700, 500)
    editor = page.editor
    for button in editor.mood.buttons:
        assert button.width() >= button.sizeHint().height()  # not a sliver
        assert editor.mood.rect().contains(button.geometry())
    for button in (editor.read_button, editor.trash_button):
        text_width = button.fontMetrics().horizontalAdvance(button.text())
        assert button.width() >= text_width + 8, button.text()
    kind = editor.kind_label
    assert kind.width() >= kind.fontMetrics().horizontalAdvance(kind.text())
    assert editor.width() >= editor.minimumSizeHint().width()


def test_plan_chart_tabs_stay_at_700_by_500(window):
    page = show_at(window, "plan", 700, 500)
    bar = page.charts.tabs.tabBar()
    assert bar.isVisible()
    for index in range(bar.count()):
        assert bar.rect().contains(bar.tabRect(index)), bar.tabText(index)
    assert page.charts.tabs.width() >= page.charts.tabs.minimumSizeHint().width()


def test_plan_charts_keep_a_readable_height_and_the_page_scrolls_at_1024_by_420(window):
    page = show_at(window, "plan", 1024, 420)
    assert page.charts.height() >= CHARTS_MIN_HEIGHT
    for canvas in page.charts.canvases:
        assert canvas.minimumHeight() <= canvas.height() or not canvas.isVisible()
    scroll = page.stack.parentWidget().parentWidget()
    assert scroll.verticalScrollBar().maximum() > 0


def test_no_contact_statistics_stay_in_view_at_700_by_500(window):
    page = show_at(window, "nocontact", 700, 500)
    holder = page.stack.parentWidget()
    viewport = holder.parentWidget()
    assert holder.width() <= viewport.width()  # no sideways scrolling
    for value in page.values.values():
        place = place_in(value, viewport)
        assert place.right() <= viewport.width(), value.objectName()
        assert value.width() >= value.fontMetrics().horizontalAdvance(value.text())
    assert page.columns.folded  # the statistics moved below the rings


def test_the_sidebar_folds_to_icons_in_a_narrow_window_and_keeps_their_names(window):
    window.resize(1280, 800)
    assert window._side.width() == SIDEBAR_WIDTH
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert all(titles)

    show_at(window, "today", 800, 600)
    assert window.sidebar_folded
    assert window._side.width() == FOLDED_SIDEBAR_WIDTH
    for index, title in enumerate(titles):
        item = window.nav.item(index)
        assert item.text() == ""
        assert item.data(Qt.ItemDataRole.AccessibleTextRole) == title
        assert title in item.toolTip()
        assert not item.icon().isNull()
    assert window.lock_button.text()  # the Lock button keeps its word

    window.resize(1280, 800)
    assert not window.sidebar_folded
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == titles


def test_the_window_is_never_smaller_than_every_page_fits(window):
    assert window.minimumSize() == MINIMUM_SIZE
    window.resize(300, 200)
    assert window.width() >= MINIMUM_SIZE.width()
    assert window.height() >= MINIMUM_SIZE.height()


def test_the_journal_calendar_fits_a_short_window_after_a_narrow_one(window):
    page = window.page("journal")
    found = {}
    for size in ((700, 500), (1024, 420)):
        show_at(window, "journal", *size)
        page.show_calendar(True)
        settle()
        found[size] = layout_problems(page)
    page.show_calendar(False)
    assert found == {(700, 500): [], (1024, 420): []}
