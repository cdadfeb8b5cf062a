"""Steps chart timings for two years x 8 commitments (730 days).

`run(bench, repeat)` measures the benchmark vault's own plan for the table. As a script
(`.venv/bin/python -m tests.benchmarks.bench_charts`) it measures a synthetic plan, with the
heatmap and rates charts too, in wall and CPU time. Targets: first render under 150 ms, an
in-place update (new range or theme) under 60 ms.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import time
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402

from reconcile_desktop.charts import progress_charts as pc  # noqa: E402
from reconcile_desktop.charts.style import DARK, LIGHT  # noqa: E402
from reconcile_desktop.core import summaries  # noqa: E402
from reconcile_desktop.core.plans import progress  # noqa: E402
from reconcile_desktop.core.plans import store as plans  # noqa: E402
from tests.benchmarks.bench_results import Results, timed  # noqa: E402
from tests.benchmarks.fixtures import BENCH_PASSPHRASE, PLAN_DAYS, BenchVault  # noqa: E402

TODAY = dt.date(2025, 6, 30)
RUNS = 7


def synthetic(n: int = 8, days: int = PLAN_DAYS, seed: int = 7) -> list[progress.CommitmentHistory]:
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


def steps_timings(hs: Sequence[progress.CommitmentHistory], today: dt.date, repeat: int) -> Results:
    """First render (build + draw) and in-place range and theme redraws, on Agg."""
    start = today - dt.timedelta(days=PLAN_DAYS - 1)
    two_years = progress.daily_series(hs, start, today, today)
    one_year = progress.daily_series(hs, today - dt.timedelta(days=364), today, today)

    def first_render():
        FigureCanvasAgg(pc.steps_figure(two_years, LIGHT)).draw()

    first_render()  # fonts and caches, once per process (the cold case has its own row)
    results: Results = {"chart_first": timed(first_render, repeat)}
    chart = pc.StepsChart(two_years, LIGHT)
    canvas = FigureCanvasAgg(chart.figure)
    canvas.draw()
    ranges = iter([one_year, two_years] * repeat)
    styles = iter([DARK, LIGHT] * repeat)

    def new_range():
        chart.set_data(next(ranges))
        canvas.draw()

    def new_theme():
        chart.set_style(next(styles))
        canvas.draw()

    results["chart_range"] = timed(new_range, repeat)
    results["chart_theme"] = timed(new_theme, repeat)
    return results


def run(bench: BenchVault, repeat: int) -> Results:
    vault = bench.vault()
    try:
        vault.unlock(BENCH_PASSPHRASE)
        start, today = bench.plan_range()
        hs: list = []

        def load():
            hs[:] = plans.histories_for(vault)
            progress.daily_series(hs, start, today, today)

        results: Results = {"chart_data": timed(load, repeat)}
    finally:
        vault.close()
    return results | steps_timings(hs, today, repeat)


# -- the script ----------------------------------------------------------------------------------


def _wall_and_cpu(fn) -> tuple[list[float], list[float]]:
    wall, cpu = [], []
    for _ in range(RUNS):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - w0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    return wall, cpu


def _report(name: str, timings: tuple[list[float], list[float]]) -> None:
    # CPU time as well: on a busy machine the wall clock also counts other processes' turns.
    for kind, times in zip(("wall", "cpu"), timings, strict=True):
        print(
            f"{name:<30} {kind:<4}  min {min(times):6.1f} ms   "
            f"median {statistics.median(times):6.1f} ms   max {max(times):6.1f} ms"
        )


def main() -> None:
    hs = synthetic()
    print(f"{len(hs)} commitments, {PLAN_DAYS} days, {RUNS} runs each (synthetic plan)")
    for key, samples in steps_timings(hs, TODAY, RUNS).items():
        print(
            f"{key:<30} wall  min {min(samples):6.1f} ms   median "
            f"{statistics.median(samples):6.1f} ms   max {max(samples):6.1f} ms"
        )
    days, rates = summaries.daily_completion(hs, TODAY - dt.timedelta(days=364), TODAY, TODAY)
    labels = [f"Commitment {i}" for i in range(len(hs))]
    shares = [i / len(hs) for i in range(len(hs))]
    _report(
        "heatmap, one year",
        _wall_and_cpu(lambda: FigureCanvasAgg(pc.heatmap_figure(days, rates)).draw()),
    )
    _report(
        "rates, 8 commitments",
        _wall_and_cpu(lambda: FigureCanvasAgg(pc.commitment_rates_figure(labels, shares)).draw()),
    )
    start = TODAY - dt.timedelta(days=PLAN_DAYS - 1)
    _report(
        "daily_series (730 d x 8)",
        _wall_and_cpu(lambda: progress.daily_series(hs, start, TODAY, TODAY)),
    )


if __name__ == "__main__":
    main()
