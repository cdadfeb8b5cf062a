"""The No contact page, its badge, dialogs and the tray helper, driven like a user would."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from reconcile_desktop.core.changes import ENTRIES, NOCONTACT, Changes
from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import boundaries
from reconcile_desktop.core.nocontact import day_counting as streaks
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.ui import preferences
from reconcile_desktop.ui.pages.nocontact import dialogs
from reconcile_desktop.ui.pages.nocontact.badge import StreakBadge
from reconcile_desktop.ui.pages.nocontact.page import ONE_MESSAGE_PROMPT, NoContactPage
from reconcile_desktop.ui.shell import tray
from reconcile_desktop.ui.widgets import theme
from tests.conftest import PASSPHRASE
from tests.ui.conftest import click

ZONE = "America/New_York"
NOON = dt.datetime(2025, 3, 3, 17, 0, tzinfo=dt.UTC)  # 12:00 in New York (EST)
JUDGING = ("fail", "shame", "should have", "weak", "again?", "gave in")


@pytest.fixture
def clock():
    return Clock(fixed=NOON, zone=ZONE)


@pytest.fixture
def vault(make_vault, clock):
    v = make_vault(clock=clock)
    v.create(PASSPHRASE)
    return v


@pytest.fixture
def page(qtbot, vault, clock, ops):
    p = NoContactPage(vault, clock, ops)
    ops.changed.connect(p.refresh)  # what the window's broadcast does for the page on screen
    qtbot.addWidget(p)
    p.resize(1024, 700)
    p.show()
    p.refresh()
    return p


def advance(clock: Clock, days: int = 0, hours: int = 0) -> None:
    clock.fixed = clock.fixed + dt.timedelta(days=days, hours=hours)


def shown(page: QWidget, widget: QWidget) -> bool:
    return widget.isVisibleTo(page)


def start(page: NoContactPage, target: int = 45) -> None:
    nocontact.start_period(page.vault, target_days=target)
    page.refresh()


# -- empty state and starting ------------------------------------------------------------------


def test_empty_state_explains_and_starts_through_the_dialog(qtbot, page, vault):
    assert page.view == "empty"
    texts = " ".join(label.text() for label in page.views["empty"].findChildren(QLabel))
    assert "not a tactic" in texts and "30 to 60 days" in texts

    dialog = page.open_start_dialog()
    assert isinstance(dialog, dialogs.StartDialog) and dialog.isVisible()
    assert dialog.target_days() == 45 and dialog.target_buttons[45].isChecked()
    assert dialog.start_date.date().toPython() == vault.clock.today()
    assert dialog.start_date.maximumDate().toPython() == vault.clock.today()

    dialog.set_target(60)
    with qtbot.waitSignal(dialog.accepted):
        dialog.accept()
    assert page.view == "running" and page.dialog is None
    assert page.ring.text == "0" and "60" in page.ring.caption
    assert nocontact.current_period(vault).target_days == 60


def test_a_custom_target_and_an_earlier_start_date(qtbot, page, vault):
    dialog = page.open_start_dialog()
    assert not dialog.custom_days.isEnabled()
    dialog.set_target(21)
    assert dialog.custom_button.isChecked() and dialog.custom_days.isEnabled()
    dialog.start_date.setDate(dialog.start_date.date().addDays(-4))
    dialog.accept()
    qtbot.waitUntil(lambda: page.view == "running")
    assert page.summary.target_days == 21
    assert page.ring.text == "4"


# -- the count after moving the clock ----------------------------------------------------------


def _feed(page, badge) -> None:
    """As the Today page does: the badge shows the same summary after every reading."""
    read = page._reload

    def reload() -> None:
        read()
        badge.show_summary(page.summary)

    page._reload = reload


def test_page_and_badge_follow_the_local_calendar_day(qtbot, page, vault, clock):
    badge = StreakBadge()
    qtbot.addWidget(badge)
    _feed(page, badge)
    start(page)
    assert page.ring.text == "0" and badge.days_label.text() == "0"

    advance(clock, days=12)
    page.refresh()
    assert page.ring.text == "12"
    assert badge.days_label.text() == "12"
    assert badge.of_label.text() == "of 45 days"
    assert badge.ring.progress == pytest.approx(12 / 45)
    assert "day 12 of 45" in badge.accessibleName()

    # Past the change to summer time; 23:30 in New York is already the next day in UTC.
    clock.fixed = dt.datetime(2025, 3, 15, 23, 30, tzinfo=ZoneInfo(ZONE))
    page.refresh()
    assert page.ring.text == "12"
    advance(clock, hours=1)  # 00:30 local: a new day
    page.refresh()
    assert page.ring.text == "13" and badge.days_label.text() == "13"


def test_badge_click_asks_to_open_the_page(qtbot):
    badge = StreakBadge()
    qtbot.addWidget(badge)
    badge.show_summary(None)
    assert badge.days_label.text() == "No contact"
    with qtbot.waitSignal(badge.open_requested):
        click(qtbot, badge)
    badge.setFocus()
    with qtbot.waitSignal(badge.open_requested):
        qtbot.keyClick(badge, Qt.Key.Key_Space)


# -- contact and the kind line -----------------------------------------------------------------


def test_contact_resets_the_count_and_shows_a_kind_line(qtbot, page, vault, clock):
    start(page)
    advance(clock, days=10)
    page.refresh()
    assert page.ring.text == "10" and not shown(page, page.kind_frame)

    dialog = page.open_contact_dialog()
    assert dialog.kind() is None
    dialog.accept()  # nothing chosen: said inline, nothing saved
    assert dialog.isVisible() and dialog.status.problem
    assert nocontact.events(vault, nocontact.current_period(vault).id) == []

    dialog.set_kind(streaks.I_CONTACTED)
    dialog.note.setPlainText("I called on her birthday.")
    dialog.accept()
    qtbot.waitUntil(lambda: page.ring.text == "0")
    assert page.values["attempts"].text() == "2"
    assert page.values["best"].text() == "10 days"
    assert shown(page, page.kind_frame)
    line = page.kind_line.text()
    assert "10 days" in line and "starts again" in line
    assert not any(word in line.lower() for word in JUDGING)


def test_not_engaging_keeps_the_count_and_social_media_is_counted_apart(qtbot, page, clock):
    start(page)
    advance(clock, days=5)
    page.refresh()
    dialog = page.open_contact_dialog()
    dialog.set_kind(streaks.THEY_CONTACTED_IGNORED)
    dialog.accept()
    dialog = page.open_contact_dialog()
    dialog.set_kind(streaks.LOOKED_SOCIAL)
    dialog.accept()
    qtbot.waitUntil(lambda: page.social_ring.text == "0")
    assert page.ring.text == "5"
    assert page.values["attempts"].text() == "1"
    assert "untouched" in page.kind_line.text()


def test_contact_time_defaults_to_now_and_cannot_be_in_the_future(qtbot, page, vault, clock):
    start(page)
    advance(clock, days=3)
    page.refresh()
    dialog = page.open_contact_dialog()
    now = clock.local_now()
    assert dialog.when.value(clock.tzinfo()) == now.replace(second=0, microsecond=0)
    assert dialog.when.date.maximumDate().toPython() == now.date()

    dialog.set_kind(streaks.I_CONTACTED)
    dialog.when.set_value(now + dt.timedelta(hours=2))  # later today: not yet
    dialog.accept()
    assert dialog.isVisible() and "not come yet" in dialog.status.text()

    dialog.when.set_value(now - dt.timedelta(days=1))  # yesterday is fine
    dialog.accept()
    qtbot.waitUntil(lambda: page.ring.text == "1")
    (event,) = nocontact.events(vault, nocontact.current_period(vault).id)
    assert event.local_date == now.date() - dt.timedelta(days=1)


def _laid_out(dialog) -> tuple[int, QPoint]:
    dialog.layout().activate()
    return dialog.height(), dialog.ok_button.mapTo(dialog, QPoint(0, 0))


def test_choosing_what_happened_clears_the_problem_and_the_dialog_stays_still(qtbot, page):
    start(page)
    dialog = page.open_contact_dialog()
    qtbot.waitExposed(dialog)
    before = _laid_out(dialog)
    dialog.accept()  # nothing chosen yet
    assert dialog.status.text() == "Choose what happened first." and dialog.status.problem
    assert _laid_out(dialog) == before  # no growing, OK stays under the pointer

    dialog.set_kind(streaks.LOOKED_SOCIAL)
    assert dialog.status.text() == "" and not dialog.status.problem
    assert _laid_out(dialog) == before
    dialog.reject()


def _every_dialog(page) -> list:
    return [
        page.open_start_dialog(),
        page.open_contact_dialog(),
        page.open_urge_dialog(),
        page.open_correct_dialog(page.summary.flagged[0]),
        page.open_end_dialog(),
    ]


def test_every_dialog_keeps_room_for_its_longest_problem(qtbot, page, vault, clock, tmp_path):
    start(page)
    advance(clock, days=3)
    nocontact.log_event(vault, streaks.I_CONTACTED)
    advance(clock, days=-1)  # one event saved for a time still ahead
    page.refresh()
    for dialog in _every_dialog(page):
        qtbot.waitExposed(dialog)
        before = _laid_out(dialog)
        for sentence in sorted(dialog.problems(), key=len):  # the longest stays on screen
            dialog.status.say(sentence, problem=True)
            assert _laid_out(dialog) == before, (type(dialog).__name__, sentence)
        dialog.grab().save(str(tmp_path / f"{type(dialog).__name__}.png"))
        dialog.reject()


# -- urges and unsent letters -----------------------------------------------------------------


def test_urge_dialog_counts_the_urge_this_week(qtbot, page, vault):
    start(page)
    assert page.values["urges"].text() == "0"
    dialog = page.open_urge_dialog()
    assert dialog.intensity.value() == 3
    dialog.intensity.setValue(5)
    assert "overwhelming" in dialog.intensity_label.text()
    dialog.trigger.setText("Our song on the radio")
    dialog.accept()
    qtbot.waitUntil(lambda: page.values["urges"].text() == "1")
    (event,) = nocontact.events(vault, nocontact.current_period(vault).id)
    assert (event.kind, event.intensity, event.trigger) == (
        streaks.URGE_RESISTED,
        5,
        "Our song on the radio",
    )
    assert event.entry_id is None


def test_the_letter_option_creates_a_linked_letter_and_asks_to_open_it(qtbot, page, vault):
    start(page)
    dialog = page.open_urge_dialog()
    dialog.note.setPlainText("I wanted to tell you about the new job.")
    dialog.write_letter.setChecked(True)
    assert dialog.ok_button.text() == "Save and write the letter"
    with (
        qtbot.waitSignal(page.entry_requested) as opened,
        qtbot.waitSignal(page.ops.changed) as changed,
    ):
        dialog.accept()
        assert not dialog.ok_button.isEnabled()  # until the write has landed
    # The letter and the urge are one task, heard by the journal and this page at once.
    assert changed.args[0] == Changes.of(ENTRIES, NOCONTACT)
    (entry_id,) = opened.args
    entry = journal.get_entry(vault, entry_id)
    assert entry.kind == "letter"
    assert entry.body == "I wanted to tell you about the new job."
    (event,) = nocontact.events(vault, nocontact.current_period(vault).id)
    assert event.entry_id == entry_id and event.kind == streaks.URGE_RESISTED
    assert page.values["urges"].text() == "1"


def test_a_write_that_fails_says_so_inline_and_keeps_what_was_typed(qtbot, page, vault):
    start(page)
    dialog = page.open_urge_dialog()
    dialog.note.setPlainText("The pull was strong tonight.")
    nocontact.end_period(vault, "stopped")  # ended elsewhere (the command line) meanwhile
    dialog.accept()
    assert not dialog.ok_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.status.problem)
    assert dialog.isVisible() and dialog.ok_button.isEnabled()
    assert dialog.status.text() == dialogs.NO_PERIOD
    assert dialog.note.toPlainText() == "The pull was strong tonight."
    dialog.reject()


# -- the target and the next step --------------------------------------------------------------


def _answer(qtbot, page, *yes: str) -> None:
    for name, box in page.reach_out.questions.items():
        box.setChecked(name in yes)
    with qtbot.waitSignal(page.ops.changed):
        page.reach_out.save_answers.click()  # just shown: not laid out yet for a mouse click


def _confirm_sent(qtbot, page) -> None:
    page.reach_out.sent_button.click()
    box = next(b for b in page.findChildren(QMessageBox) if b.isVisible())
    assert "take this back" in box.text()
    with qtbot.waitSignal(page.ops.changed):
        click(qtbot, box.button(QMessageBox.StandardButton.Yes))


def test_target_reached_asks_about_boundaries_before_offering_the_step(qtbot, page, vault, clock):
    start(page, target=30)
    advance(clock, days=29)
    page.refresh()
    assert not shown(page, page.reach_out)

    advance(clock, days=1)
    page.refresh()
    assert shown(page, page.reach_out) and page.reach_out.view == "questions"
    assert not shown(page, page.reach_out.write_button)  # the answers come first
    assert [b.text() for b in page.reach_out.questions.values()] == list(
        boundaries.QUESTIONS.values()
    )

    _answer(qtbot, page)  # no to every question
    assert page.reach_out.view == "offer" and boundaries.get(vault).reach_out_offered
    assert shown(page, page.reach_out.write_button) and shown(page, page.reach_out.sent_button)
    with qtbot.waitSignal(page.write_prompt) as wrote:
        page.reach_out.write_button.click()
    assert wrote.args == [ONE_MESSAGE_PROMPT]
    assert list(journal.iter_entries(vault)) == []  # nothing saved until the user writes


def test_i_sent_it_is_confirmed_undoable_and_turns_the_ring_to_giving_space(
    qtbot, page, vault, clock
):
    start(page, target=30)
    advance(clock, days=30)
    page.refresh()
    _answer(qtbot, page)
    page.reach_out.sent_button.click()
    box = next(b for b in page.findChildren(QMessageBox) if b.isVisible())
    click(qtbot, box.button(QMessageBox.StandardButton.Cancel))
    assert nocontact.events(vault, nocontact.current_period(vault).id) == []

    _confirm_sent(qtbot, page)
    assert page.reach_out.view == "space"
    assert page.reach_out.heading.text() == "You reached out once; giving space since today"
    assert page.ring_caption.text() == "You reached out once and are giving space"
    assert not shown(page, page.reach_out.sent_button)
    kinds = [e.kind for e in nocontact.events(vault, nocontact.current_period(vault).id)]
    assert kinds == [streaks.REACHED_OUT]

    with qtbot.waitSignal(page.ops.changed):
        page.reach_out.undo_button.click()  # a slip of the finger
    assert page.reach_out.view == "offer" and page.ring_caption.text() == "No direct contact"
    assert nocontact.events(vault, nocontact.current_period(vault).id) == []

    _confirm_sent(qtbot, page)
    advance(clock, days=4)
    page.refresh()
    assert page.reach_out.heading.text() == "You reached out once; day 4 of giving space"
    assert shown(page, page.reach_out.undo_button)
    advance(clock, days=4)  # past the correction window: it stays
    page.refresh()
    assert not shown(page, page.reach_out.undo_button)


@pytest.mark.parametrize("boundary", boundaries.NAMES)
def test_with_a_boundary_the_step_is_never_offered(qtbot, page, vault, clock, boundary):
    start(page, target=30)
    advance(clock, days=30)
    page.refresh()
    _answer(qtbot, page, boundary)

    assert page.reach_out.view == "respected"
    for button in (page.reach_out.write_button, page.reach_out.sent_button):
        assert not shown(page, button)
    assert "kind thing to do, and the right one" in page.reach_out.respected_text.text()
    assert page.ring_caption.text() == "Time for your own life"
    with qtbot.waitSignal(page.write_prompt) as wrote:
        click(
            qtbot,
            next(
                b
                for b in page.reach_out.findChildren(QAbstractButton)
                if b.text() == "A letter of letting go"
            ),
        )
    assert wrote.args == ["rc-letter-of-letting-go"]
    with pytest.raises(boundaries.BoundaryRespected):
        nocontact.log_event(vault, streaks.REACHED_OUT)
    assert nocontact.events(vault, nocontact.current_period(vault).id) == []

    page.reach_out.change_button.click()  # answers stay changeable
    assert page.reach_out.view == "questions"
    assert page.reach_out.questions[boundary].isChecked()
    _answer(qtbot, page)
    assert page.reach_out.view == "offer"


def test_a_boundary_noted_before_the_target_frames_the_days_as_your_own(qtbot, page, vault, clock):
    start(page, target=30)
    advance(clock, days=5)
    boundaries.set_boundary(vault, boundaries.COURT_ORDER)
    page.refresh()
    assert page.reach_out.view == "respected"
    assert page.ring.accessibleName() == "Day 5 of time for your own life"


def test_ending_the_period_is_confirmed_kindly(qtbot, page, vault, clock):
    start(page)
    advance(clock, days=9)
    page.refresh()
    dialog = page.open_end_dialog()
    assert dialog.reason == "stopped"
    assert dialog.cancel_button.isDefault()
    dialog.reject()
    assert page.view == "running" and nocontact.current_period(vault) is not None

    dialog = page.open_end_dialog()
    dialog.accept()
    qtbot.waitUntil(lambda: page.view == "empty")
    assert nocontact.periods(vault)[-1].end_reason == "stopped"
    assert "9 days" in page.farewell_label.text() and shown(page, page.farewell_label)


# -- flagged events ----------------------------------------------------------------------------


def test_a_future_dated_event_is_listed_and_can_be_corrected(qtbot, page, vault, clock):
    start(page)
    advance(clock, days=6)
    event = nocontact.log_event(vault, streaks.I_CONTACTED)
    advance(clock, days=-3)  # the computer's clock went back
    page.refresh()
    assert shown(page, page.flagged)
    assert page.ring.text == "3"  # the future event is not counted
    row_buttons = [
        b for b in page.flagged.findChildren(QAbstractButton) if b.text() == "Correct the date"
    ]
    assert len(row_buttons) == 1

    dialog = page.open_correct_dialog(page.summary.flagged[0])
    dialog.accept()
    qtbot.waitUntil(lambda: not shown(page, page.flagged))
    corrected = nocontact.events(vault, event.period_id)[0]
    assert corrected.local_date == clock.today()
    assert page.ring.text == "0"


# -- history -----------------------------------------------------------------------------------


def test_history_chart_is_built_when_first_shown_and_follows_dark(qtbot, page, clock):
    start(page, target=30)
    advance(clock, days=4)
    nocontact.log_event(page.vault, streaks.I_CONTACTED)
    advance(clock, days=8)
    page.refresh()
    assert page.history.chart.figure is None  # nothing built while the section is closed

    page.history.toggle.setChecked(True)
    qtbot.waitUntil(lambda: page.history.chart.figure is not None)
    top = page.history.chart.figure.axes[0]
    assert [round(bar.get_height()) for bar in top.patches] == [4, 8]
    attempts = [
        label.text() for label in page.history.body.findChildren(QLabel) if "#" in label.text()
    ]
    assert attempts[0].startswith("#2") and "still going" in attempts[0]

    # New data rebuilds the open chart; the new figure takes the canvas's size (not clipped).
    first = page.history.chart.figure
    nocontact.log_event(page.vault, streaks.URGE_RESISTED, intensity=1)
    page.refresh()
    qtbot.waitUntil(lambda: page.history.chart.figure is not first and not page.history.busy)
    canvas = page.history.chart.canvas
    width = page.history.chart.figure.get_size_inches()[0] * page.history.chart.figure.dpi
    assert round(width) == round(canvas.width() * canvas.device_pixel_ratio)

    app = QApplication.instance()
    before = app.palette()
    try:
        app.setPalette(theme.build_palette(True))
        dark = page.history.chart.chart_style().background
        qtbot.waitUntil(lambda: page.history.chart.figure.get_facecolor()[:3] == _rgb(dark))
    finally:
        app.setPalette(before)
    qtbot.waitUntil(lambda: not page.history.busy)


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5))


# -- lock --------------------------------------------------------------------------------------


def test_clear_sensitive_leaves_no_numbers_on_screen(qtbot, page, vault, clock):
    start(page, target=30)
    advance(clock, days=31)
    nocontact.log_event(vault, streaks.URGE_RESISTED, intensity=2)
    nocontact.log_event(vault, streaks.REACHED_OUT)
    advance(clock, days=2)
    nocontact.log_event(vault, streaks.LOOKED_SOCIAL)
    advance(clock, days=-1)  # one flagged event too
    page.refresh()
    page.history.toggle.setChecked(True)
    qtbot.waitUntil(lambda: page.history.chart.figure is not None)
    dialog = page.open_urge_dialog()
    dialog.note.setPlainText("something private")
    assert re.search(r"\d", _screen_text(page))

    page.clear_sensitive()
    assert not page.loaded and page.summary is None and page.view == "blank"
    assert not dialog.isVisible() and page.dialog is None
    assert page.history.chart.figure is None
    assert page.ring.text == page.social_ring.text == "" and page.ring.progress == 0
    assert not re.search(r"\d", _screen_text(page))
    assert not re.search(r"\d", _all_text(page))  # hidden labels hold nothing either

    page.refresh()  # unlocking again shows it all again
    assert page.view == "running" and page.ring.text == "32"


def test_a_first_week_shows_the_attempts_but_no_chart_yet(qtbot, page, clock):
    start(page)
    advance(clock, days=6)  # Monday to Sunday: one week
    page.refresh()
    page.history.toggle.setChecked(True)
    qtbot.waitUntil(lambda: not page.history.busy)  # the weeks are read on the runner
    assert page.history.chart.figure is None
    assert any("still going" in label.text() for label in page.history.body.findChildren(QLabel))


def test_clear_sensitive_drops_a_chart_still_being_built(qtbot, page, clock):
    start(page)
    advance(clock, days=10)
    page.refresh()
    page.history.toggle.setChecked(True)
    page.clear_sensitive()
    qtbot.waitUntil(lambda: not page.history.busy)
    assert page.history.chart.figure is None


def test_badge_clear_forgets_the_count(qtbot, page, clock):
    badge = StreakBadge()
    qtbot.addWidget(badge)
    _feed(page, badge)
    start(page)
    advance(clock, days=8)
    page.refresh()
    assert "8" in badge.accessibleName()
    page.clear_sensitive()
    badge.show_summary(page.summary)  # None after a lock: the badge shows no number
    assert not re.search(r"\d", badge.days_label.text() + badge.accessibleName())
    badge.clear()
    assert badge.days_label.text() == "" and badge.ring.progress == 0


def _screen_text(root: QWidget) -> str:
    parts = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            parts.append(widget.text())
        parts.append(widget.accessibleName())
    return "\n".join(parts)


def _all_text(root: QWidget) -> str:
    dynamic = [root.since_label, root.kind_line, root.reach_out.heading, root.ring_caption]
    dynamic += list(root.values.values())
    rings = [root.ring, root.social_ring]
    return "\n".join(
        [w.text() + w.accessibleName() for w in dynamic]
        + [r.text + r.caption + r.accessibleName() for r in rings]
    )


# -- keyboard and names ------------------------------------------------------------------------


def test_every_control_has_a_name_and_buttons_take_tab_focus(qtbot, page, clock):
    start(page, target=30)
    advance(clock, days=30)
    page.refresh()
    windows = [page, page.open_contact_dialog(), page.open_urge_dialog()]
    windows += [page.open_start_dialog(), page.open_end_dialog()]
    for root in windows:
        for control in root.findChildren(QAbstractButton) + root.findChildren(QLineEdit):
            if control.isVisibleTo(root) and not isinstance(control.parent(), QLineEdit):
                assert control.accessibleName() or control.text(), control
        for button in root.findChildren(QAbstractButton):
            assert button.focusPolicy() & Qt.FocusPolicy.TabFocus, button.text()
    page.dialog.reject()


# -- tray --------------------------------------------------------------------------------------


def test_tray_tooltip_says_only_the_day(qtbot, tmp_path):
    assert tray.tooltip_text(12) == "Reconcile · day 12"
    assert tray.tooltip_text(None) == "Reconcile"
    settings = QSettings(str(tmp_path / "tray.ini"), QSettings.Format.IniFormat)
    icon = tray.TrayIcon(settings)
    assert not icon.enabled and not icon.visible  # off by default
    icon.update(7)
    assert icon.tooltip == "Reconcile · day 7"
    icon.enable(True)
    assert icon.enabled and preferences.TRAY_ICON.read(settings)
    assert icon.visible == tray.TrayIcon.available()
    icon.update(None)
    assert icon.tooltip == "Reconcile"
    icon.enable(False)
    assert not icon.enabled and not icon.visible
    settings.sync()
    again = tray.TrayIcon(QSettings(str(tmp_path / "tray.ini"), QSettings.Format.IniFormat))
    assert not again.enabled


def test_a_first_week_history_is_a_short_whole_note_and_is_described(qtbot, page, clock):
    from reconcile_desktop.core import chart_summaries

    start(page)
    advance(clock, days=3)
    page.refresh()
    page.history.toggle.setChecked(True)
    qtbot.waitUntil(lambda: not page.history.busy)
    chart = page.history.chart
    note = chart._placeholder
    qtbot.waitUntil(lambda: note.isVisible() and note.height() > 0)
    # The note alone, not a 400-pixel empty box, and every word of it in view.
    assert chart.height() < 100
    assert note.heightForWidth(note.width()) <= note.height()
    s = page.summary
    expected = chart_summaries.history_text(s.attempts, s.target_days, [])
    assert chart.accessibleDescription().startswith(expected.split(" Over")[0])
