"""The Support dialog: reachable from Help and from a must-stop slip, the country kept as a
plain code, the user's own people saved to the vault, all of it usable by keyboard."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

from reconcile_desktop.core import support
from reconcile_desktop.core.changes import SETTINGS
from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.ui import preferences
from reconcile_desktop.ui.pages.plans.page import ChangePlanPage
from reconcile_desktop.ui.pages.today.page import TodayPage
from reconcile_desktop.ui.widgets.support_dialog import PersonDialog, SupportDialog
from tests.conftest import PASSPHRASE
from tests.ui.conftest import click, unlock

NOW = dt.datetime(2026, 3, 9, 9, 0, tzinfo=dt.UTC)
START = dt.date(2026, 3, 1)


@pytest.fixture
def clock():
    return Clock(fixed=NOW, zone="Europe/Berlin")


@pytest.fixture
def vault(make_vault, clock):
    v = make_vault(clock=clock)
    v.create(PASSPHRASE)
    return v


@pytest.fixture
def make_dialog(qtbot, vault, settings, monkeypatch):
    monkeypatch.setattr(support, "default_country", lambda *a: "GB")

    def factory(with_vault=True, parent=None) -> SupportDialog:
        dialog = SupportDialog(vault if with_vault else None, settings, parent)
        if parent is None:
            qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog

    return factory


def shown_dialog(qtbot, cls, parent: QWidget):
    found: list = []

    def up() -> bool:
        found[:] = [d for d in parent.findChildren(cls) if d.isVisible()]
        return bool(found)

    qtbot.waitUntil(up)
    return found[0]


def tab_order(start: QWidget, count: int) -> list[QWidget]:
    """The widgets Tab moves to from `start`, in order (focusNextChild() skips the rest)."""
    out, widget = [], start
    while len(out) < count:
        widget = widget.nextInFocusChain()
        if widget is start:
            break
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            out.append(widget)
    return out


def person_dialog(qtbot, dialog: SupportDialog) -> PersonDialog:
    qtbot.waitUntil(lambda: dialog.person_dialog is not None and dialog.person_dialog.isVisible())
    return dialog.person_dialog


# -- where it is reached from -----------------------------------------------------------------


def test_help_support_opens_the_dialog_with_the_windows_journal(
    qtbot, make_app, make_vault, existing_vault_dir, settings, monkeypatch
):
    monkeypatch.setattr(support, "default_country", lambda *a: "CA")
    app = make_app(make_vault(existing_vault_dir))
    app.start()
    unlock(qtbot, app)
    app.window.support_action.trigger()
    dialog = shown_dialog(qtbot, SupportDialog, app.window)
    assert dialog.vault is app.window.vault and dialog.add_button.isEnabled()
    assert dialog.settings is app.window.settings
    assert dialog.chosen_country() == "CA" and "988" in dialog.lines.toPlainText()


def must_stop_goal(vault) -> None:
    goal = plans.add_goal(vault, "No shouting", start=START, must_stop=True)
    plans.add_commitment(vault, goal.id, "Step away and breathe", "daily", start=START)


def test_a_must_stop_slip_on_the_plan_page_offers_support(qtbot, vault, clock, ops, monkeypatch):
    monkeypatch.setattr(support, "default_country", lambda *a: "AU")
    must_stop_goal(vault)
    page = ChangePlanPage(vault, clock, ops)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.refresh()
    page.show()
    qtbot.waitExposed(page)
    page.checkin.view.setFocus()
    page.checkin.view.setCurrentRow(0)
    qtbot.keyClick(page.checkin.view, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: page.slip_dialog is not None and page.slip_dialog.isVisible())
    slip = page.slip_dialog
    assert slip.support_button is not None and slip.support_button.isVisible()
    click(qtbot, slip.support_button)
    dialog = shown_dialog(qtbot, SupportDialog, slip)
    assert dialog.vault is vault and "1300 766 491" in dialog.lines.toPlainText()


def test_a_must_stop_slip_on_the_today_page_offers_support_by_keyboard(qtbot, vault, clock, ops):
    must_stop_goal(vault)
    page = TodayPage(vault, clock, ops)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    page.refresh()
    page.checkins.view.setCurrentRow(0)
    qtbot.keyClick(page.checkins.view, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: page.slip_dialog is not None and page.slip_dialog.isVisible())
    slip = page.slip_dialog
    assert slip.support_button is not None
    slip.support_button.setFocus()
    qtbot.keyClick(slip.support_button, Qt.Key.Key_Space)
    assert shown_dialog(qtbot, SupportDialog, slip).vault is vault


def test_an_ordinary_slip_has_no_support_button(qtbot, vault, clock, ops):
    goal = plans.add_goal(vault, "Listen", start=START)
    plans.add_commitment(vault, goal.id, "Ask one question first", "daily", start=START)
    page = TodayPage(vault, clock, ops)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.checkins.view.setCurrentRow(0)
    qtbot.keyClick(page.checkins.view, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: page.slip_dialog is not None and page.slip_dialog.isVisible())
    assert page.slip_dialog.support_button is None


def slip_follow_up(qtbot, where: str, vault, clock, ops):
    """Mark the first step of the day slipped on the Plan or the Today page; the follow-up."""
    page = (ChangePlanPage if where == "plan" else TodayPage)(vault, clock, ops)
    ops.changed.connect(page.refresh)  # what the window does for the page on screen
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    page.refresh()
    day_list = page.checkin if where == "plan" else page.checkins
    day_list.view.setFocus()
    day_list.view.setCurrentRow(0)
    qtbot.keyClick(day_list.view, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: page.slip_dialog is not None and page.slip_dialog.isVisible())
    return page.slip_dialog


def shown_words(dialog: QWidget) -> list[str]:
    return [w.text() for w in dialog.findChildren(QLabel) if w.isVisibleTo(dialog)]


@pytest.mark.parametrize("where", ["plan", "today"])
def test_a_must_stop_slip_says_it_has_to_stop_and_shows_the_users_support(
    qtbot, vault, clock, ops, where
):
    goal = plans.add_goal(
        vault, "No frightening her", start=START, must_stop=True, support_note="Call Sam."
    )
    plans.add_commitment(vault, goal.id, "Leave the room when angry", "daily", start=START)
    slip = slip_follow_up(qtbot, where, vault, clock, ops)
    words = " ".join(shown_words(slip))
    assert "has to stop" in slip.heading.text()
    assert "Thank you for writing it down honestly" in slip.intro.text()
    assert slip.support.isVisibleTo(slip) and "Call Sam." in slip.support.text()
    assert slip.support_button is not None and slip.support_button.isVisibleTo(slip)
    assert "not the end" not in words and "part of changing" not in words


def test_the_follow_up_is_the_same_from_today_and_from_the_plan(
    qtbot, make_vault, tmp_path, clock, ops
):
    shown = {}
    for where in ("plan", "today"):
        vault = make_vault(tmp_path / where, clock=clock)
        vault.create(PASSPHRASE)
        for title, must_stop in (("No shouting", True), ("Listen", False)):
            goal = plans.add_goal(
                vault, title, start=START, must_stop=must_stop, support_note="Call Sam."
            )
            plans.add_commitment(vault, goal.id, f"Step for {title}", "daily", start=START)
        slip = slip_follow_up(qtbot, where, vault, clock, ops)
        buttons = [b.text() for b in slip.findChildren(QAbstractButton) if b.isVisibleTo(slip)]
        shown[where] = (slip.windowTitle(), shown_words(slip), sorted(buttons))
        slip.reject()
    assert shown["plan"] == shown["today"]
    assert "Call Sam." in " ".join(shown["today"][1])


@pytest.mark.parametrize("where", ["plan", "today"])
def test_an_ordinary_slip_keeps_the_kind_forward_looking_words(qtbot, vault, clock, ops, where):
    goal = plans.add_goal(vault, "Listen", start=START, support_note="My sister.")
    plans.add_commitment(vault, goal.id, "Ask one question first", "daily", start=START)
    slip = slip_follow_up(qtbot, where, vault, clock, ops)
    assert slip.heading.text() == "A slip is part of changing, not the end of it."
    assert slip.support_button is None and not slip.support.isVisibleTo(slip)


# -- the country ------------------------------------------------------------------------------


def test_the_country_defaults_to_the_locale_and_is_remembered_as_a_code(
    qtbot, make_dialog, settings
):
    dialog = make_dialog()
    assert dialog.chosen_country() == "GB" and "116 123" in dialog.lines.toPlainText()
    assert "numbers can change" in dialog.checked_note.text()
    assert "2026-12-03" in dialog.checked_note.text()

    dialog.country.setCurrentIndex(dialog.country.findData("FR"))
    assert "3919" in dialog.lines.toPlainText()
    assert preferences.SUPPORT_COUNTRY.read(settings) == "FR"
    dialog.close()
    assert make_dialog().chosen_country() == "FR"


def test_another_country_shows_the_directory(qtbot, make_dialog, settings):
    preferences.SUPPORT_COUNTRY.write(settings, "IT")
    dialog = make_dialog()
    assert dialog.chosen_country() is None
    text = dialog.lines.toPlainText()
    assert "findahelpline.com" in text and "no checked lines" in text


# -- the user's own people --------------------------------------------------------------------


def test_adding_editing_and_removing_a_person_by_keyboard_saves_to_the_vault(
    qtbot, make_dialog, vault, settings, settings_path
):
    dialog = make_dialog()
    dialog.add_button.setFocus()
    qtbot.keyClick(dialog.add_button, Qt.Key.Key_Space)
    editor = person_dialog(qtbot, dialog)
    assert tab_order(editor.name, 2) == [editor.reach, editor.note]
    qtbot.keyClicks(editor.name, "Marguerite")
    qtbot.keyClicks(editor.reach, "07700 900456")
    qtbot.keyClicks(editor.note, "my sister")
    qtbot.keyClick(editor.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible())

    saved = support.Person("Marguerite", "07700 900456", "my sister")
    assert support.people(vault) == [saved]
    assert dialog.people_list.item(0).text() == "Marguerite — 07700 900456"

    dialog.people_list.setFocus()
    dialog.people_list.setCurrentRow(0)
    qtbot.keyClick(dialog.people_list, Qt.Key.Key_Return)  # open it to edit
    editor = person_dialog(qtbot, dialog)
    assert editor.name.text() == "Marguerite"
    editor.reach.selectAll()
    qtbot.keyClicks(editor.reach, "evenings")
    qtbot.keyClick(editor.reach, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible())
    assert support.people(vault)[0].reach == "evenings"

    assert dialog.remove_button.text() == "&Remove"  # Alt+R where the window is active
    qtbot.keyClick(dialog.remove_button, Qt.Key.Key_Space)
    assert support.people(vault) == []
    settings.sync()
    written = settings_path.read_text(encoding="utf-8") if settings_path.exists() else ""
    assert "Marguerite" not in written


def test_a_person_without_a_name_is_an_inline_sentence(qtbot, make_dialog, vault):
    dialog = make_dialog()
    click(qtbot, dialog.add_button)
    editor = person_dialog(qtbot, dialog)
    qtbot.keyClicks(editor.reach, "somewhere")
    click(qtbot, editor.save_button)
    assert editor.isVisible() and "name" in editor.status.text()
    assert support.people(vault) == []


def test_without_an_open_journal_the_lines_still_show_and_people_wait(qtbot, make_dialog):
    dialog = make_dialog(with_vault=False)
    assert "Samaritans" in dialog.lines.toPlainText()
    assert not dialog.add_button.isEnabled() and "Open your journal" in dialog.people_note.text()


def test_the_people_are_dropped_when_the_dialog_closes(qtbot, make_dialog, vault):
    support.add_person(vault, support.Person("Marguerite"))
    dialog = make_dialog()
    assert dialog.people_list.count() == 1
    click(qtbot, dialog.close_button)
    assert dialog.people == [] and dialog.people_list.count() == 0


# -- keyboard and screen readers ----------------------------------------------------------------


def test_every_control_is_reachable_by_tab_and_has_an_accessible_name(qtbot, make_dialog, vault):
    support.add_person(vault, support.Person("Marguerite"))
    dialog = make_dialog()
    dialog.people_list.setCurrentRow(0)
    wanted = [
        dialog.country,
        dialog.lines,
        dialog.people_list,
        dialog.add_button,
        dialog.edit_button,
        dialog.remove_button,
        dialog.close_button,
    ]
    assert tab_order(dialog.country, len(wanted) - 1) == wanted[1:]
    for widget in dialog.findChildren(QWidget):
        if isinstance(widget, QComboBox | QAbstractButton) or widget in wanted:
            assert widget.accessibleName() or (widget.text() if hasattr(widget, "text") else "")


def test_people_are_saved_through_the_windows_write_lane(qtbot, vault, settings, ops):
    """Every view hears that the people changed, as with any other write of the window."""
    heard = []
    ops.changed.connect(heard.append)
    dialog = SupportDialog(vault, settings, ops=ops)
    qtbot.addWidget(dialog)
    assert dialog._save(support.add_person, support.Person("Ana", "", ""))
    assert support.people(vault) == [support.Person("Ana", "", "")]
    assert [c.touches(SETTINGS) for c in heard] == [True]
    assert dialog._save(support.remove_person, 0)
    assert support.people(vault) == [] and len(heard) == 2
