"""The No contact page: the count, the two honest buttons, the reach-out step and the history.

Everything shown comes from one nocontact.summary() call; the history chart (and its extra
query) is built only once the user opens the history section, off the GUI thread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.changes import EVERYTHING, NOCONTACT, THEME, Changes
from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.nocontact import boundaries
from reconcile_desktop.core.nocontact import day_counting as streaks
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans.store import CORRECTION_DAYS
from reconcile_desktop.ui.pages.base import SPACE, Page
from reconcile_desktop.ui.pages.nocontact import dialogs
from reconcile_desktop.ui.pages.nocontact.panels import (
    FlaggedPanel,
    HistorySection,
    ReachOutPanel,
    button,
    days_text,
    heading,
    wrapped,
)
from reconcile_desktop.ui.pages.nocontact.ring import ProgressRing
from reconcile_desktop.ui.widgets import dates, theme
from reconcile_desktop.ui.widgets.columns import TwoColumns

if TYPE_CHECKING:
    from collections.abc import Callable

    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

ONE_MESSAGE_PROMPT = "ro-one-message"
CONTENT_WIDTH = 760


class NoContactPage(Page):
    key = "nocontact"
    title = "No contact"
    icon_svg = SPACE
    areas = (NOCONTACT, THEME)  # THEME: its history chart is drawn in the palette's colours

    def __init__(self, vault: Vault, clock: Clock, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(vault, clock, ops, parent)
        self.summary: streaks.Summary | None = None
        self.dialog: QDialog | None = None
        self._message_entry_id: int | None = None
        self._farewell = ""

        # Three views, one visible; hidden ones take no room (a QStackedWidget would size
        # the short empty view like the long running one, and it would scroll).
        self.views = {
            "blank": QWidget(),  # while locked: nothing at all
            "empty": self._build_empty(),
            "running": self._build_running(),
        }
        self.stack = QWidget()
        self.stack.setAccessibleName(self.tr("No contact"))
        stack_layout = QVBoxLayout(self.stack)
        stack_layout.setContentsMargins(0, 0, 0, 0)
        for view in self.views.values():
            stack_layout.addWidget(view)
        self._view = ""
        self.show_view("blank")
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no empty Tab stop; it follows focus
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(32, 24, 32, 24)
        row.addStretch(1)
        row.addWidget(self.stack, 100)
        row.addStretch(1)
        self.stack.setMaximumWidth(CONTENT_WIDTH)
        scroll.setWidget(holder)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._paint()

    # -- building ----------------------------------------------------------------------------

    def _build_empty(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 24, 0, 0)
        layout.setSpacing(12)
        self.empty_icon = QLabel()
        self.empty_icon.setAccessibleName(self.tr("No contact icon"))
        layout.addWidget(self.empty_icon, 0, Qt.AlignmentFlag.AlignHCenter)
        title = heading(self, self.tr("Give yourself some space"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        for text in (
            self.tr(
                "No contact is for you: time to grieve, to steady yourself and to see clearly "
                "what happened and what you want now. It is not a tactic for winning anyone "
                "back, and it works best when it is not one."
            ),
            self.tr(
                "No calls, no messages, and, counted separately, no looking at their social "
                "media. Most people need at least 30 to 60 days. If you slip, you simply begin "
                "the count again; the effort does not start over."
            ),
        ):
            label = wrapped(text, muted=True)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setFont(theme.scaled_font(self.font(), 1.05))
            layout.addWidget(label)
        self.farewell_label = wrapped()
        self.farewell_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.farewell_label.hide()
        layout.addWidget(self.farewell_label)
        self.start_button = button(self.tr("Start no contact"), primary=True)
        self.start_button.clicked.connect(self.open_start_dialog)
        layout.addSpacing(8)
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        return page

    def _build_running(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(16)
        layout.addWidget(heading(self, self.title))
        self.since_label = wrapped(muted=True)
        layout.addWidget(self.since_label)

        rings = QWidget()
        top = QHBoxLayout(rings)
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(28)
        self.ring = ProgressRing(190, 14.0)
        self.social_ring = ProgressRing(116, 9.0)
        self.ring_caption = wrapped(self.tr("No direct contact"), muted=True)
        for ring, label in (
            (self.ring, self.ring_caption),
            (self.social_ring, wrapped(self.tr("Not looking at their social media"), muted=True)),
        ):
            # A fixed-width column, so the wrapped caption gets its full height.
            column_widget = QWidget()
            column_widget.setFixedWidth(max(ring.sizeHint().width(), 140) + 8)
            column = QVBoxLayout(column_widget)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(6)
            column.addWidget(ring, 0, Qt.AlignmentFlag.AlignHCenter)
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            column.addWidget(label)
            column.addStretch(1)
            top.addWidget(column_widget)

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        self.values: dict[str, QLabel] = {}
        names = (
            ("milestone", self.tr("Milestone reached")),
            ("next", self.tr("Next milestone")),
            ("best", self.tr("Best streak")),
            ("attempts", self.tr("Stretches in this period")),
            ("urges", self.tr("Urges resisted this week")),
            ("social_best", self.tr("Best without looking")),
        )
        for row, (key, name) in enumerate(names):
            grid.addWidget(theme.MutedLabel(name), row, 0)
            value = QLabel()
            value.setObjectName(f"value-{key}")
            value.setProperty("field_name", name)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(value, row, 1)
            self.values[key] = value
        grid.setColumnStretch(1, 1)
        top.addStretch(1)
        stats = QWidget()
        stats.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        # The statistics move below the rings when both no longer fit side by side.
        self.columns = TwoColumns(rings, stats, stretch=(0, 1), spacing=28)
        layout.addWidget(self.columns)

        self.kind_frame = QFrame()
        self.kind_frame.setObjectName("kind-line")
        kind_layout = QVBoxLayout(self.kind_frame)
        kind_layout.setContentsMargins(18, 14, 18, 14)
        self.kind_line = wrapped()
        self.kind_line.setAccessibleName(self.tr("A word after a slip"))
        kind_layout.addWidget(self.kind_line)
        layout.addWidget(self.kind_frame)

        actions = QHBoxLayout()
        # The menu's entries; they open a dialog only while a period is counted.
        self.urge_action = QAction(self.tr("I resisted an urge…"), self)
        self.urge_action.setShortcut(QKeySequence("Ctrl+Shift+U"))
        self.urge_action.triggered.connect(lambda: self._while_counting(self.open_urge_dialog))
        self.contact_action = QAction(self.tr("I had contact…"), self)
        self.contact_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.contact_action.triggered.connect(
            lambda: self._while_counting(self.open_contact_dialog)
        )
        self.contact_button = button(self.tr("I had contact"))
        self.urge_button = button(self.tr("I resisted an urge"), primary=True)
        self.end_button = button(self.tr("End this period"))
        for b, action, words in (
            (self.urge_button, self.urge_action, self.tr("Note an urge you did not act on")),
            (self.contact_button, self.contact_action, self.tr("Note a contact, honestly")),
            (self.end_button, None, self.tr("Close this period; its days stay in your history")),
        ):
            keys = (
                action.shortcut().toString(QKeySequence.SequenceFormat.NativeText) if action else ""
            )
            b.setAccessibleDescription(words)
            b.setToolTip(f"{words} ({keys})" if keys else words)
        self.contact_button.clicked.connect(self.open_contact_dialog)
        self.urge_button.clicked.connect(self.open_urge_dialog)
        self.end_button.clicked.connect(self.open_end_dialog)
        actions.addWidget(self.urge_button)
        actions.addWidget(self.contact_button)
        actions.addStretch(1)
        actions.addWidget(self.end_button)
        layout.addLayout(actions)
        self.status = theme.StatusLabel(self.tr("Problem"))
        layout.addWidget(self.status)

        self.reach_out = ReachOutPanel()
        self.reach_out.write_requested.connect(lambda: self.write_prompt.emit(ONE_MESSAGE_PROMPT))
        self.reach_out.prompt_requested.connect(self.write_prompt)
        self.reach_out.sent_requested.connect(self.confirm_reached_out)
        self.reach_out.undo_requested.connect(self.undo_reached_out)
        self.reach_out.answers_given.connect(self.save_boundaries)
        self.flagged = FlaggedPanel()
        self.flagged.correct_requested.connect(self.open_correct_dialog)
        self.history = HistorySection(self.ops, self.vault)
        self.history.problem.connect(lambda sentence: self.status.say(sentence, problem=True))
        for section in (self.reach_out, self.flagged, self.history):
            layout.addWidget(section)
        layout.addStretch(1)
        return page

    @property
    def view(self) -> str:
        """One of "blank" (cleared), "empty" (no period) or "running"."""
        return self._view

    def show_view(self, name: str) -> None:
        self._view = name
        for key, widget in self.views.items():
            widget.setVisible(key == name)

    # -- the Page interface ------------------------------------------------------------------

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        super().refresh(changes)
        if changes.touches(NOCONTACT):
            self._reload()
        if changes.touches(THEME):
            self.history.recolour()

    def menu_title(self) -> str:
        return self.tr("&No contact")

    def menu_actions(self) -> list[QAction]:
        return [self.urge_action, self.contact_action]

    def clear_sensitive(self) -> None:
        super().clear_sensitive()
        self._close_dialog()
        self.summary = None
        self._farewell = ""
        self.show_view("blank")
        for ring in (self.ring, self.social_ring):
            ring.clear()
            ring.setAccessibleName("")
        for label in (
            self.since_label,
            self.kind_line,
            self.farewell_label,
            *self.values.values(),
        ):
            label.clear()
            label.setAccessibleName("")
        self.status.say("")
        self.ring_caption.setText(self.tr("No direct contact"))
        for section in (self.reach_out, self.flagged, self.history):
            section.clear()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "kind_frame"):
            self._paint()
        super().changeEvent(event)

    # -- showing -----------------------------------------------------------------------------

    def _reload(self) -> None:
        self.summary = s = nocontact.summary(self.vault)
        if s is None:
            self.show_view("empty")
            self._show_farewell()
        else:
            self.show_view("running")
            self._show_running(s)

    def _show_farewell(self) -> None:
        self.farewell_label.setText(self._farewell)
        self.farewell_label.setVisible(bool(self._farewell))

    def _show_running(self, s: streaks.Summary) -> None:
        tr = self.tr
        self.since_label.setText(
            tr("Counting since {date}. Target: {n} days.").format(
                date=dates.medium_date(s.direct_start), n=s.target_days
            )
        )
        self.ring.set_progress(s.progress)
        self.ring.set_text(str(s.direct_days), tr("of {n} days").format(n=s.target_days))
        self.ring.setAccessibleName(
            tr("Day {days} of {n} without contact").format(days=s.direct_days, n=s.target_days)
        )
        self.social_ring.set_progress(min(1.0, s.social_days / s.target_days))
        self.social_ring.set_text(str(s.social_days), self._days_word(s.social_days))
        self.social_ring.setAccessibleName(
            tr("{days} without looking at their social media").format(
                days=self._days(s.social_days)
            )
        )
        to_next = s.next_milestone - s.direct_days
        reached = s.milestone_reached
        self._set_value(
            "milestone", self._days(reached) if reached else tr("Not yet; the first is tomorrow")
        )
        self._set_value(
            "next",
            tr("{days}, tomorrow").format(days=self._days(s.next_milestone))
            if to_next == 1
            else tr("{days}, in {n} days").format(days=self._days(s.next_milestone), n=to_next),
        )
        self._set_value("best", self._days(s.best_direct))
        self._set_value("attempts", str(s.attempts_count))
        self._set_value("urges", str(s.urges_this_week))
        self._set_value("social_best", self._days(s.best_social))

        self.kind_line.setText(self.kind_sentence(s))
        self.kind_frame.setVisible(bool(self.kind_line.text()))
        self.status.say("")
        b = boundaries.get(self.vault)
        sent = s.giving_space_days is not None
        undo = sent and nocontact.undoable_reach_out(self.vault) is not None
        self.reach_out.show_state(s, b, can_undo=undo)
        self._show_framing(s, b, sent)
        for section in (self.flagged, self.history):
            section.show_summary(s)

    def _show_framing(self, s: streaks.Summary, b: boundaries.Boundaries, sent: bool) -> None:
        """With a boundary the days are time for the user's own life; after the one message,
        the ring says so instead of "no direct contact"."""
        tr = self.tr
        if b.set:
            caption = tr("Time for your own life")
        elif sent:
            caption = tr("You reached out once and are giving space")
        else:
            caption = tr("No direct contact")
        self.ring_caption.setText(caption)
        if b.set:
            self.ring.setAccessibleName(
                tr("Day {days} of time for your own life").format(days=s.direct_days)
            )

    def kind_sentence(self, s: streaks.Summary) -> str:
        """A forward-looking word in the first week after a slip; never a verdict."""
        tr = self.tr
        if s.attempts_count > 1 and s.direct_days < 7:
            before = s.attempts[-2].days
            if before > 0:
                return tr(
                    "The {days} before this still count: what you learned in them comes with "
                    "you. The number starts again; your progress does not."
                ).format(days=self._days(before))
            return tr(
                "Starting again is part of the method, not a failure of it. Go gently today; "
                "one day at a time is enough."
            )
        period_start = s.attempts[0].start_date
        if s.social_start > period_start and s.social_days < 7:
            return tr(
                "Looking happens. It can help to notice what led you there. Your count of days "
                "without direct contact is untouched."
            )
        return ""

    # -- actions -----------------------------------------------------------------------------

    def _open(self, dialog: QDialog, on_accepted) -> QDialog:
        self._close_dialog()
        self.dialog = dialog
        dialog.accepted.connect(lambda: on_accepted(dialog))
        dialog.finished.connect(lambda _r: self._forget_dialog(dialog))
        dialog.open()
        return dialog

    def _forget_dialog(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def _close_dialog(self) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.reject()
        self.dialog = None

    # Each dialog writes through ops; the broadcast that follows refreshes this page, so what
    # runs once a dialog is accepted only does what a re-read cannot.

    def open_start_dialog(self) -> QDialog:
        return self._open(dialogs.StartDialog(self.ops, self.vault, self), lambda _d: None)

    def _while_counting(self, open_dialog) -> None:
        if self.summary is not None:  # else the page itself offers to start
            open_dialog()

    def open_contact_dialog(self) -> QDialog:
        return self._open(dialogs.ContactDialog(self.ops, self.vault, self), lambda _d: None)

    def open_urge_dialog(self) -> QDialog:
        return self._open(dialogs.UrgeDialog(self.ops, self.vault, self), self._after_urge)

    def open_correct_dialog(self, event: streaks.Event) -> QDialog:
        dialog = dialogs.CorrectDateDialog(self.ops, self.vault, event, self)
        return self._open(dialog, lambda _d: None)

    def open_end_dialog(self) -> QDialog | None:
        if self.summary is None:
            return None
        dialog = dialogs.EndPeriodDialog(self.ops, self.vault, self.summary, self)
        return self._open(dialog, self._after_end)

    def _after_urge(self, dialog: dialogs.UrgeDialog) -> None:
        if dialog.letter_entry_id is not None:
            self.entry_requested.emit(dialog.letter_entry_id)

    def _after_end(self, dialog: dialogs.EndPeriodDialog) -> None:
        self._farewell = self.tr(
            "Your last period is in your history, with a best of {days}. That is yours to keep."
        ).format(days=self._days(dialog.summary.best_direct))
        self._show_farewell()

    def confirm_reached_out(self) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Your one message"),
            self.tr(
                "Note that you sent your one message? Giving space starts from today. You can "
                "take this back for {n} days if it was a slip of the finger."
            ).format(n=CORRECTION_DAYS),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Yes, I sent it"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(self.log_reached_out)
        box.open()
        return box

    def log_reached_out(self) -> None:
        self._write(nocontact.log_event, streaks.REACHED_OUT)

    def undo_reached_out(self) -> None:
        self._write(nocontact.undo_reach_out)

    def save_boundaries(self, names: frozenset[str]) -> None:
        self._write(boundaries.answer, names)

    def _write(self, fn: Callable, *args: object) -> None:
        """A write from the page itself; the broadcast after it shows the result."""
        self.ops.mutate(fn, self.vault, *args, on_error=self._write_failed)

    def _write_failed(self, exc: ReconcileError) -> None:
        self.status.say(exc.sentence, problem=True)

    # -- small helpers -----------------------------------------------------------------------

    def _days_word(self, n: int) -> str:
        return self.tr("day") if n == 1 else self.tr("days")

    def _days(self, n: int) -> str:
        return days_text(self, n)

    def _set_value(self, key: str, text: str) -> None:
        label = self.values[key]
        label.setText(text)
        label.setAccessibleName(f"{label.property('field_name')}: {text}")

    def _paint(self) -> None:
        c = theme.colors(theme.is_dark(self))
        ratio = self.devicePixelRatioF()
        self.empty_icon.setPixmap(theme.svg_pixmap(SPACE, theme.accent(self), 56, ratio))
        self.kind_frame.setStyleSheet(
            f"QFrame#kind-line {{ background: {c['selected']}; border-radius: 8px; }}"
        )
