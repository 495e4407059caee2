"""`caption-desk --self-test`'s Qt check: Qt loads, draws offscreen and decodes a JPEG, in any install.

It lives in desktop.ui because only the UI may import PySide6; the CLI loads it by name with
importlib, as it loads the GUI, so a broken Qt install fails this one step, not the whole CLI.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, Qt, qVersion
from PySide6.QtGui import QColor, QGuiApplication, QImage, QImageReader
from PySide6.QtWidgets import QApplication, QLabel

from desktop import APP_NAME


class QtCheckError(RuntimeError):
    """Qt loaded but could not do what the app needs (draw, decode a JPEG)."""


def _application() -> QApplication:
    """The running application, else a new one on the offscreen platform (no display needed)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    if existing is not None:  # a QGuiApplication/QCoreApplication: widgets cannot be made
        raise QtCheckError(f"a {type(existing).__name__} already runs; widgets need QApplication")
    # "-platform offscreen" wins over $QT_QPA_PLATFORM: the check must not need a display, and
    # must not pop a window up on a desktop either.
    return QApplication(["caption-desk-self-test", "-platform", "offscreen"])


def _render_label() -> QImage:
    label = QLabel(APP_NAME)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setStyleSheet("QLabel { background: white; color: black; font-size: 20px; }")
    label.resize(200, 60)
    image = QImage(label.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    label.render(image)  # renders through the raster engine, as the offscreen grid does
    return image


def _has_ink(image: QImage) -> bool:
    """Did the text draw anything (fonts found, raster engine working)?"""
    white = QColor("white").rgb()
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            if image.pixel(x, y) != white:
                return True
    return False


def check_qt(sample_jpeg: str | Path | None = None) -> str:
    """Create (or reuse) the application, render a label offscreen, decode `sample_jpeg`.

    Returns a one-line description; raises QtCheckError (or ImportError, earlier) on failure.
    """
    app = _application()
    image = _render_label()
    if image.isNull() or not _has_ink(image):
        raise QtCheckError("a label rendered to a blank image (no fonts, or no raster engine?)")
    decoded = ""
    if sample_jpeg is not None:
        # Thumbnails reach the grid as JPEG files decoded by QImage: that needs the qjpeg plugin.
        if b"jpeg" not in [bytes(f.data()) for f in QImageReader.supportedImageFormats()]:
            plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
            raise QtCheckError(f"no JPEG image-format plugin (looked in {plugins})")
        picture = QImage(str(sample_jpeg))
        if picture.isNull():
            raise QtCheckError(f"QImage could not decode {sample_jpeg}")
        decoded = f", decoded a {picture.width()}x{picture.height()} JPEG"
    return (
        f"Qt {qVersion()} on the {QGuiApplication.platformName()} platform "
        f"({type(app).__name__}) rendered a {image.width()}x{image.height()} widget{decoded}"
    )
