"""The entry editor: autosave, no empty entries, metadata, letters, prompts, the worksheet."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime, QTimeZone

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal import prompts
from reconcile_desktop.ui.pages.journal.editor import EntryEditor
from reconcile_desktop.ui.pages.journal.markdown_highlighter import MarkdownHighlighter
from reconcile_desktop.ui.pages.journal.worksheet_dialog import answers_from_body
from tests.conftest import PASSPHRASE
from tests.ui.conftest import click

NOW = dt.datetime(2024, 5, 14, 18, 30, tzinfo=dt.UTC)
ZONE = "Europe/Berlin"


@pytest.fixture
def vault(make_vault):
    v = make_vault(clock=Clock(fixed=NOW, zone=ZONE))
    v.create(PASSPHRASE)
    return v


@pytest.fixture
def editor(qtbot, vault, ops):
    widget = EntryEditor(vault, vault.clock, ops)
    qtbot.addWidget(widget)
    widget.resize(900, 640)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def count(vault) -> int:
    return journal.count_entries(vault, journal.Filters(include_deleted=True))


# -- autosave and switching ---------------------------------------------------------------------


def test_typing_into_a_new_entry_is_saved_after_a_pause(qtbot, editor, vault):
    editor.new_entry()
    assert editor.current_id() is None
    with (
        qtbot.waitSignal(editor.saved, timeout=5000) as saved,
        qtbot.waitSignal(editor.entry_changed, timeout=5000) as created,
    ):
        qtbot.keyClicks(editor.body, "Slept well for once.")
    entry = journal.get_entry(vault, saved.args[0])
    assert entry.body == "Slept well for once."
    assert entry.kind == "free"
    assert created.args == [entry.id]
    assert editor.current_id() == entry.id
    assert editor.status.text() == "Saved"
    assert editor.words.text() == "4 words"

    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.keyClicks(editor.title, "Tuesday")
    assert journal.get_entry(vault, entry.id).title == "Tuesday"
    assert count(vault) == 1  # the second save updated the same entry


def test_ctrl_s_saves_at_once(qtbot, editor, vault):
    editor.new_entry()
    qtbot.keyClicks(editor.body, "Right now")
    editor.body.setFocus()
    with qtbot.waitSignal(editor.saved, timeout=1000):
        qtbot.keyClick(editor.body, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert journal.get_entry(vault, editor.current_id()).body == "Right now"


def test_switching_entries_saves_the_one_being_left(qtbot, editor, vault):
    first = journal.add_entry(vault, "First day.")
    second = journal.add_entry(vault, "Second day.")
    editor.load(first.id)
    assert editor.body.toPlainText() == "First day."
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.body, " Walked by the river.")
    with qtbot.waitSignal(editor.entry_changed) as switched:
        editor.load(second.id)  # before the autosave timer fires
    assert switched.args == [second.id]
    assert journal.get_entry(vault, first.id).body == "First day. Walked by the river."
    assert editor.body.toPlainText() == "Second day."
    assert not editor.body.document().isUndoAvailable()  # each entry has its own history


def test_loading_the_entry_already_shown_keeps_its_undo_history(qtbot, editor, vault):
    entry = journal.add_entry(vault, "Hello")
    editor.load(entry.id)
    qtbot.keyClicks(editor.body, "x")
    editor.load(entry.id)
    assert editor.body.document().isUndoAvailable()


def test_an_empty_new_entry_is_never_written(qtbot, editor, vault):
    editor.new_entry()
    click(qtbot, editor.mood.buttons[2])
    editor.tags.setText("sleep")
    qtbot.keyClicks(editor.body, "   ")
    editor.save_now()
    assert count(vault) == 0

    # A prompt's own title is not the user's writing either.
    prompt = prompts.load_prompts()[0]
    editor.new_entry(kind="prompted", prompt_id=prompt.id, title=prompt.title)
    click(qtbot, editor.mood.buttons[0])
    editor.save_now()
    editor.new_entry()
    assert count(vault) == 0
    assert editor.current_id() is None


def test_mood_tags_and_principle_are_saved_and_shown_again(qtbot, editor, vault):
    journal.add_entry(vault, "Earlier", tags=["Sleep"])
    editor.new_entry()
    assert "Sleep" in editor.completer.names()
    qtbot.keyClicks(editor.body, "A steadier day")
    click(qtbot, editor.mood.buttons[3])
    editor.tags.setText("sleep, walks, ")  # set, not typed: the completer popup needs a real WM
    editor.principle.setCurrentIndex(editor.principle.findData("empathy"))
    editor.save_now()
    entry = journal.get_entry(vault, editor.current_id())
    assert (entry.mood, entry.principle) == (4, "empathy")
    assert entry.tags == ("Sleep", "walks")  # the existing spelling is kept

    other = journal.add_entry(vault, "Another")
    editor.load(other.id)
    assert editor.mood.value() is None and editor.tags.text() == ""
    editor.load(entry.id)
    assert editor.mood.value() == 4
    assert editor.tags.text() == "Sleep, walks"
    assert editor.principle.currentData() == "empathy"

    click(qtbot, editor.mood.buttons[3])  # a second click clears the optional mood
    editor.principle.setCurrentIndex(0)
    editor.save_now()
    entry = journal.get_entry(vault, entry.id)
    assert (entry.mood, entry.principle) == (None, None)


def test_a_bad_tag_does_not_hold_back_the_writing(qtbot, editor, vault):
    editor.new_entry()
    qtbot.keyClicks(editor.body, "Still saved")
    editor.tags.setText("x" * 101)
    editor.save_now()
    assert journal.get_entry(vault, editor.current_id()).body == "Still saved"
    assert editor.problem.problem and "100 characters" in editor.problem.text()


def test_the_date_and_time_can_be_changed(qtbot, editor, vault):
    entry = journal.add_entry(vault, "Late night")
    editor.load(entry.id)
    assert editor.when.dateTime().time().hour() == 20  # 18:30 UTC is 20:30 in Berlin
    utc = QTimeZone(QTimeZone.Initialization.UTC)
    editor.when.setDateTime(QDateTime(QDate(2024, 5, 1), QTime(23, 15), utc))
    editor.save_now()
    saved = journal.get_entry(vault, entry.id)
    assert saved.local_date == dt.date(2024, 5, 1)
    assert saved.occurred_utc == dt.datetime(2024, 5, 1, 21, 15, tzinfo=dt.UTC)


# -- kinds, prompts, trash ----------------------------------------------------------------------


def test_a_letter_says_it_will_never_be_sent(editor):
    editor.new_entry(kind="letter")
    assert editor.banner.isVisible()
    assert editor.banner.text() == "This letter is for you. It will never be sent."
    assert editor.kind_label.text() == "Unsent letter"
    editor.new_entry()
    assert not editor.banner.isVisible()


def test_the_prompt_is_shown_above_the_body(editor):
    prompt = prompts.load_prompts()[0]
    editor.new_entry(kind="prompted", prompt_id=prompt.id, title=prompt.title)
    assert editor.prompt_text.isVisible() and editor.prompt_text.text() == prompt.text
    assert editor.title.text() == prompt.title


def test_the_prompt_picker_starts_a_prompted_entry(qtbot, editor, vault):
    picker = editor.choose_prompt()
    today = prompts.prompt_of_the_day(vault.clock.today())
    assert picker.shown_ids()[0] == today.id
    picker.principle.setCurrentIndex(picker.principle.findData("accountability"))
    picker.step.setCurrentIndex(picker.step.findData("make-it-right"))
    wanted = next(
        p for p in prompts.prompts_for("accountability", "make-it-right") if p.kind == "prompted"
    )
    assert set(picker.shown_ids()) == {
        p.id for p in prompts.prompts_for("accountability", "make-it-right")
    }
    picker.list.setCurrentRow(picker.shown_ids().index(wanted.id))
    click(qtbot, picker.start_button)
    assert not picker.isVisible()
    assert editor.title.text() == wanted.title
    assert count(vault) == 0  # nothing written until the user writes
    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        qtbot.keyClicks(editor.body, "I interrupted, often.")
    entry = journal.get_entry(vault, saved.args[0])
    assert (entry.kind, entry.prompt_id, entry.principle) == (
        "prompted",
        wanted.id,
        "accountability",
    )


def test_a_letter_prompt_starts_an_unsent_letter(qtbot, editor):
    letter = next(p for p in prompts.load_prompts() if p.kind == "letter")
    picker = editor.choose_prompt()
    picker.choose(letter.id)
    assert editor.kind_label.text() == "Unsent letter"
    assert editor.banner.isVisible()


def test_the_trash_button_moves_the_entry_and_starts_afresh(qtbot, editor, vault):
    entry = journal.add_entry(vault, "Not today")
    editor.load(entry.id)
    with qtbot.waitSignal(editor.trashed) as trashed:
        click(qtbot, editor.trash_button)
    assert trashed.args == [entry.id]
    assert journal.get_entry(vault, entry.id).deleted
    assert editor.current_id() is None and editor.body.toPlainText() == ""


def test_an_entry_in_the_trash_opens_read_only(qtbot, editor, vault):
    entry = journal.add_entry(vault, "Kept safe")
    journal.trash_entry(vault, entry.id)
    editor.load(entry.id)
    assert editor.body.isReadOnly()
    assert "in the trash" in editor.banner.text()
    qtbot.keyClicks(editor.body, "typing")
    editor.save_now()
    assert journal.get_entry(vault, entry.id).body == "Kept safe"


def test_the_read_view_renders_markdown(qtbot, editor):
    editor.new_entry(body="# Heading\n\nSome **bold** words")
    click(qtbot, editor.read_button)
    assert editor.stack.currentWidget() is editor.reader
    assert "Some bold words" in editor.reader.toPlainText()
    click(qtbot, editor.read_button)
    assert editor.stack.currentWidget() is editor.body


def test_headings_and_emphasis_are_highlighted(qtbot):
    from PySide6.QtGui import QTextDocument

    doc = QTextDocument("# Head\nplain words\nsome *soft* text")
    MarkdownHighlighter(doc)
    formats = [doc.findBlockByNumber(i).layout().formats() for i in range(3)]
    assert formats[0] and formats[0][0].format.fontWeight() > 400
    assert not formats[1]
    assert any(f.format.fontItalic() for f in formats[2])


# -- the worksheet ------------------------------------------------------------------------------

ANSWERS = {
    "why-it-ended": "I stopped listening.\nShe asked twice.",
    "what-changed": "",
    "afraid-of-them": "",
    "controlled-by-them": "",
    "hurt-by-them": "",
    "loved": ["Sunday walks", "How we laughed"],
    "disliked": [
        {"item": "Arguments about money", "can_change": "yes"},
        {"item": "Her long hours", "can_change": "no"},
    ],
    "someone-new": "",
    "trusted-views": "",
    "where-i-stand": "",
}


def fill_worksheet(qtbot, dialog) -> None:
    dialog.fields["why-it-ended"].setPlainText(ANSWERS["why-it-ended"])
    loved = dialog.fields["loved"]
    qtbot.keyClicks(loved.rows[0].line, "Sunday walks")
    qtbot.keyClick(loved.rows[0].line, Qt.Key.Key_Return)  # adds the next line, keeps it open
    assert dialog.isVisible()
    qtbot.keyClicks(loved.rows[1].line, "How we laughed")
    disliked = dialog.fields["disliked"]
    qtbot.keyClicks(disliked.rows[0].line, "Arguments about money")
    disliked.rows[0].change.setCurrentIndex(disliked.rows[0].change.findData("yes"))
    row = disliked.add_item()
    qtbot.keyClicks(row.line, "Her long hours")
    row.change.setCurrentIndex(row.change.findData("no"))
    disliked.add_item()  # a blank line is left out


def test_the_worksheet_round_trip(qtbot, editor, vault):
    editor.new_entry(kind="worksheet", prompt_id="should-i-try")
    dialog = editor.worksheet_dialog
    assert dialog is not None and dialog.isVisible()
    fill_worksheet(qtbot, dialog)
    with qtbot.waitSignal(editor.saved) as saved:
        click(qtbot, dialog.save_button)
    entry = journal.get_entry(vault, saved.args[0])
    assert entry.kind == "worksheet" and entry.prompt_id == "should-i-try"
    assert entry.title == "Should I even try?"
    assert entry.body == prompts.worksheet_to_markdown(ANSWERS)

    editor.load(journal.add_entry(vault, "Something else").id)
    editor.load(entry.id)
    again = editor.open_worksheet()
    assert again is not None and again.answers() == ANSWERS
    again.fields["where-i-stand"].setPlainText("Not sure yet.")
    with qtbot.waitSignal(editor.saved):
        again.accept()
    assert prompts.worksheet_from_markdown(journal.get_entry(vault, entry.id).body) == ANSWERS | {
        "where-i-stand": "Not sure yet."
    }


def test_discarding_a_new_worksheet_writes_nothing(qtbot, editor, vault):
    editor.new_entry(kind="worksheet")
    fill_worksheet(qtbot, editor.worksheet_dialog)
    click(qtbot, editor.worksheet_dialog.discard_button)
    assert editor.worksheet_dialog is None
    assert count(vault) == 0


def test_locking_keeps_a_worksheet_being_filled_in(qtbot, editor, vault):
    editor.new_entry(kind="worksheet")
    fill_worksheet(qtbot, editor.worksheet_dialog)
    editor.worksheet_dialog.reject()  # what the window does to open dialogs when it locks
    editor.clear_sensitive()
    (row,) = journal.list_page(vault)
    assert answers_from_body(journal.get_entry(vault, row.id).body) == ANSWERS


def test_a_hand_edited_worksheet_stays_plain_text(qtbot, editor, vault):
    body = prompts.worksheet_to_markdown(ANSWERS).replace("# Should", "My notes first\n\n# Should")
    entry = journal.add_entry(vault, body, kind="worksheet")
    editor.load(entry.id)
    assert editor.open_worksheet() is None
    assert not editor.sheet_bar.button.isEnabled()
    assert "plain text" in editor.sheet_bar.note.text()
    assert editor.body.toPlainText() == body


# -- locking ------------------------------------------------------------------------------------


def test_clear_sensitive_saves_then_forgets_everything(qtbot, editor, vault):
    entry = journal.add_entry(vault, "Private words", title="Private", tags=["secret"])
    editor.load(entry.id)
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.body, " and more")
    qtbot.keyClicks(editor.title, "!")
    editor.read_button.setChecked(True)
    assert editor.body.document().isUndoAvailable()

    editor.clear_sensitive()
    assert journal.get_entry(vault, entry.id).body == "Private words and more"
    assert editor.body.toPlainText() == "" and editor.title.text() == ""
    assert editor.tags.text() == "" and editor.reader.toPlainText() == ""
    assert not editor.body.document().isUndoAvailable()
    assert not editor.body.document().isRedoAvailable()
    assert not editor.title.isUndoAvailable()
    assert editor.completer.names() == []
    assert editor.current_id() is None


# -- when saving fails --------------------------------------------------------------------------


def test_a_failed_save_keeps_the_text_and_the_entry(qtbot, editor, vault):
    first = journal.add_entry(vault, "One")
    second = journal.add_entry(vault, "Two")
    editor.load(first.id)
    qtbot.keyClicks(editor.body, "Unsaved ")
    vault.lock()
    editor.load(second.id)  # saving fails, so the editor stays on the text
    assert editor.current_id() == first.id
    assert editor.body.toPlainText() == "Unsaved One"
    assert editor.problem.problem and editor.problem.isVisible()

    vault.unlock(PASSPHRASE)
    editor.load(second.id)
    assert journal.get_entry(vault, first.id).body == "Unsaved One"
    assert editor.current_id() == second.id and not editor.problem.isVisible()


def test_an_entry_trashed_elsewhere_turns_read_only(qtbot, editor, vault):
    entry = journal.add_entry(vault, "Soon gone")
    editor.load(entry.id)
    qtbot.keyClicks(editor.body, "x")
    journal.trash_entry(vault, entry.id)
    editor.save_now()
    assert editor.body.isReadOnly() and "in the trash" in editor.banner.text()
    assert not editor.problem.isVisible()  # the banner says it once
    other = journal.add_entry(vault, "Elsewhere")
    editor.load(other.id)  # nothing is left pending, so switching works
    assert editor.current_id() == other.id


def test_tags_complete_after_the_last_comma(editor):
    editor.completer.set_names(["sleep", "sunday"])
    editor.tags.setText("calm, sl")
    assert editor.completer.splitPath(editor.tags.text()) == ["sl"]
    index = editor.completer.model().index(0, 0)
    assert editor.completer.pathFromIndex(index) == "calm, sleep"
