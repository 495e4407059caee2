"""What the window does when a write is refused because a colleague saved the photo first.

A one-photo edit opens the ConflictDialog (theirs, re-read from the library, beside what the user
typed); the inspector shows theirs meanwhile, since the user's text is safe in the dialog. Using
mine or the merge writes again through the EditController (so it is undoable) against the
version the dialog showed, so a third change in between is caught again. A batch, replace or
attach names the photo that changed and offers to try again against the current versions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QPushButton

from desktop.core.library_records import PhotoDetail, PhotoSummary, TagChange
from desktop.services import browse
from desktop.services.library import LibraryError
from desktop.ui.change_banner import last_editor
from desktop.ui.conflict_dialog import ConflictDialog, FieldConflict
from desktop.ui.edit_controller import EditConflict
from desktop.ui.photo_inspector import LABELS

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

FIELD_LABELS = {"caption": "Caption", "state": "State", **LABELS}


def field_text(detail: PhotoDetail, name: str) -> str:
    """A field's value as the dialog shows it ("" for none)."""
    s = detail.summary
    if name == "taken_at":
        return s.taken_at.isoformat(sep=" ", timespec="minutes") if s.taken_at else ""
    value = getattr(s, name) if name in ("caption", "credit", "byline") else getattr(detail, name)
    return value or ""


def tags_text(detail: PhotoDetail) -> str:
    return "\n".join(f"{t.kind}: {t.name}" for t in detail.tags if t.state == "accepted")


def tag_changes_text(changes: Sequence[TagChange]) -> str:
    return "\n".join(f"{'add' if c.add else 'remove'} {c.kind}: {c.name}" for c in changes)


def photo_label(summary: PhotoSummary) -> str:
    return f"“{summary.file_name}” (#{summary.id})"


def conflict_rows(
    conflict: EditConflict, theirs: PhotoDetail, seen: PhotoDetail | None
) -> list[FieldConflict]:
    """Theirs and mine for what the user wrote; `seen` (what the user started from, when the
    inspector still has it) tells whether the colleague changed that very field."""
    if conflict.tags:
        changed = None if seen is None else tags_text(seen) != tags_text(theirs)
        mine = tag_changes_text(conflict.tags)
        return [FieldConflict("tags", "Tags", tags_text(theirs), mine, changed)]
    rows = []
    for name, mine_value in conflict.fields.items():
        now = field_text(theirs, name)
        changed = None if seen is None else field_text(seen, name) != now
        label = FIELD_LABELS.get(name, name.capitalize())
        rows.append(FieldConflict(name, label, now, mine_value or "", changed))
    return rows


class ConflictResolver(QObject):
    """Listens to the edit controller's `conflicted` and asks the user what to keep."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.dialog: ConflictDialog | None = None
        self.batch_box: QMessageBox | None = None
        self.retry_button: QPushButton | None = None
        window.edits.conflicted.connect(self.handle)

    def handle(self, conflict: EditConflict) -> None:
        if conflict.one_photo:
            self._ask_one(conflict)
        else:
            self._ask_batch(conflict)

    def _show_library_values(self, ids: set[int]) -> None:
        """The grid and the inspector show what the library holds now (theirs)."""
        w = self.window
        w.grid_model.refresh(ids)
        shown = w.inspector.detail
        if shown is not None and shown.id in ids:
            w.inspector.show_photo(shown.id, discard_typing=True)

    # --- one photo: theirs, mine, merged ----------------------------------------------------

    def _ask_one(self, conflict: EditConflict) -> None:
        w = self.window
        pid = conflict.photo_id
        try:
            theirs = browse.photo_detail(w.lib, pid)
        except LibraryError as exc:  # deleted meanwhile: nothing to write to
            w.statusBar().showMessage(str(exc), 8000)
            self._show_library_values({pid})
            return
        shown = w.inspector.detail
        seen = shown if shown is not None and shown.id == pid else None
        rows = conflict_rows(conflict, theirs, seen)
        dialog = ConflictDialog(photo_label(theirs.summary), last_editor(w.lib, pid), rows, w)
        self._show_library_values({pid})
        dialog.finished.connect(lambda _r: self._chosen(dialog, conflict, theirs))
        self.dialog = dialog
        dialog.open()

    def _chosen(self, dialog: ConflictDialog, conflict: EditConflict, theirs: PhotoDetail) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()
        w, pid = self.window, conflict.photo_id
        if dialog.choice in (None, "theirs"):
            w.statusBar().showMessage(f"Kept their version of {photo_label(theirs.summary)}", 6000)
            self._show_library_values({pid})
            return
        # Against the version the dialog showed: if it moved on again, the user is asked again.
        version = theirs.summary.version
        if conflict.tags:
            w.edits.edit_tags(pid, list(conflict.tags), version)
        else:
            w.edits.edit_fields(pid, dialog.values(), version)

    # --- a batch: which photo changed, try again or cancel ---------------------------------

    def _ask_batch(self, conflict: EditConflict) -> None:
        w = self.window
        pid = conflict.photo_id
        try:
            found = browse.photo_summaries(w.lib, [pid])
        except LibraryError:
            found = []
        summary = found[0] if found else None
        label = photo_label(summary) if summary is not None else f"Photo #{pid}"
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Changed by someone else",
            f"{label} was changed by {last_editor(w.lib, pid)} after you chose it.",
            parent=w,
        )
        what = "Try again" if conflict.retry_label == "Retry" else conflict.retry_label
        box.setInformativeText(
            f"Nothing was written: “{conflict.label}” is made only on photos as you saw them. "
            f"{what} with the photos as they are now, or cancel."
        )
        retry = box.addButton(conflict.retry_label, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(retry)
        self._show_library_values(set(conflict.photo_ids))

        def finished(_result: int) -> None:
            if self.batch_box is box:
                self.batch_box = self.retry_button = None
            box.deleteLater()
            if box.clickedButton() is retry and conflict.retry is not None:
                conflict.retry()

        box.finished.connect(finished)
        self.batch_box, self.retry_button = box, retry
        box.open()
