"""File > Export gallery: which photos (selection, current view, a gallery), sizes, quality, GPS
stripping, the credit line's house style with a live example, the output folder; the export
runs on the task runner with progress and Cancel, and ends with Open folder / Open in browser."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.export import format_caption_line
from desktop.core.library_records import GalleryInfo
from desktop.core.progress import Cancelled, Outcome, Progress
from desktop.core.settings import Settings, load_settings, save_settings
from desktop.services.export import ExportRequest, export_gallery
from desktop.services.library import Library
from desktop.ui.tasks import Task, TaskRunner

EXAMPLE = (
    "Koichi Wakata, Mikhail Tyurin and Rick Mastracchio wave before the launch",
    "REUTERS/Shamil Zhumatov",
)
ERROR_STYLE = "color: #d03030;"


@dataclass(frozen=True)
class ExportSources:
    """What the user may export, as the main window knows it when the dialog opens."""

    selection: list[int] = field(default_factory=list)
    view_ids: list[int] = field(default_factory=list)
    view_label: str = "All photos"
    galleries: list[GalleryInfo] = field(default_factory=list)
    current_gallery: str | None = None  # the gallery shown in the grid, if any
    example: tuple[str, str] = EXAMPLE  # caption and credit for the credit line's example


def folder_name(title: str) -> str:
    slug = re.sub(r"[^\w]+", "-", title.strip().lower(), flags=re.UNICODE).strip("-")
    return slug or "gallery"


class ExportDialog(QDialog):
    exported = Signal(object)  # Outcome

    def __init__(
        self,
        lib: Library,
        runner: TaskRunner,
        sources: ExportSources,
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lib, self.runner, self.sources = lib, runner, sources
        self.settings = settings or load_settings()
        self.task: Task | None = None
        self.outcome: Outcome | None = None
        self.setWindowTitle("Export gallery")
        self._build_source_box()
        self._build_options_box()
        self.progress = QProgressBar(self)
        self.progress.setVisible(False)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            "Export", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setDefault(True)
        self.open_folder_button = self.buttons.addButton(
            "Open folder", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_browser_button = self.buttons.addButton(
            "Open in browser", QDialogButtonBox.ButtonRole.ActionRole
        )
        for b in (self.open_folder_button, self.open_browser_button):
            b.setVisible(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.cancel_or_close)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.open_browser_button.clicked.connect(self.open_in_browser)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source_box)
        layout.addWidget(self.options_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._update_example()
        self.setMinimumWidth(600)

    # --- building -------------------------------------------------------------------------

    def _build_source_box(self) -> None:
        s = self.sources
        self.source_box = QGroupBox("Photos", self)
        self.use_selection = QRadioButton(f"The selection ({len(s.selection):,} photos)", self)
        self.use_view = QRadioButton(f"The current view: {s.view_label} ({len(s.view_ids):,})")
        self.use_gallery = QRadioButton("A gallery:", self)
        self.gallery_combo = QComboBox(self)
        for g in s.galleries:
            self.gallery_combo.addItem(f"{g.name} ({g.photo_count:,})", g.name)
        group = QButtonGroup(self)
        for b in (self.use_selection, self.use_view, self.use_gallery):
            group.addButton(b)
        self.use_selection.setEnabled(bool(s.selection))
        self.use_gallery.setEnabled(bool(s.galleries))
        self.gallery_combo.setEnabled(bool(s.galleries))
        if s.current_gallery and self.gallery_combo.findData(s.current_gallery) >= 0:
            self.use_gallery.setChecked(True)
            self.gallery_combo.setCurrentIndex(self.gallery_combo.findData(s.current_gallery))
        elif len(s.selection) > 1:
            self.use_selection.setChecked(True)
        else:
            self.use_view.setChecked(True)
        self.gallery_combo.activated.connect(lambda _i: self.use_gallery.setChecked(True))
        layout = QVBoxLayout(self.source_box)
        layout.addWidget(self.use_selection)
        layout.addWidget(self.use_view)
        row = QHBoxLayout()
        row.addWidget(self.use_gallery)
        row.addWidget(self.gallery_combo, 1)
        layout.addLayout(row)

    def _build_options_box(self) -> None:
        st = self.settings
        self.options_box = QGroupBox("Gallery", self)
        form = QFormLayout(self.options_box)
        self.title_edit = QLineEdit(self.sources.current_gallery or "Gallery", self)
        self.size_spin = _spin(16, 10000, st.export_size, " px")
        self.thumb_spin = _spin(16, 2000, st.export_thumb_size, " px")
        self.quality_spin = _spin(1, 95, st.export_quality, "")
        self.strip_gps = QCheckBox("Remove GPS and location", self)
        self.strip_gps.setChecked(not st.export_keep_gps)
        self.strip_gps.setToolTip("GPS position, city and country are left out of the images")
        self.style_edit = QLineEdit(st.house_style, self)
        self.style_edit.setToolTip("{caption} and {credit} are replaced; the rest is kept")
        self.example = QLabel(self)
        self.example.setWordWrap(True)
        self.example.setForegroundRole(self.example.foregroundRole().PlaceholderText)
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setPlaceholderText("A new or empty folder")
        choose = QPushButton("Choose…", self)
        choose.clicked.connect(self.choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(choose)
        self.overwrite = QCheckBox("Replace a gallery already in that folder", self)
        form.addRow("Title", self.title_edit)
        form.addRow("Image size (long edge)", self.size_spin)
        form.addRow("Thumbnail size", self.thumb_spin)
        form.addRow("JPEG quality", self.quality_spin)
        form.addRow("", self.strip_gps)
        form.addRow("Credit line", self.style_edit)
        form.addRow("", self.example)
        form.addRow("Output folder", folder_row)
        form.addRow("", self.overwrite)
        self.style_edit.textChanged.connect(self._update_example)
        self.folder_edit.textChanged.connect(lambda _t: self.status.setText(""))

    def _update_example(self) -> None:
        caption, credit = self.sources.example
        line = format_caption_line(caption, credit, self.style_edit.text())
        self.example.setText(f"Example: {line}")

    # --- the request ----------------------------------------------------------------------

    def out_dir(self) -> Path | None:
        text = self.folder_edit.text().strip()
        return Path(text).expanduser() if text else None

    def request(self) -> ExportRequest:
        out = self.out_dir()
        assert out is not None
        req = ExportRequest(
            out_dir=out,
            size=self.size_spin.value(),
            thumb_size=self.thumb_spin.value(),
            quality=self.quality_spin.value(),
            keep_gps=not self.strip_gps.isChecked(),
            overwrite=self.overwrite.isChecked(),
            house_style=self.style_edit.text().strip() or None,
            title=self.title_edit.text().strip() or "Gallery",
        )
        if self.use_gallery.isChecked():
            return replace(req, gallery=self.gallery_combo.currentData())
        if self.use_selection.isChecked():
            return replace(req, photo_ids=list(self.sources.selection))
        return replace(req, photo_ids=list(self.sources.view_ids))

    def choose_folder(self) -> None:
        """Pick where the gallery goes: an empty folder is used as is; a folder with files in
        it gets a new subfolder named after the title (the export never mixes into one)."""
        start = str(self.out_dir().parent) if self.out_dir() else ""
        chosen = QFileDialog.getExistingDirectory(self, "Export the gallery to", start)
        if chosen:
            path = Path(chosen)
            if any(path.iterdir()):
                path = path / folder_name(self.title_edit.text())
            self.folder_edit.setText(str(path))

    # --- running --------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.task is not None

    def start(self) -> Task | None:
        if self.running:
            return None
        if self.out_dir() is None:
            self._error("Choose an output folder first.")
            return None
        request = self.request()
        self._remember(request)
        self.outcome = None
        self._set_editable(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.status.setStyleSheet("")
        self.status.setText("Starting the export…")
        for b in (self.open_folder_button, self.open_browser_button):
            b.setVisible(False)
        self.task = self.runner.submit(
            export_gallery,
            self.lib,
            request,
            pass_cancel=True,
            on_progress=self._progress,
            on_done=self._done,
            on_error=self._failed,
        )
        return self.task

    def _remember(self, req: ExportRequest) -> None:
        """The choices become the defaults next time, for the CLI too (same settings file)."""
        updated = replace(
            self.settings,
            export_size=req.size,
            export_thumb_size=req.thumb_size,
            export_quality=req.quality,
            export_keep_gps=req.keep_gps,
            house_style=req.house_style or self.settings.house_style,
        )
        if updated != self.settings:
            try:
                save_settings(updated)
                self.settings = updated
            except OSError:
                pass  # a read-only config folder must not stop an export

    def _progress(self, p: Progress) -> None:
        if p.total:
            self.progress.setRange(0, p.total)
            self.progress.setValue(min(p.done, p.total))
        label = {"export images": "Exporting images", "write page": "Writing the page"}
        what = label.get(p.stage, p.stage.capitalize())
        counted = f" {p.done:,} of {p.total:,}" if p.total else ""
        self.status.setText(f"{what}…{counted}" + (f" — {p.current}" if p.current else ""))

    def _done(self, outcome: Outcome) -> None:
        self.task = None
        self.outcome = outcome
        self._set_editable(True)
        self.progress.setVisible(False)
        n, rejected = outcome.counts.get("exported", 0), outcome.counts.get("rejected", 0)
        text = f"Exported {n:,} photos to {self.out_dir()}."
        if rejected:
            text += f" {rejected:,} could not be read: " + "; ".join(
                r.describe() for r in outcome.rejected[:5]
            )
        self.status.setText(text)
        for b in (self.open_folder_button, self.open_browser_button):
            b.setVisible(True)
        self.exported.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_editable(True)
        self.progress.setVisible(False)
        if isinstance(exc, Cancelled):
            self.status.setStyleSheet("")
            self.status.setText("Export cancelled: nothing was written.")
        else:
            self._error(str(exc))

    def _error(self, message: str) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(message)

    def _set_editable(self, on: bool) -> None:
        self.source_box.setEnabled(on)
        self.options_box.setEnabled(on)
        self.export_button.setEnabled(on)
        self.close_button.setText("Close" if on else "Cancel")

    def cancel_or_close(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText("Cancelling…")
        else:
            self.reject()

    def reject(self) -> None:  # Esc: cancel a running export first; close only when idle
        if self.task is not None:
            self.cancel_or_close()
            return
        super().reject()

    # --- looking at the result ------------------------------------------------------------

    def open_url(self, url: QUrl) -> None:
        """The one place the dialog hands something to the desktop (tests replace it)."""
        QDesktopServices.openUrl(url)

    def open_folder(self) -> None:
        out = self.out_dir()
        if out is not None:
            self.open_url(QUrl.fromLocalFile(str(out)))

    def open_in_browser(self) -> None:
        out = self.out_dir()
        if out is not None:
            self.open_url(QUrl.fromLocalFile(str(out / "index.html")))


def _spin(low: int, high: int, value: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(max(low, min(high, value)))
    spin.setSuffix(suffix)
    return spin
