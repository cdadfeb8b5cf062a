"""The benchmark harness (tests/benchmarks) on a tiny vault, once each, so it cannot rot.

No timing is asserted: only that every measurement runs and lands in the table.
"""

from __future__ import annotations

import pytest

from tests.benchmarks import (
    bench_attachments,
    bench_charts,
    bench_core,
    bench_processes,
    bench_sync,
    fixtures,
)
from tests.benchmarks.bench_results import ROWS, Row, cells, misses, table
from tests.conftest import FAST_KDF, TEST_BOUNDS

SIZE = 50


def _tiny(root, **kdf):
    lines: list[str] = []
    bench = fixtures.bench_vault(SIZE, root=root, log=lines.append, **kdf)
    assert "50 / 50 entries" in "\n".join(lines)  # progress was reported
    return bench


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """One cheap-KDF vault for the in-process tests (generating it is most of their time)."""
    return _tiny(tmp_path_factory.mktemp("bench"), kdf=FAST_KDF, bounds=TEST_BOUNDS)


def _numbers(results, keys):
    for key in keys:
        value = results[key]
        assert isinstance(value, list) and len(value) == 1 and value[0] >= 0, key


def test_fixture_vault_is_cached_and_lived_in(tiny):
    bench = tiny
    root = bench.dir.parent
    again = fixtures.bench_vault(SIZE, root=root, log=pytest.fail)  # cached: no generation
    assert again == bench
    assert bench.dir == fixtures.vault_dir(SIZE, root)
    assert not bench.dir.with_name(bench.dir.name + ".partial").exists()
    from reconcile_desktop.core.journal import entries as journal
    from reconcile_desktop.core.nocontact import store as nocontact
    from reconcile_desktop.core.plans import store as plans

    vault = bench.vault()
    vault.unlock(fixtures.BENCH_PASSPHRASE)
    try:
        assert journal.count_entries(vault) == SIZE
        histories = plans.histories_for(vault)
        assert len(histories) == fixtures.COMMITMENTS
        assert sum(len(h.checkins) for h in histories) > 8 * 300  # two years, most days marked
        assert nocontact.summary(vault).urges_total > 50
    finally:
        vault.close()


def test_an_incomplete_cache_is_not_used(tmp_path):
    folder = fixtures.vault_dir(SIZE, tmp_path)
    folder.mkdir()
    (folder / "vault.key").write_text("{}")
    assert fixtures.load(SIZE, tmp_path) is None  # no database, no manifest
    (folder / "vault.db").write_bytes(b"")
    assert fixtures.load(SIZE, tmp_path) is None  # no manifest: generation never finished
    manifest = '{"version": "v0", "size": 50, "today": "2026-01-01", "zone": "UTC"}'
    (folder / fixtures.MANIFEST).write_text(manifest)
    assert fixtures.load(SIZE, tmp_path) is None  # an older shape of the data


def test_in_process_benchmarks_fill_their_rows(tiny):
    bench = tiny
    results = bench_core.run(bench, 1) | bench_charts.run(bench, 1)
    _numbers(results, ["kdf", "unlock", "list_first", "list_warm", "search_rare"])
    _numbers(results, ["search_common", "update", "chart_data", "chart_first"])
    _numbers(results, ["chart_range", "chart_theme"])
    text = table({SIZE: results})
    for row in ROWS:
        assert (row.label in text) == (row.key in results), row.key
    assert isinstance(misses({SIZE: results}), list)


def test_the_sync_benchmarks_fill_their_rows(tiny, tmp_path):
    results = bench_sync.run(tiny, 1, work=tmp_path)
    _numbers(results, ["sync_day", "sync_join"])
    assert results["sync_size_ratio"][0] > 0


def test_the_photo_benchmarks_fill_their_rows_and_leave_the_photos_as_they_were(tiny):
    lines: list[str] = []
    results = bench_attachments.run(tiny, 1, mb=8, log=lines.append, added_bytes=1_000_000)
    _numbers(results, ["photos_list_first", "photo_add"])
    extra = results["photos_unlock_extra"]  # a difference: below zero when noise wins
    assert isinstance(extra, list) and len(extra) == 1
    assert results["photos_stored"] == "2 photos, 8.0 MB"
    assert "Adding 8 MB of photos" in lines[0]
    text = table({SIZE: results})
    assert "photos: adding a 10 MB photo" in text
    again = bench_attachments.run(tiny, 1, mb=8, log=pytest.fail, added_bytes=1_000_000)
    assert again["photos_stored"] == "2 photos, 8.0 MB"  # cached, and the added photo removed


def test_the_edit_benchmark_leaves_the_entry_as_it_was(tiny):
    from reconcile_desktop.core.journal import entries as journal

    vault = tiny.vault()
    vault.unlock(fixtures.BENCH_PASSPHRASE)
    try:
        (row,) = journal.list_page(vault, limit=1)
        before = journal.get_entry(vault, row.id).body
        assert len(bench_core.update_ms(vault, 3)) == 3
        assert journal.get_entry(vault, row.id).body == before
    finally:
        vault.close()


def test_cells_mark_a_missed_target():
    row = Row("x", "x", "< 10 ms", 10)
    assert cells(row, [5.0, 12.0, 13.0]) == ["5.0", "12.0 ms ✗", "13.0"]
    assert cells(row, [1.0, 2.0, 3.0])[1] == "2.0 ms"
    assert cells(row, "none") == ["", "none", ""]
    assert misses({1: {"x": [20.0]}}, [row]) == ["1: x: median 20.0 ms (target < 10 ms)"]
    sub = Row("y", "  of which y", "< 5 ms", 5)
    expected = "1: x, of which y: median 6.0 ms (target < 5 ms)"
    assert misses({1: {"y": [6.0]}}, [row, sub]) == [expected]


@pytest.mark.slow
def test_process_benchmarks_fill_their_rows(tmp_path):
    # The CLI opens vaults with the real KDF bounds, so this vault has the real parameters.
    bench = _tiny(tmp_path)
    results = bench_processes.run(bench, 1, list(bench_processes.GROUPS), kdf_ms=0.0)
    _numbers(results, ["cold_start", "cold_start_python", "window_total", "window_beyond"])
    _numbers(results, ["gui_list", "chart_cold", "rss_gui", "cli_status", "cli_status_rss"])
    _numbers(results, ["cli_search", "cli_search_rss"])
    # What was imported is reported, not judged here (tests/cli and tests/ui check imports).
    for key in ("cold_start_heavy", "cli_status_gui", "cli_search_gui", "window_pages"):
        assert isinstance(results[key], str) and results[key], key
