"""Export and import: Reconcile JSON, Markdown folders, jrnl JSON and Day One JSON.

Exports are plain files (not encrypted; the GUI says so before writing), written to a hidden
temporary file with mode 0600 and renamed into place, so a reader never sees half a file.
Imports are parsed and validated completely before anything is written, then inserted in one
transaction: a bad file changes nothing. Entries already in the vault (same instant, title and
text, in the trash or not) and repeats within the file are skipped, so importing the same file
twice is harmless.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import json
import os
import re
import secrets
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlalchemy as sa

from reconcile_desktop.core.changes import ATTACHMENTS, ENTRIES, TRASH, writes
from reconcile_desktop.core.errors import DiskFull, InvalidInput, NotWritable
from reconcile_desktop.core.journal import attachments, dayone_media, markdown_import
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.journal.dayone_media import MediaIndex
from reconcile_desktop.core.journal.entries import E, EntryData, NewEntry
from reconcile_desktop.core.journal.front_matter import Plain, obsidian_tag
from reconcile_desktop.core.journal.front_matter import dump as dump_front_matter
from reconcile_desktop.core.journal.markdown_import import TRASH_FOLDER
from reconcile_desktop.core.sync import tracking
from reconcile_desktop.paths import NOFOLLOW

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault

FORMAT = "reconcile-journal"
VERSION = 1
SOURCES = ("reconcile", "jrnl", "dayone", "markdown")
MAX_IMPORT_BYTES = 512 * 1024 * 1024
TOO_LARGE = "This file is too large to import (the limit is 512 MB)."
NOT_A_FILE = "That is not an ordinary file (it is a pipe or a device), so it cannot be imported."
STARRED_TAG = "starred"  # jrnl and Day One stars become this tag
Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ImportPreview:
    count: int  # entries in the file
    new: int  # entries that would be added
    duplicates: int  # already in the vault, or repeated in the file
    first_date: dt.date | None  # local dates
    last_date: dt.date | None
    problems: tuple[str, ...]  # things worth knowing that do not stop the import


# -- writing files ---------------------------------------------------------------------------


@contextlib.contextmanager
def _export_errors() -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):  # full, over quota, ulimit
            raise DiskFull() from None
        raise NotWritable("The export could not be written there. Try another folder.") from None


@contextlib.contextmanager
def _atomic_text(path: Path, *, durable: bool = True) -> Iterator[TextIO]:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _fsync_dir(folder: Path) -> None:
    from reconcile_desktop.core.storage.keyfile import fsync_dir

    fsync_dir(folder)


def _local_iso(instant: dt.datetime, tz: str) -> str:
    try:
        return instant.astimezone(ZoneInfo(tz)).isoformat()
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return instant.isoformat()


def entry_to_json(e: EntryData) -> dict[str, Any]:
    return {
        "id": e.id,
        "title": e.title,
        "body": e.body,
        "occurred": _local_iso(e.occurred_utc, e.tz),
        "tz": e.tz,
        "local_date": e.local_date.isoformat(),
        "created": e.created_utc.isoformat(),
        "updated": e.updated_utc.isoformat(),
        "mood": e.mood,
        "principle": e.principle,
        "kind": e.kind,
        "prompt_id": e.prompt_id,
        "commitment_id": e.commitment_id,
        "tags": list(e.tags),
        "deleted": e.deleted,
    }


def export_json(
    vault: Vault, path: Path, *, include_trash: bool = False, progress: Progress | None = None
) -> int:
    """Every entry (oldest first) with every field; returns how many were written."""
    path = Path(path)
    total = journal.count_entries(vault, journal.Filters(include_deleted=include_trash))
    head = {"format": FORMAT, "version": VERSION, "exported": vault.clock.now().isoformat()}
    n = 0
    with _export_errors(), _atomic_text(path) as fh:
        fh.write(json.dumps(head, ensure_ascii=False)[:-1] + ', "entries": [')
        for e in journal.iter_entries(vault, include_deleted=include_trash):
            fh.write(("\n" if n == 0 else ",\n") + json.dumps(entry_to_json(e), ensure_ascii=False))
            n += 1
            if progress and n % 200 == 0:
                progress(n, total)
        fh.write("\n]}\n")
    with _export_errors():
        _fsync_dir(path.parent)
    if progress:
        progress(n, n)
    return n


def markdown_for(e: EntryData) -> str:
    """The entry's text after YAML front matter that keeps every field but the plan link:
    markdown_import reads it back whole. `tags` holds forms Obsidian accepts and
    `reconcile_tags` the names as written."""
    fields: list[tuple[str, object]] = [
        ("title", e.title),
        ("date", Plain(_local_iso(e.occurred_utc, e.tz))),
        ("zone", e.tz),
        ("created", Plain(e.created_utc.isoformat())),
        ("updated", Plain(e.updated_utc.isoformat())),
        ("tags", list(dict.fromkeys(t for t in map(obsidian_tag, e.tags) if t))),
        ("reconcile_tags", list(e.tags)),
        ("mood", e.mood),
        ("principle", e.principle),
        ("kind", e.kind),
        ("prompt", e.prompt_id),
        ("id", e.id),
    ]
    if e.deleted:
        fields.append(("trashed", True))
    # The body is framed by one line break on each side, which the import takes off again.
    return dump_front_matter(fields) + "\n" + e.body + "\n"


def _slug(title: str, limit_bytes: int = 120) -> str:
    chars = []
    for c in unicodedata.normalize("NFC", title).lower():
        chars.append(c if unicodedata.category(c)[0] in "LN" else "-")
    slug = re.sub("-+", "-", "".join(chars)).strip("-")
    while len(slug.encode("utf-8")) > limit_bytes:
        slug = slug[:-1]
    return slug.strip("-") or "entry"


def export_markdown(
    vault: Vault, folder: Path, *, include_trash: bool = False, progress: Progress | None = None
) -> int:
    """One .md file per entry, named date-title.md, trashed ones (with include_trash) in a
    trash/ subfolder; existing files are never replaced."""
    folder = Path(folder)
    total = journal.count_entries(vault, journal.Filters(include_deleted=include_trash))
    taken: dict[Path, set[str]] = {}
    n = 0
    with _export_errors():
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        for e in journal.iter_entries(vault, include_deleted=include_trash):
            where = folder / TRASH_FOLDER if e.deleted else folder
            if where not in taken:
                where.mkdir(exist_ok=True, mode=0o700)
                taken[where] = {p.name.casefold() for p in where.iterdir()}
            stem = f"{e.local_date.isoformat()}-{_slug(e.title)}"
            name, k = f"{stem}.md", 1
            while name.casefold() in taken[where]:
                k += 1
                name = f"{stem}-{k}.md"
            taken[where].add(name.casefold())
            # Renamed into place one by one; one folder fsync at the end keeps 100,000 files
            # from costing 100,000 fsyncs.
            with _atomic_text(where / name, durable=False) as fh:
                fh.write(markdown_for(e))
            n += 1
            if progress and n % 200 == 0:
                progress(n, total)
        for where in {folder, *taken}:  # the trash folder's name is in the export folder
            _fsync_dir(where)
    if progress:
        progress(n, n)
    return n


# -- reading files ---------------------------------------------------------------------------


def _read_json(path: Path) -> Any:
    from reconcile_desktop.core.storage.regular_file import NotARegularFile, open_regular

    path = Path(path)
    try:
        if path.is_dir():
            raise InvalidInput("That is a folder, not an export file.")
        # Checked before anything opens it: a FIFO or a device could keep the import
        # waiting, or reading, forever.
        with open_regular(path) as fh:
            if zipfile.is_zipfile(fh):  # a Day One zip with photos may be large; its JSON not
                return _read_zip(path)
            if os.fstat(fh.fileno()).st_size > MAX_IMPORT_BYTES:
                raise InvalidInput(TOO_LARGE)
            fh.seek(0)
            data = fh.read(MAX_IMPORT_BYTES + 1)
        if len(data) > MAX_IMPORT_BYTES:  # it grew while being read
            raise InvalidInput(TOO_LARGE)
    except NotARegularFile:
        raise InvalidInput(NOT_A_FILE) from None
    except FileNotFoundError:
        raise InvalidInput("That file could not be found.") from None
    except OSError:
        raise InvalidInput("That file could not be read.") from None
    return _decode(data)


def _read_zip(path: Path) -> Any:
    """A Day One export is a zip holding one JSON file per journal; their entries are merged."""
    try:
        with zipfile.ZipFile(path) as zf:
            members = [
                i
                for i in zf.infolist()
                if i.filename.lower().endswith(".json")
                and not i.filename.startswith("__MACOSX/")  # macOS resource forks
                and not i.filename.rsplit("/", 1)[-1].startswith("._")
            ]
            if not members:
                raise InvalidInput("This zip file holds no JSON export.")
            if sum(i.file_size for i in members) > MAX_IMPORT_BYTES:
                raise InvalidInput(TOO_LARGE)
            docs = [_decode(zf.read(i)) for i in members]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError):
        raise InvalidInput(
            "This zip file is damaged or uses a format Reconcile cannot read."
        ) from None
    if len(docs) == 1:
        return docs[0]
    if not all(isinstance(d, dict) and isinstance(d.get("entries"), list) for d in docs):
        raise InvalidInput("This zip file holds JSON files that are not journal exports.")
    return {"entries": [entry for d in docs for entry in d["entries"]]}


def _decode(data: bytes) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput("This file is not UTF-8 text, so it is not a journal export.") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(
            f"This file is not valid JSON (line {exc.lineno}, column {exc.colno})."
        ) from None
    except (ValueError, RecursionError):
        raise InvalidInput("This file is not valid JSON.") from None


def _at(n: int, exc: InvalidInput) -> InvalidInput:
    msg = str(exc)
    return InvalidInput(f"In entry {n}, {msg[:1].lower()}{msg[1:]}")


def _zone(name: object, fallback: str, unknown: list[int], n: int) -> str:
    if isinstance(name, str):
        try:
            ZoneInfo(name)
            return name
        except (ZoneInfoNotFoundError, ValueError, OSError):  # "Europe" is a folder of zones
            pass
    unknown.append(n)
    return fallback


def _instant(
    value: object, n: int, *, what: str = "a date", naive_zone: str | None = None
) -> dt.datetime:
    if value is None:  # only the main date is required; callers skip other missing times
        raise InvalidInput(f"Entry {n} has no date.")
    try:
        if not isinstance(value, str):
            raise ValueError
        parsed = dt.datetime.fromisoformat(value)
        if parsed.utcoffset() is None:
            if naive_zone is None:
                raise InvalidInput(f"Entry {n} has {what} without a time zone offset.")
            parsed = parsed.replace(tzinfo=ZoneInfo(naive_zone))
        return parsed.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        raise InvalidInput(f"Entry {n} has {what} that could not be read.") from None


def _str(item: dict, key: str, n: int, default: str = "") -> str:
    value = item.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        raise InvalidInput(f"In entry {n}, “{key}” should be text.")
    return value


def _tags(item: dict, key: str, n: int) -> list[str]:
    value = item.get(key) or []
    if not isinstance(value, list) or not all(isinstance(t, str) for t in value):
        raise InvalidInput(f"In entry {n}, the tags should be a list of words.")
    return value


def _entries(doc: Any, wanted: str) -> list[Any]:
    if not isinstance(doc, dict):
        raise InvalidInput(f"This file is not {wanted}.")
    entries = doc.get("entries")
    if not isinstance(entries, list):
        raise InvalidInput(f"This file is not {wanted}: it has no list of entries.")
    return entries


def _entries_word(count: int) -> str:
    return "1 entry" if count == 1 else f"{count:,} entries"


def _unknown_zones(count: int, zone: str) -> str:
    return (
        f"{_entries_word(count).capitalize()} named a time zone this computer does not know, "
        f"so {zone} was used there."
    )


def _local_date(instant: dt.datetime, tz: str, n: int) -> dt.date:
    try:
        return instant.astimezone(ZoneInfo(tz)).date()
    except OverflowError:
        raise InvalidInput(f"Entry {n} has a date that is out of range.") from None


def _from_reconcile(doc: Any, zone: str, now: dt.datetime, notes: list[str]) -> list[NewEntry]:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InvalidInput("This file is not a Reconcile journal export.")
    version = doc.get("version")
    if type(version) is int and version > VERSION:
        raise InvalidInput(
            "This export comes from a newer Reconcile. Update Reconcile to import it."
        )
    if version != VERSION or type(version) is not int:
        raise InvalidInput("This export has a format version Reconcile does not know.")
    out, unknown, linked = [], [], 0
    for n, item in enumerate(_entries(doc, "a Reconcile journal export"), 1):
        if not isinstance(item, dict):
            raise InvalidInput(f"Entry {n} is not an entry.")
        occurred = _instant(item.get("occurred"), n)
        tz = _zone(item.get("tz"), zone, unknown, n)
        fields = {
            "title": _str(item, "title", n),
            "body": _str(item, "body", n),
            "mood": item.get("mood"),
            "principle": item.get("principle"),
            "kind": item.get("kind") or "free",
            "prompt_id": item.get("prompt_id"),
        }
        created = item.get("created")
        updated = item.get("updated")
        linked += item.get("commitment_id") is not None
        out.append(
            _new(
                n,
                fields,
                occurred,
                tz,
                _tags(item, "tags", n),
                created=None if created is None else _instant(created, n, what="a creation time"),
                updated=None if updated is None else _instant(updated, n, what="a change time"),
                deleted=now if item.get("deleted") is True else None,
            )
        )
    if unknown:
        notes.append(_unknown_zones(len(unknown), zone))
    if linked:
        notes.append(
            f"Links to plan commitments (in {_entries_word(linked)}) were left out, because "
            "the plan is not part of a journal export."
        )
    return out


def _from_jrnl(doc: Any, zone: str, now: dt.datetime, notes: list[str]) -> list[NewEntry]:
    out = []
    for n, item in enumerate(_entries(doc, "a jrnl JSON export"), 1):
        if not isinstance(item, dict):
            raise InvalidInput(f"Entry {n} is not an entry.")
        day, time = item.get("date"), item.get("time") or "00:00"
        if not day:
            raise InvalidInput(f"Entry {n} has no date.")
        try:
            local = dt.datetime.combine(dt.date.fromisoformat(day), dt.time.fromisoformat(time))
        except (TypeError, ValueError):
            raise InvalidInput(f"Entry {n} has a date or time that could not be read.") from None
        occurred = _instant(local.isoformat(), n, naive_zone=zone)
        tags = [t[1:] if t[:1] in "@#" else t for t in _tags(item, "tags", n)]
        if item.get("starred") is True:
            tags.append(STARRED_TAG)
        fields = {"title": _str(item, "title", n), "body": _str(item, "body", n)}
        if len(fields["title"]) > journal.MAX_TITLE_CHARS:  # jrnl titles run to the first "."
            fields = {"title": "", "body": (fields["title"] + " " + fields["body"]).strip()}
        out.append(_new(n, fields, occurred, zone, tags, created=occurred, updated=occurred))
    if out:
        notes.append(f"jrnl does not record time zones, so times were read as {zone} time.")
    return out


_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def _from_dayone(
    doc: Any, zone: str, now: dt.datetime, notes: list[str], media: MediaIndex | None = None
) -> list[NewEntry]:
    media = media if media is not None else MediaIndex()
    out, unknown, empty = [], [], 0
    for n, item in enumerate(_entries(doc, "a Day One JSON export"), 1):
        if not isinstance(item, dict):
            raise InvalidInput(f"Entry {n} is not an entry.")
        occurred = _instant(item.get("creationDate"), n, naive_zone="UTC")
        tz = _zone(item.get("timeZone"), zone, unknown, n) if "timeZone" in item else zone
        # Day One writes Markdown with punctuation escaped ("Hello\.") and zero-width spaces.
        text = _MD_ESCAPE.sub(r"\1", _str(item, "text", n)).replace("\u200b", "")
        tags = list(_tags(item, "tags", n))
        links, files = dayone_media.entry_media(item, media)
        if not dayone_media.replace_links(text, {}).strip():
            text = ""  # only media: its files are attached, with no body of bare links
        text = dayone_media.replace_links(text, links)
        extra = dayone_media.place_and_weather(item, media)
        if extra:
            text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + "\n".join(extra)
        title, body = "", text
        first, _, rest = text.partition("\n")
        if first.startswith("# "):
            title, body = first[2:].strip(), rest.lstrip("\n")
        if not title and not body.strip() and not files:
            empty += 1
            continue
        if item.get("starred") is True:
            tags.append(STARRED_TAG)
        modified = item.get("modifiedDate")
        updated = (
            occurred
            if modified is None
            else _instant(modified, n, what="a change time", naive_zone="UTC")
        )
        out.append(
            _new(
                n,
                {"title": title, "body": body},
                occurred,
                tz,
                tags,
                created=occurred,
                updated=updated,
                files=tuple(files),
            )
        )
    notes += dayone_media.preview_notes(media)
    if unknown:
        notes.append(_unknown_zones(len(unknown), zone))
    if empty:
        notes.append(f"Left out {_entries_word(empty)} without any text (photos only, perhaps).")
    return out


def _new(
    n, fields, occurred, tz, tags, *, created=None, updated=None, deleted=None, files=()
) -> NewEntry:
    try:
        journal.check_fields(fields)
        names = tuple(name for _, name in journal.normalise_tags(tags))
    except InvalidInput as exc:
        raise _at(n, exc) from None
    return NewEntry(
        body=fields["body"],
        title=fields.get("title", ""),
        occurred_utc=occurred,
        local_date=_local_date(occurred, tz, n),
        tz=tz,
        created_utc=created,
        updated_utc=updated,
        mood=fields.get("mood"),
        principle=fields.get("principle"),
        kind=fields.get("kind", "free"),
        prompt_id=fields.get("prompt_id"),
        tags=names,
        deleted_utc=deleted,
        files=files,
    )


_PARSERS = {"reconcile": _from_reconcile, "jrnl": _from_jrnl, "dayone": _from_dayone}


def _parse(vault: Vault, path: Path, source: str) -> tuple[list[NewEntry], list[str]]:
    notes: list[str] = []
    if source == "markdown":  # a folder, not one document
        zone, now = vault.clock.zone_name(), vault.clock.now()
        return markdown_import.read_entries(path, zone, now, MAX_IMPORT_BYTES, notes), notes
    if source not in _PARSERS:
        raise InvalidInput(f"Reconcile can import these formats: {', '.join(SOURCES)}.")
    doc = _read_json(path)
    if source == "dayone":  # its photos and files sit beside the JSON in the zip
        media = dayone_media.media_in(path)
        return _from_dayone(doc, vault.clock.zone_name(), vault.clock.now(), notes, media), notes
    return _PARSERS[source](doc, vault.clock.zone_name(), vault.clock.now(), notes), notes


def _duplicates(s: Any, entries: list[NewEntry]) -> list[bool]:
    """Which entries are already in the vault (trash included) or earlier in the file."""
    existing: set[tuple[dt.datetime, str, str]] = set()
    instants = sorted({e.occurred_utc for e in entries})
    for i in range(0, len(instants), 500):
        q = sa.select(E.c.occurred_utc, E.c.title, E.c.body).where(
            E.c.occurred_utc.in_(instants[i : i + 500])
        )
        existing.update((r.occurred_utc, r.title, r.body) for r in s.execute(q))
    flags = []
    for e in entries:
        key = (e.occurred_utc, e.title, e.body)
        flags.append(key in existing)
        existing.add(key)
    return flags


def preview_import(vault: Vault, path: Path, source: str = "reconcile") -> ImportPreview:
    """What import_file would do, without writing; a file that cannot be imported raises
    InvalidInput with the same sentence import_file would give."""
    entries, notes = _parse(vault, path, source)
    with vault.transaction() as s:
        dup = sum(_duplicates(s, entries))
    dates = [e.local_date for e in entries]
    return ImportPreview(
        count=len(entries),
        new=len(entries) - dup,
        duplicates=dup,
        first_date=min(dates, default=None),
        last_date=max(dates, default=None),
        problems=tuple(notes),
    )


@writes(ENTRIES, TRASH, ATTACHMENTS)  # trashed entries go back to the trash
def import_file(
    vault: Vault, path: Path, source: str = "reconcile", *, progress: Progress | None = None
) -> int:
    """Add the file's entries in one transaction; returns how many were added."""
    entries, _ = _parse(vault, path, source)
    now = vault.clock.now()
    with vault.transaction() as s, tracking.bulk(s, vault.hlc.stamp()):
        flags = _duplicates(s, entries)
        fresh = [e for e, dup in zip(entries, flags, strict=True) if not dup]
        for i in range(0, len(fresh), 500):
            ids = journal.insert_entries(s, fresh[i : i + 500], now)
            attachments.link_imported(s, ids, fresh[i : i + 500], now)
            if progress:
                progress(min(i + 500, len(fresh)), len(fresh))
    if fresh:
        vault.optimize()
    return len(fresh)
