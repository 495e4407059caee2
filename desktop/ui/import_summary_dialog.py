"""The dialog at the end of an import: what was added, and every rejected file with its reason,
as copyable text (a picture editor pastes it into a message to whoever sent the files)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.progress import Outcome

COUNT_WORDS = (
    ("added", "added"),
    ("unchanged", "already in the library"),
    ("duplicates", "duplicates of other files"),
    ("moved", "moved (found at a new path)"),
    ("matched", "matched to waiting captions"),
)


def summary_line(outcome: Outcome) -> str:
    counts = outcome.counts
    found = counts.get("found", 0)
    parts = [f"{counts[k]:,} {words}" for k, words in COUNT_WORDS if counts.get(k)]
    if outcome.rejected:
        parts.append(f"{len(outcome.rejected):,} rejected")
    head = f"{found:,} image file{'s' if found != 1 else ''} found"
    return head + (": " + ", ".join(parts) if parts else ".")


def rejected_text(outcome: Outcome) -> str:
    return "\n".join(r.describe() for r in outcome.rejected)


def warnings_text(outcome: Outcome) -> str:
    """Files imported, but with a metadata block that was refused or could not be read."""
    return "\n".join(r.describe() for r in outcome.warnings)


class ImportSummaryDialog(QDialog):
    def __init__(self, outcome: Outcome, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.outcome = outcome
        self.setWindowTitle("Import finished")
        self.headline = QLabel(summary_line(outcome), self)
        self.headline.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.headline)
        self.rejected = QPlainTextEdit(self)
        self.rejected.setReadOnly(True)
        self.rejected.setAccessibleName("Rejected files")
        self.rejected.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        self.copy_button = QPushButton("Copy", self)
        self.copy_button.setToolTip("Copy the list of rejected files and reasons")
        self.copy_button.clicked.connect(self.copy)
        if outcome.rejected or outcome.warnings:
            text = rejected_text(outcome)
            if outcome.warnings:
                # Kept in the same copyable text, after the refusals, under their own heading.
                warned = "Imported, with warnings:\n" + warnings_text(outcome)
                text = f"{text}\n\n{warned}" if text else warned
            heading = "These files were not imported:" if outcome.rejected else "Warnings:"
            layout.addWidget(QLabel(heading, self))
            self.rejected.setPlainText(text)
            layout.addWidget(self.rejected)
            buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
            self.resize(720, 360)
        else:
            self.rejected.hide()
            self.copy_button.hide()
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.rejected.toPlainText())
