"""Grid thumbnails for the GUI: loaded in workers, de-duplicated, kept in a small LRU of pixmaps.

The delegate asks for a pixmap on every paint; a miss queues one load (newest requests first, so
what the user scrolled to now wins over what flew past) and `ready` fires when it is in.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPixmap

from desktop.services.library import Library
from desktop.ui.image_sources import grid_thumbnail_path, load_image
from desktop.ui.tasks import TaskRunner

MAX_IN_FLIGHT = 4
MAX_QUEUED = 300  # older requests are dropped: those cells have scrolled away


def _load(lib: Library, content_hash: str, original: str) -> tuple[str, QImage | None]:
    return content_hash, load_image(grid_thumbnail_path(lib, content_hash, original))


class ThumbnailCache(QObject):
    ready = Signal(str)  # content hash whose pixmap (or failure) is now known
    idle = Signal()  # nothing queued or loading

    def __init__(
        self, lib: Library, runner: TaskRunner, capacity: int = 800, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.lib = lib
        self.runner = runner
        self.capacity = capacity
        self._pixmaps: OrderedDict[str, QPixmap] = OrderedDict()
        self._failed: set[str] = set()
        self._queued: OrderedDict[str, str] = OrderedDict()  # hash -> original path
        self._loading: set[str] = set()

    @property
    def pending(self) -> int:
        return len(self._queued) + len(self._loading)

    def has_failed(self, content_hash: str) -> bool:
        return content_hash in self._failed

    def pixmap(self, content_hash: str, original: str) -> QPixmap | None:
        """The pixmap if loaded; otherwise None, and a load is queued unless known to fail."""
        pix = self._pixmaps.get(content_hash)
        if pix is not None:
            self._pixmaps.move_to_end(content_hash)
            return pix
        if content_hash in self._failed or content_hash in self._loading:
            return None
        self._queued[content_hash] = original
        self._queued.move_to_end(content_hash)
        while len(self._queued) > MAX_QUEUED:
            self._queued.popitem(last=False)
        self._pump()
        return None

    def clear_queue(self) -> None:
        """Forget requests not yet started (the view changed to other photos)."""
        self._queued.clear()
        if not self._loading:
            self.idle.emit()

    def _pump(self) -> None:
        while self._queued and len(self._loading) < MAX_IN_FLIGHT:
            content_hash, original = self._queued.popitem(last=True)
            self._loading.add(content_hash)
            self.runner.submit(
                _load,
                self.lib,
                content_hash,
                original,
                on_done=self._loaded,
                on_error=lambda _exc, h=content_hash: self._loaded((h, None)),
                track=False,
            )

    def _loaded(self, result: tuple[str, QImage | None]) -> None:
        content_hash, image = result
        self._loading.discard(content_hash)
        if image is None:
            self._failed.add(content_hash)
        else:
            # QPixmap only on the GUI thread: this slot runs there.
            self._pixmaps[content_hash] = QPixmap.fromImage(image)
            while len(self._pixmaps) > self.capacity:
                self._pixmaps.popitem(last=False)
        self.ready.emit(content_hash)
        self._pump()
        if not self._queued and not self._loading:
            self.idle.emit()
