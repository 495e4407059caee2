"""Where the GUI's workers get image files: grid thumbnails and previews, via the services layer.

Called from worker threads only (decoding is slow); returns a path or None, never raises.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QImage

from desktop.services import thumbnails
from desktop.services.library import Library

log = logging.getLogger(__name__)


def grid_thumbnail_path(lib: Library, content_hash: str, original: str) -> Path | None:
    try:
        return thumbnails.grid_thumbnail(lib, content_hash, original)
    except Exception as exc:  # a broken file must not take a worker down
        log.debug("no thumbnail for %s: %s", original, exc)
        return None


def preview_path(lib: Library, content_hash: str, original: str) -> Path | None:
    try:
        return thumbnails.preview_image(lib, content_hash, original)
    except Exception as exc:
        log.debug("no preview for %s: %s", original, exc)
        return None


def load_image(path: Path | None) -> QImage | None:
    """Decode in the worker: QImage (unlike QPixmap) is safe off the GUI thread."""
    if path is None:
        return None
    image = QImage(str(path))
    return None if image.isNull() else image
