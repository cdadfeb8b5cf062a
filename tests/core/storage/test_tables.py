"""core/storage/tables.py serves the journal's read paths without sqlmodel, so they stay light."""

from __future__ import annotations

import subprocess
import sys

from reconcile_desktop.core.storage import models


def test_instants_read_back_the_same_through_core_and_the_orm(vault):
    import datetime as dt

    from reconcile_desktop.core.journal import entries as journal

    when = dt.datetime(2024, 5, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    e = journal.add_entry(vault, "x", occurred=when)
    with vault.session() as s:  # read back through the ORM model
        stored = s.get(models.Entry, e.id).occurred_utc
    assert stored == when and stored.tzinfo == dt.UTC
    assert journal.get_entry(vault, e.id).occurred_utc == stored


def test_journal_search_and_nocontact_import_no_orm():
    code = (
        "import sys\n"
        "import reconcile_desktop.core.journal.search, reconcile_desktop.core.nocontact.store\n"
        "heavy = [m for m in ('sqlmodel', 'pydantic', 'sqlalchemy.orm') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
