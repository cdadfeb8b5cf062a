"""Create or edit a goal and its commitments.

Everything is written when the dialog is accepted, through the page's ops, by one core call
(plans.save_goal) that saves all of it or nothing: the dialog closes once it is saved and, on a
problem, says so and stays open with everything typed. A changed schedule goes through
plans.change_schedule, so it applies from today and past days keep the schedule they had;
archiving a commitment stops it from today and keeps its history.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.core.plans.progress import Schedule
from reconcile_desktop.core.storage.models import GOAL_STATUSES, PRINCIPLES
from reconcile_desktop.ui.widgets import dates, theme
from reconcile_desktop.ui.widgets.fit_content import keep_fitted

if TYPE_CHECKING:
    from reconcile_desktop.core.plans.store import CommitmentData, GoalData
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

KINDS = ("daily", "weekdays", "per_week")


def status_label(w: QWidget, status: str) -> str:
    return {
        "active": w.tr("Active"),
        "paused": w.tr("Paused"),
        "achieved": w.tr("Achieved"),
        "archived": w.tr("Archived"),
    }[status]


def principle_label(w: QWidget, principle: str) -> str:
    return {
        "accountability": w.tr("Accountability"),
        "empathy": w.tr("Empathy"),
        "change": w.tr("Change"),
        "patience": w.tr("Patience"),
    }[principle]


class CommitmentEditor(QFrame):
    """One commitment: what to do and when. Existing ones can be archived, new ones removed."""

    remove_requested = Signal(object)

    def __init__(self, commitment: CommitmentData | None = None, parent=None) -> None:
        super().__init__(parent)
        self.commitment = commitment
        self.archived = False
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.action = QLineEdit(commitment.action if commitment else "")
        self.action.setPlaceholderText(self.tr("A small, concrete step, e.g. a walk after dinner"))
        self.action.setAccessibleName(self.tr("What you will do"))
        self.action.setMaxLength(300)
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("How often"))
        for label in (self.tr("Every day"), self.tr("On chosen days"), self.tr("Some days a week")):
            self.kind.addItem(label)
        names = [
            self.tr("Mon"), self.tr("Tue"), self.tr("Wed"), self.tr("Thu"),
            self.tr("Fri"), self.tr("Sat"), self.tr("Sun"),
        ]  # fmt: skip
        full = [
            self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"), self.tr("Thursday"),
            self.tr("Friday"), self.tr("Saturday"), self.tr("Sunday"),
        ]  # fmt: skip
        self.day_boxes = []
        for short, long in zip(names, full, strict=True):
            box = QCheckBox(short)
            box.setAccessibleName(long)
            self.day_boxes.append(box)
        self.per_week = QSpinBox()
        self.per_week.setRange(1, 7)
        self.per_week.valueChanged.connect(self._per_week_words)
        self.per_week.setValue(3)
        self.per_week.setAccessibleName(self.tr("Times a week"))
        self.remove_button = QPushButton(self.tr("Archive") if commitment else self.tr("Remove"))
        self.remove_button.setAccessibleName(
            self.tr("Archive this commitment") if commitment else self.tr("Remove this commitment")
        )
        self.remove_button.setToolTip(
            self.tr("Stops it from today on. Its history stays in your charts.")
            if commitment
            else self.tr("Remove this new commitment")
        )
        self.remove_button.clicked.connect(self._remove_clicked)
        self.archived_note = theme.MutedLabel(
            self.tr("Will be archived when you save. Its history stays.")
        )
        self.archived_note.hide()

        top = QHBoxLayout()
        top.addWidget(self.action, 1)
        top.addWidget(self.remove_button)
        when = QHBoxLayout()
        when.setSpacing(6)
        when.addWidget(self.kind)
        for box in self.day_boxes:
            when.addWidget(box)
        when.addWidget(self.per_week)
        when.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.addLayout(top)
        layout.addLayout(when)
        layout.addWidget(self.archived_note)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        if commitment is not None:
            self.set_schedule(commitment.schedule)
        self._kind_changed()

    def _per_week_words(self, n: int) -> None:
        self.per_week.setSuffix(self.tr(" time a week") if n == 1 else self.tr(" times a week"))

    def set_schedule(self, s: Schedule) -> None:
        self.kind.setCurrentIndex(KINDS.index(s.kind))
        for d, box in enumerate(self.day_boxes):
            box.setChecked(d in s.weekdays)
        if s.per_week:
            self.per_week.setValue(s.per_week)
        self._kind_changed()

    def _kind_changed(self) -> None:
        kind = KINDS[self.kind.currentIndex()]
        for box in self.day_boxes:
            box.setVisible(kind == "weekdays")
        self.per_week.setVisible(kind == "per_week")

    def schedule(self, valid_from: dt.date) -> Schedule:
        kind = KINDS[self.kind.currentIndex()]
        days = frozenset(d for d, b in enumerate(self.day_boxes) if b.isChecked())
        if kind == "weekdays":
            return Schedule(valid_from, kind, days, 0)
        if kind == "per_week":
            return Schedule(valid_from, kind, frozenset(), self.per_week.value())
        return Schedule(valid_from, kind)

    def schedule_changed(self) -> bool:
        if self.commitment is None:
            return True
        old, new = self.commitment.schedule, self.schedule(self.commitment.schedule.valid_from)
        return (old.kind, old.weekdays, old.per_week) != (new.kind, new.weekdays, new.per_week)

    def is_blank(self) -> bool:
        return self.commitment is None and not self.action.text().strip()

    def problem(self) -> str | None:
        if self.archived or self.is_blank():
            return None
        if not self.action.text().strip():
            return self.tr("Each commitment needs a few words saying what you will do.")
        if KINDS[self.kind.currentIndex()] == "weekdays" and not any(
            b.isChecked() for b in self.day_boxes
        ):
            return self.tr("Choose at least one day for “{action}”.").format(
                action=self.action.text().strip()
            )
        return None

    def _remove_clicked(self) -> None:
        if self.commitment is None:
            self.remove_requested.emit(self)
            return
        self.archived = not self.archived
        self.archived_note.setVisible(self.archived)
        self.remove_button.setText(self.tr("Keep") if self.archived else self.tr("Archive"))
        for w in (self.action, self.kind, self.per_week, *self.day_boxes):
            w.setEnabled(not self.archived)

    def focus_chain(self) -> list[QWidget]:
        return [self.action, self.remove_button, self.kind, *self.day_boxes, self.per_week]


class GoalDialog(QDialog):
    """Open with open(). accept() saves; on a problem it says so and stays open."""

    saved = Signal(int)  # the goal's id

    def __init__(
        self,
        vault: Vault,
        ops: Ops,
        goal: GoalData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        keep_fitted(self)  # an error shown later grows the dialog, never squeezes it
        self.vault, self.ops = vault, ops
        self.goal = goal
        self.editors: list[CommitmentEditor] = []
        self.setWindowTitle(self.tr("Edit goal") if goal else self.tr("New goal"))
        self.setMinimumWidth(580)
        self.resize(640, 680)
        today = vault.clock.today()

        self.title_field = QLineEdit(goal.title if goal else "")
        self.title_field.setPlaceholderText(self.tr("What you want to change"))
        self.title_field.setMaxLength(200)
        self.why = self._text_box(goal.why if goal else "", 4)
        self.why.setPlaceholderText(
            self.tr("What happened, your own part in it, and why changing it matters to you")
        )
        self.principle = QComboBox()
        self.principle.addItem(self.tr("None"), None)
        for p in PRINCIPLES:
            self.principle.addItem(principle_label(self, p), p)
        if goal and goal.principle:
            self.principle.setCurrentIndex(self.principle.findData(goal.principle))
        self.start = QDateEdit()
        self.start.setCalendarPopup(True)
        self.start.setDisplayFormat(dates.edit_format())
        self.start.setDate(QDate(goal.start_date if goal else today))
        self.status_box = QComboBox()
        for s in GOAL_STATUSES:
            self.status_box.addItem(status_label(self, s), s)
        self.status_box.setCurrentIndex(GOAL_STATUSES.index(goal.status if goal else "active"))
        self.status_box.setToolTip(
            self.tr("While a goal is paused, its days count neither as kept nor as slipped.")
        )
        self.support = self._text_box(goal.support_note if goal else "", 3)
        self.support.setPlaceholderText(
            self.tr("Who or what helps you with this: a friend, a group, a counsellor, a number")
        )
        self.must_stop = QCheckBox(self.tr("This has to stop completely"))
        self.must_stop.setChecked(bool(goal and goal.must_stop))
        must_stop_note = theme.MutedLabel(
            self.tr(
                "Some things are not for cutting down bit by bit, such as anything that hurts or "
                "frightens someone. For these the plan shows every slip plainly and never counts "
                "“less” as success. Reaching out to a professional for help is a brave step."
            )
        )
        must_stop_note.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field, name in (
            (self.tr("&Goal"), self.title_field, self.tr("Goal title")),
            (self.tr("&Why this matters /\nwhat I did"), self.why, self.tr("Why this matters")),
            (self.tr("&Principle"), self.principle, self.tr("Principle")),
            (self.tr("&Start date"), self.start, self.tr("Start date")),
            (self.tr("S&tatus"), self.status_box, self.tr("Status")),
            (self.tr("Supp&ort note"), self.support, self.tr("Support note")),
        ):
            field.setAccessibleName(name)
            caption = QLabel(label)
            caption.setBuddy(field)
            form.addRow(caption, field)
        self.must_stop.setAccessibleName(self.tr("This has to stop completely"))
        form.addRow(self.must_stop)
        form.addRow(must_stop_note)

        heading = QLabel(self.tr("Commitments"))
        heading.setFont(theme.heading_font(self.font(), 1.1))
        hint = theme.MutedLabel(
            self.tr(
                "Small, concrete steps. A schedule can change later: the new one applies from "
                "today and past days keep theirs."
            )
        )
        hint.setWordWrap(True)
        self._editor_box = QVBoxLayout()
        self._editor_box.setSpacing(8)
        self.add_button = QPushButton(self.tr("Add a commitment"))
        self.add_button.setAccessibleName(self.tr("Add a commitment"))
        self.add_button.clicked.connect(lambda: self.add_commitment().action.setFocus())

        inner = QWidget()
        body = QVBoxLayout(inner)
        body.setContentsMargins(20, 18, 20, 8)
        body.addLayout(form)
        body.addSpacing(8)
        body.addWidget(heading)
        body.addWidget(hint)
        body.addLayout(self._editor_box)
        body.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no empty Tab stop; it follows focus
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(inner)

        self.status = theme.StatusLabel(self.tr("Problem saving the goal"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 14)
        outer.addWidget(scroll, 1)
        foot = QVBoxLayout()
        foot.setContentsMargins(20, 0, 20, 0)
        foot.addWidget(self.status)
        foot.addWidget(self.buttons)
        outer.addLayout(foot)

        existing = plans.commitments(vault, goal.id) if goal else []
        for c in existing:
            self.add_commitment(c)
        if not existing:
            self.add_commitment()
        self.title_field.setFocus()

    def _text_box(self, text: str, lines: int) -> QPlainTextEdit:
        box = QPlainTextEdit(text)
        box.setTabChangesFocus(True)
        box.setFixedHeight(self.fontMetrics().lineSpacing() * lines + 14)
        return box

    def add_commitment(self, commitment: CommitmentData | None = None) -> CommitmentEditor:
        editor = CommitmentEditor(commitment, self)
        editor.remove_requested.connect(self._remove_editor)
        self.editors.append(editor)
        self._editor_box.addWidget(editor)
        self._chain_tabs()
        return editor

    def _remove_editor(self, editor: CommitmentEditor) -> None:
        self.editors.remove(editor)
        self._editor_box.removeWidget(editor)
        editor.deleteLater()
        self._chain_tabs()

    def _chain_tabs(self) -> None:
        chain: list[QWidget] = [
            self.title_field,
            self.why,
            self.principle,
            self.start,
            self.status_box,
            self.support,
            self.must_stop,
        ]
        for editor in self.editors:
            chain += editor.focus_chain()
        chain += [self.add_button, *self.buttons.buttons()]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    # -- saving ----------------------------------------------------------------------------

    def problem(self) -> str | None:
        if not self.title_field.text().strip():
            return self.tr("Please give the goal a short title.")
        return next((p for e in self.editors if (p := e.problem())), None)

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.status.say(problem, problem=True)
            return
        self.buttons.setEnabled(False)
        self.status.say("")
        self.ops.mutate(
            plans.save_goal,
            self.vault,
            self.goal.id if self.goal else None,
            self._fields(),
            self.status_box.currentData(),
            self._edits(),
            on_done=self._saved,
            on_error=self._failed,
        )

    def _saved(self, goal: GoalData) -> None:
        if not isValid(self) or not self.isVisible():  # closed by a lock while saving
            return
        self.goal = goal
        self.buttons.setEnabled(True)
        self.saved.emit(goal.id)
        super().accept()

    def _failed(self, exc: ReconcileError) -> None:
        if not isValid(self) or not self.isVisible():
            return
        self.buttons.setEnabled(True)  # nothing was saved; everything typed is still here
        self.status.say(exc.sentence, problem=True)

    def _fields(self) -> dict:
        return {
            "title": self.title_field.text().strip(),
            "why": self.why.toPlainText().strip(),
            "principle": self.principle.currentData(),
            "start_date": self.start.date().toPython(),
            "support_note": self.support.toPlainText().strip(),
            "must_stop": self.must_stop.isChecked(),
        }

    def _edits(self) -> list[plans.CommitmentEdit]:
        today = self.vault.clock.today()
        edits = []
        for e in self.editors:
            c, action = e.commitment, e.action.text().strip()
            if e.is_blank():
                continue
            if c is None:
                edits.append(plans.CommitmentEdit(None, action, e.schedule(today)))
            elif e.archived:
                edits.append(plans.CommitmentEdit(c.id, archived=True))
            else:
                changed = e.schedule(today) if e.schedule_changed() else None
                edits.append(
                    plans.CommitmentEdit(c.id, action if action != c.action else None, changed)
                )
        return edits
