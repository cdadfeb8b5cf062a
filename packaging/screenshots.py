"""Render screenshots of the real window from the demo vault (`make screenshots`).

Without options: the README's pictures, every page at 1024x700 in light and dark, and one
narrow and one wide window side by side (readme-narrow.png, readme-wide.png), all in
packaging/screenshots/. With `--sizes`: every page at every size people use, light and dark,
at scale 1 and 2, into packaging/screenshots/sizes/ (not committed), to look at before a
release. They are regenerated rather than edited, so they never go stale.

A scale needs a fresh process (Qt reads QT_SCALE_FACTOR once), so each scale runs as a child.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

OUT = Path(__file__).parent / "screenshots"
PAGES = ("today", "journal", "plan", "nocontact")
SIZES = ((800, 600), (683, 768), (1024, 700), (1920, 1080))
SCALES = (1, 2)
README_SIZE = (1024, 700)
# The README's pair: half of a laptop screen beside a full one.
README_NARROW = ((683, 768), "today", "light")
README_WIDE = ((1920, 1080), "plan", "light")


def render(shots: list[tuple[tuple[int, int], str, str, Path]]) -> int:
    """Each shot is (size, page key, scheme, path), drawn in this process at its scale."""
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
            mine = [shot for shot in shots if shot[2] == scheme]
            if not mine:
                continue
            theme.apply_theme(app, scheme)
            runner = Runner()
            window = window_for(vault, settings, backup_dir=Path(tmp) / "backups", runner=runner)
            window.show()
            window.refresh_pages()
            for (width, height), key, _scheme, path in mine:
                window.resize(width, height)
                window.show_page_key(key)
                page = window.page(key)
                if key == "journal" and page.model.rowCount() > 1:
                    page.list.setCurrentIndex(page.model.index(1, 0))
                # The plan page draws its chart once matplotlib has loaded on its thread.
                canvas = page.charts.canvases[0] if key == "plan" else None
                deadline = time.monotonic() + 30
                while canvas is not None and canvas.figure is None and time.monotonic() < deadline:
                    app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
                for _ in range(20):
                    app.processEvents()
                path.parent.mkdir(parents=True, exist_ok=True)
                window.grab().save(str(path))
                print(path)
            window.clear_sensitive()
            window.close()
            runner.wait()
        vault.close()
    return 0


def readme_shots() -> list[tuple[tuple[int, int], str, str, Path]]:
    shots = [
        (README_SIZE, key, scheme, OUT / f"{key}-{scheme}.png")
        for scheme in ("light", "dark")
        for key in PAGES
    ]
    for name, (size, key, scheme) in (("narrow", README_NARROW), ("wide", README_WIDE)):
        shots.append((size, key, scheme, OUT / f"readme-{name}.png"))
    return shots


def size_shots(scale: int, pages=PAGES, sizes=SIZES):
    return [
        ((w, h), key, scheme, OUT / "sizes" / f"{key}-{w}x{h}-{scheme}@{scale}x.png")
        for scheme in ("light", "dark")
        for w, h in sizes
        for key in pages
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        action="store_true",
        help="every page at 800x600, 683x768, 1024x700 and 1920x1080, light and dark, "
        "at scale 1 and 2, into packaging/screenshots/sizes/",
    )
    parser.add_argument("--scale", type=int, help=argparse.SUPPRESS)  # a child's own scale
    args = parser.parse_args(argv)
    if not args.sizes:
        return render(readme_shots())
    if args.scale is not None:
        return render(size_shots(args.scale))
    for scale in SCALES:
        env = dict(os.environ, QT_SCALE_FACTOR=str(scale))
        command = [sys.executable, __file__, "--sizes", "--scale", str(scale)]
        if subprocess.run(command, env=env, check=False).returncode != 0:
            return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
