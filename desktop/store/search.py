"""Full-text search: keeping the index in step with photos, and running queries on either back end.

The index holds, per photo, the folded words of its caption, headline, credit, byline and accepted
tags. It is refreshed by the repositories for exactly the photos a unit of work touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, Select, bindparam, func, literal_column, select, text
from sqlalchemy.orm import Session

from desktop.core.search_query import SearchTerm, parse_query, search_text
from desktop.store.chunks import chunked
from desktop.store.models import Credit, Photo, PhotoTag, Tag

FIELDS = ("caption", "headline", "credit", "byline", "tag")


def _documents(conn: Connection, photo_ids: Sequence[int]) -> list[dict[str, object]]:
    rows = conn.execute(
        select(Photo.id, Photo.caption, Photo.headline, Credit.name, Photo.byline)
        .outerjoin(Credit, Credit.id == Photo.credit_id)
        .where(Photo.id.in_(photo_ids))
    ).all()
    tags: dict[int, list[str]] = {}
    for pid, name in conn.execute(
        select(PhotoTag.photo_id, Tag.name)
        .join(Tag, Tag.id == PhotoTag.tag_id)
        .where(PhotoTag.photo_id.in_(photo_ids), PhotoTag.state == "accepted")
    ):
        tags.setdefault(pid, []).append(name)
    return [
        {
            "id": pid,
            "caption": search_text(caption),
            "headline": search_text(headline),
            "credit": search_text(credit),
            "byline": search_text(byline),
            "tag": search_text(*tags.get(pid, ())),
        }
        for pid, caption, headline, credit, byline in rows
    ]


def refresh_search(conn: Connection, photo_ids: Iterable[int]) -> None:
    """Re-index these photos (deleted ones drop out) inside the caller's transaction."""
    ids = sorted(set(photo_ids))
    sqlite = conn.dialect.name == "sqlite"
    for chunk in chunked(ids):
        docs = _documents(conn, chunk)
        if sqlite:
            conn.execute(
                text("DELETE FROM photo_search WHERE rowid IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                ),
                {"ids": chunk},
            )
            if docs:
                conn.execute(
                    text(
                        "INSERT INTO photo_search(rowid, caption, headline, credit, byline, tag) "
                        "VALUES (:id, :caption, :headline, :credit, :byline, :tag)"
                    ),
                    docs,
                )
        else:
            conn.execute(
                text("DELETE FROM photo_search WHERE photo_id = ANY(:ids)"), {"ids": chunk}
            )
            if docs:
                vectors = ", ".join(f"to_tsvector('simple', :{f})" for f in FIELDS)
                conn.execute(
                    text(
                        f"INSERT INTO photo_search(photo_id, {', '.join(FIELDS)}, doc) VALUES "
                        f"(:id, {vectors}, to_tsvector('simple', :caption || ' ' || :headline "
                        "|| ' ' || :credit || ' ' || :byline || ' ' || :tag))"
                    ),
                    docs,
                )


def refresh_search_for_all(conn: Connection) -> None:
    ids = [row[0] for row in conn.execute(select(Photo.id))]
    refresh_search(conn, ids)


def refresh_session(session: Session, photo_ids: Iterable[int]) -> None:
    session.flush()
    refresh_search(session.connection(), photo_ids)


# --- queries -----------------------------------------------------------------------------------


def _fts5_term(term: SearchTerm) -> str:
    # Words are letters and digits only (see search_query), so quoting them is enough to keep
    # FTS5's own syntax out of a user's query.
    if term.phrase:
        expr = '"' + " ".join(term.words) + '"'
    else:
        expr = f'"{term.words[0]}"' + ("*" if term.prefix else "")
    return f"{term.field} : {expr}" if term.field else expr


def _tsquery_term(term: SearchTerm) -> str:
    if term.phrase:
        return " <-> ".join(term.words)
    return term.words[0] + (":*" if term.prefix else "")


def matching_ids_clause(dialect: str, query: str | None):
    """A WHERE clause on Photo.id selecting the photos that match `query`, or None for all."""
    terms = parse_query(query)
    if not terms:
        return None
    positives = [t for t in terms if not t.negated]
    negatives = [t for t in terms if t.negated]
    if dialect == "sqlite":
        match = " AND ".join(f"({_fts5_term(t)})" for t in positives)
        for t in negatives:
            match += f" NOT ({_fts5_term(t)})"
        sub = text("SELECT rowid FROM photo_search WHERE photo_search MATCH :match").bindparams(
            match=match
        )
        return Photo.id.in_(sub.columns(rowid=Photo.id.type).subquery().select())
    conds: list[str] = []
    params: dict[str, str] = {}
    for i, t in enumerate(terms):
        column = t.field or "doc"  # a field name from SEARCH_FIELDS, never user text
        cond = f"ps.{column} @@ to_tsquery('simple', :q{i})"
        conds.append(f"NOT ({cond})" if t.negated else cond)
        params[f"q{i}"] = _tsquery_term(t)
    matching = select(literal_column("ps.photo_id")).select_from(text("photo_search AS ps"))
    return Photo.id.in_(matching.where(text(" AND ".join(conds)).bindparams(**params)))


def sqlite_match_ids(session: Session, query: str) -> list[int] | None:
    """Ids matching `query` in id order, straight from the FTS5 index (its rowids come out sorted):
    several times faster than filtering photos by them when a query matches many photos.
    None when the query has no terms."""
    terms = parse_query(query)
    if not terms:
        return None
    match = " AND ".join(f"({_fts5_term(t)})" for t in terms if not t.negated)
    for t in terms:
        if t.negated:
            match += f" NOT ({_fts5_term(t)})"
    rows = session.connection().exec_driver_sql(
        "SELECT rowid FROM photo_search WHERE photo_search MATCH ? ORDER BY rowid", (match,)
    )
    return [r[0] for r in rows]


def apply_query(stmt: Select, dialect: str, query: str | None) -> Select:
    clause = matching_ids_clause(dialect, query)
    return stmt if clause is None else stmt.where(clause)


def count_all(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Photo)) or 0
