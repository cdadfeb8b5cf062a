"""Dialogs that grow with what they say.

Qt sizes a window once, from its layout's minimum, which does not count the lines a wrapped
label needs at the window's width. So when an error appears, the other rows are squeezed and
the last lines of a warning vanish. `keep_fitted(dialog)` makes the dialog at least as tall
as its content needs at its current width, whenever that content or the width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

_WATCHED = (QEvent.Type.LayoutRequest, QEvent.Type.Resize, QEvent.Type.Show)


def needed_height(widget: QWidget) -> int:
    """The height the widget's content needs at its width, wrapped lines included."""
    return max(widget.minimumSizeHint().height(), widget.heightForWidth(widget.width()))


class _KeepFitted(QObject):
    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._own_minimum = widget.minimumHeight()  # a minimum the dialog chose stays

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _WATCHED and isinstance(watched, QWidget):
            layout = watched.layout()
            if layout is not None:
                layout.activate()
            need = max(self._own_minimum, needed_height(watched))
            screen = watched.screen()
            if screen is not None:  # past the screen's height it could not be seen anyway
                need = min(need, screen.availableGeometry().height() - 40)
            if watched.minimumHeight() != need:
                watched.setMinimumHeight(need)
            if watched.height() < need:
                watched.resize(watched.width(), need)
        return False


def keep_fitted(widget: QWidget) -> None:
    """Keep `widget` (a dialog) tall enough for its content at its width."""
    widget.installEventFilter(_KeepFitted(widget))
