"""Thumbnails for display: found in the cache by content hash, made from the original if missing.

Slow (disk, decoding): the GUI calls these from worker threads only.
"""

from __future__ import annotations

from pathlib import Path

from desktop.core.imaging.decode import ImageRejected
from desktop.core.imaging.thumbnails import ensure_preview, ensure_thumbnail
from desktop.services.library import Library


def grid_thumbnail(lib: Library, content_hash: str, original: str) -> Path | None:
    """The ~256 px thumbnail of a photo, made now if the cache lost it; None if the original is gone."""
    try:
        return ensure_thumbnail(original, lib.thumbs_dir, sha256=content_hash)
    except (OSError, ImageRejected, ValueError):
        return None


def preview_image(lib: Library, content_hash: str, original: str) -> Path | None:
    """The ~1600 px preview, made lazily on first use."""
    try:
        return ensure_preview(original, lib.thumbs_dir, sha256=content_hash)
    except (OSError, ImageRejected, ValueError):
        return None
