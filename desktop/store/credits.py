"""Credits and tags as shared vocabularies: found or created by name, offered for completion."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.library_records import TAG_KINDS
from desktop.store.models import Credit, Photo, PhotoTag, Tag


def credit_id_for(
    session: Session,
    name: str | None,
    *,
    agency: str | None = None,
    photographer: str | None = None,
) -> int | None:
    """The id of the credit written exactly `name` (created if new); None for an empty credit."""
    name = (name or "").strip()
    if not name:
        return None
    found = session.scalar(select(Credit.id).where(Credit.name == name))
    if found is not None:
        return found
    if agency is None and "/" in name:
        agency, _, rest = name.partition("/")
        agency, photographer = agency.strip() or None, photographer or rest.strip() or None
    credit = Credit(
        name=name, agency=agency or (name if "/" not in name else None), photographer=photographer
    )
    session.add(credit)
    session.flush()
    return credit.id


def tag_id_for(session: Session, name: str, kind: str = "keyword") -> int:
    name = " ".join(name.split())
    if kind not in TAG_KINDS:
        raise ValueError(f"unknown tag kind {kind!r}: use one of {', '.join(TAG_KINDS)}")
    found = session.scalar(select(Tag.id).where(Tag.kind == kind, Tag.name == name))
    if found is not None:
        return found
    tag = Tag(name=name, kind=kind)
    session.add(tag)
    session.flush()
    return tag.id


def known_credits(session: Session, limit: int = 2000) -> list[str]:
    """Credits ordered by how often photos carry them: the completer's list."""
    uses = func.count(Photo.id)
    rows = session.execute(
        select(Credit.name, uses)
        .outerjoin(Photo, Photo.credit_id == Credit.id)
        .group_by(Credit.id)
        .order_by(uses.desc(), Credit.name)
        .limit(limit)
    )
    return [name for name, _ in rows]


def known_bylines(session: Session, limit: int = 2000) -> list[str]:
    uses = func.count(Photo.id)
    rows = session.execute(
        select(Photo.byline, uses)
        .where(Photo.byline.is_not(None), Photo.byline != "")
        .group_by(Photo.byline)
        .order_by(uses.desc())
        .limit(limit)
    )
    return [name for name, _ in rows]


def known_tags(
    session: Session, kind: str | None = None, limit: int = 5000
) -> list[tuple[str, str, int]]:
    """(kind, name, photo count) of accepted tags, most used first."""
    uses = func.count(PhotoTag.photo_id)
    stmt = (
        select(Tag.kind, Tag.name, uses)
        .outerjoin(PhotoTag, (PhotoTag.tag_id == Tag.id) & (PhotoTag.state == "accepted"))
        .group_by(Tag.id)
        .order_by(uses.desc(), Tag.name)
        .limit(limit)
    )
    if kind:
        stmt = stmt.where(Tag.kind == kind)
    return [(k, n, c) for k, n, c in session.execute(stmt)]


def credit_counts(session: Session, limit: int = 500) -> list[tuple[str, int]]:
    uses = func.count(Photo.id)
    rows = session.execute(
        select(Credit.name, uses)
        .join(Photo, Photo.credit_id == Credit.id)
        .group_by(Credit.id)
        .order_by(uses.desc(), Credit.name)
        .limit(limit)
    )
    return [(n, c) for n, c in rows]
