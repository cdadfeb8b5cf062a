"""Light Markdown highlighting for the entry body: enough to see the structure while writing,
never so much that the page turns into markup."""

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

_HEADING = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_QUOTE = re.compile(r"^ {0,3}>")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?=\s)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![*_\w])([*_])(?=\S)(.+?)(?<=\S)\1(?![*_\w])")

_IN_FENCE = 1  # block state: inside a ``` code block


def _fmt(
    color: QColor | None = None,
    *,
    bold: bool = False,
    italic: bool = False,
    mono: bool = False,
    background: QColor | None = None,
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
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    """Headings, emphasis, list markers, quotes and code. Call set_palette() when the colours
    change (the editor does so on PaletteChange)."""

    def __init__(self, document: QTextDocument, palette: QPalette | None = None) -> None:
        super().__init__(document)
        self._formats: dict[str, QTextCharFormat] = {}
        self.set_palette(palette or QPalette())

    def set_palette(self, palette: QPalette) -> None:
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        c = theme.colors(dark)
        accent = QColor(c["accent"])
        soft = QColor(c["muted"])
        code_bg = QColor(c["alternate"])
        self._formats = {
            "heading": _fmt(accent, bold=True),
            "marker": _fmt(accent),
            "quote": _fmt(soft, italic=True),
            "code": _fmt(mono=True, background=code_bg),
            "strong": _fmt(bold=True),
            "emphasis": _fmt(italic=True),
        }
        self.rehighlight()

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
        if _HEADING.match(text):
            self.setFormat(0, len(text), f["heading"])
            return
        if _QUOTE.match(text):
            self.setFormat(0, len(text), f["quote"])
        marker = _LIST.match(text)
        if marker:
            self.setFormat(0, marker.end(), f["marker"])
        code_spans: list[tuple[int, int]] = []
        for m in _CODE.finditer(text):
            self.setFormat(m.start(), m.end() - m.start(), f["code"])
            code_spans.append((m.start(), m.end()))

        def outside_code(m: re.Match[str]) -> bool:
            return not any(a <= m.start() < b for a, b in code_spans)

        for m in _STRONG.finditer(text):
            if outside_code(m):
                self._merge(m.start(), m.end(), f["strong"])
        for m in _EMPHASIS.finditer(text):
            if outside_code(m) and not (marker and m.start() < marker.end()):
                self._merge(m.start(), m.end(), f["emphasis"])

    def _merge(self, start: int, end: int, extra: QTextCharFormat) -> None:
        # Combine with what is already there, so a bold word inside a quote stays italic.
        for i in range(start, end):
            fmt = self.format(i)
            fmt.merge(extra)
            self.setFormat(i, 1, fmt)
