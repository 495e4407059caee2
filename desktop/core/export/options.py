"""The gallery export's options and its one fatal error type, shared by the CLI, the GUI and the core."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOUSE_STYLE = "{caption} (Photo: {credit})"


class ExportError(Exception):
    """A problem that stops the whole export (disk full, no permission, target in the way).

    The message is meant for the user as is: one sentence naming the path concerned.
    """


@dataclass(frozen=True)
class ExportOptions:
    """How to export: sizes in pixels (long edge), JPEG quality, privacy and page settings."""

    size: int = 1600
    thumb_size: int = 400
    quality: int = 85
    keep_gps: bool = False
    overwrite: bool = False
    house_style: str = DEFAULT_HOUSE_STYLE
    lang: str = "en"
    title: str = "Gallery"
    theme_dir: Path | None = None
    workers: int | None = None

    def validate(self) -> None:
        """Refuse nonsense early, before any folder is created."""
        if self.size < 16 or self.thumb_size < 16:
            raise ExportError(
                f"Image sizes must be at least 16 pixels (got {self.size}/{self.thumb_size})."
            )
        if not 1 <= self.quality <= 95:
            # libjpeg above 95 only makes files bigger, not better.
            raise ExportError(f"JPEG quality must be between 1 and 95 (got {self.quality}).")
        if self.workers is not None and self.workers < 1:
            raise ExportError(f"Workers must be at least 1 (got {self.workers}).")
        if self.theme_dir is not None and not Path(self.theme_dir).is_dir():
            raise ExportError(f"Theme folder not found: {self.theme_dir}")
