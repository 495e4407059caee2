"""Attaching a waiting caption to a photo as one undoable step: AttachCaptionCommand on the edit
controller's QUndoStack (undo detaches the caption and puts the photo's old values back), and
the CaptionAttacher that asks which text wins when the photo already has a caption.

The attach names the photo's version read with the captions the user chose between; if a
colleague saved the photo meanwhile it is refused, and the window offers to attach again (which
reads the photo afresh and, if need be, asks again)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QWidget

from desktop.core.library_records import CaptionInfo
from desktop.services import editing, review
from desktop.services.editing import EditOutcome
from desktop.services.library import ConflictError, LibraryError
from desktop.ui.caption_versions_dialog import CaptionVersionsDialog
from desktop.ui.edit_controller import EditConflict, EditController, current_versions


class AttachCaptionCommand(QUndoCommand):
    """Pushed after the attach was written: the first redo (from push) does nothing."""

    def __init__(
        self,
        attacher: CaptionAttacher,
        caption_id: int,
        photo_id: int,
        mode: Literal["keep", "replace"],
        text: str | None,
        outcome: EditOutcome,
    ) -> None:
        super().__init__("Attach caption")
        self.attacher = attacher
        self.caption_id, self.photo_id = caption_id, photo_id
        self.mode, self.text = mode, text
        self.outcome = outcome
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            return
        outcome = self.attacher.write(
            lambda: review.attach_caption(
                self.attacher.lib, self.caption_id, self.photo_id, mode=self.mode, text=self.text
            ),
            self.photo_id,
        )
        if outcome is not None:
            self.outcome = outcome
        self._applied = True

    def undo(self) -> None:
        def put_back() -> None:
            review.detach_caption(self.attacher.lib, self.caption_id)
            if self.outcome.fields or self.outcome.tags:
                editing.undo(self.attacher.lib, self.outcome)

        self.attacher.write(put_back, self.photo_id)
        self._applied = False


class CaptionAttacher(QObject):
    """Attaches captions for the review view and the grid; `captions_changed` after each
    attach, undo and redo, so the list of waiting captions is read again."""

    captions_changed = Signal()

    def __init__(
        self,
        edits: EditController,
        lookup: Callable[[int], CaptionInfo | None],
        dialog_parent: QWidget,
    ) -> None:
        super().__init__(edits)
        self.edits = edits
        self.lib = edits.lib
        self.lookup = lookup
        self.dialog_parent = dialog_parent
        self.versions_dialog: CaptionVersionsDialog | None = None

    def attach(self, caption_id: int, photo_id: int) -> None:
        """Attach now if the photo has no caption of its own (or the same one); otherwise ask."""
        caption = self.lookup(caption_id)
        try:
            # The version first: a change landing between the two reads is caught, not missed.
            seen = current_versions(self.lib, [photo_id]).get(photo_id)
            versions = review.caption_versions(self.lib, photo_id)
        except LibraryError as exc:
            self.edits.failed.emit(str(exc))
            return
        current = (versions.current or "").strip()
        if caption is None or not current or current == caption.text.strip():
            self.attach_with(caption_id, photo_id, "replace", None, seen)
            return
        dialog = CaptionVersionsDialog(versions, caption, self.dialog_parent)
        self.versions_dialog = dialog

        def chosen() -> None:
            if dialog.choice is not None:
                mode, text = dialog.choice
                self.attach_with(caption_id, photo_id, mode, text, seen)

        dialog.accepted.connect(chosen)
        dialog.finished.connect(lambda _r: setattr(self, "versions_dialog", None))
        dialog.open()

    def attach_with(
        self,
        caption_id: int,
        photo_id: int,
        mode: Literal["keep", "replace"],
        text: str | None,
        expected_version: int | None = None,
    ) -> AttachCaptionCommand | None:
        try:
            outcome = self.write(
                lambda: review.attach_caption(
                    self.lib,
                    caption_id,
                    photo_id,
                    mode=mode,
                    text=text,
                    expected_version=expected_version,
                ),
                photo_id,
                conflicts=True,
            )
        except ConflictError as exc:
            self.edits.conflicted.emit(
                EditConflict(
                    exc,
                    "Attach caption",
                    frozenset({photo_id}),
                    retry=lambda: self.attach(caption_id, photo_id),
                    retry_label="Attach again",
                )
            )
            return None
        if outcome is None:
            return None
        command = AttachCaptionCommand(self, caption_id, photo_id, mode, text, outcome)
        self.edits.undo_stack.push(command)
        return command

    def write(
        self, fn: Callable[[], EditOutcome | None], photo_id: int, conflicts: bool = False
    ) -> EditOutcome | None:
        """Small writes, on the GUI thread like every edit, so the undo order is the user's.
        With `conflicts`, a ConflictError is raised for the caller to offer a retry."""
        try:
            result = fn()
        except ConflictError:
            if conflicts:
                raise
            self.edits.failed.emit("Could not attach the caption: the photo changed meanwhile")
            result = None
        except (LibraryError, ValueError) as exc:
            self.edits.failed.emit(f"Could not attach the caption: {exc}")
            result = None
        self.edits.photos_changed.emit({photo_id})
        self.captions_changed.emit()
        return result
