"""Two computers, one journal, over real Syncthing: each scenario ends with every computer
showing the same `progress --json`, `status --json`, search results and archive export.

One pair of daemons serves the whole module (scenarios run in order and build on each other:
the journal grows as a real one would). Reconcile is driven in-process through the public
contract (core.sync.service: start, join, sync_now, status); what each computer shows is read
with the CLI, as a person at that computer would see it (one child process per computer runs
the read-outs through the CLI's entry point: read_outs.py).

Measured on the 2-core test machine: the daemons start and connect in about 1.5 s; a file
written on one side is on the other after about 1 s by the watcher, 0.3 s when the harness
asks for a scan; the whole module takes 1-2.5 minutes, most of it in the CLI read-outs.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.core.storage.vault import Vault
from reconcile_desktop.core.sync import service
from tests.processes import CHILD_TIMEOUT, PASSPHRASE, REPO, child_env
from tests.system.sync.syncthing_pair import SyncthingPair, syncthing_pair

pytestmark = pytest.mark.slow

SNAPSHOT_AFTER = 50  # change files of one device between its snapshots (engine.SNAPSHOT_EVERY)
MAX_ROUNDS = 6  # sync_now on every computer, then wait for the folders: enough to settle
THREE_DAYS_S = 3 * 24 * 3600
# Written on A in the first scenario; no byte of any sync folder may carry it.
MARKER = "periwinkle-marker-41c7"


@dataclass
class Computer:
    """One computer: its own data folder, its side of the shared folder, its open vault."""

    name: str
    data_dir: Path
    folder: Path
    vault: Vault
    clock: Clock | None = None

    def sync(self) -> service.SyncReport:
        return service.sync_now(self.vault)

    def reopen(self, clock: Clock | None = None) -> None:
        """Close and open again (with another clock if given), as a restart would."""
        self.vault.close()
        self.clock = clock
        self.vault = Vault(self.data_dir, clock=clock)
        self.vault.claim()
        self.vault.unlock(PASSPHRASE)

    @contextlib.contextmanager
    def released(self) -> Iterator[None]:
        """Let the CLI in (one process holds a vault at a time), then take it back."""
        self.vault.close()
        try:
            yield
        finally:
            self.reopen(self.clock)


@dataclass
class World:
    pair: SyncthingPair
    a: Computer
    b: Computer
    root: Path
    late: Computer | None = None  # the third computer, once it has joined

    @property
    def computers(self) -> list[Computer]:
        return [c for c in (self.a, self.b, self.late) if c is not None]


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("two-computers")
    with syncthing_pair(root / "syncthing") as pair:
        vault_a = Vault(root / "data-a")  # the real KDF: the CLI refuses a cheap key file
        opened = [vault_a]
        world = None
        try:
            vault_a.create(PASSPHRASE)
            service.start(vault_a, pair.folder_a, device_name="Desk")
            pair.wait_in_sync()
            vault_b = service.join(root / "data-b", pair.folder_b, PASSPHRASE, device_name="Laptop")
            opened.append(vault_b)
            world = World(
                pair,
                Computer("A", root / "data-a", pair.folder_a, vault_a),
                Computer("B", root / "data-b", pair.folder_b, vault_b),
                root,
            )
            converge(world)
            yield world
        finally:
            # A computer reopened (another clock) holds a new Vault object: close the current.
            for vault in [c.vault for c in world.computers] if world else opened:
                vault.close()


# -- settling and comparing ------------------------------------------------------------------


def converge(world: World) -> list[list[service.SyncReport]]:
    """Rounds of sync_now on every computer, each followed by Syncthing carrying the files,
    until a round in which nobody wrote or applied anything. Every round starts with the
    folders in sync, so a quiet round means there is nothing left anywhere."""
    world.pair.wait_in_sync()
    rounds = []
    for _ in range(MAX_ROUNDS):
        reports = [c.sync() for c in world.computers]
        rounds.append(reports)
        world.pair.wait_in_sync()
        if all(r.written == 0 and r.applied == 0 and r.unreadable == 0 for r in reports):
            break
    else:
        pytest.fail(f"still changing after {MAX_ROUNDS} rounds: {rounds[-1]}")
    assert world.pair.conflict_files() == [], "Syncthing saw two writers on one file"
    for computer in world.computers:
        assert service.status(computer.vault).problem is None
    return rounds


def _is_local_id(key: str, value: Any) -> bool:
    # Row numbers are each computer's own; a string under such a key (a prompt's name, a
    # device's id) is the same everywhere and stays in the comparison.
    return (key == "id" or key.endswith("_id")) and (value is None or type(value) is int)


def comparable(value: Any) -> Any:
    """The value without local row numbers; lists of records sorted by their content,
    since their order follows those row numbers."""
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if not _is_local_id(k, v)}
    if isinstance(value, list):
        items = [comparable(v) for v in value]
        if all(isinstance(v, dict) for v in items):
            items.sort(key=lambda v: json.dumps(v, sort_keys=True, default=str))
        return items
    return value


# Honestly per computer, left out of the archive comparison: only when the export was made.
# (Each computer's sync bookkeeping, its device id, name and folder, lives outside the
# archive, and this journal has none of the settings that stay on one computer.)
PER_COMPUTER_KEYS = ("exported",)


def comparable_archive(doc: dict) -> dict:
    return comparable({k: v for k, v in doc.items() if k not in PER_COMPUTER_KEYS})


_exports = iter(range(10**6))


def _read_outs(computer: Computer, words: Sequence[str], out_dir: Path) -> dict[str, Any]:
    """What one computer shows (its vault released), read with the CLI, made comparable."""
    archive = out_dir / f"{computer.name}-{next(_exports)}.zip"
    commands = {
        "progress": ["progress", "--json"],
        "status": ["status", "--json"],
        "archive": ["export", "--format", "archive", "--out", str(archive)],
    }
    commands |= {f"search {word}": ["search", word, "--json"] for word in words}
    child = subprocess.run(
        [sys.executable, "-m", "tests.system.sync.read_outs", json.dumps(list(commands.values()))],
        cwd=REPO,
        env=child_env(computer.data_dir, RECONCILE_PASSPHRASE=PASSPHRASE),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=CHILD_TIMEOUT,
    )
    assert child.returncode == 0, child.stderr
    shown = {}
    for what, run in zip(commands, json.loads(child.stdout), strict=True):
        assert run["code"] == 0, f"{computer.name} {what}: {run['stderr']}"
        if what == "archive":
            with zipfile.ZipFile(archive) as zf:
                shown[what] = comparable_archive(json.loads(zf.read("reconcile-archive.json")))
        else:
            shown[what] = comparable(json.loads(run["stdout"]))
    return shown


def assert_all_show_the_same(world: World, *words: str) -> dict[str, Any]:
    """Every computer shows the same (read with the CLI, the computers side by side);
    returns what they show."""
    computers = world.computers
    with contextlib.ExitStack() as stack:
        for computer in computers:
            stack.enter_context(computer.released())
        with ThreadPoolExecutor(max_workers=len(computers)) as pool:
            views = pool.map(lambda c: _read_outs(c, words, world.root), computers)
            shown = dict(zip([c.name for c in computers], views, strict=True))
    first = computers[0].name
    for computer in computers[1:]:
        assert shown[computer.name] == shown[first], f"{computer.name} differs from {first}"
    for word in words:
        assert shown[first][f"search {word}"]["hits"], f"{word!r} is found nowhere"
    return shown[first]


# -- finding things on one computer (row numbers differ, so by their words) ------------------


def entries_with(vault: Vault, word: str, *, include_deleted: bool = False) -> list:
    return [
        e
        for e in journal.iter_entries(vault, include_deleted=include_deleted)
        if word in e.title or word in e.body
    ]


def the_entry(vault: Vault, title: str):
    (entry,) = [e for e in journal.iter_entries(vault) if e.title == title]
    return entry


def device_dir(computer: Computer) -> Path:
    return computer.folder / "devices" / service.status(computer.vault).device_id


def change_files(computer: Computer) -> list[Path]:
    """This computer's change files (NNNNNNNNNN.rcs) in its side of the folder, in order."""
    return sorted(p for p in device_dir(computer).glob("*.rcs") if p.stem.isdigit())


# -- the scenarios, in order -----------------------------------------------------------------


def test_written_on_a_is_read_on_b(world):
    journal.add_entry(
        world.a.vault, f"The walk by the river helped. {MARKER}", title="After the walk"
    )
    converge(world)

    (on_b,) = entries_with(world.b.vault, MARKER)
    assert on_b.title == "After the walk"
    assert on_b.body == f"The walk by the river helped. {MARKER}"
    assert_all_show_the_same(world, MARKER, "river")


def test_concurrent_edits_keep_both_versions_and_one_conflict_copy(world):
    journal.add_entry(world.a.vault, "What I owe an apology for.", title="Apology draft")
    converge(world)

    world.pair.link_down()
    on_a = the_entry(world.a.vault, "Apology draft")
    journal.update_entry(world.a.vault, on_a.id, body=on_a.body + " Missing the birthday dinner.")
    world.a.sync()
    on_b = the_entry(world.b.vault, "Apology draft")
    journal.update_entry(world.b.vault, on_b.id, body=on_b.body + " Raising my voice in June.")
    world.b.sync()
    world.pair.link_up()
    rounds = converge(world)

    assert sum(r.conflicts for reports in rounds for r in reports) >= 1
    for computer in world.computers:
        versions = entries_with(computer.vault, "What I owe an apology for.")
        assert len(versions) == 2, f"{computer.name}: the entry and one conflict copy"
        words = " ".join(v.body for v in versions)
        assert "birthday" in words and "voice" in words, f"{computer.name} lost words"
    assert_all_show_the_same(world, "birthday", "voice", "apology")


def test_check_ins_on_both_computers_for_the_same_day(world):
    goal = plans.add_goal(world.a.vault, "Listen before answering")
    plans.add_commitment(world.a.vault, goal.id, "Pause for a breath before replying")
    plans.add_commitment(world.a.vault, goal.id, "Ask one question back")
    converge(world)

    world.pair.link_down()
    breath_a = plans.find_commitment(world.a.vault, "breath")
    plans.check_in(world.a.vault, breath_a.id, "kept", note="kept at the desk")
    world.a.sync()
    breath_b = plans.find_commitment(world.b.vault, "breath")
    question_b = plans.find_commitment(world.b.vault, "question back")
    plans.check_in(world.b.vault, breath_b.id, "slipped", note="slipped on the laptop")
    plans.check_in(world.b.vault, question_b.id, "kept")
    world.b.sync()
    world.pair.link_up()
    converge(world)

    assert_all_show_the_same(world, "apology")
    for computer in world.computers:
        today = {i.commitment.action: i.state for i in plans.day_items(computer.vault)}
        assert today["Ask one question back"] == "kept"
        # One mark for the day, whichever came last: the same on every computer (see above).
        assert today["Pause for a breath before replying"] in ("kept", "slipped")


def test_no_contact_events_on_both_computers(world):
    nocontact.start_period(world.a.vault, target_days=45)
    converge(world)

    world.pair.link_down()
    nocontact.log_event(world.a.vault, "urge_resisted", note="wanted to text at night")
    world.a.sync()
    nocontact.log_event(world.b.vault, "urge_resisted", note="nearly called after work")
    nocontact.log_event(world.b.vault, "looked_social", note="looked at the photos")
    world.b.sync()
    world.pair.link_up()
    converge(world)

    for computer in world.computers:
        period = nocontact.current_period(computer.vault)
        notes = sorted(e.note for e in nocontact.events(computer.vault, period.id))
        assert notes == [
            "looked at the photos",
            "nearly called after work",
            "wanted to text at night",
        ]
    assert_all_show_the_same(world, "apology")


def test_a_delete_on_one_computer_and_an_edit_on_the_other_loses_no_word(world):
    # Both kinds of delete: to the trash, and forever (a tombstone).
    journal.add_entry(world.a.vault, "Things I would say differently.", title="Differently")
    journal.add_entry(world.a.vault, "A letter I will not send.", title="Unsent")
    converge(world)

    world.pair.link_down()
    journal.trash_entry(world.a.vault, the_entry(world.a.vault, "Differently").id)
    journal.delete_entry_forever(world.a.vault, the_entry(world.a.vault, "Unsent").id)
    world.a.sync()
    for title, words in (("Differently", " Slower, and kinder."), ("Unsent", " Thank you.")):
        on_b = the_entry(world.b.vault, title)
        journal.update_entry(world.b.vault, on_b.id, body=on_b.body + words)
    world.b.sync()
    world.pair.link_up()
    converge(world)

    shown = assert_all_show_the_same(world, "apology")
    # Wherever each entry ends (the trash, or back in the journal), the edit's words are kept.
    everything = json.dumps(shown["archive"], ensure_ascii=False)
    assert "Slower, and kinder." in everything
    assert "Thank you." in everything


def test_a_truncated_change_file_is_read_later_once_whole(world):
    world.pair.link_down()
    journal.add_entry(world.a.vault, "A small win: I waited a day before answering.", title="Win")
    world.a.sync()
    newest = change_files(world.a)[-1]
    whole = newest.read_bytes()
    relative = newest.relative_to(world.a.folder)
    with world.pair.folder_held("b") as folder_b:
        # As a sync tool that writes in place would leave it, half-way through.
        partial = folder_b / relative
        partial.parent.mkdir(parents=True, exist_ok=True)
        partial.write_bytes(whole[: len(whole) // 2])
        report = world.b.sync()
        assert report.unreadable >= 1
        assert entries_with(world.b.vault, "small win") == []
        partial.unlink()
    world.pair.link_up()
    converge(world)

    assert (world.b.folder / relative).read_bytes() == whole
    for computer in world.computers:
        assert len(entries_with(computer.vault, "small win")) == 1
    assert_all_show_the_same(world, "waited", "apology")


def test_a_computer_joining_late_starts_from_the_snapshot(world):
    # One change file per evening, enough for A to write a new snapshot and, once B has read
    # them, drop the change files it holds: the newcomer cannot replay them.
    first_files = change_files(world.a)
    for day in range(SNAPSHOT_AFTER + 5):
        journal.add_entry(world.a.vault, f"Evening note {day}: one thing that went well.")
        world.a.sync()
    for day in range(40):
        journal.add_entry(world.b.vault, f"Morning note {day}: one thing I am grateful for.")
    converge(world)
    assert not any(p.exists() for p in first_files), "A's old change files are pruned"
    assert list(device_dir(world.a).glob("snapshot-*.rcs")), "a snapshot to start from"

    late_dir = world.root / "data-c"
    world.late = Computer(
        "C",
        late_dir,
        world.b.folder,
        service.join(late_dir, world.b.folder, PASSPHRASE, device_name="Old laptop"),
    )
    converge(world)

    for computer in world.computers:
        assert len(entries_with(computer.vault, " note ")) == SNAPSHOT_AFTER + 5 + 40
    assert_all_show_the_same(world, "grateful", "went", "apology", "waited")


def test_a_clock_three_days_ahead_is_named_and_merges_stay_in_order(world):
    journal.add_entry(world.a.vault, "Version one.", title="Order")
    converge(world)

    ahead = Clock(fixed=dt.datetime.now(dt.UTC) + dt.timedelta(days=3))
    world.b.reopen(clock=ahead)
    on_b = the_entry(world.b.vault, "Order")
    journal.update_entry(world.b.vault, on_b.id, body="Version two, from the fast clock.")
    converge(world)

    status_on_a = service.status(world.a.vault)
    (seen,) = [d for d in status_on_a.devices if d.name == "Laptop"]
    assert seen.clock_ahead_s is not None
    assert abs(seen.clock_ahead_s - THREE_DAYS_S) < 3600
    assert "Laptop" in service.describe(status_on_a, dt.datetime.now(dt.UTC))

    # Written on A after it saw B's version: it wins, although B's clock says "later".
    on_a = the_entry(world.a.vault, "Order")
    assert on_a.body == "Version two, from the fast clock."
    journal.update_entry(world.a.vault, on_a.id, body="Version three, written last.")
    converge(world)

    for computer in world.computers:
        assert [e.body for e in entries_with(computer.vault, "Version")] == [
            "Version three, written last."
        ]
    assert_all_show_the_same(world, "Version", "apology")


def test_no_word_reaches_the_sync_folder_readable(world):
    """The marker written on A is in no file of either side of the folder, and no change file
    holds anything readable without the key: no JSON, and no compressed stream anywhere in it
    (compression alone would hide the marker from a byte search)."""
    files = [p for side in (world.a.folder, world.b.folder) for p in side.rglob("*") if p.is_file()]
    assert any(p.suffix == ".rcs" for p in files)
    for path in files:
        data = path.read_bytes()
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            assert MARKER.encode(encoding) not in data, path
        if path.suffix == ".rcs":
            assert b'"rows"' not in data and b'"kind"' not in data, path
            assert zlib_streams_in(data) == [], path


def zlib_streams_in(data: bytes) -> list[int]:
    """Offsets where a whole zlib stream starts (header, data, checksum): none in sealed
    bytes, where a two-byte header turns up by chance but never a stream that ends well."""
    found = []
    for offset in range(len(data) - 2):
        if data[offset] & 0x0F != 8 or (data[offset] << 8 | data[offset + 1]) % 31:
            continue
        stream = zlib.decompressobj()
        with contextlib.suppress(zlib.error):
            stream.decompress(data[offset:])
            if stream.eof:
                found.append(offset)
    return found
