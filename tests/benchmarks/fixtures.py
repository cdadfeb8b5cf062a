"""Benchmark vaults: generated once, cached under ~/.cache/reconcile-bench/<size>-v1/.

Each vault has `size` journal entries of 300-600 words (demo.bulk_entries, fixed seed), two
years of check-ins for 8 commitments, and a year of no-contact events. It uses the real KDF
parameters and the passphrase BENCH_PASSPHRASE, so unlock timings are the ones users get.
A vault is complete only once its manifest (bench.json) exists; anything else is rebuilt.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

from reconcile_desktop.core import demo
from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.nocontact import day_counting as streaks
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.core.storage import keyfile
from reconcile_desktop.core.storage.models import CheckIn, ContactEvent
from reconcile_desktop.core.storage.vault import Vault

BENCH_PASSPHRASE = "bench passphrase"
VERSION = "v1"  # bump when the generated data changes shape, so old caches are not reused
MANIFEST = "bench.json"
SEED = 11
COMMITMENTS = 8
PLAN_DAYS = 730
NOCONTACT_DAYS = 365
CACHE_ENV = "RECONCILE_BENCH_CACHE"

Log = Callable[[str], None]
_CHEAP_BOUNDS = keyfile.KdfBounds(t=(1, keyfile.CEILING.t), m=(8, keyfile.CEILING.m))

_GOALS = (
    ("Stay calm when conflict starts", "change", ("Walk away and breathe", "Name the feeling")),
    ("Listen before I defend myself", "empathy", ("Ask one question first", "Write their side")),
    ("Look after myself", "patience", ("Thirty minutes outside", "In bed by eleven")),
    ("Own my part", "accountability", ("Write one honest line", "Call a friend, not them")),
)
_TRIGGERS = ("a song", "weekend", "photo", "")
_SCHEDULES = ("daily", "daily", "daily", "mon,wed,fri", "daily", "tue,thu", "daily", "daily")


@dataclass(frozen=True)
class BenchVault:
    """A generated vault on disk. `today` is the day it was generated: chart ranges end there."""

    size: int
    dir: Path
    today: dt.date
    zone: str
    generated_seconds: float
    kdf: keyfile.KdfParams

    def vault(self) -> Vault:
        """A locked Vault on these files (the clock is the real one, in the generation zone).
        A vault made with cheap KDF parameters (the smoke test's) is allowed to open."""
        bounds = None if keyfile.BOUNDS.accepts(self.kdf) else _CHEAP_BOUNDS
        return Vault(self.dir, clock=Clock(zone=self.zone), kdf_bounds=bounds)

    def plan_range(self) -> tuple[dt.date, dt.date]:
        return self.today - dt.timedelta(days=PLAN_DAYS - 1), self.today


def cache_root() -> Path:
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path.home() / ".cache" / "reconcile-bench"


def vault_dir(size: int, root: Path | None = None) -> Path:
    return (root or cache_root()) / f"{size}-{VERSION}"


def load(size: int, root: Path | None = None) -> BenchVault | None:
    """The cached vault of this size, or None when it is missing or incomplete."""
    folder = vault_dir(size, root)
    try:
        doc = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if doc.get("version") != VERSION or doc.get("size") != size:
        return None
    if not all((folder / name).exists() for name in ("vault.db", "vault.key")):
        return None
    return BenchVault(
        size=size,
        dir=folder,
        today=dt.date.fromisoformat(doc["today"]),
        zone=doc["zone"],
        generated_seconds=float(doc["seconds"]),
        kdf=keyfile.KdfParams(**doc["kdf"]),
    )


def bench_vault(
    size: int,
    *,
    root: Path | None = None,
    kdf: keyfile.KdfParams | None = None,
    bounds: keyfile.KdfBounds | None = None,
    log: Log = print,
) -> BenchVault:
    """The cached vault of this size, generated first when missing (with progress lines)."""
    found = load(size, root)
    if found is not None:
        return found
    return generate(size, root=root, kdf=kdf, bounds=bounds, log=log)


def generate(
    size: int,
    *,
    root: Path | None = None,
    kdf: keyfile.KdfParams | None = None,
    bounds: keyfile.KdfBounds | None = None,
    log: Log = print,
) -> BenchVault:
    final = vault_dir(size, root)
    partial = final.with_name(final.name + ".partial")
    shutil.rmtree(partial, ignore_errors=True)
    partial.parent.mkdir(parents=True, exist_ok=True)
    kdf = kdf or keyfile.DEFAULT_PARAMS
    clock = Clock()
    started = time.perf_counter()
    log(f"Generating the {size:,}-entry benchmark vault in {final} ...")
    vault = Vault(partial, clock=clock, kdf_params=kdf, kdf_bounds=bounds)
    try:
        vault.create(BENCH_PASSPHRASE)
        today = clock.today()
        rng = random.Random(SEED)
        fill_plan(vault, rng, today)
        fill_no_contact(vault, rng, today)
        with _progress(vault, size, started, log):
            demo.bulk_entries(vault, size, seed=SEED)
    finally:
        vault.close()
    (partial / "vault.lock").unlink(missing_ok=True)
    seconds = time.perf_counter() - started
    doc = {
        "version": VERSION,
        "size": size,
        "today": today.isoformat(),
        "zone": clock.zone_name(),
        "seconds": round(seconds, 1),
        "kdf": {"t": kdf.t, "m": kdf.m, "p": kdf.p},
    }
    (partial / MANIFEST).write_text(json.dumps(doc, indent=1) + "\n", "utf-8")
    shutil.rmtree(final, ignore_errors=True)
    os.replace(partial, final)
    log(f"  done in {seconds:.1f} s")
    found = load(size, root)
    assert found is not None
    return found


@contextmanager
def _progress(vault: Vault, size: int, started: float, log: Log) -> Iterator[None]:
    """Report each committed batch of bulk_entries (it writes one transaction a batch)."""
    batch = 2000  # bulk_entries' default
    done = 0
    every = max(batch, size // 20)
    inner = vault.transaction

    @contextmanager
    def counted():
        nonlocal done
        with inner() as session:
            yield session
        done = min(size, done + batch)
        if done % every < batch or done == size:
            log(f"  {done:>9,} / {size:,} entries  ({time.perf_counter() - started:6.1f} s)")

    vault.transaction = counted  # type: ignore[method-assign]
    try:
        yield
    finally:
        del vault.transaction


def fill_plan(vault: Vault, rng: random.Random, today: dt.date) -> None:
    """8 commitments over 4 goals, with two years of kept and slipped days before today."""
    from reconcile_desktop.core.plans.progress import is_scheduled

    first = today - dt.timedelta(days=PLAN_DAYS - 1)
    ids = []
    schedules = iter(_SCHEDULES)
    for title, principle, actions in _GOALS:
        goal = plans.add_goal(vault, title, principle=principle, start=first)
        for action in actions:
            ids.append(
                plans.add_commitment(vault, goal.id, action, next(schedules), start=first).id
            )
    rows = []
    for h in plans.histories_for(vault):
        for n in range(PLAN_DAYS - 1):  # today is left unmarked, as a user would find it
            day = first + dt.timedelta(days=n)
            if not is_scheduled(h, day) or rng.random() < 0.06:
                continue
            kept = rng.random() < 0.6 + 0.3 * n / PLAN_DAYS
            rows.append(
                {
                    "commitment_id": h.id,
                    "day": day,
                    "state": "kept" if kept else "slipped",
                    "note": "",
                    "recorded_utc": dt.datetime.combine(day, dt.time(20), dt.UTC),
                }
            )
    with vault.transaction() as s:  # one executemany: ORM objects would insert row by row
        s.execute(sa.insert(CheckIn.__table__), rows)
    assert len(ids) == COMMITMENTS


def fill_no_contact(vault: Vault, rng: random.Random, today: dt.date) -> None:
    """A period that began a year ago: urges on about a third of the days, two slips.
    The events go in as one transaction (log_event would commit, and fsync, each one)."""
    tz = vault.clock.tzinfo()
    now = vault.clock.now()

    def at(day: dt.date, hour: int) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour), tz).astimezone(dt.UTC)

    start = today - dt.timedelta(days=NOCONTACT_DAYS)
    period = nocontact.start_period(vault, target_days=60, start=at(start, 9))
    slips = {start + dt.timedelta(days=40): streaks.I_CONTACTED}
    slips[start + dt.timedelta(days=200)] = streaks.LOOKED_SOCIAL
    rows = []
    for n in range(1, NOCONTACT_DAYS):
        day = start + dt.timedelta(days=n)
        if day in slips:
            kind, when, fields = slips[day], at(day, 22), {"note": "Starting again."}
        elif rng.random() < 0.35:
            kind, when = streaks.URGE_RESISTED, at(day, rng.randint(17, 22))
            fields = {"intensity": rng.randint(1, 5), "trigger": rng.choice(_TRIGGERS)}
        else:
            continue
        rows.append(
            {"intensity": None, "trigger": "", "note": "", "entry_id": None}
            | fields
            | {
                "period_id": period.id,
                "kind": kind,
                "occurred_utc": when,
                "local_date": day,
                "tz": vault.clock.zone_name(),
                "created_utc": now,
            }
        )
    with vault.transaction() as s:
        s.execute(sa.insert(ContactEvent.__table__), rows)
