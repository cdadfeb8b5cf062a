"""The simulated file sync tool the sync tests rely on: it notices each computer's own writes,
passes on the newest whole version of every file, finishes files it cut short, and passes on
deletions."""

from __future__ import annotations

from tests.core.sync.sync_world import Folders, without_ids


def test_the_tool_passes_on_new_files_and_newer_versions(tmp_path):
    f = Folders(tmp_path)
    a, b = f.add("A"), f.add("B")
    (a / "devices" / "x").mkdir(parents=True)
    (a / "devices" / "x" / "1.rcs").write_bytes(b"one")
    (a / "top.json").write_bytes(b"v1")
    assert f.copy("A", "B") == ["devices/x/1.rcs", "top.json"]
    assert (b / "devices" / "x" / "1.rcs").read_bytes() == b"one"
    assert f.pending("A", "B") == [] and f.pending("B", "A") == []

    (b / "top.json").write_bytes(b"v2")  # B rewrote it: B's version is newer
    assert f.pending("A", "B") == [] and f.pending("B", "A") == ["top.json"]
    f.copy("B", "A")
    assert (a / "top.json").read_bytes() == b"v2"


def test_a_file_cut_short_is_finished_later_and_never_passed_on_half(tmp_path):
    f = Folders(tmp_path)
    a, b, c = f.add("A"), f.add("B"), f.add("C")
    (a / "1.rcs").write_bytes(b"0123456789")
    f.copy("A", "B", ["1.rcs"], cut=frozenset({"1.rcs"}))
    assert (b / "1.rcs").read_bytes() == b"01234"
    assert f.pending("B", "C") == []  # half a file goes nowhere
    assert f.pending("A", "B") == ["1.rcs"]
    f.copy("A", "B")
    assert (b / "1.rcs").read_bytes() == b"0123456789"
    f.spread()
    assert (c / "1.rcs").read_bytes() == b"0123456789"


def test_a_deletion_is_passed_on_and_shuffled_copies_take_what_they_are_asked(tmp_path):
    f = Folders(tmp_path)
    a, b = f.add("A"), f.add("B")
    for n in range(5):
        (a / f"{n}.rcs").write_bytes(bytes([n]) * 10)
    taken = f.copy_shuffled("A", "B", seed=7, take=3, cut_last=True)
    assert len(taken) == 3
    assert sorted(p.name for p in b.iterdir()) == sorted(taken)
    assert (b / taken[-1]).stat().st_size == 5
    (a / "0.rcs").unlink()
    f.spread()
    assert sorted(p.name for p in b.iterdir()) == ["1.rcs", "2.rcs", "3.rcs", "4.rcs"]
    assert all(p.stat().st_size == 10 for p in b.iterdir())


def test_without_ids_drops_local_row_numbers_only():
    doc = {"id": 3, "entry_id": 4, "uuid": "u", "rows": [{"tag_id": 1, "name": "hope"}]}
    assert without_ids(doc) == {"uuid": "u", "rows": [{"name": "hope"}]}
