"""One exported picture as the page and the sidecar files describe it (a plain, frozen row)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class GalleryEntry:
    """An exported image: its files, its clean text and its pixel sizes, in gallery order."""

    photo_id: int
    name: str  # the slug: images/NAME.jpg and thumbs/NAME.jpg
    caption: str
    credit: str
    byline: str
    copyright: str
    headline: str
    tags: tuple[str, ...]
    caption_line: str  # caption and credit joined in the house style
    parts: tuple[tuple[str, str], ...]  # the same line as ("caption"|"credit"|"text", piece)
    alt: str
    width: int
    height: int
    thumb_width: int
    thumb_height: int

    @property
    def file(self) -> str:
        return f"images/{self.name}.jpg"

    @property
    def thumb(self) -> str:
        return f"thumbs/{self.name}.jpg"

    def to_json(self) -> dict[str, Any]:
        """The spec's fields first ({file, caption, credit, byline, tags, width, height}), then ours."""
        return {
            "file": self.file,
            "caption": self.caption,
            "credit": self.credit,
            "byline": self.byline,
            "tags": list(self.tags),
            "width": self.width,
            "height": self.height,
            "photo_id": self.photo_id,
            "thumb": self.thumb,
            "thumb_width": self.thumb_width,
            "thumb_height": self.thumb_height,
            "headline": self.headline,
            "copyright": self.copyright,
            "caption_line": self.caption_line,
        }
