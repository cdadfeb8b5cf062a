"""A compact no-contact badge for the Today page: a small ring, the day count, "of N"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from reconcile_desktop.ui.pages.nocontact.ring import ProgressRing
from reconcile_desktop.ui.widgets import theme

if TYPE_CHECKING:
    from reconcile_desktop.core.nocontact.day_counting import Summary


class StreakBadge(QAbstractButton):
    """Click (or Space/Enter while focused) emits `open_requested`: the lead shows the page.

    Fed with `show_summary(nocontact.summary(vault))`; `clear()` on lock.
    """

    open_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("streak-badge")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleDescription(self.tr("Opens the No contact page"))
        self.setToolTip(self.tr("Open the No contact page"))

        self.ring = ProgressRing(40, 5.0, self)
        self.days_label = QLabel(self)
        self.days_label.setFont(theme.heading_font(self.font(), 1.5))
        self.of_label = theme.MutedLabel("", self)
        for label in (self.days_label, self.of_label):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.days_label)
        text.addWidget(self.of_label)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 16, 8)
        row.setSpacing(10)
        row.addWidget(self.ring, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addLayout(text)
        row.addStretch(1)

        self.clicked.connect(self.open_requested)
        self.clear()

    def show_summary(self, summary: Summary | None) -> None:
        if summary is None:
            self.days_label.setText(self.tr("No contact"))
            self.of_label.setText(self.tr("Not counting right now"))
            self.ring.clear()
            self.setAccessibleName(self.tr("No contact: not counting"))
            return
        days = summary.direct_days
        self.days_label.setText(str(days))
        self.of_label.setText(self.tr("of {n} days").format(n=summary.target_days))
        self.ring.set_progress(summary.progress)
        self.setAccessibleName(
            self.tr("No contact: day {days} of {target}").format(
                days=days, target=summary.target_days
            )
        )

    def clear(self) -> None:
        """Forget every number (on lock)."""
        self.days_label.setText("")
        self.of_label.setText("")
        self.ring.clear()
        self.setAccessibleName(self.tr("No contact"))

    def sizeHint(self) -> QSize:
        return self.layout().sizeHint().expandedTo(QSize(150, 56))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.update()
        super().changeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        colours = theme.colors(theme.is_dark(self))
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        fill = QColor(colours["alternate"] if not self.underMouse() else colours["selected"])
        border = QColor(colours["accent"] if self.hasFocus() else colours["divider"])
        painter.setPen(QPen(border, 2 if self.hasFocus() else 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 10, 10)
        painter.end()

    def enterEvent(self, event: QEvent) -> None:
        self.update()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.update()
        super().leaveEvent(event)
