"""Sync on a benchmark vault: one day's changes, joining from the snapshot, the folder's size.

A copy of the cached vault is the first computer (the cache itself is never synced: starting
sync stamps its rows). The second computer joins from the folder the first one wrote. Both
share the folder directly, so the figures are Reconcile's own time in this process; the time a
sync tool takes to carry the files between computers is not Reconcile's and is not counted.
"""

from __future__ import annotations

import random
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import daily_mood
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import day_counting as streaks
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.core.storage.vault import Vault
from reconcile_desktop.core.sync import service
from tests.benchmarks.bench_results import Results, timed
from tests.benchmarks.fixtures import BENCH_PASSPHRASE, MANIFEST, BenchVault

# The targets are set for 10,000 entries; larger vaults are left to the other groups
# (copying and snapshotting 100,000 entries several times would take most of a bench run).
LARGEST = 10_000
ENTRIES, CHECKINS, EVENTS = 5, 10, 2  # one day of a user's writing, as the issue counts it
_WORDS = "calm walk evening friend listen breathe honest garden letter morning slow".split()


def run(bench: BenchVault, repeat: int, *, work: Path | None = None) -> Results:
    """Rows sync_day (+ _write, _read), sync_join, sync_size_ratio and sync_sizes."""
    with tempfile.TemporaryDirectory(prefix="reconcile-bench-sync-", dir=work) as tmp:
        root = Path(tmp)
        desk = _first_computer(bench, root / "desk")
        try:
            folder = root / "shared"
            service.start(desk, folder, "Desk")
            laptop, join_ms = _joins(bench, desk, folder, root, repeat)
            try:
                if journal.count_entries(laptop) != journal.count_entries(desk):
                    raise AssertionError("the joined journal does not hold every entry")
                results = _days(desk, laptop, repeat)
            finally:
                laptop.close()
        finally:
            desk.close()
        results["sync_join"] = join_ms
        results |= _sizes(folder, desk.dir)
        return results


def _first_computer(bench: BenchVault, where: Path) -> Vault:
    skip = shutil.ignore_patterns("vault.lock", MANIFEST, "backups")
    shutil.copytree(bench.dir, where, ignore=skip)
    vault = Vault(where, clock=Clock(zone=bench.zone), kdf_bounds=bench.vault().kdf_bounds)
    vault.claim()
    vault.unlock(BENCH_PASSPHRASE)
    return vault


def _joins(
    bench: BenchVault, desk: Vault, folder: Path, root: Path, repeat: int
) -> tuple[Vault, list[float]]:
    """`repeat` joins, each into a fresh data folder. All but the last join a copy of the
    folder, so only one second computer ever appears in it; the last one stays joined."""
    samples: list[float] = []
    joined: list[Vault] = []
    for n in range(repeat):
        last = n == repeat - 1
        source = folder if last else Path(shutil.copytree(folder, root / f"shared-{n}"))
        target = root / f"laptop-{n}"

        def join(source: Path = source, target: Path = target) -> None:
            joined.append(
                service.join(
                    target,
                    source,
                    BENCH_PASSPHRASE,
                    device_name="Laptop",
                    clock=Clock(zone=bench.zone),
                    kdf_bounds=desk.kdf_bounds,
                )
            )

        samples += timed(join, 1)
        if not last:
            joined.pop().close()
            shutil.rmtree(target)
            shutil.rmtree(source)
    return joined[-1], samples


def _days(desk: Vault, laptop: Vault, repeat: int) -> Results:
    """A day written on the desk, then the desk's sync and the laptop's, timed together. The
    first day only warms up (each side's first sync also tells the other it exists)."""
    commitments = [c.id for c in plans.commitments(desk)]
    both, write, read = [], [], []
    for n in range(repeat + 1):
        write_one_day(desk, commitments, n)
        mine, _ = _timed_sync(desk)
        theirs, report = _timed_sync(laptop)
        if not report.applied:
            raise AssertionError("the laptop's sync brought in nothing of the desk's day")
        if n:
            both.append(mine + theirs)
            write.append(mine)
            read.append(theirs)
    return {"sync_day": both, "sync_day_write": write, "sync_day_read": read}


def _timed_sync(vault: Vault) -> tuple[float, service.SyncReport]:
    reports: list[service.SyncReport] = []
    (ms,) = timed(lambda: reports.append(service.sync_now(vault)), 1)
    return ms, reports[0]


def write_one_day(vault: Vault, commitments: list[int], n: int) -> None:
    """5 entries of about 400 words, 10 check-ins, 2 urges resisted and the day's mood;
    day `n` marks the same days the other way from day n - 1, so every run changes them."""
    import datetime as dt

    rng = random.Random(n)
    today = vault.clock.today()
    for k in range(ENTRIES):
        body = " ".join(rng.choice(_WORDS) for _ in range(400))
        journal.add_entry(vault, body, title=f"Sync day {n}, note {k + 1}")
    days = [today] * len(commitments) + [today - dt.timedelta(days=1)] * len(commitments)
    for k, (cid, day) in enumerate(list(zip(commitments * 2, days, strict=True))[:CHECKINS]):
        plans.check_in(vault, cid, ("kept", "slipped")[(n + k) % 2], day=day)
    for _ in range(EVENTS):
        nocontact.log_event(vault, streaks.URGE_RESISTED, intensity=3, trigger="evening")
    daily_mood.set_mood(vault, 1 + n % 5)


def _sizes(folder: Path, vault_dir: Path) -> Results:
    """The folder against the first computer's journal (closed, so its log is folded in)."""
    shared = _bytes(folder.rglob("*"))
    vault = _bytes(vault_dir / name for name in ("vault.db", "vault.key"))
    return {
        "sync_size_ratio": [shared / vault],
        "sync_sizes": f"{_mb(shared)} / {_mb(vault)}",
    }


def _bytes(paths: Iterable[Path]) -> int:
    return sum(p.stat().st_size for p in paths if p.is_file())


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"
