"""Reading photos out of the library as frozen records: one, a page of them, or a query's ids."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from desktop.core.library_records import PhotoDetail, PhotoSummary, TagInfo
from desktop.core.records import ExportItem
from desktop.store.chunks import chunked
from desktop.store.errors import NotFoundError
from desktop.store.models import Caption, Credit, Photo, PhotoTag, Tag
from desktop.store.search import apply_query, sqlite_match_ids

SORTS = {
    "taken": (Photo.taken_at.desc(), Photo.id.desc()),
    "taken-asc": (Photo.taken_at.asc(), Photo.id.asc()),
    "imported": (Photo.imported_at.desc(), Photo.id.desc()),
    "name": (Photo.file_name.asc(), Photo.id.asc()),
    "id": (Photo.id.asc(),),
}


def fetch_ids(session: Session, stmt: Select) -> list[int]:
    """Run a one-column SELECT of ids on the DBAPI cursor: for 100,000 ids, SQLAlchemy's row
    processing costs more than the query itself, and the grid asks for them on every search."""
    conn = session.connection()
    compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    args = [params[name] for name in compiled.positiontup] if compiled.positional else params
    cursor = conn.connection.driver_connection.cursor()
    try:
        cursor.execute(str(compiled), args)
        return [row[0] for row in cursor.fetchall()]
    finally:
        cursor.close()


def photo_ids(
    session: Session,
    query: str | None = None,
    *,
    sort: str = "id",
    batch_id: int | None = None,
    tag: tuple[str, str] | None = None,
    credit: str | None = None,
    gallery_id: int | None = None,
    missing: str | None = None,
) -> list[int]:
    """Ids of the photos a view shows, in its order; the grid fetches rows for them lazily."""
    plain = (
        batch_id is None
        and tag is None
        and credit is None
        and gallery_id is None
        and missing is None
    )
    if plain and sort == "id" and query and session.get_bind().dialect.name == "sqlite":
        fast = sqlite_match_ids(session, query)
        if fast is not None:
            return fast
    stmt = select(Photo.id)
    stmt = apply_query(stmt, session.get_bind().dialect.name, query)
    if batch_id is not None:
        stmt = stmt.where(Photo.batch_id == batch_id)
    if tag is not None:
        kind, name = tag
        stmt = stmt.where(
            Photo.id.in_(
                select(PhotoTag.photo_id)
                .join(Tag, Tag.id == PhotoTag.tag_id)
                .where(Tag.kind == kind, Tag.name == name, PhotoTag.state == "accepted")
            )
        )
    if credit is not None:
        stmt = stmt.where(Photo.credit_id.in_(select(Credit.id).where(Credit.name == credit)))
    if missing == "caption":
        stmt = stmt.where((Photo.caption.is_(None)) | (Photo.caption == ""))
    elif missing == "credit":
        stmt = stmt.where(Photo.credit_id.is_(None))
    if gallery_id is not None:
        from desktop.store.models import GalleryPhoto

        stmt = stmt.join(GalleryPhoto, GalleryPhoto.photo_id == Photo.id).where(
            GalleryPhoto.gallery_id == gallery_id
        )
        return fetch_ids(session, stmt.order_by(GalleryPhoto.position, Photo.id))
    return fetch_ids(session, stmt.order_by(*SORTS.get(sort, SORTS["id"])))


def _tags_for(session: Session, ids: Sequence[int]) -> dict[int, list[TagInfo]]:
    out: dict[int, list[TagInfo]] = {}
    rows = session.execute(
        select(PhotoTag.photo_id, Tag.name, Tag.kind, PhotoTag.state, PhotoTag.origin)
        .join(Tag, Tag.id == PhotoTag.tag_id)
        .where(PhotoTag.photo_id.in_(ids))
        .order_by(Tag.kind, Tag.name)
    )
    for pid, name, kind, state, origin in rows:
        out.setdefault(pid, []).append(TagInfo(name=name, kind=kind, state=state, origin=origin))
    return out


def _summary(photo: Photo, tags: Sequence[TagInfo]) -> PhotoSummary:
    return PhotoSummary(
        id=photo.id,
        path=photo.path,
        file_name=photo.file_name,
        width=photo.width,
        height=photo.height,
        taken_at=photo.taken_at,
        imported_at=photo.imported_at,
        caption=photo.caption,
        credit=photo.credit.name if photo.credit else None,
        byline=photo.byline,
        content_hash=photo.content_hash,
        tags=tuple(t.name for t in tags if t.state == "accepted"),
        version=photo.version,
    )


_SUMMARY_COLUMNS = (
    Photo.id,
    Photo.path,
    Photo.file_name,
    Photo.width,
    Photo.height,
    Photo.taken_at,
    Photo.imported_at,
    Photo.caption,
    Credit.name,
    Photo.byline,
    Photo.content_hash,
    Photo.version,
)


def summaries(session: Session, ids: Sequence[int]) -> list[PhotoSummary]:
    """Summaries for `ids`, in the order given (missing ids are left out).

    Plain column reads, no ORM objects: the grid asks for a page of these while it scrolls."""
    out: list[PhotoSummary] = []
    for chunk in chunked(ids):
        rows = {
            r[0]: r
            for r in session.execute(
                select(*_SUMMARY_COLUMNS)
                .outerjoin(Credit, Credit.id == Photo.credit_id)
                .where(Photo.id.in_(chunk))
            )
        }
        tags: dict[int, list[str]] = {}
        for pid, name in session.execute(
            select(PhotoTag.photo_id, Tag.name)
            .join(Tag, Tag.id == PhotoTag.tag_id)
            .where(PhotoTag.photo_id.in_(chunk), PhotoTag.state == "accepted")
            .order_by(Tag.kind, Tag.name)
        ):
            tags.setdefault(pid, []).append(name)
        for i in chunk:
            r = rows.get(i)
            if r is None:
                continue
            out.append(
                PhotoSummary(
                    id=r[0],
                    path=r[1],
                    file_name=r[2],
                    width=r[3],
                    height=r[4],
                    taken_at=r[5],
                    imported_at=r[6],
                    caption=r[7],
                    credit=r[8],
                    byline=r[9],
                    content_hash=r[10],
                    tags=tuple(tags.get(i, ())),
                    version=r[11],
                )
            )
    return out


def count_missing(session: Session, what: str) -> int:
    """Photos with no caption (`what="caption"`) or no credit (`"credit"`)."""
    cond = (
        (Photo.caption.is_(None)) | (Photo.caption == "")
        if what == "caption"
        else Photo.credit_id.is_(None)
    )
    return session.scalar(select(func.count()).select_from(Photo).where(cond)) or 0


def get_photo(session: Session, photo_id: int) -> Photo:
    photo = session.get(Photo, photo_id)
    if photo is None:
        raise NotFoundError(f"no photo with id {photo_id} in this library")
    return photo


def detail(session: Session, photo_id: int) -> PhotoDetail:
    photo = get_photo(session, photo_id)
    tags = _tags_for(session, [photo_id]).get(photo_id, [])
    source = None
    if photo.caption_id is not None:
        cap = session.get(Caption, photo.caption_id)
        if cap is not None and cap.source:
            source = f"{cap.source}:{cap.source_line}" if cap.source_line else cap.source
    camera = " ".join(x for x in (photo.camera_make, photo.camera_model) if x) or None
    return PhotoDetail(
        summary=_summary(photo, tags),
        headline=photo.headline,
        copyright=photo.copyright,
        city=photo.city,
        state=photo.state,
        country=photo.country,
        caption_origin=photo.caption_origin,
        caption_source=source,
        camera=camera,
        field_origins=dict(photo.field_origins or {}),
        tags=tuple(tags),
    )


def find_by_hash(session: Session, hashes: Sequence[str]) -> dict[str, tuple[int, str]]:
    """content hash -> (photo id, stored path) for the hashes the library already holds."""
    out: dict[str, tuple[int, str]] = {}
    for chunk in chunked(hashes):
        for pid, h, path in session.execute(
            select(Photo.id, Photo.content_hash, Photo.path).where(Photo.content_hash.in_(chunk))
        ):
            out[h] = (pid, path)
    return out


def known_files(
    session: Session, paths: Sequence[str]
) -> dict[str, tuple[int, int, float | None, str]]:
    """path -> (photo id, size, mtime, hash) for paths already imported: lets a re-import skip
    files whose size and mtime did not change without reading them again."""
    out: dict[str, tuple[int, int, float | None, str]] = {}
    for chunk in chunked(paths):
        for pid, path, size, mtime, h in session.execute(
            select(
                Photo.id, Photo.path, Photo.file_size, Photo.file_mtime, Photo.content_hash
            ).where(Photo.path.in_(chunk))
        ):
            out[path] = (pid, size, mtime, h)
    return out


def export_items(session: Session, ids: Sequence[int]) -> list[ExportItem]:
    """What the gallery export needs of each photo, in the order given."""
    out: list[ExportItem] = []
    for chunk in chunked(ids):
        rows = {p.id: p for p in session.scalars(select(Photo).where(Photo.id.in_(chunk)))}
        tags = _tags_for(session, chunk)
        for pid in chunk:
            p = rows.get(pid)
            if p is None:
                continue
            out.append(
                ExportItem(
                    photo_id=p.id,
                    source_path=p.path,
                    caption=p.caption,
                    credit=p.credit.name if p.credit else None,
                    byline=p.byline,
                    copyright=p.copyright,
                    headline=p.headline,
                    keywords=tuple(t.name for t in tags.get(pid, []) if t.state == "accepted"),
                    city=p.city,
                    country=p.country,
                    taken_at=p.taken_at,
                    original_name=p.file_name,
                )
            )
    return out
