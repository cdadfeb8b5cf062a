"""Markdown shown as it reads while writing, in the manner of Typora or Day One: headings
larger, emphasis in italic or bold, links underlined, code in a fixed font.

Live: the marks (`#`, `*`, `_`, backticks, a link's brackets and address) fold away on every
line but the one with the cursor, where they show, muted, to be edited. The text itself never
changes: this is only how it is drawn, so saving, undo and the word count see plain Markdown.
A folded mark is drawn transparent and takes no room; the line with the cursor shows its
marks again, so the cursor never steps through characters it cannot see.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from reconcile_desktop.ui.widgets import theme

_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:\s+|$)")
_QUOTE = re.compile(r"^ {0,3}>")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?=\s)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![*_\w])([*_])(?=\S)(.+?)(?<=\S)\1(?![*_\w])")
_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\](\([^)\s]*\))")

_IN_FENCE = 1  # block state: inside a ``` code block
HEADING_SCALE = {1: 1.5, 2: 1.3, 3: 1.15}  # deeper headings keep the body's size


def _fmt(
    color: QColor | None = None,
    *,
    bold: bool = False,
    italic: bool = False,
    mono: bool = False,
    background: QColor | None = None,
    size: float | None = None,
) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if color is not None:
        fmt.setForeground(color)
    if bold:
        fmt.setFontWeight(QFont.Weight.DemiBold)
    if italic:
        fmt.setFontItalic(True)
    if mono:
        fmt.setFontFamilies([QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()])
    if background is not None:
        fmt.setBackground(background)
    if size is not None:
        fmt.setFontPointSize(size)
    return fmt


def _folded() -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(0, 0, 0, 0))
    fmt.setFontPointSize(0.1)  # measured: 0.1 pt takes no room at all, 1 pt about a pixel a mark
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    """Headings, emphasis, links, list markers, quotes and code. Call set_palette() when the
    colours change (the editor does so on PaletteChange), and set_cursor_block() when the
    cursor moves to another line (live mode folds the marks of every other line)."""

    def __init__(
        self, document: QTextDocument, palette: QPalette | None = None, *, live: bool = False
    ) -> None:
        super().__init__(document)
        self._formats: dict[str, QTextCharFormat] = {}
        self._live = live
        self._cursor_block = -1
        self.set_palette(palette or QPalette())

    @property
    def live(self) -> bool:
        return self._live

    def set_live(self, live: bool) -> None:
        if live != self._live:
            self._live = live
            self.rehighlight()

    def set_cursor_block(self, number: int) -> None:
        """The line being edited shows its marks; the one left behind folds them again."""
        if number == self._cursor_block:
            return
        before, self._cursor_block = self._cursor_block, number
        if not self._live:
            return
        doc = self.document()
        for n in (before, number):
            block = doc.findBlockByNumber(n) if n >= 0 else None
            if block is not None and block.isValid():
                self.rehighlightBlock(block)

    def set_palette(self, palette: QPalette) -> None:
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        c = theme.colors(dark)
        accent = QColor(c["accent"])
        soft = QColor(c["muted"])
        code_bg = QColor(c["alternate"])
        base = self.document().defaultFont().pointSizeF()
        base = base if base > 0 else 10.0
        self._formats = {
            "marker": _fmt(accent),
            "mark": _fmt(soft),
            "quote": _fmt(soft, italic=True),
            "code": _fmt(mono=True, background=code_bg),
            "strong": _fmt(bold=True),
            "emphasis": _fmt(italic=True),
            "link": _fmt(accent),
            "folded": _folded(),
        }
        self._formats["link"].setFontUnderline(True)
        for level in range(1, 7):
            size = base * HEADING_SCALE.get(level, 1.0)
            self._formats[f"h{level}"] = _fmt(accent, bold=True, size=size)
        self.rehighlight()

    def _marks_shown(self) -> bool:
        return not self._live or self.currentBlock().blockNumber() == self._cursor_block

    def _mark(self, start: int, length: int) -> None:
        """A mark: muted where it shows, folded away where it does not."""
        if length <= 0:
            return
        if self._marks_shown():
            self._merge(start, start + length, self._formats["mark"])
        else:
            self.setFormat(start, length, self._formats["folded"])

    def highlightBlock(self, text: str) -> None:
        f = self._formats
        fence = _FENCE.match(text)
        if self.previousBlockState() == _IN_FENCE:
            self.setFormat(0, len(text), f["code"])
            self.setCurrentBlockState(-1 if fence else _IN_FENCE)
            return
        if fence:
            self.setFormat(0, len(text), f["code"])
            self.setCurrentBlockState(_IN_FENCE)
            return
        self.setCurrentBlockState(-1)
        heading = _HEADING.match(text)
        if heading:
            self.setFormat(0, len(text), f[f"h{len(heading.group(1))}"])
            self._mark(0, heading.end())
            return
        if _QUOTE.match(text):
            self.setFormat(0, len(text), f["quote"])
        marker = _LIST.match(text)
        if marker:
            self.setFormat(0, marker.end(), f["marker"])
        code_spans: list[tuple[int, int]] = []
        for m in _CODE.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), f["code"])
            self._mark(m.start(), len(m.group(1)))
            self._mark(m.end() - len(m.group(1)), len(m.group(1)))
            code_spans.append((m.start(), m.end()))

        def outside_code(m: re.Match[str]) -> bool:
            return not any(a <= m.start() < b for a, b in code_spans)

        for m in _LINK.finditer(text):
            if outside_code(m):
                self._merge(m.start(1), m.end(1), f["link"])
                self._mark(m.start(), 1)
                self._mark(m.end(1), m.end() - m.end(1))
        for m in _STRONG.finditer(text):
            if outside_code(m):
                self._merge(m.start(), m.end(), f["strong"])
                self._mark(m.start(), 2)
                self._mark(m.end() - 2, 2)
        for m in _EMPHASIS.finditer(text):
            if m.group(2).startswith(m.group(1)) and m.group(2).endswith(m.group(1)):
                continue  # "**strong**" read as "*" + "*strong*" + "*"
            if outside_code(m) and not (marker and m.start() < marker.end()):
                self._merge(m.start(), m.end(), f["emphasis"])
                self._mark(m.start(), 1)
                self._mark(m.end() - 1, 1)

    def _merge(self, start: int, end: int, extra: QTextCharFormat) -> None:
        # Combine with what is already there, so a bold word inside a quote stays italic.
        for i in range(start, end):
            fmt = self.format(i)
            fmt.merge(extra)
            self.setFormat(i, 1, fmt)
