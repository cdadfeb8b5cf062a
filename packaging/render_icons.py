"""Render resources/icons/reconcile.svg into the hicolor icon sizes, with QtSvg.

    python packaging/render_icons.py OUT_DIR [--name APP_ID]

writes OUT_DIR/hicolor/<n>x<n>/apps/APP_ID.png for every size in SIZES and
OUT_DIR/hicolor/scalable/apps/APP_ID.svg. The PNGs are generated at build time (make dist,
make install-desktop), not committed: one SVG stays the only source, and rendering all nine
takes well under a second.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "resources" / "icons" / "reconcile.svg"
APP_ID = "io.github.reconcile.Reconcile"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render(out_dir: Path, name: str = APP_ID, source: Path = SOURCE) -> list[Path]:
    """Write every size and the scalable SVG; return the paths written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # a build machine has no display
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: {source} is not a valid SVG")
    written = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        target = out_dir / "hicolor" / f"{size}x{size}" / "apps" / f"{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"render_icons: could not write {target}")
        written.append(target)
    scalable = out_dir / "hicolor" / "scalable" / "apps" / f"{name}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, scalable)
    written.append(scalable)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--name", default=APP_ID, help=f"icon file name (default: {APP_ID})")
    args = parser.parse_args(argv)
    for path in render(args.out_dir, args.name):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
