"""The Today page: commitments to tick, the badge, the prompt of the day, mood, weekly review."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import daily_mood as mood
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal.prompts import prompt_of_the_day
from reconcile_desktop.core.nocontact import day_counting as streaks
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.ui.pages.plans.checkin_list import BADGE_ROLE
from reconcile_desktop.ui.pages.today.page import TodayPage
from tests.conftest import PASSPHRASE
from tests.ui.conftest import click

MONDAY = dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def clock():
    return Clock(fixed=MONDAY, zone="Europe/Berlin")


@pytest.fixture
def vault(make_vault, clock):
    v = make_vault(clock=clock)
    v.create(PASSPHRASE)
    return v


@pytest.fixture
def page(qtbot, vault, clock, ops):
    p = TodayPage(vault, clock, ops)
    ops.changed.connect(p.refresh)  # what the window does for the page on screen
    qtbot.addWidget(p)
    p.resize(1024, 700)
    p.show()
    return p


def test_empty_today_offers_the_plan_and_still_has_a_prompt(qtbot, page, clock):
    page.refresh()
    assert page.no_steps.isVisible() and page.plan_button.isVisible()
    with qtbot.waitSignal(page.open_page) as opened:
        click(qtbot, page.plan_button)
    assert opened.args == ["plan"]
    expected = prompt_of_the_day(clock.today())
    assert page.prompt_title.text() == expected.title
    with qtbot.waitSignal(page.write_prompt) as wrote:
        click(qtbot, page.write_button)
    assert wrote.args == [expected.id]


def test_ticking_kept_with_the_keyboard_reaches_the_vault(qtbot, page, vault):
    g = plans.add_goal(vault, "Stay calm", start=dt.date(2026, 3, 1))
    c = plans.add_commitment(
        vault, g.id, "Breathe before answering", "daily", start=dt.date(2026, 3, 1)
    )
    page.refresh()
    assert page.checkins.isVisible()
    page.checkins.view.setFocus()
    page.checkins.view.setCurrentRow(0)
    qtbot.keyClick(page.checkins.view, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: plans.histories_for(vault)[0].checkins != {})
    assert plans.histories_for(vault)[0].checkins == {dt.date(2026, 3, 9): "kept"}
    assert c.id == plans.day_items(vault)[0].commitment.id


def test_a_slip_offers_the_kind_follow_up(qtbot, page, vault):
    g = plans.add_goal(vault, "Listen", start=dt.date(2026, 3, 1))
    plans.add_commitment(vault, g.id, "Ask one question first", "daily", start=dt.date(2026, 3, 1))
    page.refresh()
    page.checkins.view.setCurrentRow(0)
    qtbot.keyClick(page.checkins.view, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: page.slip_dialog is not None and page.slip_dialog.isVisible())
    assert "not the end" in page.slip_dialog.windowTitle() + " ".join(
        w.text() for w in page.slip_dialog.findChildren(type(page.prompt_title))
    )


def test_badge_shows_the_no_contact_day(qtbot, page, vault, clock):
    nocontact.start_period(vault, target_days=30, start=dt.date(2026, 3, 1))
    page.refresh()
    assert page.badge.days_label.text() == "8"
    with qtbot.waitSignal(page.open_page) as opened:
        click(qtbot, page.badge)
    assert opened.args == ["nocontact"]


def test_mood_check_in_is_saved_and_shown_again(qtbot, page, vault):
    page.refresh()
    with qtbot.waitSignal(page.ops.changed):
        click(qtbot, page.mood_group.button(4))
    assert mood.get_mood(vault).mood == 4
    page.mood_note.setText("walked by the river")
    with qtbot.waitSignal(page.ops.changed):
        page.mood_note.editingFinished.emit()
    assert mood.get_mood(vault).note == "walked by the river"
    page.clear_sensitive()
    assert page.mood_group.checkedId() == -1 and page.mood_note.text() == ""
    page.refresh()
    assert page.mood_group.checkedId() == 4 and page.mood_note.text() == "walked by the river"


def test_monday_shows_last_weeks_review(qtbot, page, vault, clock):
    g = plans.add_goal(vault, "Calm", start=dt.date(2026, 3, 2))
    c = plans.add_commitment(vault, g.id, "Walk", "daily", start=dt.date(2026, 3, 2))
    clock.fixed = MONDAY - dt.timedelta(days=3)
    plans.check_in(vault, c.id, "slipped", day=dt.date(2026, 3, 5))
    plans.check_in(vault, c.id, "kept", day=dt.date(2026, 3, 6))
    nocontact.start_period(vault, target_days=30, start=dt.date(2026, 3, 2))
    nocontact.log_event(vault, streaks.URGE_RESISTED)
    clock.fixed = MONDAY
    page.refresh()
    assert page.review_card.isVisible()
    text = page.review_text.text()
    assert "1 slips" in text and "1 recoveries" in text and "1 urges resisted" in text
    clock.fixed = MONDAY + dt.timedelta(days=1)
    page.refresh()
    assert not page.review_card.isVisible()


def test_clear_sensitive_leaves_nothing_on_screen(qtbot, page, vault):
    journal.add_entry(vault, "private words")
    nocontact.start_period(vault, target_days=30)
    page.refresh()
    page.clear_sensitive()
    assert page.badge.days_label.text() == "" and page.prompt_text.text() == ""
    assert page.checkins.items == [] and page.date_label.text() == ""


def test_someone_who_was_hurt_is_not_handed_own_your_part_prompts(qtbot, page, vault, clock):
    from reconcile_desktop.core.journal import hurt_answers as safety
    from reconcile_desktop.core.journal import prompts

    owning = {p.id for p in prompts.load_prompts() if p.owns_part}
    # A day whose prompt of the day asks the user to own their part.
    day = next(
        clock.today() + dt.timedelta(days=n)
        for n in range(len(prompts.load_prompts()))
        if prompt_of_the_day(clock.today() + dt.timedelta(days=n)).id in owning
    )
    clock.fixed = clock.fixed + dt.timedelta(days=(day - clock.today()).days)
    page.refresh()
    assert page._prompt_id in owning

    hurt = prompts.worksheet_to_markdown({"controlled-by-them": "yes"})
    journal.add_entry(vault, hurt, kind="worksheet", prompt_id="should-i-try")
    assert safety.hurt_noted(vault)
    page.refresh()
    assert page._prompt_id not in owning
    assert page._prompt_id == prompt_of_the_day(day, gentle=True).id


def two_steps(vault) -> None:
    g = plans.add_goal(vault, "Listen", start=dt.date(2026, 3, 1))
    for action in ("Ask one question first", "Wait before answering"):
        plans.add_commitment(vault, g.id, action, "daily", start=dt.date(2026, 3, 1))


def test_a_note_typed_before_the_step_is_marked_is_kept_and_saved_with_the_mark(qtbot, page, vault):
    two_steps(vault)
    page.refresh()
    checkins = page.checkins
    checkins.view.setCurrentRow(0)
    assert checkins.items[0].state is None
    checkins.note.setFocus()
    qtbot.keyClicks(checkins.note, "Hard morning, but I asked")
    assert checkins.note.text() == "Hard morning, but I asked"  # not ignored
    # Moving to the other step and back, and the page reading again, keep the words.
    checkins.view.setCurrentRow(1)
    assert checkins.note.text() == ""
    page.refresh()
    checkins.view.setCurrentRow(0)
    assert checkins.note.text() == "Hard morning, but I asked"
    with qtbot.waitSignal(checkins.marked):
        click(qtbot, checkins.kept_button)
    first = plans.day_items(vault)[0]
    assert (first.state, first.note) == ("kept", "Hard morning, but I asked")
    assert checkins.note.text() == "Hard morning, but I asked"


def test_a_mark_that_cannot_be_saved_goes_back_and_says_why(qtbot, page, vault, clock):
    two_steps(vault)
    page.refresh()
    checkins = page.checkins
    checkins.view.setCurrentRow(0)
    checkins.note.setFocus()
    qtbot.keyClicks(checkins.note, "words to keep")
    # Left open for more than a week: the day shown can no longer be marked.
    clock.fixed = MONDAY + dt.timedelta(days=8)
    click(qtbot, checkins.kept_button)
    assert checkins.view.item(0).data(BADGE_ROLE) == "Kept"  # at once, while it is saved
    qtbot.waitUntil(lambda: checkins.error.text() != "")
    assert "up to 7 days back" in checkins.error.text()
    assert checkins.view.item(0).data(BADGE_ROLE) == "Not recorded"  # as it was
    assert plans.day_items(vault, dt.date(2026, 3, 9))[0].state is None
    assert checkins.note.text() == "words to keep"  # nothing typed is lost


def test_a_mood_note_typed_before_a_mood_is_chosen_survives_a_refresh(qtbot, page, vault):
    two_steps(vault)
    page.refresh()
    qtbot.keyClicks(page.mood_note, "tired but okay")
    page.checkins.view.setCurrentRow(0)
    with qtbot.waitSignal(page.ops.changed):  # a step ticked: the page reads again
        click(qtbot, page.checkins.kept_button)
    assert page.mood_note.text() == "tired but okay"
    with qtbot.waitSignal(page.ops.changed):
        click(qtbot, page.mood_group.button(3))
    assert (mood.get_mood(vault).mood, mood.get_mood(vault).note) == (3, "tired but okay")


def test_notes_typed_but_not_yet_saved_are_saved_before_a_lock(qtbot, page, vault):
    two_steps(vault)
    page.refresh()
    checkins = page.checkins
    checkins.view.setCurrentRow(0)
    with qtbot.waitSignal(checkins.marked):
        click(qtbot, checkins.kept_button)
    with qtbot.waitSignal(page.ops.changed):
        click(qtbot, page.mood_group.button(2))
    qtbot.keyClicks(checkins.note, "asked first")  # no Enter, still in the box
    page.mood_note.setText("a long day")
    assert page.save_pending()
    assert plans.day_items(vault)[0].note == "asked first"
    assert mood.get_mood(vault).note == "a long day"
    assert checkins.note.text() == "asked first" and page.mood_note.text() == "a long day"
