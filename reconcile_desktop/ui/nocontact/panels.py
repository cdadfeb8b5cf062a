"""Sections of the No contact page: the reach-out step, future-dated events, the history.

Each takes a streaks.Summary in show_summary() and forgets everything in clear().
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core import nocontact, streaks
from reconcile_desktop.ui import theme
from reconcile_desktop.ui.nocontact import dialogs
from reconcile_desktop.ui.widgets.chart_canvas import ChartCanvas
from reconcile_desktop.ui.workers import Runner

if TYPE_CHECKING:
    from reconcile_desktop.core.vault import Vault

# A single week is one dot, and its date axis cannot be laid out (matplotlib warns).
MIN_CHART_WEEKS = 2


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
    """Once the target is reached: reach out once, then give space."""

    write_requested = Signal()
    sent_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("reach-out", parent)
        self.heading = heading(self, "", 1.2)
        self.text = wrapped(
            self.tr(
                "If you still want to try, the next step is to reach out once: a short, calm "
                "message that owns your part and says you are open to talking, with no pressure "
                "and nothing they must answer. Then you step back. There is no deadline; you "
                "can also simply keep going."
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
        self.space_label = heading(self, "", 1.2)
        self.space_label.setObjectName("giving-space")
        self.space_text = wrapped(
            self.tr(
                "You said it once. Now the kind thing is room: no follow-ups, no checking "
                "whether they have read it. Whatever they do, keep living your own life well."
            ),
            muted=True,
        )
        for widget in (self.heading, self.text):
            self.box.addWidget(widget)
        self.box.addLayout(row)
        self.box.addWidget(self.space_label)
        self.box.addWidget(self.space_text)

    def show_summary(self, s: streaks.Summary) -> None:
        show = s.target_reached and not s.ended
        self.setVisible(show)
        if not show:
            self.clear()
            return
        sent = s.giving_space_days is not None
        self.heading.setText(self.tr("You reached {n} days").format(n=s.target_days))
        for widget in (self.heading, self.text, self.write_button, self.sent_button):
            widget.setVisible(not sent)
        space = s.giving_space_days or 0
        if space == 0:
            self.space_label.setText(self.tr("Giving space since today"))
        else:
            self.space_label.setText(self.tr("Day {n} of giving space").format(n=space))
        self.space_label.setAccessibleName(self.space_label.text() if sent else "")
        self.space_label.setVisible(sent)
        self.space_text.setVisible(sent)

    def clear(self) -> None:
        for label in (self.heading, self.space_label):
            label.clear()
            label.setAccessibleName("")


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
                kind=dialogs.kind_label(event.kind), date=event.local_date.isoformat()
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
    """A closed section until asked for; the chart is built off the GUI thread (matplotlib is
    first imported there) and rebuilt when the palette switches light/dark."""

    problem = Signal(str)

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self._summary: streaks.Summary | None = None
        self._runner: Runner | None = None
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
        self.chart.setMinimumHeight(400)
        inner.addWidget(self.chart)
        inner.addWidget(heading(self, self.tr("Attempts"), 1.1))
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
        return self._runner is not None and self._runner.busy

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
        if event.type() == QEvent.Type.PaletteChange and self.chart.figure is not None:
            self._build_chart()
        super().changeEvent(event)

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
                    start=attempt.start_date.isoformat(),
                    end=attempt.end_date.isoformat() if attempt.end_date else "",
                    days=days_text(self, attempt.days),
                )
            )
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.attempt_rows.addWidget(label)

    def _build_chart(self) -> None:
        s = self._summary
        if s is None:
            return
        weeks = nocontact.weekly_history(self.vault)
        self._generation += 1
        generation = self._generation
        if len(weeks) < MIN_CHART_WEEKS:
            self.chart.clear()
            return
        style = self.chart.chart_style()

        def build():
            from reconcile_desktop.charts.nocontact_history import history_figure

            return history_figure(s.attempts, s.target_days, weeks, style)

        if self._runner is None:
            self._runner = Runner(self)
        self._runner.submit(
            build,
            on_result=lambda figure: self._chart_ready(generation, figure),
            on_error=lambda exc: self.problem.emit(exc.sentence),
        )

    def _chart_ready(self, generation: int, figure) -> None:
        if generation != self._generation or self._summary is None:
            return
        reused = self.chart.canvas is not None
        self.chart.set_figure(figure)
        if reused:
            # A reused canvas keeps its size but the new figure does not know it yet; a resize
            # event makes the figure take the widget's size (else it is clipped on the right).
            canvas = self.chart.canvas
            QCoreApplication.sendEvent(canvas, QResizeEvent(canvas.size(), canvas.size()))
