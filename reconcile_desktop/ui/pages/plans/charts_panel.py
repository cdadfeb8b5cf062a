"""The plan's three charts (steps, a calendar of days, each commitment's rate) with a range picker.

Charts are drawn only once their tab is shown (matplotlib is imported then, not before). The
steps chart is kept and updated in place on a new range, new data or a theme change; the two
small ones are rebuilt. Hovering the steps chart describes the day in a tooltip; clicking a day
asks the page to open it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from reconcile_desktop.core import chart_summaries
from reconcile_desktop.core.plans import progress
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.ui.widgets import theme
from reconcile_desktop.ui.widgets.chart_canvas import (
    ChartCanvas,
    chart_import,
    chart_style,
    charts_imported,
)

if TYPE_CHECKING:
    from reconcile_desktop.charts.progress_charts import StepsChart
    from reconcile_desktop.charts.style import ChartStyle
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.plans.progress import CommitmentHistory, DailySeries
    from reconcile_desktop.core.plans.store import CommitmentData, GoalData
    from reconcile_desktop.core.storage.vault import Vault

RANGES: tuple[tuple[str, int | None], ...] = (("30", 30), ("90", 90), ("year", 365), ("all", None))
STEPS, CALENDAR, RATES = 0, 1, 2


class ChartsPanel(QWidget):
    day_clicked = Signal(object)  # a date on the steps chart

    def __init__(self, vault: Vault, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.vault, self.clock = vault, clock
        self.goal: GoalData | None = None
        self.steps_chart: StepsChart | None = None
        self.series: DailySeries | None = None
        self.hover_text = ""
        self.file_dialog: QFileDialog | None = None
        self._data: tuple[list[CommitmentHistory], list[CommitmentData], set[int]] | None = None
        self._series_for: tuple[dt.date, dt.date] | None = None  # the span self.series shows
        self._dirty = {STEPS, CALENDAR, RATES}
        self._restyle = False
        self._pending = False
        self._importing = False  # waiting for matplotlib, loading on its own thread
        self._active = False
        self._given: tuple = (None, None, None)

        self.range_box = QComboBox()
        self.range_box.setAccessibleName(self.tr("Time range for the charts"))
        for label in (self.tr("30 days"), self.tr("90 days"), self.tr("A year"), self.tr("All")):
            self.range_box.addItem(label)
        self.range_box.currentIndexChanged.connect(self._range_changed)
        range_label = QLabel(self.tr("&Show"))
        range_label.setBuddy(self.range_box)
        self.save_button = QPushButton(self.tr("Save as image…"))
        self.save_button.setAccessibleName(self.tr("Save the chart shown as an image"))
        self.save_button.setToolTip(
            self.tr("PNG or SVG. The image is saved unencrypted, wherever you choose.")
        )
        self.save_button.clicked.connect(self.ask_export)

        empty = self.tr("Your charts will appear here.")
        self.canvases = [ChartCanvas(empty), ChartCanvas(empty), ChartCanvas(empty)]
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Charts"))
        self.tabs.setDocumentMode(True)
        for canvas, name in zip(
            self.canvases,
            (self.tr("Steps"), self.tr("Calendar"), self.tr("Each commitment")),
            strict=True,
        ):
            canvas.setMinimumHeight(160)
            canvas.setAccessibleName(name)
            self.tabs.addTab(canvas, name)
        self._hover_hint = self.tr("Hover a day for details; click it to open it.")
        self.tabs.setTabToolTip(STEPS, self._hover_hint)
        self.tabs.currentChanged.connect(lambda _i: self._render())
        self.tabs.currentChanged.connect(
            lambda i: self.note.setVisible(i == STEPS and bool(self.note.text()))
        )
        self.note = theme.MutedLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        self.status = theme.StatusLabel(self.tr("Saving the chart"))

        head = QHBoxLayout()
        head.setContentsMargins(12, 0, 0, 2)
        head.addWidget(range_label)
        head.addWidget(self.range_box)
        head.addStretch(1)
        head.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        # The range and save controls sit in the tab bar's corner, saving a row of height.
        corner = QWidget()
        corner.setLayout(head)
        self.tabs.setCornerWidget(corner, Qt.Corner.TopRightCorner)
        chart_import().done.connect(self._charts_imported)

    # -- what to show ----------------------------------------------------------------------

    def show_goal(
        self,
        goal: GoalData | None,
        *,
        goals: Sequence[GoalData] | None = None,
        commitments: Sequence[CommitmentData] | None = None,
        histories: Sequence[CommitmentHistory] | None = None,
    ) -> None:
        """One goal, or (None) all goals that are not archived. A caller that has just read
        the goals, commitments (archived too) and histories may pass them to save a reread."""
        self.goal = goal
        self._given = (goals, commitments, histories)
        self.reload()

    def reload(self) -> None:
        """The data changed (a check-in, an edit): recompute what is shown."""
        self._active = True
        self._data = None
        self._series_for = None
        self._dirty = {STEPS, CALENDAR, RATES}
        self._render()

    @property
    def settled(self) -> bool:
        """True once the chart on the current tab shows the latest data."""
        return (
            not (self._pending or self._importing) and self.tabs.currentIndex() not in self._dirty
        )

    def set_range(self, key: str) -> None:
        self.range_box.setCurrentIndex([k for k, _ in RANGES].index(key))

    def range_key(self) -> str:
        return RANGES[self.range_box.currentIndex()][0]

    def clear(self) -> None:
        """Drop every chart and the data behind it (on lock)."""
        QToolTip.hideText()
        if self.file_dialog is not None:
            self.file_dialog.reject()
        for canvas in self.canvases:
            canvas.clear()
        self.steps_chart, self.series, self.goal, self._data = None, None, None, None
        self._series_for = None
        self._given = (None, None, None)
        self._active = False  # nothing is drawn again until show_goal() or reload()
        self._importing = False
        self.hover_text = ""
        self.note.setText("")
        self.note.hide()
        self.status.say("")
        self._dirty = {STEPS, CALENDAR, RATES}

    def _range_changed(self) -> None:
        self._dirty = {STEPS, CALENDAR, RATES}
        self._render()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle = True
            self._dirty = {STEPS, CALENDAR, RATES}
            self._render()

    def chart_style(self) -> ChartStyle:
        # One font size at every width: a narrow chart gets fewer labels, not smaller ones.
        return chart_style(self)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._render()

    # -- data ------------------------------------------------------------------------------

    def _load(self) -> tuple[list[CommitmentHistory], list[CommitmentData], set[int]]:
        if self._data is None:
            goals, cs, hs = self._given
            goal_id = self.goal.id if self.goal else None
            if goals is None:
                goals = [self.goal] if self.goal else plans.goals(self.vault)
            if cs is None:
                cs = plans.commitments(self.vault, goal_id, include_archived=True)
            hs = plans.histories_for(self.vault, goal_id) if hs is None else hs
            # The same choice of commitments as `reconcile progress` describes.
            inputs = chart_summaries.chart_inputs(self.goal, goals, cs, hs)
            self._data = (inputs.histories, inputs.commitments, set(inputs.must_stop_ids))
        return self._data

    def span(self, histories: list[CommitmentHistory]) -> tuple[dt.date, dt.date]:
        """The range chosen, from the first day that counts (core decides, for the window
        and the command line alike)."""
        days = RANGES[self.range_box.currentIndex()][1]
        return chart_summaries.span(histories, self.clock.today(), days)

    def description(self, index: int) -> str:
        """The text alternative of a chart (its canvas's accessible description)."""
        return self.canvases[index].accessibleDescription()

    # -- drawing ---------------------------------------------------------------------------

    def _render(self) -> None:
        """Draw the current tab soon: requests in one pass of the event loop (a show, a
        reload, a resize) make one drawing."""
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self._render_now)

    def _render_now(self, *, wait: bool = False) -> None:
        self._pending = False
        index = self.tabs.currentIndex()
        if not (self._active and self.isVisible() and self.vault.is_unlocked):
            return
        if index not in self._dirty:
            return
        loader = chart_import()
        if not (wait or loader.attempted or charts_imported()):
            # The first chart of the process: matplotlib loads on its own thread while the
            # page (and the window) stay usable; the chart is drawn when it is there.
            self._importing = True
            loader.start()
            return
        self._dirty.discard(index)
        hs, cs, stop_ids = self._load()
        start, today = self.span(hs)
        style = self.chart_style()
        if index == STEPS:
            self._render_steps(hs, stop_ids, start, today, style)
        elif index == CALENDAR:
            from reconcile_desktop.charts.progress_charts import heatmap_figure
            from reconcile_desktop.core.summaries import daily_completion

            must_stop = bool(self.goal and self.goal.must_stop)
            days, rates = daily_completion(hs, start, today, today)
            slips = chart_summaries.daily_slips(hs, start, today, today)
            title = (
                self.tr("Each day: a slip, or none")
                if must_stop
                else self.tr("Each day: the share of your commitments kept")
            )
            figure = heatmap_figure(
                days, rates, style, title=title, slips=slips, must_stop=must_stop
            )
            self._replace(CALENDAR, figure)
            text = chart_summaries.calendar_text(days, rates, slips, today, must_stop=must_stop)
            self._describe(CALENDAR, text)
        else:
            from reconcile_desktop.charts.progress_charts import commitment_rates_figure

            must_stop = bool(self.goal and self.goal.must_stop)
            rows = chart_summaries.rate_rows(
                cs, hs, start, today, must_stop=must_stop, stop_ids=stop_ids
            )
            title = (
                self.tr("Each commitment: its slips, plainly")
                if must_stop
                else self.tr("How often each commitment was kept")
            )
            figure = commitment_rates_figure(
                [r.label for r in rows],
                [r.rate for r in rows],
                style,
                title=title,
                notes=[r.note for r in rows],
            )
            self._replace(RATES, figure)
            days = [start + dt.timedelta(days=i) for i in range((today - start).days + 1)]
            first = chart_summaries.first_start(hs, today)
            text = chart_summaries.rates_text(rows, days, today, first, must_stop=must_stop)
            self._describe(RATES, text)

    def _charts_imported(self) -> None:
        if self._importing:
            self._importing = False
            self._render()

    def _render_steps(self, hs, stop_ids, start, today, style) -> None:
        from reconcile_desktop.charts.progress_charts import StepsChart, fit_label

        goal = self.goal
        must_stop = bool(goal and goal.must_stop)
        if goal is None and stop_ids:
            # Kept days of a goal that must stop are not steps to add up with the others.
            hs = [h for h in hs if h.id not in stop_ids]
            self.note.setText(self.tr("Goals that must stop completely are shown on their own."))
        else:
            self.note.setText("")
        self.note.setVisible(bool(self.note.text()) and self.tabs.currentIndex() == STEPS)
        if goal is None:
            title = self.tr("All your goals, day by day")
        elif must_stop:
            title = self.tr("{goal}: kept days and slips").format(goal=goal.title)
        else:
            title = self.tr("{goal}, day by day").format(goal=goal.title)
        # A theme change keeps the data: neither the series nor the chart's data is redone.
        fresh = self.series is None or self._series_for != (start, today)
        if fresh:
            self.series = progress.daily_series(hs, start, today, today)
            self._series_for = (start, today)
        chart = self.steps_chart
        if chart is None or chart.must_stop != must_stop:
            chart = StepsChart(self.series, style, title=title, must_stop=must_stop)
            self.steps_chart = chart
            self._replace(STEPS, chart.figure)
            canvas = self.canvases[STEPS].canvas
            canvas.mpl_connect("motion_notify_event", self._hover)
            canvas.mpl_connect("button_press_event", self._click)
            canvas.mpl_connect("figure_leave_event", lambda _e: self._hide_tip())
        else:
            title = fit_label(title, 70, 1)
            if self._restyle or chart.title != title or chart.style != style:
                chart.title = title
                chart.set_style(style)
            self._restyle = False
            if fresh:
                chart.set_data(self.series)
            self.canvases[STEPS].redraw()
        text = chart_summaries.steps_text(self.series, today, must_stop=must_stop)
        self._describe(STEPS, text)

    def _describe(self, index: int, text: str) -> None:
        self.canvases[index].set_description(text)
        hint = f"{self._hover_hint}\n\n" if index == STEPS else ""
        self.tabs.setTabToolTip(index, hint + text)

    def _replace(self, index: int, figure) -> None:
        # A fresh Qt canvas each time: it sizes the new figure to the widget (and the screen's
        # pixel ratio), which handing a second figure to the same canvas does not.
        canvas = self.canvases[index]
        canvas.clear()
        canvas.set_figure(figure)

    # -- hover and click -------------------------------------------------------------------

    def _day_index(self, event) -> int | None:
        chart = self.steps_chart
        if chart is None or not chart.series.days:
            return None
        if event.inaxes not in (chart.trend_ax, chart.bars_ax, chart.strength_ax):
            return None
        return chart.index_at(event.xdata)

    def _hover(self, event) -> None:
        i = self._day_index(event)
        if i is None:
            self._hide_tip()
            return
        chart = self.steps_chart
        text = _describe(chart.series, i, chart.must_stop)
        canvas = self.canvases[STEPS].canvas
        gui = getattr(event, "guiEvent", None)
        if gui is not None and hasattr(gui, "globalPosition"):
            where = gui.globalPosition().toPoint()
        else:  # matplotlib counts physical pixels from the bottom
            ratio = canvas.device_pixel_ratio or 1
            where = canvas.mapToGlobal(
                QPoint(int(event.x / ratio), int(canvas.height() - event.y / ratio))
            )
        self.hover_text = text
        QToolTip.showText(where + QPoint(12, 12), text, canvas)

    def _hide_tip(self) -> None:
        if self.hover_text:
            self.hover_text = ""
            QToolTip.hideText()

    def _click(self, event) -> None:
        i = self._day_index(event)
        if i is not None and getattr(event, "button", None) == 1:
            day = self.steps_chart.series.days[i]
            if day <= self.clock.today():
                self.day_clicked.emit(day)

    # -- export ----------------------------------------------------------------------------

    def ask_export(self) -> QFileDialog:
        """A save dialog that does not block (auto-lock can still close it)."""
        names = ("reconcile-steps", "reconcile-calendar", "reconcile-commitments")
        start = Path.home() / f"{names[self.tabs.currentIndex()]}.png"
        dialog = QFileDialog(self, self.tr("Save the chart as an image"), str(start))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        png, svg = self.tr("PNG image (*.png)"), self.tr("SVG image (*.svg)")
        dialog.setNameFilters([png, svg])
        dialog.setDefaultSuffix("png")
        dialog.filterSelected.connect(
            lambda f: dialog.setDefaultSuffix("svg" if f == svg else "png")
        )
        dialog.fileSelected.connect(lambda path: self._export_chosen(Path(path)))
        dialog.finished.connect(self._export_dialog_done)
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def _export_dialog_done(self) -> None:
        if self.file_dialog is not None:
            self.file_dialog.deleteLater()
            self.file_dialog = None

    def _export_chosen(self, path: Path) -> None:
        if path.suffix.lower() not in (".png", ".svg"):
            path = path.with_name(path.name + ".png")
        try:
            self.export(path)
        except (OSError, ValueError):
            self.status.say(
                self.tr("The image could not be saved there. Please try another folder."),
                problem=True,
            )
            return
        self.status.say(self.tr("Saved {name}.").format(name=path.name))

    def export(self, path: Path) -> None:
        """The chart on the current tab, as PNG or SVG by the file's suffix."""
        self._render_now(wait=True)
        self.canvases[self.tabs.currentIndex()].export(path)


def _describe(series: DailySeries, index: int, must_stop: bool) -> str:
    from reconcile_desktop.charts.progress_charts import describe_day

    return describe_day(series, index, must_stop=must_stop)
