"""The side-by-side choice when a dump caption is attached to a photo that already has one:
embedded (from the file) vs dump vs current, then keep current, use the dump's, or merge."""

from __future__ import annotations

from typing import Literal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.library_records import CaptionInfo
from desktop.services.review import CaptionVersions

Choice = tuple[Literal["keep", "replace"], str | None]  # attach mode, merged text


def merged_text(current: str | None, dump: str) -> str:
    """Both texts, current first, for the editor to trim: never loses a word of either."""
    current = (current or "").strip()
    return f"{current}\n\n{dump.strip()}" if current else dump.strip()


class CaptionVersionsDialog(QDialog):
    """`choice` is set when accepted: ("keep", None), ("replace", None) or ("replace", text)."""

    def __init__(
        self, versions: CaptionVersions, dump: CaptionInfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.versions, self.dump = versions, dump
        self.choice: Choice | None = None
        self.setWindowTitle("This photo already has a caption")
        grid = QGridLayout()
        embedded = versions.embedded.text if versions.embedded else None
        where = f"{dump.source}:{dump.line}" if dump.source and dump.line else "the dump"
        credit = f"\n\n{dump.credit}" if dump.credit else ""
        columns = (
            ("Embedded in the file", embedded),
            (f"From {where}", dump.text + credit),
            ("Current caption", versions.current),
        )
        self.texts: dict[str, QPlainTextEdit] = {}
        for col, (title, text) in enumerate(columns):
            grid.addWidget(QLabel(f"<b>{title}</b>", self), 0, col)
            view = QPlainTextEdit(self)
            view.setReadOnly(True)
            view.setPlainText(text or "")
            view.setPlaceholderText("(none)")
            view.setMinimumWidth(230)
            grid.addWidget(view, 1, col)
            self.texts[title.split()[0].lower()] = view
        self.merge = QPlainTextEdit(self)
        self.merge.setAccessibleName("Merged caption")
        self.merge.setPlainText(merged_text(versions.current, dump.text))
        buttons = QDialogButtonBox(self)
        self.keep_button = QPushButton("Keep current", self)
        self.dump_button = QPushButton("Use the dump's", self)
        self.merge_button = QPushButton("Use the merged text", self)
        for b in (self.keep_button, self.dump_button, self.merge_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.rejected.connect(self.reject)
        self.keep_button.clicked.connect(lambda: self.choose("keep", None))
        self.dump_button.clicked.connect(lambda: self.choose("replace", None))
        self.merge_button.clicked.connect(
            lambda: self.choose("replace", self.merge.toPlainText().strip())
        )
        self.dump_button.setDefault(True)
        layout = QVBoxLayout(self)
        note = QLabel(
            "The dump's caption will be attached to this photo in every case; choose the text "
            "the photo keeps. Undo (Ctrl+Z) puts everything back.",
            self,
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addLayout(grid)
        layout.addWidget(QLabel("<b>Merged</b> (edit before using it)", self))
        layout.addWidget(self.merge)
        layout.addWidget(buttons)
        self.resize(900, 520)

    def choose(self, mode: Literal["keep", "replace"], text: str | None) -> None:
        if mode == "replace" and text is not None and not text:
            return  # an empty merge would wipe the caption: not a choice
        self.choice = (mode, text)
        self.accept()
