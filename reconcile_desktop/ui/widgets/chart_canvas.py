"""A matplotlib figure inside a Qt widget, with matplotlib imported only when first needed.

Charts are built by charts/ (no Qt); this widget shows them with the QtAgg canvas, follows the
palette, offers PNG/SVG export and forgets the figure on lock.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reconcile_desktop.ui import theme

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from reconcile_desktop.charts.style import ChartStyle


def chart_style(widget: QWidget | None = None):
    """The charts' colours for the palette the widget is showing, on the window's own
    background so a chart sits in the page rather than on a white card."""
    from dataclasses import replace

    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from reconcile_desktop.charts.style import DARK, LIGHT

    base = DARK if theme.is_dark(widget) else LIGHT
    palette = widget.palette() if widget is not None else QApplication.palette()
    return replace(base, background=palette.color(QPalette.ColorRole.Window).name())


class ChartCanvas(QWidget):
    def __init__(self, empty_text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._placeholder = QLabel(empty_text, self)
        self._placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._placeholder.setWordWrap(True)
        self._layout.addWidget(self._placeholder)
        self._canvas = None
        self.setMinimumHeight(220)

    @property
    def figure(self) -> Figure | None:
        return self._canvas.figure if self._canvas is not None else None

    @property
    def canvas(self):
        """The FigureCanvasQTAgg, for event hooks (hover); None before the first figure."""
        return self._canvas

    def chart_style(self) -> ChartStyle:
        return chart_style(self)

    def set_figure(self, figure: Figure) -> None:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        if self._canvas is None:
            self._canvas = FigureCanvasQTAgg(figure)
            self._canvas.setParent(self)
            self._layout.addWidget(self._canvas)
        else:
            # A reused canvas keeps its size; the new figure must take it, or it is clipped.
            ratio = self._canvas.device_pixel_ratio
            figure.set_size_inches(
                self._canvas.width() * ratio / figure.dpi,
                self._canvas.height() * ratio / figure.dpi,
                forward=False,
            )
            self._canvas.figure = figure
            figure.set_canvas(self._canvas)
        self._placeholder.hide()
        self._canvas.show()
        self._canvas.draw_idle()

    def redraw(self) -> None:
        if self._canvas is not None:
            self._canvas.draw_idle()

    def export(self, path: Path) -> None:
        """PNG or SVG by the file's suffix."""
        if self._canvas is None:
            raise ValueError("There is no chart to save yet.")
        fmt = "svg" if path.suffix.lower() == ".svg" else "png"
        self._canvas.figure.savefig(path, format=fmt, facecolor=self._canvas.figure.get_facecolor())

    def clear(self) -> None:
        """Drop the figure and its data (on lock)."""
        if self._canvas is not None:
            self._layout.removeWidget(self._canvas)
            self._canvas.figure.clear()
            self._canvas.hide()
            self._canvas.deleteLater()
            self._canvas = None
        self._placeholder.show()
