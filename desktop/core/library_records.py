"""Frozen views of library rows that repositories hand to services, the CLI and the GUI.

They are plain values, never live ORM objects, so a caller cannot change the library by accident
and a GUI can hold them across threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

TAG_KINDS = ("person", "place", "organisation", "event", "keyword")
EDITABLE_FIELDS = (
    "caption",
    "headline",
    "credit",
    "byline",
    "copyright",
    "city",
    "state",
    "country",
    "taken_at",
)


@dataclass(frozen=True)
class TagInfo:
    name: str
    kind: str = "keyword"
    state: str = "accepted"  # or "suggested": shown as a ghost chip until accepted
    origin: str = "user"  # embedded, dump, user


@dataclass(frozen=True)
class PhotoSummary:
    """What a grid cell or a `list --json` line needs."""

    id: int
    path: str
    file_name: str
    width: int | None
    height: int | None
    taken_at: datetime | None
    imported_at: datetime | None
    caption: str | None
    credit: str | None
    byline: str | None
    content_hash: str
    tags: tuple[str, ...] = ()
    version: int = 1

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "path": self.path,
            "width": self.width,
            "height": self.height,
            "taken_at": self.taken_at.isoformat() if self.taken_at else None,
            "caption": self.caption,
            "credit": self.credit,
            "byline": self.byline,
            "tags": list(self.tags),
        }


@dataclass(frozen=True)
class PhotoDetail:
    """What the inspector shows: every editable field, provenance and tags with their state."""

    summary: PhotoSummary
    headline: str | None = None
    copyright: str | None = None
    city: str | None = None
    state: str | None = None
    country: str | None = None
    caption_origin: str | None = None  # embedded, dump, edited
    caption_source: str | None = None  # e.g. "dump.txt:12"
    camera: str | None = None
    field_origins: dict[str, str] = field(default_factory=dict)
    tags: tuple[TagInfo, ...] = ()

    @property
    def id(self) -> int:
        return self.summary.id


@dataclass(frozen=True)
class CaptionInfo:
    """A caption record kept in the library, matched to a photo or not."""

    id: int
    photo_id: int | None
    origin: str
    text: str
    credit: str | None
    source: str | None
    line: int | None
    markup: str | None
    attachment_id: int | None
    align: str | None
    width: int | None
    image_src: str | None
    image_alt: str | None
    people: tuple[str, ...]
    confidence: float
    match_score: float | None = None
    match_method: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "line": self.line,
            "markup": self.markup,
            "attachment_id": self.attachment_id,
            "align": self.align,
            "width": self.width,
            "image_src": self.image_src,
            "image_alt": self.image_alt,
            "text": self.text,
            "credit": self.credit,
            "people": list(self.people),
            "confidence": self.confidence,
            "photo_id": self.photo_id,
            "origin": self.origin,
        }


@dataclass(frozen=True)
class EditInfo:
    """One line of the edit history: who changed which field of what, from what to what."""

    id: int
    photo_id: int | None
    caption_id: int | None
    field: str
    old_value: str | None
    new_value: str | None
    user: str
    at: datetime
    operation: str | None  # groups the edits of one user action (a batch edit is one operation)


@dataclass(frozen=True)
class FieldChange:
    """A change a caller asks for, or that an edit made (old filled in)."""

    photo_id: int
    field: str
    new: str | None
    old: str | None = None


@dataclass(frozen=True)
class TagChange:
    photo_id: int
    name: str
    kind: str
    add: bool  # True: add/accept, False: remove


@dataclass(frozen=True)
class BatchInfo:
    id: int
    kind: str
    source: str
    started_at: datetime
    counts: dict[str, int]
    status: str


@dataclass(frozen=True)
class GalleryInfo:
    id: int
    name: str
    photo_count: int
