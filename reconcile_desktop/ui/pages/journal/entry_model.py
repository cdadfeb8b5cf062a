"""The entry list: a lazily paged model over the journal (entry_delegate.py draws it).

Rows are plain `ListEntry` dataclasses; the model never holds a Session. Two modes:
- list: newest first, a page at a time with the keyset cursor of journal.list_page, so a
  journal of 100,000 entries opens as fast as one of 100 (nothing is counted).
- search: ranked hits of search.search, paged by offset (a ranking has no keyset), a
  screenful (SEARCH_PAGE_SIZE) at a time: each hit's snippet costs, and typing re-runs it.

Month grouping is a role, not extra rows: SectionRole holds the month's name on the first row
of each month and the delegate paints a header band above that row. One row is one entry, so
selection, arrow keys and in-place updates map straight to entries with no header rows to skip.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal import search
from reconcile_desktop.ui.widgets import dates

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault

PAGE_SIZE = 100
SEARCH_PAGE_SIZE = 25  # about a screenful; more rows come as the list scrolls
_Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate("EntryList", text)


def kind_label(kind: str) -> str:
    """The marker shown on a row; free entries have none."""
    return {
        "prompted": _tr("Prompt"),
        "letter": _tr("Unsent letter"),
        "worksheet": _tr("Worksheet"),
    }.get(kind, "")


def month_label(day: dt.date) -> str:
    return dates.month_year(day)


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One row, from a listing or a search hit. Text marked with search marks is kept apart
    so the plain fields can be shown (and read aloud) as they are."""

    id: int
    occurred_utc: dt.datetime
    local_date: dt.date
    title: str
    snippet: str  # plain
    mood: int | None
    tags: tuple[str, ...]
    kind: str
    principle: str | None
    title_marked: str = ""  # search only: the title with MARK_START/MARK_END
    snippet_marked: str = ""

    @property
    def key(self) -> tuple[dt.datetime, int]:
        return (self.occurred_utc, self.id)

    @property
    def heading(self) -> str:
        return self.title or self.snippet

    @classmethod
    def from_row(cls, row: journal.EntryRow) -> ListEntry:
        return cls(
            row.id,
            row.occurred_utc,
            row.local_date,
            row.title,
            row.snippet,
            row.mood,
            row.tags,
            row.kind,
            row.principle,
        )

    @classmethod
    def from_hit(cls, hit: search.SearchHit) -> ListEntry:
        return cls(
            hit.id,
            hit.occurred_utc,
            hit.local_date,
            hit.title,
            search.strip_marks(hit.snippet),
            hit.mood,
            hit.tags,
            hit.kind,
            hit.principle,
            title_marked=hit.title_marked,
            snippet_marked=hit.snippet,
        )


class EntryListModel(QAbstractListModel):
    EntryRole = Qt.ItemDataRole.UserRole + 1  # the ListEntry
    IdRole = Qt.ItemDataRole.UserRole + 2
    SectionRole = Qt.ItemDataRole.UserRole + 3  # month name on a month's first row, else None

    failed = Signal(str)  # a sentence for the user when a page could not be read

    def __init__(self, vault: Vault, parent: QObject | None = None, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self._vault = vault
        self._page_size = page_size
        self._rows: list[ListEntry] = []
        self._query = ""
        self._filters = journal.Filters()
        self._more = False

    # -- state -------------------------------------------------------------------------------

    @property
    def searching(self) -> bool:
        return bool(self._query.strip())

    @property
    def query(self) -> str:
        return self._query

    @property
    def filters(self) -> journal.Filters:
        return self._filters

    def set_search(self, query: str, filters: journal.Filters | None = None) -> None:
        """Show hits for `query` (or the plain list when it is blank), from the first page."""
        self._query = query
        if filters is not None:
            self._filters = filters
        self.reload()

    def reload(self) -> None:
        try:
            rows = self._read(before=None, offset=0)
        except ReconcileError as exc:
            rows = []
            self.failed.emit(exc.sentence)
        self.beginResetModel()
        self._rows = rows
        self._more = len(rows) == self._page
        self.endResetModel()

    def clear(self) -> None:
        """Forget every row, the query and the filters (on lock)."""
        self.beginResetModel()
        self._rows = []
        self._query = ""
        self._filters = journal.Filters()
        self._more = False
        self.endResetModel()

    @property
    def _page(self) -> int:
        return min(self._page_size, SEARCH_PAGE_SIZE) if self.searching else self._page_size

    def _read(self, before: tuple[dt.datetime, int] | None, offset: int) -> list[ListEntry]:
        if self.searching:
            hits = search.search(
                self._vault, self._query, self._filters, limit=self._page, offset=offset
            )
            return [ListEntry.from_hit(h) for h in hits]
        rows = journal.list_page(
            self._vault, before=before, limit=self._page_size, filters=self._filters
        )
        return [ListEntry.from_row(r) for r in rows]

    # -- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._more

    def fetchMore(self, parent: _Index) -> None:
        if parent.isValid() or not self._more:
            return
        try:
            before = None if self.searching or not self._rows else self._rows[-1].key
            rows = self._read(before=before, offset=len(self._rows))
        except ReconcileError as exc:
            self._more = False
            self.failed.emit(exc.sentence)
            return
        self._more = len(rows) == self._page
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not self._valid(index):
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.heading or _tr("(empty entry)")
        if role == self.EntryRole:
            return row
        if role == self.IdRole:
            return row.id
        if role == self.SectionRole:
            return self._section(index.row())
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(index.row())
        return None

    def _valid(self, index: _Index) -> bool:
        return (
            index.isValid() and not index.parent().isValid() and 0 <= index.row() < len(self._rows)
        )

    def _section(self, row: int) -> str | None:
        if self.searching:
            return None
        here = self._rows[row].local_date
        if row > 0:
            prev = self._rows[row - 1].local_date
            if (prev.year, prev.month) == (here.year, here.month):
                return None
        return month_label(here)

    def _spoken(self, row: int) -> str:
        e = self._rows[row]
        parts = [dates.long_date(e.local_date)]
        parts.append(e.heading or _tr("(empty entry)"))
        if kind_label(e.kind):
            parts.append(kind_label(e.kind))
        if e.mood is not None:
            parts.append(_tr("mood %1 of 5").replace("%1", str(e.mood)))
        if e.tags:
            parts.append(_tr("tags: %1").replace("%1", ", ".join(e.tags)))
        if self.searching and e.snippet and e.snippet != e.heading:
            parts.append(e.snippet)
        return ". ".join(parts)

    # -- rows --------------------------------------------------------------------------------

    def section_at(self, row: int) -> str | None:
        return self._section(row) if 0 <= row < len(self._rows) else None

    def entry_at(self, row: int) -> ListEntry | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: int) -> int | None:
        for i, row in enumerate(self._rows):
            if row.id == entry_id:
                return i
        return None

    def remove_entry(self, entry_id: int) -> int | None:
        """Drop one row (trashed); returns where it was."""
        i = self.row_of(entry_id)
        if i is not None:
            self.beginRemoveRows(QModelIndex(), i, i)
            del self._rows[i]
            self.endRemoveRows()
            self._touch(i)
        return i

    def upsert(self, fresh: journal.EntryRow, *, insert: bool = True) -> int | None:
        """Show a saved entry without reloading: update its row in place, move it if its date
        moved it, or (list mode, `insert`) add it where it sorts among the loaded rows."""
        entry = ListEntry.from_row(fresh)
        i = self.row_of(fresh.id)
        if i is not None and self.searching:
            old = self._rows[i]
            # The marks belong to the old text; keep them only where that text is unchanged.
            entry = dataclasses.replace(
                entry,
                title_marked=old.title_marked if old.title == entry.title else "",
                snippet_marked=old.snippet_marked if old.snippet == entry.snippet else "",
            )
        if i is not None and (self.searching or self._fits(i, entry)):
            self._rows[i] = entry
            self.dataChanged.emit(self.index(i), self.index(i))
            return i
        if self.searching or (i is None and not insert):
            return None
        if i is not None:
            self.remove_entry(fresh.id)
        pos = next((k for k, r in enumerate(self._rows) if r.key < entry.key), len(self._rows))
        if pos == len(self._rows) and self._more:
            return None  # it belongs to a page not loaded yet; fetching will bring it
        self.beginInsertRows(QModelIndex(), pos, pos)
        self._rows.insert(pos, entry)
        self.endInsertRows()
        self._touch(pos + 1)
        return pos

    def _fits(self, i: int, entry: ListEntry) -> bool:
        above = self._rows[i - 1].key if i > 0 else None
        below = self._rows[i + 1].key if i + 1 < len(self._rows) else None
        return (above is None or above > entry.key) and (below is None or below < entry.key)

    def _touch(self, row: int) -> None:
        # The month header of the row after an insert or removal may have appeared or gone.
        if 0 <= row < len(self._rows):
            self.dataChanged.emit(self.index(row), self.index(row), [self.SectionRole])
