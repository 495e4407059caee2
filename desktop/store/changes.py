"""Cheap queries a desk runs every few seconds to notice what other desks changed in a shared
library: a change marker, and the photos edited or added after a known point."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.store.models import Edit, ImportBatch, Photo


def change_marker(session: Session) -> tuple[int, int, int, int]:
    """(max edit id, max photo id, photo count, finished imports): when two markers are equal,
    nothing a desk shows has changed, save edits committed late below the max id (see
    services.changes). The count of finished imports only grows, and tells that an import may
    have given existing photos new captions (a dump match writes no edit row)."""
    edit_id = session.scalar(select(func.max(Edit.id))) or 0
    photo_id = session.scalar(select(func.max(Photo.id))) or 0
    count = session.scalar(select(func.count(Photo.id))) or 0
    imports = (
        session.scalar(select(func.count(ImportBatch.id)).where(ImportBatch.status == "done")) or 0
    )
    return (edit_id, photo_id, count, imports)


def edits_since(session: Session, after_edit_id: int) -> list[tuple[int, int]]:
    """(edit id, photo id) of every photo edit with an id above `after_edit_id`, in id order."""
    rows = session.execute(
        select(Edit.id, Edit.photo_id)
        .where(Edit.id > after_edit_id, Edit.photo_id.is_not(None))
        .order_by(Edit.id)
    )
    return [(edit_id, photo_id) for edit_id, photo_id in rows]


def changed_photo_ids_since(session: Session, last_edit_id: int) -> tuple[list[int], int]:
    """Photo ids edited after edit `last_edit_id` (sorted, each once), and the newest edit id."""
    rows = edits_since(session, last_edit_id)
    latest = max((edit_id for edit_id, _ in rows), default=last_edit_id)
    return sorted({photo_id for _, photo_id in rows}), latest


def photo_ids_after(session: Session, last_photo_id: int) -> list[int]:
    """Photos added (by an import anywhere) after photo `last_photo_id`."""
    return list(
        session.scalars(select(Photo.id).where(Photo.id > last_photo_id).order_by(Photo.id))
    )
