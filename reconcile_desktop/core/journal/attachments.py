"""Photos and files in entries, kept inside the encrypted vault.

The bytes live in the `attachment` table, one row per content (its SHA-256), so the same photo
in two entries is stored once; `entry_attachment` links them to entries in order, with the
file's name. Nothing is ever written to disk in plaintext: files come in as bytes, thumbnails
are made by the caller (the window, with Qt) and kept beside the bytes, and saving a copy out
is the user's own choice of place.

An entry's files follow it: trashed with it, restored with it, and removed for good when the
trash is emptied (entries.py deletes the links and calls drop_unused inside the same
secure-delete purge as the text, then checkpoints the WAL).
"""

from __future__ import annotations

import errno
import hashlib
import os
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from reconcile_desktop.core.changes import ATTACHMENTS, writes
from reconcile_desktop.core.errors import DiskFull, InvalidInput, NotWritable
from reconcile_desktop.core.journal.entries import E, EntryNotFound, NewEntry
from reconcile_desktop.core.storage.tables import ATTACHMENT, ENTRY_ATTACHMENT

if TYPE_CHECKING:
    from reconcile_desktop.core.journal.entries import Executor
    from reconcile_desktop.core.storage.vault import Vault

A = ATTACHMENT
EA = ENTRY_ATTACHMENT
MAX_BYTES = 25 * 1024 * 1024
MAX_NAME_CHARS = 255
LINK_SCHEME = "attachment:"  # `![](attachment:SHA256)` in an entry's text shows that file there
IMAGE_TYPES = ("image/png", "image/jpeg", "image/webp", "image/heic")
ADDABLE_TYPES = (*IMAGE_TYPES, "application/pdf")
Thumbnailer = Callable[[bytes, str], bytes | None]  # (bytes, mime) -> small PNG or None

_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
_EXTENSIONS = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/webp": "webp",
    "image/heic": "heic",
    "application/pdf": "pdf",
    "video/quicktime": "mov",
    "video/mp4": "mp4",
    "audio/mp4": "m4a",
    "audio/mpeg": "mp3",
    "audio/wav": "wav",
    "audio/aac": "aac",
}


class TooLarge(InvalidInput):
    message = "This file is larger than 25 MB, the most Reconcile keeps in one photo or file."


class NotAddable(InvalidInput):
    message = (
        "Reconcile can keep photos (PNG, JPEG, WebP or HEIC) and PDF files, "
        "and this file is none of those."
    )


class EmptyFile(InvalidInput):
    message = "This file is empty, so there is nothing to add."


class TrashedEntry(InvalidInput):
    message = "This entry is in the trash. Restore it before adding photos or files."


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    """One file of one entry (without its bytes)."""

    entry_id: int
    sha256: str
    mime: str
    size: int
    file_name: str
    position: int

    @property
    def is_image(self) -> bool:
        return self.mime in IMAGE_TYPES

    @property
    def is_pdf(self) -> bool:
        return self.mime == "application/pdf"


def sniff(data: bytes) -> str | None:
    """The type of a photo or PDF from its first bytes (never from its name)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:
        return "image/heic"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    return None


def extension_for(mime: str) -> str:
    return _EXTENSIONS.get(mime, "bin")


def clean_name(name: str, mime: str) -> str:
    """A file name safe to show and to offer when saving a copy: no folders, no controls."""
    base = os.path.basename(str(name).replace("\\", "/"))
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    base = base[:MAX_NAME_CHARS]
    return base or f"file.{extension_for(mime)}"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- writing ---------------------------------------------------------------------------------


def store_blob(s: Executor, data: bytes, mime: str, now, thumbnail: bytes | None = None) -> str:
    """Keep `data` once (a repeat of known bytes adds nothing); returns its SHA-256."""
    sha = digest(data)
    row = {"sha256": sha, "mime": mime, "size": len(data), "bytes": data}
    row |= {"thumbnail": thumbnail, "created_utc": now}
    s.execute(sqlite_insert(A).on_conflict_do_nothing(index_elements=["sha256"]), row)
    return sha


def link(s: Executor, entry_id: int, sha: str, file_name: str) -> int:
    """Link a stored blob to an entry, after its other files; returns its position."""
    existing = s.execute(
        sa.select(EA.c.position).where(EA.c.entry_id == entry_id, EA.c.sha256 == sha)
    ).first()
    if existing is not None:
        return existing.position
    last = s.execute(
        sa.select(sa.func.max(EA.c.position)).where(EA.c.entry_id == entry_id)
    ).scalar_one()
    position = 0 if last is None else last + 1
    s.execute(
        sa.insert(EA).values(entry_id=entry_id, sha256=sha, position=position, file_name=file_name)
    )
    return position


def link_imported(s: Executor, ids: Sequence[int], entries: Sequence[NewEntry], now) -> None:
    """Store and link the files of freshly inserted imported entries (NewEntry.files), each
    read from its source only now, inside the import's transaction."""
    for entry_id, entry in zip(ids, entries, strict=True):
        for f in entry.files:
            data = f.read()
            if len(data) > MAX_BYTES or digest(data) != f.sha256:
                raise InvalidInput("A photo or file in the export changed while it was imported.")
            link(s, entry_id, store_blob(s, data, f.mime, now), f.file_name)


def check_addable(data: bytes) -> str:
    """The file's type; raises one clear sentence when it is empty, too large or unknown."""
    if len(data) > MAX_BYTES:
        raise TooLarge()
    if not data:
        raise EmptyFile()
    mime = sniff(data)
    if mime is None:
        raise NotAddable()
    return mime


@writes(ATTACHMENTS)
def add_attachment(
    vault: Vault,
    entry_id: int,
    data: bytes,
    file_name: str,
    *,
    thumbnailer: Thumbnailer | None = None,
) -> AttachmentInfo:
    """Add a photo or PDF to a live entry. The same file twice in one entry is kept once."""
    mime = check_addable(data)
    name = clean_name(file_name, mime)
    thumb = _thumbnail(thumbnailer, data, mime)
    now = vault.clock.now()
    with vault.connection() as s:
        row = s.execute(sa.select(E.c.deleted_utc).where(E.c.id == entry_id)).first()
        if row is None:
            raise EntryNotFound()
        if row.deleted_utc is not None:
            raise TrashedEntry()
        sha = store_blob(s, data, mime, now, thumb)
        position = link(s, entry_id, sha, name)
    return AttachmentInfo(entry_id, sha, mime, len(data), name, position)


@writes(ATTACHMENTS)
def add_file(
    vault: Vault, entry_id: int, path: Path, *, thumbnailer: Thumbnailer | None = None
) -> AttachmentInfo:
    """add_attachment for a file on disk, checked for size before it is read."""
    return add_attachment(
        vault, entry_id, read_addable(path), Path(path).name, thumbnailer=thumbnailer
    )


def read_addable(path: Path) -> bytes:
    from reconcile_desktop.core.storage.regular_file import NotARegularFile, open_regular

    try:
        with open_regular(Path(path)) as fh:
            if os.fstat(fh.fileno()).st_size > MAX_BYTES:
                raise TooLarge()
            data = fh.read(MAX_BYTES + 1)
    except NotARegularFile:
        raise InvalidInput("That is not an ordinary file, so it cannot be added.") from None
    except FileNotFoundError:
        raise InvalidInput("That file could not be found.") from None
    except OSError:
        raise InvalidInput("That file could not be read.") from None
    if len(data) > MAX_BYTES:  # it grew while being read
        raise TooLarge()
    return data


def _thumbnail(thumbnailer: Thumbnailer | None, data: bytes, mime: str) -> bytes | None:
    if thumbnailer is None or mime not in IMAGE_TYPES:
        return None
    try:
        return thumbnailer(data, mime)
    except Exception:  # a photo without a thumbnail is still a photo
        return None


@writes(ATTACHMENTS)
def remove_attachment(vault: Vault, entry_id: int, sha256: str) -> None:
    """Take a file out of an entry; bytes no other entry uses are deleted for good at once,
    overwritten in place (secure_delete) and checkpointed out of the WAL."""
    with vault.connection() as s:
        s.execute(sa.delete(EA).where(EA.c.entry_id == entry_id, EA.c.sha256 == sha256))
        dropped = drop_unused(s, [sha256])
    if dropped:
        scrub_wal(vault)


def drop_unused(s: Executor, among: Sequence[str] | None = None) -> int:
    """Delete the blobs no entry links to any more (all of them, or those in `among`)."""
    q = sa.delete(A).where(~sa.exists().where(EA.c.sha256 == A.c.sha256))
    if among is not None:
        if not among:
            return 0
        q = q.where(A.c.sha256.in_(list(among)))
    return s.execute(q).rowcount or 0


def scrub_wal(vault: Vault) -> None:
    from reconcile_desktop.core.storage.vault import user_errors

    with user_errors():
        raw = vault.engine.raw_connection()
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            raw.close()


# -- reading ---------------------------------------------------------------------------------


def _info_select() -> sa.Select:
    return (
        sa.select(EA.c.entry_id, EA.c.sha256, A.c.mime, A.c.size, EA.c.file_name, EA.c.position)
        .join(A, A.c.sha256 == EA.c.sha256)
        .order_by(EA.c.entry_id, EA.c.position)
    )


def attachments_for(s: Executor, entry_ids: Iterable[int]) -> dict[int, list[AttachmentInfo]]:
    """Each entry's files in order, for exports and lists (never the bytes)."""
    ids = list(entry_ids)
    out: dict[int, list[AttachmentInfo]] = {}
    for i in range(0, len(ids), 500):
        for r in s.execute(_info_select().where(EA.c.entry_id.in_(ids[i : i + 500]))):
            out.setdefault(r.entry_id, []).append(AttachmentInfo(*r))
    return out


def attachments_of(vault: Vault, entry_id: int) -> list[AttachmentInfo]:
    with vault.connection() as s:
        return attachments_for(s, [entry_id]).get(entry_id, [])


def read_bytes(vault: Vault, sha256: str) -> bytes:
    with vault.connection() as s:
        data = s.execute(sa.select(A.c.bytes).where(A.c.sha256 == sha256)).scalar()
    if data is None:
        raise InvalidInput("That file is no longer in this journal.")
    return bytes(data)


def read_thumbnail(vault: Vault, sha256: str) -> bytes | None:
    with vault.connection() as s:
        data = s.execute(sa.select(A.c.thumbnail).where(A.c.sha256 == sha256)).scalar()
    return None if data is None else bytes(data)


def total_size(vault: Vault) -> tuple[int, int]:
    """(number of files, their bytes) kept in the vault, trash included."""
    with vault.connection() as s:
        row = s.execute(
            sa.select(sa.func.count(), sa.func.coalesce(sa.func.sum(A.c.size), 0))
        ).one()
    return int(row[0]), int(row[1])


def save_copy(vault: Vault, sha256: str, path: Path) -> Path:
    """Write a file back out where the user chose (a plaintext copy, by their choice)."""
    from reconcile_desktop.core.storage.keyfile import write_atomic

    data = read_bytes(vault, sha256)
    path = Path(path)
    try:
        write_atomic(path, data)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise DiskFull() from None
        raise NotWritable("The copy could not be saved there. Try another folder.") from None
    return path


def size_words(size: int) -> str:
    """A size as people say it: 850 KB, 12.4 MB, 1.2 GB."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024)):,} KB" if size else "0 KB"
    if size < 1024**3:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{size / 1024**3:.1f} GB"
