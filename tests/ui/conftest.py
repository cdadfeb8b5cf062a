"""GUI fixtures: an app around a cheap-KDF vault, settings in a temporary ini file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from reconcile_desktop.core.changes import EVERYTHING
from reconcile_desktop.ui.pages.base import Page
from reconcile_desktop.ui.shell.app import ReconcileApp, page_classes
from tests.conftest import PASSPHRASE

# The offscreen platform lacks some window-manager features; real platforms have them.
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise|requestActivate)\(\)"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def ops(qtbot):
    """The window's write path for a page tested on its own; its runner is drained after."""
    from reconcile_desktop.ui.ops import Ops
    from reconcile_desktop.ui.workers import Runner

    runner = Runner()
    yield Ops(runner)
    runner.wait()


@pytest.fixture
def settings_path(tmp_path):
    return tmp_path / "settings.ini"


@pytest.fixture
def settings(settings_path):
    return QSettings(str(settings_path), QSettings.Format.IniFormat)


class _Spy:
    """Mixed into the real page classes: records the calls the window makes."""

    calls: list[str]

    def refresh(self, changes=EVERYTHING) -> None:
        super().refresh(changes)  # type: ignore[misc]
        self.calls.append("refresh")

    def clear_sensitive(self) -> None:
        super().clear_sensitive()  # type: ignore[misc]
        self.calls.append("clear")


def spy_pages(vault, clock, ops) -> list[Page]:
    pages = []
    for cls in page_classes():
        page = type(f"Spy{cls.__name__}", (_Spy, cls), {"calls": []})(vault, clock, ops)
        page.calls = []
        pages.append(page)
    return pages


@pytest.fixture
def make_app(qtbot, make_vault, settings):
    """Factory for ReconcileApp; every app is finished and its windows closed at the end."""
    made: list[ReconcileApp] = []

    def factory(vault=None, **kwargs) -> ReconcileApp:
        kwargs.setdefault("unlock_second_ms", 1)
        kwargs.setdefault("warm_up", False)
        kwargs.setdefault("page_factory", spy_pages)
        kwargs.setdefault("first_run_guide", False)  # tests/ui/shell/test_first_run.py turns it on
        quits: list[int] = []
        app = ReconcileApp(
            vault or make_vault(), kwargs.pop("settings", settings), **kwargs, on_quit=quits.append
        )
        app.quits = quits  # type: ignore[attr-defined]
        made.append(app)
        return app

    yield factory
    for app in made:
        app.finish()
        for widget in (app.window, app.dialog):
            if widget is not None:
                widget.close()
                widget.deleteLater()


@pytest.fixture
def existing_vault_dir(make_vault, tmp_path):
    """A data folder holding a journal locked with PASSPHRASE (and released)."""
    folder = tmp_path / "existing"
    vault = make_vault(folder)
    vault.create(PASSPHRASE)
    vault.close()
    return folder


def type_into(qtbot, field, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def window_up(app) -> bool:
    return app.window is not None and app.window.isVisible() and app.dialog is None


def unlock(qtbot, app, passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase into the current unlock dialog and wait for the window."""
    dialog = app.dialog
    type_into(qtbot, dialog.passphrase, passphrase)
    click(qtbot, dialog.unlock_button)
    qtbot.waitUntil(lambda: window_up(app))


@pytest.fixture
def messages(monkeypatch):
    """QMessageBox.warning recorded instead of shown (it would block the test)."""
    said: list[str] = []

    def fake(_parent, _title, text, *args, **kwargs):
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", fake)
    return said


def run_python(code: str, *args: str) -> str:
    """Python in a fresh process, offscreen; returns its stripped stdout."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=Path(__file__).parents[2],
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def contrast(a: str, b: str) -> float:
    def luminance(hex_colour: str) -> float:
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def demo_window(qtbot, make_app, make_vault, vault_dir):
    """The real window, unlocked, over the demo data, at the smallest comfortable size."""
    from reconcile_desktop.core import demo

    app = make_app(make_vault(vault_dir))
    app.start()
    unlock(qtbot, app)
    demo.fill_demo(app.vault)
    window = app.window
    window.resize(1024, 700)
    window.refresh_pages()
    return window


def active_window(qtbot, app):
    """Start the app, unlock it and wait until its window has keyboard focus (for key tests)."""
    app.start()
    unlock(qtbot, app)
    window = app.window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window
