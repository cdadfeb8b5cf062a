"""The last seven days of each commitment in rows: seen at a glance and marked with the
arrow keys and K, S, Space or Delete, Loop Habit Tracker style."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.ui.pages.plans.page import ChangePlanPage
from tests.conftest import PASSPHRASE

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


@pytest.fixture
def plan(vault):
    """A daily step with a week of marks, a must-stop one, and one due on Mondays only."""
    listen = plans.add_goal(vault, "Listen without defending", start=days_ago(20))
    ask = plans.add_commitment(vault, listen.id, "Ask how her day was", "daily", start=days_ago(20))
    for i in range(1, 7):
        plans.check_in(vault, ask.id, "slipped" if i == 2 else "kept", day=days_ago(i))
    plans.check_in(vault, ask.id, "kept", day=days_ago(3), note="She laughed")
    stop = plans.add_goal(vault, "No shouting", start=days_ago(20), must_stop=True)
    walk = plans.add_commitment(
        vault, stop.id, "Step away and breathe", "daily", start=days_ago(20)
    )
    monday = plans.add_commitment(vault, listen.id, "Call my sister", "mon", start=days_ago(20))
    return {"ask": ask.id, "walk": walk.id, "monday": monday.id}


@pytest.fixture
def page(qtbot, vault, clock, ops, plan):
    page = ChangePlanPage(vault, clock, ops)
    ops.changed.connect(page.refresh)  # what the window does for the page on screen
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.refresh()
    page.show()
    qtbot.waitExposed(page)
    return page


def state_on(vault, commitment_id, day):
    items = [i for i in plans.day_items(vault, day) if i.commitment.id == commitment_id]
    return items[0].state if items else None


def cell(grid, commitment_id, day):
    return grid.view.item(grid.rows.index(commitment_id), grid.days.index(day))


def spoken(grid, commitment_id, day) -> str:
    return cell(grid, commitment_id, day).data(Qt.ItemDataRole.AccessibleTextRole)


def test_the_week_shows_seven_days_of_every_step_in_rows(qtbot, page, plan):
    grid = page.week
    qtbot.keyClick(page.day_tabs, Qt.Key.Key_Right)  # the tabs switch with the arrow keys
    assert page.day_views.currentWidget() is grid and grid.isVisible()
    assert not page.date_edit.isVisible()  # the week always ends today
    assert grid.days == [days_ago(i) for i in range(6, -1, -1)]
    assert set(grid.rows) == {plan["ask"], plan["walk"], plan["monday"]}
    assert spoken(grid, plan["ask"], days_ago(1)).endswith(": Kept")
    assert spoken(grid, plan["ask"], days_ago(2)).endswith(": Slipped")
    assert spoken(grid, plan["walk"], days_ago(1)).endswith(": Not recorded")
    assert spoken(grid, plan["ask"], TODAY).endswith(": Not marked yet")
    assert "Ask how her day was, Thursday 13 March" in spoken(grid, plan["ask"], days_ago(1))
    monday = days_ago(TODAY.weekday())  # 10 March
    assert spoken(grid, plan["monday"], monday).endswith(": Not recorded")
    assert spoken(grid, plan["monday"], days_ago(1)).endswith(": Not planned for this day")


def test_arrow_keys_move_between_days_and_k_s_space_delete_mark(qtbot, page, vault, plan):
    grid = page.week
    page.show_week()
    grid.view.setFocus()
    assert grid.current_key() == (grid.rows[0], TODAY)
    grid.select(plan["ask"], TODAY)
    qtbot.keyClick(grid.view, Qt.Key.Key_Left)
    qtbot.keyClick(grid.view, Qt.Key.Key_Left)
    assert grid.current_key() == (plan["ask"], days_ago(2))
    with qtbot.waitSignal(grid.marked):
        qtbot.keyClick(grid.view, Qt.Key.Key_K)  # a slip two days back, corrected
    assert state_on(vault, plan["ask"], days_ago(2)) == "kept"
    qtbot.keyClick(grid.view, Qt.Key.Key_Right)
    with qtbot.waitSignal(grid.marked):
        qtbot.keyClick(grid.view, Qt.Key.Key_Delete)
    assert state_on(vault, plan["ask"], days_ago(1)) is None
    qtbot.keyClick(grid.view, Qt.Key.Key_Right)
    with qtbot.waitSignal(grid.marked):
        qtbot.keyClick(grid.view, Qt.Key.Key_Space)
    assert state_on(vault, plan["ask"], TODAY) == "kept"
    assert spoken(grid, plan["ask"], TODAY).endswith(": Kept")  # read again after the write
    assert page.checkin.items[0].state == "kept"  # and the day's list heard of it too


def test_changing_a_mark_in_the_week_keeps_its_note(qtbot, page, vault, plan):
    grid = page.week
    page.show_week()
    grid.select(plan["ask"], days_ago(3))
    with qtbot.waitSignal(grid.marked):
        qtbot.keyClick(grid.view, Qt.Key.Key_S)
    (item,) = [i for i in plans.day_items(vault, days_ago(3)) if i.commitment.id == plan["ask"]]
    assert (item.state, item.note) == ("slipped", "She laughed")


def test_a_slip_in_the_week_on_a_must_stop_goal_opens_the_follow_up(qtbot, page, vault, plan):
    grid = page.week
    page.show_week()
    grid.select(plan["walk"], days_ago(1))
    qtbot.keyClick(grid.view, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: page.slip_dialog is not None and page.slip_dialog.isVisible())
    assert state_on(vault, plan["walk"], days_ago(1)) == "slipped"
    assert page.slip_dialog.day == days_ago(1)


def test_a_day_that_asks_nothing_cannot_be_marked(qtbot, page, vault, plan):
    grid = page.week
    page.show_week()
    grid.select(plan["monday"], days_ago(1))
    qtbot.keyClick(grid.view, Qt.Key.Key_K)
    qtbot.keyClick(grid.view, Qt.Key.Key_Space)
    assert state_on(vault, plan["monday"], days_ago(1)) is None
    assert grid.item_at(plan["monday"], days_ago(1)) is None


def test_enter_opens_the_day_on_that_step_and_the_tabs_keep_the_place(qtbot, page, plan):
    grid = page.week
    page.show_week()
    grid.view.setFocus()
    grid.select(plan["walk"], days_ago(4))
    qtbot.keyClick(grid.view, Qt.Key.Key_Return)
    assert page.checkin.isVisible() and not grid.isVisible()
    assert page.checkin.day == days_ago(4)
    assert page.checkin.current_commitment_id() == plan["walk"]
    page.checkin.view.setCurrentRow(page.checkin.row_of(plan["ask"]))
    page.show_week()
    assert grid.current_key() == (plan["ask"], days_ago(4))


def test_locking_forgets_the_week(qtbot, page, plan):
    page.show_week()
    page.clear_sensitive()
    assert page.week.view.rowCount() == 0 and page.week.rows == []


def test_left_and_right_in_the_days_list_go_to_the_day_before_and_after(qtbot, page, vault, plan):
    view = page.checkin.view
    view.setFocus()
    view.setCurrentRow(page.checkin.row_of(plan["ask"]))
    qtbot.keyClick(view, Qt.Key.Key_Left)
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert page.checkin.day == days_ago(2)
    assert page.date_edit.date().toPython() == days_ago(2)
    assert page.checkin.current_commitment_id() == plan["ask"]  # the same step, two days back
    with qtbot.waitSignal(page.checkin.marked):
        qtbot.keyClick(view, Qt.Key.Key_K)
    assert state_on(vault, plan["ask"], days_ago(2)) == "kept"
    for _ in range(4):
        qtbot.keyClick(view, Qt.Key.Key_Right)
    assert page.checkin.day == TODAY  # never past today
    assert "Left and Right" in view.toolTip()


def test_a_mark_that_cannot_be_saved_is_taken_back_with_one_sentence(
    qtbot, page, vault, clock, plan
):
    grid = page.week
    page.show_week()
    grid.select(plan["walk"], days_ago(6))
    clock.fixed += dt.timedelta(days=3)  # the week on screen is now partly out of reach
    qtbot.keyClick(grid.view, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: grid.error.isVisible())
    assert grid.error.problem and "up to 7 days back" in grid.error.text()
    assert spoken(grid, plan["walk"], days_ago(6)).endswith(": Not recorded")
    assert grid.item_at(plan["walk"], days_ago(6)).state is None
