"""Forget, on lock, what Reconcile put on the clipboard, and only that.

Text copied from the journal stays on the system clipboard after Reconcile locks, where any
program (or person) can paste it. On lock the clipboard is cleared, but only when it still
holds what came from Reconcile: something copied in another program since is left alone.
Only a keyed hash of the content is kept here, never the text.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QClipboard, QGuiApplication


def _app_is_active() -> bool:
    return QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive


class ClipboardGuard(QObject):
    """`app_is_source()` says whether a change that just happened came from us; by default:
    the platform says we own the clipboard, or our window has the focus (no other program
    can copy into the clipboard through our focused window)."""

    def __init__(
        self, parent: QObject | None = None, app_is_source: Callable[[], bool] | None = None
    ) -> None:
        super().__init__(parent)
        self._salt = secrets.token_bytes(16)
        self._app_is_source = app_is_source or _app_is_active
        self._ours: dict[QClipboard.Mode, bytes] = {}
        self._clipboard = QGuiApplication.clipboard()
        self._clipboard.changed.connect(self._changed)

    def _fingerprint(self, mode: QClipboard.Mode) -> bytes | None:
        data = self._clipboard.mimeData(mode)
        if data is None or not data.formats():
            return None
        digest = hashlib.blake2b(key=self._salt, digest_size=32)
        for fmt in sorted(data.formats()):
            digest.update(fmt.encode("utf-8", "replace") + b"\0")
            digest.update(bytes(data.data(fmt)) + b"\0")
        return digest.digest()

    def _owned(self, mode: QClipboard.Mode) -> bool:
        if mode == QClipboard.Mode.Selection:
            return self._clipboard.ownsSelection()
        return self._clipboard.ownsClipboard()

    def _changed(self, mode: QClipboard.Mode) -> None:
        fingerprint = self._fingerprint(mode)
        if fingerprint is not None and (self._owned(mode) or self._app_is_source()):
            self._ours[mode] = fingerprint
        else:
            self._ours.pop(mode, None)

    @property
    def holds_ours(self) -> bool:
        return any(self._fingerprint(m) == f for m, f in self._ours.items())

    def clear_if_ours(self) -> bool:
        """Clear each clipboard (and the X11 selection) still holding what we put there."""
        cleared = False
        for mode, fingerprint in list(self._ours.items()):
            if self._fingerprint(mode) == fingerprint:
                self._clipboard.clear(mode)
                cleared = True
        self._ours.clear()
        return cleared
