"""The journal as people expect it (issue 14): a split that stays put, a readable status,
worksheets opened for reading, the newest entry opened first, plain previews."""

from __future__ import annotations

import datetime as dt

import pytest

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.ui.pages.journal.page import JournalPage
from tests.conftest import PASSPHRASE

NOW = dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC)
ZONE = "Europe/London"


@pytest.fixture
def clock():
    return Clock(fixed=NOW, zone=ZONE)


@pytest.fixture
def vault(make_vault, clock):
    v = make_vault(clock=clock)
    v.create(PASSPHRASE)
    return v


@pytest.fixture
def page(qtbot, vault, clock, ops):
    widget = JournalPage(vault, clock, ops)
    ops.changed.connect(widget.refresh)
    qtbot.addWidget(widget)
    widget.resize(960, 640)
    widget.show()
    qtbot.waitExposed(widget)
    widget.refresh()
    yield widget
    widget.clear_sensitive()


def settle(qtbot) -> None:
    """Let queued layout requests reach the splitter (what a real event loop does)."""
    qtbot.wait(0)
    qtbot.waitUntil(lambda: True)


# -- the split stays where it was put -----------------------------------------------------------


def test_the_split_stays_put_while_typing_saving_and_counting_a_letter(qtbot, page, vault, ops):
    nocontact.start_period(vault, target_days=30)
    letter = journal.add_entry(vault, "Dear you", kind="letter", occurred=NOW)
    page.open_entry(letter.id)
    page.splitter.setSizes([420, 540])
    settle(qtbot)
    where = page.splitter.sizes()
    editor = page.editor
    editor.body.moveCursor(editor.body.textCursor().MoveOperation.End)
    editor.body.insertPlainText(" word" * 12_000)  # the count grows to "12,002 words"
    editor._update_count()
    settle(qtbot)
    assert page.splitter.sizes() == where
    editor.save_now()  # what autosave does: "Saved" appears
    settle(qtbot)
    assert page.splitter.sizes() == where
    with qtbot.waitSignal(ops.changed):
        editor.log_letter_as_urge()
    settle(qtbot)
    assert page.splitter.sizes() == where
    prompted = journal.add_entry(vault, "An answer", kind="prompted", occurred=NOW)
    page.open_entry(prompted.id)  # another kind of entry: "Answering a prompt"
    settle(qtbot)
    assert page.splitter.sizes() == where


def test_counting_a_letter_keeps_the_status_readable_and_the_mood_buttons_whole(
    qtbot, page, vault, ops
):
    nocontact.start_period(vault, target_days=30)
    letter = journal.add_entry(vault, "Dear you", kind="letter", occurred=NOW)
    page.open_entry(letter.id)
    page.splitter.setSizes([10_000, 1])  # the editor as narrow as the split lets it be
    settle(qtbot)
    mood = page.editor.mood
    widths = [b.width() for b in mood.buttons]
    with qtbot.waitSignal(ops.changed):
        page.editor.log_letter_as_urge()
    settle(qtbot)
    assert page.editor.urge_counted.isVisibleTo(page.editor)
    for label in (page.editor.status, page.editor.words):
        text_w = label.fontMetrics().horizontalAdvance(label.text())
        assert text_w <= label.contentsRect().width(), label.text()
    assert [b.width() for b in mood.buttons] == widths
    assert mood.width() == mood.sizeHint().width()


# -- the list ---------------------------------------------------------------------------------


def test_a_title_keeps_its_full_width_beside_a_kind_badge(qtbot, page, vault, monkeypatch):
    from reconcile_desktop.ui.pages.journal import entry_delegate

    journal.add_entry(vault, "x", title="Should I even try?", kind="worksheet", occurred=NOW)
    page.refresh()
    drawn: list[tuple[str, int]] = []
    real = entry_delegate.draw_runs

    def record(painter, rect, runs, style, lines=1):
        drawn.append(("".join(t for t, _ in runs), rect.width()))
        return real(painter, rect, runs, style, lines)

    monkeypatch.setattr(entry_delegate, "draw_runs", record)
    page.list.viewport().repaint()
    title_w = {text: width for text, width in drawn}["Should I even try?"]
    index = page.model.index(0)
    row_w = page.list.visualRect(index).width()
    body_w = row_w - 3 * entry_delegate.PAD - entry_delegate.DATE_W
    assert title_w == body_w  # the whole row's width: the badge sits on the line below


# -- worksheets open for reading --------------------------------------------------------------


def test_a_worksheet_opens_formatted_for_reading_and_edit_opens_it_up(qtbot, page, vault):
    from reconcile_desktop.core.journal import prompts

    body = prompts.worksheet_to_markdown({"why-it-ended": "We stopped *listening*."})
    sheet = journal.add_entry(vault, body, title="Should I even try?", kind="worksheet")
    plain = journal.add_entry(vault, "An ordinary day.", occurred=NOW - dt.timedelta(days=1))
    editor = page.editor
    page.open_entry(sheet.id)
    assert editor.stack.currentWidget() is editor.reader
    shown = editor.reader.toPlainText()
    assert "Why did it end?" in shown and "#" not in shown and "*" not in shown
    assert editor.read_button.text() == "Edit"
    question = editor.reader.document().findBlockByNumber(1)  # "Why did it end?", a heading
    size = question.begin().fragment().charFormat().font().pointSizeF()
    assert editor.reader.font().pointSizeF() < size <= editor.reader.font().pointSizeF() * 1.5
    editor.toggle_read()  # Ctrl+E
    assert editor.stack.currentWidget() is editor.body
    assert editor.body.toPlainText() == body
    page.open_entry(plain.id)  # a plain entry opens for writing, as before
    assert editor.stack.currentWidget() is editor.body
    page.open_entry(sheet.id)
    assert editor.stack.currentWidget() is editor.reader


# -- what the journal opens on ----------------------------------------------------------------


def make_page(qtbot, vault, clock, ops) -> JournalPage:
    widget = JournalPage(vault, clock, ops)
    qtbot.addWidget(widget)
    widget.resize(960, 640)
    widget.show()
    widget.refresh()
    return widget


def test_the_journal_opens_on_todays_entry_and_ctrl_n_starts_a_new_one(qtbot, vault, clock, ops):
    journal.add_entry(vault, "Yesterday.", occurred=NOW - dt.timedelta(days=1))
    today = journal.add_entry(vault, "This morning.", occurred=NOW - dt.timedelta(hours=1))
    journal.add_entry(vault, "Planned ahead.", occurred=NOW + dt.timedelta(days=2))
    page = make_page(qtbot, vault, clock, ops)
    assert page.editor.current_id() == today.id
    assert page.editor.body.toPlainText() == "This morning."
    assert page._id_at(page.list.currentIndex()) == today.id
    page.new_action.trigger()  # Ctrl+N
    assert page.editor.current_id() is None and page.editor.body.toPlainText() == ""
    page.clear_sensitive()


def test_without_an_entry_today_the_newest_one_opens(qtbot, vault, clock, ops):
    journal.add_entry(vault, "Older.", occurred=NOW - dt.timedelta(days=9))
    newest = journal.add_entry(vault, "Newest.", occurred=NOW - dt.timedelta(days=2))
    page = make_page(qtbot, vault, clock, ops)
    assert page.editor.current_id() == newest.id
    page.clear_sensitive()
    page.refresh()  # unlocked again: the newest once more, not a blank page
    assert page.editor.current_id() == newest.id
    page.clear_sensitive()


# -- Markdown rendered as you write ------------------------------------------------------------


def _format_at(block, position: int):
    from PySide6.QtGui import QTextCharFormat

    for r in block.layout().formats():
        if r.start <= position < r.start + r.length:
            return QTextCharFormat(r.format)  # a copy: the range is gone after this line
    return QTextCharFormat()


def _x_of(block, position: int) -> float:
    block.document().documentLayout().blockBoundingRect(block)  # lays the block out now
    assert block.layout().lineCount() > 0
    return block.layout().lineAt(0).cursorToX(position)[0]


def test_marks_fold_away_except_on_the_line_being_written(qtbot, page):
    from PySide6.QtGui import QTextCursor

    editor = page.editor
    page.start_entry(
        body="# A slow Sunday\nby the **river** and [a link](https://example.org)\nend"
    )
    doc = editor.body.document()
    heading, line, _end = (doc.findBlockByNumber(n) for n in range(3))
    cursor = editor.body.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)  # the cursor on the last line
    editor.body.setTextCursor(cursor)
    body_size = doc.defaultFont().pointSizeF()
    assert _format_at(heading, 3).fontPointSize() > body_size * 1.3  # a heading reads as one
    assert _format_at(heading, 3).fontWeight() > 500
    # "# " and "**" and "](https://example.org)" take no room away from the cursor...
    assert _x_of(heading, 2) - _x_of(heading, 0) < 1
    start = line.text().index("**")
    assert _x_of(line, start + 2) - _x_of(line, start) < 1
    assert _format_at(line, start + 3).fontWeight() > 500  # "river" in bold
    tail = line.text().index("](")
    assert _x_of(line, len(line.text())) - _x_of(line, tail) < 1
    # ...and show again, muted, on the line the cursor moves to.
    cursor.setPosition(line.position() + 1)
    editor.body.setTextCursor(cursor)
    assert _x_of(line, start + 2) - _x_of(line, start) > 4
    assert _x_of(heading, 2) - _x_of(heading, 0) < 1  # the heading, left, folds again
    # Only drawing changed: the text, its undo history and the save state are untouched.
    assert editor.body.toPlainText().startswith("# A slow Sunday\nby the **river**")
    assert not doc.isUndoAvailable() and not editor.has_unsaved()


def test_the_split_is_remembered_across_sessions(qtbot, vault, settings, tmp_path):
    from reconcile_desktop.ui.shell.app import window_for
    from reconcile_desktop.ui.workers import Runner

    journal.add_entry(vault, "Something to show.", occurred=NOW)
    sizes = []
    for _session in range(2):
        runner = Runner()
        window = window_for(vault, settings, backup_dir=tmp_path / "b", runner=runner)
        qtbot.addWidget(window)
        window.restore_state()
        window.resize(1400, 700)
        window.show()
        window.refresh_pages()
        window.show_page_key("journal")
        splitter = window.page("journal").splitter
        qtbot.waitUntil(splitter.isVisible)
        if not sizes:
            total = sum(splitter.sizes())
            splitter.setSizes([500, total - 500])  # the user drags the handle to the right
        sizes.append(splitter.sizes())
        window.save_state()
        window.clear_sensitive()
        runner.wait()
        window.close()
    assert sizes[1] == sizes[0] and sizes[0][0] == 500
    from reconcile_desktop.ui import preferences

    assert (
        preferences.JOURNAL_SPLIT.read(settings) is not None
    )  # sizes only: nothing written is kept there
