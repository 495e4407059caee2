"""Import batches: what came in, when, from where; and recovery of batches a crash left open.

An import writes in short chunks (so other editors are never locked out and the grid fills as
photos arrive) under a batch marked `running`. A batch that ends normally is marked `done`; one
that was cancelled is deleted with everything it added; one whose process died is found at the
next open and deleted the same way, so the library never holds half a batch.
"""

from __future__ import annotations

import os
import socket
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from desktop.core.library_records import BatchInfo
from desktop.store.base import utcnow
from desktop.store.models import Caption, ImportBatch, Photo


def owner_tag() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def start_batch(
    session: Session,
    *,
    kind: str,
    source: str,
    source_path: str | None = None,
    content_hash: str | None = None,
) -> int:
    batch = ImportBatch(
        kind=kind,
        source=source,
        source_path=source_path,
        content_hash=content_hash,
        status="running",
        counts={},
        warnings=[{"owner": owner_tag()}],
    )
    session.add(batch)
    session.flush()
    return batch.id


def finish_batch(
    session: Session, batch_id: int, *, counts: dict[str, int], warnings: list[Any]
) -> None:
    session.execute(
        update(ImportBatch)
        .where(ImportBatch.id == batch_id)
        .values(status="done", finished_at=utcnow(), counts=counts, warnings=warnings)
    )


def discard_batch(session: Session, batch_id: int) -> None:
    """Remove a batch and all it added: the photos it created and the captions it brought."""
    from desktop.store.search import refresh_search

    photo_ids = list(session.scalars(select(Photo.id).where(Photo.batch_id == batch_id)))
    session.execute(
        update(Caption).where(Caption.photo_id.in_(photo_ids)).values(photo_id=None)
    ) if photo_ids else None
    session.execute(delete(Caption).where(Caption.batch_id == batch_id))
    if photo_ids:
        session.execute(delete(Photo).where(Photo.id.in_(photo_ids)))
        refresh_search(session.connection(), photo_ids)
    session.execute(delete(ImportBatch).where(ImportBatch.id == batch_id))


def recover_abandoned(session: Session) -> list[int]:
    """Discard `running` batches of this machine whose process is gone (a crash or a kill)."""
    host = socket.gethostname()
    gone: list[int] = []
    for batch in session.scalars(select(ImportBatch).where(ImportBatch.status == "running")):
        owner = next(
            (w.get("owner") for w in batch.warnings or [] if isinstance(w, dict) and "owner" in w),
            None,
        )
        if not owner or ":" not in owner:
            continue
        owner_host, _, pid_text = owner.rpartition(":")
        if owner_host != host or not pid_text.isdigit():
            continue
        if int(pid_text) != os.getpid() and not _alive(int(pid_text)):
            gone.append(batch.id)
    for batch_id in gone:
        discard_batch(session, batch_id)
    return gone


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def find_done_batch(session: Session, *, kind: str, content_hash: str) -> int | None:
    return session.scalar(
        select(ImportBatch.id).where(
            ImportBatch.kind == kind,
            ImportBatch.content_hash == content_hash,
            ImportBatch.status == "done",
        )
    )


def recent_batches(session: Session, limit: int = 20) -> list[BatchInfo]:
    rows = session.scalars(
        select(ImportBatch)
        .where(ImportBatch.status == "done")
        .order_by(ImportBatch.started_at.desc())
        .limit(limit)
    )
    return [
        BatchInfo(
            id=b.id,
            kind=b.kind,
            source=b.source,
            started_at=b.started_at,
            counts=dict(b.counts or {}),
            status=b.status,
        )
        for b in rows
    ]
