"""The progress dialog of a long task (import, export): count, current file, time left, Cancel.

It shows Progress events from the task runner and cancels the task's token; it never waits for
the task itself, so the GUI stays responsive while a cancelled task cleans up.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desktop.core.progress import Progress
from desktop.ui.tasks import Task

MIN_SECONDS_FOR_ESTIMATE = 1.0  # the first second (a process pool starting) says nothing


class ThroughputClock:
    """Estimates the time left from the throughput since the first unit was done."""

    def __init__(self) -> None:
        self._start: tuple[float, int] | None = None

    def seconds_left(self, done: int, total: int | None, now: float | None = None) -> float | None:
        now = time.monotonic() if now is None else now
        if total is None or done <= 0:
            return None
        if self._start is None:
            self._start = (now, done)
            return None
        t0, d0 = self._start
        elapsed, units = now - t0, done - d0
        if elapsed < MIN_SECONDS_FOR_ESTIMATE or units <= 0:
            return None
        return max(0.0, (total - done) * elapsed / units)


def describe_seconds(seconds: float | None) -> str:
    if seconds is None:
        return "Estimating time left…"
    if seconds < 5:
        return "A few seconds left"
    if seconds < 90:
        return f"About {round(seconds / 5) * 5:.0f} seconds left"
    if seconds < 90 * 60:
        return f"About {round(seconds / 60):.0f} minutes left"
    return f"About {seconds / 3600:.1f} hours left"


class TaskProgressDialog(QDialog):
    """Window-modal while the task runs; Cancel (or Esc, or closing) cancels the task."""

    cancel_requested = Signal()

    def __init__(self, title: str, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.unit = unit
        self.task: Task | None = None
        self.clock = ThroughputClock()
        self.stage = QLabel("Starting…", self)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.count = QLabel(self)
        self.current = QLabel(self)
        self.current.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.current.setMinimumWidth(460)
        self.eta = QLabel(self)
        self.eta.setForegroundRole(self.eta.foregroundRole().PlaceholderText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.cancel)
        layout = QVBoxLayout(self)
        for w in (self.stage, self.bar, self.count, self.current, self.eta):
            layout.addWidget(w)
        layout.addWidget(self.buttons)

    def watch(self, task: Task) -> None:
        self.task = task

    def show_progress(self, p: Progress) -> None:
        self.stage.setText(p.stage.capitalize() + "…")
        if p.total:
            self.bar.setRange(0, p.total)
            self.bar.setValue(min(p.done, p.total))
            self.count.setText(f"{p.done:,} of {p.total:,} {self.unit}")
        else:
            self.bar.setRange(0, 0)
            self.count.setText(f"{p.done:,} {self.unit}" if p.done else "")
        if p.current:
            metrics = self.current.fontMetrics()
            text = metrics.elidedText(p.current, Qt.TextElideMode.ElideMiddle, 460)
            self.current.setText(text)
            self.current.setToolTip(p.current)
        self.eta.setText(describe_seconds(self.clock.seconds_left(p.done, p.total)))

    def cancel(self) -> None:
        """Ask the task to stop; the owner closes the dialog when the task reports back."""
        if self.task is not None:
            self.task.cancel()
        self.cancel_button.setEnabled(False)
        self.stage.setText("Cancelling… (putting everything back as it was)")
        self.cancel_requested.emit()

    def reject(self) -> None:  # Esc and the window's close button
        if self.cancel_button.isEnabled():
            self.cancel()

    def finish(self) -> None:
        self.task = None
        self.done(QDialog.DialogCode.Accepted)
