"""Change-plan charts: steps forward and back, a year of days, and each commitment's rate.

The message is "two steps forward, one step back": slips are drawn plainly, but the trend is
what the eye follows. The steps chart is built once and updated in place (a range or theme
change moves data and colours, it does not rebuild), draws its bars as one polygon collection
per colour (730 bar patches take several times longer) and reruns the layout, most of a draw,
only when the margins change. Heatmap and rates figures are built whole; they are small.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable, Sequence

import numpy as np
from matplotlib.collections import PolyCollection
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator, PercentFormatter

from reconcile_desktop.charts.style import (
    LIGHT,
    ChartStyle,
    fitted_layout_class,
    new_figure,
    on_fit,
    optional,
    style_axes,
)
from reconcile_desktop.core.chart_summaries import first_counted
from reconcile_desktop.core.plans.progress import DailySeries

EMPTY_STEPS = "Nothing to show here yet.\nOnce you mark a day, your steps will appear here."
EMPTY_STEPS_STOP = "Nothing marked in this range yet."
EMPTY_HEATMAP = "No days to show yet.\nThe calendar fills in as you mark your commitments."
EMPTY_RATES = "No commitments in this range yet."
BEFORE_START = "before the start"
SLIP_HATCH = "////"  # slips have a shape as well as a colour
TICK_SPACING_IN = 0.75  # at least this much width per date label: fewer labels, same font
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _floats(values: Iterable[float | None]) -> np.ndarray:
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def _mix(colour: str, background: str, amount: float) -> tuple[float, float, float]:
    a, b = np.array(to_rgb(colour)), np.array(to_rgb(background))
    return tuple(b + (a - b) * amount)


def _empty_chart(fig, ax, text: str, style: ChartStyle):
    ax.set_axis_off()
    kw = {"ha": "center", "va": "center", "color": style.muted, "gid": "empty_message"}
    fig.text(0.5, 0.5, text, fontsize=style.font_size + 1, wrap=True, **kw)
    return fig


def lone_points(values: np.ndarray) -> list[int]:
    """Known values with no known neighbour: a line draws nothing there, so they get a dot."""
    known = ~np.isnan(values)
    before = np.r_[False, known[:-1]]
    after = np.r_[known[1:], False]
    return [int(i) for i in np.flatnonzero(known & ~before & ~after)]


def step_marks(net: Sequence[int | None]) -> tuple[list[int], list[int]]:
    """Where the net line first falls below its best so far, and where it gets back to it."""
    dips: list[int] = []
    back: list[int] = []
    best = None
    for i, v in enumerate(net):
        if v is None:
            continue
        if best is not None and v < best and len(dips) == len(back):
            dips.append(i)
        elif len(dips) > len(back) and v >= best:
            back.append(i)
        best = v if best is None else max(best, v)
    return dips, back


def describe_day(series: DailySeries, index: int, *, must_stop: bool = False) -> str:
    """The tooltip text for one day of the steps chart."""
    day = series.days[index]
    lines = [f"{day:%a} {day.day} {day:%b %Y}"]
    if series.net_steps[index] is None:
        return "\n".join([*lines, "Still ahead."])
    kept, slipped = series.kept[index], series.slipped[index]
    lines.append(f"Kept {kept}, slipped {slipped}")
    if not must_stop:
        lines.append(f"Net steps so far: {series.net_steps[index]:+d}")
    score = series.strength[index]
    if score is not None:
        lines.append(f"Strength: {round(score * 100)}%")
    return "\n".join(lines)


class StepsChart:
    """Daily kept bars up, slipped bars down; above them the net-steps line and strength.

    For a goal that must stop completely (`must_stop`) the net line is not drawn, since a
    reduction is not the aim: the chart shows the slips and how many there were, plainly.
    """

    def __init__(
        self,
        series: DailySeries,
        style: ChartStyle = LIGHT,
        *,
        title: str | None = None,
        must_stop: bool = False,
        annotate: bool = True,
    ) -> None:
        self.must_stop, self.annotate = must_stop, annotate
        default = "Kept days and slips" if must_stop else "Your steps, day by day"
        self.title = fit_label(title or default, 70, 1)
        self.series = series
        self.figure = fig = new_figure(style, 8.0, 4.0)
        self._layout = _SettledLayout()
        fig.set_layout_engine(self._layout)
        self._digits = (0, 0)  # widest net-steps labels so far: the margins only ever grow
        self._legend_shown: tuple | None = None  # what the legend was last built from
        self.trend_ax, self.bars_ax = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
        self.strength_ax = self.trend_ax.twinx()
        self._kept = PolyCollection([], linewidths=0, gid="kept", label="kept")
        self._slipped = PolyCollection(
            [], linewidths=0, gid="slipped", label="slipped", hatch=SLIP_HATCH
        )
        self.bars_ax.add_collection(self._kept)
        self.bars_ax.add_collection(self._slipped)
        self._zero = self.bars_ax.axhline(0, linewidth=0.8)
        t, s = self.trend_ax, self.strength_ax
        (self._net,) = t.plot([], [], linewidth=1.8, gid="net_steps", label="net steps")
        (self._strength,) = s.plot([], [], linewidth=1.3, gid="strength", label="strength")
        marks = {"linestyle": "", "markersize": 4.5, "alpha": 0.85, "zorder": 3}
        (self._dips,) = t.plot([], [], marker="v", gid="dips", label="a step back", **marks)
        (self._back,) = t.plot(
            [], [], marker="^", gid="recoveries", label="back to your best", **marks
        )
        self._net.set_visible(not must_stop)
        for line in (self._dips, self._back):
            line.set_visible(annotate and not must_stop)
        t.yaxis.set_visible(not must_stop)
        # Few ticks: each is a handful of artists to build and a label to render on every draw.
        t.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        t.xaxis.set_visible(False)  # the bars below carry the dates
        s.set_ylim(0, 1.02)
        s.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        s.set_yticks([0, 0.5, 1.0])
        b = self.bars_ax
        b.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{abs(v):g}"))
        # No axis labels: the legend and the tick colours say which scale is which, and
        # fixed label positions spare a measuring pass over every tick label on each draw.
        for axis in (t.yaxis, s.yaxis, b.yaxis, b.xaxis):
            axis.set_label_coords(0, 0)
        for ax in (t, s, b):  # the grid lines are guide enough; unmarked ticks draw nothing
            ax.tick_params(axis="y", left=False, right=False)
        self._count = t.text(0.01, 0.95, "", transform=t.transAxes, va="top", gid="slip_count")
        # Beside the bars, where the strength axis leaves room, so they never sit on a bar.
        self._kept_tag = b.text(1.01, 0.97, "kept", transform=b.transAxes, va="top")
        self._slip_tag = b.text(1.01, 0.03, "slipped", transform=b.transAxes, va="bottom")
        self._empty = fig.text(
            0.5, 0.5, "", ha="center", va="center", gid="empty_message", wrap=True
        )
        # The days of the range before anything began: shaded, not drawn as a run of zeros.
        self._before = [
            ax.add_patch(
                Rectangle(
                    (-0.5, 0), 0, 1, transform=ax.get_xaxis_transform(), linewidth=0,
                    hatch="..", gid="before_start", zorder=0,
                )
            )
            for ax in (self.trend_ax, self.bars_ax)
        ]  # fmt: skip
        self._before_tag = t.text(
            0, 0.5, BEFORE_START, transform=t.get_xaxis_transform(), ha="center",
            va="center", gid="before_start_label",
        )  # fmt: skip
        optional(fig, self._kept_tag, self._slip_tag, self._before_tag)
        self._ticks: tuple[list[int], list[str]] = ([], [])
        on_fit(fig, self._fit)
        self.style = style
        self.set_style(style)
        self.set_data(series)

    # -- data ----------------------------------------------------------------------------------

    def set_data(self, series: DailySeries) -> None:
        """Show another range (or fresh numbers) without rebuilding the figure."""
        self.series = series
        x = np.arange(len(series.days), dtype=float)  # day indexes: the ticks name the dates
        kept = np.asarray(series.kept, dtype=float)
        slipped = np.asarray(series.slipped, dtype=float)
        net = _floats(series.net_steps)
        score = _floats(series.strength)
        first = first_counted(series)
        before = len(x) if first is None else first
        net[:before] = np.nan  # no steps before the start: not even zero ones
        empty = not (kept.any() or slipped.any() or np.nan_to_num(score).any())
        for line, values in ((self._net, net), (self._strength, score)):
            dots = [] if empty else lone_points(values)  # an empty chart shows its words only
            line.set_marker("o" if dots else "")
            line.set_markevery(dots or None)
        for patch in self._before:
            patch.set_width(before)
            patch.set_visible(before > 0)
        self._before_tag.set_x((before - 1) / 2)
        self._before_tag.set_visible(before >= 3)  # room for its words
        self._kept.set_verts(day_bars(kept))
        self._slipped.set_verts(day_bars(-slipped))
        self._net.set_data(x, net)
        self._strength.set_data(x, score)
        dips, back = step_marks(list(net_or_none(net))) if self.annotate else ([], [])
        self._dips.set_data(x[dips], net[dips])
        self._back.set_data(x[back], net[back])

        self._empty.set_text((EMPTY_STEPS_STOP if self.must_stop else EMPTY_STEPS) if empty else "")
        self._axes_shown(not empty)
        total = int(slipped.sum())
        slips = "No slips" if total == 0 else "1 slip" if total == 1 else f"{total} slips"
        self._count.set_text(f"{slips} in this range" if self.must_stop and not empty else "")
        self._legend(empty)

        self.bars_ax.set_xlim(-0.6, max(len(x), 1) - 0.4)
        self._fit(self.figure.get_size_inches()[0])
        top, low = max(kept.max(initial=0), 1), max(slipped.max(initial=0), 1)
        self.bars_ax.set_ylim(-low * 1.15, top * 1.15)
        self.bars_ax.set_yticks([-low, 0, top])  # the most kept and the most slipped in a day
        # The level since the start, not from zero: over a month the climb is what shows.
        known = net[~np.isnan(net)]
        lo, hi = (known.min(), known.max()) if known.size else (0, 0)
        pad = max((hi - lo) * 0.1, 2)
        self.trend_ax.set_ylim(lo - pad, hi + pad)
        # What shapes the margins (the legend is one row whatever it holds); the layout is
        # worked out again only when this changes. The label widths are the widest seen so
        # far, so going back to a shorter range keeps the plot where it was, without a rerun.
        digits = (len(f"{lo - pad:.0f}"), len(f"{hi + pad:.0f}"))
        self._digits = (max(self._digits[0], digits[0]), max(self._digits[1], digits[1]))
        self._layout.key = (empty, *self._digits)

    def _fit(self, width: float) -> None:
        """As many date labels as the width has room for, at the same font size."""
        ticks = date_ticks(self.series.days, most=max(2, int(width / TICK_SPACING_IN)))
        if ticks != self._ticks:
            self._ticks = ticks
            self.bars_ax.set_xticks(*ticks)

    def _axes_shown(self, shown: bool) -> None:
        for ax in (self.trend_ax, self.bars_ax, self.strength_ax):
            ax.set_axis_on() if shown else ax.set_axis_off()
        for artist in (self._kept_tag, self._slip_tag, self._zero):
            artist.set_visible(shown)
        if not shown:
            for artist in (*self._before, self._before_tag):
                artist.set_visible(False)

    def index_at(self, xdata: float | None) -> int | None:
        """The series index under a mouse x position (in axis units), for the hover tooltip."""
        if xdata is None or not self.series.days:
            return None
        i = int(round(xdata))
        return i if 0 <= i < len(self.series.days) else None

    # -- colours -------------------------------------------------------------------------------

    def set_style(self, style: ChartStyle) -> None:
        """Follow a theme change in place."""
        self.style = style
        fig = self.figure
        fig.set_facecolor(style.background)
        for ax in (self.trend_ax, self.bars_ax, self.strength_ax):
            style_axes(ax, style)
        s = self.strength_ax
        s.patch.set_visible(False)
        s.spines["right"].set_visible(True)
        s.spines["right"].set_color(style.muted)
        # One set of grid lines: the net axis's, or the strength axis's when there is no net.
        grid_ax, plain_ax = (s, self.trend_ax) if self.must_stop else (self.trend_ax, s)
        plain_ax.grid(False)
        grid_ax.grid(True, axis="y", color=style.grid, linewidth=0.8)
        self.bars_ax.grid(False)
        self._kept.set_facecolor(style.kept)
        self._slipped.set_facecolor(style.slipped)
        self._slipped.set_edgecolor(style.background)  # the hatch's colour; no outline drawn
        before = _mix(style.muted, style.background, 0.12)
        for patch in self._before:
            patch.set_facecolor(before)
            patch.set_edgecolor(_mix(style.muted, style.background, 0.35))
        self._before_tag.set_color(style.muted)
        self._before_tag.set_fontsize(style.font_size)
        self.trend_ax.tick_params(axis="y", labelcolor=style.line)
        s.tick_params(axis="y", labelcolor=style.strength)
        colours = [
            (self._zero, style.muted),
            (self._net, style.line),
            (self._strength, style.strength),
            (self._dips, style.slipped),
            (self._back, style.kept),
            (self._kept_tag, style.kept),
            (self._slip_tag, style.slipped),
            (self._count, style.foreground),
            (self._empty, style.muted),
        ]
        for artist, colour in colours:
            artist.set_color(colour)
        for text in (self._kept_tag, self._slip_tag, self._count):
            text.set_fontsize(style.font_size)
        self._empty.set_fontsize(style.font_size + 1)
        # Above the legend's row. A fixed y spares the title's search for tick labels above
        # the axes on each draw.
        size = style.font_size + 1
        title = self.trend_ax.set_title(
            self.title, loc="left", fontsize=size, color=style.foreground, y=1.0, pad=2.4 * size
        )
        optional(self.figure, title)
        self._legend(bool(self._empty.get_text()))

    def _legend(self, empty: bool = False) -> None:
        lines = [self._net, self._strength, self._dips, self._back]
        shown = [ln for ln in lines if ln.get_visible() and len(ln.get_xdata()) and not empty]
        key = (tuple(shown), self.style)
        if key == self._legend_shown:
            return  # the same entries in the same colours: building it again costs ~3 ms
        self._legend_shown = key
        legend = self.trend_ax.legend(
            handles=shown,
            fontsize=self.style.font_size,
            labelcolor=self.style.foreground,
            **_LEGEND,
        )
        legend.set_visible(bool(shown))
        optional(self.figure, legend, key="legend")


# On its own row between the title and the chart: it never covers the data or the title.
_LEGEND = {
    "loc": "lower left",
    "bbox_to_anchor": (0.0, 1.0),
    "ncols": 4,
    "frameon": False,
    "borderaxespad": 0.2,
    "handlelength": 1.6,
}


class _SettledLayout(fitted_layout_class()):
    """Constrained layout that runs again only when the figure's size or `key` changes.

    The layout is most of a draw; a new range keeps the same margins unless the labels that
    shape them (the net-steps digits, the legend) change, so redraws skip it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.key: object = None
        self._done: object = None

    def execute(self, fig) -> None:
        state = (tuple(fig.get_size_inches()), fig.dpi, self.key)
        if state != self._done:
            super().execute(fig)
            self._done = state


def net_or_none(values: np.ndarray):
    return (None if np.isnan(v) else int(v) for v in values)


def date_ticks(days: Sequence[dt.date], most: int = 10) -> tuple[list[int], list[str]]:
    """Tick indexes and labels for a run of consecutive days: at most about nine of them,
    and never more than `most` (a narrow chart gets fewer labels, not smaller ones)."""
    n = len(days)
    if n == 0:
        return [], []
    if n <= min(10, most):
        picks = list(range(n))
    elif n <= 10:
        picks = list(range(0, n, -(-n // most)))
    elif n <= 70:
        picks = [i for i, d in enumerate(days) if d.weekday() == 0]
    else:
        step = 1 if n <= 240 else 2 if n <= 480 else 3 if n <= 1100 else 12
        picks = [i for i, d in enumerate(days) if d.day == 1 and (d.month - 1) % step == 0]
    if len(picks) > most:
        picks = picks[:: -(-len(picks) // most)]
    labels = []
    for k, i in enumerate(picks):
        d = days[i]
        if n <= 70:
            new_month = k == 0 or d.month != days[picks[k - 1]].month
            labels.append(f"{d.day} {_MONTHS[d.month - 1]}" if new_month else str(d.day))
        elif step == 12:
            labels.append(str(d.year))
        else:
            new_year = k == 0 or d.month == 1
            labels.append(f"{_MONTHS[d.month - 1]} {d.year}" if new_year else _MONTHS[d.month - 1])
    return picks, labels


DENSE_DAYS = 92  # beyond about three months a bar is a pixel or two wide


def day_bars(heights: Sequence[float]) -> list[np.ndarray]:
    """Polygons for one bar a day (x = the day's index), from 0 to each height.

    Up to DENSE_DAYS: a rectangle per non-zero day, with gaps. Beyond: the bars touch, so
    they are one stepped outline, a single polygon that draws many times faster.
    """
    h = np.asarray(heights, dtype=float)
    x = np.arange(len(h), dtype=float)
    if len(h) > DENSE_DAYS:
        xs = np.column_stack([x - 0.5, x + 0.5]).ravel()
        ys = np.repeat(h, 2)
        return [np.column_stack([np.r_[-0.5, xs, x[-1] + 0.5], np.r_[0.0, ys, 0.0]])]
    keep = h != 0
    left, right, h = x[keep] - 0.4, x[keep] + 0.4, h[keep]
    zero = np.zeros_like(h)
    xs = np.stack([left, left, right, right], axis=1)
    ys = np.stack([zero, h, h, zero], axis=1)
    return list(np.stack([xs, ys], axis=2))


def steps_figure(
    series: DailySeries,
    style: ChartStyle = LIGHT,
    *,
    title: str | None = None,
    must_stop: bool = False,
    annotate: bool = True,
):
    """The steps chart as a Figure; its StepsChart (for in-place updates) is `fig.steps_chart`."""
    chart = StepsChart(series, style, title=title, must_stop=must_stop, annotate=annotate)
    chart.figure.steps_chart = chart
    return chart.figure


def update(fig, series: DailySeries | None = None, style: ChartStyle | None = None) -> None:
    """New range and/or theme for a figure made by steps_figure, without rebuilding it."""
    chart: StepsChart = fig.steps_chart
    if style is not None:
        chart.set_style(style)
    if series is not None:
        chart.set_data(series)


# -- a year of days ----------------------------------------------------------------------------


NOTHING_DUE = -1.0  # a cell value below the colour scale: nothing was scheduled that day


def calendar_grid(days: Sequence[dt.date], rates: Sequence[float | None]) -> np.ma.MaskedArray:
    """7 rows (Monday first) by one column per week; masked outside the days given."""
    first = days[0] - dt.timedelta(days=days[0].weekday())
    weeks = (days[-1] - first).days // 7 + 1
    grid = np.ma.masked_all((7, weeks))
    for day, rate in zip(days, rates, strict=True):
        col = (day - first).days // 7
        grid[day.weekday(), col] = NOTHING_DUE if rate is None else rate
    return grid


def _span(first: dt.date, last: dt.date) -> str:
    if (first.year, first.month) == (last.year, last.month):
        return f"{_MONTHS[last.month - 1]} {last.year}"
    start = _MONTHS[first.month - 1] + ("" if first.year == last.year else f" {first.year}")
    return f"{start} to {_MONTHS[last.month - 1]} {last.year}"


def heatmap_figure(
    days: Sequence[dt.date],
    rates: Sequence[float | None],
    style: ChartStyle = LIGHT,
    *,
    title: str = "Each day: the share of your commitments kept",
    slips: Sequence[int] | None = None,
    must_stop: bool = False,
):
    """One cell a day, Monday at the top. A day with a slip is hatched; for a goal that must
    stop completely it is drawn in the slip colour, plainly, and never as a share of green."""
    fig = new_figure(style, 8.0, 2.2)
    ax = fig.subplots()
    style_axes(ax, style)
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(False)
    # The title and the dates belong to the figure, from its left edge: on a narrow map (a
    # month) the axes' own titles would run into each other and past the right edge.
    head = fig.suptitle(
        title, x=0.01, ha="left", fontsize=style.font_size + 1, color=style.foreground, wrap=True
    )
    optional(fig, head)
    if not days or all(r is None for r in rates):
        return _empty_chart(fig, ax, EMPTY_HEATMAP, style)
    slips = list(slips) if slips is not None else [0] * len(days)
    if must_stop:  # kept or not recorded: the same calm colour; the slips stand out
        rates = [r if r is None else 1.0 for r in rates]
    grid = calendar_grid(days, rates)
    cmap = LinearSegmentedColormap.from_list(
        "completion", [_mix(style.kept, style.background, 0.2), style.kept]
    ).with_extremes(
        under=_mix(style.muted, style.background, 0.38),  # nothing scheduled: neutral
        bad=(0, 0, 0, 0),  # outside the range: not drawn
    )
    ax.pcolormesh(
        grid,
        cmap=cmap,
        vmin=0.0,
        vmax=1.0,
        edgecolors=style.background,
        linewidth=1.2,
        gid="heatmap",
    )
    first = days[0] - dt.timedelta(days=days[0].weekday())
    cells = [
        [(c, r), (c, r + 1), (c + 1, r + 1), (c + 1, r)]
        for day, n in zip(days, slips, strict=True)
        if n
        for c, r in [((day - first).days // 7, day.weekday())]
    ]
    marks = PolyCollection(
        cells,
        facecolors=style.slipped if must_stop else "none",
        edgecolors=style.background if must_stop else style.slipped,
        linewidths=1.2 if must_stop else 0,
        hatch=SLIP_HATCH,
        gid="slip_days",
    )
    ax.add_collection(marks)
    ax.set_aspect("equal")
    ax.set_anchor("W")  # a short range sits on the left, under its title
    ax.set_xlim(0, grid.shape[1])
    ax.set_ylim(7, 0)  # Monday at the top
    ax.set_yticks([0.5, 2.5, 4.5, 6.5], ["Mon", "Wed", "Fri", "Sun"])
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    ticks, labels = [], []
    for day in days:
        if day.day == 1 or day == days[0]:
            col = (day - first).days // 7
            if ticks and col - ticks[-1] < 3:  # the range began just before a month did
                ticks.pop(), labels.pop()
            ticks.append(col)
            labels.append(_MONTHS[day.month - 1])
    ax.set_xticks([c + 0.1 for c in ticks], labels, ha="left")
    # The years on a line of their own under the title: on the month labels they would run
    # into each other.
    when = ax.set_title(
        _span(days[0], days[-1]), loc="left", fontsize=style.font_size, color=style.muted
    )
    optional(fig, when)
    # The key in words (the shades are explained, not only shown) in the layout's bottom row.
    key = (
        "clay, hatched: a day with a slip · green: no slip · grey: nothing was due"
        if must_stop
        else "stronger green: more kept · hatched: a day with a slip · grey: nothing was due"
    )
    note = fig.supxlabel(
        key, x=0.01, ha="left", color=style.muted, fontsize=style.font_size - 1, wrap=True
    )
    note.set_gid("heatmap_key")
    optional(fig, note)
    return fig


# -- each commitment ---------------------------------------------------------------------------


def fit_label(text: str, width: int = 30, lines: int = 2) -> str:
    """Wrap a label to at most `lines` lines of `width` characters, ending with … if cut."""
    wrapped = textwrap.wrap(" ".join(text.split()), width, break_long_words=True) or [""]
    if len(wrapped) <= lines:
        return "\n".join(wrapped)
    last = textwrap.shorten(" ".join(wrapped[lines - 1 :]), width, placeholder="…")
    if last == "…":  # the next word alone is longer than the line
        last = wrapped[lines - 1][: width - 1] + "…"
    return "\n".join([*wrapped[: lines - 1], last])


def commitment_rates_figure(
    labels: Sequence[str],
    rates: Sequence[float | None],
    style: ChartStyle = LIGHT,
    *,
    title: str = "How often each commitment was kept",
    notes: Sequence[str] | None = None,
):
    """`notes`: what to write beside a commitment with no rate yet ("due today, not marked
    yet"); by default "nothing due"."""
    fig = new_figure(style, 8.0, 3.6)
    ax = fig.subplots()
    style_axes(ax, style)
    # From the figure's left edge: the labels push the axes right, and a title starting
    # there would run off a narrow chart.
    head = fig.suptitle(
        title, x=0.01, ha="left", fontsize=style.font_size + 1, color=style.foreground, wrap=True
    )
    optional(fig, head)
    if not labels:
        return _empty_chart(fig, ax, EMPTY_RATES, style)
    n = len(labels)
    ys = np.arange(n)
    values = [0.0 if r is None else r for r in rates]
    ax.barh(ys, [1.0] * n, height=0.62, color=style.grid, gid="rate_track")
    ax.barh(ys, values, height=0.62, color=style.kept, gid="rates")
    notes = list(notes) if notes is not None else ["nothing due"] * n
    for y, rate, note in zip(ys, rates, notes, strict=True):
        kw = {"va": "center", "fontsize": style.font_size, "gid": "rate_value"}
        if rate is None:  # inside the empty track, so it needs no room beside it
            ax.text(0.02, y, note, color=style.foreground, **kw)
        else:
            ax.text(1.01, y, f"{rate:.0%}", color=style.foreground, **kw)
    per_label = 2 if n <= 7 else 1

    def fit(width: float) -> None:
        """Shorter label lines and fewer percentages on a narrow chart; the same font."""
        chars = max(12, min(30, int(width * 4.5)))
        ax.set_yticks(ys, [fit_label(t, chars, per_label) for t in labels])
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0] if width >= 5 else [0, 0.5, 1.0])

    fit(fig.get_size_inches()[0])
    on_fit(fig, fit)
    ax.set_ylim(n - 0.5, -0.5)  # first commitment at the top
    ax.set_xlim(0, 1.0)
    ax.xaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.grid(False)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    return fig
