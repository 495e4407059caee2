"""Caption review: previewing a dump before it is written, importing the user's choices,
attaching waiting captions to photos, and comparing a photo's captions side by side.

Everything that changes a photo returns an EditOutcome, so the GUI's undo stack can put it back.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from desktop.core.captions import iter_parse_file
from desktop.core.library_records import CaptionInfo, FieldChange, TagChange
from desktop.core.matching import Match, rank_candidates
from desktop.core.progress import CancelToken, Outcome, Progress, Rejected
from desktop.core.records import CaptionRecord, ParseWarning
from desktop.services.import_dump import _file_hash, _row, fingerprint
from desktop.services.library import Library, NotFoundError
from desktop.services.matching import PhotoIndex
from desktop.store import batches, captions, edits, photos
from desktop.store.edits import EditOutcome

Choice = int | None | Literal["skip"]


@dataclass(frozen=True)
class PreviewItem:
    index: int
    record: CaptionRecord
    proposed: Match | None
    candidates: list[Match]
    known: bool  # already in the library: shown, not importable


@dataclass
class DumpPreview:
    source: str
    path: Path
    content_hash: str
    items: list[PreviewItem] = field(default_factory=list)
    warnings: list[Rejected] = field(default_factory=list)
    already_known: int = 0


def preview_dump(
    lib: Library, path: Path, *, cancel: CancelToken | None = None
) -> Generator[Progress, None, DumpPreview]:
    """Parse a dump and propose a photo for each caption; writes nothing."""
    path = Path(path)
    if not path.is_file():
        raise NotFoundError(f"no dump file at {path}")
    preview = DumpPreview(source=path.name, path=path, content_hash=_file_hash(path))
    yield Progress("reading dump", 0, None, current=path.name)
    warnings: list[ParseWarning] = []
    records = []
    for rec in iter_parse_file(path, warnings=warnings):
        if cancel is not None:
            cancel.raise_if_cancelled()
        records.append(rec)
    with lib.store.session() as s:
        fps = [fingerprint(r) for r in records]
        known = captions.existing_fingerprints(s, fps)
        index = PhotoIndex.build(captions.matching_candidates(s))
    seen: set[str] = set()
    taken: set[int] = set()  # within one dump, a photo is proposed for one caption only
    for i, (rec, fp) in enumerate(zip(records, fps, strict=True)):
        if fp in seen:
            continue
        seen.add(fp)
        is_known = fp in known
        preview.already_known += int(is_known)
        cands = index.candidates(rec.text, rec.attachment_id, rec.image_src)
        ranked = (
            rank_candidates(
                text=rec.text,
                attachment_id=rec.attachment_id,
                image_src=rec.image_src,
                candidates=cands,
            )
            if cands
            else []
        )
        proposed = index.best(rec.text, rec.attachment_id, rec.image_src) if cands else None
        if proposed is not None and not is_known:
            if proposed.photo_id in taken:
                proposed = None
            else:
                taken.add(proposed.photo_id)
        preview.items.append(PreviewItem(i, rec, proposed, ranked, is_known))
        if i % 200 == 0:
            yield Progress("matching", i, len(records), current=path.name)
    preview.warnings = [Rejected(str(path), w.message, w.line) for w in warnings]
    yield Progress("matching", len(records), len(records), current=path.name)
    return preview


def import_dump_selection(
    lib: Library,
    preview: DumpPreview,
    choices: Mapping[int, Choice],
    *,
    cancel: CancelToken | None = None,
) -> Generator[Progress, None, Outcome]:
    """Import what the user kept from a preview, attached where the user said: one transaction."""
    outcome = Outcome(
        counts={"added": 0, "matched": 0, "skipped": 0, "already_known": preview.already_known}
    )
    chosen: list[tuple[PreviewItem, int | None, str | None, float | None]] = []
    for item in preview.items:
        if item.known:
            continue
        choice = choices.get(item.index, item.proposed.photo_id if item.proposed else None)
        if choice == "skip":
            outcome.counts["skipped"] += 1
            continue
        if choice is None:
            chosen.append((item, None, None, None))
        elif item.proposed is not None and item.proposed.photo_id == choice:
            chosen.append((item, choice, item.proposed.method, item.proposed.score))
        else:
            chosen.append((item, int(choice), "user", None))
    if not chosen:
        return outcome  # nothing kept: no import to record
    with lib.store.session() as s:
        batch_id = batches.start_batch(
            s,
            kind="dump",
            source=preview.source,
            source_path=str(preview.path.resolve()),
            content_hash=preview.content_hash,
        )
        rows = [_row(item.record, fingerprint(item.record), batch_id) for item, *_ in chosen]
        ids = captions.insert_captions(s, rows)
        for done, ((_item, photo_id, method, score), cid) in enumerate(
            zip(chosen, ids, strict=True), 1
        ):
            if cancel is not None:
                cancel.raise_if_cancelled()
            if photo_id is not None:
                captions.attach(s, cid, photo_id, score=score, method=method)
                outcome.counts["matched"] += 1
            if done % 500 == 0:
                yield Progress("importing", done, len(chosen), current=preview.source)
        outcome.counts["added"] = len(ids)
        captions.reindex_matched(s, batch_id)
        batches.finish_batch(
            s,
            batch_id,
            counts=dict(outcome.counts),
            warnings=[{"line": w.line, "message": w.reason} for w in preview.warnings[:1000]],
        )
    yield Progress("importing", len(chosen), len(chosen), current=preview.source)
    return outcome


def suggest_photos(lib: Library, caption_id: int, limit: int = 5) -> list[Match]:
    """The photos a waiting caption most likely belongs to, best first."""
    with lib.store.session() as s:
        cap = captions.get_caption(s, caption_id)
        if cap is None:
            raise NotFoundError(f"no caption with id {caption_id}")
        index = PhotoIndex.build(captions.matching_candidates(s))
    cands = index.candidates(cap.text, cap.attachment_id, cap.image_src)
    if not cands:
        return []
    return rank_candidates(
        text=cap.text,
        attachment_id=cap.attachment_id,
        image_src=cap.image_src,
        candidates=cands,
        limit=limit,
    )


def attach_caption(
    lib: Library,
    caption_id: int,
    photo_id: int,
    *,
    mode: Literal["keep", "replace"] = "replace",
    text: str | None = None,
    expected_version: int | None = None,
) -> EditOutcome:
    """Attach a caption to a photo. "replace" puts its text (or `text`, a merge the user wrote)
    on the photo, and its credit where the photo has none, through the edit history; with
    `expected_version`, refused (ConflictError) if a colleague changed the photo meanwhile."""
    with lib.store.session() as s:
        cap = captions.get_caption(s, caption_id)
        if cap is None:
            raise NotFoundError(f"no caption with id {caption_id}")
        detail = photos.detail(s, photo_id)
        captions.set_match(s, caption_id, photo_id, score=None, method="user")
        changes = []
        if mode == "replace":
            changes.append(FieldChange(photo_id, "caption", text if text is not None else cap.text))
            if not detail.summary.credit and cap.credit:
                changes.append(FieldChange(photo_id, "credit", cap.credit))
        expected = {photo_id: expected_version} if expected_version is not None else None
        outcome = edits.apply_edits(s, fields=changes, expected_versions=expected)
        if mode == "replace" and text is None:
            captions.mark_caption_source(s, photo_id, caption_id, cap.origin)
        row = captions.caption_row(s, caption_id)
        captions.add_suggested_tags(
            s,
            photo_id,
            [tuple(t) for t in (row.suggested_tags or [])] if row else [],
            origin="dump",
        )
        return outcome


def detach_caption(lib: Library, caption_id: int) -> int | None:
    with lib.store.session() as s:
        return captions.detach(s, caption_id)


@dataclass(frozen=True)
class CaptionVersions:
    current: str | None
    embedded: CaptionInfo | None
    dumps: list[CaptionInfo]


def caption_versions(lib: Library, photo_id: int) -> CaptionVersions:
    with lib.store.session() as s:
        current = photos.detail(s, photo_id).summary.caption
        attached = captions.list_captions(s, photo_id=photo_id)
    embedded = next((c for c in attached if c.origin == "embedded"), None)
    return CaptionVersions(current, embedded, [c for c in attached if c.origin == "dump"])


def accept_suggested_tags(lib: Library, photo_id: int, tags: list[tuple[str, str]]) -> EditOutcome:
    from desktop.services.editing import apply_edits

    return apply_edits(lib, (), [TagChange(photo_id, name, kind, True) for kind, name in tags])
