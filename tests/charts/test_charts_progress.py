"""The change-plan charts draw the numbers they are given (rendered with Agg).

1 January 2024 is a Monday, so `D(n)` is that Monday + n days.
"""

from __future__ import annotations

import datetime as dt
import random

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.colors import to_rgb, to_rgba  # noqa: E402
from matplotlib.layout_engine import ConstrainedLayoutEngine  # noqa: E402

from reconcile_desktop.charts import progress_charts as pc  # noqa: E402
from reconcile_desktop.charts.style import DARK, LIGHT  # noqa: E402
from reconcile_desktop.core.plans import progress  # noqa: E402
from reconcile_desktop.core.plans.progress import CommitmentHistory, DailySeries, Schedule  # noqa: E402

MON = dt.date(2024, 1, 1)


def D(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


def _by_gid(fig, gid):
    return fig.findobj(lambda a: a.get_gid() == gid)


def _one(fig, gid):
    (artist,) = _by_gid(fig, gid)
    return artist


def _draw(fig):
    FigureCanvasAgg(fig).draw()
    return fig


def _rects(collection):
    """(centre x, height) of each rectangle a sparse bar collection holds."""
    out = []
    for path in collection.get_paths():
        xs, ys = path.vertices[:, 0], path.vertices[:, 1]
        out.append((round((xs.min() + xs.max()) / 2, 6), ys[np.abs(ys).argmax()]))
    return out


# A week: Mon..Fri marked, Saturday is after today (nothing known yet).
WEEK = DailySeries(
    days=[D(i) for i in range(6)],
    kept=[1, 0, 2, 0, 3, 0],
    slipped=[0, 1, 0, 0, 1, 0],
    net_steps=[5, 4, 6, 6, 8, None],
    strength=[0.5, 0.45, 0.5, 0.5, 0.55, None],
)


def _histories(n=8, days=730, seed=3):
    rnd = random.Random(seed)
    start = D(0)
    out = []
    for cid in range(n):
        marks = {}
        for i in range(days):
            r = rnd.random()
            if r < 0.85:
                marks[D(i)] = "kept" if r < 0.7 else "slipped"
        out.append(CommitmentHistory(cid, start, schedules=(Schedule(start),), checkins=marks))
    return out


# --- the steps chart --------------------------------------------------------------------------


def test_steps_chart_draws_the_series_it_is_given():
    fig = _draw(pc.steps_figure(WEEK))
    assert _rects(_one(fig, "kept")) == [(0, 1), (2, 2), (4, 3)]  # zero days draw nothing
    assert _rects(_one(fig, "slipped")) == [(1, -1), (4, -1)]  # slips go down
    net = _one(fig, "net_steps")
    np.testing.assert_array_equal(net.get_xdata(), np.arange(6))
    np.testing.assert_array_equal(net.get_ydata(), [5, 4, 6, 6, 8, np.nan])  # stops at today
    strength = _one(fig, "strength")
    np.testing.assert_allclose(strength.get_ydata(), [0.5, 0.45, 0.5, 0.5, 0.55, np.nan])
    assert strength.axes is not net.axes  # its own 0-100% axis
    assert strength.axes.get_ylim()[0] == 0 and strength.axes.get_ylim()[1] >= 1
    # A step back on Tuesday (net fell below its best), back to the best on Wednesday.
    assert list(_one(fig, "dips").get_xydata()[:, 0]) == [1]
    assert list(_one(fig, "recoveries").get_xydata()[:, 0]) == [2]
    labels = [t.get_text() for t in net.axes.get_legend().get_texts()]
    assert labels == ["net steps", "strength", "a step back", "back to your best"]
    ticks = [t.get_text() for t in fig.steps_chart.bars_ax.get_xticklabels()]
    assert ticks == ["1 Jan", "2", "3", "4", "5", "6"]
    assert _one(fig, "empty_message").get_text() == ""


def test_annotations_can_be_left_out():
    chart = pc.StepsChart(WEEK, annotate=False)
    assert len(chart._dips.get_xdata()) == 0 and len(chart._back.get_xdata()) == 0
    labels = [t.get_text() for t in chart.trend_ax.get_legend().get_texts()]
    assert labels == ["net steps", "strength"]


def test_step_marks_pair_each_dip_with_its_return():
    assert pc.step_marks([0, 1, 2, 1, 1, 2, 3, 2, None]) == ([3, 7], [5])
    assert pc.step_marks([]) == ([], [])
    assert pc.step_marks([3, 2, 1, 0]) == ([1], [])  # a run of slips is one dip


@given(st.lists(st.integers(-5, 5), max_size=60))
def test_step_marks_alternate_and_come_back_to_the_best(moves):
    net = list(np.cumsum(moves))
    dips, back = pc.step_marks(net)
    assert len(dips) - len(back) in (0, 1)
    order = [i for pair in zip(dips, back + [len(net)], strict=False) for i in pair]
    assert order == sorted(order) and len(set(order)) == len(order)
    for d, b in zip(dips, back, strict=False):
        best = max(net[:d])
        assert net[d] < best <= net[b]
        assert all(v < best for v in net[d:b])


def test_two_years_of_eight_commitments_render_as_one_outline_per_colour():
    hs = _histories()
    today = D(729)
    series = progress.daily_series(hs, D(0), today, today)
    fig = _draw(pc.steps_figure(series))
    for gid, values, sign in (("kept", series.kept, 1), ("slipped", series.slipped, -1)):
        (path,) = _one(fig, gid).get_paths()  # one polygon, not 730 patches
        heights = path.vertices[1 : 1 + 2 * 730 : 2, 1]
        np.testing.assert_array_equal(heights, sign * np.asarray(values))
    net = _one(fig, "net_steps").get_ydata()
    assert net[-1] == sum(progress.net_steps(h, today) for h in hs)
    ticks = [t.get_text() for t in fig.steps_chart.bars_ax.get_xticklabels()]
    assert ticks == ["Jan 2024", "Apr", "Jul", "Oct", "Jan 2025", "Apr", "Jul", "Oct"]


def test_in_place_updates_keep_the_artists_and_follow_range_and_theme():
    fig = _draw(pc.steps_figure(WEEK, LIGHT))
    chart = fig.steps_chart
    kept, net = _one(fig, "kept"), _one(fig, "net_steps")
    shorter = DailySeries(WEEK.days[:3], [4, 0, 1], [0, 2, 0], [9, 7, 8], [0.6, 0.55, 0.58])
    pc.update(fig, shorter, DARK)
    assert _one(fig, "kept") is kept and _one(fig, "net_steps") is net
    assert _rects(kept) == [(0, 4), (2, 1)]
    np.testing.assert_array_equal(net.get_ydata(), [9, 7, 8])
    assert chart.bars_ax.get_xlim() == pytest.approx((-0.6, 2.6))
    assert chart.bars_ax.get_ylim()[0] < -2 and chart.bars_ax.get_ylim()[1] > 4
    assert fig.get_facecolor()[:3] == to_rgb(DARK.background)
    assert tuple(kept.get_facecolor()[0]) == to_rgba(DARK.kept)
    assert net.get_color() == DARK.line
    legend_colour = chart.trend_ax.get_legend().get_texts()[0].get_color()
    assert tuple(to_rgba(legend_colour)) == to_rgba(DARK.foreground)
    _draw(fig)
    chart.set_style(LIGHT)
    assert fig.get_facecolor()[:3] == to_rgb(LIGHT.background)
    assert tuple(_one(fig, "slipped").get_facecolor()[0]) == to_rgba(LIGHT.slipped)


def test_a_new_range_with_the_same_margins_skips_the_layout(monkeypatch):
    runs = []
    real = ConstrainedLayoutEngine.execute
    monkeypatch.setattr(
        ConstrainedLayoutEngine, "execute", lambda self, fig: runs.append(1) or real(self, fig)
    )
    chart = pc.StepsChart(WEEK)
    canvas = FigureCanvasAgg(chart.figure)
    canvas.draw()
    assert len(runs) == 1
    # A range with no dip (a shorter legend) and the same digits on the net axis.
    chart.set_data(DailySeries(WEEK.days[:5], [1] * 5, [0] * 5, [4, 5, 6, 7, 8], [0.5] * 5))
    chart.set_style(DARK)
    canvas.draw()
    assert len(runs) == 1
    chart.set_data(DailySeries(WEEK.days[:2], [1, 1], [0, 0], [5000, 5001], [0.5, 0.5]))
    canvas.draw()
    assert len(runs) == 2  # wider tick labels
    chart.figure.set_size_inches(6, 4)
    canvas.draw()
    assert len(runs) == 3  # the window was resized


def test_going_back_to_narrower_labels_keeps_the_plot_in_place(monkeypatch):
    runs = []
    real = ConstrainedLayoutEngine.execute
    monkeypatch.setattr(
        ConstrainedLayoutEngine, "execute", lambda self, fig: runs.append(1) or real(self, fig)
    )
    chart = pc.StepsChart(DailySeries(WEEK.days[:2], [1, 1], [0, 0], [5000, 5001], [0.5] * 2))
    canvas = FigureCanvasAgg(chart.figure)
    canvas.draw()
    wide = chart.trend_ax.get_position().bounds
    chart.set_data(WEEK)  # one-digit net steps: room is kept for the four-digit ones
    canvas.draw()
    assert len(runs) == 1 and chart.trend_ax.get_position().bounds == wide
    labels = [t for t in chart.trend_ax.get_yticklabels() if t.get_text()]
    renderer = canvas.get_renderer()
    assert labels and all(t.get_window_extent(renderer).x0 >= 0 for t in labels)


def test_must_stop_goals_show_slips_plainly_without_a_net_line():
    fig = _draw(pc.steps_figure(WEEK, must_stop=True, title="Stop shouting"))
    chart = fig.steps_chart
    assert not _one(fig, "net_steps").get_visible()
    assert not _one(fig, "dips").get_visible() and not _one(fig, "recoveries").get_visible()
    assert _rects(_one(fig, "slipped")) == [(1, -1), (4, -1)]
    assert _one(fig, "slip_count").get_text() == "2 slips in this range"
    labels = [t.get_text() for t in chart.trend_ax.get_legend().get_texts()]
    assert labels == ["strength"]
    assert chart.trend_ax.get_title(loc="left") == "Stop shouting"
    chart.set_data(DailySeries(WEEK.days[:2], [1, 1], [0, 0], [1, 2], [0.1, 0.2]))
    assert _one(fig, "slip_count").get_text() == "No slips in this range"
    assert "net" not in pc.describe_day(WEEK, 0, must_stop=True).lower()


@pytest.mark.parametrize(
    "series",
    [
        DailySeries([], [], [], [], []),
        DailySeries([D(0), D(1)], [0, 0], [0, 0], [0, 0], [0.0, 0.0]),  # nothing marked
    ],
)
def test_an_empty_range_says_so_kindly(series):
    fig = _draw(pc.steps_figure(series, DARK))
    chart = fig.steps_chart
    assert _one(fig, "empty_message").get_text() == pc.EMPTY_STEPS
    assert not chart.trend_ax.axison and not chart.bars_ax.axison
    assert not chart.trend_ax.get_legend().get_visible()
    chart.set_data(WEEK)  # the first check-in arrives
    _draw(fig)
    assert _one(fig, "empty_message").get_text() == ""
    assert chart.trend_ax.axison and chart.trend_ax.get_legend().get_visible()
    stop = pc.steps_figure(series, must_stop=True)
    assert _one(stop, "empty_message").get_text() == pc.EMPTY_STEPS_STOP


def test_long_titles_are_shortened_to_one_line():
    chart = pc.StepsChart(WEEK, title="Listen all the way to the end, " * 5)
    title = chart.trend_ax.get_title(loc="left")
    assert len(title) <= 70 and "\n" not in title and title.endswith("…")


def test_describe_day_gives_the_tooltip_text():
    assert pc.describe_day(WEEK, 0) == (
        "Mon 1 Jan 2024\nKept 1, slipped 0\nNet steps so far: +5\nStrength: 50%"
    )
    assert pc.describe_day(WEEK, 5) == "Sat 6 Jan 2024\nStill ahead."
    neg = DailySeries([D(1)], [0], [2], [-2], [None])
    assert pc.describe_day(neg, 0) == "Tue 2 Jan 2024\nKept 0, slipped 2\nNet steps so far: -2"


def test_index_at_maps_the_mouse_to_a_day():
    chart = pc.StepsChart(WEEK)
    assert [chart.index_at(x) for x in (0.0, 2.4, 5.4)] == [0, 2, 5]
    assert [chart.index_at(x) for x in (None, -0.6, 5.6)] == [None, None, None]


@pytest.mark.parametrize(
    ("start", "n", "labels"),
    [
        (D(0), 3, ["1 Jan", "2", "3"]),
        (D(14), 31, ["15 Jan", "22", "29", "5 Feb", "12"]),
        (dt.date(2024, 7, 1), 365, ["Jul 2024", "Sep", "Nov", "Jan 2025", "Mar", "May"]),
        (dt.date(2020, 3, 5), 1500, ["2021", "2022", "2023", "2024"]),
    ],
)
def test_date_ticks(start, n, labels):
    days = [start + dt.timedelta(days=i) for i in range(n)]
    picks, got = pc.date_ticks(days)
    assert got == labels
    assert all(days[i].day == 1 for i in picks) or n <= 70
    assert pc.date_ticks([]) == ([], [])


@given(st.lists(st.integers(-8, 8), min_size=1, max_size=200))
def test_day_bars_reach_each_days_height(heights):
    polys = pc.day_bars(heights)
    if len(heights) > pc.DENSE_DAYS:
        (outline,) = polys
        np.testing.assert_array_equal(outline[1::2, 1][: len(heights)], heights)
        assert outline[0, 1] == outline[-1, 1] == 0
    else:
        tops = {round(p[:, 0].mean()): p[1, 1] for p in polys}
        assert tops == {i: h for i, h in enumerate(heights) if h}


# --- the calendar heatmap ---------------------------------------------------------------------


def test_heatmap_places_days_in_week_columns_with_neutral_empty_days():
    days = [D(i) for i in range(2, 14)]  # Wed 3 Jan .. Sun 14 Jan
    rates = [0.5, 1.0, None, 0.0, 0.25] + [0.75] * 7
    fig = _draw(pc.heatmap_figure(days, rates))
    grid = _one(fig, "heatmap").get_array().reshape(7, 2)
    assert grid.mask[0, 0] and grid.mask[1, 0]  # Mon, Tue before the range: not drawn
    assert list(grid[2:, 0]) == [0.5, 1.0, pc.NOTHING_DUE, 0.0, 0.25]
    assert list(grid[:, 1]) == [0.75] * 7
    mesh = _one(fig, "heatmap")
    assert tuple(mesh.cmap.get_under()) != tuple(mesh.cmap(0.0))  # nothing due is not "0% kept"
    assert mesh.get_clim() == (0.0, 1.0)
    assert fig.axes[0].get_title(loc="left") == "Jan 2024"


def test_a_year_heatmap_has_month_labels_and_one_artist():
    start = dt.date(2024, 7, 1)
    days = [start + dt.timedelta(days=i) for i in range(365)]
    rates = [(i % 10) / 10 if i % 7 != 6 else None for i in range(365)]
    for style in (LIGHT, DARK):
        fig = _draw(pc.heatmap_figure(days, rates, style))
        ax = fig.axes[0]
        assert len(_by_gid(fig, "heatmap")) == 1 and not ax.patches
        assert _one(fig, "heatmap").get_array().shape == (7, 53)
        months = [t.get_text() for t in ax.get_xticklabels()]
        assert months[:3] == ["Jul", "Aug", "Sep"] and months[-1] == "Jun" and len(months) == 12
        assert ax.get_title(loc="left") == "Jul 2024 to Jun 2025"
        assert fig.get_facecolor()[:3] == to_rgb(style.background)


def test_an_empty_heatmap_says_so():
    for days, rates in (([], []), ([D(0)], [None])):
        fig = _draw(pc.heatmap_figure(days, rates, DARK))
        assert _one(fig, "empty_message").get_text() == pc.EMPTY_HEATMAP


# --- rates per commitment ---------------------------------------------------------------------


def test_rates_bars_match_and_long_labels_stay_short():
    long = "Pause and breathe before answering whenever I feel the anger rising in my chest"
    fig = _draw(pc.commitment_rates_figure(["Walk", long, "Therapy homework"], [0.82, 1.0, None]))
    ax = fig.axes[0]
    assert [round(p.get_width(), 2) for p in ax.patches if p.get_gid() == "rates"] == [
        0.82,
        1.0,
        0.0,
    ]
    assert [t.get_text() for t in _by_gid(fig, "rate_value")] == ["82%", "100%", "nothing due"]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels[0] == "Walk"
    assert labels[1].count("\n") == 1 and labels[1].endswith("…")
    assert all(len(line) <= 30 for line in labels[1].split("\n"))
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # the first commitment on top


def test_many_commitments_get_one_line_each_and_dark_style():
    labels = [f"Commitment number {i} with a rather long description" for i in range(10)]
    fig = _draw(pc.commitment_rates_figure(labels, [i / 10 for i in range(10)], DARK))
    assert all("\n" not in t.get_text() for t in fig.axes[0].get_yticklabels())
    assert fig.get_facecolor()[:3] == to_rgb(DARK.background)
    empty = _draw(pc.commitment_rates_figure([], []))
    assert _one(empty, "empty_message").get_text() == pc.EMPTY_RATES


@given(st.text(alphabet="ab cdé-xyz", max_size=120), st.integers(2, 40), st.integers(1, 3))
def test_fit_label_respects_width_and_lines(text, width, lines):
    out = pc.fit_label(text, width, lines)
    parts = out.split("\n")
    assert len(parts) <= lines and all(len(p) <= width for p in parts)
    if not out.endswith("…"):
        assert "".join(out.split()) == "".join(text.split())  # only cut when it must


# --- a first-week user ------------------------------------------------------------------------


def _first_days(before: int, marks: list[tuple[int, int]]) -> DailySeries:
    """`before` days with nothing running, then days with (kept, slipped)."""
    n = before + len(marks)
    score = [None] * before + [0.05 * (i + 1) for i in range(len(marks))]
    net, total = [], 0
    for k, s in marks:
        total += k - s
        net.append(total)
    return DailySeries(
        days=[D(i) for i in range(n)],
        kept=[0] * before + [k for k, _ in marks],
        slipped=[0] * before + [s for _, s in marks],
        net_steps=[0] * before + net,
        strength=score,
    )


def test_days_before_the_start_are_shaded_not_drawn_as_zeros():
    fig = _draw(pc.steps_figure(_first_days(3, [(1, 0), (1, 1), (1, 0), (0, 0)])))
    net = _one(fig, "net_steps").get_ydata()
    assert np.isnan(net[:3]).all() and list(net[3:]) == [1, 1, 2, 2]
    shades = _by_gid(fig, "before_start")
    assert len(shades) == 2 and all(s.get_visible() and s.get_width() == 3 for s in shades)
    assert _one(fig, "before_start_label").get_text() == pc.BEFORE_START
    started = _draw(pc.steps_figure(WEEK))
    assert not any(s.get_visible() for s in _by_gid(started, "before_start"))


def test_a_single_point_of_strength_is_drawn_and_has_a_legend_line():
    fig = _draw(pc.steps_figure(_first_days(6, [(1, 0)])))
    strength = _one(fig, "strength")
    assert strength.get_marker() == "o" and list(strength.get_markevery()) == [6]
    legend = fig.steps_chart.trend_ax.get_legend()
    handles = dict(
        zip([t.get_text() for t in legend.get_texts()], legend.legend_handles, strict=True)
    )
    assert handles["strength"].get_marker() == "o"  # a dot beside the word, as on the chart
    longer = _draw(pc.steps_figure(WEEK))
    assert _one(longer, "strength").get_marker() in ("", "None")


def test_slips_have_a_shape_as_well_as_a_colour():
    fig = _draw(pc.steps_figure(WEEK))
    assert _one(fig, "slipped").get_hatch() == pc.SLIP_HATCH
    days = [D(i) for i in range(7)]
    heat = _draw(pc.heatmap_figure(days, [1.0, 0.5] + [1.0] * 5, slips=[0, 1, 0, 0, 0, 0, 0]))
    marks = _one(heat, "slip_days")
    assert marks.get_hatch() == pc.SLIP_HATCH and len(marks.get_paths()) == 1


def test_a_slip_on_a_goal_that_must_stop_is_in_the_slip_colour_not_a_pale_green():
    days = [D(i) for i in range(7)]
    rates = [1.0, 0.0, 1.0, 1.0, 0.0, 1.0, None]  # day 1 slipped, day 4 not recorded
    fig = _draw(pc.heatmap_figure(days, rates, slips=[0, 1, 0, 0, 0, 0, 0], must_stop=True))
    marks = _one(fig, "slip_days")
    assert tuple(marks.get_facecolor()[0]) == to_rgba(LIGHT.slipped)
    assert marks.get_hatch() == pc.SLIP_HATCH
    (cell,) = marks.get_paths()
    assert (cell.vertices.min(axis=0) == [0, 1]).all()  # Tuesday of the first week
    grid = _one(fig, "heatmap").get_array().reshape(7, 1)
    # Never a share of green: without a slip, a day is simply a day without one.
    assert list(grid[:6, 0]) == [1.0] * 6


def test_a_month_heatmap_sits_left_under_a_title_that_overlaps_nothing():
    days = [D(i) for i in range(30)]
    fig = _draw(pc.heatmap_figure(days, [0.5] * 30))
    renderer = fig.canvas.get_renderer()
    title = fig._suptitle.get_window_extent(renderer)
    ax = fig.axes[0]
    subtitle = ax.title.get_window_extent(renderer)
    width = fig.bbox.width
    assert not title.overlaps(subtitle)
    assert title.x0 >= 0 and title.x1 <= width and subtitle.x1 <= width
    assert ax.get_window_extent(renderer).x0 < width * 0.15  # on the left, not pushed right
    key = _one(fig, "heatmap_key").get_window_extent(renderer)
    assert not key.overlaps(ax.get_window_extent(renderer))


def test_rates_name_a_commitment_due_today_instead_of_nothing_due():
    fig = _draw(
        pc.commitment_rates_figure(
            ["Walk", "Call"], [0.5, None], notes=["", "due today, not marked yet"]
        )
    )
    assert [t.get_text() for t in _by_gid(fig, "rate_value")] == [
        "50%",
        "due today, not marked yet",
    ]


def test_an_empty_first_day_draws_no_stray_dot():
    today_only = DailySeries(
        [D(i) for i in range(7)], [0] * 7, [0] * 7, [0] * 7, [None] * 6 + [0.0]
    )
    fig = _draw(pc.steps_figure(today_only, must_stop=True))
    assert _one(fig, "empty_message").get_text() == pc.EMPTY_STEPS_STOP
    assert _one(fig, "strength").get_marker() in ("", "None")
