"""An entry's Markdown as the plain words a reader sees, for one-line previews.

The list shows a line of each entry; `# Should I even try?` or `- [can change: unsure]` there
reads as code, not writing. This strips the marks (headings, quotes, bullets, checkboxes,
emphasis, code, links, the worksheet's own tags) and keeps every word. Pure and cheap: the
list runs it on the first few hundred characters of each row it reads.
"""

from __future__ import annotations

import functools
import re

from reconcile_desktop.core.journal.prompts import CAN_CHANGE

# An escaped character stands in as a private-use character while the marks are stripped,
# so `\*` stays a star and never opens emphasis.
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|<])")
_PRIVATE = 0xF0000

_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_RULE = re.compile(r"^ {0,3}(?:([-*_])(?:[ \t]*\1){2,}|=+)[ \t]*$")  # --- *** ___ and === lines
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}(?:>[ \t]?)+")
_BULLET = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_CHECKBOX = re.compile(r"^\[[ xX]\](?:[ \t]+|$)")
_WORKSHEET_TAG = re.compile(r"^\[can change: (?:" + "|".join(CAN_CHANGE) + r")\](?:[ \t]+|$)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\[[^\]]*\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![*_\w])([*_])(?=\S)(.+?)(?<=\S)\1(?![*_\w])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")


def _hide_escapes(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(_PRIVATE + ord(m.group(1))), text)


def _show_escapes(text: str) -> str:
    return re.sub(r"[\U000F0000-\U000F00FF]", lambda m: chr(ord(m.group(0)) - _PRIVATE), text)


def _inline(text: str) -> str:
    """Emphasis, code, links and images reduced to their words."""
    codes: list[str] = []

    def keep_code(m: re.Match[str]) -> str:  # code is shown as it is, marks inside and all
        codes.append(m.group(2).strip())
        return chr(_PRIVATE + 0x100 + len(codes) - 1)

    text = _CODE.sub(keep_code, text)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    for pattern in (_STRONG, _STRIKE, _EMPHASIS, _STRONG):  # nested: ***both*** and **_x_**
        text = pattern.sub(lambda m: m.group(m.lastindex or 0), text)
    return re.sub(
        r"[\U000F0100-\U000F01FF]", lambda m: codes[ord(m.group(0)) - _PRIVATE - 0x100], text
    )


@functools.cache
def _spaces_for_controls(keep: str) -> dict[int, str]:
    """A str.translate table: every control character (Unicode's Cc) becomes a space, except
    those in `keep`. A table, not a test per character: the list builds 100 previews a page."""
    controls = [*range(0x20), *range(0x7F, 0xA0)]
    return {c: " " for c in controls if chr(c) not in keep}


def plain_lines(markdown: str | None, keep: str = "") -> list[tuple[str, bool]]:
    """(words, is_heading) for each line that holds words, marks stripped, in order.
    Control characters become spaces, except those in `keep` (a search's match marks)."""
    out: list[tuple[str, bool]] = []
    in_fence = False
    for raw in (markdown or "").splitlines():
        line = raw.translate(_spaces_for_controls(keep))
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            text, heading = line, False
        elif _RULE.match(line):
            continue
        else:
            line = _hide_escapes(line)
            line = _QUOTE.sub("", line)
            heading = bool(_HEADING.match(line))
            if heading:
                line = _CLOSING_HASHES.sub("", _HEADING.sub("", line))
            else:
                bullet = _BULLET.match(line)
                if bullet:
                    line = line[bullet.end() :]
                    line = _CHECKBOX.sub("", _WORKSHEET_TAG.sub("", line))
            text = _show_escapes(_inline(line))
        text = " ".join(text.split())
        if text:
            out.append((text, heading))
    return out


def plain_text(markdown: str | None, keep: str = "") -> str:
    """All the words on one line, e.g. a search's window around its matches."""
    return " ".join(text for text, _ in plain_lines(markdown, keep))


def preview_line(markdown: str | None, limit: int, title: str = "") -> str:
    """The line a list shows under (or instead of) the title, plain and cut at a word.

    Without a title the first line leads, a heading included. With one, a line repeating
    the title is skipped and the first line of writing is preferred to a heading: a
    worksheet's questions are its structure, its answers are what it says."""
    lines = plain_lines(markdown)
    wanted = " ".join(title.split()).casefold()
    if wanted:
        lines = [(t, h) for t, h in lines if t.casefold() != wanted]
        lines = [x for x in lines if not x[1]] or lines
    if not lines:
        return ""
    text = lines[0][0]
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip() + "…"
