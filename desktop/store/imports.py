"""The image-import writer: inserts a chunk of analysed files as photos, with their embedded
caption, credit and keywords, in bulk (Core inserts, one flush per chunk)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from desktop.core.records import PhotoMetadata
from desktop.store.base import utcnow
from desktop.store.credits import credit_id_for, tag_id_for
from desktop.store.models import Caption, Photo, PhotoTag
from desktop.store.search import refresh_search


@dataclass(frozen=True)
class NewPhoto:
    path: str
    file_name: str
    match_name: str
    content_hash: str
    size: int
    mtime: float | None
    metadata: PhotoMetadata


def insert_photos(session: Session, batch_id: int, photos: Sequence[NewPhoto]) -> list[int]:
    """Insert photos and their embedded captions and keywords; returns the new photo ids."""
    if not photos:
        return []
    now = utcnow()
    credit_cache: dict[str, int | None] = {}
    rows = []
    for p in photos:
        md = p.metadata
        credit = md.get("credit")
        if credit and credit not in credit_cache:
            credit_cache[credit] = credit_id_for(session, credit)
        origins = {name: fv.origin for name, fv in md.fields.items()}
        rows.append(
            {
                "path": p.path,
                "file_name": p.file_name,
                "match_name": p.match_name,
                "content_hash": p.content_hash,
                "file_size": p.size,
                "file_mtime": p.mtime,
                "format": md.format,
                "width": md.width,
                "height": md.height,
                "taken_at": md.taken_at,
                "taken_at_offset": md.taken_at_offset,
                "camera_make": md.camera_make,
                "camera_model": md.camera_model,
                "lens": md.lens,
                "orientation": md.orientation,
                "gps_lat": md.gps_lat,
                "gps_lon": md.gps_lon,
                "imported_at": now,
                "batch_id": batch_id,
                "caption": md.get("caption"),
                "headline": md.get("headline"),
                "credit_id": credit_cache.get(credit) if credit else None,
                "byline": md.get("byline"),
                "copyright": md.get("copyright"),
                "city": md.get("city"),
                "state": md.get("state"),
                "country": md.get("country"),
                "caption_origin": "embedded" if md.get("caption") else None,
                "field_origins": origins,
                "version": 1,
            }
        )
    ids = list(
        session.execute(
            insert(Photo).returning(Photo.id, sort_by_parameter_order=True), rows
        ).scalars()
    )
    caption_rows = []
    tag_rows = []
    for pid, p, row in zip(ids, photos, rows, strict=True):
        if row["caption"]:
            caption_rows.append(
                {
                    "photo_id": pid,
                    "origin": "embedded",
                    "text": row["caption"],
                    "credit_id": row["credit_id"],
                    "byline": row["byline"],
                    "headline": row["headline"],
                    "source": p.file_name,
                    "batch_id": batch_id,
                    "people": [],
                    "suggested_tags": [],
                    "confidence": 1.0,
                    "created_at": now,
                }
            )
        seen: set[int] = set()
        for keyword in p.metadata.keywords:
            if not keyword.strip():
                continue
            tag_id = tag_id_for(session, keyword, "keyword")
            if tag_id not in seen:
                seen.add(tag_id)
                tag_rows.append(
                    {"photo_id": pid, "tag_id": tag_id, "state": "accepted", "origin": "embedded"}
                )
    if caption_rows:
        cap_ids = list(
            session.execute(
                insert(Caption).returning(
                    Caption.id, Caption.photo_id, sort_by_parameter_order=True
                ),
                caption_rows,
            )
        )
        session.execute(
            update(Photo),
            [{"id": photo_id, "caption_id": cap_id} for cap_id, photo_id in cap_ids],
        )
    if tag_rows:
        session.execute(insert(PhotoTag), tag_rows)
    refresh_search(session.connection(), ids)
    return ids


def move_photo(
    session: Session,
    photo_id: int,
    path: str,
    file_name: str,
    match_name: str,
    size: int,
    mtime: float | None,
) -> None:
    """The same content turned up at another path (moved or renamed): follow it."""
    session.execute(
        update(Photo)
        .where(Photo.id == photo_id)
        .values(
            path=path, file_name=file_name, match_name=match_name, file_size=size, file_mtime=mtime
        )
    )
