"""Guards against a known-bad Qt binding: PySide6 6.12.0 lost a reference to None on every
call that returns None, which crashed the app after a few thousand calls on Python 3.11."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget


def test_calls_returning_none_keep_nones_refcount(qtbot):
    w = QWidget()
    qtbot.addWidget(w)
    before = sys.getrefcount(None)
    for _ in range(500):
        w.setObjectName("x")
    assert sys.getrefcount(None) - before > -100  # 6.12.0 gives exactly -500
