"""The entry list model: lazy keyset paging, month sections, search mode, in-place updates."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal import search
from reconcile_desktop.ui.pages.journal import entry_delegate
from reconcile_desktop.ui.pages.journal.entry_model import (
    PAGE_SIZE,
    SEARCH_PAGE_SIZE,
    EntryListModel,
    ListEntry,
)
from tests.conftest import PASSPHRASE

NOW = dt.datetime(2025, 3, 15, 18, 0, tzinfo=dt.UTC)
ZONE = "Europe/Berlin"


@pytest.fixture
def clock():
    return Clock(fixed=NOW, zone=ZONE)


@pytest.fixture
def vault(make_vault, clock):
    v = make_vault(clock=clock)
    v.create(PASSPHRASE)
    return v


def add(vault, n: int, *, step=dt.timedelta(hours=13), body: str = "") -> list[int]:
    """n entries in one transaction, one every `step` back from NOW; ids newest first."""
    new = []
    for i in range(n):
        when = NOW - i * step
        new.append(
            journal.NewEntry(
                body=body or f"Entry number {i} about the day.",
                occurred_utc=when,
                local_date=vault.clock.local_date_of(when),
                tz=ZONE,
            )
        )
    with vault.transaction() as s:
        return journal.insert_entries(s, new, NOW)


def ids_of(model: EntryListModel) -> list[int]:
    return [model.entry_at(r).id for r in range(model.rowCount())]


def fetch_all(model: EntryListModel) -> None:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())


def test_the_model_passes_qtmodeltester_and_pages_in_250_entries(qtmodeltester, vault):
    ids = add(vault, 250)
    model = EntryListModel(vault)
    model.reload()
    qtmodeltester.check(model)
    fetch_all(model)
    qtmodeltester.check(model)

    assert model.rowCount() == 250
    assert ids_of(model) == ids  # newest first, no row twice, none missing
    assert not model.canFetchMore(QModelIndex())


def test_only_the_first_page_is_loaded_until_more_is_asked_for(vault):
    add(vault, 250)
    model = EntryListModel(vault)
    model.reload()
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore(QModelIndex())

    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * PAGE_SIZE
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 250
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # asking again is harmless
    assert model.rowCount() == 250


def test_entries_sharing_one_instant_are_neither_lost_nor_repeated_across_pages(vault):
    same = dt.timedelta(0)
    ids = [journal.add_entry(vault, f"same moment {i}", occurred=NOW + same).id for i in range(130)]
    model = EntryListModel(vault)
    model.reload()
    fetch_all(model)
    assert sorted(ids_of(model)) == sorted(ids)
    assert ids_of(model) == sorted(ids, reverse=True)


def test_the_first_row_of_each_month_carries_the_month_as_its_section(vault):
    add(vault, 40, step=dt.timedelta(days=2))  # 15 March back to early December
    model = EntryListModel(vault)
    model.reload()
    sections = [model.section_at(r) for r in range(model.rowCount())]
    labelled = [(r, s) for r, s in enumerate(sections) if s]
    assert [s for _, s in labelled] == [
        "March 2025",
        "February 2025",
        "January 2025",
        "December 2024",
    ]
    for row, _ in labelled[1:]:
        this = model.entry_at(row).local_date
        before = model.entry_at(row - 1).local_date
        assert (this.year, this.month) != (before.year, before.month)
    assert model.index(0).data(EntryListModel.SectionRole) == "March 2025"


def test_rows_show_the_title_or_first_line_and_speak_the_details(vault):
    journal.add_entry(
        vault,
        "\n\n  First real line.\nSecond line",
        occurred=NOW,
        mood=4,
        kind="letter",
        tags=["hope", "calm"],
    )
    journal.add_entry(vault, "Body", title="A title", occurred=NOW - dt.timedelta(days=1))
    model = EntryListModel(vault)
    model.reload()
    assert model.index(0).data(Qt.ItemDataRole.DisplayRole) == "First real line."
    assert model.index(1).data(Qt.ItemDataRole.DisplayRole) == "A title"
    spoken = model.index(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert "Unsent letter" in spoken and "mood 4 of 5" in spoken and "calm, hope" in spoken
    entry = model.index(0).data(EntryListModel.EntryRole)
    assert isinstance(entry, ListEntry) and entry.kind == "letter"
    assert model.index(0).data(EntryListModel.IdRole) == entry.id


def test_search_mode_ranks_hits_with_marked_snippets_and_filters_apply(qtmodeltester, vault):
    add(vault, 30)
    journal.add_entry(vault, "Nothing here but a lighthouse.", occurred=NOW - dt.timedelta(days=90))
    titled = journal.add_entry(vault, "words", title="Lighthouse keeper", occurred=NOW)
    model = EntryListModel(vault)
    model.set_search("lighthouse")
    qtmodeltester.check(model)

    assert model.searching
    assert ids_of(model)[0] == titled.id  # a title match ranks first
    assert model.rowCount() == 2
    body_hit = model.entry_at(1)
    assert search.MARK_START in body_hit.snippet_marked
    assert search.MARK_START not in body_hit.snippet
    assert model.section_at(0) is None  # ranked hits are not grouped by month

    model.set_search("lighthouse", journal.Filters(date_to=dt.date(2025, 1, 1)))
    assert model.rowCount() == 1

    model.set_search("", journal.Filters())
    assert not model.searching and model.rowCount() == 32


def test_search_pages_by_offset_without_repeats(vault):
    add(vault, 230, body="the same words again")
    model = EntryListModel(vault)
    model.set_search("same words")
    assert model.rowCount() == SEARCH_PAGE_SIZE  # a screenful; the rest as the list scrolls
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * SEARCH_PAGE_SIZE
    fetch_all(model)
    assert model.rowCount() == 230
    assert len(set(ids_of(model))) == 230


def test_a_saved_entry_updates_its_row_in_place(qtbot, vault):
    ids = add(vault, 5)
    model = EntryListModel(vault)
    model.reload()
    changed = journal.update_entry(vault, ids[2], title="Renamed", mood=2)
    row = _row_of(vault, changed.id)

    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged) as got:
        assert model.upsert(row) == 2
    assert got.args[0].row() == 2
    assert model.entry_at(2).title == "Renamed" and model.entry_at(2).mood == 2
    assert ids_of(model) == ids


def test_a_new_date_moves_the_row_and_a_new_entry_goes_where_it_sorts(vault):
    ids = add(vault, 5)
    model = EntryListModel(vault)
    model.reload()
    moved = journal.update_entry(vault, ids[0], occurred=NOW - dt.timedelta(hours=30))
    model.upsert(_row_of(vault, moved.id))
    assert ids_of(model) == [ids[1], ids[2], ids[0], ids[3], ids[4]]

    new = journal.add_entry(vault, "fresh", occurred=NOW + dt.timedelta(minutes=1))
    assert model.upsert(_row_of(vault, new.id)) == 0
    assert model.upsert(_row_of(vault, new.id), insert=False) == 0  # already there: updated

    model.remove_entry(new.id)
    assert model.upsert(_row_of(vault, new.id), insert=False) is None
    assert new.id not in ids_of(model)


def test_an_entry_older_than_the_loaded_pages_waits_for_its_page(vault):
    add(vault, 150)
    model = EntryListModel(vault)
    model.reload()
    old = journal.add_entry(vault, "long ago", occurred=NOW - dt.timedelta(days=400))
    assert model.upsert(_row_of(vault, old.id)) is None
    fetch_all(model)
    assert ids_of(model).count(old.id) == 1


def test_removing_a_row_and_clearing(qtmodeltester, vault):
    ids = add(vault, 3)
    model = EntryListModel(vault)
    model.set_search("entry", journal.Filters(mood=None))
    assert model.remove_entry(ids[1]) is not None
    assert ids[1] not in ids_of(model)
    assert model.remove_entry(99999) is None

    model.clear()
    qtmodeltester.check(model)
    assert model.rowCount() == 0
    assert model.query == "" and model.filters == journal.Filters()
    assert not model.canFetchMore(QModelIndex())


def test_a_locked_vault_becomes_one_sentence_not_a_crash(qtbot, vault):
    add(vault, 120)
    model = EntryListModel(vault)
    model.reload()
    vault.lock()
    with qtbot.waitSignal(model.failed) as said:
        model.fetchMore(QModelIndex())
    assert said.args[0].endswith(".")
    assert model.rowCount() == PAGE_SIZE
    assert not model.canFetchMore(QModelIndex())


# -- drawing helpers --------------------------------------------------------------------------


def test_marked_text_splits_into_runs():
    s, e = search.MARK_START, search.MARK_END
    assert entry_delegate.runs_of(f"a {s}b{e} c{s}d{e}") == [
        ("a ", False),
        ("b", True),
        (" c", False),
        ("d", True),
    ]
    assert entry_delegate.runs_of("") == []


@pytest.mark.parametrize("width", [30, 60, 90, 140, 400])
def test_drawn_runs_stay_inside_their_box_and_end_with_an_ellipsis_when_cut(
    qapp, monkeypatch, width
):
    placed: list[tuple[int, str]] = []

    def record(_painter, rect, x, _line, _step, token, _marked, style):
        placed.append((x, token))
        assert (
            x + entry_delegate.QFontMetrics(style.font).horizontalAdvance(token) <= rect.right() + 1
        )

    style = entry_delegate._Style(QFont(), QFont(), QColor("black"), None)
    monkeypatch.setattr(entry_delegate, "_put", record)
    pixmap = QPixmap(500, 40)
    painter = QPainter(pixmap)
    try:
        entry_delegate.draw_runs(
            painter, QRect(0, 0, width, 20), [("The call I did not make", False)], style
        )
    finally:
        painter.end()
    text = " ".join(t for _, t in placed)
    if entry_delegate.QFontMetrics(QFont()).horizontalAdvance("The call I did not make") < width:
        assert text == "The call I did not make"
    else:
        assert text.endswith("…")


def _row_of(vault, entry_id: int) -> journal.EntryRow:
    data = journal.get_entry(vault, entry_id)
    fields = {f.name for f in dataclasses.fields(journal.EntryRow)}
    values = {k: getattr(data, k) for k in fields if hasattr(data, k)}
    return journal.EntryRow(**values | {"snippet": journal.first_line(data.body)})
