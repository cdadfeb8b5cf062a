"""Charts at small sizes keep readable labels (fewer of them, never smaller) and never
collapse: pytest turns matplotlib's "constrained_layout not applied" warning into a failure."""

from __future__ import annotations

import datetime as dt

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from reconcile_desktop.charts import progress_charts as pc  # noqa: E402
from reconcile_desktop.charts.nocontact_history import history_figure  # noqa: E402
from reconcile_desktop.charts.style import DARK, LIGHT  # noqa: E402
from reconcile_desktop.core.nocontact.day_counting import Attempt, WeekCount  # noqa: E402
from reconcile_desktop.core.plans.progress import DailySeries  # noqa: E402

START = dt.date(2024, 1, 1)
DAYS = [START + dt.timedelta(days=i) for i in range(90)]
SERIES = DailySeries(DAYS, [1] * 90, [i % 5 == 0 for i in range(90)], list(range(90)), [0.5] * 90)
LABELS = ["Walk away and breathe for ten minutes", "Name the feeling out loud", "Call Sam"]

FIGURES = {
    "steps": lambda style: pc.steps_figure(SERIES, style),
    "steps_stop": lambda style: pc.steps_figure(SERIES, style, must_stop=True),
    "calendar_month": lambda style: pc.heatmap_figure(DAYS[:30], [0.5] * 30, style),
    "calendar_year": lambda style: pc.heatmap_figure(
        [START + dt.timedelta(days=i) for i in range(365)], [0.7] * 365, style
    ),
    "rates": lambda style: pc.commitment_rates_figure(LABELS, [0.8, None, 0.5], style),
    "history": lambda style: history_figure(
        [Attempt(START, DAYS[9], 9, "contact"), Attempt(DAYS[9], None, 70, None)],
        60,
        [WeekCount(DAYS[7 * i], i % 4, i % 2) for i in range(12)],
        style,
    ),
}
# Pixels at 100 dpi, as the Qt canvas sizes them: the charts tab of a 500x350 window, and less.
SIZES = [(500, 350), (480, 220), (360, 160), (240, 120), (160, 90)]


@pytest.mark.parametrize("name", sorted(FIGURES))
@pytest.mark.parametrize("size", SIZES)
def test_a_small_chart_is_laid_out_without_collapsing(name, size):
    for style in (LIGHT, DARK):
        fig = FIGURES[name](style)
        fig.set_size_inches(size[0] / 100, size[1] / 100)
        FigureCanvasAgg(fig).draw()  # a collapse warning fails the test
        for ax in fig.axes:
            if ax.get_visible() and ax.axison:
                box = ax.get_position()
                assert box.width > 0 and box.height > 0


def test_a_narrow_steps_chart_gets_fewer_date_labels_at_the_same_size():
    two_months = DailySeries(DAYS[:60], [1] * 60, [0] * 60, list(range(60)), [0.5] * 60)
    wide = pc.steps_figure(two_months)
    narrow = pc.steps_figure(two_months)
    narrow.set_size_inches(3.0, 2.5)
    for fig in (wide, narrow):
        FigureCanvasAgg(fig).draw()
    wide_labels = [t for t in wide.steps_chart.bars_ax.get_xticklabels() if t.get_text()]
    narrow_labels = [t for t in narrow.steps_chart.bars_ax.get_xticklabels() if t.get_text()]
    assert 2 <= len(narrow_labels) < len(wide_labels)
    assert {t.get_fontsize() for t in narrow_labels} == {t.get_fontsize() for t in wide_labels}


def test_titles_come_back_when_a_tiny_chart_grows_again():
    fig = pc.steps_figure(SERIES)
    canvas = FigureCanvasAgg(fig)
    fig.set_size_inches(1.6, 0.9)
    canvas.draw()
    fig.set_size_inches(8, 4)
    canvas.draw()
    assert fig.steps_chart.trend_ax.title.get_visible()
    assert fig.steps_chart.trend_ax.get_legend().get_visible()


def test_a_narrow_rates_chart_keeps_its_title_and_labels_inside_and_apart():
    fig = pc.commitment_rates_figure(LABELS, [0.8, None, 0.5], notes=["", "due today", ""])
    fig.set_size_inches(3.4, 3.0)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    width = fig.bbox.width
    assert fig._suptitle.get_window_extent(renderer).x1 <= width  # the title is not cut
    ticks = [t.get_window_extent(renderer) for t in fig.axes[0].get_xticklabels()]
    assert all(a.x1 < b.x0 for a, b in zip(ticks, ticks[1:], strict=False))  # apart
    for label in fig.axes[0].get_yticklabels():
        assert label.get_window_extent(renderer).x0 >= 0
