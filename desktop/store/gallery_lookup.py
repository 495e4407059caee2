"""Finding a gallery by name for the export."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.store.errors import NotFoundError
from desktop.store.models import Gallery


def gallery_id_by_name(session: Session, name: str) -> int:
    gid = session.scalar(select(Gallery.id).where(Gallery.name == name))
    if gid is None:
        raise NotFoundError(f"no gallery named {name!r} in this library")
    return gid
