"""Importing a caption dump from the GUI: read and match it in the background, show the preview
dialog (nothing written yet), then import what the user kept, with progress, and refresh."""

from __future__ import annotations

from collections.abc import Generator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.core.progress import Cancelled, CancelToken, Outcome, Progress
from desktop.services import browse, review
from desktop.services.library import Library
from desktop.services.review import Choice, DumpPreview
from desktop.ui.dump_preview_dialog import DumpPreviewDialog
from desktop.ui.task_progress_dialog import TaskProgressDialog
from desktop.ui.tasks import Task

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

DUMP_FILTER = "Caption dumps (*.txt *.html *.htm *.xml *.json);;All files (*)"


def read_preview(
    lib: Library, path: Path, *, cancel: CancelToken | None = None
) -> Generator[Progress, None, tuple[DumpPreview, dict[int, str]]]:
    """In a worker: the preview, and the file names of every photo it proposes (for display)."""
    preview = yield from review.preview_dump(lib, path, cancel=cancel)
    ids = {m.photo_id for i in preview.items for m in [i.proposed, *i.candidates] if m}
    names = {s.id: s.file_name for s in browse.photo_summaries(lib, sorted(ids))}
    return preview, names


class ImportDumpFlow(QObject):
    finished = Signal(object)  # the Outcome, or None when cancelled, failed or abandoned

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.task: Task | None = None
        self.progress_dialog: TaskProgressDialog | None = None
        self.preview_dialog: DumpPreviewDialog | None = None

    @property
    def running(self) -> bool:
        return self.task is not None

    def choose(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.window, "Import a caption dump", "", DUMP_FILTER
        )
        if path:
            self.start(Path(path))

    def start(self, path: Path) -> Task | None:
        """Step 1: parse and match in the background; the preview dialog opens when done."""
        if self.task is not None or self.preview_dialog is not None:
            self.window.statusBar().showMessage("A caption import is already under way", 5000)
            return None
        return self._run(
            "Reading the caption dump",
            "captions",
            read_preview,
            (self.window.lib, Path(path)),
            self._previewed,
        )

    def _previewed(self, result: tuple[DumpPreview, dict[int, str]]) -> None:
        self._end_task()
        preview, names = result
        dialog = DumpPreviewDialog(preview, names, self.window)
        self.preview_dialog = dialog
        dialog.accepted.connect(lambda: self.import_selection(preview, dialog.model.choices()))
        dialog.rejected.connect(lambda: self.finished.emit(None))
        dialog.finished.connect(lambda _r: setattr(self, "preview_dialog", None))
        dialog.open()

    def import_selection(self, preview: DumpPreview, choices: Mapping[int, Choice]) -> Task | None:
        """Step 2: write the chosen captions, in one transaction, in the background."""
        return self._run(
            "Importing captions",
            "captions",
            review.import_dump_selection,
            (self.window.lib, preview, dict(choices)),
            self._imported,
        )

    def _run(self, title: str, unit: str, fn, args: tuple, on_done) -> Task:
        dialog = TaskProgressDialog(title, unit, self.window)
        self.progress_dialog = dialog
        self.task = self.window.runner.submit(
            fn,
            *args,
            pass_cancel=True,
            on_progress=dialog.show_progress,
            on_done=on_done,
            on_error=self._failed,
        )
        dialog.watch(self.task)
        dialog.open()
        return self.task

    def _end_task(self) -> None:
        self.task = None
        if self.progress_dialog is not None:
            self.progress_dialog.finish()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _imported(self, outcome: Outcome) -> None:
        self._end_task()
        self.window.refresh_all()
        added, matched = outcome.counts.get("added", 0), outcome.counts.get("matched", 0)
        self.window.statusBar().showMessage(
            f"Imported {added:,} captions, {matched:,} attached to photos", 10000
        )
        self.finished.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self._end_task()
        if isinstance(exc, Cancelled):
            self.window.statusBar().showMessage("Caption import cancelled: nothing changed", 8000)
        else:
            box = QMessageBox(
                QMessageBox.Icon.Warning, "Caption import failed", str(exc), parent=self.window
            )
            box.setInformativeText("Nothing was written to the library.")
            box.open()
        self.window.refresh_all()
        self.finished.emit(None)
