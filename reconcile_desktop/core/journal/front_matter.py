"""YAML front matter for Markdown files: a small, strict subset, written and read here.

Written: one `key: value` line a field, where a value is a double-quoted string (escapes that
YAML and JSON read alike), a whole number, true, false, null, a plain ISO date and time, or a
flow list of double-quoted strings. Whatever a title or tag holds (colons, quotes, newlines,
leading dashes, `---`), it stays inside its quotes on its own line.

Read: the same, plus what people and editors such as Obsidian write by hand: plain and
single-quoted scalars, block lists (`- item`), comments and blank lines. Anything beyond that
(nested maps, multi-line scalars, anchors) is refused with the line's number rather than
guessed at, so no PyYAML is needed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

OPEN = "---"
CLOSE = ("---", "...")


class FrontMatterError(ValueError):
    """The front matter is outside the subset; `line` counts from the opening ---."""

    def __init__(self, line: int, what: str) -> None:
        super().__init__(what)
        self.line = line
        self.what = what


@dataclass(frozen=True, slots=True)
class Plain:
    """A value written without quotes: an ISO timestamp, which YAML reads as a date."""

    text: str


# -- writing ---------------------------------------------------------------------------------


def quoted(text: str) -> str:
    """A double-quoted scalar that is valid YAML and JSON alike, on one line."""
    out = []
    for c in text:
        o = ord(c)
        if c in '"\\':
            out.append("\\" + c)
        elif o < 0x20 or 0x7F <= o <= 0x9F or o in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF):
            out.append(f"\\u{o:04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _value(value: object) -> str:
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, Plain):
        return value.text
    if isinstance(value, str):
        return quoted(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(quoted(v) for v in value) + "]"
    raise TypeError(f"no front matter form for {type(value).__name__}")


def dump(fields: list[tuple[str, object]]) -> str:
    """The front matter block, both --- lines included, ending in a newline."""
    return OPEN + "\n" + "".join(f"{key}: {_value(v)}\n" for key, v in fields) + OPEN + "\n"


# -- reading ---------------------------------------------------------------------------------


def split(text: str) -> tuple[str | None, str]:
    """(front matter lines, the text after it); (None, text) when the file has none. The one
    line break after the closing --- belongs to the delimiter, not the text."""
    if not (text.startswith(OPEN + "\n") or text.startswith(OPEN + "\r\n")):
        return None, text
    pos = text.index("\n") + 1
    while pos <= len(text):
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        if line.rstrip("\r").rstrip(" \t") in CLOSE:
            return text[text.index("\n") + 1 : pos], ("" if end < 0 else text[end + 1 :])
        if end < 0:
            break
        pos = end + 1
    raise FrontMatterError(1, "it has no closing --- line")


_KEY = re.compile(r"([^\s#'\"\[\]{},:&*!|>%@`-][^:#]*?)[ \t]*:(?:[ \t]+(.*))?")
_INT = re.compile(r"[-+]?[0-9]+")
_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\x85",
    "_": "\xa0",
    "L": "\u2028",
    "P": "\u2029",
}
_HEX = {"x": 2, "u": 4, "U": 8}


def _double(s: str, i: int, n: int) -> tuple[str, int]:
    """The double-quoted scalar starting at s[i] == '"'; returns (value, index after it)."""
    out, i = [], i + 1
    while i < len(s):
        c = s[i]
        if c == '"':
            return "".join(out), i + 1
        if c != "\\":
            out.append(c)
            i += 1
            continue
        k = s[i + 1 : i + 2]
        if k in _ESCAPES:
            out.append(_ESCAPES[k])
            i += 2
        elif k in _HEX:
            digits = s[i + 2 : i + 2 + _HEX[k]]
            if len(digits) != _HEX[k] or not all(d in "0123456789abcdefABCDEF" for d in digits):
                raise FrontMatterError(n, "a \\ escape in quotes is not complete")
            code = int(digits, 16)
            if k == "u" and 0xD800 <= code < 0xDC00 and s[i + 6 : i + 8] == "\\u":
                low = s[i + 8 : i + 12]  # a surrogate pair, as JSON writes characters
                if len(low) == 4 and all(d in "0123456789abcdefABCDEF" for d in low):
                    code2 = int(low, 16)
                    if 0xDC00 <= code2 < 0xE000:
                        code = 0x10000 + ((code - 0xD800) << 10) + (code2 - 0xDC00)
                        i += 6
            if code > 0x10FFFF or 0xD800 <= code < 0xE000:
                raise FrontMatterError(n, "a \\ escape in quotes is not a character")
            out.append(chr(code))
            i += 2 + _HEX[k]
        else:
            raise FrontMatterError(n, "a \\ escape in quotes is not one YAML knows")
    raise FrontMatterError(n, "a quoted value does not end on its line")


def _single(s: str, i: int, n: int) -> tuple[str, int]:
    out, i = [], i + 1
    while i < len(s):
        if s[i] == "'":
            if s[i + 1 : i + 2] == "'":
                out.append("'")
                i += 2
                continue
            return "".join(out), i + 1
        out.append(s[i])
        i += 1
    raise FrontMatterError(n, "a quoted value does not end on its line")


def _rest_is_empty(s: str, i: int, n: int) -> None:
    rest = s[i:].strip(" \t")
    if rest and not rest.startswith("#"):
        raise FrontMatterError(n, "there is more after a quoted value")


def _plain(text: str, n: int, *, in_list: bool = False) -> object:
    text = re.split(r"[ \t]#", text, maxsplit=1)[0].strip(" \t")
    if text[:1] == "[" and in_list:
        raise FrontMatterError(n, "it nests one list in another")
    if text[:1] in tuple("&*!|>{%@`"):
        raise FrontMatterError(n, "it uses YAML Reconcile does not read (anchors, maps or blocks)")
    if ": " in text or text.endswith(":") or (in_list and any(c in text for c in ",[]{}")):
        raise FrontMatterError(n, "a value needs quotes around it")
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return text.lower() == "true"
    if _INT.fullmatch(text):
        return int(text)
    return text


def _scalar(s: str, n: int) -> object:
    s = s.strip(" \t")
    if s[:1] in "\"'":
        value, end = (_double if s[0] == '"' else _single)(s, 0, n)
        _rest_is_empty(s, end, n)
        return value
    return _plain(s, n)


def _flow_list(s: str, n: int) -> list[object]:
    """`[a, "b", 'c']` on one line; no nesting."""
    items: list[object] = []
    i = 1
    while True:
        while i < len(s) and s[i] in " \t":
            i += 1
        if i >= len(s):
            raise FrontMatterError(n, "a [ list does not end on its line")
        if s[i] == "]" and not items:
            i += 1
            break
        if s[i] in "\"'":
            value, i = (_double if s[i] == '"' else _single)(s, i, n)
            items.append(value)
        else:
            end = i
            while end < len(s) and s[end] not in ",]":
                end += 1
            items.append(_plain(s[i:end], n, in_list=True))
            i = end
        while i < len(s) and s[i] in " \t":
            i += 1
        if s[i : i + 1] == ",":
            i += 1
            continue
        if s[i : i + 1] == "]":
            i += 1
            break
        raise FrontMatterError(n, "a [ list is not written as YAML reads it")
    _rest_is_empty(s, i, n)
    return items


def parse(block: str) -> dict[str, object]:
    """The fields of a front matter block (the lines between the --- lines)."""
    fields: dict[str, object] = {}
    open_list: list[object] | None = None
    bare: set[str] = set()
    for n, raw in enumerate(block.split("\n"), 2):
        line = raw.rstrip("\r")
        stripped = line.strip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        if "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
            raise FrontMatterError(n, "it is indented with a tab")
        if stripped == "-" or stripped.startswith("- "):
            if open_list is None:
                raise FrontMatterError(n, "a “- ” item comes before any name")
            item = stripped[1:].strip(" \t")
            if item[:1] == "[":
                raise FrontMatterError(n, "it nests one list in another")
            open_list.append(_scalar(item, n))
            continue
        if line[:1] in " \t":
            raise FrontMatterError(n, "it is indented, as a nested map would be")
        match = _KEY.fullmatch(line)
        if match is None:
            raise FrontMatterError(n, "it is not written as name: value")
        key, value = match[1], (match[2] or "").strip(" \t")
        if key in fields:
            raise FrontMatterError(n, f"“{key}” is given twice")
        open_list = None
        if not value or value.startswith("#"):
            open_list = []
            fields[key] = open_list
            bare.add(key)
        elif value.startswith("["):
            fields[key] = _flow_list(value, n)
        else:
            fields[key] = _scalar(value, n)
    # A name with nothing after it and no - items under it is YAML's null.
    return {k: None if k in bare and v == [] else v for k, v in fields.items()}


# -- tags that Obsidian accepts ---------------------------------------------------------------


def obsidian_tag(name: str) -> str:
    """A form of a tag that Obsidian accepts: letters, digits, _ - and / only, no spaces, not
    only digits. "" when nothing of it would be left (the original name is kept apart)."""
    chars = []
    for c in unicodedata.normalize("NFC", name.lstrip("#")):
        keep = unicodedata.category(c)[0] in "LNM" or c in "_-/"
        chars.append(c if keep else "-")
    tag = re.sub("-{2,}", "-", "".join(chars))
    tag = re.sub("/{2,}", "/", tag).strip("-/")
    tag = re.sub(r"-?/-?", "/", tag)
    if tag and all(c.isdigit() or c in "-/" for c in tag):  # "_" is not a digit: stays put
        tag = "_" + tag
    return tag
