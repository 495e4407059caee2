"""Team mode: notices what other desks changed in a shared library and refreshes just that.

A QTimer asks a services.changes.ChangePoller every few seconds; the poll runs on the task
runner (never the GUI thread), and a tick is skipped while the previous poll is still out.
Edited photos repaint their grid cells and, unless the user is typing into it, the inspector;
imports and removals re-query the view, keeping the selection and the scroll position.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel

from desktop.services.changes import ChangePoller, ChangeSet

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

POLL_INTERVAL_MS = 3000


class TeamSync(QObject):
    polled = Signal(object)  # the ChangeSet, after the window was refreshed for it

    def __init__(self, window: MainWindow, interval_ms: int = POLL_INTERVAL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.poller: ChangePoller | None = None
        self.polling = False  # a poll is out on the runner
        self.closed = False  # the window is closing: late answers are dropped
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll_now)
        self.label = QLabel(window)
        self.label.setToolTip("Other desks' edits and imports show up here within seconds")
        self.label.setVisible(False)
        window.statusBar().addPermanentWidget(self.label)

    def start(self) -> None:
        """Make the poller (it reads where the library stands now) and start the timer."""
        if self.poller is not None or self.polling:
            return
        self.polling = True
        self.window.runner.submit(
            ChangePoller,
            self.window.lib,
            on_done=self._poller_ready,
            on_error=self._poll_failed,
            track=False,  # background upkeep: not "Working…" in the status bar
        )

    def _poller_ready(self, poller: ChangePoller) -> None:
        self.polling = False
        self.poller = poller
        if not self.closed:
            self.timer.start()

    def stop(self) -> None:
        """Stop polling on the timer (poll_now still polls)."""
        self.timer.stop()

    def close(self) -> None:
        """For good, as the window closes: no poll starts, and one still out is ignored."""
        self.closed = True
        self.timer.stop()

    def set_interval(self, msecs: int) -> None:
        self.timer.setInterval(msecs)

    def poll_now(self) -> bool:
        """Ask the library what changed; False when a poll is already out (or not started)."""
        if self.poller is None or self.polling or self.closed:
            return False
        self.polling = True
        self.window.runner.submit(
            self.poller.poll, on_done=self._polled, on_error=self._poll_failed, track=False
        )
        return True

    def _poll_failed(self, exc: BaseException) -> None:
        # A server gone for a moment must not stop the polling: say so and try next tick.
        self.polling = False
        if self.closed:
            return
        self.window.statusBar().showMessage(
            f"Shared library: cannot check for changes: {exc}", 8000
        )

    def _polled(self, changes: ChangeSet) -> None:
        self.polling = False
        if self.closed:
            return
        if changes.changed:
            self.apply(changes)
        self.polled.emit(changes)

    def apply(self, changes: ChangeSet) -> None:
        w = self.window
        self.label.setText(f"Shared library: last change {datetime.now():%H:%M}")
        self.label.setVisible(True)
        if changes.reload_all or changes.new_photo_ids:
            self._reload_view()
        if changes.photo_ids:
            w.grid_model.refresh(changes.photo_ids)
        shown = w.inspector.detail
        if shown is not None and (changes.reload_all or shown.id in changes.photo_ids):
            # Keeps what the user is typing; shows the banner if the photo moved on under it.
            w.inspector.show_photo(shown.id)
        w.reload_sidebar()  # counts (missing captions, credits, batches) may have moved

    def _reload_view(self) -> None:
        """Re-query the view's ids; the window keeps the selection, this keeps the scroll."""
        w = self.window
        bar = w.grid.verticalScrollBar()
        position = bar.value()

        def restore(_count: int) -> None:
            w.grid.doItemsLayout()  # the new rows' extent, so the old position fits again
            bar.setValue(min(position, bar.maximum()))

        w.ids_loaded.connect(restore, Qt.ConnectionType.SingleShotConnection)
        w.reload_ids()
