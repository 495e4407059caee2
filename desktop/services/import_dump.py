"""Importing a caption dump: parse, keep only captions the library does not hold, match them to
photos, all in one transaction per file with an import-batch row."""

from __future__ import annotations

import hashlib
from collections.abc import Generator
from pathlib import Path

from desktop.core.captions import iter_parse_file
from desktop.core.matching import normalize_image_name
from desktop.core.progress import CancelToken, Outcome, Progress, Rejected
from desktop.core.records import CaptionRecord, ParseWarning
from desktop.services.library import Library
from desktop.services.matching import PhotoIndex
from desktop.store import batches, captions

CHUNK = 5000


def fingerprint(rec: CaptionRecord) -> str:
    """A caption's identity across imports: its content, not its line (a changed dump moves lines)."""
    key = "\x1f".join(
        str(x)
        for x in (rec.markup, rec.attachment_id, rec.image_src or "", rec.text, rec.credit or "")
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _file_hash(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _row(rec: CaptionRecord, fp: str, batch_id: int) -> dict[str, object]:
    return {
        "origin": "dump",
        "text": rec.text,
        "credit": rec.credit,
        "agency": rec.agency,
        "photographer": rec.photographer,
        "markup": rec.markup,
        "attachment_id": rec.attachment_id,
        "align": rec.align,
        "width": rec.width,
        "image_src": rec.image_src,
        "image_alt": rec.image_alt,
        "image_name": normalize_image_name(rec.image_src) if rec.image_src else None,
        "people": list(rec.people),
        "suggested_tags": [list(t) for t in rec.suggested_tags],
        "confidence": rec.confidence,
        "reason": rec.reason,
        "source": rec.source,
        "source_line": rec.line,
        "fingerprint": fp,
        "batch_id": batch_id,
    }


def import_dump(
    lib: Library, path: Path, *, dry_run: bool = False, cancel: CancelToken | None = None
) -> Generator[Progress, None, Outcome]:
    """Import one dump file. Yields progress; returns counts, warnings (file:line) and rejects."""
    outcome = Outcome(
        counts={"parsed": 0, "added": 0, "already_known": 0, "matched": 0, "adopted": 0}
    )
    if not path.is_file():
        outcome.rejected.append(
            Rejected(str(path), "no such file" if not path.exists() else "not a file")
        )
        return outcome
    try:
        content_hash = _file_hash(path)
    except OSError as exc:
        outcome.rejected.append(Rejected(str(path), exc.strerror or str(exc)))
        return outcome
    size = path.stat().st_size
    yield Progress("parsing", 0, None, current=path.name, bytes_total=size)

    with lib.store.session() as session:
        batch_id = batches.start_batch(
            session,
            kind="dump",
            source=path.name,
            source_path=str(path.resolve()),
            content_hash=content_hash,
        )
        index: PhotoIndex | None = None
        warnings: list[ParseWarning] = []
        seen: set[str] = set()
        pending: list[tuple[CaptionRecord, str]] = []
        credit_cache: dict[str, int] = {}
        taken: set[int] = set()  # within one dump, a photo takes one caption

        def flush() -> Generator[Progress, None, None]:
            nonlocal index
            fps = [fp for _, fp in pending]
            known = captions.existing_fingerprints(session, fps)
            new = [(rec, fp) for rec, fp in pending if fp not in known]
            outcome.counts["already_known"] += len(pending) - len(new)
            pending.clear()
            if not new:
                return
            ids = captions.insert_captions(
                session, [_row(rec, fp, batch_id) for rec, fp in new], credit_cache
            )
            outcome.counts["added"] += len(ids)
            if index is None:
                index = PhotoIndex.build(captions.matching_candidates(session))
            for (rec, _), cid in zip(new, ids, strict=True):
                if cancel is not None:
                    cancel.raise_if_cancelled()
                match = index.best(rec.text, rec.attachment_id, rec.image_src)
                if match is not None and match.photo_id not in taken:
                    taken.add(match.photo_id)
                    adopted = captions.attach(
                        session, cid, match.photo_id, score=match.score, method=match.method
                    )
                    outcome.counts["matched"] += 1
                    outcome.counts["adopted"] += int(adopted)
            yield Progress("importing", outcome.counts["parsed"], None, current=path.name)

        for rec in iter_parse_file(path, warnings=warnings):
            if cancel is not None:
                cancel.raise_if_cancelled()
            outcome.counts["parsed"] += 1
            fp = fingerprint(rec)
            if fp in seen:
                outcome.counts["already_known"] += 1
                continue
            seen.add(fp)
            pending.append((rec, fp))
            if len(pending) >= CHUNK:
                yield from flush()
        yield from flush()

        outcome.warnings.extend(Rejected(str(path), w.message, w.line) for w in warnings)
        if outcome.counts["matched"]:
            captions.reindex_matched(session, batch_id)
        batches.finish_batch(
            session,
            batch_id,
            counts=dict(outcome.counts),
            warnings=[{"line": w.line, "message": w.message} for w in warnings[:1000]],
        )
        if dry_run:
            session.rollback()
    yield Progress(
        "importing", outcome.counts["parsed"], outcome.counts["parsed"], current=path.name
    )
    return outcome
