"""Blob columns travel as attachments/<sha256>: shown with a stand-in table until the
attachment tables exist (the archive finds blob columns by their type)."""

from __future__ import annotations

import contextlib
import json
import zipfile

import sqlalchemy as sa

from reconcile_desktop.core.archive import exporting, importing, package
from reconcile_desktop.core.archive.table_list import ArchivedTable, archived_tables
from reconcile_desktop.core.storage import tables as storage_tables

PHOTO = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40


@contextlib.contextmanager
def with_photo_table():
    """A `photo` table (sha256 text key, data blob) in the archive's table list."""
    meta = sa.MetaData()
    table = sa.Table(
        "photo",
        meta,
        sa.Column("sha256", sa.String, primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    yield (*archived_tables(storage_tables.metadata), ArchivedTable(table, ("sha256",)))


def create_photo_table(vault) -> None:
    with vault.connection() as c:
        c.exec_driver_sql("CREATE TABLE photo (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)")


def test_blobs_are_archived_as_files_named_by_their_sha256_and_come_back(
    vault, make_vault, tmp_path, monkeypatch
):
    from reconcile_desktop.core.archive.codec import sha256_hex
    from tests.conftest import PASSPHRASE

    sha = sha256_hex(PHOTO)
    with with_photo_table() as tables:
        create_photo_table(vault)
        photo = tables[-1].table
        with vault.connection() as c:
            c.execute(sa.insert(photo), {"sha256": sha, "data": PHOTO})
        monkeypatch.setattr(exporting.document, "archived_tables", lambda: tables)
        path = tmp_path / "photos.zip"
        exporting.export_archive(vault, path)
        with zipfile.ZipFile(path) as zf:
            assert zf.read(f"attachments/{sha}") == PHOTO
            doc = json.loads(zf.read(package.DOC_NAME))
        assert doc["tables"]["photo"] == [{"sha256": sha, "data": sha}]

        target = make_vault(tmp_path / "target")
        target.create(PASSPHRASE)
        create_photo_table(target)
        result = importing.import_archive(target, path, tables=tables)
        assert result.count("photo").new == 1
        with target.connection() as c:
            assert c.execute(sa.select(photo.c.data)).scalar_one() == PHOTO
        assert importing.import_archive(target, path, tables=tables).count("photo").present == 1


def test_an_entrys_photo_travels_in_the_archive_and_comes_back_linked(vault, make_vault, tmp_path):
    """The real attachment tables: the photo is a file named by its SHA-256, and the new
    journal's entry holds the same bytes under the same name."""
    from reconcile_desktop.core.journal import attachments
    from reconcile_desktop.core.journal import entries as journal

    entry = journal.add_entry(vault, "We walked for hours.", title="The beach")
    photo = attachments.add_attachment(vault, entry.id, PHOTO, "beach.png")
    path = tmp_path / "everything.zip"
    exporting.export_archive(vault, path)
    with zipfile.ZipFile(path) as zf:
        assert zf.read(f"attachments/{photo.sha256}") == PHOTO
        assert PHOTO not in zf.read("reconcile-archive.json")

    other = make_vault(tmp_path / "other")
    other.create("another passphrase")
    importing.import_archive(other, path)
    (copied,) = journal.list_page(other)
    (found,) = attachments.attachments_of(other, copied.id)
    assert (found.sha256, found.file_name) == (photo.sha256, "beach.png")
    assert attachments.read_bytes(other, found.sha256) == PHOTO
