"""The last seven days of every commitment in rows, Loop Habit Tracker style: one row per
commitment, one cell per day, each cell a glyph (kept, slipped, not marked, not recorded) so
a day can be seen and ticked without opening it.

Keyboard first: the arrow keys move between commitments and days; K, S, Space and Delete
mark the chosen cell (as in the day's list); Enter opens the day in the day's list, where a
note can be added. Marks are written through the page's ops with core.plans.check_in and
show at once while they are saved; a new slip emits `slipped`, so the page can offer the
follow-up.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QFont, QIcon, QKeyEvent, QPainter, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.ui.pages.plans.checkin_list import (
    KEPT,
    MARK_KEYS,
    SLIPPED,
    is_plain_key,
    state_icon,
)
from reconcile_desktop.ui.widgets import dates, theme

if TYPE_CHECKING:
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.plans.store import DayItem
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

DAYS = 7
GLYPH = 20
DAY_WIDTH = 38  # the narrowest a day's column gets
NAMES_WIDTH = (90, 220)  # the commitments' column: at least, at most
Key = tuple[int, dt.date]


class _CellDelegate(QStyledItemDelegate):
    """The cell's glyph, centred, on the soft selection tint (the glyphs keep their colours)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        icon = QIcon(opt.icon)
        opt.icon, opt.text = QIcon(), ""
        feature = QStyleOptionViewItem.ViewItemFeature
        opt.features &= ~(feature.HasDecoration | feature.HasDisplay)
        focused = bool(opt.state & QStyle.StateFlag.State_HasFocus)
        opt.state &= ~QStyle.StateFlag.State_HasFocus  # drawn below, plainer than the style's
        if opt.state & QStyle.StateFlag.State_Selected:
            opt.palette = theme.with_selection(opt.palette)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        centre = opt.rect.center()
        if not icon.isNull():
            half = GLYPH // 2
            icon.paint(painter, QRect(centre.x() - half, centre.y() - half, GLYPH, GLYPH))
        if focused:
            theme.draw_focus_ring(painter, opt.rect, widget)


class _WeekView(QTableWidget):
    """The table: the same keys as the day's list act on the current cell; Enter opens it."""

    action = Signal(object)  # "kept", "slipped", "cycle" or None (clear)
    open_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = is_plain_key(event)
        if plain and self.currentItem() is not None:
            if event.key() in MARK_KEYS:
                self.action.emit(MARK_KEYS[event.key()])
                event.accept()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.open_requested.emit()
                event.accept()
                return
        super().keyPressEvent(event)


class WeekGrid(QWidget):
    """Rows of commitments, columns of the last seven days ending today."""

    marked = Signal(int, object, object)  # commitment id, "kept"/"slipped"/None, the day: saved
    slipped = Signal(int, object)  # commitment id, the day: a new slip, for the follow-up
    open_day = Signal(int, object)  # commitment id, the day: show it in the day's list

    def __init__(self, vault: Vault, clock: Clock, ops: Ops, parent: QWidget | None = None):
        super().__init__(parent)
        self.vault, self.clock, self.ops = vault, clock, ops
        self.days: list[dt.date] = []
        self.rows: list[int] = []  # commitment ids, in the order shown
        self._cells: dict[Key, DayItem] = {}  # the cells where a step is due or marked
        self._pending: dict[Key, tuple[object, DayItem]] = {}

        self.view = _WeekView(0, DAYS)
        self.view.setAccessibleName(self.tr("The last seven days of each commitment"))
        self.view.setAccessibleDescription(self.keys_tip())
        self.view.setToolTip(self.keys_tip())
        self.view.setItemDelegate(_CellDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)  # Tab leaves the grid; the arrows move in it
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.action.connect(self._key_action)
        self.view.open_requested.connect(self._open_current)
        top = self.view.horizontalHeader()
        top.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        top.setMinimumSectionSize(DAY_WIDTH - 4)
        side = self.view.verticalHeader()
        side.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        side.setDefaultSectionSize(GLYPH + 14)
        # Long actions are cut short (each cell's spoken name keeps them whole), more so in a
        # narrow window, so the seven days always fit (see resizeEvent).
        side.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.error = theme.StatusLabel(self.tr("Check-in problem"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.error)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        room = self.view.width() - 2 * self.view.frameWidth() - DAYS * DAY_WIDTH
        low, high = NAMES_WIDTH
        self.view.verticalHeader().setMaximumWidth(max(low, min(high, room)))

    def keys_tip(self) -> str:
        return self.tr(
            "Arrow keys move between commitments and days.\n"
            "K: kept.  S: slipped.\n"
            "Space: kept, slipped, not marked in turn.\n"
            "Delete: clear the mark.  Enter: open the day."
        )

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the last seven days again; keeps the chosen cell where it still exists."""
        keep = self.current_key()
        today = self.clock.today()
        self.days = [today - dt.timedelta(days=DAYS - 1 - i) for i in range(DAYS)]
        cells: dict[Key, DayItem] = {}
        order: dict[int, DayItem] = {}
        for day in self.days:
            for item in plans.day_items(self.vault, day):
                key = (item.commitment.id, day)
                cells[key] = self._pending.get(key, (None, item))[1]
                order.setdefault(item.commitment.id, item)
        self._cells = cells
        self.rows = list(order)
        self.view.blockSignals(True)
        self.view.clearContents()
        self.view.setRowCount(len(self.rows))
        for column, day in enumerate(self.days):
            self.view.setHorizontalHeaderItem(column, self._day_header(day, today))
        for row, cid in enumerate(self.rows):
            item = order[cid]
            head = QTableWidgetItem(item.commitment.action)
            head.setToolTip(f"{item.commitment.action} · {item.goal.title}")
            self.view.setVerticalHeaderItem(row, head)
            for column in range(len(self.days)):
                self.view.setItem(row, column, QTableWidgetItem())
                self._paint_cell(row, column)
        self.view.blockSignals(False)
        if keep is None or not self.select(*keep):
            self._select_today()

    def _day_header(self, day: dt.date, today: dt.date) -> QTableWidgetItem:
        head = QTableWidgetItem(
            dates.part(day, "ddd") + "\n" + dates.part(day, "d")
        )  # "Today" would not fit a narrow column
        when = dates.part(day, "dddd d MMMM")
        if day == today:
            font = QFont(self.view.font())
            font.setUnderline(True)
            head.setFont(font)
            when = self.tr("Today, {day}").format(day=when)
        head.setToolTip(when)
        return head

    def clear(self) -> None:
        """Forget everything shown (on lock); a mark still landing then changes nothing."""
        self._pending.clear()
        self._cells = {}
        self.rows = []
        self.days = []
        self.view.clearContents()
        self.view.setRowCount(0)
        self.error.say("")

    # -- cells ---------------------------------------------------------------------------------

    def item_at(self, commitment_id: int, day: dt.date) -> DayItem | None:
        """The step on that day, None when it is not due then (and not marked)."""
        return self._cells.get((commitment_id, day))

    def state_words(self, item: DayItem | None, day: dt.date) -> str:
        if item is None:
            return self.tr("Not planned for this day")
        if item.state == KEPT:
            return self.tr("Kept")
        if item.state == SLIPPED:
            return self.tr("Slipped")
        if day < self.clock.today():
            return self.tr("Not recorded")
        return self.tr("Not marked yet")

    def _paint_cell(self, row: int, column: int) -> None:
        cid, day = self.rows[row], self.days[column]
        item = self._cells.get((cid, day))
        cell = self.view.item(row, column)
        if cell is None:
            return
        words = self.state_words(item, day)
        name = self.view.verticalHeaderItem(row).text()
        when = dates.part(day, "dddd d MMMM")
        if day == self.clock.today():
            when = self.tr("Today, {day}").format(day=when)
        spoken = self.tr("{action}, {day}: {state}").format(action=name, day=when, state=words)
        cell.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
        cell.setToolTip(spoken)
        if item is None:
            cell.setIcon(QIcon())
            cell.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            return
        if item.state is not None:
            glyph = item.state
        else:
            glyph = "unrecorded" if day < self.clock.today() else "open"
        cell.setIcon(state_icon(glyph, theme.is_dark(self), GLYPH, self.devicePixelRatioF()))

    def current_key(self) -> Key | None:
        row, column = self.view.currentRow(), self.view.currentColumn()
        if not (0 <= row < len(self.rows) and 0 <= column < len(self.days)):
            return None
        return (self.rows[row], self.days[column])

    def select(self, commitment_id: int, day: dt.date) -> bool:
        """Make that cell the current one; False when it is not shown."""
        if commitment_id not in self.rows or day not in self.days:
            return False
        self.view.setCurrentCell(self.rows.index(commitment_id), self.days.index(day))
        return True

    def _select_today(self) -> None:
        if self.rows:
            self.view.setCurrentCell(0, len(self.days) - 1)

    # -- marking -------------------------------------------------------------------------------

    def set_state(self, commitment_id: int, day: dt.date, state: str | None) -> bool:
        """Mark a cell kept, slipped or (None) not marked: shown at once, saved through ops.
        False when nothing changed (the step is not due that day, or already so)."""
        key = (commitment_id, day)
        item = self._cells.get(key)
        if item is None or item.state == state:
            return False
        # Changing kept to slipped keeps the day's note; clearing the mark clears it (as the
        # day's list does), so the note is not lost without the user asking.
        after = dataclasses.replace(item, state=state, note=item.note if state else "")
        self._write(key, item, after)
        return True

    def _write(self, key: Key, before: DayItem, after: DayItem) -> None:
        token = object()
        self._pending[key] = (token, after)
        self._show(key, after)
        self.error.say("")

        def landed(_result: object) -> None:
            if self._pending.get(key, (None,))[0] is not token:
                return  # locked meanwhile, or a later mark of the same cell speaks for it
            del self._pending[key]
            self.marked.emit(key[0], after.state, key[1])
            if after.state == SLIPPED:
                self.slipped.emit(key[0], key[1])

        def failed(exc: ReconcileError) -> None:
            if self._pending.get(key, (None,))[0] is not token:
                return
            del self._pending[key]
            self._show(key, before)
            self.error.say(exc.sentence, problem=True)

        self.ops.mutate(
            plans.check_in,
            self.vault,
            key[0],
            after.state,
            day=key[1],
            note=after.note,
            on_done=landed,
            on_error=failed,
        )

    def _show(self, key: Key, item: DayItem) -> None:
        if key[0] not in self.rows or key[1] not in self.days:
            return
        self._cells[key] = item
        self._paint_cell(self.rows.index(key[0]), self.days.index(key[1]))

    def _key_action(self, action: object) -> None:
        key = self.current_key()
        if key is None:
            return
        item = self._cells.get(key)
        if action == "cycle":
            if item is None:
                return
            order = (None, KEPT, SLIPPED)
            action = order[(order.index(item.state) + 1) % 3]
        self.set_state(key[0], key[1], action)  # type: ignore[arg-type]

    def _open_current(self) -> None:
        key = self.current_key()
        if key is not None:
            self.open_day.emit(*key)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the glyphs are drawn per theme
            for row in range(len(self.rows)):
                for column in range(len(self.days)):
                    self._paint_cell(row, column)
