"""Two columns side by side that become one column, the second below the first, once the
room is narrower than both need. Pages use it instead of measuring the window themselves.

The widget asks its parent only for the width of its wider column, never for both together,
so a narrow window can shrink it and it folds rather than being cut off or forcing a
sideways scroll bar.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLayout, QSizePolicy, QSplitter, QWidget

FOLDED_SHARE = 0.4  # of the height, for the first part of a splitter that just folded
FOLDED_STRETCH = (2, 3)  # and how the two parts share height gained after


def _least_size(widget: QWidget) -> QSize:
    """The smallest size a layout gives the widget: its own minimum, else its hint."""
    return widget.minimumSize().expandedTo(widget.minimumSizeHint())


class TwoColumns(QWidget):
    """`first` and `second` side by side (stretched `stretch[0]` to `stretch[1]`) while the
    widget is at least `fold_width` wide; below it, `second` moves under `first`.

    It folds where two no longer fit: below the columns' minimum widths plus the spacing.
    `min_widths` raises a column's minimum, to keep it comfortably wide.
    """

    def __init__(
        self,
        first: QWidget,
        second: QWidget,
        *,
        stretch: tuple[int, int] = (1, 1),
        spacing: int = 16,
        min_widths: tuple[int, int] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.first, self.second = first, second
        self._stretch = stretch
        self._min_widths = min_widths
        self._box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self._box.setSpacing(spacing)
        # The layout must not pin the widget to the width of both columns.
        self._box.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self._box.addWidget(first, stretch[0])
        self._box.addWidget(second, stretch[1])
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    @property
    def folded(self) -> bool:
        """True while the second column sits below the first."""
        return self._box.direction() == QBoxLayout.Direction.TopToBottom

    def fold_width(self) -> int:
        least = self._min_widths or (0, 0)
        first = max(least[0], _least_size(self.first).width())
        second = max(least[1], _least_size(self.second).width())
        return first + second + self._box.spacing()

    def minimumSizeHint(self) -> QSize:
        first, second = _least_size(self.first), _least_size(self.second)
        width = max(first.width(), second.width())
        if self.folded:
            return QSize(width, first.height() + second.height() + self._box.spacing())
        return QSize(width, max(first.height(), second.height()))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fold(event.size().width() < self.fold_width())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a column's needs changed
            self._fold(self.width() < self.fold_width())
        return super().event(event)

    def _fold(self, fold: bool) -> None:
        if fold == self.folded:
            return
        if fold:
            self._box.setDirection(QBoxLayout.Direction.TopToBottom)
            self._box.setStretch(0, 0)  # the first as tall as it needs; the rest below it
            self._box.setStretch(1, 1)
        else:
            self._box.setDirection(QBoxLayout.Direction.LeftToRight)
            self._box.setStretch(0, self._stretch[0])
            self._box.setStretch(1, self._stretch[1])
        self.updateGeometry()


class FoldingSplitter(QSplitter):
    """A side-by-side splitter that turns into a top-and-bottom one below `fold_width`
    (its children's minimum widths side by side, by default), so both parts keep a
    usable width. The user can still drag the split either way."""

    def __init__(self, fold_width: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self._fold_width = fold_width
        self._side_by_side: list[int] = []

    @property
    def folded(self) -> bool:
        return self.orientation() == Qt.Orientation.Vertical

    def fold_width(self) -> int:
        if self._fold_width is not None:
            return self._fold_width
        widths = [_least_size(self.widget(i)).width() for i in range(self.count())]
        return sum(widths) + self.handleWidth() * max(0, self.count() - 1)

    def minimumSizeHint(self) -> QSize:
        hints = [_least_size(self.widget(i)) for i in range(self.count())]
        if not hints:
            return super().minimumSizeHint()
        width = max(h.width() for h in hints)
        if self.folded:
            handles = self.handleWidth() * (len(hints) - 1)
            return QSize(width, sum(h.height() for h in hints) + handles)
        return QSize(width, max(h.height() for h in hints))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._refold(event.size())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # a part's needs changed
            self._refold(self.size())
        return super().event(event)

    def _refold(self, size: QSize) -> None:
        fold = size.width() < self.fold_width()
        if fold == self.folded:
            return
        if fold:
            self._side_by_side = self.sizes()  # put back when there is room again
        self.setOrientation(Qt.Orientation.Vertical if fold else Qt.Orientation.Horizontal)
        self.updateGeometry()
        if not fold and self._side_by_side:
            self.setSizes(self._side_by_side)
        if fold and self.count() == 2:  # the first part above, the second with the rest
            total = size.height() - self.handleWidth()
            first = max(_least_size(self.widget(0)).height(), int(total * FOLDED_SHARE))
            self.setSizes([first, max(total - first, 0)])
            # Height gained later is shared the same way (side by side, widths are untouched).
            for index, share in enumerate(FOLDED_STRETCH):
                policy = self.widget(index).sizePolicy()
                policy.setVerticalStretch(share)
                self.widget(index).setSizePolicy(policy)
