"""full-text search index over caption, headline, credit, byline and tags

SQLite: an FTS5 table whose rowid is the photo id. PostgreSQL: a table of tsvector columns, one a
field plus one for all, each with a GIN index. Both are filled with the same folded words
(desktop.core.search_query.search_text), so one query means the same on both.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FIELDS = ("caption", "headline", "credit", "byline", "tag")


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE photo_search USING fts5("
            + ", ".join(FIELDS)
            + ", tokenize = 'unicode61 remove_diacritics 2', detail = full)"
        )
    else:
        cols = ", ".join(f"{f} tsvector NOT NULL" for f in FIELDS)
        op.execute(
            "CREATE TABLE photo_search (photo_id integer PRIMARY KEY REFERENCES photos(id) "
            f"ON DELETE CASCADE, {cols}, doc tsvector NOT NULL)"
        )
        for f in (*FIELDS, "doc"):
            op.execute(f"CREATE INDEX ix_photo_search_{f} ON photo_search USING gin ({f})")
    # Fill the index from what an older library already holds.
    from desktop.store.search import refresh_search_for_all

    refresh_search_for_all(bind)


def downgrade() -> None:
    op.execute("DROP TABLE photo_search")
