"""Every page at every window size people use, light and dark, empty and with the demo's four
months, at scale 1, 1.5 and 2: nothing clipped, overlapping or squeezed (tests/ui/layout_check.py
says what that means). A representative matrix keeps it fast: every size in light with demo
data, the small ones in dark and empty, the sizes where pages once broke, and the higher scales
in a fresh process each (Qt reads QT_SCALE_FACTOR once)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from reconcile_desktop.ui.shell.app import window_for
from reconcile_desktop.ui.shell.main_window import MINIMUM_SIZE
from reconcile_desktop.ui.widgets import theme
from reconcile_desktop.ui.workers import Runner
from tests.ui.conftest import run_python
from tests.ui.layout_check import layout_problems, make_vault, page_problems

SMALL = ((800, 600), (683, 768))
EVERY_SIZE = (*SMALL, (1024, 700), (1280, 800), (1920, 1080))
# Where pages once broke, and the smallest window Reconcile allows.
NAMED = ((700, 500), (1024, 420), (MINIMUM_SIZE.width(), MINIMUM_SIZE.height()))


@pytest.fixture(scope="module")
def vaults(tmp_path_factory):
    made = {kind: make_vault(tmp_path_factory.mktemp(kind), kind) for kind in ("empty", "demo")}
    yield made
    for vault in made.values():
        vault.close()


@pytest.fixture
def scheme_app(qapp):
    style, palette = qapp.style().name(), qapp.palette()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)


@pytest.mark.parametrize(
    ("scheme", "kind", "sizes"),
    [
        ("light", "demo", EVERY_SIZE + NAMED),
        ("dark", "empty", (*SMALL, *NAMED)),
        ("dark", "demo", ((1024, 700), *SMALL)),
        ("light", "empty", ((1024, 700), (1920, 1080))),
    ],
    ids=["light-demo-every-size", "dark-empty-small", "dark-demo", "light-empty"],
)
def test_every_page_fits_every_size(
    qtbot, scheme_app, vaults, settings, tmp_path, scheme, kind, sizes
):
    theme.apply_theme(scheme_app, scheme)
    runner = Runner()
    window = window_for(vaults[kind], settings, backup_dir=tmp_path / "backups", runner=runner)
    qtbot.addWidget(window)
    window.show()
    window.refresh_pages()
    try:
        assert page_problems(window, sizes) == {}
    finally:
        window.clear_sensitive()
        runner.wait()


SCALED = """
import json, tempfile
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from reconcile_desktop.ui.shell.app import window_for
from reconcile_desktop.ui.widgets import theme
from reconcile_desktop.ui.workers import Runner
from tests.ui.layout_check import make_vault, page_problems
from tests.ui.test_pages_render import SMALL

app = QApplication([])
theme.apply_theme(app, "dark")
tmp = Path(tempfile.mkdtemp())
vault = make_vault(tmp / "demo", "demo")
settings = QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat)
runner = Runner()
window = window_for(vault, settings, backup_dir=tmp / "backups", runner=runner)
window.show()
window.refresh_pages()
found = page_problems(window, SMALL + ((1920, 1080),))
ratio = window.devicePixelRatioF()
window.clear_sensitive()
runner.wait()
vault.close()
print(json.dumps({"ratio": ratio, "found": found}))
"""


@pytest.mark.parametrize("scale", ["1.5", "2"])
def test_every_page_fits_at_a_higher_scale(monkeypatch, scale):
    monkeypatch.setenv("QT_SCALE_FACTOR", scale)
    result = json.loads(run_python(SCALED).splitlines()[-1])
    assert result["ratio"] == float(scale)
    assert result["found"] == {}


def test_the_check_sees_a_squeezed_widget_and_cut_words(qtbot):
    box = QWidget()
    qtbot.addWidget(box)
    row = QHBoxLayout(box)
    label = QLabel("A sentence far too long for the room it was given here")
    button = QPushButton("A button with a long caption")
    wrapped = QLabel("Several words that wrap onto more lines than the box is tall. " * 3)
    wrapped.setWordWrap(True)
    for widget in (label, button, wrapped):
        row.addWidget(widget)
    box.setFixedSize(300, 40)
    box.show()
    qtbot.waitUntil(box.isVisible)
    problems = layout_problems(box)
    assert any("wider than" in p for p in problems)
    assert any("QPushButton" in p and "cut" in p for p in problems)
    assert any("wrapped text needs" in p for p in problems)
