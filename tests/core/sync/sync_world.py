"""Several computers syncing through simulated folders, with no network.

Each computer has its own copy of the sync folder. The test plays the file sync tool: it copies
files between the copies itself, in any order, whole or cut short (a file still arriving).
Everything a computer does goes through the sync contract (core/sync/service.py) and the
core write functions the window calls.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import random
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from reconcile_desktop.core import summaries
from reconcile_desktop.core.archive import document
from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import daily_mood, search
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.storage.vault import Vault
from reconcile_desktop.core.sync import service
from tests.conftest import FAST_KDF, PASSPHRASE, TEST_BOUNDS

NOW = dt.datetime(2026, 3, 20, 18, 30, tzinfo=dt.UTC)
ZONE = "Europe/Berlin"
WORDS = ("calm", "letter", "walk", "sorry", "listen", "patience", "Ärger", "café")


# -- the file sync tool ---------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Held:
    """The version of one path a folder copy holds."""

    number: int
    whole: bool
    digest: str | None  # None: the path was deleted at this version


@dataclasses.dataclass(frozen=True)
class Version:
    data: bytes | None  # None: deleted
    mtime: float


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Folders:
    """Folder copies and the versions of every path in them. A computer's own writes are
    noticed by scanning its copy; copies move versions on, newest whole version first."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.copies: dict[str, Path] = {}
        self.held: dict[str, dict[str, Held]] = {}
        self.versions: dict[str, list[Version]] = {}  # path -> versions, numbered from 0

    def add(self, name: str) -> Path:
        path = self.root / name
        path.mkdir(parents=True)
        self.copies[name] = path
        self.held[name] = {}
        return path

    def files(self, name: str) -> dict[str, Path]:
        base = self.copies[name]
        out = {}
        for dirpath, _dirs, names in os.walk(base):
            for n in names:
                p = Path(dirpath) / n
                out[p.relative_to(base).as_posix()] = p
        return out

    def notice(self, name: str) -> None:
        """Record what the computer wrote or deleted in its own copy since we last looked."""
        held = self.held[name]
        on_disk = self.files(name)
        for rel, p in on_disk.items():
            data = p.read_bytes()
            known = held.get(rel)
            if known is None or known.digest != _digest(data):
                self._new_version(name, rel, Version(data, p.stat().st_mtime))
        for rel, known in list(held.items()):
            if known.digest is not None and rel not in on_disk:
                self._new_version(name, rel, Version(None, 0.0))

    def notice_all(self) -> None:
        for name in self.copies:
            self.notice(name)

    def _new_version(self, name: str, rel: str, version: Version) -> None:
        versions = self.versions.setdefault(rel, [])
        versions.append(version)
        digest = None if version.data is None else _digest(version.data)
        self.held[name][rel] = Held(len(versions) - 1, True, digest)

    def pending(self, src: str, dst: str) -> list[str]:
        """Paths whose newer (or whole, where dst has it cut short) version src could give."""
        self.notice(src)
        self.notice(dst)
        out = []
        for rel, mine in self.held[src].items():
            theirs = self.held[dst].get(rel)
            if not mine.whole:
                continue  # a tool does not pass on what it has not finished receiving
            if theirs is None:
                if mine.digest is not None:
                    out.append(rel)
            elif mine.number > theirs.number or (mine.number == theirs.number and not theirs.whole):
                out.append(rel)
        return sorted(out)

    def put(self, dst: str, rel: str, number: int, *, cut: bool = False) -> None:
        """Give dst version `number` of `rel`; cut=True writes only its first half."""
        version = self.versions[rel][number]
        target = self.copies[dst] / rel
        if version.data is None:
            target.unlink(missing_ok=True)
            self.held[dst][rel] = Held(number, True, None)
            return
        data = version.data[: len(version.data) // 2] if cut else version.data
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        os.utime(target, (version.mtime, version.mtime))
        self.held[dst][rel] = Held(number, not cut, _digest(data))

    def copy(
        self,
        src: str,
        dst: str,
        paths: list[str] | None = None,
        *,
        cut: frozenset[str] = frozenset(),
    ) -> list[str]:
        """Copy `paths` (default: everything pending) from src to dst, those in `cut` halved."""
        todo = self.pending(src, dst)  # notices both computers' own writes first
        todo = todo if paths is None else paths
        for rel in todo:
            self.put(dst, rel, self.held[src][rel].number, cut=rel in cut)
        return todo

    def copy_shuffled(self, src: str, dst: str, seed: int, take: int, cut_last: bool) -> list[str]:
        """Some of what is pending, in a random order, the last one perhaps cut short."""
        todo = self.pending(src, dst)
        random.Random(seed).shuffle(todo)
        todo = todo[:take]
        cut = frozenset(todo[-1:]) if cut_last else frozenset()
        return self.copy(src, dst, todo, cut=cut)

    def spread(self) -> None:
        """Everything everywhere: each path's newest version, whole, in every copy."""
        self.notice_all()
        newest: dict[str, int] = {}
        for held in self.held.values():
            for rel, h in held.items():
                if h.whole:
                    newest[rel] = max(newest.get(rel, -1), h.number)
        for name, held in self.held.items():
            for rel, number in newest.items():
                have = held.get(rel)
                if have is None and self.versions[rel][number].data is None:
                    continue
                if have is None or have.number < number or not have.whole:
                    self.put(name, rel, number)


# -- computers ------------------------------------------------------------------------------


@dataclasses.dataclass
class Computer:
    name: str
    vault: Vault
    clock: Clock
    skew: dt.timedelta


class World:
    """Computers named A, B, C..., each with its data folder and its copy of the sync folder,
    on clocks the test moves (each may run ahead or behind by its own skew)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folders = Folders(root / "sync")
        self.computers: dict[str, Computer] = {}
        self.now = NOW

    def _clock(self, skew: dt.timedelta) -> Clock:
        return Clock(fixed=self.now + skew, zone=ZONE)

    def data_dir(self, name: str) -> Path:
        return self.root / "data" / name

    def folder(self, name: str) -> Path:
        return self.folders.copies[name]

    def new_vault(self, name: str, skew: dt.timedelta = dt.timedelta(0)) -> Computer:
        """A computer with a journal of its own, not syncing yet."""
        clock = self._clock(skew)
        vault = Vault(self.data_dir(name), clock=clock, kdf_params=FAST_KDF, kdf_bounds=TEST_BOUNDS)
        vault.create(PASSPHRASE)
        c = self.computers[name] = Computer(name, vault, clock, skew)
        self.folders.add(name)
        return c

    def start(self, name: str) -> service.SyncStatus:
        st = service.start(self.vault(name), self.folder(name), device_name=name)
        self.folders.notice(name)
        return st

    def first(self, name: str = "A", skew: dt.timedelta = dt.timedelta(0)) -> Computer:
        """The computer that starts syncing."""
        c = self.new_vault(name, skew)
        self.start(name)
        return c

    def join(
        self,
        name: str,
        source: str,
        skew: dt.timedelta = dt.timedelta(0),
        passphrase: str = PASSPHRASE,
    ) -> Computer:
        """A computer that joins from its copy of the folder, filled whole from `source`'s."""
        self.folders.add(name)
        self.folders.copy(source, name)
        clock = self._clock(skew)
        vault = service.join(
            self.data_dir(name),
            self.folder(name),
            passphrase,
            device_name=name,
            clock=clock,
            kdf_bounds=TEST_BOUNDS,
        )
        self.computers[name] = Computer(name, vault, clock, skew)
        self.folders.notice(name)
        return self.computers[name]

    def sync(self, name: str) -> service.SyncReport:
        report = service.sync_now(self.computers[name].vault)
        self.folders.notice(name)
        return report

    def copy(self, src: str, dst: str) -> list[str]:
        return self.folders.copy(src, dst)

    def tick(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)
        for c in self.computers.values():
            c.clock.fixed = self.now + c.skew

    def settle(self, rounds: int = 2) -> list[service.SyncReport]:
        """Every computer writes what it has; then `rounds` times: copy everything everywhere,
        every computer syncs. Returns the last round's reports."""
        reports = [self.sync(name) for name in self.computers]
        for _ in range(rounds):
            self.folders.spread()
            reports = [self.sync(name) for name in self.computers]
        return reports

    def close(self) -> None:
        for c in self.computers.values():
            c.vault.close()

    def vault(self, name: str) -> Vault:
        return self.computers[name].vault


# -- what the computers show ----------------------------------------------------------------


def without_ids(value: Any) -> Any:
    """The value with every key named "id" or ending in "_id" dropped (local row numbers)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {
            k: without_ids(v)
            for k, v in value.items()
            if not (isinstance(k, str) and (k == "id" or k.endswith("_id")))
        }
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return without_ids(value._asdict())
    if isinstance(value, list | tuple):
        return [without_ids(v) for v in value]
    return value


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, default=str)


def as_set(items: Any) -> list:
    """Items without ids, in an order that does not depend on local row numbers."""
    return sorted((without_ids(i) for i in items), key=_key)


def archive_document(vault: Vault) -> dict:
    """The archive export's tables without ids, each table's rows in a stable order."""
    with vault.connection() as conn:
        doc, _blobs = document.build(conn, vault.clock.now())
    return {name: as_set(rows) for name, rows in doc["tables"].items()}


def entries(vault: Vault) -> list[dict]:
    return as_set(journal.iter_entries(vault, include_deleted=True))


def bodies(vault: Vault) -> list[str]:
    return sorted(e.body for e in journal.iter_entries(vault, include_deleted=True))


def conflict_links(vault: Vault) -> list[tuple[int, str, int | None]]:
    """(id, body, conflict_of_id) of every entry."""
    with vault.connection() as conn:
        q = sa.text("SELECT id, body, conflict_of_id FROM entry ORDER BY id")
        return [tuple(r) for r in conn.execute(q)]


def read_models(vault: Vault, words: tuple[str, ...] = WORDS) -> dict:
    """What the pages and the --json commands show, without local ids."""
    today = vault.clock.today()
    return {
        "entries": entries(vault),
        "search": {w: as_set(search.search(vault, w, limit=500, typing=False)) for w in words},
        "progress": as_set(summaries.goal_summaries(vault, include_archived=True)),
        "nocontact": without_ids(nocontact.status_json(vault)),
        "moods": [
            without_ids(daily_mood.get_mood(vault, today - dt.timedelta(days=n))) for n in range(14)
        ],
        "archive": archive_document(vault),
    }


def folder_bytes(folder: Path) -> list[tuple[str, bytes]]:
    """Every file under `folder` and its bytes (the name counts as content too)."""
    return [
        (str(p.relative_to(folder)), p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    ]
