"""The library's tables as typed SQLAlchemy models.

A photo holds its current, editable text (what a user sees and exports); `captions` keeps every
caption that came in (embedded in a file, found in a dump), matched to a photo or not, so the
provenance of each text survives edits. Every change to an editable field leaves a row in `edits`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.store.base import Base, utcnow


class ImportBatch(Base):
    """One import: a dump file or a run of image import, with what it brought and what it refused."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # dump, images
    source: Mapped[str] = mapped_column(Text)  # file name or folder
    source_path: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="done")
    counts: Mapped[dict[str, Any]] = mapped_column(default=dict)
    warnings: Mapped[list[Any]] = mapped_column(default=list)

    __table_args__ = (CheckConstraint("kind IN ('dump', 'images')", name="kind"),)


class Credit(Base):
    """A credit line as written (`REUTERS/Shamil Zhumatov`), split into agency and photographer."""

    __tablename__ = "credits"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(400), unique=True)
    agency: Mapped[str | None] = mapped_column(String(200))
    photographer: Mapped[str | None] = mapped_column(String(200))


class Photo(Base):
    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    file_name: Mapped[str] = mapped_column(String(500))
    # The name as the matcher sees it (no folder, no extension, no WordPress size suffix).
    match_name: Mapped[str | None] = mapped_column(String(500), index=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    file_size: Mapped[int] = mapped_column(Integer, default=0)
    file_mtime: Mapped[float | None] = mapped_column(Float)
    format: Mapped[str | None] = mapped_column(String(16))
    width: Mapped[int | None]
    height: Mapped[int | None]
    taken_at: Mapped[datetime | None] = mapped_column(index=True)
    taken_at_offset: Mapped[str | None] = mapped_column(String(8))
    camera_make: Mapped[str | None] = mapped_column(String(200))
    camera_model: Mapped[str | None] = mapped_column(String(200))
    lens: Mapped[str | None] = mapped_column(String(200))
    orientation: Mapped[int] = mapped_column(default=1)
    gps_lat: Mapped[float | None] = mapped_column(Float)
    gps_lon: Mapped[float | None] = mapped_column(Float)
    attachment_id: Mapped[int | None] = mapped_column(index=True)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL")
    )

    # The current, editable text of the photo.
    caption: Mapped[str | None] = mapped_column(Text)
    headline: Mapped[str | None] = mapped_column(Text)
    credit_id: Mapped[int | None] = mapped_column(ForeignKey("credits.id"), index=True)
    byline: Mapped[str | None] = mapped_column(String(400))
    copyright: Mapped[str | None] = mapped_column(Text)
    city: Mapped[str | None] = mapped_column(String(200))
    state: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(200))
    caption_origin: Mapped[str | None] = mapped_column(String(16))  # embedded, dump, edited
    # The caption record the current text came from. No foreign key: captions point at photos,
    # and a cycle of constraints would need ALTER TABLE, which SQLite cannot do.
    caption_id: Mapped[int | None]
    field_origins: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Bumped by every edit: a write that names an older version is refused, so two editors
    # never silently overwrite each other.
    version: Mapped[int] = mapped_column(default=1)

    credit: Mapped[Credit | None] = relationship(lazy="joined")

    __table_args__ = (Index("ix_photos_path", "path"),)


class Caption(Base):
    """A caption that came into the library, from a file's own metadata or from a dump."""

    __tablename__ = "captions"

    id: Mapped[int] = mapped_column(primary_key=True)
    photo_id: Mapped[int | None] = mapped_column(
        ForeignKey("photos.id", ondelete="SET NULL"), index=True
    )
    origin: Mapped[str] = mapped_column(String(16))  # embedded, dump
    text: Mapped[str] = mapped_column(Text)
    credit_id: Mapped[int | None] = mapped_column(ForeignKey("credits.id"))
    byline: Mapped[str | None] = mapped_column(String(400))
    headline: Mapped[str | None] = mapped_column(Text)
    markup: Mapped[str | None] = mapped_column(String(16))
    attachment_id: Mapped[int | None] = mapped_column(index=True)
    align: Mapped[str | None] = mapped_column(String(32))
    width: Mapped[int | None]
    image_src: Mapped[str | None] = mapped_column(Text)
    image_alt: Mapped[str | None] = mapped_column(Text)
    image_name: Mapped[str | None] = mapped_column(String(500), index=True)
    people: Mapped[list[Any]] = mapped_column(default=list)
    suggested_tags: Mapped[list[Any]] = mapped_column(default=list)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    reason: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    source_line: Mapped[int | None]
    # Identity of a dump caption across imports of the same or a changed dump.
    fingerprint: Mapped[str | None] = mapped_column(String(64), unique=True)
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("import_batches.id", ondelete="SET NULL")
    )
    match_score: Mapped[float | None] = mapped_column(Float)
    match_method: Mapped[str | None] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    credit: Mapped[Credit | None] = relationship(lazy="joined")

    __table_args__ = (CheckConstraint("origin IN ('embedded', 'dump')", name="origin"),)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16), default="keyword")

    __table_args__ = (
        UniqueConstraint("kind", "name"),
        CheckConstraint(
            "kind IN ('person', 'place', 'organisation', 'event', 'keyword')", name="kind"
        ),
    )


class PhotoTag(Base):
    """A tag on a photo: accepted, or suggested (from a caption) until a user accepts it."""

    __tablename__ = "photo_tags"

    photo_id: Mapped[int] = mapped_column(
        ForeignKey("photos.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(
        ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    state: Mapped[str] = mapped_column(String(16), default="accepted")
    origin: Mapped[str] = mapped_column(String(16), default="user")

    __table_args__ = (CheckConstraint("state IN ('accepted', 'suggested')", name="state"),)


class Gallery(Base):
    __tablename__ = "galleries"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class GalleryPhoto(Base):
    __tablename__ = "gallery_photos"

    gallery_id: Mapped[int] = mapped_column(
        ForeignKey("galleries.id", ondelete="CASCADE"), primary_key=True
    )
    photo_id: Mapped[int] = mapped_column(
        ForeignKey("photos.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(default=0)


class Edit(Base):
    """The edit history: who changed which field, when, from what to what.

    `operation` groups the rows of one user action, so a batch edit undoes as one step.
    """

    __tablename__ = "edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    photo_id: Mapped[int | None] = mapped_column(
        ForeignKey("photos.id", ondelete="CASCADE"), index=True
    )
    caption_id: Mapped[int | None] = mapped_column(ForeignKey("captions.id", ondelete="CASCADE"))
    field: Mapped[str] = mapped_column(String(32))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    user: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    operation: Mapped[str | None] = mapped_column(String(36), index=True)


class SavedSearch(Base):
    __tablename__ = "saved_searches"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    query: Mapped[str] = mapped_column(Text)
