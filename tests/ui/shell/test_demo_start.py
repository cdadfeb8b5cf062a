"""`reconcile --demo`: a filled, throwaway journal that never touches the real one, opens by
itself, and leaves nothing behind when the app quits (window closed or Ctrl+C)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.ui.shell.demo_start import DemoDialog, demo_vault
from tests.ui.conftest import click, run_python, window_up

DEMO_RUN = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from reconcile_desktop.core.journal import entries as journal
from reconcile_desktop.core.nocontact import store as nocontact
from reconcile_desktop.core.plans import store as plans
from reconcile_desktop.ui.shell.app import run_gui
from reconcile_desktop.ui.shell.first_run import FirstRunGuide
from reconcile_desktop.ui.shell.main_window import MainWindow

qapp = QApplication(["reconcile"])
seen = {}

def poll():
    windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if not windows:
        QTimer.singleShot(10, poll)
        return
    window = windows[0]
    vault = window.vault
    seen["title"] = window.windowTitle()
    seen["dir"] = str(vault.dir)
    seen["entries"] = journal.count_entries(vault)
    seen["goals"] = len(plans.goals(vault))
    seen["counting"] = nocontact.current_period(vault) is not None
    seen["guide"] = any(g.isVisible() for g in window.findChildren(FirstRunGuide))
    seen["org"] = qapp.organizationName()
    if sys.argv[2] == "signal":
        print(seen["dir"], flush=True)  # the test sends Ctrl+C now
    else:
        window.close()

QTimer.singleShot(0, poll)
rc = run_gui(Path(sys.argv[1]), ["reconcile", "--demo"])
if sys.argv[2] != "signal":
    print(rc)
    for key in ("title", "dir", "entries", "goals", "counting", "guide", "org"):
        print(seen[key])
print("gone" if not Path(seen["dir"]).parent.exists() else "left", flush=True)
"""


def test_demo_opens_filled_and_leaves_nothing_behind(tmp_path, monkeypatch):
    config = tmp_path / "config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))  # where the real QSettings would go
    real = tmp_path / "real"
    lines = run_python(DEMO_RUN, str(real), "close").splitlines()
    rc, title, folder, entries, goals, counting, guide, org, after = lines
    assert rc == "0"
    assert title == "Reconcile — demo"
    assert int(entries) > 50 and int(goals) >= 2 and counting == "True"
    assert guide == "False"  # the demo never offers the getting-started guide
    assert org != "Reconcile"  # a stray QSettings() could not reach the real app's settings
    assert after == "gone" and not Path(folder).exists()
    assert not real.exists()  # the real journal folder is never created or touched
    assert not (config / "Reconcile").exists()


def test_ctrl_c_during_the_demo_still_removes_its_folder(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-c", DEMO_RUN, str(tmp_path / "real"), "signal"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=Path(__file__).parents[3],
    )
    try:
        folder = Path(process.stdout.readline().strip())
        assert folder.exists()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, err
    assert out.strip() == "gone"
    assert not folder.parent.exists()


def test_a_locked_demo_opens_again_with_one_click(qtbot, make_app, tmp_path):
    app = make_app(demo_vault(tmp_path / "demo"), demo=True, first_run_guide=True)
    app.start()
    assert isinstance(app.dialog, DemoDialog)
    qtbot.waitUntil(lambda: window_up(app), timeout=20_000)
    assert app.window.windowTitle() == "Reconcile — demo"
    assert app.guide is None
    assert journal.count_entries(app.vault) > 50 and plans.goals(app.vault)
    assert nocontact.current_period(app.vault) is not None

    app.window.lock_action.trigger()
    assert app.locked and isinstance(app.dialog, DemoDialog) and app.dialog.locked
    click(qtbot, app.dialog.open_button)
    qtbot.waitUntil(lambda: window_up(app))
    assert not app.locked and app.guide is None


def test_the_demo_offers_no_passphrase_change(qtbot, make_app, tmp_path):
    app = make_app(demo_vault(tmp_path / "demo"), demo=True, first_run_guide=False)
    app.start()
    qtbot.waitUntil(lambda: window_up(app), timeout=20_000)
    dialog = app.window.open_settings()
    tabs = {dialog.tabs.tabText(i).replace("&", ""): dialog.tabs.isTabVisible(i) for i in range(3)}
    assert tabs == {"General": True, "Passphrase": False, "Backups": True}
    dialog.reject()


def test_folders_left_by_a_killed_demo_go_at_the_next_start(tmp_path):
    from reconcile_desktop.core.storage.instance_lock import InstanceLock
    from reconcile_desktop.ui.shell.demo_start import DEMO_PREFIX, remove_left_demos

    def demo_folder(name: str):
        journal_dir = tmp_path / f"{DEMO_PREFIX}{name}" / "journal"
        journal_dir.mkdir(parents=True)
        (journal_dir / "vault.lock").write_text("12345\n")
        (journal_dir / "vault.db").write_bytes(b"made-up")
        return journal_dir.parent

    left = demo_folder("killed")
    running = demo_folder("running")
    unrelated = tmp_path / "reconcile-data"
    unrelated.mkdir()
    (unrelated / "vault.lock").write_text("1\n")
    with InstanceLock(running / "journal" / "vault.lock"):  # an open demo holds its lock
        assert remove_left_demos(tmp_path) == 1
    assert not left.exists()
    assert running.exists() and unrelated.exists()
