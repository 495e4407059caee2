"""Every edit the GUI makes, as one service call, pushed on the session's undo stack.

An edit is applied first, then pushed as a command holding its EditOutcome; the command's first
redo() (which QUndoStack.push calls) does nothing, later redos write the outcome's new values
again, undo writes the old ones back through editing.undo. After each, `photos_changed` names
the photos to refresh, and only those.

A write refused because a colleague changed a photo first (ConflictError: every write names the
versions the user saw) is not an error here: `conflicted` hands the window an EditConflict with
what the user asked for and how to try again, and the window asks the user (conflict_flow.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop.core.library_records import FieldChange, TagChange
from desktop.services import browse, editing, review
from desktop.services.editing import EditOutcome, Replacement
from desktop.services.library import ConflictError, Library, LibraryError


class EditCommand(QUndoCommand):
    def __init__(self, controller: EditController, outcome: EditOutcome, text: str) -> None:
        super().__init__(text)
        self.controller = controller
        self.outcome = outcome
        self._applied = True  # the edit was written before the push

    def redo(self) -> None:
        if self._applied:
            return
        o = self.outcome
        self.controller.run_quietly(
            lambda: editing.apply_edits(
                self.controller.lib,
                [FieldChange(c.photo_id, c.field, c.new) for c in o.fields],
                list(o.tags),
            ),
            o.photo_ids,
        )
        self._applied = True

    def undo(self) -> None:
        self.controller.run_quietly(
            lambda: editing.undo(self.controller.lib, self.outcome), self.outcome.photo_ids
        )
        self._applied = False


@dataclass(frozen=True)
class EditConflict:
    """A write refused because `error.photo_id` moved on; nothing of it was written.

    A one-photo edit carries what the user wrote (`fields` or `tags`), to be shown beside the
    library's current values and written again against the new version; a batch carries
    `retry`, which tries the same action again against the photos' current versions."""

    error: ConflictError
    label: str
    photo_ids: frozenset[int]
    fields: Mapping[str, str | None] = field(default_factory=dict)
    tags: tuple[TagChange, ...] = ()
    retry: Callable[[], object] | None = None
    retry_label: str = "Retry"

    @property
    def photo_id(self) -> int:
        return self.error.photo_id

    @property
    def one_photo(self) -> bool:
        return self.retry is None and bool(self.fields or self.tags)


def current_versions(lib: Library, photo_ids: Sequence[int]) -> dict[int, int]:
    """The versions the library holds now: what a retry after a conflict is checked against."""
    return {s.id: s.version for s in browse.photo_summaries(lib, list(photo_ids))}


class EditController(QObject):
    photos_changed = Signal(object)  # set of photo ids
    conflicted = Signal(object)  # EditConflict
    failed = Signal(str)

    def __init__(self, lib: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lib = lib
        self.undo_stack = QUndoStack(self)

    # Edits are small single-row writes: done synchronously on the GUI thread so that the undo
    # stack's order is the order the user acted in.

    def edit_fields(
        self, photo_id: int, values: Mapping[str, str | None], version: int | None
    ) -> EditOutcome | None:
        fields = [FieldChange(photo_id, name, value) for name, value in values.items()]
        label = "Edit " + ", ".join(values)
        return self._apply(
            lambda: editing.apply_edits(
                self.lib, fields, expected_versions=_expect(photo_id, version)
            ),
            label,
            {photo_id},
            lambda exc: EditConflict(exc, label, frozenset({photo_id}), fields=dict(values)),
        )

    def edit_tags(
        self, photo_id: int, changes: Sequence[TagChange], version: int | None
    ) -> EditOutcome | None:
        label = "Add tag" if all(c.add for c in changes) else "Remove tag"
        return self._apply(
            lambda: editing.apply_edits(
                self.lib, (), changes, expected_versions=_expect(photo_id, version)
            ),
            label,
            {photo_id},
            lambda exc: EditConflict(exc, label, frozenset({photo_id}), tags=tuple(changes)),
        )

    # Batch edits pass `expected_versions`, the versions the user saw when choosing the photos:
    # refused whole if any of them moved on; the retry re-reads the versions.

    def batch_set(
        self,
        photo_ids: Sequence[int],
        values: Mapping[str, str | None],
        expected_versions: Mapping[int, int] | None = None,
    ) -> EditOutcome | None:
        label = f"Set {', '.join(values)} on {len(photo_ids)} photos"
        return self._apply(
            lambda: editing.batch_set(
                self.lib, photo_ids, values, expected_versions=expected_versions
            ),
            label,
            set(photo_ids),
            lambda exc: EditConflict(
                exc,
                label,
                frozenset(photo_ids),
                retry=lambda: self.batch_set(
                    photo_ids, values, current_versions(self.lib, photo_ids)
                ),
            ),
        )

    def batch_tags(
        self,
        photo_ids: Sequence[int],
        add: Sequence[tuple[str, str]] = (),
        remove: Sequence[tuple[str, str]] = (),
        expected_versions: Mapping[int, int] | None = None,
    ) -> EditOutcome | None:
        label = f"{'Add' if add else 'Remove'} tags on {len(photo_ids)} photos"
        return self._apply(
            lambda: editing.batch_tags(
                self.lib, photo_ids, add=add, remove=remove, expected_versions=expected_versions
            ),
            label,
            set(photo_ids),
            lambda exc: EditConflict(
                exc,
                label,
                frozenset(photo_ids),
                retry=lambda: self.batch_tags(
                    photo_ids, add, remove, current_versions(self.lib, photo_ids)
                ),
            ),
        )

    def accept_suggested_tags(
        self, photo_id: int, tags: Sequence[tuple[str, str]]
    ) -> EditOutcome | None:
        """Accept a photo's suggested tags (kind, name) in one undoable step."""
        label = f"Accept {len(tags)} suggested tags"
        return self._apply(
            lambda: review.accept_suggested_tags(self.lib, photo_id, list(tags)), label, {photo_id}
        )

    def apply_replace(
        self,
        replacements: Sequence[Replacement],
        expected_versions: Mapping[int, int] | None = None,
        preview_again: Callable[[], object] | None = None,
    ) -> EditOutcome | None:
        """The new texts were worked out from the captions the preview showed: after a conflict
        they are stale, so the retry is `preview_again` (the caller's), not a blind re-apply."""
        label = f"Replace in {len(replacements)} captions"
        ids = {r.photo_id for r in replacements}
        return self._apply(
            lambda: editing.apply_replace(
                self.lib, replacements, expected_versions=expected_versions
            ),
            label,
            ids,
            lambda exc: (
                EditConflict(
                    exc, label, frozenset(ids), retry=preview_again, retry_label="Preview again"
                )
                if preview_again is not None
                else None
            ),
        )

    def _apply(
        self,
        write: Callable[[], EditOutcome],
        label: str,
        ids: set[int],
        on_conflict: Callable[[ConflictError], EditConflict | None] | None = None,
    ) -> EditOutcome | None:
        try:
            outcome = write()
        except ConflictError as exc:
            conflict = on_conflict(exc) if on_conflict is not None else None
            if conflict is None:
                self.failed.emit(str(exc))
                self.photos_changed.emit(ids)
            else:
                self.conflicted.emit(conflict)
            return None
        except (LibraryError, ValueError) as exc:
            self.failed.emit(str(exc))
            self.photos_changed.emit(ids)  # show what the library holds, not what was typed
            return None
        if outcome.fields or outcome.tags:
            self.undo_stack.push(EditCommand(self, outcome, label))
            self.photos_changed.emit(outcome.photo_ids)
        return outcome

    def run_quietly(self, write: Callable[[], EditOutcome], ids: set[int]) -> None:
        """Undo/redo: report failure (a photo deleted meanwhile) but keep the stack moving."""
        try:
            write()
        except (LibraryError, ValueError) as exc:
            self.failed.emit(f"could not undo/redo: {exc}")
        self.photos_changed.emit(ids)


def _expect(photo_id: int, version: int | None) -> dict[int, int] | None:
    return None if version is None else {photo_id: version}
