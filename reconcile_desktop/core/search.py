"""Full-text search: what the user types, turned safely into an FTS5 MATCH expression.

The query language is small on purpose:
  words          all must appear (AND), in any order; diacritics and case are ignored
  "a phrase"     these words next to each other
  word*          any word starting with "word"; the last word also matches as a prefix while
                 the user is still typing it (when the query does not end with a space)
  -word -"a b"   leave out entries containing it
Everything else is literal text: every term is sent to FTS5 as a quoted string, so operators
(AND, OR, NEAR, column:) and stray punctuation are just words or separators and never raise.
A term with no letters or digits (e.g. "!!" or an emoji) is ignored, because FTS5 would treat
it as an empty phrase that matches nothing. A query with only exclusions finds nothing: search
is for finding something, and "everything except" is the plain entry list with filters.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from reconcile_desktop.core.journal import E, Filters, filter_clauses, first_line, tags_for

if TYPE_CHECKING:
    from reconcile_desktop.core.vault import Vault

MARK_START = "\x02"  # the UI shows the text between these in bold
MARK_END = "\x03"
TITLE_WEIGHT = 10.0
RANK_WINDOW = 500  # how many of the newest matches bm25 ranks (see search())
MAX_EXPANSION = 32  # a prefix standing for more words than this stays a prefix query
_VOCAB_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.entry_fts_v USING fts5vocab(main, entry_fts, row)"
)
BODY_WEIGHT = 1.0
SNIPPET_TOKENS = 16
MIN_TYPING_PREFIX = 2  # a one-letter prefix would match nearly everything and is slow
MAX_QUERY_CHARS = 1_000
MAX_TERMS = 32

_FTS = sa.literal_column("entry_fts")
_FTS_TABLE = sa.table("entry_fts", sa.column("rowid"))


@dataclass(frozen=True, slots=True)
class Term:
    text: str
    prefix: bool = False
    expansion: tuple[str, ...] = ()  # the indexed words a prefix stands for, when looked up

    def fts(self) -> str:
        if self.expansion:
            return "(" + " OR ".join(_quote(w) for w in self.expansion) + ")"
        return _quote(self.text) + ("*" if self.prefix else "")


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    include: tuple[Term, ...]
    exclude: tuple[Term, ...]

    @property
    def match(self) -> str | None:
        """The FTS5 expression, or None when there is nothing to look for."""
        if not self.include:
            return None
        expr = " AND ".join(t.fts() for t in self.include)
        if self.exclude:
            expr = f"({expr}) NOT ({' OR '.join(t.fts() for t in self.exclude)})"
        return expr


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


def _searchable(text: str) -> bool:
    # unicode61 keeps letters, numbers and private-use characters; the rest separates tokens.
    return any(unicodedata.category(c)[0] in "LN" or unicodedata.category(c) == "Co" for c in text)


def _split(text: str) -> list[tuple[str, bool, bool, bool]]:
    """(text, excluded, quoted, star) per raw term, honouring "quotes" and a leading -."""
    out: list[tuple[str, bool, bool, bool]] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        excluded = text[i] == "-" and i + 1 < n and not text[i + 1].isspace()
        if excluded:
            i += 1
        if text[i] == '"':
            end = text.find('"', i + 1)
            end = n if end < 0 else end
            word, i = text[i + 1 : end], end + 1
            star = i < n and text[i] == "*"
            while i < n and text[i] == "*":
                i += 1
            out.append((word, excluded, True, star))
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] != '"':
                i += 1
            word = text[start:i]
            star = word.endswith("*")
            out.append((word.rstrip("*"), excluded, False, star))
    return out


def parse_query(text: str, *, typing: bool = True) -> ParsedQuery:
    """Parse a query; with `typing`, the last word (if the text does not end in a space or a
    closing quote) also matches as a prefix."""
    # Control characters separate words anyway, and a NUL would end the MATCH string early.
    text = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text[:MAX_QUERY_CHARS])
    raw = _split(text)
    include: list[Term] = []
    exclude: list[Term] = []
    for pos, (word, excluded, quoted, star) in enumerate(raw):
        if not _searchable(word):
            continue
        prefix = star
        last = pos == len(raw) - 1
        open_end = not text[-1:].isspace() and not (quoted and text.endswith('"') and word)
        if typing and last and open_end and not excluded:
            tail = word.split()[-1] if word.split() else word
            prefix = prefix or sum(1 for c in tail if _searchable(c)) >= MIN_TYPING_PREFIX
        (exclude if excluded else include).append(Term(word, prefix))
    return ParsedQuery(tuple(include[:MAX_TERMS]), tuple(exclude[:MAX_TERMS]))


def to_match(text: str, *, typing: bool = True) -> str | None:
    return parse_query(text, typing=typing).match


def strip_marks(text: str) -> str:
    return text.replace(MARK_START, "").replace(MARK_END, "")


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
    of them for any word found in fewer entries). `typing=False` (e.g. the CLI) turns off the
    implicit prefix on the last word."""
    parsed = parse_query(query, typing=typing)
    if parsed.match is None:
        return []
    with vault.transaction() as s:
        match = _expand_prefixes(s, parsed).match
    # Rank first, then build snippets for the page only: a sorter would otherwise compute
    # snippet() for every match and read every matching body. bm25 is ranked among the
    # newest RANK_WINDOW matches: a word in every entry then costs ~10 ms instead of a
    # second at 20,000 entries, and the newest entries are what a journal search wants.
    window = max(RANK_WINDOW, offset + limit)
    newest = (
        _hits_query(match, filters)
        .add_columns(sa.func.bm25(_FTS, TITLE_WEIGHT, BODY_WEIGHT).label("score"), E.c.occurred_utc)
        .order_by(_FTS_TABLE.c.rowid.desc())
        .limit(window)
        .subquery()
    )
    ranked = (
        sa.select(newest.c.id)
        .order_by(newest.c.score, newest.c.occurred_utc.desc(), newest.c.id.desc())
        .limit(max(1, min(limit, 1000)))
        .offset(max(0, offset))
    )
    with vault.transaction() as s:
        ids = list(s.execute(ranked).scalars())
        if not ids:
            return []
        details = (
            _hits_query(match, None)
            .add_columns(
                E.c.occurred_utc,
                E.c.local_date,
                E.c.title,
                E.c.mood,
                E.c.kind,
                E.c.principle,
                sa.func.substr(E.c.body, 1, 400).label("head"),
                sa.func.highlight(_FTS, 0, MARK_START, MARK_END).label("title_marked"),
                sa.func.snippet(_FTS, 1, MARK_START, MARK_END, "…", SNIPPET_TOKENS).label("snip"),
            )
            .where(_FTS_TABLE.c.rowid.in_(ids))  # drives FTS by rowid, not by the match
        )
        rows = {r.id: r for r in s.execute(details)}
        tags = tags_for(s, ids)
    return [
        SearchHit(
            id=r.id,
            occurred_utc=r.occurred_utc,
            local_date=r.local_date,
            title=r.title,
            title_marked=r.title_marked or "",
            snippet=_tidy(r.snip) if MARK_START in (r.snip or "") else first_line(r.head),
            mood=r.mood,
            tags=tags.get(r.id, ()),
            kind=r.kind,
            principle=r.principle,
        )
        for r in (rows[i] for i in ids if i in rows)
    ]


def count_hits(
    vault: Vault, query: str, filters: Filters | None = None, *, typing: bool = True
) -> int:
    match = to_match(query, typing=typing)
    if match is None:
        return 0
    q = sa.select(sa.func.count()).select_from(_hits_query(match, filters).subquery())
    with vault.transaction() as s:
        return int(s.execute(q).scalar_one())


def _tidy(snippet: str) -> str:
    """One line: newlines and other control characters (but not the marks) become spaces."""
    keep = {MARK_START, MARK_END}
    text = "".join(" " if unicodedata.category(c) == "Cc" and c not in keep else c for c in snippet)
    return " ".join(text.split())
