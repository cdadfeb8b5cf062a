"""`make bench`: the issue 9 benchmarks on generated vaults, as one table.

    python -m tests.benchmarks.run [--sizes 1000,10000,100000] [--repeat 5] [--only GROUPS]

Vaults are generated once and cached (see fixtures.py); a missing one is generated first,
which takes minutes for 100,000 entries. The table goes to stdout and, as Markdown, to
tests/benchmarks/last_results.md. Each figure is min / median / max of --repeat runs; a
median that misses its target is marked ✗. On a busy machine wall times include other
processes' turns: compare medians, and rerun when the load figures below the table are high.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from tests.benchmarks import fixtures
from tests.benchmarks.bench_results import Results, misses, table

DEFAULT_SIZES = (1_000, 10_000, 100_000)
OUT = Path(__file__).with_name("last_results.md")
GROUPS = ("startup", "core", "photos", "charts", "window", "cli", "sync")


def measure(bench: fixtures.BenchVault, repeat: int, groups: Sequence[str], log) -> Results:
    """Every measurement of the chosen groups on one vault."""
    from tests.benchmarks import bench_core, bench_processes

    results: Results = {}
    if "core" in groups:
        log(f"  {bench.size:,} entries: core ...")
        results |= bench_core.run(bench, repeat)
    if "photos" in groups:
        from tests.benchmarks import bench_attachments

        log(f"  {bench.size:,} entries: photos ...")
        results |= bench_attachments.run(bench, repeat, log=log)
    if "charts" in groups:
        log(f"  {bench.size:,} entries: charts ...")
        results |= _charts(bench, repeat)
    if "sync" in groups:
        results |= _sync(bench, repeat, log)
    in_processes = [g for g in groups if g in bench_processes.GROUPS]
    if in_processes:
        log(f"  {bench.size:,} entries: {', '.join(in_processes)} (child processes) ...")
        kdf = _kdf(results, bench, repeat) if "cli" in groups else 0.0
        results |= bench_processes.run(bench, repeat, in_processes, kdf)
    return results


def _charts(bench: fixtures.BenchVault, repeat: int) -> Results:
    from tests.benchmarks import bench_charts  # matplotlib, only when charts are measured

    return bench_charts.run(bench, repeat)


def _sync(bench: fixtures.BenchVault, repeat: int, log) -> Results:
    from tests.benchmarks import bench_sync

    if bench.size > bench_sync.LARGEST:
        return {}
    log(f"  {bench.size:,} entries: sync ...")
    return bench_sync.run(bench, repeat)


def _kdf(results: Results, bench: fixtures.BenchVault, repeat: int) -> float:
    """The median KDF time, to subtract from the CLI's wall time."""
    samples = results.get("kdf")
    if not isinstance(samples, list):
        from tests.benchmarks import bench_core

        vault = bench.vault()
        samples = bench_core.kdf_ms(vault, repeat)
        results["kdf"] = samples
    return statistics.median(samples)


def _commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=Path(__file__).resolve().parents[2],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown commit"
    return f"commit {out.stdout.strip()}" if out.returncode == 0 else "unknown commit"


def context(benches: Sequence[fixtures.BenchVault], repeat: int, load: tuple[float, ...]) -> str:
    kdf = benches[0].kdf if benches else None
    made = ", ".join(f"{b.size:,}: {b.generated_seconds:.0f} s" for b in benches)
    lines = [
        f"Run {dt.datetime.now().astimezone():%Y-%m-%d %H:%M %Z} at {_commit()} on "
        f"{platform.node()}: "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average {load[0]:.2f} before / {os.getloadavg()[0]:.2f} after.",
        f"Median of {repeat} runs each (min / median / max); ✗ marks a median over its target.",
        f"Vaults: 300-600 words an entry, 8 commitments x 2 years of check-ins, a year of "
        f"no-contact events; Argon2id t={kdf.t if kdf else '?'} "
        f"m={kdf.m // 1024 if kdf else '?'} MiB p={kdf.p if kdf else '?'}. "
        f"Generation took {made}.",
        "`KDF + x` targets are checked on the `beyond the KDF` rows below them.",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks.run", description=__doc__)
    parser.add_argument(
        "--sizes",
        default=",".join(map(str, DEFAULT_SIZES)),
        help="journal sizes, comma separated (default: %(default)s)",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (default: 5)")
    parser.add_argument(
        "--only", default=",".join(GROUPS), help="groups to run (default: %(default)s)"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="Markdown file for the table")
    parser.add_argument(
        "--photo-mb",
        type=int,
        help="megabytes of photos in the photos group's vault (default: "
        "$RECONCILE_BENCH_PHOTO_MB or 2048)",
    )
    parser.add_argument(
        "--cache-dir",
        type=Path,
        help=f"vault cache (default: ${fixtures.CACHE_ENV} or ~/.cache/reconcile-bench)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    groups = [g.strip() for g in args.only.split(",") if g.strip()]
    unknown = set(groups) - set(GROUPS)
    if unknown or args.repeat < 1:
        parser.error(f"unknown groups {sorted(unknown)}" if unknown else "--repeat must be >= 1")

    def log(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.photo_mb is not None:
        os.environ["RECONCILE_BENCH_PHOTO_MB"] = str(args.photo_mb)
    load = os.getloadavg()
    started = time.perf_counter()
    benches = [fixtures.bench_vault(n, root=args.cache_dir, log=log) for n in sizes]
    by_size = {b.size: measure(b, args.repeat, groups, log) for b in benches}
    log(f"measured in {time.perf_counter() - started:.0f} s")
    text = table(by_size)
    notes = context(benches, args.repeat, load)
    missed = misses(by_size)
    summary = (
        "\n".join(["Targets missed:", *(f"- {m}" for m in missed)])
        if missed
        else "Every target met."
    )
    print(text)
    print()
    print(notes)
    print(summary)
    args.out.write_text(f"# Benchmark results\n\n{notes}\n\n{text}\n\n{summary}\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
