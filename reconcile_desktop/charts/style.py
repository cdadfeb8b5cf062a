"""Chart colours that follow the app's palette; ui/widgets/theme.py picks light or dark."""

from __future__ import annotations

import functools
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
    """A pyplot-free Figure (no global state, safe off the GUI thread), laid out by
    FittedLayout so that it stays readable however small its widget gets."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, facecolor=style.background)
    fig.set_layout_engine(fitted_layout())
    return fig


def optional(fig, *artists, key: str | None = None) -> None:
    """Mark titles, legends and notes the chart can do without when its widget is tiny.
    `key` names a slot for an artist that is rebuilt (a legend), so the old one is let go."""
    marked = fig.__dict__.setdefault("optional_artists", {})
    for artist in artists:
        marked[key or id(artist)] = artist


def on_fit(fig, hook) -> None:
    """hook(width_in_inches) runs before each layout: fewer ticks on a narrow chart, never
    smaller fonts."""
    fig.__dict__.setdefault("fit_hooks", []).append(hook)


def fitted_layout(**kwargs):
    """The constrained layout, made unable to collapse: see FittedLayout."""
    return fitted_layout_class()(**kwargs)


@functools.cache
def fitted_layout_class():
    """Built on first use, so importing this module does not import matplotlib."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    class FittedLayout(ConstrainedLayoutEngine):
        """Constrained layout that never gives up on a small figure.

        matplotlib warns "constrained_layout not applied" and leaves the axes squashed when
        the labels need more room than the figure has. Here the labels are first thinned (the
        fit hooks), then, if the layout would still collapse, the optional decorations (titles,
        legends, notes) step aside for this size, and last the tick labels; they come back
        when the figure is larger. Layout runs on the GUI thread, where the figure is drawn.
        """

        def execute(self, fig) -> None:
            width = fig.get_size_inches()[0]
            for hook in fig.__dict__.get("fit_hooks", ()):
                hook(width)
            hidden = fig.__dict__.pop("hidden_for_size", {})
            for artist, visible in hidden.items():
                artist.set_visible(visible)
            if self._fits(fig):
                return
            marked = fig.__dict__.get("optional_artists", {})
            optional = [a for a in marked.values() if a.get_visible()]
            hidden = {a: True for a in optional}
            for a in optional:
                a.set_visible(False)
            fig.__dict__["hidden_for_size"] = hidden
            if self._fits(fig):
                return
            for label in (t for ax in fig.axes for t in (*ax.get_xticklabels(),
                          *ax.get_yticklabels()) if t.get_visible()):  # fmt: skip
                hidden[label] = True
                label.set_visible(False)
            for ax in fig.axes:
                for text in (ax.title, ax._left_title, ax._right_title):
                    if text.get_visible():
                        hidden[text] = True
                        text.set_visible(False)
            self._fits(fig)

        def _fits(self, fig) -> bool:
            import warnings

            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                super().execute(fig)
            collapsed = [w for w in caught if "collapsed" in str(w.message)]
            for w in caught:
                if w not in collapsed:  # anything else is news: pass it on
                    warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
            return not collapsed

    return FittedLayout


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
