"""The drag-and-drop payloads the app's own views exchange: photo ids (grid reordering) and a
waiting caption's id (caption review), as private MIME types so other apps ignore them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QMimeData

PHOTO_IDS_MIME = "application/x-caption-desk-photo-ids"
CAPTION_MIME = "application/x-caption-desk-caption-id"


def photo_ids_mime(ids: Sequence[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(PHOTO_IDS_MIME, QByteArray(",".join(str(i) for i in ids).encode("ascii")))
    return mime


def photo_ids_from(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(PHOTO_IDS_MIME):
        return []
    raw = bytes(mime.data(PHOTO_IDS_MIME).data()).decode("ascii", "replace")
    return [int(x) for x in raw.split(",") if x.strip().isdigit()]


def caption_mime(caption_id: int) -> QMimeData:
    mime = QMimeData()
    mime.setData(CAPTION_MIME, QByteArray(str(caption_id).encode("ascii")))
    return mime


def caption_id_from(mime: QMimeData) -> int | None:
    if not mime.hasFormat(CAPTION_MIME):
        return None
    raw = bytes(mime.data(CAPTION_MIME).data()).decode("ascii", "replace").strip()
    return int(raw) if raw.isdigit() else None
