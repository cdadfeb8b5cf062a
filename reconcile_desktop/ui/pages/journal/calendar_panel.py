"""A month calendar that marks the days with entries, the entries of a chosen day, and
"On this day": what was written on this date in earlier months and years.

Marks are read one visible month at a time (journal.days_with_entries), so paging through
years of a large journal stays cheap.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPalette, QTextCharFormat
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.ui.pages.journal.entry_model import kind_label
from reconcile_desktop.ui.widgets import dates, theme

if TYPE_CHECKING:
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.storage.vault import Vault

ID_ROLE = Qt.ItemDataRole.UserRole


class CalendarPanel(QWidget):
    """Emits entry_chosen(id) when an entry in one of its lists is clicked or activated."""

    entry_chosen = Signal(int)
    failed = Signal(str)

    def __init__(self, vault: Vault, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self.clock = clock
        self.marked: dict[dt.date, int] = {}

        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(self.tr("Calendar of entries"))
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setGridVisible(False)
        self.calendar.setSelectedDate(QDate(clock.today()))
        self._calm_weekends()
        self.calendar.currentPageChanged.connect(lambda _y, _m: self.load_marks())
        self.calendar.clicked.connect(self.show_day)
        self.calendar.activated.connect(self.show_day)

        self.day_heading = QLabel()
        self.day_heading.setFont(theme.heading_font(self.font(), 1.05))
        self.day_list = self._list(self.tr("Entries on the chosen day"))
        self.day_heading.setBuddy(self.day_list)

        self.past_heading = QLabel(self.tr("On this day"))
        self.past_heading.setFont(theme.heading_font(self.font(), 1.05))
        self.past_list = self._list(self.tr("On this day in earlier months and years"))
        self.past_heading.setBuddy(self.past_list)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.calendar)
        layout.addSpacing(4)
        layout.addWidget(self.day_heading)
        layout.addWidget(self.day_list, 1)
        layout.addSpacing(4)
        layout.addWidget(self.past_heading)
        layout.addWidget(self.past_list, 1)

    def _calm_weekends(self) -> None:
        # Weekends in the text colour, not the default red: nothing here should look alarming.
        plain = QTextCharFormat()
        plain.setForeground(self.palette().color(QPalette.ColorRole.WindowText))
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):
            self.calendar.setWeekdayTextFormat(day, plain)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "calendar"):
            self._calm_weekends()
            if self.marked:
                self.load_marks()

    def _list(self, name: str) -> QListWidget:
        box = QListWidget()
        box.setAccessibleName(name)
        box.setWordWrap(True)
        box.setUniformItemSizes(False)
        box.itemActivated.connect(self._chosen)
        box.itemClicked.connect(self._chosen)
        return box

    def _chosen(self, item: QListWidgetItem) -> None:
        entry_id = item.data(ID_ROLE)
        if entry_id:
            self.entry_chosen.emit(int(entry_id))

    # -- loading -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Marks for the month in view, the chosen day's entries and On this day."""
        self.load_marks()
        self.show_day(self.calendar.selectedDate())
        self._load_past()

    def refresh_days(self) -> None:
        """Marks and the chosen day's entries, after an entry changed (On this day is slow to
        read at scale and waits for the next full refresh)."""
        self.load_marks()
        self.show_day(self.calendar.selectedDate())

    def entry_saved(self, row: journal.EntryRow) -> None:
        """The editor saved this entry: change its line in place, reading again only when
        it came to (or left) the day shown or a day with no mark."""
        shown = self.calendar.selectedDate().toPython()
        items = (self.day_list.item(i) for i in range(self.day_list.count()))
        item = next((it for it in items if it.data(ID_ROLE) == row.id), None)
        if item is not None and row.local_date == shown:
            fresh = self._item(row, self._time(row))
            item.setText(fresh.text())
            item.setToolTip(fresh.toolTip())
        elif item is not None or row.local_date == shown:
            self.refresh_days()
        elif row.local_date not in self.marked:
            self.load_marks()

    def load_marks(self) -> None:
        try:
            marked = journal.days_with_entries(
                self.vault, self.calendar.yearShown(), self.calendar.monthShown()
            )
        except ReconcileError as exc:
            self.failed.emit(exc.sentence)
            return
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # a null date clears all
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setForeground(QColor(theme.colors(theme.is_dark(self))["accent"]))
        fmt.setFontUnderline(True)
        for day, count in marked.items():
            one = QTextCharFormat(fmt)
            one.setToolTip(
                self.tr("1 entry")
                if count == 1
                else self.tr("%1 entries").replace("%1", str(count))
            )
            self.calendar.setDateTextFormat(QDate(day), one)
        self.marked = marked

    def show_day(self, qdate: QDate) -> None:
        day = qdate.toPython()
        self.day_heading.setText(dates.long_date(day))
        self.day_list.clear()
        try:
            rows = journal.entries_on(self.vault, day)
        except ReconcileError as exc:
            self.failed.emit(exc.sentence)
            return
        for row in rows:
            self.day_list.addItem(self._item(row, self._time(row)))
        if not rows:
            self._note(self.day_list, self.tr("Nothing written on this day."))

    def _load_past(self) -> None:
        self.past_list.clear()
        today = self.clock.today()
        try:
            past = journal.on_this_day(self.vault, today)
        except ReconcileError as exc:
            self.failed.emit(exc.sentence)
            return
        for row in past.years_ago + past.months_ago:
            self.past_list.addItem(self._item(row, self._ago(today, row.local_date)))
        if not (past.years_ago or past.months_ago):
            self._note(
                self.past_list,
                self.tr("Entries from this date in earlier months and years will appear here."),
            )

    def _item(self, row: journal.EntryRow, when: str) -> QListWidgetItem:
        heading = row.title or row.snippet or self.tr("(empty entry)")
        marker = kind_label(row.kind)
        text = f"{when} · {heading}" + (f"  [{marker}]" if marker else "")
        item = QListWidgetItem(text)
        item.setData(ID_ROLE, row.id)
        item.setToolTip(heading)
        return item

    def _note(self, box: QListWidget, sentence: str) -> None:
        item = QListWidgetItem(sentence)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setData(ID_ROLE, 0)
        box.addItem(item)

    def _time(self, row: journal.EntryRow) -> str:
        local = row.occurred_utc.astimezone(self.clock.tzinfo())
        return dates.time_of_day(local)

    def _ago(self, today: dt.date, then: dt.date) -> str:
        months = (today.year - then.year) * 12 + today.month - then.month
        if months % 12 == 0:
            years = months // 12
            return (
                self.tr("A year ago")
                if years == 1
                else self.tr("%1 years ago").replace("%1", str(years))
            )
        if months == 1:
            return self.tr("A month ago")
        return self.tr("%1 months ago").replace("%1", str(months))

    def clear(self) -> None:
        """Forget marks, lists and the day shown (on lock)."""
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())
        self.marked = {}
        self.day_list.clear()
        self.past_list.clear()
        self.day_heading.clear()
        self.calendar.blockSignals(True)
        self.calendar.setSelectedDate(QDate(self.clock.today()))
        self.calendar.blockSignals(False)
