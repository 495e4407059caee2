"""The inspector's small, non-modal notice that a colleague saved the photo being typed into:
"Changed by someone else — Reload / Keep editing". It never takes the keyboard focus, so the
caption keeps it (and is not saved by a focus-out) when a button is clicked."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.services import browse
from desktop.services.library import Library, LibraryError


def last_editor(lib: Library, photo_id: int) -> str:
    """Who made the photo's newest edit, and when ("alice at 14:32"): whom to talk to."""
    try:
        history = browse.edit_history(lib, photo_id)
    except LibraryError:
        history = []
    if not history:
        return "someone else"
    return f"{history[0].user} at {_local(history[0].at):%H:%M}"


def _local(at: datetime) -> datetime:
    """The library keeps UTC (SQLite hands it back without a zone): show the desk's clock."""
    return (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone()


class ChangeBanner(QFrame):
    reload_requested = Signal()
    keep_editing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("change-banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Amber, readable on the light and the dark palette alike.
        self.setStyleSheet(
            "#change-banner { background: #fff4d6; border: 1px solid #e0b040; border-radius: 4px; }"
            "#change-banner QLabel { color: #4a3a00; }"
        )
        self.label = QLabel("Changed by someone else", self)
        self.label.setWordWrap(True)
        self.reload_button = QPushButton("Reload", self)
        self.reload_button.setToolTip("Show their version; what you typed here is dropped")
        self.keep_button = QPushButton("Keep editing", self)
        self.keep_button.setToolTip(
            "Carry on typing: when you save, you choose between their version and yours"
        )
        for button in (self.reload_button, self.keep_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.reload_button.clicked.connect(self.reload_requested)
        self.keep_button.clicked.connect(self._keep)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.reload_button)
        layout.addWidget(self.keep_button)
        self.setVisible(False)

    def show_change(self, who: str) -> None:
        self.label.setText(f"<b>Changed by someone else</b> ({who})")
        self.setVisible(True)

    def _keep(self) -> None:
        self.setVisible(False)
        self.keep_editing.emit()
