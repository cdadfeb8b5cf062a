"""Draws one entry row: a month band on a month's first row, the date, the heading with a
marker for prompts, letters and worksheets, a muted line, mood dots and tags. In search mode
the words that matched are bold on a soft highlighter tint, in the title and the snippet.

Text is laid out by hand (words placed on at most two lines, the last one elided) rather than
with a QTextDocument per row, so a long list scrolls without building documents.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reconcile_desktop.charts.style import for_scheme
from reconcile_desktop.core.journal import search
from reconcile_desktop.ui.pages.journal.entry_model import EntryListModel, ListEntry, kind_label
from reconcile_desktop.ui.widgets import dates, theme

HEADER_H = 30
ROW_H = 70
SEARCH_ROW_H = 88
PAD = 10
DATE_W = 40
GAP = 3
_TOKENS = re.compile(r"\s+|\S+")


def runs_of(marked: str) -> list[tuple[str, bool]]:
    """(text, matched) pieces of text marked with search.MARK_START / MARK_END."""
    out: list[tuple[str, bool]] = []
    on = False
    for part in re.split(f"([{search.MARK_START}{search.MARK_END}])", marked):
        if part == search.MARK_START:
            on = True
        elif part == search.MARK_END:
            on = False
        elif part:
            out.append((part, on))
    return out


@dataclass
class _Style:
    font: QFont
    mark_font: QFont
    colour: QColor
    mark_bg: QColor | None


def draw_runs(
    painter: QPainter, rect: QRect, runs: list[tuple[str, bool]], style: _Style, lines: int = 1
) -> int:
    """Place words on up to `lines` lines, eliding the last; returns the lines used."""
    fm, mfm = QFontMetrics(style.font), QFontMetrics(style.mark_font)
    step = max(fm.lineSpacing(), mfm.lineSpacing())
    placed: list[list] = []  # [x, line, text, marked]
    x, line, full = rect.left(), 0, False
    for text, marked in runs:
        metrics = mfm if marked else fm
        for token in _TOKENS.findall(text):
            if token.isspace():
                if x > rect.left():
                    x += metrics.horizontalAdvance(" ")
                continue
            width = metrics.horizontalAdvance(token)
            if x + width <= rect.right():
                placed.append([x, line, token, marked])
                x += width
            elif line + 1 < lines and x > rect.left():
                line, x = line + 1, rect.left()
                placed.append([x, line, token, marked])
                x += width
            else:
                _elide_tail(placed, line, rect, token, marked, fm, mfm)
                full = True
                break
        if full:
            break
    for px, pline, token, marked in placed:
        _put(painter, rect, px, pline, step, token, marked, style)
    return placed[-1][1] + 1 if placed else 0


def _elide_tail(placed, line, rect, token, marked, fm, mfm) -> None:
    """End the last line with an ellipsis, cutting this word or dropping earlier ones."""
    dots = fm.horizontalAdvance("…")
    x = rect.left()
    if placed and placed[-1][1] == line:
        last = placed[-1]
        x = (
            last[0]
            + (mfm if last[3] else fm).horizontalAdvance(last[2])
            + fm.horizontalAdvance(" ")
        )
    metrics = mfm if marked else fm
    cut = metrics.elidedText(token, Qt.TextElideMode.ElideRight, rect.right() - x)
    if len(cut) > 1 and cut.endswith("…"):  # Qt hands back text it could not shorten as is
        placed.append([x, line, cut, marked])
        return
    while placed and placed[-1][1] == line:
        last = placed[-1]
        end = last[0] + (mfm if last[3] else fm).horizontalAdvance(last[2])
        if end + dots <= rect.right():
            placed.append([end, line, "…", False])
            return
        placed.pop()
    placed.append([rect.left(), line, "…", False])


def _put(painter, rect, x, line, step, token, marked, style: _Style) -> None:
    font = style.mark_font if marked else style.font
    box = QRect(x, rect.top() + line * step, QFontMetrics(font).horizontalAdvance(token), step)
    if marked and style.mark_bg is not None:
        painter.fillRect(box.adjusted(-1, 1, 1, -1), style.mark_bg)
    painter.setFont(font)
    painter.setPen(style.colour)
    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, token)


def kind_colour(kind: str, dark: bool) -> QColor:
    chart = for_scheme(dark)
    return QColor({"letter": chart.target, "worksheet": chart.series[3]}.get(kind, chart.series[0]))


class EntryDelegate(QStyledItemDelegate):
    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        entry, section = _row(index)
        searching = entry is not None and bool(entry.snippet_marked or entry.title_marked)
        height = SEARCH_ROW_H if searching else ROW_H
        if section:
            height += HEADER_H
        return QSize(120, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        entry, section = _row(index)
        if entry is None:
            return
        dark = theme.is_dark(option.widget)
        c = theme.colors(dark)
        pal = option.palette  # the one in use now: a theme switch repaints with the new one
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            tint, text = theme.selection_colors(pal)
            muted = theme.muted_on(tint, text)
        else:
            text, muted = pal.color(QPalette.ColorRole.Text), theme.muted(pal)
        rect = QRect(option.rect)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if section:
            band = QRect(rect.left() + PAD, rect.top(), rect.width() - 2 * PAD, HEADER_H - 6)
            painter.setFont(theme.scaled_font(option.font, 0.92, bold=True))
            painter.setPen(QColor(c["accent"]))
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
            painter.drawText(band, align, section)
            rect.setTop(rect.top() + HEADER_H)
        if selected:
            painter.fillRect(rect, tint)
            painter.fillRect(QRect(rect.left(), rect.top(), 3, rect.height()), QColor(c["accent"]))
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.fillRect(rect, pal.color(QPalette.ColorRole.AlternateBase))
        painter.setPen(QColor(c["divider"]))
        painter.drawLine(rect.left() + PAD, rect.bottom(), rect.right() - PAD, rect.bottom())

        searching = bool(entry.snippet_marked or entry.title_marked)
        self._date_block(painter, option.font, rect, entry, searching, text, muted)
        body = rect.adjusted(PAD + DATE_W + PAD, 0, -PAD, 0)
        head_font = theme.scaled_font(option.font, 1.0, bold=True)
        small = theme.scaled_font(option.font, 0.95)
        mark_bg = QColor(c["warn_bg"])
        head = _Style(head_font, head_font, text, mark_bg)
        line = _Style(small, theme.scaled_font(option.font, 0.95, bold=True), muted, mark_bg)
        heading: list[tuple[str, bool]] | None
        if searching:
            snippet = runs_of(entry.snippet_marked or entry.snippet)
            heading = runs_of(entry.title_marked or entry.title) if entry.title else None
            if heading is None:  # no title: the words around the match lead, in full colour
                line.colour = text
            snippet_lines = 2
        else:
            heading = [(entry.heading or _tr("(empty entry)"), False)]
            snippet = [(entry.snippet, False)] if entry.title and entry.snippet else []
            snippet_lines = 1
        # The kind's badge leads the line below: beside the title it cut "Should I even try?"
        # down to "Should I…".
        meta = entry.mood is not None or bool(entry.tags) or bool(kind_label(entry.kind))
        head_h, step = QFontMetrics(head_font).height(), QFontMetrics(small).lineSpacing()
        meta_h = max(
            QFontMetrics(theme.scaled_font(option.font, 0.85)).height(),
            self._kind_pill_height(option.font),
        )
        lines = _lines_needed(snippet, body.width(), QFontMetrics(small), snippet_lines)
        parts = ([head_h] if heading else []) + ([lines * step] if snippet else [])
        parts += [meta_h] if meta else []
        height = sum(parts) + GAP * (len(parts) - 1)
        y = rect.top() + max(4, (rect.height() - height) // 2)

        if heading:
            draw_runs(painter, QRect(body.left(), y, body.width(), head_h), heading, head)
            y += head_h + GAP
        if snippet:
            box = QRect(body.left(), y, body.width(), step)
            used = draw_runs(painter, box, snippet, line, snippet_lines)
            y += used * step + GAP
        if meta:
            meta_line = QRect(body.left(), y, body.width(), meta_h)
            self._meta(painter, option, meta_line, entry, muted, dark)
        painter.restore()

    def _date_block(self, painter, font, rect, entry, searching, text, muted) -> None:
        day = QDate(entry.local_date)
        big, small = theme.scaled_font(font, 1.35, bold=True), theme.scaled_font(font, 0.85)
        bfm, sfm = QFontMetrics(big), QFontMetrics(small)
        parts = ["MMM", "yyyy"] if searching else ["ddd"]
        height = bfm.height() + len(parts) * sfm.height()
        top = rect.top() + (rect.height() - height) // 2
        box = QRect(rect.left() + PAD, top, DATE_W, bfm.height())
        painter.setFont(big)
        painter.setPen(text)
        painter.drawText(box, Qt.AlignmentFlag.AlignHCenter, str(day.day()))
        painter.setFont(small)
        painter.setPen(muted)
        for k, fmt in enumerate(parts):
            under = QRect(box.left(), box.bottom() + 1 + k * sfm.height(), DATE_W, sfm.height())
            painter.drawText(
                under, Qt.AlignmentFlag.AlignHCenter, dates.part(entry.local_date, fmt)
            )

    def _kind_pill_height(self, font: QFont) -> int:
        return QFontMetrics(theme.scaled_font(font, 0.8, bold=True)).height() + 2

    def _kind_pill(self, painter, font, line: QRect, entry, dark) -> int:
        """The marker for prompts, letters and worksheets at the start of the line under the
        title; returns the width it took."""
        label = kind_label(entry.kind)
        if not label:
            return 0
        small = theme.scaled_font(font, 0.8, bold=True)
        sfm = QFontMetrics(small)
        pill = QRect(0, 0, sfm.horizontalAdvance(label) + 12, sfm.height() + 2)
        pill.moveTopLeft(line.topLeft())
        pill.moveTop(line.top() + (line.height() - pill.height()) // 2)
        colour = kind_colour(entry.kind, dark)
        painter.setPen(colour)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(pill.adjusted(0, 0, -1, -1), 7, 7)
        painter.setFont(small)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)
        return pill.width() + 8

    def _meta(self, painter, option, line, entry: ListEntry, muted: QColor, dark: bool) -> None:
        """The kind's badge, mood dots, then the tags, on one muted line."""
        font = theme.scaled_font(option.font, 0.85)
        fm = QFontMetrics(font)
        x = line.left() + self._kind_pill(painter, option.font, line, entry, dark)
        if entry.mood is not None:
            accent = theme.accent(option.widget)
            mid = line.top() + line.height() // 2
            for k in range(5):
                painter.setPen(accent)
                painter.setBrush(accent if k < entry.mood else Qt.BrushStyle.NoBrush)
                painter.drawEllipse(x + k * 9, mid - 3, 6, 6)
            x += 5 * 9 + 6
        if entry.tags:
            painter.setFont(font)
            painter.setPen(muted)
            room = line.right() - x
            words = fm.elidedText(
                "  ".join("#" + t for t in entry.tags), Qt.TextElideMode.ElideRight, room
            )
            align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
            painter.drawText(QRect(x, line.top(), room, line.height()), align, words)


def _row(index: QModelIndex | QPersistentModelIndex) -> tuple[ListEntry | None, str | None]:
    # Straight from the model: no QVariant round trip for every row painted.
    model = index.model()
    if not isinstance(model, EntryListModel) or not index.isValid():
        return None, None
    return model.entry_at(index.row()), model.section_at(index.row())


def _lines_needed(runs: list[tuple[str, bool]], width: int, fm: QFontMetrics, most: int) -> int:
    if not runs:
        return 0
    plain = "".join(t for t, _ in runs)
    return 1 if most == 1 or fm.horizontalAdvance(plain) <= width else most


def _tr(text: str) -> str:
    return QCoreApplication.translate("EntryList", text)
