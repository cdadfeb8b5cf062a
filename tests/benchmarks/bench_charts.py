"""Steps chart timings for two years x 8 commitments (730 days). A script, not a test:
`.venv/bin/python tests/benchmarks/bench_charts.py`. Targets: first render under 150 ms,
an in-place update (new range or theme) under 60 ms."""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from reconcile_desktop.charts import progress_charts as pc  # noqa: E402
from reconcile_desktop.charts.style import DARK, LIGHT  # noqa: E402
from reconcile_desktop.core import progress  # noqa: E402

TODAY = dt.date(2025, 6, 30)
RUNS = 7


def histories(n: int = 8, days: int = 730, seed: int = 7) -> list[progress.CommitmentHistory]:
    rnd = random.Random(seed)
    start = TODAY - dt.timedelta(days=days - 1)
    out = []
    for cid in range(n):
        marks = {}
        for i in range(days):
            r = rnd.random()
            if r < 0.82:
                marks[start + dt.timedelta(days=i)] = "kept" if r < 0.7 else "slipped"
        out.append(
            progress.CommitmentHistory(
                cid, start, schedules=(progress.Schedule(start),), checkins=marks
            )
        )
    return out


def _timed(fn) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for _ in range(RUNS):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return wall, cpu


def _report(name: str, timed: tuple[list[float], list[float]]) -> None:
    # CPU time as well: on a busy machine the wall clock also counts other processes' turns.
    for kind, times in zip(("wall", "cpu"), timed, strict=True):
        print(
            f"{name:<30} {kind:<4}  min {min(times):6.1f} ms   "
            f"median {statistics.median(times):6.1f} ms   max {max(times):6.1f} ms"
        )


def main() -> None:
    hs = histories()
    start = TODAY - dt.timedelta(days=729)
    two_years = progress.daily_series(hs, start, TODAY, TODAY)
    one_year = progress.daily_series(hs, TODAY - dt.timedelta(days=364), TODAY, TODAY)
    print(f"{len(hs)} commitments, {len(two_years.days)} days, {RUNS} runs each")

    def first_render():
        FigureCanvasAgg(pc.steps_figure(two_years, LIGHT)).draw()

    first_render()  # fonts and caches, once per process
    _report("first render (build + draw)", _timed(first_render))

    chart = pc.StepsChart(two_years, LIGHT)
    canvas = FigureCanvasAgg(chart.figure)
    canvas.draw()
    ranges = iter([one_year, two_years] * RUNS)
    styles = iter([DARK, LIGHT] * RUNS)

    def new_range():
        chart.set_data(next(ranges))
        canvas.draw()

    def new_theme():
        chart.set_style(next(styles))
        canvas.draw()

    _report("in-place update: new range", _timed(new_range))
    _report("in-place update: new theme", _timed(new_theme))
    days, rates = pc.daily_completion(hs, TODAY - dt.timedelta(days=364), TODAY, TODAY)
    labels = [f"Commitment {i}" for i in range(len(hs))]
    shares = [i / len(hs) for i in range(len(hs))]

    def heatmap():
        FigureCanvasAgg(pc.heatmap_figure(days, rates)).draw()

    def rates_chart():
        FigureCanvasAgg(pc.commitment_rates_figure(labels, shares)).draw()

    _report("heatmap, one year", _timed(heatmap))
    _report("rates, 8 commitments", _timed(rates_chart))
    _report(
        "daily_series (730 d x 8)", _timed(lambda: progress.daily_series(hs, start, TODAY, TODAY))
    )


if __name__ == "__main__":
    main()
