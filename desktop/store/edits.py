"""Editing photos: every changed field leaves an edit-history row, and every write checks the
photo's version so two editors never silently overwrite each other."""

from __future__ import annotations

import getpass
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop.core.library_records import EDITABLE_FIELDS, EditInfo, FieldChange, TagChange
from desktop.store.credits import credit_id_for, tag_id_for
from desktop.store.errors import ConflictError
from desktop.store.models import Edit, Photo, PhotoTag, Tag
from desktop.store.photos import get_photo
from desktop.store.search import refresh_session


def current_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (a container, a service): still record something
        return "unknown"


@dataclass
class EditOutcome:
    """What an edit changed, with the old values filled in, so the caller can undo or refresh."""

    fields: list[FieldChange] = field(default_factory=list)
    tags: list[TagChange] = field(default_factory=list)
    versions: dict[int, int] = field(default_factory=dict)

    @property
    def photo_ids(self) -> set[int]:
        return {c.photo_id for c in self.fields} | {t.photo_id for t in self.tags}


def _field_value(photo: Photo, name: str) -> str | None:
    if name == "credit":
        return photo.credit.name if photo.credit else None
    if name == "taken_at":
        return photo.taken_at.isoformat() if photo.taken_at else None
    return getattr(photo, name)


def _set_field(session: Session, photo: Photo, name: str, value: str | None) -> None:
    if name == "credit":
        photo.credit_id = credit_id_for(session, value)
        session.expire(photo, ["credit"])
    elif name == "taken_at":
        photo.taken_at = datetime.fromisoformat(value) if value else None
    else:
        setattr(photo, name, value)
    origins = dict(photo.field_origins or {})
    origins[name] = "edited"
    photo.field_origins = origins
    if name == "caption":
        photo.caption_origin = "edited"


def _normalise(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def apply_edits(
    session: Session,
    *,
    fields: Sequence[FieldChange] = (),
    tags: Sequence[TagChange] = (),
    user: str | None = None,
    operation: str | None = None,
    expected_versions: Mapping[int, int] | None = None,
) -> EditOutcome:
    """Apply field and tag changes as one unit; raises ConflictError if a photo moved on."""
    user = user or current_user()
    outcome = EditOutcome()
    photos: dict[int, Photo] = {}
    versions: dict[int, int] = {}

    def photo_for(pid: int) -> Photo:
        if pid not in photos:
            photos[pid] = get_photo(session, pid)
            versions[pid] = photos[pid].version
            if (
                expected_versions
                and pid in expected_versions
                and expected_versions[pid] != versions[pid]
            ):
                raise ConflictError(pid, expected_versions[pid], versions[pid])
        return photos[pid]

    for change in fields:
        if change.field not in EDITABLE_FIELDS:
            raise ValueError(f"{change.field!r} is not an editable field")
        photo = photo_for(change.photo_id)
        old = _field_value(photo, change.field)
        new = _normalise(change.new)
        if new == old:
            continue
        _set_field(session, photo, change.field, new)
        session.add(
            Edit(
                photo_id=photo.id,
                field=change.field,
                old_value=old,
                new_value=new,
                user=user,
                operation=operation,
            )
        )
        outcome.fields.append(FieldChange(photo.id, change.field, new, old))

    for change in tags:
        photo = photo_for(change.photo_id)
        tag_id = tag_id_for(session, change.name, change.kind)
        link = session.get(PhotoTag, (photo.id, tag_id))
        label = f"{change.kind}:{' '.join(change.name.split())}"
        if change.add:
            if link is not None and link.state == "accepted":
                continue
            if link is None:
                session.add(
                    PhotoTag(photo_id=photo.id, tag_id=tag_id, state="accepted", origin="user")
                )
            else:
                link.state = "accepted"
            session.add(
                Edit(
                    photo_id=photo.id,
                    field="tags",
                    old_value=None,
                    new_value=label,
                    user=user,
                    operation=operation,
                )
            )
        else:
            if link is None:
                continue
            session.delete(link)
            session.add(
                Edit(
                    photo_id=photo.id,
                    field="tags",
                    old_value=label,
                    new_value=None,
                    user=user,
                    operation=operation,
                )
            )
        outcome.tags.append(change)

    touched = outcome.photo_ids
    session.flush()
    for pid in sorted(touched):
        # Compare-and-set: only one writer can move a photo from version N to N+1.
        result = session.execute(
            update(Photo)
            .where(Photo.id == pid, Photo.version == versions[pid])
            .values(version=versions[pid] + 1)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            actual = session.scalar(select(Photo.version).where(Photo.id == pid)) or -1
            raise ConflictError(pid, versions[pid], actual)
        session.expire(photos[pid], ["version"])
        outcome.versions[pid] = versions[pid] + 1
    if touched:
        refresh_session(session, touched)
    return outcome


def history(session: Session, photo_id: int, limit: int = 200) -> list[EditInfo]:
    rows = session.scalars(
        select(Edit)
        .where(Edit.photo_id == photo_id)
        .order_by(Edit.at.desc(), Edit.id.desc())
        .limit(limit)
    )
    return [
        EditInfo(
            id=e.id,
            photo_id=e.photo_id,
            caption_id=e.caption_id,
            field=e.field,
            old_value=e.old_value,
            new_value=e.new_value,
            user=e.user,
            at=e.at,
            operation=e.operation,
        )
        for e in rows
    ]


def suggested_tag_names(session: Session, photo_id: int) -> list[tuple[str, str]]:
    rows = session.execute(
        select(Tag.kind, Tag.name)
        .join(PhotoTag, PhotoTag.tag_id == Tag.id)
        .where(PhotoTag.photo_id == photo_id, PhotoTag.state == "suggested")
    )
    return [(k, n) for k, n in rows]
