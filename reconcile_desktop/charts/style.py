"""Chart colours that follow the app's palette; ui/widgets/theme.py picks light or dark."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChartStyle:
    """The one palette of meanings (kept, slipped, strength...): the charts draw with it and the
    window's glyphs and badges take the same colours from it."""

    background: str = "#ffffff"
    foreground: str = "#2b2d31"
    muted: str = "#666b73"  # 4.5:1 or more on the light page
    grid: str = "#e4e6ea"
    # Both are also written as words beside the steps chart: 4.5:1 on the background.
    kept: str = "#337d5f"  # calm green: a step forward
    slipped: str = "#a0603a"  # warm clay, not alarm red: a step back is not a disaster
    line: str = "#3b6ea8"
    strength: str = "#7a5ea8"
    target: str = "#b0913a"
    series: tuple[str, ...] = ("#2f7d74", "#c27c1e", "#6a55a8", "#3a6ea5", "#b04e6a", "#5b8a3a")
    font_size: float = 9.0


LIGHT = ChartStyle()
DARK = ChartStyle(
    background="#1f2125",
    foreground="#e6e7ea",
    muted="#9aa0a8",
    grid="#34373d",
    kept="#5fb891",
    slipped="#dba07a",
    line="#78a6dc",
    strength="#b29ad9",
    target="#d6b95c",
    series=("#7cc8bd", "#e0b36a", "#b8a6e0", "#8fb8e8", "#e79fb0", "#a8cf8e"),
)


def for_scheme(dark: bool) -> ChartStyle:
    return DARK if dark else LIGHT


def new_figure(style: ChartStyle, width: float = 8.0, height: float = 3.6):
    """A pyplot-free Figure (no global state, safe off the GUI thread)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, facecolor=style.background)
    fig.set_layout_engine("constrained")
    return fig


def style_axes(ax, style: ChartStyle) -> None:
    ax.set_facecolor(style.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(style.muted)
    ax.tick_params(colors=style.foreground, labelsize=style.font_size)
    ax.yaxis.label.set_color(style.foreground)
    ax.xaxis.label.set_color(style.foreground)
    ax.title.set_color(style.foreground)
    ax.grid(True, axis="y", color=style.grid, linewidth=0.8)
    ax.set_axisbelow(True)
