"""Writes schema-0001.sqlite: a small library as the first released schema left it (kept in git,
so every later migration is tested against a real old library). Run once per released schema."""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from desktop.store.engine import alembic_config

dest = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("schema-0001.sqlite"))
dest.unlink(missing_ok=True)
engine = create_engine(f"sqlite:///{dest}")
cfg = alembic_config(engine)
with engine.begin() as conn:
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "0001")
    conn.execute(
        text(
            "INSERT INTO credits(id, name, agency, photographer) VALUES (1, 'REUTERS/Shamil Zhumatov', 'REUTERS', 'Shamil Zhumatov')"
        )
    )
    conn.execute(
        text(
            "INSERT INTO import_batches(id, kind, source, started_at, status, counts, warnings) VALUES (1, 'images', 'soyuz', '2026-11-20 10:00:00', 'done', '{}', '[]')"
        )
    )
    conn.execute(
        text(
            "INSERT INTO photos(id, path, file_name, match_name, content_hash, file_size, orientation, imported_at, batch_id, "
            "caption, credit_id, byline, field_origins, version) VALUES "
            "(1, '/photos/soyuz.jpg', 'soyuz.jpg', 'soyuz', :h1, 1000, 1, '2026-11-20 10:00:00', 1, "
            "'The Soyuz TMA-11M spacecraft blasts off from Baikonur.', 1, 'Shamil Zhumatov', '{}', 1),"
            "(2, '/photos/crew.jpg', 'crew.jpg', 'crew', :h2, 1000, 1, '2026-11-20 10:00:00', 1, "
            "'Koichi Wakata waves before the launch.', NULL, NULL, '{}', 1)"
        ),
        {"h1": "a" * 64, "h2": "b" * 64},
    )
    conn.execute(text("INSERT INTO tags(id, name, kind) VALUES (1, 'Koichi Wakata', 'person')"))
    conn.execute(
        text(
            "INSERT INTO photo_tags(photo_id, tag_id, state, origin) VALUES (2, 1, 'accepted', 'user')"
        )
    )
engine.dispose()
print(dest)
