"""Renders caption-desk.svg to the hicolor PNG sizes desktops and installers want.

Run from a checkout: `python resources/icons/render_icons.py`; the PNGs are committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

APP_ID = "io.github.captiondesk.CaptionDesk"
SIZES = (16, 32, 48, 64, 128, 256, 512)
HERE = Path(__file__).resolve().parent


def render(svg: Path, size: int, dest: Path) -> None:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    dest.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(dest), "PNG"):
        raise SystemExit(f"cannot write {dest}")


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QImage text/raster needs an application
    svg = HERE / "caption-desk.svg"
    for n in SIZES:
        dest = HERE / "hicolor" / f"{n}x{n}" / "apps" / f"{APP_ID}.png"
        render(svg, n, dest)
        print(dest.relative_to(HERE))
    return 0


if __name__ == "__main__":
    sys.exit(main())
