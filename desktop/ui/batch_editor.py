"""The inspector's batch mode: set credit/byline/copyright, add or remove tags, and find and
replace in captions (previewed first) on every selected photo at once.

Each batch names the versions of the photos the user saw (the grid's, or the preview's), so a
colleague's change to one of them meanwhile refuses the batch instead of being overwritten."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import browse, editing
from desktop.services.library import Library
from desktop.ui.edit_controller import EditController, current_versions
from desktop.ui.replace_preview_dialog import ReplacePreviewDialog
from desktop.ui.tag_chips import TagEntry

BATCH_FIELDS = ("credit", "byline", "copyright")


class BatchEditor(QWidget):
    status_message = Signal(str)

    def __init__(
        self,
        lib: Library,
        edits: EditController,
        selected_ids: Callable[[], Sequence[int]],
        parent: QWidget | None = None,
        seen_versions: Callable[[Sequence[int]], Mapping[int, int]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.lib = lib
        self.edits = edits
        self.selected_ids = selected_ids
        # The versions the user saw of these photos; by default, the library's now.
        self.seen_versions = seen_versions or (lambda ids: current_versions(lib, ids))
        self.preview_dialog: ReplacePreviewDialog | None = None

        self.heading = QLabel(self)
        bold = QFont(self.heading.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.heading.setFont(bold)

        fields_box = QGroupBox("Set for all selected", self)
        form = QFormLayout(fields_box)
        self.field_edits: dict[str, QLineEdit] = {}
        self.credit_names = QStringListModel(self)
        self.byline_names = QStringListModel(self)
        for name in BATCH_FIELDS:
            edit = QLineEdit(self)
            edit.setAccessibleName(f"Batch {name}")
            edit.setPlaceholderText("leave empty to keep each photo's own")
            edit.returnPressed.connect(self.apply_fields)
            self.field_edits[name] = edit
            form.addRow(name.capitalize(), edit)
        for name, model in (("credit", self.credit_names), ("byline", self.byline_names)):
            completer = QCompleter(model, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.field_edits[name].setCompleter(completer)
        self.apply_button = QPushButton("Apply to all", self)
        self.apply_button.clicked.connect(self.apply_fields)
        form.addRow("", self.apply_button)

        tags_box = QGroupBox("Tags", self)
        tags_layout = QVBoxLayout(tags_box)
        self.tag_entry = TagEntry(
            lambda kind: [n for _k, n, _c in browse.known_tags(self.lib, kind)], self
        )
        self.tag_entry.tag_entered.connect(lambda k, n: self.change_tag(k, n, add=True))
        self.remove_tag_button = QPushButton("Remove from all", self)
        self.remove_tag_button.setToolTip("Remove the tag typed above from every selected photo")
        self.remove_tag_button.clicked.connect(self._remove_typed_tag)
        tags_layout.addWidget(self.tag_entry)
        row = QHBoxLayout()
        row.addWidget(QLabel("Enter adds to all;", self))
        row.addStretch(1)
        row.addWidget(self.remove_tag_button)
        tags_layout.addLayout(row)

        replace_box = QGroupBox("Find and replace in captions", self)
        rform = QFormLayout(replace_box)
        self.find_edit = QLineEdit(self)
        self.find_edit.setAccessibleName("Find")
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setAccessibleName("Replace with")
        self.regex_check = QCheckBox("Regular expression", self)
        self.case_check = QCheckBox("Match case", self)
        self.case_check.setChecked(True)
        self.preview_button = QPushButton("Preview changes…", self)
        self.preview_button.clicked.connect(self.preview_replace)
        self.find_edit.returnPressed.connect(self.preview_replace)
        rform.addRow("Find", self.find_edit)
        rform.addRow("Replace", self.replace_edit)
        checks = QHBoxLayout()
        checks.addWidget(self.regex_check)
        checks.addWidget(self.case_check)
        rform.addRow("", checks)
        rform.addRow("", self.preview_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(fields_box)
        layout.addWidget(tags_box)
        layout.addWidget(replace_box)
        layout.addStretch(1)

    def show_selection(self, count: int) -> None:
        self.heading.setText(f"{count} photos selected")

    def reload_vocabularies(self) -> None:
        self.credit_names.setStringList(browse.known_credits(self.lib))
        self.byline_names.setStringList(browse.known_bylines(self.lib))
        self.tag_entry.reload_names()

    def apply_fields(self) -> None:
        values = {n: e.text().strip() for n, e in self.field_edits.items() if e.text().strip()}
        ids = list(self.selected_ids())
        if not values or not ids:
            return
        outcome = self.edits.batch_set(ids, values, self.seen_versions(ids))
        if outcome is not None:
            for name in values:
                self.field_edits[name].clear()
            self.status_message.emit(f"Changed {len(outcome.photo_ids)} of {len(ids)} photos")
            self.reload_vocabularies()

    def change_tag(self, kind: str, name: str, add: bool) -> None:
        ids = list(self.selected_ids())
        if not ids:
            return
        seen = self.seen_versions(ids)
        if add:
            outcome = self.edits.batch_tags(ids, add=[(kind, name)], expected_versions=seen)
        else:
            outcome = self.edits.batch_tags(ids, remove=[(kind, name)], expected_versions=seen)
        if outcome is not None:
            verb = "Tagged" if add else "Untagged"
            self.status_message.emit(f"{verb} {len(outcome.photo_ids)} photos: {name}")
        self.tag_entry.reload_names()

    def _remove_typed_tag(self) -> None:
        name = " ".join(self.tag_entry.edit.text().split())
        if name:
            self.change_tag(self.tag_entry.kind.currentText(), name, add=False)
            self.tag_entry.edit.clear()

    def preview_replace(self) -> None:
        """Show what would change; nothing is written until the dialog is accepted."""
        find = self.find_edit.text()
        if not find:
            return
        self._preview(
            list(self.selected_ids()),
            find,
            self.replace_edit.text(),
            self.regex_check.isChecked(),
            self.case_check.isChecked(),
        )

    def _preview(self, ids: list[int], find: str, repl: str, regex: bool, case: bool) -> None:
        # Versions first: a change landing between the two reads is then caught, not missed.
        seen = current_versions(self.lib, ids)
        try:
            changes = editing.preview_replace(
                self.lib, ids, find, repl, regex=regex, case_sensitive=case
            )
        except re.error as exc:
            self.status_message.emit(f"Bad regular expression: {exc}")
            self.find_edit.setStyleSheet("border: 1px solid #d03030;")
            return
        self.find_edit.setStyleSheet("")
        if not changes:
            self.status_message.emit("No caption of the selection matches")
            return
        dialog = ReplacePreviewDialog(changes, self)
        dialog.accepted.connect(
            lambda: self.edits.apply_replace(
                changes,
                {r.photo_id: seen[r.photo_id] for r in changes if r.photo_id in seen},
                # After a conflict the new texts are stale: work them out again and show them.
                preview_again=lambda: self._preview(ids, find, repl, regex, case),
            )
        )
        dialog.finished.connect(lambda _r: setattr(self, "preview_dialog", None))
        self.preview_dialog = dialog
        dialog.open()  # window-modal, yet does not block the event loop
