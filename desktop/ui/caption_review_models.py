"""Item models of the caption review: the captions waiting for a photo (draggable), and the
photos suggested for one of them, with thumbnails and how well each matches."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon

from desktop.core.library_records import CaptionInfo, PhotoSummary
from desktop.core.matching import Match
from desktop.services import browse, review
from desktop.services.library import Library
from desktop.ui.drag_mime import CAPTION_MIME, caption_mime
from desktop.ui.thumbnail_cache import ThumbnailCache

AnyIndex = QModelIndex | QPersistentModelIndex
CaptionRole = Qt.ItemDataRole.UserRole + 1
PhotoIdRole = Qt.ItemDataRole.UserRole + 2
MatchRole = Qt.ItemDataRole.UserRole + 3
METHOD_WORDS = {"attachment_id": "attachment id", "file_name": "file name", "text": "text"}


def where(c: CaptionInfo) -> str:
    if c.source and c.line:
        return f"{c.source}:{c.line}"
    return c.source or ""


class UnmatchedCaptionsModel(QAbstractListModel):
    """Captions without a photo, each draggable onto a photo."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.captions: list[CaptionInfo] = []

    def set_captions(self, captions: Sequence[CaptionInfo]) -> None:
        self.beginResetModel()
        self.captions = list(captions)
        self.endResetModel()

    def caption(self, caption_id: int) -> CaptionInfo | None:
        return next((c for c in self.captions if c.id == caption_id), None)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.captions)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.captions):
            return None
        c = self.captions[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            credit = f" — {c.credit}" if c.credit else ""
            return f"{_short(c.text, 160)}{credit}\n{where(c)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{c.text}\n\n{where(c)} · {c.markup or 'caption'}"
        if role == CaptionRole:
            return c
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return super().flags(index) | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [CAPTION_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return caption_mime(self.captions[rows[0]].id) if rows else QMimeData()

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.LinkAction | Qt.DropAction.CopyAction | Qt.DropAction.MoveAction


@dataclass(frozen=True)
class Suggestion:
    match: Match
    photo: PhotoSummary


def load_suggestions(lib: Library, caption_id: int, limit: int = 8) -> tuple[int, list[Suggestion]]:
    """In a worker: the ranked photos for a caption, with what a thumbnail cell shows."""
    matches = review.suggest_photos(lib, caption_id, limit=limit)
    photos = {p.id: p for p in browse.photo_summaries(lib, [m.photo_id for m in matches])}
    return caption_id, [Suggestion(m, photos[m.photo_id]) for m in matches if m.photo_id in photos]


class SuggestionsModel(QAbstractListModel):
    def __init__(self, thumbs: ThumbnailCache, parent: Any = None) -> None:
        super().__init__(parent)
        self.thumbs = thumbs
        self.caption_id: int | None = None
        self.rows: list[Suggestion] = []
        thumbs.ready.connect(self._thumbnail_ready)

    def set_suggestions(self, caption_id: int | None, rows: Sequence[Suggestion]) -> None:
        self.beginResetModel()
        self.caption_id = caption_id
        self.rows = list(rows)
        self.endResetModel()

    def top(self) -> Suggestion | None:
        return self.rows[0] if self.rows else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        s = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            how = METHOD_WORDS.get(s.match.method, s.match.method)
            return f"{s.photo.file_name}\n{s.match.score:.0f}% by {how}"
        if role == Qt.ItemDataRole.DecorationRole:
            # An icon, not the pixmap: a pixmap is drawn at its own size, an icon at the view's.
            pixmap = self.thumbs.pixmap(s.photo.content_hash, s.photo.path)
            return QIcon(pixmap) if pixmap is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return s.photo.caption or "(no caption yet)"
        if role == PhotoIdRole:
            return s.photo.id
        if role == MatchRole:
            return s.match
        return None

    def _thumbnail_ready(self, content_hash: str) -> None:
        for row, s in enumerate(self.rows):
            if s.photo.content_hash == content_hash:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
