"""The large view of one photo with its caption: arrow keys step through the grid, Esc closes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QDialog, QLabel, QSizePolicy, QVBoxLayout, QWidget
from shiboken6 import isValid

from desktop.core.library_records import PhotoSummary
from desktop.services.library import Library
from desktop.ui.image_sources import load_image, preview_path
from desktop.ui.tasks import TaskRunner


def _load_preview(lib: Library, content_hash: str, original: str) -> tuple[str, QImage | None]:
    return content_hash, load_image(preview_path(lib, content_hash, original))


class PreviewDialog(QDialog):
    """`step(delta)` moves the grid's current photo and returns it (None at either end)."""

    def __init__(
        self,
        lib: Library,
        runner: TaskRunner,
        step: Callable[[int], PhotoSummary | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lib = lib
        self.runner = runner
        self.step = step
        self.summary: PhotoSummary | None = None
        self._pixmap: QPixmap | None = None
        self.setWindowTitle("Preview")
        self.image = QLabel(self)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.image.setMinimumSize(QSize(200, 200))
        self.caption = QLabel(self)
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption.setMaximumHeight(140)
        layout = QVBoxLayout(self)
        layout.addWidget(self.image, 1)
        layout.addWidget(self.caption)
        self.setStyleSheet("PreviewDialog { background: #111; } QLabel { color: #eee; }")
        if parent is not None:
            self.resize(parent.size() * 0.9)

    def show_photo(self, summary: PhotoSummary) -> None:
        self.summary = summary
        self._pixmap = None
        self.image.setText("Loading…")
        credit = f" ({summary.credit})" if summary.credit else ""
        self.caption.setText((summary.caption or "No caption") + credit)
        self.setWindowTitle(f"Preview — {summary.file_name}")
        self.runner.submit(
            _load_preview,
            self.lib,
            summary.content_hash,
            summary.path,
            on_done=self._loaded,
            on_error=lambda _e: self._loaded((summary.content_hash, None)),
        )

    def _loaded(self, result: tuple[str, QImage | None]) -> None:
        content_hash, image = result
        if not isValid(self) or not isValid(self.image):
            return  # closed (and deleted) before the image arrived
        if self.summary is None or content_hash != self.summary.content_hash:
            return  # the user moved on meanwhile
        if image is None:
            self.image.setText("The original file cannot be read")
            return
        self._pixmap = QPixmap.fromImage(image)
        self._fit()

    def _fit(self) -> None:
        if self._pixmap is not None:
            self.image.setPixmap(
                self._pixmap.scaled(
                    self.image.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        delta = {
            Qt.Key.Key_Right: 1,
            Qt.Key.Key_Down: 1,
            Qt.Key.Key_Left: -1,
            Qt.Key.Key_Up: -1,
        }.get(Qt.Key(key))
        if delta is not None:
            summary = self.step(delta)
            if summary is not None:
                self.show_photo(summary)
            return
        if key == Qt.Key.Key_Space:
            self.close()
            return
        super().keyPressEvent(event)  # Esc closes
