"""Every table is in the archive unless it is named as holding no user data, and each one says
how a merge recognises a row that is already there."""

from __future__ import annotations

from reconcile_desktop.core.archive import table_list
from reconcile_desktop.core.storage import tables


def test_every_table_with_user_data_is_archived_with_a_natural_key():
    names = {at.name for at in table_list.archived_tables()}
    every = set(tables.metadata.tables)
    assert names == every - table_list.NOT_USER_DATA
    assert every >= table_list.NOT_USER_DATA, "an excluded table no longer exists"
    for at in table_list.archived_tables():
        assert at.natural_key, at.name  # raises LookupError when a table needs a NATURAL_KEYS line
        assert set(at.natural_key) <= set(at.table.columns.keys()), at.name


def test_parents_come_before_the_rows_that_link_to_them():
    order = [at.name for at in table_list.archived_tables()]
    for at in table_list.archived_tables():
        for target in at.links.values():
            if target != at.name:  # a conflict copy links to another entry
                assert order.index(target) < order.index(at.name)
