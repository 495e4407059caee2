"""Importing photos from the GUI: File > Import photos or a drop of files and folders on the
window; the import runs on the task runner with a progress dialog, the grid fills as photos
arrive, and a summary names each rejected file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.progress import Cancelled, Outcome, Progress
from desktop.services.import_images import import_images
from desktop.ui.import_summary_dialog import ImportSummaryDialog
from desktop.ui.task_progress_dialog import TaskProgressDialog
from desktop.ui.tasks import Task

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

GRID_REFRESH_MS = 700  # while photos arrive: often enough to see them, rarely enough to scroll
IMAGE_FILTER = "Images (*.jpg *.jpeg *.png *.tif *.tiff *.webp *.heic);;All files (*)"


def local_paths(mime: QMimeData) -> list[str]:
    """The local files and folders a drag carries (web links and the like are not ours)."""
    if not mime.hasUrls():
        return []
    return [u.toLocalFile() for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class ImportPhotosFlow(QObject):
    finished = Signal(object)  # the Outcome, or None when cancelled or failed

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.task: Task | None = None
        self.progress_dialog: TaskProgressDialog | None = None
        self.summary_dialog: ImportSummaryDialog | None = None
        self._refresh = QTimer(self)
        self._refresh.setSingleShot(True)
        self._refresh.setInterval(GRID_REFRESH_MS)
        self._refresh.timeout.connect(window.reload_ids)

    @property
    def running(self) -> bool:
        return self.task is not None

    # --- where the paths come from --------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Import a folder of photos")
        if folder:
            self.start([folder])

    def choose_files(self) -> None:
        files, _filter = QFileDialog.getOpenFileNames(
            self.window, "Import photos", "", IMAGE_FILTER
        )
        if files:
            self.start(files)

    def drag_enter(self, event: QDragEnterEvent) -> None:
        if local_paths(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def drop(self, event: QDropEvent) -> None:
        paths = local_paths(event.mimeData())
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.start(paths)

    # --- the import -----------------------------------------------------------------------

    def start(self, paths: Sequence[str | Path]) -> Task | None:
        if self.task is not None:
            self.window.statusBar().showMessage("An import is already running", 5000)
            return None
        dialog = TaskProgressDialog("Importing photos", "files", self.window)
        self.progress_dialog = dialog
        self.task = self.window.runner.submit(
            import_images,
            self.window.lib,
            [str(p) for p in paths],
            pass_cancel=True,
            on_progress=self._progress,
            on_done=self._done,
            on_error=self._failed,
        )
        dialog.watch(self.task)
        dialog.open()
        return self.task

    def cancel(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.cancel()

    def _progress(self, p: Progress) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.show_progress(p)
        # Each chunk written is visible to other readers: show it, without a reload per file.
        if p.done and not self._refresh.isActive():
            self._refresh.start()

    def _end(self) -> None:
        self.task = None
        self._refresh.stop()
        if self.progress_dialog is not None:
            self.progress_dialog.finish()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None
        self.window.refresh_all()

    def _done(self, outcome: Outcome) -> None:
        self._end()
        added = outcome.counts.get("added", 0)
        self.window.statusBar().showMessage(f"Imported {added:,} photos", 8000)
        self.summary_dialog = ImportSummaryDialog(outcome, self.window)
        self.summary_dialog.open()
        self.finished.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self._end()
        if isinstance(exc, Cancelled):
            self.window.statusBar().showMessage("Import cancelled: nothing was added", 8000)
        else:
            box = QMessageBox(
                QMessageBox.Icon.Warning, "Import failed", str(exc), parent=self.window
            )
            box.setInformativeText("Nothing from this import was kept.")
            box.open()
        self.finished.emit(None)
