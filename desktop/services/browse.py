"""Reading the library for display: photo ids for a view, rows for a page of the grid, details,
captions, and the vocabularies the editor completes from."""

from __future__ import annotations

from collections.abc import Sequence

from desktop.core.library_records import (
    BatchInfo,
    CaptionInfo,
    EditInfo,
    GalleryInfo,
    PhotoDetail,
    PhotoSummary,
)
from desktop.services.library import Library
from desktop.store import batches, captions, credits, edits, galleries, photos
from desktop.store.search import count_all


def photo_ids(
    lib: Library,
    query: str | None = None,
    *,
    sort: str = "id",
    batch_id: int | None = None,
    tag: tuple[str, str] | None = None,
    credit: str | None = None,
    gallery_id: int | None = None,
    missing: str | None = None,
) -> list[int]:
    with lib.store.session() as s:
        return photos.photo_ids(
            s,
            query,
            sort=sort,
            batch_id=batch_id,
            tag=tag,
            credit=credit,
            gallery_id=gallery_id,
            missing=missing,
        )


def photo_count(lib: Library) -> int:
    with lib.store.session() as s:
        return count_all(s)


def photo_summaries(lib: Library, ids: Sequence[int]) -> list[PhotoSummary]:
    with lib.store.session() as s:
        return photos.summaries(s, ids)


def photo_detail(lib: Library, photo_id: int) -> PhotoDetail:
    with lib.store.session() as s:
        return photos.detail(s, photo_id)


def list_photos(lib: Library, query: str | None = None, *, sort: str = "id") -> list[PhotoSummary]:
    with lib.store.session() as s:
        return photos.summaries(s, photos.photo_ids(s, query, sort=sort))


def list_captions(
    lib: Library, *, unmatched: bool = False, photo_id: int | None = None
) -> list[CaptionInfo]:
    with lib.store.session() as s:
        return captions.list_captions(s, unmatched=unmatched, photo_id=photo_id)


def edit_history(lib: Library, photo_id: int) -> list[EditInfo]:
    with lib.store.session() as s:
        photos.get_photo(s, photo_id)
        return edits.history(s, photo_id)


def suggested_tags(lib: Library, photo_id: int) -> list[tuple[str, str]]:
    with lib.store.session() as s:
        return edits.suggested_tag_names(s, photo_id)


def known_credits(lib: Library) -> list[str]:
    with lib.store.session() as s:
        return credits.known_credits(s)


def known_bylines(lib: Library) -> list[str]:
    with lib.store.session() as s:
        return credits.known_bylines(s)


def known_tags(lib: Library, kind: str | None = None) -> list[tuple[str, str, int]]:
    with lib.store.session() as s:
        return credits.known_tags(s, kind)


def credit_counts(lib: Library) -> list[tuple[str, int]]:
    with lib.store.session() as s:
        return credits.credit_counts(s)


def recent_batches(lib: Library, limit: int = 20) -> list[BatchInfo]:
    with lib.store.session() as s:
        return batches.recent_batches(s, limit)


def list_galleries(lib: Library) -> list[GalleryInfo]:
    with lib.store.session() as s:
        return galleries.list_galleries(s)


def count_missing(lib: Library, what: str) -> int:
    """How many photos lack a caption (`"caption"`) or a credit (`"credit"`): sidebar counts."""
    with lib.store.session() as s:
        return photos.count_missing(s, what)


def count_unmatched_captions(lib: Library) -> int:
    with lib.store.session() as s:
        return captions.count_unmatched(s)
