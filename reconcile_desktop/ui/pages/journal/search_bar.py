"""Search as you type, and the filters under it.

The query runs on the GUI thread: an FTS5 lookup takes a few milliseconds even at 100,000
entries, and a short debounce keeps a fast typist from running one per key.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.journal.entries import Filters
from reconcile_desktop.core.storage.models import ENTRY_KINDS, PRINCIPLES

DEBOUNCE_MS = 150
# QDateEdit cannot be empty: its minimum date stands for "any" and shows special text.
NO_DATE = QDate(1900, 1, 1)
ANY = ""  # the "any" choice of a filter; every real value is truthy


class SearchField(QLineEdit):
    """Esc empties the field first; a second Esc goes to whoever wants it."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.setText("")  # setText, not clear(): it also forgets the undo history
            event.accept()
            return
        super().keyPressEvent(event)


class SearchBar(QWidget):
    """Emits changed() (debounced for typing, at once for filters); read query() and filters()."""

    changed = Signal()
    filters_shown = Signal()  # the tag choices are wanted now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = SearchField()
        self.field.setPlaceholderText(self.tr("Search your journal"))
        self.field.setAccessibleName(self.tr("Search the journal"))
        self.field.setToolTip(
            self.tr(
                'Words you type must all appear. Use "quotes" for a phrase and -word to leave '
                "entries out. Ctrl+F to come back here, Esc to clear."
            )
        )
        self.field.setClearButtonEnabled(True)
        for clear in self.field.findChildren(QToolButton):  # Qt's own, nameless until now
            clear.setAccessibleName(self.tr("Clear the search"))
            clear.setToolTip(self.tr("Clear the search (Esc)"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.changed)
        self.field.textChanged.connect(lambda _text: self._timer.start())

        self.filter_button = QToolButton()
        self.filter_button.setText(self.tr("Filters"))
        self.filter_button.setCheckable(True)
        self.filter_button.setAccessibleName(self.tr("Show filters"))
        self.filter_button.setToolTip(
            self.tr("Narrow the list by tag, mood, principle, kind or date")
        )
        self.filter_button.toggled.connect(self._show_filters)

        self.tag = self._combo(self.tr("Tag"), [])
        self.mood = self._combo(
            self.tr("Mood"),
            [
                (self.tr("1: very low"), 1),
                (self.tr("2: low"), 2),
                (self.tr("3: in between"), 3),
                (self.tr("4: good"), 4),
                (self.tr("5: very good"), 5),
            ],
        )
        principle_words = {
            "accountability": self.tr("Accountability"),
            "empathy": self.tr("Empathy"),
            "change": self.tr("Change"),
            "patience": self.tr("Patience"),
        }
        self.principle = self._combo(
            self.tr("Principle"), [(principle_words.get(p, p), p) for p in PRINCIPLES]
        )
        kind_words = {
            "free": self.tr("Free writing"),
            "prompted": self.tr("From a prompt"),
            "letter": self.tr("Unsent letter"),
            "worksheet": self.tr("Worksheet"),
        }
        self.kind = self._combo(self.tr("Kind"), [(kind_words.get(k, k), k) for k in ENTRY_KINDS])
        self.date_from = self._date(self.tr("From date"))
        self.date_to = self._date(self.tr("To date"))
        self.reset_button = QToolButton()
        self.reset_button.setText(self.tr("Reset"))
        self.reset_button.setAccessibleName(self.tr("Reset filters"))
        self.reset_button.clicked.connect(self.reset_filters)

        self.filters_box = QWidget()
        grid = QGridLayout(self.filters_box)
        grid.setContentsMargins(0, 2, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.tag, 0, 0)
        grid.addWidget(self.mood, 0, 1)
        grid.addWidget(self.principle, 1, 0)
        grid.addWidget(self.kind, 1, 1)
        dates = QHBoxLayout()
        dates.setSpacing(6)
        dash = QLabel("–")
        dash.setAccessibleName(self.tr("to"))
        dates.addWidget(self.date_from, 1)
        dates.addWidget(dash)
        dates.addWidget(self.date_to, 1)
        grid.addLayout(dates, 2, 0, 1, 2)
        grid.addWidget(self.reset_button, 3, 1, Qt.AlignmentFlag.AlignRight)
        self.filters_box.hide()

        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.field, 1)
        top.addWidget(self.filter_button)
        # Never taller than its contents, so hiding the filters gives the room to the list.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.filters_box)

    def _combo(self, name: str, choices: list[tuple[str, object]]) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(name)
        box.setToolTip(name)
        box.setMinimumContentsLength(6)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.addItem(self.tr("Any %1").replace("%1", name.lower()), ANY)
        for text, value in choices:
            box.addItem(text, value)
        box.currentIndexChanged.connect(self._filters_edited)
        return box

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setAccessibleName(name)
        edit.setToolTip(name)
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NO_DATE)
        edit.setSpecialValueText(name)  # shown while the date is "any"
        edit.setDate(NO_DATE)
        edit.dateChanged.connect(self._filters_edited)
        return edit

    def _show_filters(self, shown: bool) -> None:
        self.filters_box.setVisible(shown)
        if shown:
            self.filters_shown.emit()
        self.filter_button.setAccessibleName(
            self.tr("Hide filters") if shown else self.tr("Show filters")
        )

    def _filters_edited(self, *_args: object) -> None:
        self._timer.stop()
        self.changed.emit()
        active = self.filters() != Filters()
        self.filter_button.setText(self.tr("Filters •") if active else self.tr("Filters"))

    # -- reading and setting -----------------------------------------------------------------

    def query(self) -> str:
        return self.field.text()

    def filters(self) -> Filters:
        def day(edit: QDateEdit) -> dt.date | None:
            return None if edit.date() == NO_DATE else edit.date().toPython()

        return Filters(
            tag=self.tag.currentData() or None,
            mood=self.mood.currentData() or None,
            principle=self.principle.currentData() or None,
            kind=self.kind.currentData() or None,
            date_from=day(self.date_from),
            date_to=day(self.date_to),
        )

    def flush(self) -> None:
        """Run a pending debounced search now."""
        if self._timer.isActive():
            self._timer.stop()
            self.changed.emit()

    def tag_names(self) -> list[str]:
        return [self.tag.itemData(i) for i in range(1, self.tag.count())]

    def set_tags(self, tags: list[tuple[str, int]]) -> None:
        """Fill the tag filter (name, count), keeping the chosen tag if it still exists."""
        chosen = self.tag.currentData()
        self.tag.blockSignals(True)
        while self.tag.count() > 1:
            self.tag.removeItem(1)
        for name, count in tags:
            self.tag.addItem(f"{name} ({count})", name)
        self.tag.setCurrentIndex(max(0, self.tag.findData(chosen)) if chosen else 0)
        self.tag.blockSignals(False)
        if chosen and self.tag.currentData() != chosen:
            self._filters_edited()

    def reset_filters(self) -> None:
        for box in (self.tag, self.mood, self.principle, self.kind, self.date_from, self.date_to):
            box.blockSignals(True)
        for box in (self.tag, self.mood, self.principle, self.kind):
            box.setCurrentIndex(0)
        self.date_from.setDate(NO_DATE)
        self.date_to.setDate(NO_DATE)
        for box in (self.tag, self.mood, self.principle, self.kind, self.date_from, self.date_to):
            box.blockSignals(False)
        self._filters_edited()

    def clear(self) -> None:
        """Empty the query (and its undo history), the filters and the tag names; no signal."""
        self._timer.stop()
        self.blockSignals(True)
        self.field.setText("")
        self.reset_filters()
        self.tag.blockSignals(True)
        while self.tag.count() > 1:
            self.tag.removeItem(1)
        self.tag.blockSignals(False)
        self._timer.stop()
        self.blockSignals(False)
        self.filter_button.setChecked(False)
