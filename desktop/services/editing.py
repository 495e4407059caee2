"""Editing use cases: one photo's fields and tags, batch edits, find and replace, galleries.

Each call is one unit of work and returns what changed (old and new), which is what the GUI's
undo stack keeps: undoing is applying the old values back, through the same history.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from desktop.core.library_records import FieldChange, PhotoSummary, TagChange
from desktop.core.settings import load_settings
from desktop.services.library import Library
from desktop.store import edits, galleries, photos
from desktop.store.edits import EditOutcome

__all__ = ["EditOutcome", "FieldChange", "TagChange"]


def new_operation() -> str:
    return uuid.uuid4().hex


def apply_edits(
    lib: Library,
    fields: Sequence[FieldChange] = (),
    tags: Sequence[TagChange] = (),
    *,
    expected_versions: Mapping[int, int] | None = None,
    user: str | None = None,
    operation: str | None = None,
) -> EditOutcome:
    with lib.store.session() as s:
        return edits.apply_edits(
            s,
            fields=fields,
            tags=tags,
            # The name in the history: the one set in settings, else the login name.
            user=user or load_settings().user_name or None,
            operation=operation or new_operation(),
            expected_versions=expected_versions,
        )


def edit_photo(
    lib: Library,
    photo_id: int,
    values: Mapping[str, str | None] | None = None,
    *,
    add_tags: Sequence[tuple[str, str]] = (),
    remove_tags: Sequence[tuple[str, str]] = (),
    expected_version: int | None = None,
) -> EditOutcome:
    """Edit one photo: `values` maps field names to new text; tags are (kind, name)."""
    fields = [FieldChange(photo_id, name, value) for name, value in (values or {}).items()]
    tag_changes = [TagChange(photo_id, n, k, True) for k, n in add_tags]
    tag_changes += [TagChange(photo_id, n, k, False) for k, n in remove_tags]
    with lib.store.session() as s:
        photos.get_photo(s, photo_id)
    expected = {photo_id: expected_version} if expected_version is not None else None
    return apply_edits(lib, fields, tag_changes, expected_versions=expected)


def batch_set(
    lib: Library,
    photo_ids: Sequence[int],
    values: Mapping[str, str | None],
    *,
    expected_versions: Mapping[int, int] | None = None,
) -> EditOutcome:
    """Set fields on many photos as one undoable operation; with `expected_versions`, refused
    whole (ConflictError) if any photo changed since the user selected it."""
    fields = [FieldChange(pid, name, value) for pid in photo_ids for name, value in values.items()]
    return apply_edits(lib, fields, expected_versions=expected_versions)


def batch_tags(
    lib: Library,
    photo_ids: Sequence[int],
    *,
    add: Sequence[tuple[str, str]] = (),
    remove: Sequence[tuple[str, str]] = (),
    expected_versions: Mapping[int, int] | None = None,
) -> EditOutcome:
    changes = [TagChange(pid, n, k, True) for pid in photo_ids for k, n in add]
    changes += [TagChange(pid, n, k, False) for pid in photo_ids for k, n in remove]
    return apply_edits(lib, (), changes, expected_versions=expected_versions)


def undo(lib: Library, outcome: EditOutcome) -> EditOutcome:
    """Put back what `outcome` changed (the old values), recorded in the history like any edit."""
    fields = [FieldChange(c.photo_id, c.field, c.old) for c in outcome.fields]
    tags = [TagChange(t.photo_id, t.name, t.kind, not t.add) for t in reversed(outcome.tags)]
    return apply_edits(lib, fields, tags)


@dataclass(frozen=True)
class Replacement:
    photo_id: int
    old: str
    new: str


def preview_replace(
    lib: Library,
    photo_ids: Sequence[int],
    find: str,
    replace: str,
    *,
    regex: bool = False,
    case_sensitive: bool = True,
    field: str = "caption",
) -> list[Replacement]:
    """What a find-and-replace would change, photo by photo, before anything is written.

    Raises re.error for a bad regular expression (the dialog shows it)."""
    if not find:
        return []
    flags = 0 if case_sensitive else re.IGNORECASE
    pattern = re.compile(find if regex else re.escape(find), flags)
    repl = replace if regex else replace.replace("\\", "\\\\")
    out = []
    for summary in _summaries(lib, photo_ids):
        old = (
            summary.caption
            if field == "caption"
            else summary.credit
            if field == "credit"
            else summary.byline
        ) or ""
        new = pattern.sub(repl, old)
        if new != old:
            out.append(Replacement(summary.id, old, new))
    return out


def apply_replace(
    lib: Library,
    replacements: Sequence[Replacement],
    field: str = "caption",
    *,
    expected_versions: Mapping[int, int] | None = None,
) -> EditOutcome:
    changes = [FieldChange(r.photo_id, field, r.new) for r in replacements]
    return apply_edits(lib, changes, expected_versions=expected_versions)


def _summaries(lib: Library, ids: Sequence[int]) -> list[PhotoSummary]:
    with lib.store.session() as s:
        return photos.summaries(s, ids)


def create_gallery(lib: Library, name: str, photo_ids: Sequence[int]) -> int:
    with lib.store.session() as s:
        return galleries.create_gallery(s, name, photo_ids)


def reorder_gallery(lib: Library, gallery_id: int, photo_ids: Sequence[int]) -> None:
    with lib.store.session() as s:
        galleries.set_order(s, gallery_id, photo_ids)


def save_search(lib: Library, name: str, query: str) -> int:
    with lib.store.session() as s:
        return galleries.save_search(s, name, query)


def saved_searches(lib: Library) -> list[tuple[int, str, str]]:
    with lib.store.session() as s:
        return galleries.saved_searches(s)


def delete_saved_search(lib: Library, search_id: int) -> None:
    with lib.store.session() as s:
        galleries.delete_search(s, search_id)
