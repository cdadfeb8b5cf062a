"""The commitments due on one day, each kept, slipped or not marked, with an optional note.

Reusable: the Change plan page and the Today page both show one. It writes core.plans.check_in
through the page's ops: a mark shows at once as pending, `marked` says so once it is saved (a
failed save puts the row back and says why), and a new slip also emits `slipped`, so the page
can offer the follow-up. A note typed before the step is marked is kept and saved with the
mark. Fully usable from the keyboard (see KEYS_TIP).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.charts.style import for_scheme
from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.ui.widgets import theme

Key = tuple[int, dt.date]  # a commitment on a day

if TYPE_CHECKING:
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.plans.store import DayItem
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

KEPT, SLIPPED = "kept", "slipped"
SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 1  # the muted second line
BADGE_ROLE = Qt.ItemDataRole.UserRole + 2  # a short word at the right edge
ID_ROLE = Qt.ItemDataRole.UserRole + 3

# Drawn for this project: a filled disc for a mark, a ring for a day not marked, a broken ring
# for a past day nobody recorded (which is not a slip).
_GLYPHS = {
    KEPT: '<circle cx="12" cy="12" r="9" fill="{fill}"/>'
    '<path d="M7.8 12.3l2.8 2.8 5.6-5.8" fill="none" stroke="{mark}" stroke-width="2"'
    ' stroke-linecap="round" stroke-linejoin="round"/>',
    SLIPPED: '<circle cx="12" cy="12" r="9" fill="{fill}"/>'
    '<path d="M8 12h8" stroke="{mark}" stroke-width="2.2" stroke-linecap="round"/>',
    "open": '<circle cx="12" cy="12" r="8.2" fill="none" stroke="{line}" stroke-width="1.6"/>',
    "unrecorded": '<circle cx="12" cy="12" r="8.2" fill="none" stroke="{line}"'
    ' stroke-width="1.6" stroke-dasharray="2.6 2.6"/>',
}


GLYPH_MARK = {False: "#ffffff", True: "#1f2224"}  # the tick or bar on a filled glyph


def state_icon(kind: str, dark: bool, size: int = 20, ratio: float = 1.0) -> QIcon:
    """kind: kept, slipped, open (not marked yet) or unrecorded."""
    c, charts = theme.colors(dark), for_scheme(dark)
    fill = c["accent"] if kind == KEPT else charts.slipped  # the charts' own "slipped"
    mark = GLYPH_MARK[dark]
    body = _GLYPHS[kind].format(fill=fill, mark=mark, line=c["muted"])
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">{body}</svg>'
    return QIcon(theme.svg_pixmap(svg, QColor(c["text"]), size, ratio))


# The keys that mark a step, in the day's list and in the week's grid alike.
MARK_KEYS = {
    Qt.Key.Key_K: KEPT,
    Qt.Key.Key_S: SLIPPED,
    Qt.Key.Key_Space: "cycle",
    Qt.Key.Key_Delete: None,
    Qt.Key.Key_Backspace: None,
}


def is_plain_key(event: QKeyEvent) -> bool:
    """No modifier but the keypad's: Ctrl+S and the like stay with the menus."""
    return event.modifiers() in (
        Qt.KeyboardModifier.NoModifier,
        Qt.KeyboardModifier.KeypadModifier,
    )


class TwoLineDelegate(QStyledItemDelegate):
    """Icon, a line of text, a muted second line and a short badge at the right.

    The chosen row is a soft tint with ordinary text (as in the sidebar), so the state glyphs
    keep their colours. Its colours come from the palette being painted with, so they follow
    a theme switch (see theme.selection_colors)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        fm = option.fontMetrics
        lines = 2 if index.data(SUBTITLE_ROLE) else 1
        return QSize(120, fm.height() * lines + fm.leading() + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        icon = QIcon(opt.icon)  # a copy: the option hands out its own member
        opt.icon, opt.text = QIcon(), ""
        focused = bool(opt.state & QStyle.StateFlag.State_HasFocus)
        opt.state &= ~QStyle.StateFlag.State_HasFocus  # drawn below, plainer than the style's
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        if selected:
            opt.palette = theme.with_selection(opt.palette)
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        pal = opt.palette
        if selected:
            back, ink = (
                pal.color(QPalette.ColorRole.Highlight),
                pal.color(QPalette.ColorRole.HighlightedText),
            )
            soft = theme.muted_on(back, ink)
        else:
            ink, soft = pal.color(QPalette.ColorRole.Text), theme.muted(pal)
        fm = opt.fontMetrics
        rect = opt.rect.adjusted(10, 7, -10, -7)
        painter.save()
        if not icon.isNull():
            side = 20
            icon.paint(painter, QRect(rect.left(), rect.center().y() - side // 2, side, side))
            rect.setLeft(rect.left() + side + 10)
        badge = index.data(BADGE_ROLE) or ""
        if badge:
            width = fm.horizontalAdvance(badge)
            painter.setPen(ink)
            right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(rect, right, badge)
            rect.setRight(rect.right() - width - 12)
        title = index.data(Qt.ItemDataRole.DisplayRole) or ""
        subtitle = index.data(SUBTITLE_ROLE) or ""
        top = QRect(rect.left(), rect.top(), rect.width(), fm.height())
        if not subtitle:
            top.moveTop(rect.center().y() - fm.height() // 2)
        painter.setPen(ink)
        elided = fm.elidedText(title, Qt.TextElideMode.ElideRight, top.width())
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft, elided)
        if subtitle:
            painter.setPen(soft)
            low = top.translated(0, fm.height() + fm.leading())
            text = fm.elidedText(subtitle, Qt.TextElideMode.ElideRight, low.width())
            painter.drawText(low, Qt.AlignmentFlag.AlignLeft, text)
        painter.restore()
        if focused:
            theme.draw_focus_ring(painter, opt.rect, widget)


class _DayView(QListWidget):
    """The list itself: K, S, Space and Delete act on the current row; Left and Right ask
    for the day before or after, where the list can show other days."""

    action = Signal(object)  # "kept", "slipped", "cycle" or None (clear)
    day_step = Signal(int)  # -1 or +1
    steps_days = False

    _DAY_KEYS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = is_plain_key(event)
        if plain and event.key() in MARK_KEYS and self.currentRow() >= 0:
            self.action.emit(MARK_KEYS[event.key()])
            event.accept()
            return
        if plain and self.steps_days and event.key() in self._DAY_KEYS:
            self.day_step.emit(self._DAY_KEYS[event.key()])
            event.accept()
            return
        super().keyPressEvent(event)


class CheckInList(QWidget):
    """The day's commitments. set_day() loads a day; days more than a week back are read-only."""

    marked = Signal(int, object, object)  # commitment id, "kept"/"slipped"/None, the day: saved
    slipped = Signal(int, object)  # commitment id, the day: a new slip, for the follow-up
    day_step = Signal(int)  # Left or Right in the list (with steps_days): -1 or +1 day

    def __init__(
        self,
        vault: Vault,
        clock: Clock,
        ops: Ops,
        parent: QWidget | None = None,
        *,
        show_goals: bool = True,
        steps_days: bool = False,
    ) -> None:
        super().__init__(parent)
        self.vault, self.clock, self.ops, self.show_goals = vault, clock, ops, show_goals
        self._day: dt.date | None = None
        self._items: list[DayItem] = []
        self._read_only = False
        # Marks sent but not yet saved, shown over what the vault says until they land.
        self._pending: dict[Key, tuple[object, DayItem]] = {}
        # Notes typed on a step not marked yet: kept until the mark saves them (or a lock).
        self._drafts: dict[Key, str] = {}
        self._note_key: Key | None = None  # whose note the box shows

        self.notice = theme.StatusLabel(self.tr("About this day"))
        self.view = _DayView()
        self.view.steps_days = steps_days
        self.view.day_step.connect(self.day_step)
        self.view.setAccessibleName(self.tr("Commitments for the day"))
        self.view.setToolTip(self.keys_tip())
        self.view.setItemDelegate(TwoLineDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setUniformItemSizes(True)
        self.view.action.connect(self._key_action)
        self.view.currentRowChanged.connect(self._row_changed)

        self.kept_button = self._button(self.tr("Kept"), self.tr("Mark as kept (K)"), KEPT)
        self.slipped_button = self._button(
            self.tr("Slipped"), self.tr("Mark as slipped (S)"), SLIPPED
        )
        self.clear_button = self._button(self.tr("Clear"), self.tr("Clear the mark (Delete)"), None)
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Note for this commitment on this day"))
        self.note.setToolTip(
            self.tr("An optional one-line note, saved with the mark. Press Enter to save it.")
        )
        self.note.setMaxLength(500)
        self.note.editingFinished.connect(self._save_note)
        self.error = theme.StatusLabel(self.tr("Check-in problem"))

        row = QHBoxLayout()
        row.setSpacing(6)
        for b in (self.kept_button, self.slipped_button, self.clear_button):
            row.addWidget(b)
        row.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.notice)
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.setTabOrder(self.view, self.kept_button)
        self.setTabOrder(self.kept_button, self.slipped_button)
        self.setTabOrder(self.slipped_button, self.clear_button)
        self.setTabOrder(self.clear_button, self.note)
        self._update_controls()

    def keys_tip(self) -> str:
        tip = self.tr(
            "Up and Down move between commitments.\n"
            "K: kept.  S: slipped.\n"
            "Space: kept, slipped, not marked in turn.\n"
            "Delete: clear the mark."
        )
        if self.view.steps_days:
            tip += "\n" + self.tr("Left and Right: the day before or after.")
        return tip

    def _button(self, text: str, tip: str, state: str | None) -> QPushButton:
        b = QPushButton(text)
        b.setToolTip(tip)
        b.setAccessibleName(tip)
        b.clicked.connect(lambda: self.set_state(self.view.currentRow(), state))
        return b

    # -- the day ---------------------------------------------------------------------------

    @property
    def day(self) -> dt.date | None:
        return self._day

    @property
    def read_only(self) -> bool:
        return self._read_only

    @property
    def items(self) -> list[DayItem]:
        return list(self._items)

    def editable(self, day: dt.date) -> bool:
        today = self.clock.today()
        return today - dt.timedelta(days=plans.CORRECTION_DAYS) <= day <= today

    def set_day(self, day: dt.date) -> None:
        """Show `day`; keeps the current commitment selected when it is still listed."""
        self._save_note()
        keep = self.current_commitment_id()
        self._day = day
        self._read_only = not self.editable(day)
        self._items = [
            self._pending.get((i.commitment.id, day), (None, i))[1]
            for i in plans.day_items(self.vault, day)
        ]
        self.error.say("")
        self._note_key = None
        self.view.blockSignals(True)
        self.view.clear()
        for item in self._items:
            entry = QListWidgetItem()
            self.view.addItem(entry)
            self._paint_row(entry, item)
        self.view.blockSignals(False)
        ids = [i.commitment.id for i in self._items]
        if self._items:
            self.view.setCurrentRow(ids.index(keep) if keep in ids else 0)
        self._row_changed(self.view.currentRow())
        self._say_notice()

    def reload(self) -> None:
        if self._day is not None:
            self.set_day(self._day)

    def clear(self) -> None:
        """Forget everything shown and typed (on lock)."""
        self.view.clear()
        self._items = []
        self._day = None
        self._drafts.clear()
        self._pending.clear()  # a mark still landing after a lock then changes nothing
        self._note_key = None
        self.note.clear()
        self.notice.say("")
        self.error.say("")
        self._update_controls()

    def _say_notice(self) -> None:
        today = self.clock.today()
        if self._read_only and self._day is not None and self._day < today:
            self.notice.say(
                self.tr(
                    "Days can be marked or corrected up to a week back, so this day is shown "
                    "as it was recorded and can no longer be changed."
                )
            )
        elif not self._items:
            self.notice.say(self.tr("Nothing is planned for this day."))
        else:
            self.notice.say("")

    # -- rows ------------------------------------------------------------------------------

    def state_words(self, item: DayItem) -> str:
        if item.state == KEPT:
            return self.tr("Kept")
        if item.state == SLIPPED:
            return self.tr("Slipped")
        if self._day is not None and self._day < self.clock.today():
            return self.tr("Not recorded")
        return self.tr("Not marked yet")

    def _glyph(self, item: DayItem) -> str:
        if item.state is not None:
            return item.state
        past = self._day is not None and self._day < self.clock.today()
        return "unrecorded" if past else "open"

    def _paint_row(self, entry: QListWidgetItem, item: DayItem) -> None:
        words = self.state_words(item)
        parts = [item.goal.title] if self.show_goals else []
        if item.note:
            parts.append(item.note)
        entry.setData(Qt.ItemDataRole.DisplayRole, item.commitment.action)
        entry.setData(SUBTITLE_ROLE, " · ".join(parts))
        entry.setData(BADGE_ROLE, words)
        entry.setData(ID_ROLE, item.commitment.id)
        ratio = self.devicePixelRatioF()
        entry.setIcon(state_icon(self._glyph(item), theme.is_dark(self), 20, ratio))
        spoken = [item.commitment.action, *parts, words]
        entry.setData(Qt.ItemDataRole.AccessibleTextRole, ", ".join(spoken))
        entry.setToolTip(self.keys_tip())

    def current_commitment_id(self) -> int | None:
        row = self.view.currentRow()
        return self._items[row].commitment.id if 0 <= row < len(self._items) else None

    def row_of(self, commitment_id: int) -> int:
        return next(i for i, it in enumerate(self._items) if it.commitment.id == commitment_id)

    def _key_of(self, row: int) -> Key | None:
        if self._day is None or not 0 <= row < len(self._items):
            return None
        return (self._items[row].commitment.id, self._day)

    def _show_item(self, key: Key, item: DayItem) -> None:
        """Put `item` on its row, if the day it belongs to is the one shown."""
        if key[1] != self._day:
            return
        row = next((i for i, it in enumerate(self._items) if it.commitment.id == key[0]), None)
        if row is None:
            return
        self._items[row] = item
        self._paint_row(self.view.item(row), item)
        if row == self.view.currentRow():
            self._update_controls()

    def set_state(self, row: int, state: str | None) -> bool:
        """Mark row `row` kept, slipped or (None) not marked: shown at once, saved through
        ops. False when nothing changed."""
        key = self._key_of(row)
        if self._read_only or key is None:
            return False
        item = self._items[row]
        if state == item.state:
            return False
        if row == self.view.currentRow():
            self._stash_note()
        # A note typed before the mark goes with it. Clearing the mark clears the saved note,
        # but the box keeps the words, so marking again saves them again.
        if state is None and item.note:
            self._drafts.setdefault(key, item.note)
        note = self._drafts.get(key, item.note) if state is not None else ""
        self._write(key, item, dataclasses.replace(item, state=state, note=note))
        return True

    def _write(self, key: Key, before: DayItem, after: DayItem) -> None:
        token = object()
        self._pending[key] = (token, after)
        self._show_item(key, after)
        self.error.say("")

        def landed(_result: object) -> None:
            if self._pending.get(key, (None,))[0] is not token:
                return  # locked meanwhile, or a later mark of the same step speaks for it
            del self._pending[key]
            if self._drafts.get(key) == after.note:
                del self._drafts[key]
            if after.state != before.state:
                self.marked.emit(key[0], after.state, key[1])
                if after.state == SLIPPED:
                    self.slipped.emit(key[0], key[1])

        def failed(exc: ReconcileError) -> None:
            if self._pending.get(key, (None,))[0] is not token:
                return  # a later mark of the same step decides what shows
            del self._pending[key]
            if after.note and after.note != before.note:
                self._drafts[key] = after.note  # never lose what was typed
            self._show_item(key, before)
            if key == self._note_key:
                self._row_changed(self.view.currentRow())
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

    def _key_action(self, action: object) -> None:
        row = self.view.currentRow()
        if action == "cycle" and 0 <= row < len(self._items):
            order = (None, KEPT, SLIPPED)
            action = order[(order.index(self._items[row].state) + 1) % 3]
        self.set_state(row, action)  # type: ignore[arg-type]

    def _row_changed(self, row: int) -> None:
        self._stash_note()
        key = self._key_of(row)
        item = self._items[row] if key is not None else None
        self._note_key = key
        self.note.blockSignals(True)
        self.note.setText(self._drafts.get(key, item.note) if key and item else "")
        self.note.blockSignals(False)
        self._update_controls()

    def _stash_note(self) -> None:
        """Keep what the box holds for the step it belongs to, unless it is already saved."""
        key = self._note_key
        if key is None or key[1] != self._day:
            return
        item = next((i for i in self._items if i.commitment.id == key[0]), None)
        if item is None:
            return
        text = self.note.text().strip()
        if text == item.note:
            self._drafts.pop(key, None)
        else:
            self._drafts[key] = text

    def _save_note(self) -> None:
        """Enter or leaving the box: a marked step's note is saved now; an unmarked step's
        waits for its mark."""
        self._stash_note()
        key = self._note_key
        if self._read_only or key is None or key[1] != self._day or key not in self._drafts:
            return
        item = self._items[self.row_of(key[0])]
        if item.state is not None:
            self._write(key, item, dataclasses.replace(item, note=self._drafts[key]))

    def save_pending(self) -> bool:
        """Before a lock or quit: notes typed on marked steps of the day shown, saved now.
        False when one could not be saved (it stays in the box)."""
        self._stash_note()
        for row, item in enumerate(self._items):
            key = (item.commitment.id, self._day)
            if self._read_only or item.state is None or key not in self._drafts:
                continue  # an unmarked step's note waits for its mark
            text = self._drafts.pop(key)
            self._items[row] = dataclasses.replace(item, note=text)  # so a refresh keeps it
            try:
                self.ops.mutate_now(
                    plans.check_in, self.vault, key[0], item.state, day=key[1], note=text
                )
            except ReconcileError as exc:
                self._items[row] = item
                self._drafts[key] = text
                self.error.say(exc.sentence, problem=True)
                return False
        return True

    def _update_controls(self) -> None:
        row = self.view.currentRow()
        item = self._items[row] if 0 <= row < len(self._items) else None
        can = item is not None and not self._read_only
        self.kept_button.setEnabled(can and item.state != KEPT)
        self.slipped_button.setEnabled(can and item.state != SLIPPED)
        self.clear_button.setEnabled(can and item.state is not None)
        self.note.setReadOnly(not can)
        self.note.setEnabled(item is not None)
        self.note.setPlaceholderText(
            self.tr("A short note, if you like")
            if can and item.state is not None
            else self.tr("A short note, saved when you mark the step")
            if can
            else ""
        )

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # the glyphs are drawn per theme
            for row, item in enumerate(self._items):
                self._paint_row(self.view.item(row), item)
