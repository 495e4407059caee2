"""PhotoGridModel: the grid's item model over a list of photo ids, fetching rows a page at a time.

A view of 100,000 photos holds 100,000 ints; summaries are fetched ~200 at a time when the view
first asks for a row of that page, and only a bounded number of pages stays cached.

Pages are read on the GUI thread, on purpose: a page is one indexed query (10-30 ms for 200
rows), while reading it in a worker makes every paint-time call into this model wait for the
GIL behind the worker's SQLAlchemy code, which measured worse (see tests/benchmarks/bench_gui.py).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from desktop.core.library_records import PhotoSummary
from desktop.services import browse
from desktop.services.library import Library
from desktop.ui.drag_mime import PHOTO_IDS_MIME, photo_ids_mime
from desktop.ui.tasks import TaskRunner
from desktop.ui.thumbnail_cache import ThumbnailCache

PAGE_SIZE = 200
MAX_PAGES = 15  # 3,000 summaries: dozens of screens either way, and little for the GC to walk

IdRole = Qt.ItemDataRole.UserRole + 1
SummaryRole = Qt.ItemDataRole.UserRole + 2
CreditRole = Qt.ItemDataRole.UserRole + 3
WarningRole = Qt.ItemDataRole.UserRole + 4  # tuple of what is missing: ("caption", "credit")
ThumbnailFailedRole = Qt.ItemDataRole.UserRole + 5

AnyIndex = QModelIndex | QPersistentModelIndex
# Named in every dataChanged: with no roles QListView assumes sizes may have changed and lays
# out all rows again (100,000 rowCount calls); cells here never change size.
ROW_ROLES = [
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole,
    IdRole,
    SummaryRole,
    CreditRole,
    WarningRole,
    ThumbnailFailedRole,
]


def missing_fields(summary: PhotoSummary) -> tuple[str, ...]:
    """What a picture editor must still fill in before the photo can be published."""
    out = []
    if not (summary.caption or "").strip():
        out.append("caption")
    if not (summary.credit or "").strip():
        out.append("credit")
    return tuple(out)


class PhotoGridModel(QAbstractListModel):
    def __init__(
        self, lib: Library, thumbs: ThumbnailCache, runner: TaskRunner, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.lib = lib
        self.thumbs = thumbs
        self.runner = runner
        self._ids: list[int] = []
        self._row_of: dict[int, int] = {}
        self._pages: OrderedDict[int, list[PhotoSummary | None]] = OrderedDict()
        self._rows_by_hash: dict[str, set[int]] = {}
        thumbs.ready.connect(self._thumbnail_ready)

    # --- contents ---------------------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return self._ids

    def set_ids(self, ids: Sequence[int]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._row_of = {pid: row for row, pid in enumerate(self._ids)}
        self._pages.clear()
        self._rows_by_hash.clear()
        self.endResetModel()

    def row_of(self, photo_id: int) -> int | None:
        return self._row_of.get(photo_id)

    def summary(self, row: int) -> PhotoSummary | None:
        if not 0 <= row < len(self._ids):
            return None
        page_no = row // PAGE_SIZE
        page = self._pages.get(page_no)
        if page is None:
            page = self._store_page(page_no, self._read_page(self._page_ids(page_no)))
        else:
            self._pages.move_to_end(page_no)
        return page[row - page_no * PAGE_SIZE]

    def versions_of(self, photo_ids: Iterable[int]) -> dict[int, int]:
        """The versions the grid shows of these photos: what a batch edit expects to change."""
        out = {}
        for pid in photo_ids:
            row = self._row_of.get(pid)
            s = self.summary(row) if row is not None else None
            if s is not None:
                out[pid] = s.version
        return out

    def _page_ids(self, page_no: int) -> list[int]:
        return self._ids[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]

    def _read_page(self, ids: list[int]) -> list[PhotoSummary | None]:
        found = {s.id: s for s in browse.photo_summaries(self.lib, ids)}
        return [found.get(pid) for pid in ids]

    def _store_page(
        self, page_no: int, page: list[PhotoSummary | None]
    ) -> list[PhotoSummary | None]:
        start = page_no * PAGE_SIZE
        self._pages[page_no] = page
        for offset, s in enumerate(page):
            if s is not None:
                self._rows_by_hash.setdefault(s.content_hash, set()).add(start + offset)
        while len(self._pages) > MAX_PAGES:
            old_no, old = self._pages.popitem(last=False)
            for offset, s in enumerate(old):
                if s is not None:
                    rows = self._rows_by_hash.get(s.content_hash)
                    if rows is not None:
                        rows.discard(old_no * PAGE_SIZE + offset)
                        if not rows:
                            del self._rows_by_hash[s.content_hash]
        return page

    def refresh(self, photo_ids: Iterable[int]) -> None:
        """Re-read just these photos (after an edit or undo) and repaint their cells."""
        rows = sorted(r for pid in photo_ids if (r := self._row_of.get(pid)) is not None)
        cached = [r for r in rows if r // PAGE_SIZE in self._pages]
        if cached:
            fresh = {
                s.id: s for s in browse.photo_summaries(self.lib, [self._ids[r] for r in cached])
            }
            for r in cached:
                page = self._pages[r // PAGE_SIZE]
                page[r % PAGE_SIZE] = fresh.get(self._ids[r])
        for r in rows:
            index = self.index(r)
            self.dataChanged.emit(index, index, ROW_ROLES)

    def _thumbnail_ready(self, content_hash: str) -> None:
        for r in sorted(self._rows_by_hash.get(content_hash, ())):
            index = self.index(r)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    # --- Qt model interface -------------------------------------------------------------------

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        # Draggable (a gallery's order); whether a drag may start is the view's decision.
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [PHOTO_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return photo_ids_mime([self._ids[r] for r in rows if r < len(self._ids)])

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role == IdRole:
            return self._ids[row] if row < len(self._ids) else None
        s = self.summary(row)
        if s is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return " ".join((s.caption or "").split()) or s.file_name
        if role == Qt.ItemDataRole.DecorationRole:
            return self.thumbs.pixmap(s.content_hash, s.path)
        if role == ThumbnailFailedRole:
            return self.thumbs.has_failed(s.content_hash)
        if role == CreditRole:
            return s.credit
        if role == WarningRole:
            return missing_fields(s)
        if role == SummaryRole:
            return s
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tooltip(s)
        return None


def _tooltip(s: PhotoSummary) -> str:
    lines = [s.file_name]
    if s.width and s.height:
        lines[0] += f" — {s.width}×{s.height}"
    if s.taken_at:
        lines.append(f"Taken {s.taken_at:%Y-%m-%d %H:%M}")
    missing = missing_fields(s)
    if missing:
        lines.append("Missing: " + ", ".join(missing))
    if s.credit:
        lines.append(f"Credit: {s.credit}")
    return "\n".join(lines)
