"""A matplotlib figure inside a Qt widget, with matplotlib imported only when first needed.

Charts are built by charts/ (no Qt); this widget shows them with the QtAgg canvas, follows the
palette, offers PNG/SVG export and forgets the figure on lock.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from reconcile_desktop.ui.widgets import theme

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from reconcile_desktop.charts.style import ChartStyle

log = logging.getLogger(__name__)

# What drawing a chart on screen needs; importing it takes a few hundred milliseconds.
CHART_MODULES = (
    "matplotlib.figure",
    "matplotlib.backends.backend_qtagg",
    "reconcile_desktop.charts.progress_charts",
)


def charts_imported() -> bool:
    """True once every chart module is imported completely (not just begun by a thread)."""
    for name in CHART_MODULES:
        module = sys.modules.get(name)
        if module is None or getattr(getattr(module, "__spec__", None), "_initializing", False):
            return False
    return True


class ChartImport(QObject):
    """Imports the chart modules once, on a thread of its own, so the window stays responsive
    while matplotlib loads; `done` is emitted on the GUI thread when it has finished.

    A plain (non-daemon) thread: the interpreter waits for it before it exits.
    """

    done = Signal()
    _finished = Signal()  # emitted from the import thread

    def __init__(self) -> None:
        super().__init__()
        self.running = False
        self.attempted = False  # once tried, a failure shows on the GUI thread's own import
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        """Begin importing, unless it is under way (its `done` is still to come) or done."""
        if not (self.running or charts_imported()):
            self.running = True
            threading.Thread(target=self._run, name="chart-import").start()

    def _run(self) -> None:
        try:
            for name in CHART_MODULES:
                importlib.import_module(name)
        except Exception as exc:  # the GUI thread imports again and shows the problem there
            log.error("The chart modules could not be imported: %s", type(exc).__name__)
        finally:
            self._finished.emit()

    def _deliver(self) -> None:
        self.running = False
        self.attempted = True
        self.done.emit()


_chart_import: ChartImport | None = None


def chart_import() -> ChartImport:
    """The one ChartImport of the process (made on the GUI thread)."""
    global _chart_import
    if _chart_import is None:
        _chart_import = ChartImport()
    return _chart_import


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

    def set_description(self, text: str) -> None:
        """The chart's text alternative: what a screen reader says for the picture (from
        core/chart_summaries.py, the same words as `reconcile progress`)."""
        self.setAccessibleDescription(text)
        if self._canvas is not None:
            self._canvas.setAccessibleName(self.accessibleName())
            self._canvas.setAccessibleDescription(text)

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
            self._canvas.setAccessibleName(self.accessibleName())
            self._canvas.setAccessibleDescription(self.accessibleDescription())
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
        self.setAccessibleDescription("")
        self._placeholder.show()
