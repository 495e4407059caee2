"""Importing image files: discover, skip what is known, analyse in worker processes (hash,
metadata, thumbnail), write in short chunks under one import batch, match waiting captions.

A cancelled import discards its batch, so the library is as it was; an import killed outright
leaves a `running` batch that the next open of the library discards (store.batches).
"""

from __future__ import annotations

import os
import time
from collections.abc import Generator, Sequence
from pathlib import Path

from rapidfuzz import fuzz, process

from desktop.core.imaging.analyse import AnalysedFile
from desktop.core.imaging.pipeline import analyse_files, discover_images
from desktop.core.matching import MatchCandidate, match_caption, normalize_image_name
from desktop.core.progress import Cancelled, CancelToken, Outcome, Progress, Rejected
from desktop.services.library import Library
from desktop.store import batches, captions, photos
from desktop.store.imports import NewPhoto, insert_photos, move_photo

WRITE_EVERY = 200  # files per write transaction
WRITE_SECONDS = 1.0  # ...or this often, so the grid fills while a slow import runs


def _plan(lib: Library, files: Sequence[str]) -> tuple[list[str], int, int]:
    """Split files into those to analyse and those unchanged since the last import (same path,
    size and mtime): re-importing a folder reads nothing it has already read."""
    with lib.store.session() as s:
        known = photos.known_files(s, files)
    todo: list[str] = []
    unchanged = 0
    total_bytes = 0
    for path in files:
        try:
            st = os.stat(path)
        except OSError:
            todo.append(path)  # the analysis reports why it can't be read
            continue
        total_bytes += st.st_size
        hit = known.get(path)
        if hit is not None and hit[1] == st.st_size and hit[2] == st.st_mtime:
            unchanged += 1
        else:
            todo.append(path)
    return todo, unchanged, total_bytes


def _write_chunk(
    lib: Library, batch_id: int, chunk: list[AnalysedFile], outcome: Outcome, text_pool: list | None
) -> None:
    with lib.store.session() as s:
        existing = photos.find_by_hash(s, [f.sha256 for f in chunk])
        new: list[NewPhoto] = []
        seen: set[str] = set()
        for f in chunk:
            if f.sha256 in existing:
                pid, old_path = existing[f.sha256]
                if old_path == f.path:
                    outcome.counts["unchanged"] += 1
                elif not os.path.exists(old_path):
                    name = os.path.basename(f.path)
                    move_photo(s, pid, f.path, name, normalize_image_name(name), f.size, f.mtime)
                    outcome.counts["moved"] += 1
                else:
                    outcome.counts["duplicates"] += 1
                continue
            if f.sha256 in seen:
                outcome.counts["duplicates"] += 1
                continue
            seen.add(f.sha256)
            name = os.path.basename(f.path)
            new.append(
                NewPhoto(
                    f.path, name, normalize_image_name(name), f.sha256, f.size, f.mtime, f.metadata
                )
            )
        ids = insert_photos(s, batch_id, new)
        outcome.counts["added"] += len(ids)
        outcome.counts["matched"] += _match_new_photos(
            s, list(zip(ids, new, strict=True)), text_pool
        )


def _match_new_photos(s, new: list[tuple[int, NewPhoto]], text_pool: list | None) -> int:
    """Offer each new photo to the dump captions still waiting for one (same matcher as dumps)."""
    if not new:
        return 0
    cands = {
        pid: MatchCandidate(
            photo_id=pid,
            file_name=p.file_name,
            attachment_id=None,
            embedded_caption=p.metadata.get("caption"),
        )
        for pid, p in new
    }
    waiting: dict[int, tuple[int, str, int | None, str | None]] = {
        row[0]: row for row in captions.unmatched_by_names(s, [p.match_name for _, p in new])
    }
    if text_pool:
        texts = [row[1] for row in text_pool]
        for cand in cands.values():
            if cand.embedded_caption:
                for _, _, i in process.extract(
                    cand.embedded_caption,
                    texts,
                    scorer=fuzz.token_set_ratio,
                    limit=3,
                    score_cutoff=80,
                ):
                    waiting.setdefault(text_pool[i][0], text_pool[i])
    matched = 0
    taken: set[int] = set()
    for cid, text, att, src in waiting.values():
        match = match_caption(
            text=text, attachment_id=att, image_src=src, candidates=list(cands.values())
        )
        if match is None or match.photo_id in taken:
            continue
        captions.attach(s, cid, match.photo_id, score=match.score, method=match.method)
        taken.add(match.photo_id)
        matched += 1
    if text_pool and matched:
        done = {row[0] for row in waiting.values()}
        text_pool[:] = [row for row in text_pool if row[0] not in done]
    if matched:
        from desktop.store.search import refresh_session

        refresh_session(s, taken)
    return matched


def import_images(
    lib: Library,
    paths: Sequence[str | os.PathLike[str]],
    *,
    recursive: bool = True,
    cancel: CancelToken | None = None,
    workers: int | None = None,
) -> Generator[Progress, None, Outcome]:
    """Import image files and folders. Yields Progress; returns counts and the rejected files."""
    outcome = Outcome(
        counts={"found": 0, "added": 0, "unchanged": 0, "duplicates": 0, "moved": 0, "matched": 0}
    )
    yield Progress("finding images", 0, None)
    files = [
        os.path.abspath(p) for p in discover_images([str(p) for p in paths], recursive=recursive)
    ]
    outcome.counts["found"] = len(files)
    todo, unchanged, total_bytes = _plan(lib, files)
    outcome.counts["unchanged"] = unchanged
    total = len(files)
    done = unchanged
    yield Progress("importing", done, total, bytes_total=total_bytes)
    if not todo:
        return outcome

    source = os.path.commonpath(files) if files else ""
    with lib.store.session() as s:
        batch_id = batches.start_batch(
            s, kind="images", source=Path(source).name or source, source_path=source
        )
        text_pool = captions.unmatched_texts(s) or None
    pending: list[AnalysedFile] = []
    last_write = time.monotonic()
    bytes_done = 0
    try:
        for result in analyse_files(todo, str(lib.thumbs_dir), workers=workers, cancel=cancel):
            done += 1
            if isinstance(result, Rejected):
                outcome.rejected.append(result)
                current = result.path
            else:
                pending.append(result)
                bytes_done += result.size
                current = result.path
                # Imported, but a metadata block was refused (hostile XML) or unreadable.
                outcome.warnings.extend(Rejected(result.path, w) for w in result.metadata.warnings)
            if pending and (
                len(pending) >= WRITE_EVERY or time.monotonic() - last_write > WRITE_SECONDS
            ):
                _write_chunk(lib, batch_id, pending, outcome, text_pool)
                pending = []
                last_write = time.monotonic()
            yield Progress(
                "importing",
                done,
                total,
                current=current,
                bytes_done=bytes_done,
                bytes_total=total_bytes,
            )
        if cancel is not None:
            cancel.raise_if_cancelled()
        if pending:
            _write_chunk(lib, batch_id, pending, outcome, text_pool)
    except BaseException:
        with lib.store.session() as s:
            batches.discard_batch(s, batch_id)
        if cancel is not None and cancel.cancelled:
            raise Cancelled() from None
        raise
    with lib.store.session() as s:
        counts = {k: v for k, v in outcome.counts.items()}
        counts["rejected"] = len(outcome.rejected)
        batches.finish_batch(
            s,
            batch_id,
            counts=counts,
            warnings=[
                {"path": r.path, "reason": r.reason}
                for r in [*outcome.rejected, *outcome.warnings][:1000]
            ],
        )
    yield Progress("importing", total, total, bytes_done=bytes_done, bytes_total=total_bytes)
    return outcome
