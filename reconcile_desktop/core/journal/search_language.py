"""The search language: what the user types, turned safely into an FTS5 MATCH expression,
and the query's words marked in a title or body (for snippets). Pure Python, no database:
the CLI checks a query before it asks for the passphrase.

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

import re
import unicodedata
from typing import NamedTuple

MARK_START = "\x02"  # the UI shows the text between these in bold
MARK_END = "\x03"
SNIPPET_TOKENS = 16
SNIPPET_LEAD = 3  # words shown before the first match of a snippet
_MAX_CANDIDATES = 64  # matches tried as the start of a snippet
_SCAN_CHARS = 65_536  # a snippet is looked for here first; the rest of a body only if needed
MIN_TYPING_PREFIX = 2  # a one-letter prefix would match nearly everything and is slow
MAX_QUERY_CHARS = 1_000
MAX_TERMS = 32


# NamedTuples rather than dataclasses: `reconcile search` checks the query before the KDF,
# and dataclasses (with inspect and ast) would add over 1 MiB to the command's peak memory.
class Term(NamedTuple):
    text: str
    prefix: bool = False
    expansion: tuple[str, ...] = ()  # the indexed words a prefix stands for, when looked up

    def fts(self) -> str:
        if self.expansion:
            return "(" + " OR ".join(_quote(w) for w in self.expansion) + ")"
        return _quote(self.text) + ("*" if self.prefix else "")


def _quote(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class ParsedQuery(NamedTuple):
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


# -- marks and snippets ------------------------------------------------------------------------
# Done here rather than with FTS5's highlight() and snippet(): those re-run the MATCH for every
# hit (0.5 to 1.5 ms a row at 100,000 entries, most of a page's cost). The rules follow the
# index's tokenizer (unicode61, remove_diacritics 2): letters, digits and private-use
# characters make words, everything else separates them, and case and accents are ignored.
# The text is folded character by character, so positions in it are positions in the original.

_COMBINING = r"\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD_CHAR = rf"[^\W_]|[{_COMBINING}\ue000-\uf8ff]"
_WORD = re.compile(f"(?:{_WORD_CHAR})+")
_MARKS_AFTER = f"[{_COMBINING}]*"
_START = r"(?<![^\W_])"  # not inside a word
_END = r"(?![^\W_])"


def _fold_char(c: str) -> str:
    base = "".join(ch for ch in unicodedata.normalize("NFD", c) if not unicodedata.combining(ch))
    folded = base.lower()
    if folded == "ς":
        return "σ"  # the tokenizer folds a final sigma too
    if len(folded) == 1:
        return folded
    return c.lower() if len(c.lower()) == 1 else c  # keep one character per character


class _FoldTable(dict):
    def __missing__(self, code: int) -> str:
        self[code] = _fold_char(chr(code))
        return self[code]


_FOLD = _FoldTable()


def _fold(text: str) -> str:
    return text.translate(_FOLD)


def _words(text: str) -> list[str]:
    return [_fold(m.group()) for m in _WORD.finditer(text)]


class Marker:
    """Finds the query's words in a title or body (never the excluded ones)."""

    def __init__(self, include: tuple[Term, ...]) -> None:
        parts = []
        for n, term in enumerate(include):
            if term.expansion:
                words = "|".join(re.escape(_fold(w)) for w in term.expansion)
                pattern = f"(?:{words}){_MARKS_AFTER}{_END}"
            else:
                words = _words(term.text)
                if not words:
                    continue
                gap = r"(?:[\W_])+"
                pattern = gap.join(re.escape(w) + _MARKS_AFTER for w in words)
                pattern += f"(?:{_WORD_CHAR})*" if term.prefix else _END
            parts.append(f"(?P<t{n}>{_START}{pattern})")
        self._re = re.compile("|".join(parts)) if parts else None

    def _matches(self, text: str, start: int = 0, stop: int | None = None) -> list[re.Match]:
        if self._re is None or not text:
            return []
        return list(self._re.finditer(_fold(text if stop is None else text[:stop]), start))

    def highlight(self, text: str) -> str:
        return _marked(text, self._matches(text), 0, len(text))

    def snippet(self, body: str) -> str:
        """A window of about SNIPPET_TOKENS words around the best cluster of matches, or ""."""
        found = self._matches(body, 0, min(len(body), _SCAN_CHARS))
        if not found and len(body) > _SCAN_CHARS:
            found = self._matches(body, max(0, _SCAN_CHARS - 200))
        if not found:
            return ""
        best = _best(found)
        before = list(_WORD.finditer(body, max(0, best.start() - 400), best.start()))
        lead = before[-SNIPPET_LEAD:]
        start = lead[0].start() if lead else best.start()
        end, words = best.end(), 0
        for words, m in enumerate(_WORD.finditer(body, start), 1):  # noqa: B007
            end = max(end, m.end())
            if words >= SNIPPET_TOKENS:
                break
        if words < SNIPPET_TOKENS and len(before) > len(lead):  # near the end: show more before
            more = before[: len(before) - len(lead)][-(SNIPPET_TOKENS - words) :]
            start = more[0].start()
        head = "…" if _WORD.search(body, 0, start) else ""
        tail = "…" if _WORD.search(body, end) else body[end:]
        inside = [m for m in found if m.start() >= start and m.end() <= end]
        return head + _marked(body, inside, start, end) + tail


def _best(found: list[re.Match]) -> re.Match:
    """The first match whose snippet would show the most different query terms."""
    terms = len({m.lastgroup for m in found})
    best, most = found[0], 0
    for i, first in enumerate(found[:_MAX_CANDIDATES]):
        reach = first.start() + SNIPPET_TOKENS * 6  # about SNIPPET_TOKENS words of text
        seen = set()
        for m in found[i:]:
            if m.start() >= reach:
                break
            seen.add(m.lastgroup)
        if len(seen) > most:
            best, most = first, len(seen)
            if most == terms:
                break
    return best


def _after_marks(text: str, end: int) -> int:
    """Past any vowel signs or other combining marks: a mark belongs with its letter, even in
    scripts whose marks the tokenizer treats as separators (Devanagari, for one)."""
    while end < len(text) and unicodedata.category(text[end])[0] == "M":
        end += 1
    return end


def _marked(text: str, matches: list[re.Match], start: int, end: int) -> str:
    out, at = [], start
    for m in matches:
        if m.start() < at:
            continue
        stop = _after_marks(text, m.end())
        out += [text[at : m.start()], MARK_START, text[m.start() : stop], MARK_END]
        at = stop
    out.append(text[at:end])
    return "".join(out)


def tidy(snippet: str) -> str:
    """One line: newlines and other control characters (but not the marks) become spaces."""
    keep = {MARK_START, MARK_END}
    text = "".join(" " if unicodedata.category(c) == "Cc" and c not in keep else c for c in snippet)
    return " ".join(text.split())
