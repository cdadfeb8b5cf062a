"""The no-contact history chart draws the numbers it is given (rendered with Agg)."""

from __future__ import annotations

import datetime as dt

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from reconcile_desktop.charts.nocontact_history import history_figure  # noqa: E402
from reconcile_desktop.charts.style import DARK  # noqa: E402
from reconcile_desktop.core.nocontact.day_counting import Attempt, WeekCount  # noqa: E402

D = dt.date


def _by_gid(fig, gid):
    return [a for ax in fig.axes for a in ax.get_children() if a.get_gid() == gid]


def test_attempt_bars_and_target_line_match_the_data(tmp_path):
    attempts = [
        Attempt(D(2026, 1, 1), D(2026, 1, 15), 14, "i_contacted"),
        Attempt(D(2026, 1, 15), None, 31, None),
    ]
    weeks = [WeekCount(D(2026, 1, 5), 3, 0), WeekCount(D(2026, 1, 12), 1, 1)]
    fig = history_figure(attempts, 45, weeks)
    bars = fig.axes[0].patches
    assert [round(b.get_height()) for b in bars] == [14, 31]
    (target,) = _by_gid(fig, "target")
    assert list(target.get_ydata()) == [45, 45]
    (urges,) = _by_gid(fig, "urges")
    (slips,) = _by_gid(fig, "slips")
    assert list(urges.get_ydata()) == [3, 1] and list(slips.get_ydata()) == [0, 1]
    fig.savefig(tmp_path / "h.png")
    assert (tmp_path / "h.png").stat().st_size > 1000


def test_empty_history_and_dark_style_render():
    fig = history_figure([Attempt(D(2026, 1, 1), None, 0, None)], 30, [], DARK)
    FigureCanvasAgg(fig).draw()  # would raise if the empty weekly axis could not lay out
    assert fig.get_facecolor()[:3] == matplotlib.colors.to_rgb(DARK.background)


def test_a_single_week_draws_without_warnings():
    weeks = [WeekCount(D(2026, 1, 5), 2, 1)]
    fig = history_figure([Attempt(D(2026, 1, 5), None, 3, None)], 30, weeks)
    FigureCanvasAgg(fig).draw()  # filterwarnings=error turns a locator warning into a failure
    assert [t.get_text() for t in fig.axes[1].get_xticklabels()] == ["5 Jan 2026"]


def test_dates_are_labelled_without_a_stray_year_month_label_and_slips_have_a_shape():
    start = D(2026, 9, 21)
    weeks = [WeekCount(start + dt.timedelta(weeks=i), 3, i % 2) for i in range(11)]
    fig = history_figure([Attempt(start, None, 75, None)], 60, weeks)
    FigureCanvasAgg(fig).draw()
    ax = fig.axes[1]
    assert ax.xaxis.get_offset_text().get_text() == ""  # no lone "2026-Dec" under the axis
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels[0] == "21 Sep 2026" and "Oct" in " ".join(labels)
    urges, slips = (ax.get_lines()[0], ax.get_lines()[1])
    assert urges.get_marker() != slips.get_marker()
