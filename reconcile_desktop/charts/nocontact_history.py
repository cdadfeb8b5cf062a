"""No-contact history: each stretch's length against the target, and urges against slips."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reconcile_desktop.charts.style import (
    LIGHT,
    ChartStyle,
    new_figure,
    on_fit,
    optional,
    style_axes,
)
from reconcile_desktop.core.nocontact.day_counting import Attempt, WeekCount

TICK_SPACING_IN = 0.8  # room for one date label: a narrow chart gets fewer, not smaller ones
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


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
    optional(fig, top.title, bottom.title, *(t for t in top.texts))
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
        marker="X",  # a shape of their own, not only a colour
        markersize=5,
        linestyle="--",
        label="slips",
        gid="slips",
    )
    ax.set_title("Per week: urges resisted and slips", fontsize=style.font_size + 1)
    legend = ax.legend(frameon=False, fontsize=style.font_size, labelcolor=style.foreground)
    optional(ax.figure, legend)
    ax.yaxis.get_major_locator().set_params(integer=True)
    if weeks:
        ax.set_ylim(bottom=0)

    # Labels of our own, as on the plan's charts: a date locator's offset label (a lone
    # "2026-Dec" under the axis) says nothing the labels do not.
    def fit(width: float) -> None:
        ticks, labels = week_ticks(starts, most=max(2, int(width / TICK_SPACING_IN)))
        ax.set_xticks([mdates.date2num(d) for d in ticks], labels)

    fit(ax.figure.get_size_inches()[0])
    on_fit(ax.figure, fit)
    if starts:
        pad = 3.5
        ax.set_xlim(mdates.date2num(starts[0]) - pad, mdates.date2num(starts[-1]) + pad)


def week_ticks(starts: Sequence[dt.date], most: int) -> tuple[list[dt.date], list[str]]:
    """Some week starts and their labels: "5 Jan", then the day alone until the month changes;
    the year with the first label and each January."""
    picks = list(starts[:: max(1, -(-len(starts) // most))])
    labels = []
    for k, d in enumerate(picks):
        prev = picks[k - 1] if k else None
        month = _MONTHS[d.month - 1]
        if prev is None or d.year != prev.year:
            labels.append(f"{d.day} {month} {d.year}")
        elif d.month != prev.month:
            labels.append(f"{d.day} {month}")
        else:
            labels.append(str(d.day))
    return picks, labels
