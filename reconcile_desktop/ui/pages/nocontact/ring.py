"""A progress ring drawn with QPainter: a soft track, an accent arc, optional centre text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from reconcile_desktop.ui.widgets import theme


class ProgressRing(QWidget):
    """Shows a fraction 0..1 as an arc from twelve o'clock, clockwise.

    `text` is drawn large in the centre and `caption` small beneath it; both may be empty
    (the badge's small ring shows no text).
    """

    def __init__(
        self, diameter: int = 180, thickness: float = 12.0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._diameter = diameter
        self._thickness = thickness
        self._progress = 0.0
        self._text = ""
        self._caption = ""
        self._colour: QColor | None = None
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    # -- state -------------------------------------------------------------------------------

    @property
    def progress(self) -> float:
        return self._progress

    @property
    def text(self) -> str:
        return self._text

    @property
    def caption(self) -> str:
        return self._caption

    def set_progress(self, value: float) -> None:
        value = min(1.0, max(0.0, float(value)))
        if value != self._progress:
            self._progress = value
            self.update()

    def set_text(self, text: str, caption: str = "") -> None:
        if (text, caption) != (self._text, self._caption):
            self._text, self._caption = text, caption
            self.update()

    def set_colour(self, colour: QColor | None) -> None:
        """None: the palette's accent (follows light/dark)."""
        self._colour = colour
        self.update()

    def clear(self) -> None:
        self._progress = 0.0
        self._text = self._caption = ""
        self.update()

    # -- geometry and painting ---------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(self._diameter, self._diameter)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.update()
        super().changeEvent(event)

    def paintEvent(self, _event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        pad = self._thickness / 2 + 1
        left, top = (self.width() - side) / 2 + pad, (self.height() - side) / 2 + pad
        rect = QRectF(left, top, side - 2 * pad, side - 2 * pad)
        dark = theme.is_dark(self)
        colours = theme.colors(dark)
        arc_colour = self._colour or QColor(colours["accent"])
        track = QColor(colours["divider"])

        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(track, self._thickness)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        painter.setPen(pen)
        painter.drawEllipse(rect)
        if self._progress > 0:
            pen = QPen(arc_colour, self._thickness)
            pen.setCapStyle(
                Qt.PenCapStyle.RoundCap if self._progress < 1 else Qt.PenCapStyle.FlatCap
            )
            painter.setPen(pen)
            # Qt angles are in 1/16 degree, counter-clockwise from three o'clock.
            painter.drawArc(rect, 90 * 16, -round(self._progress * 360 * 16))
        if self._text:
            self._paint_text(painter, rect)
        painter.end()

    def _paint_text(self, painter: QPainter, rect: QRectF) -> None:
        inner = rect.adjusted(self._thickness, self._thickness, -self._thickness, -self._thickness)
        big = QFont(self.font())
        big.setPixelSize(max(10, round(inner.height() * (0.36 if self._caption else 0.44))))
        big.setWeight(QFont.Weight.DemiBold)
        small = QFont(self.font())
        small.setPixelSize(max(9, round(inner.height() * 0.11)))
        text_colour = self.palette().color(QPalette.ColorRole.WindowText)
        if not self._caption:
            painter.setFont(big)
            painter.setPen(text_colour)
            painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, self._text)
            return
        big_h = big.pixelSize() * 1.15
        small_h = small.pixelSize() * 1.5
        top = inner.center().y() - (big_h + small_h) / 2
        painter.setFont(big)
        painter.setPen(text_colour)
        painter.drawText(
            QRectF(inner.left(), top, inner.width(), big_h),
            Qt.AlignmentFlag.AlignCenter,
            self._text,
        )
        painter.setFont(small)
        painter.setPen(theme.muted(self.palette()))
        painter.drawText(
            QRectF(inner.left(), top + big_h, inner.width(), small_h),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            self._caption,
        )
