"""Gallery export: a static, self-contained folder of resized, captioned JPEGs with sidecars.

Qt-free and database-free: the export service hands in `ExportItem`s and relays the progress.
"""

from __future__ import annotations

from .caption_line import format_caption_line
from .gallery import export_gallery
from .options import ExportError, ExportOptions

__all__ = ["ExportError", "ExportOptions", "export_gallery", "format_caption_line"]
