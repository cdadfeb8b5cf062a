"""The sync rules, one test each, with computers syncing through simulated folders: the test
copies files between each computer's copy of the sync folder (sync_world.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import sqlalchemy as sa

from reconcile_desktop.core.changes import CHECKINS, ENTRIES, NOCONTACT
from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.errors import WrongPassphrase
from reconcile_desktop.core.journal import daily_mood
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.core.sync import service
from tests.conftest import PASSPHRASE, TEST_BOUNDS
from tests.core.sync.sync_world import (
    NOW,
    ZONE,
    World,
    as_set,
    bodies,
    conflict_links,
    entries,
    folder_bytes,
    read_models,
)

NEW_PASSPHRASE = "a new and equally patient passphrase"
THREE_DAYS = dt.timedelta(days=3)


def send(world, src: str, dst: str) -> service.SyncReport:
    """src writes its changes, the tool copies them whole to dst, dst syncs."""
    world.sync(src)
    world.copy(src, dst)
    return world.sync(dst)


def only_entry(vault) -> journal.EntryData:
    (entry,) = journal.iter_entries(vault, include_deleted=True)
    return entry


def assert_same(world, *names: str) -> None:
    """Every named computer shows the same, read at one instant (a clock may run ahead)."""
    clocks = [world.computers[n].clock for n in names]
    kept = [c.fixed for c in clocks]
    for c in clocks:
        c.fixed = world.now
    try:
        first, *rest = names
        shown = read_models(world.vault(first))
        for name in rest:
            assert read_models(world.vault(name)) == shown, f"{name} shows other than {first}"
    finally:
        for c, fixed in zip(clocks, kept, strict=True):
            c.fixed = fixed


def change_files(world, name: str, of: str | None = None) -> list[int]:
    """Sequence numbers of the change files of computer `of` (default `name`) in name's copy."""
    device_id = service.status(world.vault(of or name)).device_id
    folder = world.folder(name) / "devices" / device_id
    if not folder.is_dir():
        return []
    return sorted(int(p.stem) for p in folder.iterdir() if re.fullmatch(r"\d+\.rcs", p.name))


# -- write here, read there ------------------------------------------------------------------


def test_a_write_on_one_computer_reads_on_the_other(pair):
    made = journal.add_entry(pair.vault("A"), "A calm walk by the river", title="Tuesday",
                             tags=["hope"])  # fmt: skip
    report = send(pair, "A", "B")
    assert report.applied >= 1 and report.changes.touches(ENTRIES)
    got = only_entry(pair.vault("B"))
    assert (got.title, got.body, got.tags) == (made.title, made.body, made.tags)
    pair.settle()
    assert_same(pair, "A", "B")


# -- journal bodies --------------------------------------------------------------------------


@pytest.mark.parametrize("first", ["A", "B"])
def test_concurrent_edits_of_one_body_keep_the_later_in_place_and_the_other_as_a_linked_copy(
    pair, first
):
    a, b = pair.vault("A"), pair.vault("B")
    made = journal.add_entry(a, "What I said that evening", title="Our talk")
    send(pair, "A", "B")
    desk = "What I said that evening, and what I now hear in it"
    laptop = "What I said that evening, and what I would say today"
    pair.tick(60)
    journal.update_entry(a, made.id, body=desk)
    pair.tick(60)
    journal.update_entry(b, only_entry(b).id, body=laptop)  # the later edit by HLC

    reports = [pair.sync(first), *_both_ways(pair)]  # either may write its edit first
    assert sum(r.conflicts for r in reports) >= 1
    for vault in (a, b):
        links = conflict_links(vault)
        in_place = [(i, body) for i, body, of in links if of is None]
        copies = [(body, of) for _i, body, of in links if of is not None]
        assert len(in_place) == 1 and len(copies) == 1, links
        assert in_place[0][1] == laptop
        assert copies == [(desk, in_place[0][0])]  # the copy names the entry it came from
    assert_same(pair, "A", "B")


def test_the_merge_of_concurrent_edits_is_the_same_whichever_computer_syncs_first(tmp_path):
    """Deterministic merging: the outcome depends on the edits, not on who synced first."""
    shown = {}
    for first in ("A", "B"):
        world = World(tmp_path / first)
        try:
            world.first("A")
            world.sync("A")
            world.join("B", source="A")
            world.settle(rounds=1)
            a, b = world.vault("A"), world.vault("B")
            made = journal.add_entry(a, "What I said that evening")
            send(world, "A", "B")
            world.tick(60)
            journal.update_entry(a, made.id, body="What I said, and what I now hear in it")
            world.tick(60)
            journal.update_entry(b, only_entry(b).id, body="What I said, and what I would say")
            send(world, first, "B" if first == "A" else "A")  # the other one meets the conflict
            world.settle()
            shown[first] = read_models(a)
        finally:
            world.close()
    assert shown["A"]["entries"] == shown["B"]["entries"]


def _both_ways(world) -> list[service.SyncReport]:
    reports = []
    for _ in range(2):
        world.folders.spread()
        reports += [world.sync(name) for name in world.computers]
    return reports


@pytest.mark.parametrize("later", ["delete", "edit"])
def test_a_delete_on_one_side_and_an_edit_on_the_other_keeps_the_edited_words(pair, later):
    a, b = pair.vault("A"), pair.vault("B")
    made = journal.add_entry(a, "A letter I will not send")
    send(pair, "A", "B")
    edited = "A letter I will not send, and why I wrote it anyway"

    def delete():
        journal.delete_entry_forever(a, made.id)

    def edit():
        journal.update_entry(b, only_entry(b).id, body=edited)

    for step in (edit, delete) if later == "delete" else (delete, edit):
        pair.tick(60)
        step()
    pair.settle()
    for vault in (a, b):
        assert edited in bodies(vault)
    assert_same(pair, "A", "B")


@pytest.mark.parametrize("later", ["trash", "edit"])
def test_a_trashed_entry_and_an_edit_on_the_other_side_keep_the_edited_words(pair, later):
    a, b = pair.vault("A"), pair.vault("B")
    made = journal.add_entry(a, "Things I loved about us")
    send(pair, "A", "B")
    edited = "Things I loved about us: the Sunday walks, the slow breakfasts"

    def trash():
        journal.trash_entry(a, made.id)

    def edit():
        journal.update_entry(b, only_entry(b).id, body=edited)

    for step in (edit, trash) if later == "trash" else (trash, edit):
        pair.tick(60)
        step()
    pair.settle()
    for vault in (a, b):
        assert edited in bodies(vault)  # in place or in a conflict copy, in the trash or not
    assert_same(pair, "A", "B")


def test_an_edit_then_a_delete_on_one_side_and_a_trash_on_the_other_converge(pair):
    """Found by the model test: A's edit reached the folder before A deleted the entry; B,
    not having seen either, put the entry in the trash."""
    a, b = pair.vault("A"), pair.vault("B")
    made = journal.add_entry(a, "An apology I rewrote many times")
    send(pair, "A", "B")
    pair.tick(60)
    journal.update_entry(a, made.id, body="An apology I rewrote many times, the last time")
    pair.sync("A")
    pair.tick(60)
    journal.delete_entry_forever(a, made.id)
    pair.tick(60)
    journal.trash_entry(b, only_entry(b).id)
    pair.settle()
    assert entries(a) == entries(b)
    assert_same(pair, "A", "B")


def test_tags_changed_on_both_computers_converge(pair):
    """Found by the model test: a tag removed and added again on one side (so its tag row is
    dropped and made anew) and added on the other."""
    a, b = pair.vault("A"), pair.vault("B")
    made = journal.add_entry(a, "A walk after work")
    send(pair, "A", "B")
    on_b = only_entry(b).id
    for tags in (["hope"], [], ["hope"]):
        pair.tick(60)
        journal.update_entry(b, on_b, tags=tags)
    pair.tick(60)
    journal.update_entry(a, made.id, tags=["hope"])
    pair.settle()
    assert only_entry(a).tags == only_entry(b).tags == ("hope",)
    assert_same(pair, "A", "B")


# -- append-only facts and last writers ------------------------------------------------------


def test_check_ins_for_one_day_on_both_computers_merge_into_one_and_the_later_wins(pair):
    a, b = pair.vault("A"), pair.vault("B")
    today = a.clock.today()
    goal = plans.add_goal(a, "Listen more", start=today - dt.timedelta(days=5))
    plans.add_commitment(a, goal.id, "Ask, then listen", "daily", start=today - dt.timedelta(5))
    send(pair, "A", "B")
    (on_a,) = plans.commitments(a)
    (on_b,) = plans.commitments(b)
    pair.tick(60)
    plans.check_in(a, on_a.id, "kept", note="from the desk")
    pair.tick(60)
    plans.check_in(b, on_b.id, "slipped", note="from the laptop")

    reports = _both_ways(pair)
    assert any(r.changes.touches(CHECKINS) for r in reports)
    for vault in (a, b):
        with vault.connection() as conn:
            rows = conn.execute(sa.text("SELECT day, state, note FROM checkin")).all()
        assert [(r.state, r.note) for r in rows] == [("slipped", "from the laptop")]
    from reconcile_desktop.core import summaries

    (on_desk,) = summaries.goal_summaries(a)
    (on_laptop,) = summaries.goal_summaries(b)
    assert as_set([on_desk]) == as_set([on_laptop])
    assert (on_desk.kept_days, on_desk.slipped_days) == (0, 1)
    assert_same(pair, "A", "B")


def test_no_contact_events_from_both_computers_all_count_and_the_streak_is_recomputed(world):
    a = world.first("A").vault
    nocontact.start_period(a, target_days=45, start=a.clock.today() - dt.timedelta(days=10))
    world.sync("A")
    b = world.join("B", source="A").vault
    world.sync("B")
    assert nocontact.status_json(b)["days"] == 10
    world.tick(60)
    nocontact.log_event(a, "urge_resisted", intensity=3, trigger="a song")
    nocontact.log_event(a, "looked_social")
    world.tick(60)
    nocontact.log_event(b, "urge_resisted", intensity=4, trigger="a photo")
    nocontact.log_event(b, "i_contacted", note="I wrote first")

    reports = _both_ways(world)
    assert any(r.changes.touches(NOCONTACT) for r in reports)
    for vault in (a, b):
        period = nocontact.current_period(vault)
        kinds = sorted(e.kind for e in nocontact.events(vault, period.id))
        assert kinds == ["i_contacted", "looked_social", "urge_resisted", "urge_resisted"]
        shown = nocontact.status_json(vault)
        assert shown["days"] == 0  # the contact on B restarted the count on both
        assert shown["urges_this_week"] == 2
        assert shown["best_days"] == 10
    assert nocontact.status_json(a) == nocontact.status_json(b)
    assert_same(world, "A", "B")


def test_a_mood_set_for_one_day_on_both_computers_keeps_the_later(pair):
    a, b = pair.vault("A"), pair.vault("B")
    pair.tick(60)
    daily_mood.set_mood(a, 2, "heavy morning")
    pair.tick(60)
    daily_mood.set_mood(b, 4, "a lighter evening")
    pair.settle()
    for vault in (a, b):
        got = daily_mood.get_mood(vault)
        assert (got.mood, got.note) == (4, "a lighter evening")


# -- joining late, files arriving cut short ---------------------------------------------------


def snapshots(world, name: str) -> list[int]:
    device_id = service.status(world.vault(name)).device_id
    folder = world.folder(name) / "devices" / device_id
    return sorted(int(p.stem.split("-")[1]) for p in folder.glob("snapshot-*.rcs"))


def write_until_snapshot(world) -> list[int]:
    """A writes an entry and syncs until a snapshot holds the first change file it wrote (only
    files a snapshot holds may be pruned). Returns the numbers of the change files written."""
    before = set(change_files(world, "A"))
    for n in range(500):
        journal.add_entry(world.vault("A"), f"Step {n}: one small thing, then another")
        world.sync("A")
        world.tick(600)
        made = sorted(set(change_files(world, "A")) - before)
        if made and snapshots(world, "A")[-1] >= made[0]:
            return made
    raise AssertionError("A never wrote a snapshot")


def acknowledge(world, *names: str) -> None:
    """Each of `names` reads A's files, and A reads what each says it has read."""
    for name in names:
        send(world, "A", name)
        world.copy(name, "A")
    world.sync("A")


@pytest.mark.slow  # a snapshot, and so pruning, comes every 50 change files
def test_a_late_joiner_builds_its_journal_from_a_snapshot_after_old_change_files_were_pruned(
    pair,
):
    made = write_until_snapshot(pair)
    acknowledge(pair, "B")
    assert made[0] not in change_files(pair, "A"), "A's first change file was never pruned"

    pair.folders.spread()
    c = pair.join("C", source="A").vault
    assert bodies(c) == bodies(pair.vault("A"))
    pair.settle()
    assert_same(pair, "A", "B", "C")


def test_a_change_file_cut_short_is_left_for_later_and_read_once_whole(pair):
    a, b = pair.vault("A"), pair.vault("B")
    journal.add_entry(a, "Written on the desk while the laptop was syncing")
    pair.sync("A")
    new = pair.folders.pending("A", "B")
    cut = frozenset(p for p in new if p.endswith(".rcs"))
    assert cut, "A wrote no file"
    pair.folders.copy("A", "B", new, cut=cut)

    report = pair.sync("B")
    assert report.unreadable >= 1
    assert bodies(b) == []
    assert report.status.problem is None or report.status.problem.count(".") == 1

    pair.copy("A", "B")  # the rest arrives
    report = pair.sync("B")
    assert report.unreadable == 0
    assert bodies(b) == ["Written on the desk while the laptop was syncing"]
    pair.settle()
    assert_same(pair, "A", "B")


# -- clocks ----------------------------------------------------------------------------------


def test_a_clock_three_days_ahead_is_named_and_a_later_edit_still_wins_by_hlc(world):
    a = world.first("A", skew=THREE_DAYS).vault
    world.sync("A")
    b = world.join("B", source="A").vault
    made = journal.add_entry(a, "Written on the computer whose clock runs ahead")
    send(world, "A", "B")

    (ahead,) = [d for d in service.status(b).devices if not d.is_this]
    assert ahead.name == "A"
    assert ahead.clock_ahead_s == pytest.approx(THREE_DAYS.total_seconds(), rel=0.01)
    said = service.describe(service.status(b), b.clock.now())
    assert "A" in said and "3 days ahead" in said

    world.tick(60)  # B's clock is right: by wall clock its edit is three days older than A's
    later = "Written on the computer whose clock runs ahead, then corrected on the laptop"
    journal.update_entry(b, only_entry(b).id, body=later)
    world.settle()
    for vault in (a, b):
        assert [(body, of) for _i, body, of in conflict_links(vault)] == [(later, None)]
    assert journal.get_entry(a, made.id).body == later
    assert_same(world, "A", "B")


# -- pruning, forgetting, leaving ------------------------------------------------------------


@pytest.mark.slow  # a snapshot, and so pruning, comes every 50 change files
def test_change_files_are_pruned_only_after_every_known_computer_acknowledged_them(pair):
    pair.join("C", source="A")  # C reads what is there, says so, then is away
    pair.copy("C", "A")
    made = write_until_snapshot(pair)
    acknowledge(pair, "B")
    assert made[0] in change_files(pair, "A"), "pruned before C had read it"

    acknowledge(pair, "C")
    assert made[0] not in change_files(pair, "A"), "never pruned once everyone had read it"
    pair.settle()
    assert_same(pair, "A", "B", "C")


@pytest.mark.slow  # a snapshot, and so pruning, comes every 50 change files
def test_a_forgotten_computer_keeps_its_words_stops_syncing_and_is_not_waited_for(pair):
    c = pair.join("C", source="A").vault
    journal.add_entry(c, "Written on the old laptop")
    pair.settle()
    c_id = service.status(c).device_id

    service.remove_device(pair.vault("A"), c_id)
    (gone,) = [d for d in service.status(pair.vault("A")).devices if d.device_id == c_id]
    assert gone.left
    assert "Written on the old laptop" in bodies(pair.vault("A"))

    made = write_until_snapshot(pair)
    acknowledge(pair, "B")
    assert made[0] not in change_files(pair, "A"), "A still waits for the forgotten computer"

    pair.folders.spread()
    report = pair.sync("C")
    assert not report.status.enabled
    assert "removed" in service.describe(report.status, NOW)
    assert "Written on the old laptop" in bodies(c)


def test_leaving_stops_syncing_and_keeps_the_journal_whole(pair):
    a, b = pair.vault("A"), pair.vault("B")
    journal.add_entry(a, "Before the laptop left")
    send(pair, "A", "B")
    before = read_models(b)

    service.leave(b)
    st = service.status(b)
    assert not st.enabled
    assert read_models(b) == before
    report = service.sync_now(b)
    assert (report.written, report.applied, report.unreadable) == (0, 0, 0)
    assert service.describe(st, b.clock.now()) == "Sync is off."

    journal.add_entry(a, "After the laptop left")
    pair.settle()
    assert "After the laptop left" not in bodies(b)
    (left,) = [d for d in service.status(a).devices if d.name == "B"]
    assert left.left


# -- passphrase and key ----------------------------------------------------------------------


def test_a_passphrase_changed_on_one_computer_is_asked_for_once_then_opens_the_other(pair):
    a, b = pair.vault("A"), pair.vault("B")
    journal.add_entry(b, "Written on the laptop before the change")
    a.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    report = send(pair, "A", "B")
    assert report.status.needs_passphrase
    with pytest.raises(WrongPassphrase):
        service.adopt_renewed_key(b, PASSPHRASE)
    service.adopt_renewed_key(b, NEW_PASSPHRASE)
    assert not service.status(b).needs_passphrase
    pair.settle()

    b.lock()
    with pytest.raises(WrongPassphrase):
        b.unlock(PASSPHRASE)
    b.unlock(NEW_PASSPHRASE)
    assert "Written on the laptop before the change" in bodies(a)
    assert "Written on the laptop before the change" in bodies(b)
    # A third computer joins with the new passphrase only; a wrong one writes nothing.
    pair.folders.add("C")
    pair.folders.copy("A", "C")
    with pytest.raises(WrongPassphrase):
        service.join(pair.data_dir("C"), pair.folder("C"), PASSPHRASE, kdf_bounds=TEST_BOUNDS)
    assert not pair.data_dir("C").exists() or not any(pair.data_dir("C").iterdir())


def test_a_renewed_key_asks_the_other_computer_for_the_passphrase_and_loses_nothing(pair):
    a, b = pair.vault("A"), pair.vault("B")
    journal.add_entry(a, "Before the renewal, on the desk")
    journal.add_entry(b, "Before the renewal, on the laptop")
    pair.sync("B")
    a.rotate_key(PASSPHRASE)
    journal.add_entry(a, "After the renewal, on the desk")
    report = send(pair, "A", "B")
    assert report.status.needs_passphrase
    assert service.status(b).needs_passphrase
    journal.add_entry(b, "While the laptop waited for the passphrase")

    service.adopt_renewed_key(b, PASSPHRASE)
    assert not service.status(b).needs_passphrase
    pair.settle()
    expected = sorted(
        [
            "Before the renewal, on the desk",
            "Before the renewal, on the laptop",
            "After the renewal, on the desk",
            "While the laptop waited for the passphrase",
        ]
    )
    assert bodies(a) == expected and bodies(b) == expected
    assert_same(pair, "A", "B")
    b.lock()
    b.unlock(PASSPHRASE)
    assert bodies(b) == expected


# -- privacy ---------------------------------------------------------------------------------


def test_words_written_on_one_computer_appear_in_no_byte_of_the_sync_folder(pair):
    marker = "Zebrafinch-4471"
    a, b = pair.vault("A"), pair.vault("B")
    today = a.clock.today()
    e = journal.add_entry(a, f"Body {marker}", title=f"Title {marker}", tags=[marker])
    goal = plans.add_goal(a, f"Goal {marker}", why=marker, start=today - dt.timedelta(days=3))
    c = plans.add_commitment(a, goal.id, f"Action {marker}", start=today - dt.timedelta(days=3))
    plans.check_in(a, c.id, "kept", note=marker)
    daily_mood.set_mood(a, 3, marker)
    nocontact.start_period(a, target_days=30, start=today - dt.timedelta(days=2))
    nocontact.log_event(a, "urge_resisted", trigger=marker, note=marker)
    send(pair, "A", "B")
    journal.update_entry(b, only_entry(b).id, body=f"Edited {marker} on the laptop")
    journal.trash_entry(a, e.id)
    pair.settle()

    needles = [
        s.encode(enc)
        for s in (marker, marker.lower(), PASSPHRASE)
        for enc in ("utf-8", "utf-16-le", "utf-16-be")
    ]
    for name in ("A", "B"):
        files = folder_bytes(pair.folder(name))
        assert files
        for path, data in files:
            for needle in needles:
                assert needle not in data, f"found in {path}"
                assert needle not in path.encode()


# -- status in words -------------------------------------------------------------------------


def test_describe_says_sync_is_off_for_a_journal_that_never_started(make_vault):
    vault = make_vault(clock=Clock(fixed=NOW, zone=ZONE))
    vault.create(PASSPHRASE)
    st = service.status(vault)
    assert not st.enabled and st.folder is None
    assert service.describe(st, NOW) == "Sync is off."
    report = service.sync_now(vault)
    assert (report.written, report.applied, report.conflicts, report.unreadable) == (0, 0, 0, 0)


def test_describe_says_how_long_ago_the_last_sync_was(pair):
    report = pair.sync("A")
    when = report.status.last_synced_utc
    assert when is not None
    later = when + dt.timedelta(minutes=2)
    assert service.describe(report.status, later) == "Synced 2 min ago."
    assert service.describe(service.status(pair.vault("A")), later) == "Synced 2 min ago."


def test_a_missing_folder_is_one_calm_sentence_and_syncing_resumes_when_it_is_back(pair):
    a = pair.vault("A")
    journal.add_entry(a, "Written while the folder was away")
    folder = pair.folder("A")
    away = folder.with_name("A-away")
    folder.rename(away)

    report = service.sync_now(a)  # no exception: the status says what is wrong
    problem = report.status.problem
    assert problem and problem.endswith(".")
    assert str(folder) not in problem and "Written" not in problem
    assert service.describe(service.status(a), a.clock.now()) == problem

    away.rename(folder)
    report = pair.sync("A")
    assert report.status.problem is None and report.written >= 1
    pair.copy("A", "B")
    pair.sync("B")
    assert "Written while the folder was away" in bodies(pair.vault("B"))


def test_status_json_carries_the_devices_and_the_sentence(pair):
    st = service.status(pair.vault("A"))
    doc = service.status_json(st, NOW)
    assert doc["enabled"] is True
    assert {d["name"] for d in doc["devices"]} == {"A", "B"}


def test_joining_with_a_wrong_passphrase_writes_nothing(world):
    world.first("A")
    world.sync("A")
    world.folders.add("B")
    world.folders.copy("A", "B")
    with pytest.raises(WrongPassphrase):
        service.join(world.data_dir("B"), world.folder("B"), "not the passphrase at all",
                     kdf_bounds=TEST_BOUNDS)  # fmt: skip
    assert not world.data_dir("B").exists() or not any(world.data_dir("B").iterdir())


def test_what_was_written_before_sync_started_reaches_the_joiner(world):
    a = world.new_vault("A").vault
    today = a.clock.today()
    journal.add_entry(a, "Written long before the second computer", tags=["hope"])
    goal = plans.add_goal(a, "Listen more", start=today - dt.timedelta(days=3))
    c = plans.add_commitment(a, goal.id, "Ask, then listen", start=today - dt.timedelta(days=3))
    plans.check_in(a, c.id, "kept", day=today - dt.timedelta(days=1))
    daily_mood.set_mood(a, 4, "steady")
    nocontact.start_period(a, target_days=30, start=today - dt.timedelta(days=2))
    world.start("A")
    journal.add_entry(a, "Written just after sync started")
    world.sync("A")
    world.join("B", source="A")
    assert_same(world, "A", "B")
