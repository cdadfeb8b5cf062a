"""The getting-started guide: offered once after a journal is created, every step skippable,
each step writing real data through core (checked here through core too)."""

from __future__ import annotations

from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.core.storage import vault_settings
from reconcile_desktop.ui.shell.first_run import FirstRunGuide
from tests.conftest import PASSPHRASE
from tests.ui.conftest import click, type_into, unlock, window_up


def create_journal(qtbot, app) -> None:
    dialog = app.dialog
    type_into(qtbot, dialog.passphrase, PASSPHRASE)
    type_into(qtbot, dialog.confirm, PASSPHRASE)
    click(qtbot, dialog.create_button)
    qtbot.waitUntil(lambda: window_up(app))


def started(qtbot, make_app, make_vault, tmp_path):
    app = make_app(make_vault(tmp_path / "fresh"), first_run_guide=True)
    app.start()
    create_journal(qtbot, app)
    qtbot.waitUntil(lambda: app.guide is not None and app.guide.isVisible())
    return app, app.guide


def test_walking_the_guide_writes_each_step_through_core(qtbot, make_app, make_vault, tmp_path):
    app, guide = started(qtbot, make_app, make_vault, tmp_path)
    vault = app.vault
    assert vault_settings.guide_offered(vault)
    assert guide.counter.text() == "Step 1 of 4"
    refreshes = {page.key: page.calls.count("refresh") for page in app.window.pages}
    click(qtbot, guide.next_button)

    step = guide.no_contact
    assert guide.current() is step and guide.next_button.text() == "Next"
    step.days.setValue(30)  # choosing a number chooses to start
    assert step.start.isChecked() and guide.next_button.text() == "Start and continue"
    click(qtbot, guide.next_button)
    assert not guide.next_button.isEnabled()  # until the write has landed
    qtbot.waitUntil(lambda: guide.current() is guide.goal)
    period = nocontact.current_period(vault)
    assert period is not None and period.target_days == 30

    step = guide.goal
    assert guide.current() is step
    type_into(qtbot, step.goal, "Stay calm when I feel criticised")
    click(qtbot, guide.next_button)  # a goal without a step is not saved yet
    assert guide.current() is step and step.status.problem and not plans.goals(vault)
    type_into(qtbot, step.action, "Ten slow breaths before I answer")
    step.principle.setCurrentIndex(step.principle.findData("patience"))
    step.schedule.setCurrentIndex(step.schedule.findData("3/week"))
    assert guide.next_button.text() == "Save and continue"
    click(qtbot, guide.next_button)
    qtbot.waitUntil(lambda: guide.current() is guide.worksheet)
    (goal,) = plans.goals(vault)
    assert (goal.title, goal.principle) == ("Stay calm when I feel criticised", "patience")
    (commitment,) = plans.commitments(vault, goal.id)
    assert commitment.action == "Ten slow breaths before I answer"
    assert (commitment.schedule.kind, commitment.schedule.per_week) == ("per_week", 3)

    click(qtbot, guide.back_button)  # going back and on again never saves twice
    click(qtbot, guide.next_button)
    assert len(plans.goals(vault)) == 1

    click(qtbot, guide.worksheet.open_button)
    assert not guide.isVisible()
    page = app.window.page("journal")
    assert app.window.current_page() is page
    # Every write was broadcast as it landed: the page on screen has read the vault again,
    # the others do when next shown (below).
    assert page.calls.count("refresh") > refreshes["journal"]
    sheet = page.editor.worksheet_dialog
    assert sheet is not None and sheet.isVisible()
    field = next(f for f in sheet.fields.values() if hasattr(f, "setPlainText"))
    field.setPlainText("I stopped listening.")
    click(qtbot, sheet.save_button)
    qtbot.waitUntil(lambda: journal.count_entries(vault) == 1)
    (row,) = journal.list_page(vault)
    assert row.kind == "worksheet"
    assert "I stopped listening." in journal.get_entry(vault, row.id).body
    for p in app.window.pages:
        app.window.show_page_key(p.key)
        assert p.loaded and p.calls.count("refresh") > refreshes[p.key]
    assert app.window.page("nocontact").view == "running"


def test_skipping_at_once_writes_nothing_and_it_is_not_offered_again(
    qtbot, make_app, make_vault, tmp_path
):
    app, guide = started(qtbot, make_app, make_vault, tmp_path)
    click(qtbot, guide.next_button)
    click(qtbot, guide.next_button)  # "Not now" is the default for no contact
    click(qtbot, guide.skip_button)
    assert not guide.isVisible()
    vault = app.vault
    assert nocontact.current_period(vault) is None and not plans.goals(vault)
    assert journal.count_entries(vault) == 0

    app.guide = None
    app.window.lock_action.trigger()
    unlock(qtbot, app)
    assert app.guide is None  # remembered in the vault: not at every unlock


def test_help_opens_the_guide_again_and_it_knows_what_is_done(
    qtbot, make_app, make_vault, tmp_path
):
    app = make_app(make_vault(tmp_path / "fresh"), first_run_guide=True)
    app.start()
    create_journal(qtbot, app)
    qtbot.waitUntil(lambda: app.guide is not None and app.guide.isVisible())
    app.guide.reject()
    nocontact.start_period(app.vault, target_days=60)

    app.window.guide_action.trigger()
    guides = [g for g in app.window.findChildren(FirstRunGuide) if g.isVisible()]
    assert len(guides) == 1
    guide = guides[0]
    guide.go_to(1)
    assert guide.no_contact.choices.isHidden()
    assert "60" in guide.no_contact.status.text()
    click(qtbot, guide.next_button)
    assert guide.current() is guide.goal
    assert len(nocontact.periods(app.vault)) == 1


def test_an_existing_journal_with_content_is_not_offered_the_guide(
    qtbot, make_app, make_vault, tmp_path
):
    vault = make_vault(tmp_path / "used")
    vault.create(PASSPHRASE)
    journal.add_entry(vault, "Written before the guide existed.")
    vault.close()
    app = make_app(make_vault(tmp_path / "used"), first_run_guide=True)
    app.start()
    unlock(qtbot, app)
    assert app.guide is None
    # Remembered, so later unlocks do not look through the journal again.
    assert vault_settings.guide_offered(app.vault)


def test_focus_starts_where_typing_goes_never_on_skip(qtbot, make_app, make_vault, tmp_path):
    _app, guide = started(qtbot, make_app, make_vault, tmp_path)
    for index in range(len(guide.steps)):
        guide.go_to(index)
        focused = guide.focusWidget()
        assert focused is not guide.skip_button
        if guide.current() is guide.goal:
            assert focused is guide.goal.goal
        else:
            assert focused is guide.next_button
