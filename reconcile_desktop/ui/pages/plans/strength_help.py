"""The "What is strength?" link and the small popup it opens, with core's own words."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core.plans import strength_note
from reconcile_desktop.ui.widgets import theme

POPUP_WIDTH = 400


class StrengthPopup(QFrame):
    """A popup panel: it closes on Escape, on its Close button or on a click outside."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setAccessibleName(strength_note.TITLE)
        heading = QLabel(strength_note.TITLE)
        heading.setFont(theme.heading_font(self.font(), 1.1))
        self.body = QLabel(strength_note.TEXT)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setWordWrap(True)
        self.body.setAccessibleName(strength_note.TITLE)
        self.body.setAccessibleDescription(strength_note.TEXT)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the explanation of strength"))
        self.close_button.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.close_button)
        col = QVBoxLayout(self)
        col.setContentsMargins(16, 12, 16, 12)
        col.setSpacing(8)
        col.addWidget(heading)
        col.addWidget(self.body)
        col.addLayout(row)
        # A wrapped label in a top-level window only gets its full height from a fixed width.
        self.body.setFixedWidth(POPUP_WIDTH - 32)
        col.setSizeConstraint(QLayout.SizeConstraint.SetFixedSize)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)


class StrengthHelpButton(QToolButton):
    """A link-like button beside the strength figures; Tab reaches it, Space or Enter opens it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(strength_note.TITLE)
        self.setAccessibleName(strength_note.TITLE)
        self.setToolTip(self.tr("How strength is worked out, and how it differs from a streak"))
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        font = self.font()
        font.setUnderline(True)
        self.setFont(font)
        self.popup: StrengthPopup | None = None
        self.clicked.connect(self.open_popup)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_popup()
            return
        super().keyPressEvent(event)

    def open_popup(self) -> StrengthPopup:
        if self.popup is None:
            self.popup = StrengthPopup(self)
            self.popup.destroyed.connect(lambda: setattr(self, "popup", None))
        popup = self.popup
        popup.adjustSize()
        popup.move(self._place(popup))
        popup.show()
        popup.close_button.setFocus(Qt.FocusReason.PopupFocusReason)
        return popup

    def _place(self, popup: QWidget) -> QPoint:
        """Below the link, kept on its screen."""
        spot = self.mapToGlobal(QPoint(0, self.height() + 2))
        screen = self.screen().availableGeometry()
        x = max(screen.left(), min(spot.x(), screen.right() - popup.width()))
        y = spot.y()
        if y + popup.height() > screen.bottom():
            y = max(screen.top(), self.mapToGlobal(QPoint(0, 0)).y() - popup.height() - 2)
        return QPoint(x, y)
