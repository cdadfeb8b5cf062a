"""A conflict copy (two computers changed one entry at the same time; sync kept both) says so
in the editor, and opens the version it was copied from."""

from __future__ import annotations

import pytest

from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.sync import service as sync
from reconcile_desktop.ui.pages.journal.editor import conflict_of
from reconcile_desktop.ui.pages.journal.page import JournalPage
from tests.conftest import PASSPHRASE, TEST_BOUNDS
from tests.ui.conftest import click

BANNER = (
    "Two computers changed this entry at the same time. This copy keeps the other version, "
    "so no words are lost."
)


def entry_titled(vault, title: str) -> journal.EntryData:
    return next(e for e in journal.iter_entries(vault) if e.title == title)


@pytest.fixture
def laptop_with_a_conflict(vault, tmp_path):
    """Two computers edit one entry before either syncs: the second to sync keeps a copy."""
    folder = tmp_path / "Sync"
    journal.add_entry(vault, "The first draft.", title="Draft")
    sync.start(vault, folder, device_name="Desk")
    sync.sync_now(vault)
    laptop = sync.join(
        tmp_path / "laptop", folder, PASSPHRASE, device_name="Laptop", kdf_bounds=TEST_BOUNDS
    )
    journal.update_entry(vault, entry_titled(vault, "Draft").id, body="The desk's version.")
    journal.update_entry(laptop, entry_titled(laptop, "Draft").id, body="The laptop's version.")
    sync.sync_now(vault)
    sync.sync_now(laptop)
    yield laptop
    laptop.close()


def test_a_conflict_copy_shows_the_banner_and_opens_the_other_version(
    qtbot, laptop_with_a_conflict, ops
):
    laptop = laptop_with_a_conflict
    entries = list(journal.iter_entries(laptop))
    copies = [e for e in entries if conflict_of(laptop, e) is not None]
    assert len(copies) == 1
    copy = copies[0]
    bodies = {e.body for e in entries}
    assert {"The desk's version.", "The laptop's version."} <= bodies  # no words lost

    page = JournalPage(laptop, laptop.clock, ops)
    ops.changed.connect(page.refresh)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    page.refresh()
    editor = page.editor
    page.open_entry(copy.id)
    assert editor.conflict_bar.isVisible()
    assert editor.conflict_text.text() == BANNER

    click(qtbot, editor.conflict_button)
    assert editor.current_id() == conflict_of(laptop, copy)
    assert not editor.conflict_bar.isVisible()  # the entry it was copied from is no copy
    page.clear_sensitive()


def test_the_entry_on_screen_shows_what_a_merge_wrote_into_it(qtbot, vault, ops):
    """A sync's merge writes on the runner and announces ENTRIES: the open entry shows the
    stored words, not the ones it read before."""
    entry = journal.add_entry(vault, "Before the merge.", title="Open")
    page = JournalPage(vault, vault.clock, ops)
    ops.changed.connect(page.refresh)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.open_entry(entry.id)
    assert page.editor.body.toPlainText() == "Before the merge."

    with qtbot.waitSignal(ops.changed):
        ops.mutate(journal.update_entry, vault, entry.id, body="Merged from the laptop.")
    assert page.editor.body.toPlainText() == "Merged from the laptop."
    assert page.editor.current_id() == entry.id
    page.clear_sensitive()


def test_words_being_typed_are_not_replaced_by_a_merge(qtbot, vault, ops):
    entry = journal.add_entry(vault, "Before the merge.", title="Open")
    page = JournalPage(vault, vault.clock, ops)
    ops.changed.connect(page.refresh)
    qtbot.addWidget(page)
    page.show()
    page.refresh()
    page.open_entry(entry.id)
    page.editor.body.appendPlainText("Typed just now.")
    with qtbot.waitSignal(ops.changed):
        ops.mutate(journal.update_entry, vault, entry.id, body="Merged from the laptop.")
    assert "Typed just now." in page.editor.body.toPlainText()
    page.clear_sensitive()
