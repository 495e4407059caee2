"""The preview of a find-and-replace: every caption that would change, old beside new."""

from __future__ import annotations

import difflib
import html
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.services.editing import Replacement


def highlight(old: str, new: str) -> str:
    """HTML of `new` with the replaced parts marked, and removed parts struck through."""
    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new).get_opcodes():
        if op == "equal":
            out.append(html.escape(new[b1:b2]))
            continue
        if a2 > a1:
            out.append(f"<s style='color:#c03030'>{html.escape(old[a1:a2])}</s>")
        if b2 > b1:
            out.append(f"<b style='color:#208040'>{html.escape(new[b1:b2])}</b>")
    return "".join(out)


class ReplacePreviewDialog(QDialog):
    def __init__(self, changes: Sequence[Replacement], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.changes = list(changes)
        self.setWindowTitle("Find and replace: preview")
        self.resize(820, 480)
        self.table = QTableWidget(len(self.changes), 2, self)
        self.table.setHorizontalHeaderLabels(["Photo", "Caption after the change"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, change in enumerate(self.changes):
            self.table.setItem(row, 0, QTableWidgetItem(f"#{change.photo_id}"))
            cell = QTextBrowser(self.table)
            cell.setHtml(highlight(change.old, change.new))
            cell.setFrameShape(QTextBrowser.Shape.NoFrame)
            self.table.setCellWidget(row, 1, cell)
            self.table.setRowHeight(row, 72)
        self.table.resizeColumnToContents(0)
        buttons = QDialogButtonBox(self)
        apply = buttons.addButton(
            f"Replace in {len(self.changes)} captions", QDialogButtonBox.ButtonRole.AcceptRole
        )
        apply.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.apply_button = apply
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(self.changes)} captions will change. Undo with Ctrl+Z."))
        layout.addWidget(self.table)
        layout.addWidget(buttons)
