"""The window's side of a deleted vault.lock: the save is refused with the one sentence, and
what was typed stays in the editor until it can be saved again."""

from __future__ import annotations

from reconcile_desktop.core.errors import LockLost
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.ui.pages.journal.editor import EntryEditor
from tests.conftest import PASSPHRASE


def test_a_refused_save_keeps_the_words_in_the_editor_until_they_can_be_saved(
    qtbot, vault, make_vault, ops
):
    entry = journal.add_entry(vault, "Saved before.")
    editor = EntryEditor(vault, vault.clock, ops)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.load(entry.id)

    (vault.dir / "vault.lock").unlink()
    second = make_vault(vault.dir)
    second.unlock(PASSPHRASE)
    second.rotate_key(PASSPHRASE)

    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.body, " Typed while the other one rotated.")
    editor.save_now()
    assert editor.problem.problem and editor.problem.isVisible()
    assert LockLost.message in editor.problem.text()
    assert editor.has_unsaved()
    assert editor.body.toPlainText() == "Saved before. Typed while the other one rotated."

    second.close()
    vault.lock()  # close and open again, as the sentence asks
    vault.unlock(PASSPHRASE)
    editor.save_now()
    assert not editor.has_unsaved()
    assert journal.get_entry(vault, entry.id).body == (
        "Saved before. Typed while the other one rotated."
    )
