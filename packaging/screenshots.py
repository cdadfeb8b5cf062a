"""Render README screenshots of the real window from the demo vault (`make screenshots`).

Offscreen, at 1024x700, light and dark; they are regenerated rather than edited, so they
never go stale.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OUT = Path(__file__).parent / "screenshots"
PAGES = ("today", "journal", "plan", "nocontact")


def main() -> int:
    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication

    from reconcile_desktop.core import demo
    from reconcile_desktop.core.clock import Clock
    from reconcile_desktop.core.storage import keyfile
    from reconcile_desktop.core.storage.vault import Vault
    from reconcile_desktop.ui.shell.app import window_for
    from reconcile_desktop.ui.widgets import theme
    from reconcile_desktop.ui.workers import Runner

    app = QApplication(sys.argv[:1])
    OUT.mkdir(exist_ok=True)
    clock = Clock(fixed=dt.datetime(2026, 11, 23, 8, 30, tzinfo=dt.UTC), zone="Europe/London")
    with tempfile.TemporaryDirectory() as tmp:
        # Screenshots only: a cheap KDF, since nothing real is ever stored here.
        vault = Vault(
            Path(tmp) / "demo",
            clock=clock,
            kdf_params=keyfile.KdfParams(1, 8, 1),
            kdf_bounds=keyfile.KdfBounds(t=(1, 64), m=(8, 1 << 22), p=(1, 64)),
        )
        vault.create("screenshots only")
        demo.fill_demo(vault)
        settings = QSettings(str(Path(tmp) / "settings.ini"), QSettings.Format.IniFormat)
        for scheme in ("light", "dark"):
            theme.apply_theme(app, scheme)
            runner = Runner()
            window = window_for(vault, settings, backup_dir=Path(tmp) / "backups", runner=runner)
            window.resize(1024, 700)
            window.show()
            window.refresh_pages()
            for key in PAGES:
                window.show_page_key(key)
                page = window.page(key)
                if key == "journal":
                    first = page.model.index(1, 0)
                    page.list.setCurrentIndex(first)
                # The plan page draws its chart once matplotlib has loaded on its thread.
                canvas = page.charts.canvases[0] if key == "plan" else None
                deadline = time.monotonic() + 30
                while canvas is not None and canvas.figure is None and time.monotonic() < deadline:
                    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                for _ in range(20):
                    app.processEvents()
                path = OUT / f"{key}-{scheme}.png"
                window.grab().save(str(path))
                print(path)
            window.clear_sensitive()
            window.close()
            runner.wait()
        vault.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
