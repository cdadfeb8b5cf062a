"""Full-text search over the journal: ranking with FTS5 and bm25, one page at a time.

The query language, and how matches are marked in snippets, live in query.py.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from reconcile_desktop.core.journal.entries import E, Filters, filter_clauses, first_line, tags_for
from reconcile_desktop.core.journal.preview import plain_text
from reconcile_desktop.core.journal.search_language import (  # noqa: F401  (re-exported: search.parse_query etc.)
    MARK_END,
    MARK_START,
    Marker,
    ParsedQuery,
    Term,
    _searchable,
    parse_query,
    strip_marks,
    tidy,
    to_match,
)

if TYPE_CHECKING:
    from reconcile_desktop.core.storage.vault import Vault

TITLE_WEIGHT = 10.0
BODY_WEIGHT = 1.0
RANK_WINDOW = 200  # how many of the newest matches bm25 ranks (see _page_ids)
MAX_EXPANSION = 32  # a prefix standing for more words than this stays a prefix query
_VOCAB_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.entry_fts_v USING fts5vocab(main, entry_fts, row)"
)

_FTS = sa.literal_column("entry_fts")
_FTS_TABLE = sa.table("entry_fts", sa.column("rowid"))


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: int
    occurred_utc: dt.datetime
    local_date: dt.date
    title: str
    title_marked: str  # the title with matches between MARK_START and MARK_END
    snippet: str  # a window of the body around the matches, marked the same way
    mood: int | None
    tags: tuple[str, ...]
    kind: str
    principle: str | None


def _hits_query(match: str, filters: Filters | None) -> sa.Select:
    return (
        sa.select(E.c.id)
        .select_from(_FTS_TABLE.join(E, E.c.id == _FTS_TABLE.c.rowid))
        .where(_FTS.op("MATCH")(match), *filter_clauses(filters))
    )


def _expand_prefixes(session, parsed: ParsedQuery) -> ParsedQuery:
    """Swap a long prefix ("kindnes*") for the few indexed words it stands for.

    FTS5 must read every doclist under a prefix before returning a row, which costs
    hundreds of ms for a common word at 100,000 entries; an OR of exact words streams newest
    first instead. Prefixes the '2 3' prefix index covers, and broad ones, stay as they are.
    """
    terms = []
    for term in parsed.include:
        if term.prefix and " " not in term.text.strip() and len(term.text) > 3:
            start = unicodedata.normalize("NFC", term.text).casefold()
            session.execute(sa.text(_VOCAB_DDL))
            words = (
                session.execute(
                    sa.text(
                        "SELECT term FROM temp.entry_fts_v WHERE term >= :a AND term < :b LIMIT :n"
                    ),
                    {"a": start, "b": start + "\U0010ffff", "n": MAX_EXPANSION + 1},
                )
                .scalars()
                .all()
            )
            if 0 < len(words) <= MAX_EXPANSION:
                term = Term(term.text, True, tuple(words))
        terms.append(term)
    return ParsedQuery(tuple(terms), parsed.exclude)


def search(
    vault: Vault,
    query: str,
    filters: Filters | None = None,
    limit: int = 50,
    offset: int = 0,
    *,
    typing: bool = True,
) -> list[SearchHit]:
    """Live entries matching `query` (trashed ones never), best first: bm25 with the title
    weighted higher, newer first among equals, over the newest RANK_WINDOW matches (all
    of them for any word found in fewer entries), then older matches newest first.
    `typing=False` (e.g. the CLI) turns off the implicit prefix on the last word. One
    transaction; cost grows with `limit` (snippets), so the list asks for a screenful."""
    parsed = parse_query(query, typing=typing)
    if parsed.match is None:
        return []
    with vault.connection() as s:
        parsed = _expand_prefixes(s, parsed)
        ids = _page_ids(s, parsed.match, filters, max(1, min(limit, 1000)), max(0, offset))
        if not ids:
            return []
        details = sa.select(
            E.c.id,
            E.c.occurred_utc,
            E.c.local_date,
            E.c.title,
            E.c.body,
            E.c.mood,
            E.c.kind,
            E.c.principle,
        ).where(E.c.id.in_(ids))
        rows = {r.id: r for r in s.execute(details)}
        tags = tags_for(s, ids)
    marker = Marker(parsed.include)
    hits = []
    for r in (rows[i] for i in ids if i in rows):
        snippet = marker.snippet(r.body)
        hits.append(
            SearchHit(
                id=r.id,
                occurred_utc=r.occurred_utc,
                local_date=r.local_date,
                title=r.title,
                title_marked=marker.highlight(r.title),
                snippet=tidy(plain_text(snippet, MARK_START + MARK_END))
                if snippet
                else first_line(r.body[:400], title=r.title),
                mood=r.mood,
                tags=tags.get(r.id, ()),
                kind=r.kind,
                principle=r.principle,
            )
        )
    return hits


def _page_ids(s, match: str, filters: Filters | None, limit: int, offset: int) -> list[int]:
    """One page of the order: bm25 among the newest RANK_WINDOW matches (a word in every
    entry then costs ~10 ms instead of a second at 100,000 entries, and the newest entries
    are what a journal search wants), then any older matches, newest first. Fixed windows
    keep paging by offset free of repeats and gaps."""
    ids: list[int] = []
    if offset < RANK_WINDOW:
        newest = (
            _hits_query(match, filters)
            .add_columns(
                sa.func.bm25(_FTS, TITLE_WEIGHT, BODY_WEIGHT).label("score"), E.c.occurred_utc
            )
            .order_by(_FTS_TABLE.c.rowid.desc())
            .limit(RANK_WINDOW)
            .subquery()
        )
        ranked = (
            sa.select(newest.c.id)
            .order_by(newest.c.score, newest.c.occurred_utc.desc(), newest.c.id.desc())
            .limit(min(limit, RANK_WINDOW - offset))
            .offset(offset)
        )
        ids = list(s.execute(ranked).scalars())
        if len(ids) < min(limit, RANK_WINDOW - offset):
            return ids  # fewer matches than the window: that was all of them
    if offset + limit > RANK_WINDOW:
        older = (
            _hits_query(match, filters)
            .order_by(_FTS_TABLE.c.rowid.desc())
            .limit(limit - len(ids))
            .offset(max(offset, RANK_WINDOW))
        )
        ids += s.execute(older).scalars()
    return ids


def count_hits(
    vault: Vault, query: str, filters: Filters | None = None, *, typing: bool = True
) -> int:
    match = to_match(query, typing=typing)
    if match is None:
        return 0
    q = sa.select(sa.func.count()).select_from(_hits_query(match, filters).subquery())
    with vault.connection() as s:
        return int(s.execute(q).scalar_one())
