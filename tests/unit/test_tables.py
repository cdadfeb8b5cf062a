"""core/tables.py mirrors models.py without sqlmodel; the journal's read paths stay light."""

from __future__ import annotations

import subprocess
import sys

import pytest
from sqlalchemy.dialects import sqlite
from sqlmodel import SQLModel

from reconcile_desktop.core import models, tables  # noqa: F401  (models registers the tables)

MIRRORED = sorted(tables.metadata.tables)


@pytest.mark.parametrize("name", MIRRORED)
def test_each_core_table_matches_its_model(name):
    core = tables.metadata.tables[name]
    model = SQLModel.metadata.tables[name]
    if name == "commitment":  # only its id is needed (to check a link exists)
        assert set(core.c.keys()) <= set(model.c.keys())
    else:
        assert core.c.keys() == model.c.keys()
    dialect = sqlite.dialect()
    for col in core.c:
        twin = model.c[col.key]
        assert col.nullable == twin.nullable, col.key
        assert col.primary_key == twin.primary_key, col.key
        assert col.type.compile(dialect=dialect) == twin.type.compile(dialect=dialect), col.key
        assert type(col.type).__name__ == type(twin.type).__name__ or (
            type(twin.type).__name__ == "AutoString" and type(col.type).__name__ == "String"
        ), col.key


def test_core_utc_datetime_stores_like_sqlmodels(vault):
    import datetime as dt

    from reconcile_desktop.core import journal

    when = dt.datetime(2024, 5, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    e = journal.add_entry(vault, "x", occurred=when)
    with vault.session() as s:  # read back through the ORM model
        stored = s.get(models.Entry, e.id).occurred_utc
    assert stored == when and stored.tzinfo == dt.UTC
    assert journal.get_entry(vault, e.id).occurred_utc == stored


def test_journal_search_and_nocontact_import_no_orm():
    code = (
        "import sys\n"
        "import reconcile_desktop.core.search, reconcile_desktop.core.nocontact\n"
        "heavy = [m for m in ('sqlmodel', 'pydantic', 'sqlalchemy.orm') if m in sys.modules]\n"
        "print(','.join(heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
