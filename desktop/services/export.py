"""Exporting photos as a gallery folder: pick the photos (a query, a gallery or ids), hand their
clean text to the core export, relay its progress."""

from __future__ import annotations

from collections.abc import Generator, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.core.export import ExportError, ExportOptions
from desktop.core.export import export_gallery as export_core
from desktop.core.export.options import DEFAULT_HOUSE_STYLE
from desktop.core.progress import CancelToken, Outcome, Progress
from desktop.services.library import Library, LibraryError
from desktop.store import photos
from desktop.store.gallery_lookup import gallery_id_by_name

__all__ = ["ExportError", "ExportRequest", "export_gallery"]


@dataclass(frozen=True)
class ExportRequest:
    out_dir: Path
    query: str | None = None
    gallery: str | None = None
    photo_ids: Sequence[int] | None = None
    size: int = 1600
    thumb_size: int = 400
    quality: int = 85
    keep_gps: bool = False
    overwrite: bool = False
    house_style: str | None = None
    title: str = "Gallery"
    lang: str = "en"

    def options(self) -> ExportOptions:
        return ExportOptions(
            size=self.size,
            thumb_size=self.thumb_size,
            quality=self.quality,
            keep_gps=self.keep_gps,
            overwrite=self.overwrite,
            house_style=self.house_style or DEFAULT_HOUSE_STYLE,
            title=self.title,
            lang=self.lang,
        )


def export_gallery(
    lib: Library, request: ExportRequest, *, cancel: CancelToken | None = None
) -> Generator[Progress, None, Outcome]:
    """Export; ExportError (as a LibraryError-like user error) for what stops the whole export."""
    with lib.store.session() as s:
        if request.photo_ids is not None:
            ids = list(request.photo_ids)
        elif request.gallery:
            ids = photos.photo_ids(s, gallery_id=gallery_id_by_name(s, request.gallery))
        else:
            ids = photos.photo_ids(s, request.query, sort="taken-asc")
        items = photos.export_items(s, ids)
    if not items:
        raise LibraryError(
            "nothing to export: no photo matches" + (f" {request.query!r}" if request.query else "")
        )
    try:
        return (
            yield from export_core(items, Path(request.out_dir), request.options(), cancel=cancel)
        )
    except ExportError as exc:
        raise LibraryError(str(exc)) from None
