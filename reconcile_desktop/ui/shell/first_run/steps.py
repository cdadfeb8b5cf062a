"""The guide's four steps. Each step that writes does so through the window's ops, with the
same core functions as the rest of the app (core.nocontact, core.plans), so every page hears
of it; it says so inline when it cannot."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.changes import changes_of
from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.core.storage.models import PRINCIPLES
from reconcile_desktop.ui.widgets import theme

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops

# apply()'s answer: True moves the guide on, False keeps it on the step (a problem is shown).
Settled = Callable[[bool], None]

DEFAULT_TARGET_DAYS = 45
SCHEDULES = ("daily", "mon,tue,wed,thu,fri", "3/week")


def _text(words: str) -> QLabel:
    label = QLabel(words)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class Step(QWidget):
    """heading, next_label() and apply(); `changed` asks the guide to relabel its buttons."""

    changed = Signal()

    def __init__(self, ops: Ops, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.vault = vault
        self.heading = ""
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(12)
        self.status = theme.StatusLabel(self.tr("Step status"))

    def next_label(self) -> str:
        return self.tr("Next")

    def apply(self, settled: Settled) -> None:
        """Do what the step asks (if anything), then answer settled(True) to move on or
        settled(False) to stay; a write answers once it has landed."""
        settled(True)

    def _failed(self, settled: Settled) -> Callable[[ReconcileError], None]:
        def failed(exc: ReconcileError) -> None:
            self.status.say(exc.sentence, problem=True)
            settled(False)

        return failed

    def refresh(self) -> None:
        """Look at the vault again (the guide may be reopened after things changed)."""

    def focus_widget(self) -> QWidget | None:
        """Where typing should start on this step (None: the guide's Next button)."""
        return None


class PrinciplesStep(Step):
    def __init__(self, ops: Ops, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(ops, vault, parent)
        self.heading = self.tr("Welcome")
        self.column.addWidget(
            _text(
                self.tr(
                    "Reconcile is a private place to work on yourself and to look after your own "
                    "life, whatever happens between the two of you. Four ideas run through "
                    "everything here:"
                )
            )
        )
        for name, words in (
            (
                self.tr("Accountability"),
                self.tr(
                    "Name your own part in what went wrong, plainly and without excuses. If "
                    "you are not sure yet, it is fine to ask, and then to listen."
                ),
            ),
            (
                self.tr("Empathy"),
                self.tr(
                    "Try to see the ending from their side and care about what it cost them. "
                    "Understanding does more than defending."
                ),
            ),
            (
                self.tr("Change"),
                self.tr(
                    "Real change comes as small, steady steps rather than promises. A slip is "
                    "part of it: you simply start again."
                ),
            ),
            (
                self.tr("Patience"),
                self.tr(
                    "No pressure and no deadlines for them. Keep doing the right things for "
                    "longer than feels comfortable, and let the outcome stay open."
                ),
            ),
        ):
            title = QLabel(name)
            title.setFont(theme.scaled_font(self.font(), 1.05, bold=True))
            block = QVBoxLayout()
            block.setSpacing(2)
            block.addWidget(title)
            block.addWidget(_text(words))
            self.column.addLayout(block)
        self.column.addStretch(1)


class NoContactStep(Step):
    def __init__(self, ops: Ops, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(ops, vault, parent)
        self.heading = self.tr("A time of no contact")
        self.column.addWidget(
            _text(
                self.tr(
                    "Many people begin with a stretch of no contact, often 30 to 60 days: no "
                    "calls, messages or mail, and no looking at their social media. It is time "
                    "for your own grief and clarity, not a tactic. If you slip, the count starts "
                    "again; your effort does not."
                )
            )
        )
        self.start = QRadioButton(self.tr("&Start counting today, aiming for"))
        self.days = QSpinBox()
        self.days.setRange(1, 3650)
        self.days.setValue(DEFAULT_TARGET_DAYS)
        self.days.setSuffix(self.tr(" days"))
        self.days.setAccessibleName(self.tr("Days of no contact to aim for"))
        self.later = QRadioButton(self.tr("&Not now"))
        self.later.setChecked(True)
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.start)
        self.choice.addButton(self.later)
        self.choice.buttonToggled.connect(lambda *_a: self.changed.emit())
        self.days.valueChanged.connect(lambda _v: self.start.setChecked(True))
        row = QHBoxLayout()
        row.addWidget(self.start)
        row.addWidget(self.days)
        row.addStretch(1)
        self.choices = QWidget()
        box = QVBoxLayout(self.choices)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.later)
        self.column.addWidget(self.choices)
        self.column.addWidget(self.status)
        self.column.addStretch(1)
        self.period: nocontact.PeriodData | None = None

    def refresh(self) -> None:
        try:
            self._show(nocontact.current_period(self.vault))
        except ReconcileError as exc:
            self.status.say(exc.sentence, problem=True)

    def _show(self, period: nocontact.PeriodData | None) -> None:
        self.period = period
        self.choices.setVisible(self.period is None)
        if self.period is not None:
            self.status.say(
                self.tr(
                    "You are counting days of no contact, aiming for {n}. One day at a time."
                ).format(n=self.period.target_days)
            )

    def next_label(self) -> str:
        if self.period is None and self.start.isChecked():
            return self.tr("Start and continue")
        return self.tr("Next")

    def apply(self, settled: Settled) -> None:
        if self.period is not None or not self.start.isChecked():
            settled(True)
            return

        def started(period: nocontact.PeriodData) -> None:
            self._show(period)
            self.changed.emit()
            settled(True)

        self.ops.mutate(
            nocontact.start_period,
            self.vault,
            target_days=self.days.value(),
            on_done=started,
            on_error=self._failed(settled),
        )


class GoalStep(Step):
    def __init__(self, ops: Ops, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(ops, vault, parent)
        self.heading = self.tr("Your first change goal")
        self.column.addWidget(
            _text(
                self.tr(
                    "A written plan makes change more likely, and easier to believe. Choose one "
                    "thing you want to change, and one small, concrete step you can take for it. "
                    "You can leave this empty and do it later on the Change plan page."
                )
            )
        )
        self.goal = QLineEdit()
        self.goal.setPlaceholderText(self.tr("For example: stay calm when I feel criticised"))
        self.goal.setAccessibleName(self.tr("What you want to change"))
        self.principle = QComboBox()
        self.principle.setAccessibleName(self.tr("The principle it serves"))
        self.principle.addItem(self.tr("None in particular"), None)
        names = {
            "accountability": self.tr("Accountability"),
            "empathy": self.tr("Empathy"),
            "change": self.tr("Change"),
            "patience": self.tr("Patience"),
        }
        for key in PRINCIPLES:
            self.principle.addItem(names.get(key, key.capitalize()), key)
        self.action = QLineEdit()
        self.action.setPlaceholderText(self.tr("For example: ten slow breaths before I answer"))
        self.action.setAccessibleName(self.tr("One small step"))
        self.schedule = QComboBox()
        self.schedule.setAccessibleName(self.tr("How often"))
        for key, label in zip(
            SCHEDULES,
            (self.tr("Every day"), self.tr("On weekdays"), self.tr("Three times a week")),
            strict=True,
        ):
            self.schedule.addItem(label, key)
        self.form = QWidget()
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("&What I want to change"), self.goal)
        form.addRow(self.tr("&Principle"), self.principle)
        form.addRow(self.tr("One small &step"), self.action)
        form.addRow(self.tr("How &often"), self.schedule)
        self.column.addWidget(self.form)
        self.column.addWidget(self.status)
        self.column.addStretch(1)
        self.saved: plans.GoalData | None = None
        self._goal_id: int | None = None  # saved, while its step could not be (yet)
        self.goal.textChanged.connect(lambda _t: self.changed.emit())
        self.action.textChanged.connect(lambda _t: self.changed.emit())

    def _filled(self) -> bool:
        return bool(self.goal.text().strip() or self.action.text().strip())

    def focus_widget(self) -> QWidget | None:
        return self.goal if self.goal.isVisibleTo(self) else None

    def next_label(self) -> str:
        if self.saved is None and self._filled():
            return self.tr("Save and continue")
        return self.tr("Next")

    def apply(self, settled: Settled) -> None:
        if self.saved is not None or not self._filled():
            settled(True)
            return
        title, action = self.goal.text().strip(), self.action.text().strip()
        if not title or not action:
            self.status.say(
                self.tr("Please write both the goal and one small step for it."), problem=True
            )
            (self.action if title else self.goal).setFocus()
            settled(False)
            return
        principle, schedule = self.principle.currentData(), self.schedule.currentData()
        goal_id = self._goal_id
        made: dict[str, plans.GoalData] = {}

        def work() -> plans.GoalData:  # on the runner: only the values read above
            if goal_id is not None:
                goal = plans.get_goal(self.vault, goal_id)
            else:
                goal = made["goal"] = plans.add_goal(self.vault, title, principle=principle)
            plans.add_commitment(self.vault, goal.id, action, schedule)
            return goal

        def saved(goal: plans.GoalData) -> None:
            self.saved = goal
            self.form.setEnabled(False)
            self.status.say(self.tr("Saved. You will find it, ready to tick, on the Today page."))
            self.changed.emit()
            settled(True)

        def failed(exc: ReconcileError) -> None:
            if "goal" in made:  # the goal is kept: trying again adds only its step
                self._goal_id = made["goal"].id
                self.ops.announce(changes_of(plans.add_goal))
            self._failed(settled)(exc)

        changes = changes_of(plans.add_goal) | changes_of(plans.add_commitment)
        self.ops.mutate_many(changes, work, on_done=saved, on_error=failed)


class WorksheetStep(Step):
    open_requested = Signal()

    def __init__(self, ops: Ops, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(ops, vault, parent)
        self.heading = self.tr("Should I even try?")
        self.column.addWidget(
            _text(
                self.tr(
                    "Before reaching for the relationship, it helps to look at it honestly: why "
                    "it ended, what has changed since, what you loved and what you did not, and "
                    "what the people you trust think. The worksheet walks you through it and "
                    "keeps your answers as a private journal entry."
                )
            )
        )
        self.open_button = QPushButton(self.tr("&Open the worksheet"))
        self.open_button.setAccessibleName(self.tr("Open the Should I even try worksheet"))
        self.open_button.clicked.connect(self.open_requested)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        self.column.addLayout(row)
        self.column.addWidget(
            _text(self.tr("It is always there in the Journal, whenever you feel ready."))
        )
        self.column.addStretch(1)

    def next_label(self) -> str:
        return self.tr("Finish")
