"""The Change plan page: goals on the left, the day's check-in at the top right, charts below.

Every write goes through self.ops; the window's broadcast then calls refresh(), which reads
everything again. All of it is forgotten on clear_sensitive().
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QAction, QColor, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core import summaries
from reconcile_desktop.core.changes import CHECKINS, EVERYTHING, PLANS, Changes
from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.ui.pages.base import STEPS, Page
from reconcile_desktop.ui.pages.plans.charts_panel import ChartsPanel
from reconcile_desktop.ui.pages.plans.checkin_list import (
    ID_ROLE,
    SUBTITLE_ROLE,
    CheckInList,
    TwoLineDelegate,
)
from reconcile_desktop.ui.pages.plans.goal_dialog import GoalDialog, principle_label, status_label
from reconcile_desktop.ui.pages.plans.slip_dialog import SlipFollowUpDialog
from reconcile_desktop.ui.pages.plans.strength_help import StrengthHelpButton
from reconcile_desktop.ui.pages.plans.week_grid import WeekGrid
from reconcile_desktop.ui.widgets import dates, theme
from reconcile_desktop.ui.widgets.columns import FoldingSplitter, TwoColumns

if TYPE_CHECKING:
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.plans.store import GoalData
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

LEFT_WIDTH = 230  # leaves the charts room for their legend in a 1024-pixel window
DAY_ROWS = 5  # rows of the day's list shown before it scrolls
CHARTS_MIN_HEIGHT = 260  # below this the charts would be unreadable strips: the page scrolls
NEW_GOAL_KEYS = "Ctrl+Shift+N"  # Ctrl+N is the journal's new entry


def _native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)


class ChangePlanPage(Page):
    key = "plan"
    title = "Change plan"
    icon_svg = STEPS
    areas = (PLANS, CHECKINS)

    def __init__(self, vault: Vault, clock: Clock, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(vault, clock, ops, parent)
        self.goal_dialog: GoalDialog | None = None
        self.slip_dialog: SlipFollowUpDialog | None = None
        self._goals: list[GoalData] = []
        self.stack = QStackedWidget()
        self.stack.addWidget(self._empty_state())
        self.stack.addWidget(self._content())
        self.stack.setCurrentIndex(1)
        # A short or narrow window scrolls the page rather than crushing the charts.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no empty Tab stop; it follows focus
        scroll.setWidget(self.stack)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

    # -- building --------------------------------------------------------------------------

    def _empty_state(self) -> QWidget:
        box = QWidget()
        self._empty_icon = QLabel()
        self._empty_icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heading = QLabel(self.tr("Your change plan"))
        heading.setFont(theme.heading_font(self.font(), 1.6))
        sentence = theme.MutedLabel(
            self.tr(
                "Writing down what you want to change, and the small steps that will get you "
                "there, makes the change more likely to happen and to last."
            )
        )
        sentence.setWordWrap(True)
        sentence.setAlignment(Qt.AlignmentFlag.AlignCenter)
        sentence.setMaximumWidth(480)
        sentence.setFont(theme.scaled_font(self.font(), 1.1))
        self.first_goal_button = QPushButton(self.tr("Write your first goal"))
        self.first_goal_button.setAccessibleName(self.tr("Write your first goal"))
        self.first_goal_button.clicked.connect(lambda: self.open_goal_dialog())
        col = QVBoxLayout(box)
        col.setContentsMargins(48, 48, 48, 48)
        col.addStretch(3)
        col.addWidget(self._empty_icon, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addSpacing(12)
        col.addWidget(heading, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addSpacing(6)
        row = QHBoxLayout()  # stretches, not an alignment flag: wrapped text gets its height
        row.addStretch(1)
        row.addWidget(sentence, 100)
        row.addStretch(1)
        col.addLayout(row)
        col.addSpacing(18)
        col.addWidget(self.first_goal_button, 0, Qt.AlignmentFlag.AlignHCenter)
        col.addStretch(4)
        self._paint_icon()
        return box

    def _content(self) -> QWidget:
        # Left: the goals and the chosen one's details.
        heading = QLabel(self.tr("Your goals"))
        heading.setFont(theme.heading_font(self.font(), 1.25))
        self.new_goal_button = QPushButton(self.tr("New goal"))
        self.new_goal_button.setAccessibleName(self.tr("New goal"))
        self.new_goal_button.setAccessibleDescription(
            self.tr("Write a new goal and its first steps")
        )
        self.new_goal_button.setToolTip(
            self.tr("Write a new goal ({keys})").format(keys=_native(NEW_GOAL_KEYS))
        )
        self.new_goal_button.clicked.connect(lambda: self.open_goal_dialog())
        self.new_goal_action = QAction(self.tr("New goal…"), self)
        self.new_goal_action.setShortcut(QKeySequence(NEW_GOAL_KEYS))
        self.new_goal_action.triggered.connect(lambda: self.open_goal_dialog())
        self.goals_list = QListWidget()
        self.goals_list.setAccessibleName(self.tr("Goals"))
        self.goals_list.setItemDelegate(TwoLineDelegate(self.goals_list))
        self.goals_list.currentRowChanged.connect(lambda _r: self._goal_chosen())
        self.show_archived = QCheckBox(self.tr("Show archived goals"))
        self.show_archived.setAccessibleName(self.tr("Show archived goals"))
        self.show_archived.toggled.connect(lambda _on: self._reload())
        self.strength_help = StrengthHelpButton()

        self.detail_title = QLabel()
        self.detail_title.setFont(theme.heading_font(self.font(), 1.1))
        self.detail_meta = theme.MutedLabel()
        self.why_label = QLabel()
        self.support_label = QLabel()
        self.help_note = QLabel(
            self.tr(
                "Stopping completely is hard to do alone, and you do not have to. A counsellor, "
                "your doctor or a support service can help, whether or not the relationship "
                "comes back."
            )
        )
        self.help_note.setObjectName("help-note")
        self.help_note.setContentsMargins(10, 8, 10, 8)
        self.help_note.setAutoFillBackground(True)
        self.commitments_label = QLabel()
        details = QWidget()
        d = QVBoxLayout(details)
        d.setContentsMargins(0, 4, 6, 4)
        d.setSpacing(6)
        for w, name in (
            (self.detail_title, self.tr("Goal")),
            (self.detail_meta, self.tr("Goal status")),
            (self.why_label, self.tr("Why this matters")),
            (self.support_label, self.tr("Support note")),
            (self.help_note, self.tr("About getting help")),
            (self.commitments_label, self.tr("Commitments")),
        ):
            w.setWordWrap(True)
            w.setAccessibleName(name)
            w.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            w.setTextFormat(Qt.TextFormat.PlainText)
            d.addWidget(w)
        d.addStretch(1)
        scroll = QScrollArea()
        scroll.setAccessibleName(self.tr("Goal details"))  # a Tab stop: the arrows scroll it
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(details)
        self.edit_button = QPushButton(self.tr("Edit goal…"))
        self.edit_button.setAccessibleName(self.tr("Edit this goal and its commitments"))
        self.edit_button.clicked.connect(lambda: self.open_goal_dialog(self.selected_goal()))
        self.pause_button = QPushButton(self.tr("Pause goal"))
        self.pause_button.setAccessibleName(self.tr("Pause goal"))
        self.pause_button.setToolTip(
            self.tr("While a goal is paused, its days count neither as kept nor as slipped.")
        )
        self.pause_button.clicked.connect(self.toggle_pause)
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.pause_button)
        buttons.addStretch(1)

        left = QWidget()
        left.setMinimumWidth(200)
        lcol = QVBoxLayout(left)
        lcol.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(heading, 1)
        top.addWidget(self.new_goal_button)
        lcol.addLayout(top)
        lcol.addWidget(self.goals_list, 2)
        # The explanation sits beside the strength figures above it, or under the box.
        help_row = QWidget()
        help_layout = QHBoxLayout(help_row)
        help_layout.setContentsMargins(0, 0, 0, 0)
        help_layout.addStretch(1)
        help_layout.addWidget(self.strength_help)
        lcol.addWidget(TwoColumns(self.show_archived, help_row, stretch=(0, 1), spacing=8))
        lcol.addWidget(scroll, 3)
        lcol.addLayout(buttons)

        # Right, top: the check-in, one day at a time or the last seven days in rows. The two
        # tabs are the heading (a QTabBar: arrow keys switch them, a reader says "tab").
        self.day_tabs = QTabBar()
        self.day_tabs.setAccessibleName(self.tr("Check in"))
        self.day_tabs.setAccessibleDescription(
            self.tr("One day with its notes, or the last seven days of every commitment")
        )
        self.day_tabs.setDrawBase(False)
        self.day_tabs.setUsesScrollButtons(False)  # both tabs whole, never behind arrows
        self.day_tabs.setExpanding(False)
        self.day_tabs.addTab(self.tr("One day"))
        self.day_tabs.addTab(self.tr("Last 7 days"))
        self.day_tabs.setTabToolTip(0, self.tr("Check in one day, with a note"))
        self.day_tabs.setTabToolTip(1, self.tr("See and mark the last seven days of each step"))
        self.day_tabs.setFont(theme.scaled_font(self.font(), 1.1, bold=True))
        self.prev_day = self._arrow(Qt.ArrowType.LeftArrow, self.tr("Previous day"), -1)
        self.next_day = self._arrow(Qt.ArrowType.RightArrow, self.tr("Next day"), 1)
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd " + dates.edit_format())
        self.date_edit.setAccessibleName(self.tr("Day to check in"))
        self.date_edit.setToolTip(self.tr("Days can be marked or corrected up to a week back."))
        self.date_edit.dateChanged.connect(lambda q: self.show_day(q.toPython()))
        self.today_button = QPushButton(self.tr("Today"))
        self.today_button.setAccessibleName(self.tr("Go to today"))
        self.today_button.clicked.connect(lambda: self.show_day(self.clock.today()))
        self.checkin = CheckInList(self.vault, self.clock, self.ops, steps_days=True)
        self.checkin.slipped.connect(self.open_slip_dialog)
        self.checkin.day_step.connect(self._step_day)
        self.week = WeekGrid(self.vault, self.clock, self.ops)
        self.week.slipped.connect(self.open_slip_dialog)
        self.week.open_day.connect(self.open_day_of_week)
        # The day's own row under the tabs, not beside them: both fit a narrow window.
        one_day = QWidget()
        one_col = QVBoxLayout(one_day)
        one_col.setContentsMargins(0, 0, 0, 0)
        day_row = QHBoxLayout()
        for w in (self.prev_day, self.date_edit, self.next_day, self.today_button):
            day_row.addWidget(w)
        day_row.addStretch(1)
        one_col.addLayout(day_row)
        one_col.addWidget(self.checkin, 1)
        self.day_views = QStackedWidget()
        self.day_views.addWidget(one_day)
        self.day_views.addWidget(self.week)
        self.day_tabs.currentChanged.connect(self._day_tab_changed)
        day_box = QWidget()
        dcol = QVBoxLayout(day_box)
        dcol.setContentsMargins(0, 0, 0, 6)
        dcol.addWidget(self.day_tabs, 0, Qt.AlignmentFlag.AlignLeft)
        dcol.addWidget(self.day_views, 1)

        # Right, below: the charts. Both splits can be dragged; until then the day's part
        # is sized to its rows and the charts get the rest.
        self.charts = ChartsPanel(self.vault, self.clock)
        self.charts.day_clicked.connect(self.show_day)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(day_box)
        self.split.addWidget(self.charts)
        self.split.setStretchFactor(1, 1)
        self.split.splitterMoved.connect(lambda *_: setattr(self, "_sized_by_user", True))
        self._sized_by_user = False
        self.charts.setMinimumHeight(CHARTS_MIN_HEIGHT)
        # Every chart's tab stays in sight: the page folds before the tabs would scroll away.
        self.charts.tabs.setUsesScrollButtons(False)
        # A narrow window puts the goals above the day and the charts.
        sides = FoldingSplitter()
        sides.setChildrenCollapsible(False)
        sides.setHandleWidth(14)
        sides.addWidget(left)
        sides.addWidget(self.split)
        sides.setStretchFactor(1, 1)
        sides.setSizes([LEFT_WIDTH, 10 * LEFT_WIDTH])

        content = QWidget()
        row = QHBoxLayout(content)
        row.setContentsMargins(16, 14, 16, 12)
        row.addWidget(sides)
        self._paint_help()
        return content

    def _arrow(self, arrow: Qt.ArrowType, name: str, step: int) -> QToolButton:
        b = QToolButton()
        b.setArrowType(arrow)
        b.setAccessibleName(name)
        b.setToolTip(name)
        b.clicked.connect(lambda: self.show_day(self.shown_day() + dt.timedelta(days=step)))
        return b

    # -- the Page interface ----------------------------------------------------------------

    def refresh(self, changes: Changes = EVERYTHING) -> None:
        super().refresh(changes)
        self._reload()

    def save_pending(self) -> bool:
        return self.checkin.save_pending()

    def menu_title(self) -> str:
        return self.tr("&Plan")

    def menu_actions(self) -> list[QAction]:
        return [self.new_goal_action]

    def clear_sensitive(self) -> None:
        for dialog in (self.goal_dialog, self.slip_dialog):
            if dialog is not None:
                dialog.reject()  # its text goes with it
        self._goals = []
        self.goals_list.clear()
        for label in (self.detail_title, self.detail_meta, self.why_label, self.support_label):
            label.clear()
        self.commitments_label.clear()
        self.help_note.hide()
        self.checkin.clear()
        self.week.clear()
        self.charts.clear()
        self.stack.setCurrentIndex(1)
        super().clear_sensitive()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_day()

    # -- loading ---------------------------------------------------------------------------

    def _reload(self) -> None:
        """Read everything again."""
        if not self.loaded:
            return
        today = self.clock.today()
        keep = self.selected_goal_id()
        every = plans.goals(self.vault, include_archived=True)
        shown = (
            every
            if self.show_archived.isChecked()
            else [g for g in every if g.status != "archived"]
        )
        self._goals = shown
        self.stack.setCurrentIndex(1 if every else 0)
        histories = plans.histories_for(self.vault)
        commitments = plans.commitments(self.vault, include_archived=True)

        self.goals_list.blockSignals(True)
        self.goals_list.clear()
        everything = QListWidgetItem(self.tr("All goals"))
        everything.setData(SUBTITLE_ROLE, self.tr("Everything together"))
        everything.setData(ID_ROLE, None)
        self.goals_list.addItem(everything)
        numbers = {
            s.goal.id: s for s in summaries.goal_summaries(self.vault, include_archived=True)
        }
        for g in shown:
            item = QListWidgetItem(g.title)
            subtitle = self._goal_line(numbers[g.id])
            item.setData(SUBTITLE_ROLE, subtitle)
            item.setData(ID_ROLE, g.id)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{g.title}, {subtitle}")
            self.goals_list.addItem(item)
        ids = [None, *(g.id for g in shown)]
        self.goals_list.setCurrentRow(ids.index(keep) if keep in ids else 0)
        self.goals_list.blockSignals(False)

        earliest = min((h.start for h in histories), default=today)
        low = min(earliest, today - dt.timedelta(days=plans.CORRECTION_DAYS))
        self.date_edit.blockSignals(True)
        self.date_edit.setDateRange(QDate(low), QDate(today))
        self.date_edit.blockSignals(False)
        self.show_day(min(max(self.shown_day(), low), today))
        self.week.reload()
        self._goal_chosen(every, commitments, histories)

    def _goal_line(self, g: summaries.GoalSummary) -> str:
        """The goal's subtitle, from core's read model (the same numbers as `progress`)."""
        # Computed in core, so `reconcile progress` says the same words (and, for a goal
        # that must stop, plain slip counts: never a score).
        parts = [status_label(self, g.goal.status), g.note]
        return " · ".join(parts)

    # -- goals -----------------------------------------------------------------------------

    def selected_goal_id(self) -> int | None:
        item = self.goals_list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def selected_goal(self) -> GoalData | None:
        gid = self.selected_goal_id()
        return next((g for g in self._goals if g.id == gid), None)

    def select_goal(self, goal_id: int | None) -> None:
        for row in range(self.goals_list.count()):
            if self.goals_list.item(row).data(ID_ROLE) == goal_id:
                self.goals_list.setCurrentRow(row)
                return

    def _goal_chosen(self, goals=None, commitments=None, histories=None) -> None:
        goal = self.selected_goal()
        self._show_details(goal)
        self.charts.show_goal(goal, goals=goals, commitments=commitments, histories=histories)

    def _show_details(self, goal: GoalData | None) -> None:
        self.edit_button.setVisible(goal is not None)
        self.pause_button.setVisible(goal is not None and goal.status in ("active", "paused"))
        self.help_note.setVisible(bool(goal and goal.must_stop))
        if goal is None:
            self.detail_title.setText(self.tr("All goals together"))
            self.detail_meta.setText(
                self.tr("The charts add up your goals. Choose one to see it on its own.")
            )
            for label in (self.why_label, self.support_label, self.commitments_label):
                label.hide()
            return
        meta = [status_label(self, goal.status)]
        start = goal.start_date
        meta.append(self.tr("since {day}").format(day=dates.short_date(start)))
        if goal.principle:
            meta.append(principle_label(self, goal.principle))
        if goal.must_stop:
            meta.append(self.tr("must stop completely"))
        self.detail_title.setText(goal.title)
        self.detail_meta.setText(" · ".join(meta))
        self.why_label.setText(
            self.tr("Why this matters:\n{why}").format(why=goal.why) if goal.why else ""
        )
        self.why_label.setVisible(bool(goal.why))
        note = goal.support_note
        support = self.tr("Your support:\n{note}").format(note=note) if note else ""
        self.support_label.setText(support)
        self.support_label.setVisible(bool(note))
        lines = [
            f"• {c.action} ({plans.describe_schedule(c.schedule)})"
            for c in plans.commitments(self.vault, goal.id)
        ]
        self.commitments_label.setText(
            self.tr("Commitments:\n{lines}").format(lines="\n".join(lines))
            if lines
            else self.tr("No commitments yet. Edit the goal to add a small first step.")
        )
        self.commitments_label.show()
        self.pause_button.setText(
            self.tr("Resume goal") if goal.status == "paused" else self.tr("Pause goal")
        )
        self.pause_button.setAccessibleName(self.pause_button.text())

    def toggle_pause(self) -> None:
        goal = self.selected_goal()
        if goal is None:
            return
        self.pause_button.setEnabled(False)

        def failed(exc: ReconcileError) -> None:
            self.pause_button.setEnabled(True)
            self.checkin.error.say(exc.sentence, problem=True)

        self.ops.mutate(
            plans.set_goal_status,
            self.vault,
            goal.id,
            "active" if goal.status == "paused" else "paused",
            on_done=lambda _goal: self.pause_button.setEnabled(True),
            on_error=failed,
        )

    def open_goal_dialog(self, goal: GoalData | None = None) -> GoalDialog:
        dialog = GoalDialog(self.vault, self.ops, goal, self)
        dialog.saved.connect(self._goal_saved)
        return self._open("goal_dialog", dialog)

    def _open(self, attr: str, dialog):
        """Window-modal, not blocking (auto-lock can close it); forgotten once closed."""
        old = getattr(self, attr)
        if old is not None:
            old.reject()

        def closed(_result: int) -> None:
            if getattr(self, attr) is dialog:
                setattr(self, attr, None)
            dialog.deleteLater()

        dialog.finished.connect(closed)
        setattr(self, attr, dialog)
        dialog.open()
        return dialog

    def _goal_saved(self, goal_id: int) -> None:
        self.select_goal(goal_id)  # the broadcast has already read it in

    # -- the day ---------------------------------------------------------------------------

    def shown_day(self) -> dt.date:
        return self.checkin.day or self.clock.today()

    def show_day(self, day: dt.date) -> None:
        """Any past day; those more than a week back are shown read-only."""
        today = self.clock.today()
        day = min(day, today)
        if day < self.date_edit.minimumDate().toPython():
            self.date_edit.setMinimumDate(QDate(day))
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(day))
        self.date_edit.blockSignals(False)
        self.checkin.set_day(day)
        self.prev_day.setEnabled(day > self.date_edit.minimumDate().toPython())
        self.next_day.setEnabled(day < today)
        self.today_button.setEnabled(day != today)
        self._fit_day()

    def _step_day(self, step: int) -> None:
        """Left or Right in the day's list: the day before or after, within the picker's range."""
        day = self.shown_day() + dt.timedelta(days=step)
        if self.date_edit.minimumDate().toPython() <= day <= self.clock.today():
            self.show_day(day)

    def show_week(self) -> None:
        """The last seven days in rows, on the cell of the day and step shown until now."""
        self.day_tabs.setCurrentIndex(1)

    def open_day_of_week(self, commitment_id: int, day: dt.date) -> None:
        """From a cell of the week to that day's list, on that step (to add a note)."""
        self.day_tabs.setCurrentIndex(0)
        self.show_day(day)
        ids = [i.commitment.id for i in self.checkin.items]
        if commitment_id in ids:
            self.checkin.view.setCurrentRow(ids.index(commitment_id))
        self.checkin.view.setFocus()

    def _day_tab_changed(self, index: int) -> None:
        week = index == 1
        self.day_views.setCurrentIndex(index)
        if week:
            cid = self.checkin.current_commitment_id()
            if cid is not None:
                self.week.select(cid, self.shown_day())  # else the cell stays where it was
        else:
            key = self.week.current_key()
            if key is not None:
                self.show_day(key[1])
                ids = [i.commitment.id for i in self.checkin.items]
                if key[0] in ids:
                    self.checkin.view.setCurrentRow(ids.index(key[0]))

    def _fit_day(self) -> None:
        total = sum(self.split.sizes())
        if self._sized_by_user or total <= 0:
            return
        view = self.checkin.view
        rows = min(max(view.count(), 1), DAY_ROWS)
        row = view.sizeHintForRow(0) if view.count() else view.fontMetrics().height() * 2 + 14
        lists = rows * row + 2 * view.frameWidth()
        want = self.split.widget(0).sizeHint().height() - view.sizeHint().height() + lists
        self.split.setSizes([want, max(total - want, 0)])

    def open_slip_dialog(self, commitment_id: int, day: dt.date) -> SlipFollowUpDialog:
        """The follow-up after a new slip: the same dialog, built the same way, as Today's."""
        return self._open(
            "slip_dialog", SlipFollowUpDialog(self.vault, self.ops, commitment_id, day, self)
        )

    # -- colours ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "help_note"):
            self._paint_icon()
            self._paint_help()

    def _paint_icon(self) -> None:
        ratio = self.devicePixelRatioF()
        self._empty_icon.setPixmap(theme.svg_pixmap(STEPS, theme.accent(self), 56, ratio))

    def _paint_help(self) -> None:
        c = theme.colors(theme.is_dark(self))
        pal = self.help_note.palette()
        pal.setColor(self.help_note.backgroundRole(), QColor(c["warn_bg"]))
        pal.setColor(self.help_note.foregroundRole(), QColor(c["warn_text"]))
        self.help_note.setPalette(pal)
