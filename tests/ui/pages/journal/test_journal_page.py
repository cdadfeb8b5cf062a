"""The Journal page: lazy list, search as you type, filters, calendar, trash, locking."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QMessageBox, QTableView

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.ui.pages.journal.entry_model import PAGE_SIZE
from reconcile_desktop.ui.pages.journal.page import JournalPage
from reconcile_desktop.ui.pages.journal.trash_dialog import TrashDialog
from tests.conftest import PASSPHRASE
from tests.ui.conftest import click
from tests.ui.pages.journal.test_entry_model import NOW, ZONE, add


@pytest.fixture
def clock():
    return Clock(fixed=NOW, zone=ZONE)


@pytest.fixture
def vault(make_vault, clock):
    v = make_vault(clock=clock)
    v.create(PASSPHRASE)
    return v


@pytest.fixture
def make_page(qtbot, vault, clock, ops):
    made: list[JournalPage] = []

    def factory() -> JournalPage:
        page = JournalPage(vault, clock, ops)
        ops.changed.connect(page.refresh)  # what the window's broadcast does for it
        qtbot.addWidget(page)
        page.resize(1024, 700)
        page.show()
        qtbot.waitExposed(page)
        page.refresh()
        made.append(page)
        return page

    yield factory
    for page in made:
        page.clear_sensitive()


def ids_shown(page: JournalPage) -> list[int]:
    return [page.model.entry_at(r).id for r in range(page.model.rowCount())]


def some_entries(vault) -> dict[str, int]:
    e = {}
    e["sea"] = journal.add_entry(
        vault, "We walked by the sea.", occurred=NOW, mood=4, tags=["walks"]
    ).id
    e["letter"] = journal.add_entry(
        vault,
        "Dear you, I am sorry.",
        kind="letter",
        occurred=NOW - dt.timedelta(days=3),
        principle="accountability",
    ).id
    e["slip"] = journal.add_entry(
        vault,
        "Looked at the photos again. Starting over.",
        occurred=NOW - dt.timedelta(days=40),
        mood=2,
        tags=["slip", "walks"],
    ).id
    return e


# -- opening and the list ---------------------------------------------------------------------


def test_opening_a_large_journal_loads_only_the_first_page(make_page, vault):
    add(vault, 250)
    page = make_page()
    assert page.model.rowCount() == PAGE_SIZE
    assert page.model.canFetchMore(QModelIndex())
    assert not page.is_empty


def test_scrolling_to_the_end_fetches_the_next_page(qtbot, make_page, vault):
    add(vault, 250)
    page = make_page()
    page.list.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > PAGE_SIZE)


def test_an_empty_journal_greets_and_the_first_entry_appears_in_the_list(qtbot, make_page):
    page = make_page()
    assert page.is_empty
    click(qtbot, page.first_entry_button)
    assert not page.is_empty

    qtbot.keyClicks(page.editor.body, "A first, shaky entry.")
    with qtbot.waitSignal(page.editor.saved):
        page.editor.save_now()
    assert page.model.rowCount() == 1
    assert page.model.entry_at(0).heading == "A first, shaky entry."
    assert page.list.currentIndex().row() == 0


def test_selecting_rows_with_the_keyboard_loads_them_and_enter_opens(qtbot, make_page, vault):
    ids = add(vault, 5)
    page = make_page()
    page.list.setFocus()
    page.list.setCurrentIndex(page.model.index(0))
    assert page.editor.current_id() == ids[0]
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    assert page.editor.current_id() == ids[1]
    qtbot.keyClick(page.list, Qt.Key.Key_Down)
    assert page.editor.current_id() == ids[2]

    qtbot.keyClick(page.list, Qt.Key.Key_Return)
    assert page.focusWidget() is page.editor.body
    assert page.list.accessibleName() and page.search.field.accessibleName()


def test_a_save_updates_that_row_in_place(qtbot, make_page, vault):
    ids = add(vault, 5)
    page = make_page()
    page.list.setCurrentIndex(page.model.index(1))
    page.editor.title.setText("A better name")
    with qtbot.assertNotEmitted(page.model.modelReset), qtbot.waitSignal(page.editor.saved):
        page.editor.save_now()
    assert page.model.entry_at(1).title == "A better name"
    assert ids_shown(page) == ids


def test_a_new_entry_takes_its_place_at_the_top(qtbot, make_page, vault):
    ids = add(vault, 3)
    page = make_page()
    page.new_action.trigger()
    qtbot.keyClicks(page.editor.body, "Something new")
    with qtbot.waitSignal(page.editor.saved):
        page.editor.save_now()
    assert ids_shown(page)[1:] == ids
    assert page.model.entry_at(0).heading == "Something new"


def test_open_entry_loads_and_selects(make_page, vault):
    ids = add(vault, 4)
    page = make_page()
    page.open_entry(ids[2])
    assert page.editor.current_id() == ids[2]
    assert page.list.currentIndex().row() == 2


# -- search and filters -----------------------------------------------------------------------


def test_typing_in_search_narrows_the_list_and_escape_clears(qtbot, make_page, vault):
    e = some_entries(vault)
    add(vault, 20)
    page = make_page()
    assert page.model.rowCount() == 23

    qtbot.keyClicks(page.search.field, "photos")
    qtbot.waitUntil(lambda: ids_shown(page) == [e["slip"]])
    hit = page.model.entry_at(0)
    assert "\x02photos\x03" in hit.snippet_marked

    qtbot.keyClicks(page.search.field, " nowhere")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    assert "Nothing found" in page.list.placeholder

    qtbot.keyClick(page.search.field, Qt.Key.Key_Escape)
    assert page.search.field.text() == ""
    qtbot.waitUntil(lambda: page.model.rowCount() == 23)


def test_ctrl_f_focuses_the_search_field(qtbot, make_page, vault):
    some_entries(vault)
    page = make_page()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.list.setFocus()
    qtbot.keyClick(page.list, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.focusWidget() is page.search.field


def test_ctrl_n_starts_a_new_entry_and_any_row_can_then_be_opened_again(qtbot, make_page, vault):
    ids = add(vault, 3)
    page = make_page()
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.open_entry(ids[0])
    qtbot.keyClick(page.list, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.editor.current_id() is None
    assert page.focusWidget() is page.editor.body
    assert not page.list.currentIndex().isValid()

    rect = page.list.visualRect(page.model.index(0))
    qtbot.mouseClick(page.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.editor.current_id() == ids[0]


@pytest.mark.parametrize(
    ("combo", "value", "expected"),
    [
        ("tag", "slip", ["slip"]),
        ("tag", "walks", ["sea", "slip"]),
        ("mood", 4, ["sea"]),
        ("principle", "accountability", ["letter"]),
        ("kind", "letter", ["letter"]),
    ],
)
def test_filters_narrow_the_list(make_page, vault, combo, value, expected):
    e = some_entries(vault)
    page = make_page()
    page.search.filter_button.click()
    box = getattr(page.search, combo)
    box.setCurrentIndex(box.findData(value))
    assert ids_shown(page) == [e[name] for name in expected]
    page.search.reset_filters()
    assert page.model.rowCount() == 3


def test_a_date_range_narrows_the_list_and_combines_with_search(qtbot, make_page, vault):
    e = some_entries(vault)
    page = make_page()
    page.search.date_from.setDate(QDate(2025, 3, 1))
    assert ids_shown(page) == [e["sea"], e["letter"]]
    page.search.date_to.setDate(QDate(2025, 3, 13))
    assert ids_shown(page) == [e["letter"]]
    qtbot.keyClicks(page.search.field, "sea")
    qtbot.waitUntil(lambda: page.model.searching)
    assert ids_shown(page) == []
    assert "filters" in page.list.placeholder


def test_the_tag_filter_offers_the_tags_in_use(qtbot, make_page, vault):
    some_entries(vault)
    page = make_page()
    assert page.search.tag_names() == []  # counted only once the filters are opened
    page.search.filter_button.click()
    assert page.search.filters_box.isVisible()
    assert page.search.tag_names() == ["walks", "slip"]  # most used first

    page.new_action.trigger()
    page.editor.tags.setText("Quiet")
    qtbot.keyClicks(page.editor.body, "A calm hour.")
    with qtbot.waitSignal(page.editor.saved):
        page.editor.save_now()
    assert page.search.tag_names() == ["walks", "Quiet", "slip"]


# -- calendar ---------------------------------------------------------------------------------


def test_the_calendar_marks_days_and_clicking_one_lists_its_entries(qtbot, make_page, vault):
    e = some_entries(vault)
    page = make_page()
    page.toolbar_buttons["calendar"].click()
    cal = page.calendar
    assert cal.isVisible()
    marked = cal.calendar.dateTextFormat(QDate(2025, 3, 12))
    assert marked.fontWeight() == QFont.Weight.Bold
    assert cal.calendar.dateTextFormat(QDate(2025, 3, 11)).fontWeight() != QFont.Weight.Bold

    view = cal.calendar.findChild(QTableView)
    index = _cell_of(view, 12)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )
    assert cal.calendar.selectedDate() == QDate(2025, 3, 12)
    assert cal.day_list.count() == 1
    item = cal.day_list.item(0)
    assert "Dear you" in item.text() and "Unsent letter" in item.text()

    rect = cal.day_list.visualItemRect(item)
    qtbot.mouseClick(cal.day_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.editor.current_id() == e["letter"]


def test_paging_the_calendar_loads_that_months_marks(make_page, vault):
    some_entries(vault)
    page = make_page()
    page.show_calendar(True)
    cal = page.calendar
    cal.calendar.showPreviousMonth()
    assert set(cal.marked) == {dt.date(2025, 2, 3)}


def test_on_this_day_lists_earlier_months_and_years(make_page, vault):
    journal.add_entry(vault, "A year before", occurred=NOW - dt.timedelta(days=365))
    journal.add_entry(vault, "Last month", occurred=dt.datetime(2025, 2, 15, 12, tzinfo=dt.UTC))
    page = make_page()
    page.calendar_action.setChecked(True)
    texts = [page.calendar.past_list.item(i).text() for i in range(page.calendar.past_list.count())]
    assert texts == ["A year ago · A year before", "A month ago · Last month"]


def _cell_of(view: QTableView, day: int):
    model = view.model()
    for row in range(1, model.rowCount()):
        for col in range(model.columnCount()):
            index = model.index(row, col)
            if index.data() == str(day) or index.data() == day:
                return index
    raise AssertionError(f"no cell for day {day}")


# -- trash ------------------------------------------------------------------------------------


def test_delete_moves_to_trash_and_undo_brings_it_back(qtbot, make_page, vault, ops):
    ids = add(vault, 4)
    page = make_page()
    page.list.setFocus()
    page.list.setCurrentIndex(page.model.index(1))
    with qtbot.waitSignal(ops.changed):
        qtbot.keyClick(page.list, Qt.Key.Key_Delete)

    assert ids[1] not in ids_shown(page)
    assert [r.id for r in journal.list_trash(vault)] == [ids[1]]
    assert page.undo_bar.isVisible()
    assert page.editor.current_id() == ids[2]  # the next entry took its place

    with qtbot.waitSignal(ops.changed):
        click(qtbot, page.undo_button)
    assert journal.list_trash(vault) == []
    assert ids_shown(page) == ids
    assert page.editor.current_id() == ids[1]
    assert not page.undo_bar.isVisible()


def test_the_editors_own_trash_button_removes_the_row(qtbot, make_page, vault):
    ids = add(vault, 3)
    page = make_page()
    page.open_entry(ids[0])
    with qtbot.waitSignal(page.editor.trashed):
        page.editor.trash_button.click()
    assert ids_shown(page) == ids[1:]
    assert page.undo_bar.isVisible()


def test_trashing_in_calendar_mode_updates_the_day_and_offers_undo(qtbot, make_page, vault, ops):
    """The issue: in Calendar mode a trashed entry stayed in that day's list until the page
    was left, and no Undo bar appeared."""
    ids = add(vault, 3, step=dt.timedelta(hours=1))  # all on the day the calendar shows
    page = make_page()
    page.toolbar_buttons["calendar"].click()
    day_list = page.calendar.day_list

    def listed() -> list[int]:
        return [day_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(day_list.count())]

    assert sorted(listed()) == sorted(ids)
    item = day_list.item(listed().index(ids[1]))
    qtbot.mouseClick(
        day_list.viewport(), Qt.MouseButton.LeftButton, pos=day_list.visualItemRect(item).center()
    )
    assert page.editor.current_id() == ids[1]
    with qtbot.waitSignal(ops.changed):
        page.editor.trash_button.click()
    assert ids[1] not in listed() and len(listed()) == 2
    assert page.calendar.isVisible() and page.undo_bar.isVisible()

    with qtbot.waitSignal(ops.changed):
        click(qtbot, page.undo_button)
    assert sorted(listed()) == sorted(ids)
    assert page.editor.current_id() == ids[1]
    assert not page.undo_bar.isVisible()


def test_the_trash_dialog_restores_and_empties_after_confirmation(qtbot, make_page, vault, ops):
    ids = add(vault, 4)
    for entry_id in ids[:3]:
        journal.trash_entry(vault, entry_id)
    page = make_page()
    assert ids_shown(page) == ids[3:]

    page.toolbar_buttons["trash"].click()
    dialog = page.trash_dialog
    assert isinstance(dialog, TrashDialog) and dialog.isVisible()
    assert sorted(dialog.trashed_ids()) == sorted(ids[:3])

    dialog.list.setCurrentRow(dialog.trashed_ids().index(ids[1]))
    with qtbot.waitSignal(dialog.restored):
        click(qtbot, dialog.restore_button)
    assert sorted(ids_shown(page)) == sorted([ids[1], ids[3]])

    box = dialog.ask_to_empty()  # what the Empty trash… button opens
    assert "can't be undone" in box.informativeText()
    keep = box.escapeButton()
    click(qtbot, keep)
    assert len(journal.list_trash(vault)) == 2

    click(qtbot, dialog.empty_button)
    box = dialog.confirm_box
    assert isinstance(box, QMessageBox)
    with qtbot.waitSignal(dialog.emptied) as emptied:
        click(qtbot, dialog.delete_button)
        # The erasing runs on a worker thread: the dialog shows progress and waits for it.
        assert dialog.busy and dialog.progress.isVisibleTo(dialog)
        assert not dialog.empty_button.isEnabled() and not dialog.restore_button.isEnabled()
    assert emptied.args == [2]
    assert not dialog.busy and dialog.progress.isHidden()
    assert journal.list_trash(vault) == []
    assert dialog.trashed_ids() == []
    assert not dialog.empty_button.isEnabled()


# -- guided writing ---------------------------------------------------------------------------


def test_a_prompt_starts_a_prompted_entry(qtbot, make_page):
    page = make_page()
    picker = page.choose_prompt()
    assert picker is not None and picker.isVisible()
    picker.choose(picker.today_prompt.id)
    assert not page.is_empty
    qtbot.keyClicks(page.editor.body, "My answer")
    with qtbot.waitSignal(page.editor.saved):
        page.editor.save_now()
    assert page.model.entry_at(0).kind == picker.today_prompt.kind


def test_an_unsent_letter_is_marked_as_one(qtbot, make_page):
    page = make_page()
    page.toolbar_buttons["letter"].click()
    qtbot.keyClicks(page.editor.body, "Dear you")
    with qtbot.waitSignal(page.editor.saved):
        page.editor.save_now()
    assert page.model.entry_at(0).kind == "letter"
    assert "Unsent letter" in page.model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)


def test_should_i_even_try_opens_the_worksheet(make_page):
    page = make_page()
    page.toolbar_buttons["worksheet"].click()
    dialog = page.editor.worksheet_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.discard()


# -- locking ----------------------------------------------------------------------------------


def test_clear_sensitive_forgets_rows_search_filters_and_marks(qtbot, make_page, vault):
    some_entries(vault)
    page = make_page()
    page.show_calendar(True)
    page.show_calendar(False)
    qtbot.keyClicks(page.search.field, "sea")
    page.search.flush()
    page.search.filter_button.click()
    page.search.mood.setCurrentIndex(page.search.mood.findData(4))
    assert page.model.rowCount() == 1
    assert page.search.tag.count() > 1

    page.clear_sensitive()
    assert page.model.rowCount() == 0
    assert page.search.field.text() == ""
    assert not page.search.field.isUndoAvailable()
    assert page.search.filters() == journal.Filters()
    assert page.search.tag.count() == 1  # only "Any tag": the names are gone
    assert page.calendar.marked == {}
    assert page.calendar.day_list.count() == 0 and page.calendar.past_list.count() == 0
    assert page.editor.current_id() is None
    assert not page.loaded

    page.clear_sensitive()  # twice is fine
    page.refresh()
    assert page.model.rowCount() == 3


# -- the flow of change -----------------------------------------------------------------------


def test_an_autosave_keeps_the_list_the_selection_the_splitter_and_the_editor(
    qtbot, make_page, vault, ops
):
    ids = add(vault, PAGE_SIZE + 30)
    page = make_page()
    page.list.scrollToBottom()  # fetches the second page
    qtbot.waitUntil(lambda: page.model.rowCount() == PAGE_SIZE + 30)
    row = PAGE_SIZE + 10
    page.list.setCurrentIndex(page.model.index(row))
    page.list.scrollTo(page.model.index(row))
    assert page.editor.current_id() == ids[row]
    resets, reads = [], []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.editor.entry_changed.connect(reads.append)
    scrolled = page.list.verticalScrollBar().value()
    sizes = page.splitter.sizes()

    page.editor.body.moveCursor(page.editor.body.textCursor().MoveOperation.End)
    with qtbot.waitSignal(ops.changed, timeout=5000):
        qtbot.keyClicks(page.editor.body, " And a quiet walk.")  # autosaved after a pause
    assert journal.get_entry(vault, ids[row]).body.endswith("And a quiet walk.")
    assert resets == [] and reads == []  # no reload of the list, no re-read of the entry
    assert page.model.rowCount() == PAGE_SIZE + 30
    assert page.list.currentIndex().row() == row
    assert page.list.verticalScrollBar().value() == scrolled
    assert page.splitter.sizes() == sizes
    assert page.editor.body.document().isUndoAvailable()
    assert page.model.entry_at(row).snippet.endswith("And a quiet walk.")


def test_an_entry_changed_elsewhere_is_read_again_keeping_the_open_one(
    qtbot, make_page, vault, ops
):
    ids = add(vault, 3)
    page = make_page()
    page.open_entry(ids[1])
    with qtbot.waitSignal(ops.changed):
        ops.mutate(journal.add_entry, vault, "Written in another place.")
    assert page.model.rowCount() == 4
    assert page.editor.current_id() == ids[1]
    assert page.model.entry_at(page.list.currentIndex().row()).id == ids[1]


def test_the_worksheets_support_button_opens_the_support_dialog(qtbot, make_page, vault):
    from reconcile_desktop.core.journal import prompts
    from reconcile_desktop.ui.widgets.support_dialog import SupportDialog

    body = prompts.worksheet_to_markdown({"afraid-of-them": "yes"})
    sheet = journal.add_entry(vault, body, kind="worksheet", prompt_id="should-i-try")
    page = make_page()
    page.open_entry(sheet.id)
    note = page.editor.sheet_bar.harm_note
    assert note.isVisibleTo(page)
    click(qtbot, note.button)
    dialog = page.support_dialog
    assert isinstance(dialog, SupportDialog) and dialog.isVisible()
    dialog.reject()


def test_an_autosave_in_calendar_mode_updates_that_days_line(qtbot, make_page, vault, ops):
    ids = add(vault, 2, step=dt.timedelta(hours=1))
    page = make_page()
    page.toolbar_buttons["calendar"].click()
    day_list = page.calendar.day_list
    page.open_entry(ids[1])
    with qtbot.waitSignal(ops.changed, timeout=5000):
        qtbot.keyClicks(page.editor.title, "Harbour")
    lines = [day_list.item(i).text() for i in range(day_list.count())]
    assert len(lines) == 2 and sum("Harbour" in line for line in lines) == 1
    page.new_entry()
    with qtbot.waitSignal(ops.changed, timeout=5000):
        qtbot.keyClicks(page.editor.body, "A third one today.")
    assert day_list.count() == 3  # a new entry on the day shown joins its list
