"""A model-based test of sync: two or three computers write, edit, trash, delete, tag, check in,
log no-contact events, note moods and edit goals in random interleavings; they sync at random;
the test copies files between their folder copies in random order, some cut short.

At the end, with everything copied everywhere and every computer synced twice, all computers
show the same thing (entries with their bodies, search, progress, no-contact status, moods, the
archive's tables without local ids), and nothing acknowledged is lost: every body ever written is
still there, in place or as a conflict copy, unless a computer that had it changed or deleted it.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule, run_state_machine_as_test

from reconcile_desktop.core.journal import daily_mood
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from tests.core.sync.sync_world import WORDS, World, bodies, read_models

MODEL = settings(
    max_examples=6,
    stateful_step_count=30,
    deadline=None,
    derandomize=True,
    # Each step syncs real journals: shrinking a failure takes many minutes, so the suite
    # reports the sequence as found; the soak run shrinks.
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
SOAK = settings(
    MODEL, max_examples=300, stateful_step_count=60, derandomize=False, phases=tuple(Phase)
)

NAMES = ("A", "B", "C")
SKEWS = {"A": 0, "B": -40, "C": 90}  # seconds each computer's clock is off by
TAGS = ("hope", "anger", "work")
KINDS = ("i_contacted", "they_contacted_ignored", "looked_social", "urge_resisted")
who = st.integers(0, len(NAMES) - 1)
pick = st.integers(0, 10**6)
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4)
tags = st.lists(st.sampled_from(TAGS), max_size=2)


def step(fn):
    """Remember that a step failed, so the final check does not hide its error."""

    @functools.wraps(fn)
    def run(self, *args, **kwargs):
        self.broken = True
        fn(self, *args, **kwargs)
        self.broken = False

    return run


class SyncModel(RuleBasedStateMachine):
    def __init__(self, root) -> None:
        super().__init__()
        self.world = World(root)
        self.written: set[str] = set()  # every body any computer saved
        self.dropped: set[str] = set()  # bodies a computer that had them replaced or deleted
        self.events = 0
        self.numbers = itertools.count()
        self.broken = True
        self._begin()
        self.broken = False

    def _begin(self) -> None:
        w = self.world
        a = w.new_vault("A").vault
        start = a.clock.today() - dt.timedelta(days=10)
        for n in range(2):
            goal = plans.add_goal(a, f"Goal {n}", start=start)
            plans.add_commitment(a, goal.id, f"Step {n}", "daily", start=start)
        nocontact.start_period(a, target_days=45, start=start)
        self._add(a, ["calm"], [])
        w.start("A")
        w.sync("A")
        self._join("B", "A")

    # -- helpers ---------------------------------------------------------------------------

    def _name(self, n: int) -> str:
        names = list(self.world.computers)
        return names[n % len(names)]

    def _vault(self, n: int):
        return self.world.vault(self._name(n))

    def _body(self, chosen: list[str]) -> str:
        return f"{' '.join(chosen)} m{next(self.numbers)}"  # unique, so a body names a version

    def _add(self, vault, chosen, tag_names) -> None:
        body = self._body(chosen)
        journal.add_entry(vault, body, title=f"t{next(self.numbers)}", tags=tag_names)
        self.written.add(body)

    def _pick_entry(self, vault, n: int, *, trashed: bool | None):
        every = journal.iter_entries(vault, include_deleted=True)
        found = sorted(
            (e for e in every if trashed is None or e.deleted == trashed),
            key=lambda e: (e.title, e.body),
        )
        return found[n % len(found)] if found else None

    def _join(self, name: str, source: str) -> None:
        w = self.world
        w.join(name, source=source)
        c = w.computers[name]
        c.skew = dt.timedelta(seconds=SKEWS[name])
        c.clock.fixed = w.now + c.skew
        w.sync(name)

    # -- what people do --------------------------------------------------------------------

    @rule(n=who, chosen=words, tag_names=tags)
    @step
    def write(self, n, chosen, tag_names):
        self._add(self._vault(n), chosen, tag_names)

    @rule(n=who, p=pick, chosen=words)
    @step
    def edit(self, n, p, chosen):
        vault = self._vault(n)
        entry = self._pick_entry(vault, p, trashed=False)
        if entry is None:
            return
        body = self._body(chosen)
        journal.update_entry(vault, entry.id, body=body)
        self.written.add(body)
        self.dropped.add(entry.body)  # this computer had it and wrote over it

    @rule(n=who, p=pick, tag_names=tags)
    @step
    def retag(self, n, p, tag_names):
        vault = self._vault(n)
        entry = self._pick_entry(vault, p, trashed=False)
        if entry is not None:
            journal.update_entry(vault, entry.id, tags=tag_names)

    @rule(n=who, p=pick)
    @step
    def trash(self, n, p):
        vault = self._vault(n)
        entry = self._pick_entry(vault, p, trashed=False)
        if entry is not None:
            journal.trash_entry(vault, entry.id)

    @rule(n=who, p=pick)
    @step
    def restore(self, n, p):
        vault = self._vault(n)
        entry = self._pick_entry(vault, p, trashed=True)
        if entry is not None:
            journal.restore_entry(vault, entry.id)

    @rule(n=who, p=pick)
    @step
    def delete_forever(self, n, p):
        vault = self._vault(n)
        entry = self._pick_entry(vault, p, trashed=None)
        if entry is not None:
            journal.delete_entry_forever(vault, entry.id)
            self.dropped.add(entry.body)

    @rule(n=who, p=pick, back=st.integers(0, 3), state=st.sampled_from(("kept", "slipped", None)))
    @step
    def check_in(self, n, p, back, state):
        vault = self._vault(n)
        found = sorted(plans.commitments(vault), key=lambda c: c.action)
        chosen = found[p % len(found)]
        today = vault.clock.today()
        day = max(today - dt.timedelta(days=back), chosen.start_date)
        if day > today:
            return  # made on a computer whose clock is a little ahead, just after midnight
        plans.check_in(vault, chosen.id, state, day=day, note=f"note {p % 7}")

    @rule(n=who, kind=st.sampled_from(KINDS), intensity=st.integers(1, 5))
    @step
    def log_event(self, n, kind, intensity):
        nocontact.log_event(self._vault(n), kind, intensity=intensity, trigger="a song")
        self.events += 1

    @rule(n=who, back=st.integers(0, 3), mood=st.integers(1, 5), note=st.sampled_from(WORDS))
    @step
    def set_mood(self, n, back, mood, note):
        vault = self._vault(n)
        daily_mood.set_mood(vault, mood, note, day=vault.clock.today() - dt.timedelta(days=back))

    @rule(n=who, p=pick, chosen=words)
    @step
    def edit_goal(self, n, p, chosen):
        vault = self._vault(n)
        found = sorted(plans.goals(vault), key=lambda g: g.title)
        plans.update_goal(vault, found[p % len(found)].id, why=" ".join(chosen))

    @rule(n=who)
    @step
    def add_goal(self, n):
        vault = self._vault(n)
        number = next(self.numbers)
        goal = plans.add_goal(vault, f"Goal {number}", start=vault.clock.today())
        plans.add_commitment(vault, goal.id, f"Step {number}", "daily")

    # -- syncing, copying, time ------------------------------------------------------------

    @rule(n=who)
    @step
    def sync(self, n):
        self.world.sync(self._name(n))

    @rule(
        src=who,
        hop=st.integers(0, 1),
        seed=st.integers(0, 2**16),
        take=st.integers(1, 8),
        cut_last=st.booleans(),
    )
    @step
    def copy(self, src, hop, seed, take, cut_last):
        names = list(self.world.computers)
        i = src % len(names)
        j = (i + 1 + hop % (len(names) - 1)) % len(names)
        self.world.folders.copy_shuffled(names[i], names[j], seed, take, cut_last)

    @rule(seconds=st.integers(1, 900))
    @step
    def tick(self, seconds):
        self.world.tick(seconds)

    @precondition(lambda self: len(self.world.computers) < len(NAMES))
    @rule(source=who)
    @step
    def join_late(self, source):
        name = NAMES[len(self.world.computers)]
        self._join(name, self._name(source))

    # -- the end ---------------------------------------------------------------------------

    def teardown(self) -> None:
        try:
            if not self.broken:
                self._check_the_end()
        finally:
            self.world.close()

    def _check_the_end(self) -> None:
        w = self.world
        last = w.settle(rounds=2)
        assert [r.unreadable for r in last] == [0] * len(last)
        for c in w.computers.values():
            c.clock.fixed = w.now  # one instant for every read model
        shown = {name: read_models(w.vault(name)) for name in w.computers}
        first, *others = shown
        for name in others:
            for part, value in shown[name].items():
                assert value == shown[first][part], _difference(name, first, part, shown)
        final = set(bodies(w.vault(first)))
        assert not (self.written - self.dropped) - final, "words were lost"
        assert not final - self.written, "a body nobody wrote"
        with w.vault(first).connection() as conn:
            counted = conn.execute(sa.text("SELECT count(*) FROM contact_event")).scalar()
        assert counted == self.events


def _difference(name: str, first: str, part: str, shown: dict) -> str:
    """The first item that differs, in full (pytest would cut it short)."""
    mine, theirs = shown[name][part], shown[first][part]
    if isinstance(mine, dict):
        key = next(k for k in sorted(set(mine) | set(theirs)) if mine.get(k) != theirs.get(k))
        mine, theirs, part = mine.get(key), theirs.get(key), f"{part}[{key}]"
    if isinstance(mine, list) and isinstance(theirs, list):
        extra = [x for x in mine if x not in theirs][:1]
        missing = [x for x in theirs if x not in mine][:1]
        return f"{name} and {first} differ in {part}: {name} has {extra}, {first} has {missing}"
    return f"{name} and {first} differ in {part}: {mine!r} != {theirs!r}"


def _run(tmp_path, config) -> None:
    numbers = itertools.count()
    run_state_machine_as_test(lambda: SyncModel(tmp_path / str(next(numbers))), settings=config)


def test_computers_syncing_in_any_order_converge_and_lose_no_words(tmp_path):
    _run(tmp_path, MODEL)


@pytest.mark.soak
def test_computers_syncing_in_any_order_converge_and_lose_no_words_soak(tmp_path):
    _run(tmp_path, SOAK)
