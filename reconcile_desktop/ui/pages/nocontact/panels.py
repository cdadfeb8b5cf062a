"""Sections of the No contact page: the reach-out step, future-dated events, the history.

Each takes a streaks.Summary in show_summary() and forgets everything in clear().
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core import chart_summaries
from reconcile_desktop.core.errors import ReconcileError
from reconcile_desktop.core.nocontact import boundaries
from reconcile_desktop.core.nocontact import day_counting as streaks
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.ui.pages.nocontact import dialogs
from reconcile_desktop.ui.widgets import dates, theme
from reconcile_desktop.ui.widgets.chart_canvas import ChartCanvas

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.ops import Ops
    from reconcile_desktop.ui.workers import Task

# A single week is one dot, and its date axis cannot be laid out (matplotlib warns).
MIN_CHART_WEEKS = 2
CHART_HEIGHT = 400


def button(text: str, *, primary: bool = False) -> QPushButton:
    b = QPushButton(text)
    b.setAccessibleName(text)
    b.setAutoDefault(False)
    b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    b.setDefault(primary)
    return b


def wrapped(text: str = "", *, muted: bool = False) -> QLabel:
    label = theme.MutedLabel(text) if muted else QLabel(text)
    label.setWordWrap(True)
    return label


def heading(base: QWidget, text: str, scale: float = 1.6) -> QLabel:
    label = QLabel(text)
    label.setFont(theme.heading_font(base.font(), scale))
    label.setAccessibleName(text)
    label.setWordWrap(True)
    return label


def days_text(widget: QWidget, n: int) -> str:
    return (widget.tr("{n} day") if n == 1 else widget.tr("{n} days")).format(n=n)


def clear_rows(layout: QVBoxLayout) -> None:
    while layout.count():
        widget = layout.takeAt(0).widget()
        if widget is not None:
            widget.setParent(None)  # off screen now, not at the next event loop turn
            widget.deleteLater()


class _Panel(QFrame):
    """A softly outlined box that follows light/dark."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.box = QVBoxLayout(self)
        self.box.setContentsMargins(18, 14, 18, 14)
        self.box.setSpacing(8)
        self._paint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self._paint()
        super().changeEvent(event)

    def _paint(self) -> None:
        c = theme.colors(theme.is_dark(self))
        self.setStyleSheet(
            f"QFrame#{self.objectName()} {{ border: 1px solid {c['divider']};"
            " border-radius: 8px; }"
        )


class ReachOutPanel(_Panel):
    """Their boundaries first, then (only with none) the one reach-out, then giving space.

    Once the target is reached, four private questions come before the step is ever offered;
    with any yes the step never appears and letting-go prompts take its place."""

    write_requested = Signal()
    sent_requested = Signal()
    undo_requested = Signal()
    answers_given = Signal(object)  # frozenset of boundary names answered yes
    prompt_requested = Signal(str)  # a letting-go prompt's id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("reach-out", parent)
        self.view = ""  # "questions", "offer", "respected", "space" or "" (hidden)
        self.heading = heading(self, "", 1.2)
        self.box.addWidget(self.heading)
        self.parts: dict[str, QWidget] = {}
        self._build_questions()
        self._build_offer()
        self._build_respected()
        self._build_space()
        self.change_button = button(self.tr("Change my answers"))
        self.change_button.clicked.connect(self._ask_again)
        self.box.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignLeft)

    def _part(self, name: str) -> QVBoxLayout:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.parts[name] = widget
        self.box.addWidget(widget)
        return layout

    def _build_questions(self) -> None:
        layout = self._part("questions")
        layout.addWidget(
            wrapped(
                self.tr(
                    "Before anything else, a few private questions about the other person. "
                    "Your answers stay in your journal, and you can change them at any time."
                )
            )
        )
        self.questions: dict[str, QCheckBox] = {}
        for name, question in boundaries.QUESTIONS.items():
            box = QCheckBox(QCoreApplication.translate("boundaries", question))
            box.setAccessibleName(box.text())
            self.questions[name] = box
            layout.addWidget(box)
        self.save_answers = button(self.tr("Save my answers"))
        self.save_answers.clicked.connect(self._answered)
        layout.addWidget(self.save_answers, 0, Qt.AlignmentFlag.AlignLeft)

    def _build_offer(self) -> None:
        layout = self._part("offer")
        layout.addWidget(
            wrapped(
                self.tr(
                    "If you still want to try, the next step is to reach out once: a short, "
                    "calm message that owns your part and says you are open to talking, with "
                    "no pressure and nothing they must answer. Then you step back. There is no "
                    "deadline; you can also simply keep going."
                )
            )
        )
        self.write_button = button(self.tr("Write the message"))
        self.sent_button = button(self.tr("I sent it"))
        self.write_button.clicked.connect(self.write_requested)
        self.sent_button.clicked.connect(self.sent_requested)
        row = QHBoxLayout()
        row.addWidget(self.write_button)
        row.addWidget(self.sent_button)
        row.addStretch(1)
        layout.addLayout(row)

    def _build_respected(self) -> None:
        layout = self._part("respected")
        self.respected_text = wrapped(
            self.tr(
                "Respecting their wish is the kind thing to do, and the right one. The days go "
                "on counting, as time for your own life rather than time until contact, and "
                "the work on yourself goes on, whatever happens between you."
            )
        )
        layout.addWidget(self.respected_text)
        layout.addWidget(wrapped(self.tr("Some writing for letting go:"), muted=True))
        row = QHBoxLayout()
        for prompt_id, title in (
            ("rc-letter-of-letting-go", self.tr("A letter of letting go")),
            ("rc-mine-and-not-mine", self.tr("Mine and not mine")),
            ("rc-their-right-to-choose", self.tr("Their right to choose")),
        ):
            b = button(title)
            b.clicked.connect(lambda _c=False, p=prompt_id: self.prompt_requested.emit(p))
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)

    def _build_space(self) -> None:
        layout = self._part("space")
        layout.addWidget(
            wrapped(
                self.tr(
                    "You said it once. Now the kind thing is room: no follow-ups, no checking "
                    "whether they have read it. Whatever they do, keep living your own life well."
                ),
                muted=True,
            )
        )
        self.undo_button = button(self.tr("Undo: I did not send it"))
        self.undo_button.clicked.connect(self.undo_requested)
        layout.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignLeft)

    def show_state(self, s: streaks.Summary, b: boundaries.Boundaries, *, can_undo: bool) -> None:
        if s.ended:
            view = ""
        elif b.set:
            view = "respected"
        elif s.giving_space_days is not None:
            view = "space"
        elif not s.target_reached:
            view = ""
        else:
            view = "offer" if b.answered else "questions"
        self.view = view
        self.setVisible(bool(view))
        if not view:
            self.clear()
            return
        for name, part in self.parts.items():
            part.setVisible(name == view)
        for name, box in self.questions.items():
            box.setChecked(name in b.set)
        self.undo_button.setVisible(can_undo)
        self.change_button.setVisible(view in ("offer", "respected"))
        if view == "space":
            space = s.giving_space_days or 0
            self.heading.setText(
                self.tr("You reached out once; giving space since today")
                if space == 0
                else self.tr("You reached out once; day {n} of giving space").format(n=space)
            )
        elif view == "respected":
            self.heading.setText(self.tr("Their wish comes first"))
        else:
            self.heading.setText(self.tr("You reached {n} days").format(n=s.target_days))
        self.heading.setAccessibleName(self.heading.text())

    def _answered(self) -> None:
        self.answers_given.emit(
            frozenset(n for n, box in self.questions.items() if box.isChecked())
        )

    def _ask_again(self) -> None:
        self.view = "questions"
        for name, part in self.parts.items():
            part.setVisible(name == "questions")
        self.change_button.hide()
        self.questions[boundaries.NAMES[0]].setFocus()

    def clear(self) -> None:
        self.heading.clear()
        self.heading.setAccessibleName("")
        for box in self.questions.values():
            box.setChecked(False)


class FlaggedPanel(_Panel):
    """Events whose time is still ahead: not counted, each with a "Correct the date" button."""

    correct_requested = Signal(object)  # streaks.Event

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("flagged", parent)
        self.box.addWidget(heading(self, self.tr("Saved for a time still ahead"), 1.1))
        self.box.addWidget(
            wrapped(
                self.tr(
                    "These are not counted yet, because that moment has not come. Perhaps the "
                    "computer's clock was off; correct them and they will count."
                ),
                muted=True,
            )
        )
        self.rows = QVBoxLayout()
        self.box.addLayout(self.rows)

    def show_summary(self, s: streaks.Summary) -> None:
        self.clear()
        self.setVisible(bool(s.flagged))
        for event in s.flagged:
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            text = self.tr("{kind}, dated {date}").format(
                kind=dialogs.kind_label(event.kind), date=dates.short_date(event.local_date)
            )
            line.addWidget(QLabel(text), 1)
            fix = button(self.tr("Correct the date"))
            fix.setAccessibleName(self.tr("Correct the date of: {what}").format(what=text))
            fix.clicked.connect(lambda _c=False, e=event: self.correct_requested.emit(e))
            line.addWidget(fix)
            self.rows.addWidget(row)

    def clear(self) -> None:
        clear_rows(self.rows)


class HistorySection(QWidget):
    """A closed section until asked for. Its weeks are read on the window's one runner, in
    order with the writes, and the figure is drawn beside them (matplotlib is first imported
    there); it is drawn again when the palette switches light/dark."""

    problem = Signal(str)

    def __init__(self, ops: Ops, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops = ops
        self.vault = vault
        self._summary: streaks.Summary | None = None
        self._tasks: set[Task] = set()
        self._generation = 0
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton()
        self.toggle.setText(self.tr("History"))
        self.toggle.setAccessibleName(self.tr("Show or hide the history"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.toggle.toggled.connect(self._toggled)
        box.addWidget(self.toggle)
        self.body = QWidget()
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(0, 0, 0, 0)
        self.chart = ChartCanvas(
            self.tr("The chart appears here once more than one week has gone by.")
        )
        self.chart.setAccessibleName(self.tr("No-contact history chart"))
        self.chart.setMinimumHeight(0)  # the short note alone; a drawn chart asks for more
        inner.addWidget(self.chart)
        inner.addWidget(heading(self, self.tr("Stretches in this period"), 1.1))
        self.attempt_rows = QVBoxLayout()
        self.attempt_rows.setSpacing(2)
        inner.addLayout(self.attempt_rows)
        self.body.hide()
        box.addWidget(self.body)

    @property
    def is_open(self) -> bool:
        return self.toggle.isChecked()

    @property
    def busy(self) -> bool:
        """True while the chart's weeks or figure are still on their way."""
        return bool(self._tasks)

    def _track(self, task: Task) -> None:
        self._tasks.add(task)
        task.finished.connect(lambda: self._tasks.discard(task))

    def show_summary(self, s: streaks.Summary | None) -> None:
        self._summary = s
        if self.is_open:
            self._fill()

    def clear(self) -> None:
        self._summary = None
        self._generation += 1  # a chart still being built is dropped on arrival
        clear_rows(self.attempt_rows)
        self.chart.clear()
        self.toggle.setChecked(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.recolour()
        super().changeEvent(event)

    def recolour(self) -> None:
        """Draw the chart again in the current palette (only if it was drawn)."""
        if self.chart.figure is not None:
            self._build_chart()

    def _toggled(self, on: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
        self.body.setVisible(on)
        if on:
            self._fill()

    def _fill(self) -> None:
        if self._summary is None:
            return
        self._show_attempts(self._summary)
        self._build_chart()

    def _show_attempts(self, s: streaks.Summary) -> None:
        clear_rows(self.attempt_rows)
        for number, attempt in reversed(list(enumerate(s.attempts, start=1))):
            if attempt.end_date is None:
                text = self.tr("#{n} · since {start} · {days} · still going")
            else:
                text = self.tr("#{n} · {start} to {end} · {days}")
            label = QLabel(
                text.format(
                    n=number,
                    start=dates.short_date(attempt.start_date),
                    end=dates.short_date(attempt.end_date) if attempt.end_date else "",
                    days=days_text(self, attempt.days),
                )
            )
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.attempt_rows.addWidget(label)

    def _build_chart(self) -> None:
        if self._summary is None:
            return
        self._generation += 1
        generation = self._generation
        self._track(
            self.ops.query(
                nocontact.weekly_history,
                self.vault,
                on_done=lambda weeks: self._draw(generation, weeks),
                on_error=lambda exc: self._failed(generation, exc),
            )
        )

    def _failed(self, generation: int, exc: ReconcileError) -> None:
        if generation == self._generation:  # not a chart dropped by a lock or a newer one
            self.problem.emit(exc.sentence)

    def _draw(self, generation: int, weeks: list[streaks.WeekCount]) -> None:
        s = self._summary
        if generation != self._generation or s is None:
            return
        # The words for the chart, from core (`reconcile progress` prints the same).
        description = chart_summaries.history_text(s.attempts, s.target_days, weeks)
        if len(weeks) < MIN_CHART_WEEKS:
            self.chart.clear()
            self.chart.setMinimumHeight(0)
            self.chart.set_description(description)
            return
        # Read now, not when asked: a theme switch reaches the window before its children, so
        # during the switch this widget may still hold the old palette.
        style = self.chart.chart_style()

        def build():
            from reconcile_desktop.charts.nocontact_history import history_figure

            return history_figure(s.attempts, s.target_days, weeks, style)

        self._track(
            self.ops.runner.submit(
                build,
                on_result=lambda figure: self._chart_ready(generation, figure, description),
                on_error=lambda exc: self._failed(generation, exc),
            )
        )

    def _chart_ready(self, generation: int, figure, description: str = "") -> None:
        if generation != self._generation or self._summary is None:
            return
        reused = self.chart.canvas is not None
        self.chart.setMinimumHeight(CHART_HEIGHT)
        self.chart.set_figure(figure)
        self.chart.set_description(description)
        if reused:
            # A reused canvas keeps its size but the new figure does not know it yet; a resize
            # event makes the figure take the widget's size (else it is clipped on the right).
            canvas = self.chart.canvas
            QCoreApplication.sendEvent(canvas, QResizeEvent(canvas.size(), canvas.size()))
