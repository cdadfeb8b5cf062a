"""No-contact history: each stretch's length against the target, and urges against slips."""

from __future__ import annotations

from collections.abc import Sequence

from reconcile_desktop.charts.style import LIGHT, ChartStyle, new_figure, style_axes
from reconcile_desktop.core.nocontact.day_counting import Attempt, WeekCount


def history_figure(
    attempts: Sequence[Attempt],
    target_days: int,
    weeks: Sequence[WeekCount],
    style: ChartStyle = LIGHT,
):
    fig = new_figure(style, 8.0, 4.2)
    top, bottom = fig.subplots(2, 1, height_ratios=(1.1, 1.0))
    _attempts(top, attempts, target_days, style)
    _weeks(bottom, weeks, style)
    return fig


def _attempts(ax, attempts: Sequence[Attempt], target_days: int, style: ChartStyle) -> None:
    style_axes(ax, style)
    xs = list(range(1, len(attempts) + 1))
    days = [a.days for a in attempts]
    colours = [style.line if a.end_date is None else style.kept for a in attempts]
    ax.bar(xs, days, color=colours, width=0.6, gid="attempts")
    ax.axhline(target_days, color=style.target, linestyle="--", linewidth=1.2, gid="target")
    ax.text(
        0.99,
        target_days,
        f" target {target_days} days",
        color=style.target,
        fontsize=style.font_size,
        va="bottom",
        ha="right",
        transform=ax.get_yaxis_transform(),
    )
    ax.set_title(
        "Each stretch, in days (the last one is still running)", fontsize=style.font_size + 1
    )
    ax.set_xticks(xs, [f"#{x}" for x in xs] if len(xs) <= 20 else None)
    ax.set_ylim(0, max([target_days, *days]) * 1.15)


def _weeks(ax, weeks: Sequence[WeekCount], style: ChartStyle) -> None:
    import matplotlib.dates as mdates

    style_axes(ax, style)
    starts = [w.week_start for w in weeks]
    ax.plot(
        starts,
        [w.urges for w in weeks],
        color=style.kept,
        marker="o",
        markersize=3,
        label="urges resisted",
        gid="urges",
    )
    ax.plot(
        starts,
        [w.slips for w in weeks],
        color=style.slipped,
        marker="o",
        markersize=3,
        label="slips",
        gid="slips",
    )
    ax.set_title("Per week: urges resisted and slips", fontsize=style.font_size + 1)
    ax.legend(frameon=False, fontsize=style.font_size, labelcolor=style.foreground)
    ax.yaxis.get_major_locator().set_params(integer=True)
    if weeks:
        ax.set_ylim(bottom=0)
    if len(starts) >= 2:
        locator = mdates.AutoDateLocator(maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    else:  # one week: AutoDateLocator cannot pick an interval for a single point
        ax.set_xticks(starts, [f"{d:%d %b}" for d in starts])
