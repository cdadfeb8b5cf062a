"""With the keyboard only: the menu keys for the page actions, the whole first-run guide and
one day's check-in, walked with key presses on whatever has focus (no mouse, no direct call
to a save)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from reconcile_desktop.core.nocontact import store as nocontact
from tests.ui.conftest import active_window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_new_goal_has_a_key_that_works_from_any_page(
    qtbot, make_app, make_vault, existing_vault_dir
):
    app = make_app(make_vault(existing_vault_dir))
    window = active_window(qtbot, app)
    window.show_page_key("today")
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL_SHIFT)
    plan = window.page("plan")
    assert window.current_page() is plan
    qtbot.waitUntil(lambda: plan.goal_dialog is not None and plan.goal_dialog.isVisible())
    assert "Ctrl+Shift+N" in plan.new_goal_button.toolTip()


def test_i_had_contact_has_a_key_that_works_from_any_page(
    qtbot, make_app, make_vault, existing_vault_dir
):
    app = make_app(make_vault(existing_vault_dir))
    window = active_window(qtbot, app)
    nocontact.start_period(app.vault, target_days=30)
    window.refresh_pages()
    window.show_page_key("journal")
    qtbot.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_C, CTRL_SHIFT)
    page = window.page("nocontact")
    assert window.current_page() is page
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible())
    assert page.dialog.windowTitle() == "I had contact"
    assert "Ctrl+Shift+C" in page.contact_button.toolTip()


# -- the whole first run and one day, keys only ------------------------------------------------


def focused():
    return QApplication.focusWidget()


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    widget = focused()
    assert widget is not None, "nothing has the keyboard"
    qtbot.keyClick(widget, key, modifier)


def write(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def tab_to(qtbot, wanted, limit: int = 40) -> None:
    """Tab until `wanted` has the keyboard: the real Tab order must reach it."""
    for _ in range(limit):
        if focused() is wanted:
            return
        press(qtbot, Qt.Key.Key_Tab)
        face = QAccessible.queryAccessibleInterface(focused())
        assert face.text(QAccessible.Text.Name).strip(), f"a Tab stop with no name: {focused()!r}"
    assert focused() is wanted, f"Tab never reaches {wanted!r}; it stopped at {focused()!r}"


def comes_up(qtbot, window) -> None:
    """A new window gets the keyboard (the window manager's part, not the user's)."""
    qtbot.waitUntil(window.isVisible)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_first_run_and_one_day_with_the_keyboard_only(qtbot, make_app, make_vault, tmp_path):
    from reconcile_desktop.core.journal import daily_mood
    from reconcile_desktop.core.journal import entries as journal
    from reconcile_desktop.core.plans import store as plans
    from tests.conftest import PASSPHRASE
    from tests.ui.conftest import window_up

    app = make_app(make_vault(tmp_path / "fresh"), first_run_guide=True)
    app.start()
    dialog = app.dialog
    comes_up(qtbot, dialog)
    assert focused() is dialog.passphrase
    write(qtbot, PASSPHRASE)
    tab_to(qtbot, dialog.confirm)
    write(qtbot, PASSPHRASE)
    press(qtbot, Qt.Key.Key_Return)  # the dialog's default button creates the journal
    qtbot.waitUntil(lambda: window_up(app) and app.guide is not None)
    vault, guide = app.vault, app.guide

    # The guide: Welcome, then no contact for 30 days, a goal with its step, Finish.
    comes_up(qtbot, guide)
    assert focused() is guide.next_button
    press(qtbot, Qt.Key.Key_Space)
    step = guide.no_contact
    assert guide.current() is step
    tab_to(qtbot, step.start)  # one stop for the two answers; Space chooses
    press(qtbot, Qt.Key.Key_Space)
    assert step.start.isChecked()
    tab_to(qtbot, step.days)
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    write(qtbot, "30")
    tab_to(qtbot, guide.next_button)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: guide.current() is guide.goal)
    step = guide.goal
    assert focused() is step.goal
    write(qtbot, "Stay calm when I feel criticised")
    tab_to(qtbot, step.action)
    write(qtbot, "Ten slow breaths before I answer")
    tab_to(qtbot, guide.next_button)
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: guide.current() is guide.worksheet)
    assert focused() is guide.next_button and guide.next_button.text() == "Finish"
    press(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not guide.isVisible())
    from reconcile_desktop.core.nocontact import store as nocontact_store

    assert nocontact_store.current_period(vault).target_days == 30
    (goal,) = plans.goals(vault)
    (step_done,) = plans.commitments(vault, goal.id)

    # One day: Today's step kept, with a note, and the day's mood.
    window = app.window
    comes_up(qtbot, window)
    press(qtbot, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    today = window.page("today")
    assert window.current_page() is today
    tab_to(qtbot, today.checkins.view)
    with qtbot.waitSignal(today.checkins.marked):
        press(qtbot, Qt.Key.Key_K)
    tab_to(qtbot, today.checkins.note)
    write(qtbot, "Breathed before I answered")
    with qtbot.waitSignal(window.ops.changed):
        press(qtbot, Qt.Key.Key_Return)
    (item,) = plans.day_items(vault)
    assert (item.commitment.id, item.state, item.note) == (
        step_done.id,
        "kept",
        "Breathed before I answered",
    )
    tab_to(qtbot, today.mood_group.button(1))  # one Tab stop; the arrows move along
    for _ in range(3):
        press(qtbot, Qt.Key.Key_Right)
    assert focused() is today.mood_group.button(4)
    with qtbot.waitSignal(window.ops.changed):
        press(qtbot, Qt.Key.Key_Space)
    assert daily_mood.get_mood(vault, vault.clock.today()).mood == 4

    # Changed my mind: the same day in the plan's week, slipped, and the follow-up written.
    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    plan = window.page("plan")
    assert window.current_page() is plan
    tab_to(qtbot, plan.day_tabs)
    press(qtbot, Qt.Key.Key_Right)
    tab_to(qtbot, plan.week.view)
    assert plan.week.current_key() == (step_done.id, vault.clock.today())
    press(qtbot, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: plan.slip_dialog is not None and plan.slip_dialog.isVisible())
    follow_up = plan.slip_dialog
    comes_up(qtbot, follow_up)
    tab_to(qtbot, follow_up.what_happened)
    write(qtbot, "I answered too fast.")
    tab_to(qtbot, follow_up.save_button)
    with qtbot.waitSignal(follow_up.saved):
        press(qtbot, Qt.Key.Key_Space)
    (item,) = plans.day_items(vault)
    assert item.state == "slipped" and item.note == "Breathed before I answered"
    (entry,) = list(journal.iter_entries(vault))
    assert "I answered too fast." in entry.body


def test_every_button_of_every_page_is_reachable_by_keyboard(
    qtbot, make_app, make_vault, existing_vault_dir
):
    """A Tab stop, or (for a toolbar's buttons, which take none) an entry in the page's menu."""
    from PySide6.QtWidgets import QAbstractButton, QToolButton

    from tests.ui.conftest import demo_window

    window = demo_window(qtbot, make_app, make_vault, existing_vault_dir)
    unreachable = []
    for page in window.pages:
        window.show_page_key(page.key)
        in_menu = {id(action) for action in page.menu_actions()}
        for button in page.findChildren(QAbstractButton):
            if not button.isVisible() or not button.isEnabled():
                continue
            if button.focusPolicy().value & Qt.FocusPolicy.TabFocus.value:
                continue
            action = button.defaultAction() if isinstance(button, QToolButton) else None
            if action is None or id(action) not in in_menu:
                unreachable.append(f"{page.key}: {button.text() or button.accessibleName()}")
    assert unreachable == []
