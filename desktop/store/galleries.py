"""Galleries (collections): named, ordered selections of photos that export as one folder."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop.core.library_records import GalleryInfo
from desktop.store.errors import NotFoundError
from desktop.store.models import Gallery, GalleryPhoto, SavedSearch


def create_gallery(session: Session, name: str, photo_ids: Sequence[int] = ()) -> int:
    gallery = Gallery(name=name.strip())
    session.add(gallery)
    session.flush()
    set_order(session, gallery.id, photo_ids)
    return gallery.id


def set_order(session: Session, gallery_id: int, photo_ids: Sequence[int]) -> None:
    if session.get(Gallery, gallery_id) is None:
        raise NotFoundError(f"no gallery with id {gallery_id}")
    session.execute(delete(GalleryPhoto).where(GalleryPhoto.gallery_id == gallery_id))
    seen: set[int] = set()
    for pos, pid in enumerate(p for p in photo_ids if not (p in seen or seen.add(p))):
        session.add(GalleryPhoto(gallery_id=gallery_id, photo_id=pid, position=pos))
    session.flush()


def list_galleries(session: Session) -> list[GalleryInfo]:
    count = func.count(GalleryPhoto.photo_id)
    rows = session.execute(
        select(Gallery.id, Gallery.name, count)
        .outerjoin(GalleryPhoto, GalleryPhoto.gallery_id == Gallery.id)
        .group_by(Gallery.id)
        .order_by(Gallery.name)
    )
    return [GalleryInfo(id=i, name=n, photo_count=c) for i, n, c in rows]


def saved_searches(session: Session) -> list[tuple[int, str, str]]:
    return [
        (s.id, s.name, s.query)
        for s in session.scalars(select(SavedSearch).order_by(SavedSearch.name))
    ]


def save_search(session: Session, name: str, query: str) -> int:
    existing = session.scalar(select(SavedSearch).where(SavedSearch.name == name))
    if existing:
        existing.query = query
        return existing.id
    search = SavedSearch(name=name, query=query)
    session.add(search)
    session.flush()
    return search.id


def delete_search(session: Session, search_id: int) -> None:
    session.execute(delete(SavedSearch).where(SavedSearch.id == search_id))
