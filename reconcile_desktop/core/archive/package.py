"""The archive's container: a zip of reconcile-archive.json and attachments/<sha256>.

Written to a private temporary file beside the target and renamed into place (a reader never
sees half an archive; an existing file is never replaced). Read in memory, member by member,
with every name and size checked first: a name that climbs out of the folder, a member larger
than it may be, or more data in all than an archive can hold is refused before it is read.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import secrets
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from reconcile_desktop.core.archive import sealed
from reconcile_desktop.core.errors import DiskFull, InvalidInput, NotWritable
from reconcile_desktop.paths import NOFOLLOW

DOC_NAME = "reconcile-archive.json"
ATTACHMENTS = "attachments/"
MAX_DOC_BYTES = 512 * 1024 * 1024
MAX_BLOB_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 8 * 1024 * 1024 * 1024
MAX_MEMBERS = 500_000

NOT_AN_ARCHIVE = (
    "This file is not a Reconcile archive (it is not a zip file), so nothing was changed."
)
DAMAGED_ZIP = (
    "This archive is damaged or uses a zip format Reconcile cannot read; nothing was changed."
)
NO_DOC = (
    f"This zip file holds no {DOC_NAME}, so it is not a Reconcile archive; nothing was changed."
)
UNSAFE_NAME = (
    "This archive holds a file whose name points outside the archive, so it was not opened; "
    "nothing was changed."
)
TOO_BIG = (
    "This archive unpacks to more than Reconcile will read (it may be a zip bomb), "
    "so it was not opened; nothing was changed."
)


@contextlib.contextmanager
def _write_errors() -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            raise DiskFull() from None
        raise NotWritable("The archive could not be written there. Try another folder.") from None


def write_new_file(path: Path, data_or_writer: Any) -> None:
    """A private file created beside `path` and renamed into place, never over an existing one.
    `data_or_writer` is bytes, or a function that writes to the open binary file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    with _write_errors():
        if path.exists():
            raise InvalidInput(
                f"{path} already exists; choose a new name so nothing is replaced."
            ) from None
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                if isinstance(data_or_writer, bytes | bytearray):
                    fh.write(data_or_writer)
                else:
                    data_or_writer(fh)
                fh.flush()
                os.fsync(fh.fileno())
            _move_into_place(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        from reconcile_desktop.core.storage.keyfile import fsync_dir

        fsync_dir(path.parent)


def _move_into_place(tmp: Path, path: Path) -> None:
    """A hard link fails if a file appeared meanwhile, so nothing is ever replaced. USB sticks
    (FAT, exFAT) and some network shares have no hard links: there a rename does, after one
    last look."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise InvalidInput(
            f"{path} already exists; choose a new name so nothing is replaced."
        ) from None
    except OSError:
        if path.exists():
            raise InvalidInput(
                f"{path} already exists; choose a new name so nothing is replaced."
            ) from None
        os.replace(tmp, path)
        return
    tmp.unlink()


def write_zip(out: BinaryIO, doc: dict, blobs: Iterator[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=False)
        zf.writestr(DOC_NAME, text.encode("utf-8"))
        for sha, data in blobs:
            # Photos and PDFs are compressed already: stored, not squeezed again.
            zf.writestr(ATTACHMENTS + sha, data, compress_type=zipfile.ZIP_STORED)


def zip_bytes(doc: dict, blobs: Iterator[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    write_zip(buf, doc, blobs)
    return buf.getvalue()


# -- reading ---------------------------------------------------------------------------------


def _safe(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return not (
        name.startswith(("/", "\\"))
        or ".." in parts
        or (len(name) > 1 and name[1] == ":")  # a Windows drive
        or "\x00" in name
    )


class OpenedArchive:
    """The archive's document and its attachments, read from memory on demand."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self._zf = zf
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            raise InvalidInput(TOO_BIG)
        if not all(_safe(i.filename) for i in infos):
            raise InvalidInput(UNSAFE_NAME)
        if sum(i.file_size for i in infos) > MAX_TOTAL_BYTES:
            raise InvalidInput(TOO_BIG)
        by_name = {i.filename: i for i in infos}
        doc_info = by_name.get(DOC_NAME)
        if doc_info is None:
            raise InvalidInput(NO_DOC)
        self.attachments = {
            name[len(ATTACHMENTS) :]: info
            for name, info in by_name.items()
            if name.startswith(ATTACHMENTS) and not info.is_dir()
        }
        self.doc = _decode(self._read(doc_info, MAX_DOC_BYTES))

    def _read(self, info: zipfile.ZipInfo, limit: int) -> bytes:
        if info.file_size > limit:
            raise InvalidInput(TOO_BIG)
        try:
            with self._zf.open(info) as fh:
                data = fh.read(limit + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
            raise InvalidInput(DAMAGED_ZIP) from None
        except RuntimeError:  # an encrypted zip member
            raise InvalidInput(DAMAGED_ZIP) from None
        if len(data) > limit:
            raise InvalidInput(TOO_BIG)
        return data

    def blob(self, sha: str) -> bytes:
        from reconcile_desktop.core.archive.codec import sha256_hex

        info = self.attachments.get(sha)
        if info is None:
            raise InvalidInput(
                f"This archive is damaged: the file attachments/{sha[:12]}… is missing, "
                "so nothing was imported."
            )
        data = self._read(info, MAX_BLOB_BYTES)
        if sha256_hex(data) != sha:
            raise InvalidInput(
                f"This archive is damaged: the file attachments/{sha[:12]}… does not match its "
                "name, so nothing was imported."
            )
        return data


def _decode(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise InvalidInput(
            f"This archive's {DOC_NAME} is not valid JSON, so nothing was changed."
        ) from None


def read_head(path: Path, n: int = 64) -> bytes:
    from reconcile_desktop.core.storage.regular_file import NotARegularFile, open_regular

    if path.is_dir():
        raise InvalidInput("That is a folder, not an archive file.")
    try:
        with open_regular(path) as fh:
            return fh.read(n)
    except NotARegularFile:
        raise InvalidInput(
            "That is not an ordinary file (it is a pipe or a device), so it cannot be imported."
        ) from None
    except FileNotFoundError:
        raise InvalidInput("That file could not be found.") from None
    except OSError:
        raise InvalidInput("That file could not be read.") from None


def is_sealed_file(path: Path) -> bool:
    return sealed.is_sealed(read_head(Path(path)))


def looks_like_archive(path: Path) -> bool:
    """A sealed archive, or a zip holding reconcile-archive.json (cheap: the zip's directory)."""
    path = Path(path)
    head = read_head(path)
    if sealed.is_sealed(head):
        return True
    if not head.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(path) as zf:
            return DOC_NAME in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


@contextlib.contextmanager
def open_archive(
    path: Path, passphrase: str | None = None, bounds: Any = None
) -> Iterator[OpenedArchive]:
    """The archive at `path` (sealed ones need `passphrase`), checked but not yet validated."""
    from reconcile_desktop.core.storage.regular_file import open_regular

    path = Path(path)
    head = read_head(path)
    if sealed.is_sealed(head):
        if passphrase is None:
            raise InvalidInput("This archive is encrypted; its passphrase is needed to open it.")
        try:
            with open_regular(path) as fh:
                size = os.fstat(fh.fileno()).st_size
                if size > sealed.MAX_SEALED_BYTES:
                    raise InvalidInput(sealed.TOO_LARGE)
                # Its own size, not the limit: read(n) sets n bytes aside before it reads.
                data = fh.read(size + 1)
            if len(data) > size:  # it grew while being read
                raise InvalidInput(sealed.TOO_LARGE)
        except OSError:
            raise InvalidInput("That file could not be read.") from None
        source: Any = io.BytesIO(sealed.unseal(data, passphrase, bounds))
    else:
        source = path
    try:
        zf = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise InvalidInput(NOT_AN_ARCHIVE if source is path else sealed.DAMAGED) from None
    with zf:
        yield OpenedArchive(zf)
