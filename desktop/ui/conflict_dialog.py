"""The dialog shown when a colleague saved a photo while this desk was editing it: for each field
the user wrote, "Theirs" (what the library holds now) beside "Mine" (what was typed), and for the
caption an editable merge of both; the user keeps theirs, uses mine, or uses the merge.

It only asks: conflict_flow.py reads the values, writes the choice and reloads the inspector.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

Choice = Literal["theirs", "mine", "merged"]


@dataclass(frozen=True)
class FieldConflict:
    """One field the user wrote: the library's value now and the user's, as display text."""

    name: str  # "caption", "credit", ... or "tags"
    label: str
    theirs: str
    mine: str
    they_changed: bool | None = None  # did the colleague change this very field? None: unknown


def merged_caption(mine: str, theirs: str) -> str:
    """Mine first, then theirs as a new paragraph: every word of both, for the user to trim."""
    mine, theirs = mine.strip(), theirs.strip()
    if not theirs or theirs == mine:
        return mine
    if not mine:
        return theirs
    return f"{mine}\n\n{theirs}"


def _read_only_look(view: QWidget) -> None:
    """Theirs and mine are to read and copy from: the window's colour, not a field's white, so
    that the merge is plainly the one thing to type into."""
    palette = view.palette()
    palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
    view.setPalette(palette)


def _caption_view(text: str, name: str, parent: QWidget) -> QPlainTextEdit:
    view = QPlainTextEdit(parent)
    view.setReadOnly(True)
    view.setPlainText(text)
    view.setPlaceholderText("(empty)")
    view.setAccessibleName(name)
    view.setMinimumWidth(300)
    line = view.fontMetrics().lineSpacing()
    view.setFixedHeight(line * 6 + 12)  # a full caption's few lines, scrolling past that
    _read_only_look(view)
    return view


def _value_view(text: str, name: str, parent: QWidget) -> QLineEdit:
    view = QLineEdit(parent)
    view.setReadOnly(True)
    view.setText(text)
    view.setPlaceholderText("(empty)")
    view.setAccessibleName(name)
    view.setCursorPosition(0)
    _read_only_look(view)
    return view


class ConflictDialog(QDialog):
    """`choice` is set when accepted; `values()` then gives what to write for "mine"/"merged"."""

    def __init__(
        self,
        photo_label: str,
        changed_by: str,
        rows: Sequence[FieldConflict],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.rows = {r.name: r for r in rows}
        self.choice: Choice | None = None
        self.setWindowTitle("Changed by someone else")

        heading = QLabel(f"{photo_label} was changed by {changed_by} while you were editing it.")
        bold = QFont(heading.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        heading.setFont(bold)
        heading.setWordWrap(True)
        note = QLabel(
            "Nothing you typed has been saved yet. Choose what the photo keeps; "
            "Undo (Ctrl+Z) works on whatever you choose.",
            self,
        )
        note.setWordWrap(True)

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.addWidget(QLabel("<b>Theirs</b> — in the library now", self), 0, 1)
        grid.addWidget(QLabel("<b>Mine</b> — what you typed", self), 0, 2)
        self.theirs_views: dict[str, QPlainTextEdit | QLineEdit] = {}
        self.mine_views: dict[str, QPlainTextEdit | QLineEdit] = {}
        for row, r in enumerate(rows, start=1):
            label = QLabel(r.label + _changed_note(r.they_changed), self)
            label.setTextFormat(Qt.TextFormat.RichText)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            make = _caption_view if r.name in ("caption", "tags") else _value_view
            self.theirs_views[r.name] = make(r.theirs, f"Theirs: {r.label}", self)
            self.mine_views[r.name] = make(r.mine, f"Mine: {r.label}", self)
            grid.addWidget(self.theirs_views[r.name], row, 1)
            grid.addWidget(self.mine_views[r.name], row, 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)

        buttons = QDialogButtonBox(self)
        self.theirs_button = QPushButton("Keep theirs", self)
        self.theirs_button.setToolTip("Drop what you typed; the photo keeps their version")
        self.mine_button = QPushButton("Use mine", self)
        self.mine_button.setToolTip("Write what you typed over their version")
        self.merged_button = QPushButton("Use merged", self)
        self.merged_button.setToolTip("Write the merged caption below (and your other fields)")
        self.merge: QPlainTextEdit | None = None
        caption = self.rows.get("caption")

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addSpacing(6)
        layout.addLayout(grid)
        if caption is not None:
            self.merge = QPlainTextEdit(self)
            self.merge.setAccessibleName("Merged caption")
            self.merge.setPlainText(merged_caption(caption.mine, caption.theirs))
            self.merge.setMinimumHeight(self.merge.fontMetrics().lineSpacing() * 6 + 12)
            others = [r.label.lower() for r in rows if r.name != "caption"]
            also = f"; “Use merged” also writes your {', '.join(others)}" if others else ""
            merge_label = QLabel(f"<b>Merged caption</b> — edit it before using it{also}", self)
            layout.addSpacing(6)
            layout.addWidget(merge_label)
            layout.addWidget(self.merge, 1)
        for b in (self.theirs_button, self.mine_button, self.merged_button):
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
        self.merged_button.setVisible(caption is not None)
        # Enter chooses what loses no one's words: the merge when there is one.
        (self.merged_button if caption is not None else self.mine_button).setDefault(True)
        self.theirs_button.clicked.connect(lambda: self.choose("theirs"))
        self.mine_button.clicked.connect(lambda: self.choose("mine"))
        self.merged_button.clicked.connect(lambda: self.choose("merged"))
        layout.addWidget(buttons)
        self.resize(820, self.sizeHint().height())

    def choose(self, choice: Choice) -> None:
        if choice == "merged" and self.merge is not None and not self.merge.toPlainText().strip():
            self.merge.setFocus()
            return  # an empty merge would wipe the caption: not a choice
        self.choice = choice
        self.accept()

    def reject(self) -> None:
        """Escape or closing the window keeps theirs: only an explicit choice writes."""
        self.choice = "theirs"
        super().reject()

    def values(self) -> dict[str, str]:
        """The field values to write for the choice made (tags are written by the caller)."""
        out = {n: r.mine for n, r in self.rows.items() if n != "tags"}
        if self.choice == "merged" and self.merge is not None:
            out["caption"] = self.merge.toPlainText().strip()
        return out


def _changed_note(they_changed: bool | None) -> str:
    if they_changed is None:
        return ""
    text = "they changed it" if they_changed else "they left it as it was"
    color = "#c03030" if they_changed else "#7a7d84"
    return f"<br><small style='color:{color}'>{text}</small>"
