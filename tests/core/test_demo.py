"""The demo vault: lived-in, deterministic, and built only through core functions."""

from __future__ import annotations

import datetime as dt

from reconcile_desktop.core import demo
from reconcile_desktop.core.clock import Clock
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import progress
from reconcile_desktop.core.plans import store as plans
from tests.conftest import PASSPHRASE

NOW = dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC)


def _demo_vault(make_vault, tmp_path, name):
    v = make_vault(tmp_path / name, clock=Clock(fixed=NOW, zone="Europe/Berlin"))
    v.create(PASSPHRASE)
    demo.fill_demo(v)
    return v


def _snapshot(v):
    rows = journal.list_page(v, limit=1000)
    return [(r.local_date, r.title, r.mood, r.kind, r.tags) for r in rows], nocontact.status_json(v)


def test_demo_is_deterministic_and_lived_in(make_vault, tmp_path):
    a = _demo_vault(make_vault, tmp_path, "a")
    b = _demo_vault(make_vault, tmp_path, "b")
    assert _snapshot(a) == _snapshot(b)
    rows = journal.list_page(a, limit=1000)
    assert {r.kind for r in rows} == {"free", "prompted", "letter", "worksheet"}
    assert 80 <= len(rows) <= 121
    assert all(r.mood for r in rows if r.kind != "worksheet")
    assert len(plans.goals(a)) == 3
    today = a.clock.today()
    summaries = [progress.commitment_summary(h, today) for h in plans.histories_for(a)]
    assert any(s.recoveries for s in summaries)  # slips and recoveries both show
    assert all(s.net_steps > 0 for s in summaries)  # and the trend is forward
    status = nocontact.status_json(a)
    assert status["tracking"] and status["attempts"] == 2 and status["days"] > 30
    assert nocontact.summary(a).urges_total > 10
    assert a.check() == []


def test_bulk_entries_are_searchable(vault):
    demo.bulk_entries(vault, 300, batch=128)
    assert journal.count_entries(vault) == 300
    from reconcile_desktop.core.journal.search import search

    assert [h.title for h in search(vault, "zq42", typing=False)] == ["Day 258"]
