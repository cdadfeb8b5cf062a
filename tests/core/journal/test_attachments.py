"""Photos and files in entries: kept once per content inside the vault, trashed with their
entry, purged for good with it, carried by backups, refused with one sentence when too big."""

from __future__ import annotations

import os
import secrets
import stat

import pytest
import sqlalchemy as sa

from reconcile_desktop.core.backups.restore import restore_backup
from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.journal import attachments
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal.attachments import (
    MAX_BYTES,
    EmptyFile,
    NotAddable,
    TooLarge,
    TrashedEntry,
)
from tests.conftest import PASSPHRASE

PNG = b"\x89PNG\r\n\x1a\n"
HEADS = {
    "image/png": PNG,
    "image/jpeg": b"\xff\xd8\xff\xe0",
    "image/webp": b"RIFF\x00\x00\x00\x00WEBPVP8 ",
    "image/heic": b"\x00\x00\x00\x18ftypheic",
    "application/pdf": b"%PDF-1.7\n",
}


def photo(marker: bytes = b"", size: int = 4096) -> bytes:
    """PNG-headed bytes (a real decoder is not needed here) carrying a findable marker."""
    return PNG + marker + secrets.token_bytes(size)


def count(vault, table: str) -> int:
    with vault.connection() as s:
        return s.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_a_photo_in_two_entries_is_stored_once_and_listed_in_order(vault):
    a = journal.add_entry(vault, "the lake")
    b = journal.add_entry(vault, "the lake again")
    shared, other = photo(), photo()
    attachments.add_attachment(vault, a.id, shared, "lake.png")
    attachments.add_attachment(vault, a.id, other, "../../etc/sky.png")
    attachments.add_attachment(vault, b.id, shared, "copy.png")
    attachments.add_attachment(vault, a.id, shared, "again.png")  # same file, same entry: once

    assert count(vault, "attachment") == 2
    listed = attachments.attachments_of(vault, a.id)
    assert [(x.file_name, x.position, x.is_image) for x in listed] == [
        ("lake.png", 0, True),
        ("sky.png", 1, True),
    ]
    assert attachments.read_bytes(vault, listed[0].sha256) == shared
    assert [x.file_name for x in attachments.attachments_of(vault, b.id)] == ["copy.png"]
    assert attachments.total_size(vault) == (2, len(shared) + len(other))


@pytest.mark.parametrize("mime", sorted(HEADS))
def test_photos_and_pdfs_are_recognised_by_their_bytes_not_their_name(vault, mime):
    e = journal.add_entry(vault, "a day")
    info = attachments.add_attachment(vault, e.id, HEADS[mime] + b"rest", "named.txt")
    assert info.mime == mime


@pytest.mark.parametrize(
    ("data", "error"),
    [(b"", EmptyFile), (b"just some text", NotAddable), (b"GIF89a....", NotAddable)],
)
def test_what_cannot_be_added_gets_one_sentence_and_changes_nothing(vault, data, error):
    e = journal.add_entry(vault, "a day")
    with pytest.raises(error) as caught:
        attachments.add_attachment(vault, e.id, data, "x.png")
    assert str(caught.value).count(".") == 1
    assert count(vault, "attachment") == 0


def test_a_file_over_25_mb_is_refused_before_it_is_read(vault, tmp_path):
    e = journal.add_entry(vault, "a day")
    big = tmp_path / "big.png"
    with open(big, "wb") as fh:
        fh.write(PNG)
        fh.truncate(MAX_BYTES + 1)  # sparse: costs no time or disk
    with pytest.raises(TooLarge, match="larger than 25 MB"):
        attachments.add_file(vault, e.id, big)
    with pytest.raises(TooLarge):
        attachments.add_attachment(vault, e.id, PNG + bytes(MAX_BYTES), "big.png")
    just_fits = tmp_path / "fits.png"
    just_fits.write_bytes(PNG + bytes(MAX_BYTES - len(PNG)))
    assert attachments.add_file(vault, e.id, just_fits).size == MAX_BYTES


def test_a_thumbnail_is_kept_beside_the_photo_and_a_failing_one_is_skipped(vault):
    e = journal.add_entry(vault, "a day")
    kept = attachments.add_attachment(vault, e.id, photo(), "a.png", thumbnailer=lambda d, m: b"t")
    assert attachments.read_thumbnail(vault, kept.sha256) == b"t"

    def broken(data, mime):
        raise ValueError("cannot decode")

    other = attachments.add_attachment(vault, e.id, photo(), "b.png", thumbnailer=broken)
    assert attachments.read_thumbnail(vault, other.sha256) is None


def test_files_go_to_the_trash_with_their_entry_and_come_back_with_it(vault):
    e = journal.add_entry(vault, "a day")
    info = attachments.add_attachment(vault, e.id, photo(), "a.png")
    journal.trash_entry(vault, e.id)
    assert attachments.attachments_of(vault, e.id) == [info]  # kept, in the trash with it
    with pytest.raises(TrashedEntry):
        attachments.add_attachment(vault, e.id, photo(), "b.png")
    journal.restore_entry(vault, e.id)
    assert attachments.attachments_of(vault, e.id) == [info]


def test_emptying_the_trash_keeps_a_photo_another_entry_still_holds(vault):
    gone = journal.add_entry(vault, "to forget")
    kept = journal.add_entry(vault, "to keep")
    shared, own = photo(), photo()
    attachments.add_attachment(vault, gone.id, shared, "s.png")
    attachments.add_attachment(vault, gone.id, own, "o.png")
    attachments.add_attachment(vault, kept.id, shared, "s.png")
    journal.trash_entry(vault, gone.id)
    journal.empty_trash(vault)
    assert count(vault, "attachment") == 1
    assert attachments.read_bytes(vault, attachments.digest(shared)) == shared
    with pytest.raises(InvalidInput):
        attachments.read_bytes(vault, attachments.digest(own))


def _files_with(folder, needle: bytes) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.mark.parametrize("purge", ["empty_trash", "delete_forever", "remove_file"])
def test_a_purge_leaves_no_attachment_bytes_in_any_file_of_a_plaintext_vault(plain_vault, purge):
    v = plain_vault
    marker = b"zq-attachment-" + secrets.token_hex(12).encode()
    e = journal.add_entry(v, "a day by the sea")
    journal.add_entry(v, "another day")
    big = photo(marker, size=300_000)  # spills over many overflow pages
    info = attachments.add_attachment(v, e.id, big, "sea.png", thumbnailer=lambda d, m: marker)
    assert _files_with(v.dir, marker)  # the byte search can see it (plaintext vault)
    if purge == "empty_trash":
        journal.trash_entry(v, e.id)
        journal.empty_trash(v)
    elif purge == "delete_forever":
        journal.delete_entry_forever(v, e.id)
    else:
        attachments.remove_attachment(v, e.id, info.sha256)
    assert count(v, "attachment") == count(v, "entry_attachment") == 0
    assert _files_with(v.dir, marker) == []  # vault.db and vault.db-wal, while open
    v.lock()
    assert _files_with(v.dir, marker) == []
    v.unlock(PASSPHRASE)
    assert v.check() == []


def test_backups_and_restore_carry_the_files(vault, tmp_path):
    e = journal.add_entry(vault, "the day we met")
    data = photo(size=50_000)
    info = attachments.add_attachment(vault, e.id, data, "met.png", thumbnailer=lambda d, m: b"t")
    made = vault.backup(tmp_path / "usb")
    attachments.remove_attachment(vault, e.id, info.sha256)
    vault.lock()
    restore_backup(vault, made, PASSPHRASE)
    assert attachments.attachments_of(vault, e.id) == [info]
    assert attachments.read_bytes(vault, info.sha256) == data
    assert attachments.read_thumbnail(vault, info.sha256) == b"t"


def test_a_saved_copy_has_the_same_bytes_and_only_the_user_can_read_it(vault, tmp_path):
    e = journal.add_entry(vault, "a day")
    data = HEADS["application/pdf"] + secrets.token_bytes(1000)
    info = attachments.add_attachment(vault, e.id, data, "letter.pdf")
    out = attachments.save_copy(vault, info.sha256, tmp_path / "letter.pdf")
    assert out.read_bytes() == data
    if os.name == "posix":
        assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_a_journal_made_before_attachments_gains_them_at_unlock(vault, make_vault):
    from alembic import command
    from alembic.config import Config

    from reconcile_desktop.core.storage import migrations

    e = journal.add_entry(vault, "written before photos existed")
    with vault.engine.begin() as conn:
        cfg = Config()
        cfg.set_main_option("script_location", str(migrations.SCRIPT_LOCATION))
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0002")
    vault.close()
    v = make_vault(vault.dir)
    v.unlock(PASSPHRASE)
    assert journal.get_entry(v, e.id).body == "written before photos existed"
    attachments.add_attachment(v, e.id, photo(), "now.png")
    assert len(attachments.attachments_of(v, e.id)) == 1
    assert v.check() == []


def test_size_words():
    assert attachments.size_words(0) == "0 KB"
    assert attachments.size_words(1500) == "1 KB"
    assert attachments.size_words(12_400_000) == "11.8 MB"
    assert attachments.size_words(2 * 1024**3) == "2.0 GB"
