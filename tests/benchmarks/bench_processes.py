"""Timings that need a fresh process: cold start, unlock to the main window, memory, the CLI.

The GUI children run this file as a script and go through the real entry point (cli.main,
then run_gui), with two small hooks on ReconcileApp to report when the unlock dialog shows
and to type the passphrase. Wall times are taken from just before Popen to the child's
report line. The passphrase travels in the environment, never on a command line.

Peak RSS comes from wait4, and on Linux a child's maxrss starts at its parent's size when it
was forked. So the children are started by a lean measuring process (this file in "measure"
mode, standard library only) rather than by the benchmark process, which holds the KDF's
64 MiB, SQLAlchemy and matplotlib.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tests.benchmarks.bench_results import Results
    from tests.benchmarks.fixtures import BenchVault

REPO = Path(__file__).resolve().parents[2]
TAG = "BENCH "
STORAGE = ("sqlalchemy", "sqlmodel", "sqlcipher3", "alembic", "matplotlib")
GUI = ("PySide6", "matplotlib")
GROUPS = ("startup", "window", "cli")
CHILD_TIMEOUT = 300
Spec = dict[str, Any]  # dir, today, zone, passphrase: all a child needs to know


def run(bench: BenchVault, repeat: int, groups: list[str], kdf_ms: float) -> Results:
    """The process-level groups ("startup", "window", "cli"), measured from a lean process."""
    from tests.benchmarks.fixtures import BENCH_PASSPHRASE

    spec = {
        "dir": str(bench.dir),
        "today": bench.today.isoformat(),
        "zone": bench.zone,
        "passphrase": BENCH_PASSPHRASE,
        "repeat": repeat,
        "groups": groups,
        "kdf_ms": kdf_ms,
    }
    env = dict(os.environ, PYTHONPATH=_pythonpath())
    proc = subprocess.run(
        [sys.executable, str(Path(__file__)), "measure"],
        input=json.dumps(spec),
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
    )
    if proc.returncode != 0:
        raise ChildFailed(f"the measuring process failed: {proc.stderr.strip()[-3000:]}")
    sys.stderr.write(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _measure(spec: Spec) -> Results:
    repeat, groups = spec["repeat"], spec["groups"]
    results: Results = {}
    if "startup" in groups:
        results |= cold_start(spec, repeat)
    if "window" in groups:
        results |= main_window(spec, repeat)
    if "cli" in groups:
        results |= cli(spec, repeat, spec["kdf_ms"])
    return results


def _pythonpath() -> str:
    return os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))


class ChildFailed(RuntimeError):
    pass


def _env(spec: Spec, config: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECONCILE_")}
    env |= {
        "RECONCILE_DATA_DIR": spec["dir"],
        "RECONCILE_PASSPHRASE": spec["passphrase"],
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(config),  # QSettings of the benchmark, not the user's
        "TZ": spec["zone"],
        "PYTHONPATH": _pythonpath(),
    }
    return env


def spawn(args: list[str], env: dict[str, str]) -> tuple[float, dict | None, float, int, str]:
    """Run a child; (ms to its report line or to its exit, report, peak RSS MiB, code, stderr)."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            args, env=env, cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err
        )
        # A hung child is killed, so a broken hook fails the run instead of stalling it.
        watchdog = threading.Timer(CHILD_TIMEOUT, proc.kill)
        watchdog.start()
        report, at = None, None
        assert proc.stdout is not None
        try:
            for raw in proc.stdout:
                if raw.startswith(TAG.encode()) and report is None:
                    at = time.perf_counter()
                    report = json.loads(raw[len(TAG) :])
        finally:
            watchdog.cancel()
        # wait4 gives this child's own peak RSS (RUSAGE_CHILDREN would be the largest so far).
        _, status, usage = os.wait4(proc.pid, 0)
        end = time.perf_counter()
        proc.returncode = os.waitstatus_to_exitcode(status)
        proc.stdout.close()
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    wall = ((at or end) - start) * 1000
    return wall, report, usage.ru_maxrss / 1024, proc.returncode, stderr


def _check(code: int, stderr: str, what: str) -> None:
    if code != 0:
        raise ChildFailed(f"{what} exited with {code}: {stderr.strip()[-2000:]}")


def _gui_child(mode: str, spec: Spec, config: Path) -> tuple[float, dict, float]:
    args = [sys.executable, str(Path(__file__)), mode, spec["today"]]
    wall, report, rss, code, stderr = spawn(args, _env(spec, config))
    _check(code, stderr, f"the {mode} child")
    if report is None:
        raise ChildFailed(f"the {mode} child did not report: {stderr.strip()[-2000:]}")
    return wall, report, rss


def cold_start(spec: Spec, repeat: int) -> Results:
    walls, inner, heavy = [], [], set()
    with tempfile.TemporaryDirectory(prefix="reconcile-bench-") as config:
        for _ in range(repeat):
            wall, report, _rss = _gui_child("cold", spec, Path(config))
            if not report["visible"]:
                raise ChildFailed("the unlock dialog was not visible")
            walls.append(wall)
            inner.append(report["python_ms"])
            heavy |= set(report["heavy"])
    return {
        "cold_start": walls,
        "cold_start_python": inner,
        "cold_start_heavy": ", ".join(sorted(heavy)) or "none",
    }


def main_window(spec: Spec, repeat: int) -> Results:
    out: dict[str, list[float]] = {}
    pages = ""
    for _ in range(repeat):
        # Fresh settings each run: the window reopens on the last page shown, and the
        # plan page (matplotlib, a chart) left open by the run before would change the figure.
        with tempfile.TemporaryDirectory(prefix="reconcile-bench-") as config:
            _wall, report, _rss = _gui_child("window", spec, Path(config))
            for key in ("window_total", "window_beyond", "gui_list", "chart_cold", "rss_gui"):
                out.setdefault(key, []).append(report[key])
            pages = report["pages"]
    return {**out, "window_pages": pages}


def importtime(args: list[str], env: dict[str, str]) -> tuple[dict[str, float], str]:
    """Cumulative import ms per top-level package (python -X importtime), and stderr."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", *args],
        env=env,
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
    )
    _check(proc.returncode, proc.stderr, " ".join(args))
    totals: dict[str, float] = {}
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = (p.strip() for p in line[len("import time:") :].split("|"))
        if cumulative.isdigit() and not name.startswith(" ") and "." not in name:
            totals[name] = totals.get(name, 0.0) + int(cumulative) / 1000
    return totals, proc.stderr


def cli(spec: Spec, repeat: int, kdf_ms: float) -> Results:
    """`reconcile status` and `reconcile search calm`: wall, beyond the KDF, RSS, imports."""
    script = Path(sys.executable).with_name("reconcile")
    entry = [str(script)] if script.exists() else [sys.executable, "-m", "reconcile_desktop"]
    results: Results = {}
    with tempfile.TemporaryDirectory(prefix="reconcile-bench-") as config:
        env = _env(spec, Path(config))
        for key, command in (("cli_status", ["status"]), ("cli_search", ["search", "calm"])):
            walls, rss = [], []
            for _ in range(repeat):
                wall, _report, peak, code, stderr = spawn([*entry, *command], env)
                _check(code, stderr, f"reconcile {' '.join(command)}")
                walls.append(wall)
                rss.append(peak)
            imported, _ = importtime(["-m", "reconcile_desktop", *command], env)
            gui = [name for name in GUI if name in imported]
            results |= {
                key: walls,
                f"{key}_beyond": [w - kdf_ms for w in walls],
                f"{key}_rss": rss,
                f"{key}_gui": ", ".join(gui) or "none",
            }
    return results


# -- the children ------------------------------------------------------------------------------


def _emit(doc: dict) -> None:
    print(TAG + json.dumps(doc), flush=True)


def _child(mode: str, today: str) -> int:
    started = time.perf_counter()
    from reconcile_desktop.ui.shell import app as app_module

    original_start = app_module.ReconcileApp.start

    def start(self):
        code = original_start(self)
        if code is not None:
            return code
        heavy = [name for name in STORAGE if name in sys.modules]
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        if mode == "cold":
            try:
                QApplication.processEvents()
            except BaseException:
                _die()
            visible = self.dialog is not None and self.dialog.isVisible()
            ms = (time.perf_counter() - started) * 1000
            _emit({"visible": visible, "heavy": heavy, "python_ms": ms})
            QTimer.singleShot(0, self.request_quit)
        else:
            QTimer.singleShot(0, lambda: _open_window(self, today))
        return None

    app_module.ReconcileApp.start = start
    from reconcile_desktop import cli

    return cli.main([])


def _open_window(app, today: str) -> None:
    """Type the passphrase into the unlock dialog, wait for the main window, then show the
    first list page and a steps chart and report the times and the peak RSS."""
    try:
        _report_window(app, today)
    except BaseException:
        _die()
    app.request_quit()


def _die() -> None:
    # An exception in a Qt slot would leave the event loop running: the parent would wait.
    import traceback

    traceback.print_exc()
    sys.stderr.flush()
    os._exit(70)


def _report_window(app, today: str) -> None:
    import datetime as dt
    import resource

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from reconcile_desktop.core.storage import keyfile

    app.runner.wait()  # the storage imports warm up while a user types; done by now
    QApplication.processEvents()
    kdf: list[float] = []
    unwrap = keyfile.unwrap

    def timed_unwrap(*args):
        t = time.perf_counter()
        try:
            return unwrap(*args)
        finally:
            kdf.append((time.perf_counter() - t) * 1000)

    keyfile.unwrap = timed_unwrap
    loop = QEventLoop()
    app.dialog.accepted.connect(lambda: QTimer.singleShot(0, loop.quit))
    app.dialog.rejected.connect(loop.quit)
    app.dialog.passphrase.setText(os.environ["RECONCILE_PASSPHRASE"])
    t0 = time.perf_counter()
    app.dialog.submit()
    loop.exec()
    QApplication.processEvents()  # the first paint of the window
    window_ms = (time.perf_counter() - t0) * 1000
    if app.window is None or not app.window.isVisible():
        raise RuntimeError("the main window did not open")
    report = {"window_total": window_ms, "window_beyond": window_ms - sum(kdf)}
    report["gui_list"], report["chart_cold"], how = _list_and_chart(
        app, dt.date.fromisoformat(today)
    )
    report["pages"] = f"{_describe_pages(app.window)}, {how}"
    report["rss_gui"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _emit(report)


def _describe_pages(window) -> str:
    names = [type(p).__name__ for p in window.pages]
    placeholders = [n for n in names if "Empty" in n or "Placeholder" in n]
    if not placeholders:
        return "real pages"
    return "placeholders: " + ", ".join(placeholders)


def _visible_charts(window) -> int:
    if "matplotlib.backends.backend_qtagg" not in sys.modules:
        return 0
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    return sum(c.isVisible() for c in window.findChildren(FigureCanvasQTAgg))


def _list_and_chart(app, today) -> tuple[float, float, str]:
    """The first list page, then the plan page with its chart (a standalone steps chart
    of the whole plan when the page shows none): (list ms, chart ms, which chart)."""
    import datetime as dt

    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from reconcile_desktop.core.journal import entries as journal
    from reconcile_desktop.core.plans import progress
    from reconcile_desktop.core.plans import store as plans

    vault, window = app.vault, app.window
    t = time.perf_counter()
    journal.list_page(vault, limit=100)
    list_ms = (time.perf_counter() - t) * 1000
    keys = [p.key for p in window.pages]
    if "journal" in keys:
        window.show_page(keys.index("journal"))
        QApplication.processEvents()
    t = time.perf_counter()
    if "plan" in keys:
        window.show_page(keys.index("plan"))
        # matplotlib may load on a thread of its own first; then the chart is drawn.
        charts = getattr(window.page("plan"), "charts", None)
        deadline = t + CHILD_TIMEOUT / 10
        while charts is not None and not charts.settled and time.perf_counter() < deadline:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        QApplication.processEvents()
        QApplication.processEvents()  # draw_idle draws on the next pass
        if _visible_charts(window):
            return list_ms, (time.perf_counter() - t) * 1000, "plan page chart"
    from reconcile_desktop.charts.progress_charts import steps_figure
    from reconcile_desktop.ui.widgets.chart_canvas import ChartCanvas

    start = today - dt.timedelta(days=729)
    series = progress.daily_series(plans.histories_for(vault), start, today, today)
    canvas = ChartCanvas()
    canvas.resize(800, 400)
    canvas.set_figure(steps_figure(series, canvas.chart_style()))
    canvas.show()
    canvas.canvas.draw()
    QApplication.processEvents()
    window._bench_chart = canvas  # kept alive until the report
    return list_ms, (time.perf_counter() - t) * 1000, "standalone chart"


if __name__ == "__main__":
    if sys.argv[1] == "measure":
        print(json.dumps(_measure(json.loads(sys.stdin.read()))))
    else:
        sys.exit(_child(sys.argv[1], sys.argv[2]))
