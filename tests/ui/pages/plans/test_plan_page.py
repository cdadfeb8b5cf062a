"""The Change plan page: goals, the day's check-in, slips and their follow-up, the charts."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QWidget,
)

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.ui.pages.plans.checkin_list import BADGE_ROLE, SUBTITLE_ROLE, CheckInList
from reconcile_desktop.ui.pages.plans.page import ChangePlanPage
from reconcile_desktop.ui.widgets import theme
from tests.conftest import PASSPHRASE
from tests.ui.conftest import click, run_python

NOW = dt.datetime(2025, 3, 14, 17, 0, tzinfo=dt.UTC)  # Friday 14 March, 18:00 in Berlin
TODAY = dt.date(2025, 3, 14)


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


@pytest.fixture
def clock():
    return Clock(fixed=NOW, zone="Europe/Berlin")


@pytest.fixture
def vault(make_vault, clock):
    v = make_vault(clock=clock)
    v.create(PASSPHRASE)
    return v


def mark_back(vault, clock, commitment_id, day, state):
    """A check-in on a day further back than the correction window: move the clock there."""
    real = clock.fixed
    clock.fixed = real - dt.timedelta(days=(TODAY - day).days)
    try:
        plans.check_in(vault, commitment_id, state, day=day)
    finally:
        clock.fixed = real


@pytest.fixture
def plan(vault, clock):
    """Two goals: a daily one with three weeks of history, and one that must stop."""
    start = days_ago(20)
    listen = plans.add_goal(vault, "Listen without defending", principle="empathy", start=start)
    ask = plans.add_commitment(vault, listen.id, "Ask how her day was", "daily", start=start)
    for i in range(1, 21):
        mark_back(vault, clock, ask.id, days_ago(i), "slipped" if i % 5 == 0 else "kept")
    stop = plans.add_goal(
        vault,
        "No shouting",
        start=start,
        must_stop=True,
        support_note="Anger group on Thursdays; call Sam when it builds.",
    )
    walk = plans.add_commitment(vault, stop.id, "Step away and breathe", "daily", start=start)
    mark_back(vault, clock, walk.id, days_ago(3), "slipped")
    return {"listen": listen, "ask": ask, "stop": stop, "walk": walk}


@pytest.fixture
def make_page(qtbot, vault, clock, ops):
    def factory() -> ChangePlanPage:
        page = ChangePlanPage(vault, clock, ops)
        ops.changed.connect(page.refresh)  # what the window does for the page on screen
        qtbot.addWidget(page)
        page.resize(1024, 700)
        page.refresh()
        page.show()
        qtbot.waitExposed(page)
        return page

    return factory


def settled(qtbot, page):
    qtbot.waitUntil(lambda: page.charts.settled)


def steps_chart(qtbot, page):
    qtbot.waitUntil(lambda: page.charts.settled and page.charts.steps_chart is not None)
    return page.charts.steps_chart


def net_line(chart):
    (line,) = chart.figure.findobj(lambda a: a.get_gid() == "net_steps")
    return line


def row_of(page, action: str) -> int:
    return next(i for i, it in enumerate(page.checkin.items) if it.commitment.action == action)


def state_on(vault, commitment_id, day=TODAY):
    return next(i.state for i in plans.day_items(vault, day) if i.commitment.id == commitment_id)


# -- goals -------------------------------------------------------------------------------------


def test_without_goals_a_warm_empty_state_offers_the_first_one(qtbot, make_page):
    page = make_page()
    assert page.stack.currentIndex() == 0
    assert page.first_goal_button.isVisible()
    click(qtbot, page.first_goal_button)
    qtbot.waitUntil(lambda: page.goal_dialog is not None and page.goal_dialog.isVisible())
    assert page.goal_dialog.windowTitle() == "New goal"
    page.goal_dialog.reject()


def test_a_goal_and_its_commitment_are_created_through_the_dialog(qtbot, make_page, vault):
    page = make_page()
    click(qtbot, page.first_goal_button)
    dialog = page.goal_dialog
    qtbot.keyClicks(dialog.title_field, "Keep my word")
    dialog.why.setPlainText("I promised things and did not do them.")
    dialog.principle.setCurrentIndex(dialog.principle.findData("accountability"))
    dialog.support.setPlainText("My brother checks in on Sundays.")
    editor = dialog.editors[0]
    qtbot.keyClicks(editor.action, "Do one thing I said I would")
    editor.kind.setCurrentIndex(1)  # on chosen days
    assert editor.day_boxes[0].isVisible() and not editor.per_week.isVisible()
    editor.day_boxes[0].setChecked(True)  # Monday
    editor.day_boxes[4].setChecked(True)  # Friday
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()

    assert not dialog.isVisible()
    (goal,) = plans.goals(vault)
    assert (goal.title, goal.principle, goal.support_note) == (
        "Keep my word",
        "accountability",
        "My brother checks in on Sundays.",
    )
    (c,) = plans.commitments(vault, goal.id)
    assert c.action == "Do one thing I said I would"
    assert (c.schedule.kind, c.schedule.weekdays) == ("weekdays", frozenset({0, 4}))
    assert page.stack.currentIndex() == 1
    assert page.selected_goal_id() == goal.id
    assert "Do one thing I said I would" in page.commitments_label.text()
    # Today is a Friday, so it is due.
    assert [i.commitment.id for i in page.checkin.items] == [c.id]


def test_the_dialog_explains_a_problem_and_stays_open(qtbot, make_page, vault):
    page = make_page()
    dialog = page.open_goal_dialog()
    qtbot.keyClicks(dialog.title_field, "Be patient")
    editor = dialog.editors[0]
    qtbot.keyClicks(editor.action, "Wait before answering")
    editor.kind.setCurrentIndex(1)  # chosen days, but none chosen
    dialog.accept()
    assert dialog.isVisible() and "at least one day" in dialog.status.text()
    assert plans.goals(vault) == []
    dialog.reject()


def test_a_save_that_fails_half_way_saves_nothing_keeps_the_form_and_can_be_retried(
    qtbot, make_page, vault, monkeypatch
):
    from reconcile_desktop.core.errors import InvalidInput

    real = plans.add_commitment
    calls = []

    def refuse_once(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise InvalidInput("The disk is full, so this could not be saved.")
        return real(*args, **kwargs)

    monkeypatch.setattr(plans, "add_commitment", refuse_once)
    page = make_page()
    dialog = page.open_goal_dialog()
    qtbot.keyClicks(dialog.title_field, "Keep my word")
    qtbot.keyClicks(dialog.editors[0].action, "Do one thing I said I would")
    save = dialog.buttons.button(dialog.buttons.StandardButton.Save)
    dialog.accept()
    assert not save.isEnabled()  # while it is being written
    qtbot.waitUntil(lambda: dialog.status.text() != "")
    assert dialog.isVisible() and "disk is full" in dialog.status.text()
    assert save.isEnabled() and dialog.editors[0].action.text() == "Do one thing I said I would"
    assert plans.goals(vault) == []  # all of it or nothing
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    (goal,) = plans.goals(vault)
    assert [c.action for c in plans.commitments(vault, goal.id)] == ["Do one thing I said I would"]


def test_goal_dialog_tab_order_follows_the_form(qtbot, make_page, plan):
    page = make_page()
    dialog = page.open_goal_dialog(plan["listen"])
    editor = dialog.editors[0]
    expected = [
        dialog.title_field,
        dialog.why,
        dialog.principle,
        dialog.start,
        dialog.status_box,
        dialog.support,
        dialog.must_stop,
        editor.action,
        editor.remove_button,
        editor.kind,
        dialog.add_button,
    ]
    seen: list[QWidget] = []
    w = dialog.title_field
    for _ in range(200):
        if w in expected and w not in seen:
            seen.append(w)
        w = w.nextInFocusChain()
    assert seen == expected
    dialog.reject()


def test_editing_a_schedule_keeps_the_past_and_archiving_keeps_history(
    qtbot, make_page, vault, plan
):
    page = make_page()
    page.select_goal(plan["listen"].id)
    click(qtbot, page.edit_button)
    dialog = page.goal_dialog
    (editor,) = dialog.editors
    editor.kind.setCurrentIndex(2)  # some days a week
    editor.per_week.setValue(4)
    new = dialog.add_commitment()
    qtbot.keyClicks(new.action, "Write to my sister")
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()

    (h,) = [h for h in plans.histories_for(vault) if h.id == plan["ask"].id]
    assert [(s.valid_from, s.kind) for s in h.schedules] == [
        (days_ago(20), "daily"),
        (TODAY, "per_week"),
    ]
    assert len(h.checkins) == 20  # untouched

    page.open_goal_dialog(plans.get_goal(vault, plan["listen"].id))
    dialog = page.goal_dialog
    editor = next(e for e in dialog.editors if e.commitment.id == plan["ask"].id)
    click(qtbot, editor.remove_button)
    assert editor.archived_note.isVisibleTo(dialog)
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    actions = [c.action for c in plans.commitments(vault, plan["listen"].id)]
    assert actions == ["Write to my sister"]
    (h,) = [h for h in plans.histories_for(vault) if h.id == plan["ask"].id]
    assert len(h.checkins) == 20 and h.end == days_ago(1)


def test_pausing_a_goal_takes_it_off_the_day_and_resuming_brings_it_back(
    qtbot, make_page, vault, plan
):
    page = make_page()
    page.select_goal(plan["listen"].id)
    assert page.pause_button.text() == "Pause goal"
    with qtbot.waitSignal(page.ops.changed):
        click(qtbot, page.pause_button)
    assert plans.get_goal(vault, plan["listen"].id).status == "paused"
    assert plan["ask"].id not in [i.commitment.id for i in page.checkin.items]
    assert page.selected_goal_id() == plan["listen"].id
    assert page.pause_button.text() == "Resume goal"
    with qtbot.waitSignal(page.ops.changed):
        click(qtbot, page.pause_button)
    assert plans.get_goal(vault, plan["listen"].id).status == "active"
    assert plan["ask"].id in [i.commitment.id for i in page.checkin.items]


# -- the day -----------------------------------------------------------------------------------


def test_keyboard_marks_kept_and_the_steps_chart_moves(qtbot, make_page, vault, plan):
    page = make_page()
    page.select_goal(plan["listen"].id)
    chart = steps_chart(qtbot, page)
    before = net_line(chart).get_ydata()[-1]
    kept_before = page.charts.series.kept[-1]

    view = page.checkin.view
    view.setFocus()
    view.setCurrentRow(row_of(page, "Ask how her day was"))
    with qtbot.waitSignal(page.checkin.marked):
        qtbot.keyClick(view, Qt.Key.Key_K)
        assert view.item(view.currentRow()).data(BADGE_ROLE) == "Kept"  # at once, pending

    assert state_on(vault, plan["ask"].id) == "kept"
    assert view.item(view.currentRow()).data(BADGE_ROLE) == "Kept"
    settled(qtbot, page)
    assert page.charts.steps_chart is chart  # updated in place
    assert page.charts.series.kept[-1] == kept_before + 1
    assert net_line(chart).get_ydata()[-1] == before + 1


def test_keys_cycle_clear_and_move(qtbot, make_page, vault, plan):
    page = make_page()
    view = page.checkin.view
    view.setFocus()
    first = row_of(page, "Ask how her day was")
    view.setCurrentRow(first)
    ask = plan["ask"].id
    with qtbot.waitSignal(page.checkin.marked):
        qtbot.keyClick(view, Qt.Key.Key_Space)
    assert state_on(vault, ask) == "kept"
    with qtbot.waitSignal(page.checkin.marked):
        qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert state_on(vault, ask) is None
    assert view.item(first).data(BADGE_ROLE) == "Not marked yet"
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentRow() == first + 1
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentRow() == first
    assert "K: kept" in view.toolTip() and "Delete" in view.toolTip()


def test_a_note_is_saved_with_the_mark(qtbot, make_page, vault, plan):
    page = make_page()
    page.checkin.view.setCurrentRow(row_of(page, "Ask how her day was"))
    with qtbot.waitSignal(page.checkin.marked):
        click(qtbot, page.checkin.kept_button)
    qtbot.keyClicks(page.checkin.note, "She laughed about the cat")
    with qtbot.waitSignal(page.ops.changed):
        qtbot.keyClick(page.checkin.note, Qt.Key.Key_Return)
    (item,) = [i for i in plans.day_items(vault) if i.commitment.id == plan["ask"].id]
    assert (item.state, item.note) == ("kept", "She laughed about the cat")


def test_a_slip_offers_a_follow_up_saved_as_a_linked_journal_entry(qtbot, make_page, vault, plan):
    page = make_page()
    view = page.checkin.view
    view.setFocus()
    view.setCurrentRow(row_of(page, "Step away and breathe"))
    qtbot.keyClick(view, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: page.slip_dialog is not None and page.slip_dialog.isVisible())
    assert state_on(vault, plan["walk"].id) == "slipped"
    dialog = page.slip_dialog
    assert dialog.support.isVisibleTo(dialog) and "call Sam" in dialog.support.text()
    qtbot.keyClicks(dialog.what_happened, "I was tired and snapped.")
    qtbot.keyClicks(dialog.next_time, "Leave the room earlier.")
    with qtbot.waitSignal(dialog.saved):
        click(qtbot, dialog.save_button)

    assert not dialog.isVisible()
    (entry,) = list(journal.iter_entries(vault))
    assert entry.id == dialog.entry_id
    assert entry.commitment_id == plan["walk"].id
    assert "I was tired and snapped." in entry.body and "Leave the room earlier." in entry.body
    assert entry.title == "After a slip: Step away and breathe"


def test_the_follow_up_can_be_skipped_and_writes_nothing(qtbot, make_page, vault, plan):
    page = make_page()
    page.checkin.view.setCurrentRow(row_of(page, "Step away and breathe"))
    click(qtbot, page.checkin.slipped_button)
    qtbot.waitUntil(lambda: page.slip_dialog is not None and page.slip_dialog.isVisible())
    click(qtbot, page.slip_dialog.skip_button)
    assert list(journal.iter_entries(vault)) == []
    assert state_on(vault, plan["walk"].id) == "slipped"  # the mark itself stays


def test_days_more_than_a_week_back_are_shown_read_only(qtbot, make_page, vault, plan):
    page = make_page()
    page.date_edit.setDate(QDate(days_ago(7)))
    assert page.checkin.day == days_ago(7) and not page.checkin.read_only
    assert not page.checkin.notice.isVisible()

    page.date_edit.setDate(QDate(days_ago(8)))
    assert page.checkin.day == days_ago(8) and page.checkin.read_only
    assert "up to a week back" in page.checkin.notice.text()
    assert page.checkin.notice.isVisible()
    view = page.checkin.view
    view.setCurrentRow(row_of(page, "Step away and breathe"))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_K)
    assert state_on(vault, plan["walk"].id, days_ago(8)) is None  # refused
    assert not page.checkin.kept_button.isEnabled()
    assert view.item(view.currentRow()).data(BADGE_ROLE) == "Not recorded"  # not a slip
    assert page.date_edit.maximumDate().toPython() == TODAY


def test_the_picker_does_not_go_back_further_than_a_week_for_a_new_plan(qtbot, make_page, vault):
    goal = plans.add_goal(vault, "Be kind", start=TODAY)
    plans.add_commitment(vault, goal.id, "Say thank you", "daily", start=days_ago(2))
    page = make_page()
    page.date_edit.setDate(QDate(days_ago(9)))
    assert page.checkin.day == days_ago(7)
    page.date_edit.setDate(QDate(TODAY + dt.timedelta(days=1)))
    assert page.checkin.day == TODAY


def test_an_unmarked_past_day_reads_not_recorded_distinct_from_a_slip(qtbot, make_page, plan):
    page = make_page()
    page.show_day(days_ago(3))
    badges = {
        it.commitment.action: page.checkin.view.item(i).data(BADGE_ROLE)
        for i, it in enumerate(page.checkin.items)
    }
    assert badges == {"Ask how her day was": "Kept", "Step away and breathe": "Slipped"}
    page.show_day(days_ago(2))
    assert page.checkin.view.item(row_of(page, "Step away and breathe")).data(BADGE_ROLE) == (
        "Not recorded"
    )


def test_the_check_in_list_works_on_its_own(qtbot, vault, clock, ops, plan):
    widget = CheckInList(vault, clock, ops, show_goals=False)
    qtbot.addWidget(widget)
    marks = []
    widget.marked.connect(lambda cid, state, day: marks.append((cid, state, day)))
    widget.set_day(TODAY)
    widget.view.setCurrentRow(0)
    with qtbot.waitSignal(widget.marked):
        qtbot.keyClick(widget.view, Qt.Key.Key_K)
    assert marks == [(widget.items[0].commitment.id, "kept", TODAY)]
    widget.clear()
    assert widget.view.count() == 0 and widget.day is None


# -- must stop, charts -------------------------------------------------------------------------


def test_a_must_stop_goal_shows_the_support_note_and_no_net_line(qtbot, make_page, plan):
    page = make_page()
    page.select_goal(plan["stop"].id)
    assert "call Sam" in page.support_label.text() and page.support_label.isVisible()
    assert page.help_note.isVisible() and "counsellor" in page.help_note.text()
    chart = steps_chart(qtbot, page)
    assert chart.must_stop and not net_line(chart).get_visible()
    stop_row = page.goals_list.item(2)
    assert "1 slip in its 21 days so far" in stop_row.data(SUBTITLE_ROLE)
    assert "strength" not in stop_row.data(SUBTITLE_ROLE)

    page.select_goal(plan["listen"].id)
    chart = steps_chart(qtbot, page)
    assert not chart.must_stop and net_line(chart).get_visible()
    assert not page.help_note.isVisible()


def test_range_and_theme_changes_update_the_steps_chart_in_place(qtbot, make_page, plan):
    page = make_page()
    page.select_goal(plan["listen"].id)
    chart = steps_chart(qtbot, page)
    # The goal began 20 days ago: no range reaches back before its first day.
    assert len(page.charts.series.days) == 21
    page.charts.set_range("90")
    settled(qtbot, page)
    assert page.charts.steps_chart is chart
    assert len(net_line(chart).get_xdata()) == 21
    page.charts.set_range("all")
    settled(qtbot, page)
    assert page.charts.series.days[0] == days_ago(20)

    light = chart.figure.get_facecolor()
    series = page.charts.series
    page.setPalette(theme.build_palette(True))
    qtbot.waitUntil(lambda: chart.figure.get_facecolor() != light)
    assert page.charts.steps_chart is chart
    settled(qtbot, page)
    assert page.charts.series is series  # new colours only: the days are not worked out again
    page.charts.set_range("30")
    settled(qtbot, page)
    assert len(page.charts.series.days) == 21 and len(net_line(chart).get_xdata()) == 21


def test_a_goal_made_today_is_described_truly_in_its_line_and_its_charts(qtbot, make_page, vault):
    from reconcile_desktop.core import chart_summaries

    stop = plans.add_goal(vault, "No shouting", must_stop=True, start=TODAY)
    plans.add_commitment(vault, stop.id, "Step away and breathe", "daily", start=TODAY)
    call = plans.add_commitment(vault, stop.id, "Call Sam when it builds", "daily", start=TODAY)
    plans.check_in(vault, call.id, "kept", day=TODAY)
    page = make_page()
    row = page.goals_list.item(1)
    assert "started today" in row.data(SUBTITLE_ROLE)
    assert "30 days" not in row.data(SUBTITLE_ROLE)
    page.select_goal(stop.id)
    chart = steps_chart(qtbot, page)
    panel = page.charts
    # A week is shown, its days before today shaded as before the start, not as zeros.
    assert panel.series.days[0] == days_ago(6)
    (shade, _) = [a for a in chart.figure.findobj() if a.get_gid() == "before_start"]
    assert shade.get_visible() and shade.get_width() == 6
    goals = plans.goals(vault, include_archived=True)
    cs = plans.commitments(vault, include_archived=True)
    hs = plans.histories_for(vault)
    inputs = chart_summaries.chart_inputs(stop, goals, cs, hs)
    texts = chart_summaries.plan_chart_texts(inputs, TODAY, 30, must_stop=True)
    assert panel.description(0) == texts.steps
    assert texts.steps.startswith("Today, its first day: no slips")
    panel.tabs.setCurrentIndex(2)
    settled(qtbot, page)
    values = [
        a.get_text() for a in panel.canvases[2].figure.findobj() if a.get_gid() == "rate_value"
    ]
    assert values == ["no slips in this range"] * 2  # a goal to stop: no shares, slips plainly
    assert panel.description(2) == texts.commitments
    assert panel.canvases[2].canvas.accessibleDescription() == texts.commitments
    panel.tabs.setCurrentIndex(1)
    settled(qtbot, page)
    assert panel.description(1) == texts.calendar


def test_a_commitment_due_today_and_not_marked_is_not_nothing_due(qtbot, make_page, vault):
    walk = plans.add_goal(vault, "Walk more", start=TODAY)
    plans.add_commitment(vault, walk.id, "Walk after lunch", "daily", start=TODAY)
    page = make_page()
    assert "started today" in page.goals_list.item(1).data(SUBTITLE_ROLE)
    page.select_goal(walk.id)
    panel = page.charts
    panel.tabs.setCurrentIndex(2)
    settled(qtbot, page)
    values = [
        a.get_text() for a in panel.canvases[2].figure.findobj() if a.get_gid() == "rate_value"
    ]
    assert values == ["due today, not marked yet"]
    assert "Walk after lunch, due today, not marked yet" in panel.description(2)


def test_calendar_and_rates_tabs_draw_when_shown(qtbot, make_page, plan):
    page = make_page()
    panel = page.charts
    assert panel.canvases[1].figure is None  # not drawn until its tab is opened
    panel.tabs.setCurrentIndex(1)
    settled(qtbot, page)
    assert panel.canvases[1].figure.findobj(lambda a: a.get_gid() == "heatmap")
    panel.tabs.setCurrentIndex(2)
    settled(qtbot, page)
    values = panel.canvases[2].figure.findobj(lambda a: a.get_gid() == "rate_value")
    assert len(values) == 2


def test_hovering_a_day_describes_it(qtbot, make_page, plan):
    from matplotlib.backend_bases import MouseEvent

    from reconcile_desktop.charts.progress_charts import describe_day

    page = make_page()
    page.select_goal(plan["listen"].id)
    chart = steps_chart(qtbot, page)
    canvas = page.charts.canvases[0].canvas
    canvas.draw()
    i = len(page.charts.series.days) - 2
    x, y = chart.bars_ax.transData.transform((i, 0.5))
    canvas.callbacks.process("motion_notify_event", MouseEvent("motion_notify_event", canvas, x, y))
    assert page.charts.hover_text == describe_day(page.charts.series, i)
    assert "Net steps so far" in page.charts.hover_text

    opened = []
    page.charts.day_clicked.connect(opened.append)
    press = MouseEvent("button_press_event", canvas, x, y, button=1)
    canvas.callbacks.process("button_press_event", press)
    assert opened == [days_ago(1)] and page.checkin.day == days_ago(1)


def test_charts_export_as_png_and_svg(qtbot, make_page, plan, tmp_path):
    page = make_page()
    steps_chart(qtbot, page)
    page.charts.export(tmp_path / "steps.png")
    assert (tmp_path / "steps.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    dialog = page.charts.ask_export()
    dialog.fileSelected.emit(str(tmp_path / "steps.svg"))
    assert b"<svg" in (tmp_path / "steps.svg").read_bytes()[:400]
    dialog.reject()


# -- lock --------------------------------------------------------------------------------------


def test_clear_sensitive_empties_the_view(qtbot, make_page, plan):
    page = make_page()
    page.select_goal(plan["stop"].id)
    steps_chart(qtbot, page)
    dialog = page.open_goal_dialog(plan["stop"])
    page.clear_sensitive()

    assert not page.loaded and not dialog.isVisible()
    assert page.goals_list.count() == 0 and page.checkin.view.count() == 0
    assert page.checkin.note.text() == ""
    for label in (page.detail_title, page.why_label, page.support_label):
        assert label.text() == ""
    assert all(c.figure is None for c in page.charts.canvases)
    assert page.charts.steps_chart is None and page.charts.series is None
    page.clear_sensitive()  # twice is fine
    page.refresh()
    assert page.goals_list.count() == 3


def test_closed_dialogs_are_forgotten_so_a_later_lock_still_clears(qtbot, make_page, plan):
    page = make_page()
    dialog = page.open_goal_dialog(plan["listen"])
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    assert page.goal_dialog is None
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the dialog is gone
    page.clear_sensitive()
    assert not page.loaded and page.goals_list.count() == 0


def test_matplotlib_waits_until_a_chart_is_shown(tmp_path):
    code = f"""
import sys
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.core.storage.vault import Vault
from reconcile_desktop.ui.pages.plans.page import ChangePlanPage
from tests.conftest import FAST_KDF, PASSPHRASE, TEST_BOUNDS
app = QApplication([])
vault = Vault({str(tmp_path / "data")!r}, kdf_params=FAST_KDF, kdf_bounds=TEST_BOUNDS)
vault.create(PASSPHRASE)
goal = plans.add_goal(vault, "Be kind")
plans.add_commitment(vault, goal.id, "Say thank you")
from reconcile_desktop.ui.ops import Ops
from reconcile_desktop.ui.workers import Runner
page = ChangePlanPage(vault, vault.clock, Ops(Runner()))
page.resize(1024, 700)
page.refresh()
before = "matplotlib" in sys.modules
page.show()
# matplotlib loads on a thread of its own; the chart is drawn once it is there.
while page.charts.steps_chart is None:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
print(before, "matplotlib" in sys.modules, page.charts.settled)
page.clear_sensitive()
vault.close()
"""
    assert run_python(code) == "False True True"


def test_controls_have_accessible_names(qtbot, make_page, plan):
    page = make_page()
    page.open_goal_dialog(plan["listen"])
    for root in (page, page.goal_dialog):
        for w in root.findChildren(QAbstractButton) + root.findChildren(QLineEdit):
            inner = isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox | QTabBar)
            if w.isVisibleTo(root) and not inner:  # parts of a compound control
                assert w.accessibleName() or w.text(), w
        for w in root.findChildren(QPlainTextEdit):
            assert w.accessibleName()
    page.goal_dialog.reject()


def test_what_is_strength_opens_core_words_from_the_keyboard(qtbot, make_page, plan):
    from reconcile_desktop.core.plans import strength_note

    page = make_page()
    link = page.strength_help
    assert link.isVisible() and link.accessibleName() == "What is strength?"
    assert link.focusPolicy() & Qt.FocusPolicy.TabFocus
    # It sits beside the figures it explains: right under the goals list.
    assert "strength" in page.goals_list.item(1).data(SUBTITLE_ROLE)
    link.setFocus()
    qtbot.keyClick(link, Qt.Key.Key_Space)
    popup = link.popup
    qtbot.waitUntil(lambda: popup is not None and popup.isVisible())
    assert popup.accessibleName() == "What is strength?"
    assert popup.body.text() == strength_note.TEXT  # the same words as the CLI and README
    assert popup.body.height() >= popup.body.heightForWidth(popup.body.width())  # not cut off
    qtbot.keyClick(popup.close_button, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not popup.isVisible())
    qtbot.keyClick(link, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: link.popup.isVisible())
    click(qtbot, link.popup.close_button)
    qtbot.waitUntil(lambda: not link.popup.isVisible())


@pytest.mark.parametrize("size", [(263, 190), (220, 170)])
def test_small_windows_draw_every_chart_without_collapsing(qtbot, vault, clock, plan, size):
    """The charts panel as a 500x350 window leaves it (263 pixels wide), and narrower.
    filterwarnings=error: matplotlib's "constrained_layout not applied" fails a draw."""
    from reconcile_desktop.ui.pages.plans.charts_panel import ChartsPanel

    panel = ChartsPanel(vault, clock)
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    goals = plans.goals(vault)
    for goal in (None, *goals):
        panel.show_goal(goal)
        for tab in range(3):
            panel.tabs.setCurrentIndex(tab)
            qtbot.waitUntil(lambda: panel.settled)
            canvas = panel.canvases[tab].canvas
            canvas.figure.set_size_inches(size[0] / 100, 1.64)
            canvas.draw()  # laid out and drawn at this size
            assert all(ax.get_position().width > 0 for ax in canvas.figure.axes)
