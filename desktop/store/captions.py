"""Caption records in the library: bulk insert from a dump, listing, and attaching to photos."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from desktop.core.library_records import CaptionInfo
from desktop.store.chunks import chunked
from desktop.store.credits import credit_id_for, tag_id_for
from desktop.store.models import Caption, Credit, Photo, PhotoTag, Tag


def existing_fingerprints(session: Session, fingerprints: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for chunk in chunked(fingerprints):
        found.update(
            session.scalars(select(Caption.fingerprint).where(Caption.fingerprint.in_(chunk)))
        )
    return found


def credit_ids_by_name(session: Session, names: Iterable[str]) -> dict[str, int]:
    """Ids of the credits already known under these names, in one query a few hundred at a time."""
    wanted = sorted({n for n in names if n})
    found: dict[str, int] = {}
    for chunk in chunked(wanted):
        found.update(
            (n, i)
            for i, n in session.execute(
                select(Credit.id, Credit.name).where(Credit.name.in_(chunk))
            )
        )
    return found


def insert_captions(
    session: Session, rows: Sequence[dict[str, Any]], credit_cache: dict[str, int] | None = None
) -> list[int]:
    """Insert caption rows with Core executemany; returns their ids in the order of `rows`.

    Each row carries `credit` (a name, with `agency`/`photographer`) rather than `credit_id`, and a
    unique `fingerprint`, by which the new ids are read back: an ordered RETURNING costs SQLAlchemy
    far more per row than the insert itself. Pass one `credit_cache` across the batches of an
    import so each credit is looked up once."""
    cache = credit_cache if credit_cache is not None else {}
    names = {r.get("credit") for r in rows} - set(cache) - {None, ""}
    cache.update(credit_ids_by_name(session, names))
    prepared = []
    for row in rows:
        row = dict(row)
        name = row.pop("credit", None)
        agency = row.pop("agency", None)
        photographer = row.pop("photographer", None)
        if name and name not in cache:
            cache[name] = credit_id_for(session, name, agency=agency, photographer=photographer)
        row["credit_id"] = cache[name] if name else None
        prepared.append(row)
    if not prepared:
        return []
    session.execute(insert(Caption), prepared)
    fps = [row["fingerprint"] for row in prepared]
    ids: dict[str, int] = {}
    for chunk in chunked(fps):
        ids.update(
            (fp, i)
            for i, fp in session.execute(
                select(Caption.id, Caption.fingerprint).where(Caption.fingerprint.in_(chunk))
            )
        )
    return [ids[fp] for fp in fps]


def _info(cap: Caption) -> CaptionInfo:
    return CaptionInfo(
        id=cap.id,
        photo_id=cap.photo_id,
        origin=cap.origin,
        text=cap.text,
        credit=cap.credit.name if cap.credit else None,
        source=cap.source,
        line=cap.source_line,
        markup=cap.markup,
        attachment_id=cap.attachment_id,
        align=cap.align,
        width=cap.width,
        image_src=cap.image_src,
        image_alt=cap.image_alt,
        people=tuple(cap.people or ()),
        confidence=cap.confidence,
        match_score=cap.match_score,
        match_method=cap.match_method,
    )


def list_captions(
    session: Session,
    *,
    unmatched: bool = False,
    origin: str | None = None,
    photo_id: int | None = None,
    limit: int | None = None,
) -> list[CaptionInfo]:
    stmt = select(Caption).order_by(Caption.id)
    if unmatched:
        stmt = stmt.where(Caption.photo_id.is_(None))
    if origin:
        stmt = stmt.where(Caption.origin == origin)
    if photo_id is not None:
        stmt = stmt.where(Caption.photo_id == photo_id)
    if limit:
        stmt = stmt.limit(limit)
    return [_info(c) for c in session.scalars(stmt)]


def iter_captions(
    session: Session, *, unmatched: bool = False, chunk: int = 2000
) -> Iterable[CaptionInfo]:
    """All captions in id order, fetched a chunk at a time so a million rows never sit in memory."""
    last = 0
    while True:
        stmt = select(Caption).where(Caption.id > last).order_by(Caption.id).limit(chunk)
        if unmatched:
            stmt = stmt.where(Caption.photo_id.is_(None))
        rows = list(session.scalars(stmt))
        if not rows:
            return
        yield from (_info(c) for c in rows)
        last = rows[-1].id
        session.expunge_all()


def get_caption(session: Session, caption_id: int) -> CaptionInfo | None:
    cap = session.get(Caption, caption_id)
    return _info(cap) if cap else None


def unmatched_for_matching(session: Session) -> list[tuple[int, str, int | None, str | None]]:
    """(id, text, attachment id, image name) of every dump caption still waiting for a photo."""
    return [
        (cid, text, att, name)
        for cid, text, att, name in session.execute(
            select(Caption.id, Caption.text, Caption.attachment_id, Caption.image_name).where(
                Caption.photo_id.is_(None), Caption.origin == "dump"
            )
        )
    ]


def set_match(
    session: Session,
    caption_id: int,
    photo_id: int | None,
    *,
    score: float | None,
    method: str | None,
) -> None:
    session.execute(
        update(Caption)
        .where(Caption.id == caption_id)
        .values(photo_id=photo_id, match_score=score, match_method=method)
    )


def add_suggested_tags(
    session: Session, photo_id: int, tags: Iterable[tuple[str, str]], origin: str = "dump"
) -> int:
    """Suggest tags for a photo (never accepted silently); existing links are left as they are."""
    added = 0
    for kind, name in tags:
        if not name or not name.strip():
            continue
        tag_id = tag_id_for(session, name, kind)
        if session.get(PhotoTag, (photo_id, tag_id)) is None:
            session.add(
                PhotoTag(photo_id=photo_id, tag_id=tag_id, state="suggested", origin=origin)
            )
            added += 1
    session.flush()
    return added


def adopt_caption(
    session: Session, photo: Photo, caption_id: int, text: str, credit_id: int | None, origin: str
) -> None:
    """Give a photo with no caption of its own the text (and credit, if it has none) of a caption."""
    photo.caption = text
    photo.caption_origin = origin
    photo.caption_id = caption_id
    origins = dict(photo.field_origins or {})
    origins["caption"] = origin
    if photo.credit_id is None and credit_id is not None:
        photo.credit_id = credit_id
        origins["credit"] = origin
        session.expire(photo, ["credit"])
    photo.field_origins = origins


def caption_credit_id(session: Session, caption_id: int) -> int | None:
    return session.scalar(select(Caption.credit_id).where(Caption.id == caption_id))


def credit_name(session: Session, credit_id: int | None) -> str | None:
    if credit_id is None:
        return None
    return session.scalar(select(Credit.name).where(Credit.id == credit_id))


def matching_candidates(session: Session) -> list[tuple[int, str | None, int | None, str | None]]:
    """(photo id, match name, attachment id, embedded caption) of every photo, for the matcher."""
    embedded = (
        select(Caption.photo_id, Caption.text)
        .where(Caption.origin == "embedded", Caption.photo_id.is_not(None))
        .subquery()
    )
    rows = session.execute(
        select(Photo.id, Photo.match_name, Photo.attachment_id, embedded.c.text).outerjoin(
            embedded, embedded.c.photo_id == Photo.id
        )
    )
    return [(pid, name, att, text) for pid, name, att, text in rows]


def attach(
    session: Session, caption_id: int, photo_id: int, *, score: float | None, method: str | None
) -> bool:
    """Match a caption to a photo. The photo takes the caption's text only if it had none of its
    own (an embedded or edited caption is kept; the review shows both). Returns True if adopted."""
    cap = session.get(Caption, caption_id)
    photo = session.get(Photo, photo_id)
    if cap is None or photo is None:
        return False
    cap.photo_id = photo_id
    cap.match_score = score
    cap.match_method = method
    if photo.attachment_id is None and cap.attachment_id is not None:
        photo.attachment_id = cap.attachment_id
    adopted = not (photo.caption or "").strip()
    if adopted:
        adopt_caption(session, photo, cap.id, cap.text, cap.credit_id, cap.origin)
        photo.version = photo.version + 1
    add_suggested_tags(
        session, photo_id, [tuple(t) for t in cap.suggested_tags or []], origin=cap.origin
    )
    return adopted


def reindex_matched(session: Session, batch_id: int) -> None:
    """Re-index the photos that captions of this batch were matched to (their text may be new)."""
    from desktop.store.search import refresh_session

    ids = session.scalars(
        select(Caption.photo_id).where(Caption.batch_id == batch_id, Caption.photo_id.is_not(None))
    )
    refresh_session(session, set(ids))


def unmatched_by_names(
    session: Session, names: Sequence[str]
) -> list[tuple[int, str, int | None, str | None]]:
    """Unmatched dump captions whose image file name is one of `names`."""
    out = []
    for chunk in chunked(names):
        out.extend(
            (cid, text, att, src)
            for cid, text, att, src in session.execute(
                select(Caption.id, Caption.text, Caption.attachment_id, Caption.image_src).where(
                    Caption.photo_id.is_(None),
                    Caption.origin == "dump",
                    Caption.image_name.in_(chunk),
                )
            )
        )
    return out


def unmatched_texts(session: Session) -> list[tuple[int, str, int | None, str | None]]:
    rows = session.execute(
        select(Caption.id, Caption.text, Caption.attachment_id, Caption.image_src).where(
            Caption.photo_id.is_(None), Caption.origin == "dump"
        )
    )
    return [(cid, text, att, src) for cid, text, att, src in rows]


def caption_row(session: Session, caption_id: int) -> Caption | None:
    return session.get(Caption, caption_id)


def detach(session: Session, caption_id: int) -> int | None:
    """Unmatch a caption; returns the photo it was attached to. Tags the caption suggested and
    nobody accepted go with it."""
    cap = session.get(Caption, caption_id)
    if cap is None:
        return None
    photo_id = cap.photo_id
    if photo_id is not None:
        for kind, name in cap.suggested_tags or []:
            tag = session.scalar(select(Tag.id).where(Tag.kind == kind, Tag.name == name))
            link = session.get(PhotoTag, (photo_id, tag)) if tag is not None else None
            if link is not None and link.state == "suggested":
                session.delete(link)
    cap.photo_id = None
    cap.match_score = None
    cap.match_method = None
    return photo_id


def mark_caption_source(session: Session, photo_id: int, caption_id: int, origin: str) -> None:
    """Record that a photo's current caption came from this caption record (provenance)."""
    photo = session.get(Photo, photo_id)
    if photo is None:
        return
    photo.caption_id = caption_id
    photo.caption_origin = origin
    origins = dict(photo.field_origins or {})
    origins["caption"] = origin
    photo.field_origins = origins


def count_unmatched(session: Session) -> int:
    from sqlalchemy import func

    return (
        session.scalar(select(func.count()).select_from(Caption).where(Caption.photo_id.is_(None)))
        or 0
    )
