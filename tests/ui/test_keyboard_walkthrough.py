"""With the keyboard only: the menu keys for the page actions, the whole first-run guide and
one day's check-in, walked with key presses on whatever has focus (no mouse, no direct call
to a save)."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
