"""The journal: entries, tags, the trash, paged listing and the calendar.

Every function takes an unlocked Vault and returns frozen dataclasses, never Session-bound
objects. It speaks SQLAlchemy Core over vault.connection() and imports no sqlmodel, so a CLI
command stays light (see tables.py).

Deleting text for good: trashed entries keep their text and tags until the trash is emptied.
Emptying (or delete-forever) deletes the rows with FTS5 secure-delete switched on for that
transaction only and SQLite's secure_delete pragma on, so the text is overwritten in place; then
the whole FTS5 index is merged into one segment (_compact_index) and a WAL checkpoint clears the
-wal file.

Privacy trade-off (chosen for issue 3: a save must cost a few ms, not 30-60): everyday edits run
with FTS5 secure-delete OFF. The words an edit removes then stay in the encrypted index file,
behind delete markers that search never returns, until the next purge's merge or until FTS5's
own automatic segment merges reach them. Nothing is readable without the key, and emptying the
trash still leaves no word of any version of a deleted entry on any page.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from reconcile_desktop.core.changes import ATTACHMENTS, ENTRIES, TRASH, writes
from reconcile_desktop.core.errors import InvalidInput
from reconcile_desktop.core.journal import hurt_answers as safety
from reconcile_desktop.core.journal.preview import preview_line
from reconcile_desktop.core.storage.tables import (
    ATTACHMENT,
    COMMITMENT,
    ENTRY,
    ENTRY_ATTACHMENT,
    ENTRY_KINDS,
    ENTRY_TAG,
    PRINCIPLES,
    TAG,
)
from reconcile_desktop.core.storage.vault import user_errors

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlmodel import Session

    from reconcile_desktop.core.storage.vault import Vault

    Executor = Connection | Session  # journal helpers run inside either kind of transaction

E = ENTRY
T = TAG
ET = ENTRY_TAG
Progress = Callable[[int, int], None]  # (done, total), called from the worker's thread
MERGE_PAGES = 2_000  # index pages one merge step writes (~0.5 s; progress between steps)

MAX_TITLE_CHARS = 2_000
MAX_BODY_CHARS = 5_000_000
MAX_TAG_CHARS = 100
MAX_TAGS = 50
MAX_PROMPT_ID_CHARS = 200
SNIPPET_CHARS = 120
_HEAD_CHARS = 400  # how much of a body SQL hands over to find its first line
_CHUNK = 500  # bound parameters per IN (...)


class EntryNotFound(InvalidInput):
    message = "That entry could not be found. It may have been deleted for good."


@dataclass(frozen=True, slots=True)
class EntryData:
    id: int
    title: str
    body: str
    occurred_utc: dt.datetime
    local_date: dt.date
    tz: str
    created_utc: dt.datetime
    updated_utc: dt.datetime
    mood: int | None
    principle: str | None
    kind: str
    prompt_id: str | None
    commitment_id: int | None
    tags: tuple[str, ...]
    deleted: bool


@dataclass(frozen=True, slots=True)
class EntryRow:
    """One line of the entry list: everything but the full body."""

    id: int
    occurred_utc: dt.datetime
    local_date: dt.date
    title: str
    snippet: str
    mood: int | None
    tags: tuple[str, ...]
    kind: str
    principle: str | None
    deleted_utc: dt.datetime | None = None

    @property
    def cursor(self) -> tuple[dt.datetime, int]:
        """Pass as `before=` to list_page to get the rows after this one."""
        return (self.occurred_utc, self.id)


@dataclass(frozen=True, slots=True)
class Filters:
    tag: str | None = None
    mood: int | None = None
    principle: str | None = None
    kind: str | None = None
    date_from: dt.date | None = None  # local dates, inclusive
    date_to: dt.date | None = None
    include_deleted: bool = False


@dataclass(frozen=True, slots=True)
class NewEntry:
    """A validated entry ready to insert (used by add_entry and by imports)."""

    body: str
    occurred_utc: dt.datetime
    local_date: dt.date
    tz: str
    title: str = ""
    created_utc: dt.datetime | None = None  # None: now
    updated_utc: dt.datetime | None = None
    mood: int | None = None
    principle: str | None = None
    kind: str = "free"
    prompt_id: str | None = None
    commitment_id: int | None = None
    tags: tuple[str, ...] = ()
    deleted_utc: dt.datetime | None = None
    files: tuple[Any, ...] = ()  # photos and files to attach (imports: attachments.link_imported)


@dataclass(frozen=True, slots=True)
class OnThisDay:
    years_ago: tuple[EntryRow, ...]  # same month and day in earlier years, newest first
    months_ago: tuple[EntryRow, ...]  # same day of the month 1 to 11 months ago, newest first


# -- validation ------------------------------------------------------------------------------


def check_text(value: object, what: str, limit: int) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"The {what} must be text.")
    if len(value) > limit:
        raise InvalidInput(f"The {what} is too long (more than {limit:,} characters).")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InvalidInput(f"The {what} contains characters that cannot be saved.") from None
    return value


def check_fields(fields: dict[str, Any]) -> None:
    """Validate whichever entry fields are present; raises InvalidInput with one sentence."""
    if "title" in fields:
        check_text(fields["title"], "title", MAX_TITLE_CHARS)
    if "body" in fields:
        check_text(fields["body"], "text", MAX_BODY_CHARS)
    mood = fields.get("mood")
    if mood is not None and (type(mood) is not int or not 1 <= mood <= 5):
        raise InvalidInput("The mood must be a whole number from 1 to 5.")
    if fields.get("principle") is not None and fields["principle"] not in PRINCIPLES:
        raise InvalidInput(f"The principle must be one of: {', '.join(PRINCIPLES)}.")
    if "kind" in fields and fields["kind"] not in ENTRY_KINDS:
        raise InvalidInput(f"The kind of entry must be one of: {', '.join(ENTRY_KINDS)}.")
    if fields.get("prompt_id") is not None:
        check_text(fields["prompt_id"], "prompt id", MAX_PROMPT_ID_CHARS)
    cid = fields.get("commitment_id")
    if cid is not None and type(cid) is not int:
        raise InvalidInput("The commitment id must be a whole number.")


def to_instant(value: object, what: str = "time") -> dt.datetime:
    """An aware datetime in UTC; naive values are refused rather than guessed."""
    if not isinstance(value, dt.datetime):
        raise InvalidInput(f"The entry's {what} must be a date and time.")
    if value.utcoffset() is None:
        raise InvalidInput(f"The entry's {what} has no time zone.")
    try:
        return value.astimezone(dt.UTC)
    except OverflowError:
        raise InvalidInput(f"The entry's {what} is out of range.") from None


def tag_key(name: str) -> str:
    """Tags compare case-insensitively: "Anger" and "anger" are one tag."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def normalise_tags(tags: Iterable[str]) -> list[tuple[str, str]]:
    """(key, name) pairs, whitespace tidied, duplicates dropped, first spelling kept."""
    if isinstance(tags, str):
        raise TypeError("tags must be a sequence of names, not one string")
    out: dict[str, str] = {}
    for raw in tags:
        name = " ".join(check_text(raw, "tag", MAX_BODY_CHARS).split())
        if not name:
            continue
        if len(name) > MAX_TAG_CHARS:
            raise InvalidInput(f"A tag can be at most {MAX_TAG_CHARS} characters long.")
        if any(unicodedata.category(c) == "Cc" for c in name):
            raise InvalidInput("A tag cannot contain control characters.")
        out.setdefault(tag_key(name), name)
    if len(out) > MAX_TAGS:
        raise InvalidInput(f"An entry can have at most {MAX_TAGS} tags.")
    return list(out.items())


def _check_commitment(s: Executor, commitment_id: int | None) -> None:
    if commitment_id is None:
        return
    C = COMMITMENT
    if s.execute(sa.select(C.c.id).where(C.c.id == commitment_id)).first() is None:
        raise InvalidInput("That commitment no longer exists.")


# -- tags ------------------------------------------------------------------------------------


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _tag_ids(s: Executor, pairs: Sequence[tuple[str, str]]) -> dict[str, tuple[int, str]]:
    """key -> (id, stored name), creating the tags that do not exist yet."""
    if not pairs:
        return {}
    ins = sqlite_insert(T).on_conflict_do_nothing(index_elements=["key"])
    s.execute(ins, [{"name": name, "key": key} for key, name in pairs])
    found: dict[str, tuple[int, str]] = {}
    for part in _chunks([k for k, _ in pairs]):
        for r in s.execute(sa.select(T.c.key, T.c.id, T.c.name).where(T.c.key.in_(part))):
            found[r.key] = (r.id, r.name)
    return found


def tags_for(s: Executor, ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    out: dict[int, list[str]] = {}
    for part in _chunks(list(ids)):
        q = (
            sa.select(ET.c.entry_id, T.c.name)
            .join(T, T.c.id == ET.c.tag_id)
            .where(ET.c.entry_id.in_(part))
            .order_by(T.c.key)
        )
        for r in s.execute(q):
            out.setdefault(r.entry_id, []).append(r.name)
    return {k: tuple(v) for k, v in out.items()}


def _drop_unused_tags(s: Executor, among: Sequence[int] | None = None) -> None:
    q = sa.delete(T).where(~sa.exists().where(ET.c.tag_id == T.c.id))
    if among is not None:
        if not among:
            return
        q = q.where(T.c.id.in_(among))
    s.execute(q)


def all_tags(vault: Vault) -> list[tuple[str, int]]:
    """(name, number of live entries) for autocomplete, most used first."""
    q = (
        sa.select(T.c.name, sa.func.count().label("n"))
        .join(ET, ET.c.tag_id == T.c.id)
        .join(E, E.c.id == ET.c.entry_id)
        .where(E.c.deleted_utc.is_(None))
        .group_by(T.c.id)
        .order_by(sa.desc("n"), T.c.key)
    )
    with vault.connection() as s:
        return [(r.name, r.n) for r in s.execute(q)]


# -- writing ---------------------------------------------------------------------------------


def insert_entries(s: Executor, entries: Sequence[NewEntry], now: dt.datetime) -> list[int]:
    """Insert validated entries and their tags inside the caller's transaction."""
    if not entries:
        return []
    params = [
        {f.name: getattr(e, f.name) for f in dataclasses.fields(NewEntry) if f.name in E.c}
        | {
            "created_utc": e.created_utc or now,
            "updated_utc": e.updated_utc or e.created_utc or now,
        }
        for e in entries
    ]
    stmt = sa.insert(E).returning(E.c.id, sort_by_parameter_order=True)
    ids = list(s.execute(stmt, params).scalars())
    pairs_per_entry = [normalise_tags(e.tags) for e in entries]
    all_pairs = list({k: n for pairs in pairs_per_entry for k, n in pairs}.items())
    known = _tag_ids(s, all_pairs)
    links = [
        {"entry_id": eid, "tag_id": known[k][0]}
        for eid, pairs in zip(ids, pairs_per_entry, strict=True)
        for k, _ in pairs
    ]
    if links:
        s.execute(sa.insert(ET), links)
    return ids


@writes(ENTRIES)
def add_entry(
    vault: Vault,
    body: str,
    *,
    title: str = "",
    occurred: dt.datetime | None = None,
    mood: int | None = None,
    principle: str | None = None,
    kind: str = "free",
    prompt_id: str | None = None,
    commitment_id: int | None = None,
    tags: Iterable[str] = (),
) -> EntryData:
    check_fields(
        dict(title=title, body=body, mood=mood, principle=principle, kind=kind)
        | {"prompt_id": prompt_id, "commitment_id": commitment_id}
    )
    now = vault.clock.now()
    occurred_utc = now if occurred is None else to_instant(occurred)
    pairs = normalise_tags(tags)
    new = NewEntry(
        body=body,
        title=title,
        occurred_utc=occurred_utc,
        local_date=vault.clock.local_date_of(occurred_utc),
        tz=vault.clock.zone_name(),
        mood=mood,
        principle=principle,
        kind=kind,
        prompt_id=prompt_id,
        commitment_id=commitment_id,
        tags=tuple(name for _, name in pairs),
    )
    with vault.connection() as s:
        _check_commitment(s, commitment_id)
        (entry_id,) = insert_entries(s, [new], now)
        names = tags_for(s, [entry_id]).get(entry_id, ())
        if kind == safety.WORKSHEET_KIND:
            safety.note_worksheet(s, body)
    record = {f.name: getattr(new, f.name) for f in dataclasses.fields(NewEntry)}
    return _entry_data(record | {"id": entry_id, "created_utc": now, "updated_utc": now}, names)


_CHANGEABLE = frozenset(
    {"title", "body", "occurred", "mood", "principle", "kind", "prompt_id", "commitment_id", "tags"}
)


@writes(ENTRIES)
def update_entry(vault: Vault, entry_id: int, **changes: Any) -> EntryData:
    """Change some fields; only columns whose value differs are written, so an autosave of
    unchanged text costs one SELECT and no re-indexing. `tags` replaces the whole set."""
    unknown = set(changes) - _CHANGEABLE
    if unknown:
        raise TypeError(f"update_entry() got unknown fields: {', '.join(sorted(unknown))}")
    check_fields(changes)
    now = vault.clock.now()
    occurred = to_instant(changes["occurred"]) if "occurred" in changes else None
    new_pairs = normalise_tags(changes["tags"]) if "tags" in changes else None
    with vault.connection() as s:
        row = s.execute(sa.select(E).where(E.c.id == entry_id)).first()
        if row is None:
            raise EntryNotFound()
        if row.deleted_utc is not None:
            raise InvalidInput("This entry is in the trash. Restore it before changing it.")
        current = dict(row._mapping)
        values = {k: v for k, v in changes.items() if k in E.c and k != "tags" and current[k] != v}
        if occurred is not None and occurred != current["occurred_utc"]:
            values.update(
                occurred_utc=occurred,
                local_date=vault.clock.local_date_of(occurred),
                tz=vault.clock.zone_name(),
            )
        if "commitment_id" in values:
            _check_commitment(s, values["commitment_id"])
        tags_changed = new_pairs is not None and _replace_tags(s, entry_id, new_pairs)
        if values or tags_changed:
            values["updated_utc"] = now
            s.execute(sa.update(E).where(E.c.id == entry_id).values(values))
        current.update(values)
        if current["kind"] == safety.WORKSHEET_KIND and ("body" in values or "kind" in values):
            safety.note_worksheet(s, current["body"])
        names = tags_for(s, [entry_id]).get(entry_id, ())
    return _entry_data(current, names)


def _replace_tags(s: Executor, entry_id: int, pairs: list[tuple[str, str]]) -> bool:
    old = {
        r.key: r.id
        for r in s.execute(
            sa.select(T.c.key, T.c.id)
            .join(ET, ET.c.tag_id == T.c.id)
            .where(ET.c.entry_id == entry_id)
        )
    }
    wanted = dict(pairs)
    if set(old) == set(wanted):
        return False
    removed = [tid for key, tid in old.items() if key not in wanted]
    if removed:
        s.execute(sa.delete(ET).where(ET.c.entry_id == entry_id, ET.c.tag_id.in_(removed)))
        _drop_unused_tags(s, removed)
    added = [(k, n) for k, n in pairs if k not in old]
    ids = _tag_ids(s, added)
    if added:
        s.execute(sa.insert(ET), [{"entry_id": entry_id, "tag_id": ids[k][0]} for k, _ in added])
    return True


def _entry_data(m: dict[str, Any], tags: tuple[str, ...]) -> EntryData:
    plain = {f.name: m[f.name] for f in dataclasses.fields(EntryData) if f.name in E.c}
    return EntryData(**plain, tags=tags, deleted=m["deleted_utc"] is not None)


def get_entry(vault: Vault, entry_id: int) -> EntryData:
    """One entry with its full text; trashed entries too (deleted=True)."""
    with vault.connection() as s:
        row = s.execute(sa.select(E).where(E.c.id == entry_id)).first()
        if row is None:
            raise EntryNotFound()
        return _entry_data(dict(row._mapping), tags_for(s, [entry_id]).get(entry_id, ()))


def iter_entries(
    vault: Vault, *, include_deleted: bool = False, batch: int = 100
) -> Iterator[EntryData]:
    """Every entry, oldest first, a short transaction per batch (for exports)."""
    after: tuple[dt.datetime, int] | None = None
    while True:
        q = sa.select(E).order_by(E.c.occurred_utc, E.c.id).limit(batch)
        if not include_deleted:
            q = q.where(E.c.deleted_utc.is_(None))
        if after is not None:
            occ, last_id = after
            q = q.where(E.c.occurred_utc >= occ, sa.or_(E.c.occurred_utc > occ, E.c.id > last_id))
        with vault.connection() as s:
            rows = [dict(r._mapping) for r in s.execute(q)]
            tags = tags_for(s, [r["id"] for r in rows])
        for r in rows:
            yield _entry_data(r, tags.get(r["id"], ()))
        if len(rows) < batch:
            return
        after = (rows[-1]["occurred_utc"], rows[-1]["id"])


# -- trash -----------------------------------------------------------------------------------


def _set_deleted(vault: Vault, entry_id: int, value: dt.datetime | None) -> None:
    with vault.connection() as s:
        exists = s.execute(sa.select(E.c.deleted_utc).where(E.c.id == entry_id)).first()
        if exists is None:
            raise EntryNotFound()
        if (exists.deleted_utc is None) != (value is None):
            s.execute(sa.update(E).where(E.c.id == entry_id).values(deleted_utc=value))


@writes(ENTRIES, TRASH)
def trash_entry(vault: Vault, entry_id: int) -> None:
    """Move to the trash (no-op if already there); the text stays until the trash is emptied."""
    _set_deleted(vault, entry_id, vault.clock.now())


@writes(ENTRIES, TRASH)
def restore_entry(vault: Vault, entry_id: int) -> None:
    _set_deleted(vault, entry_id, None)


def list_trash(vault: Vault) -> list[EntryRow]:
    """Trashed entries, most recently trashed first."""
    q = (
        _row_select()
        .where(E.c.deleted_utc.is_not(None))
        .order_by(E.c.deleted_utc.desc(), E.c.id.desc())
    )
    with vault.connection() as s:
        return _rows(s, q)


@writes(TRASH, ATTACHMENTS)
def empty_trash(vault: Vault, progress: Progress | None = None) -> int:
    """Delete every trashed entry for good; returns how many. Takes seconds on a large
    journal (the index merge: about 5 s at 100,000 entries), so the GUI runs it in a worker;
    `progress(done, total)` is called between merge steps."""
    with vault.connection() as s:
        _fts_secure_delete(s, True)
        n = s.execute(sa.delete(E).where(E.c.deleted_utc.is_not(None))).rowcount
        _drop_unused_tags(s)
        _drop_unused_files(s)
        _fts_secure_delete(s, False)
    if n:
        _compact_index(vault, progress)
    _scrub(vault)
    return n


@writes(ENTRIES, TRASH, ATTACHMENTS)
def delete_entry_forever(vault: Vault, entry_id: int, progress: Progress | None = None) -> None:
    """Delete one entry (in the trash or not) for good; as slow as empty_trash."""
    with vault.connection() as s:
        _fts_secure_delete(s, True)
        tag_ids = list(s.execute(sa.select(ET.c.tag_id).where(ET.c.entry_id == entry_id)).scalars())
        if s.execute(sa.delete(E).where(E.c.id == entry_id)).rowcount == 0:
            raise EntryNotFound()
        _drop_unused_tags(s, tag_ids)
        _drop_unused_files(s)
        _fts_secure_delete(s, False)
    _compact_index(vault, progress)
    _scrub(vault)


def _drop_unused_files(s: Executor) -> None:
    # The entries' links went with them (ON DELETE CASCADE); photos and files no other entry
    # uses go now, their pages overwritten (secure_delete) like the text's.
    A, EA = ATTACHMENT, ENTRY_ATTACHMENT
    s.execute(sa.delete(A).where(~sa.exists().where(EA.c.sha256 == A.c.sha256)))


def _fts_secure_delete(s: Executor, on: bool) -> None:
    # A persistent FTS5 option, set and reset inside one transaction: no other connection
    # ever sees it on. On, deleting a row overwrites its current words in the index pages.
    s.execute(
        sa.text("INSERT INTO entry_fts(entry_fts, rank) VALUES('secure-delete', :on)"),
        {"on": int(on)},
    )


def _compact_index(vault: Vault, progress: Progress | None) -> None:
    """Merge the FTS5 index into one segment, which drops every word an edit or delete left
    behind delete markers; the pages it frees are zeroed (secure_delete pragma).

    Same result as FTS5's 'optimize' (which runs last and then finds nothing to do), but in
    steps of MERGE_PAGES pages, each its own short transaction, so progress can be shown and
    other connections get turns. The first step is negative: all segments count as one level.
    """
    with user_errors():
        raw = vault.engine.raw_connection()
        try:
            cur = raw.cursor()
            total = cur.execute("SELECT count(*) FROM entry_fts_data").fetchone()[0] or 1
            done, pages = 0, -MERGE_PAGES
            while True:
                before = raw.total_changes
                cur.execute("BEGIN")
                cur.execute("INSERT INTO entry_fts(entry_fts, rank) VALUES('merge', ?)", (pages,))
                cur.execute("COMMIT")
                changed = raw.total_changes - before
                if changed < 2:  # FTS5 found nothing left to merge
                    break
                done += changed // 2  # each page written also deletes one
                pages = MERGE_PAGES
                if progress is not None:
                    progress(min(done, total - 1), total)
            cur.execute("BEGIN")
            cur.execute("INSERT INTO entry_fts(entry_fts) VALUES('optimize')")
            cur.execute("COMMIT")
            if progress is not None:
                progress(total, total)
        except BaseException:
            if raw.in_transaction:
                raw.rollback()
            raise
        finally:
            raw.close()


def _scrub(vault: Vault) -> None:
    # The deleted text is already overwritten in vault.db's pages (see _compact_index);
    # checkpointing and truncating the WAL removes the copies in vault.db-wal too.
    with user_errors():
        raw = vault.engine.raw_connection()
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            raw.close()


# -- listing ---------------------------------------------------------------------------------


def _row_select() -> sa.Select:
    head = sa.func.substr(E.c.body, 1, _HEAD_CHARS).label("head")
    return sa.select(
        E.c.id,
        E.c.occurred_utc,
        E.c.local_date,
        E.c.title,
        head,
        E.c.mood,
        E.c.kind,
        E.c.principle,
        E.c.deleted_utc,
    )


def first_line(head: str | None, limit: int = SNIPPET_CHARS, title: str = "") -> str:
    """The preview line: the first line of writing, Markdown marks stripped, cut at a word
    (see preview.preview_line)."""
    return preview_line(head, limit, title)


def _rows(s: Executor, q: sa.Select) -> list[EntryRow]:
    rows = s.execute(q).all()
    tags = tags_for(s, [r.id for r in rows])
    return [
        EntryRow(
            id=r.id,
            occurred_utc=r.occurred_utc,
            local_date=r.local_date,
            title=r.title,
            snippet=first_line(r.head, title=r.title),
            mood=r.mood,
            tags=tags.get(r.id, ()),
            kind=r.kind,
            principle=r.principle,
            deleted_utc=r.deleted_utc,
        )
        for r in rows
    ]


def filter_clauses(filters: Filters | None) -> list[sa.ColumnElement[bool]]:
    f = filters or Filters()
    out: list[sa.ColumnElement[bool]] = []
    if not f.include_deleted:
        out.append(E.c.deleted_utc.is_(None))
    if f.tag:
        tagged = sa.select(ET.c.entry_id).join(T, T.c.id == ET.c.tag_id)
        out.append(E.c.id.in_(tagged.where(T.c.key == tag_key(" ".join(f.tag.split())))))
    for name in ("mood", "principle", "kind"):
        if getattr(f, name) is not None:
            out.append(E.c[name] == getattr(f, name))
    if f.date_from is not None:
        out.append(E.c.local_date >= f.date_from)
    if f.date_to is not None:
        out.append(E.c.local_date <= f.date_to)
    return out


def page_query(
    before: tuple[dt.datetime, int] | None, limit: int, filters: Filters | None
) -> sa.Select:
    q = _row_select().where(*filter_clauses(filters))
    if before is not None:
        occ, last_id = to_instant(before[0]), before[1]
        # `<=` gives SQLite an index range on occurred_utc; the OR only breaks ties.
        q = q.where(E.c.occurred_utc <= occ, sa.or_(E.c.occurred_utc < occ, E.c.id < last_id))
    return q.order_by(E.c.occurred_utc.desc(), E.c.id.desc()).limit(max(1, min(limit, 1000)))


def list_page(
    vault: Vault,
    *,
    before: tuple[dt.datetime, int] | None = None,
    limit: int = 100,
    filters: Filters | None = None,
) -> list[EntryRow]:
    """Newest first; pass the last row's `.cursor` as `before` for the next page."""
    with vault.connection() as s:
        return _rows(s, page_query(before, limit, filters))


def count_entries(vault: Vault, filters: Filters | None = None) -> int:
    q = sa.select(sa.func.count()).select_from(E).where(*filter_clauses(filters))
    with vault.connection() as s:
        return int(s.execute(q).scalar_one())


def has_entries(vault: Vault) -> bool:
    """Whether any entry exists, trash included: one index probe, not a count."""
    with vault.connection() as s:
        return s.execute(sa.select(E.c.id).limit(1)).first() is not None


# -- calendar --------------------------------------------------------------------------------


def days_with_entries(vault: Vault, year: int, month: int) -> dict[dt.date, int]:
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    q = (
        sa.select(E.c.local_date, sa.func.count().label("n"))
        .where(E.c.deleted_utc.is_(None), E.c.local_date.between(first, last))
        .group_by(E.c.local_date)
    )
    with vault.connection() as s:
        return {r.local_date: r.n for r in s.execute(q)}


def entries_on(vault: Vault, day: dt.date) -> list[EntryRow]:
    """The live entries of one local day, in the order they were written."""
    q = (
        _row_select()
        .where(E.c.deleted_utc.is_(None), E.c.local_date == day)
        .order_by(E.c.occurred_utc, E.c.id)
    )
    with vault.connection() as s:
        return _rows(s, q)


def _anniversary_days(today: dt.date, year: int, month: int) -> list[dt.date]:
    """Days of (year, month) remembered today: day d shows on min(d, last day of this month),
    so the 29th to 31st of longer months (and 29 February) show on a shorter month's last day."""
    target_last = calendar.monthrange(year, month)[1]
    if today.day == calendar.monthrange(today.year, today.month)[1]:
        days = range(today.day, target_last + 1)
    else:
        days = range(today.day, min(today.day, target_last) + 1)
    return [dt.date(year, month, d) for d in days]


def on_this_day(vault: Vault, today: dt.date) -> OnThisDay:
    with vault.connection() as s:
        earliest = s.execute(
            sa.select(sa.func.min(E.c.local_date)).where(E.c.deleted_utc.is_(None))
        ).scalar_one()
        if earliest is None:
            return OnThisDay((), ())
        days: list[dt.date] = []
        for year in range(earliest.year, today.year):
            days += _anniversary_days(today, year, today.month)
        for back in range(1, 12):
            y, m = divmod(today.year * 12 + today.month - 1 - back, 12)
            days += _anniversary_days(today, y, m + 1)
        days = [d for d in days if d >= earliest]
        rows: list[EntryRow] = []
        for part in _chunks(days):
            q = _row_select().where(E.c.deleted_utc.is_(None), E.c.local_date.in_(part))
            rows += _rows(s, q)
    rows.sort(key=lambda r: (r.occurred_utc, r.id), reverse=True)
    same_month = tuple(r for r in rows if r.local_date.month == today.month)
    return OnThisDay(same_month, tuple(r for r in rows if r.local_date.month != today.month))
