"""The Unmatched captions view: the captions waiting for a photo beside the photos suggested for
the selected one. Drag a caption onto a photo (here or in the grid below), or press Enter
(Ctrl+Return too) to attach it to the best suggestion."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.core.library_records import CaptionInfo
from desktop.services import browse
from desktop.services.library import Library
from desktop.ui.caption_review_models import (
    CaptionRole,
    PhotoIdRole,
    SuggestionsModel,
    UnmatchedCaptionsModel,
    load_suggestions,
    where,
)
from desktop.ui.drag_mime import caption_id_from
from desktop.ui.tasks import TaskRunner
from desktop.ui.thumbnail_cache import ThumbnailCache

ATTACH_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
SUGGESTION_THUMB = 112


class CaptionListView(QListView):
    """The waiting captions. Enter and Ctrl+Return attach: taken before the window's shortcuts
    (Ctrl+Return previews a photo elsewhere) while this list has the focus."""

    attach_pressed = Signal()

    def event(self, event: QEvent) -> bool:
        overriding = event.type() == QEvent.Type.ShortcutOverride
        if overriding and isinstance(event, QKeyEvent) and event.key() in ATTACH_KEYS:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in ATTACH_KEYS:
            self.attach_pressed.emit()
            return
        super().keyPressEvent(event)


class SuggestionsView(QListView):
    """Thumbnails of the suggested photos; a caption dropped on one is attached to it."""

    caption_dropped = Signal(int, int)  # caption id, photo id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setWrapping(True)
        self.setWordWrap(True)
        self.setIconSize(QSize(SUGGESTION_THUMB, SUGGESTION_THUMB))
        self.setGridSize(QSize(SUGGESTION_THUMB + 40, SUGGESTION_THUMB + 48))
        self.setUniformItemSizes(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)  # after setMovement(Static), which turned it off
        self.setDropIndicatorShown(True)
        self.setAccessibleName("Suggested photos")

    def _photo_at(self, event: QDragMoveEvent | QDropEvent) -> int | None:
        index = self.indexAt(event.position().toPoint())
        return index.data(PhotoIdRole) if index.isValid() else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if caption_id_from(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        ok = caption_id_from(event.mimeData()) is not None and self._photo_at(event) is not None
        event.acceptProposedAction() if ok else event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        caption_id, photo_id = caption_id_from(event.mimeData()), self._photo_at(event)
        if caption_id is None or photo_id is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.caption_dropped.emit(caption_id, photo_id)


class CaptionReviewView(QWidget):
    attach_requested = Signal(int, int)  # caption id, photo id
    count_changed = Signal(int)

    def __init__(
        self,
        lib: Library,
        runner: TaskRunner,
        thumbs: ThumbnailCache,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lib, self.runner = lib, runner
        self.loaded = False
        self._generation = 0
        self.captions_model = UnmatchedCaptionsModel(self)
        self.captions = CaptionListView(self)
        self.captions.setModel(self.captions_model)
        self.captions.setWordWrap(True)
        self.captions.setAlternatingRowColors(True)
        self.captions.setSpacing(2)
        self.captions.setDragEnabled(True)
        self.captions.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.captions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.captions.setAccessibleName("Unmatched captions")
        self.captions.attach_pressed.connect(self.attach_to_top)
        self.captions.selectionModel().currentChanged.connect(lambda *_a: self._current_changed())

        self.heading = QLabel(self)
        self.detail = QLabel("Select a caption to see the photos it may belong to.", self)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.suggestions_model = SuggestionsModel(thumbs, self)
        self.suggestions = SuggestionsView(self)
        self.suggestions.setModel(self.suggestions_model)
        self.suggestions.caption_dropped.connect(self.attach_requested)
        self.suggestions.doubleClicked.connect(
            lambda index: self._attach_current_to(index.data(PhotoIdRole))
        )
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.hint.setForegroundRole(self.hint.foregroundRole().PlaceholderText)
        self.attach_button = QPushButton("Attach to the best match", self)
        self.attach_button.setToolTip("Enter or Ctrl+Return in the caption list")
        self.attach_button.clicked.connect(self.attach_to_top)
        self.attach_button.setEnabled(False)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.heading)
        left_layout.addWidget(self.captions, 1)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("<b>Selected caption</b>", self))
        right_layout.addWidget(self.detail)
        right_layout.addWidget(QLabel("<b>Suggested photos</b>", self))
        right_layout.addWidget(self.suggestions, 1)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.attach_button)
        right_layout.addLayout(row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([420, 520])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        self._set_hint()

    # --- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        self.runner.submit(
            lambda: browse.list_captions(self.lib, unmatched=True), on_done=self._loaded
        )

    def _loaded(self, captions: list[CaptionInfo]) -> None:
        keep_row = max(0, self.captions.currentIndex().row())
        self.captions_model.set_captions(captions)
        n = len(captions)
        self.heading.setText(
            f"<b>{n:,} captions waiting for a photo</b>"
            if n
            else "<b>Every caption is matched to a photo.</b>"
        )
        self.loaded = True
        self.count_changed.emit(n)
        if n:
            # The next caption takes the place of the one just attached: a review goes on.
            index = self.captions_model.index(min(keep_row, n - 1))
            self.captions.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            )
        else:
            self._current_changed()

    def current_caption(self) -> CaptionInfo | None:
        index = self.captions.currentIndex()
        return index.data(CaptionRole) if index.isValid() else None

    def _current_changed(self) -> None:
        caption = self.current_caption()
        self._generation += 1
        generation = self._generation
        self.suggestions_model.set_suggestions(None, [])
        self.attach_button.setEnabled(False)
        if caption is None:
            self.detail.setText("Select a caption to see the photos it may belong to.")
            self._set_hint()
            return
        facts = [where(caption), caption.markup or "caption"]
        if caption.confidence < 1:
            facts.append(f"confidence {caption.confidence:.0%}")
        people = f"<br>People: {', '.join(caption.people)}" if caption.people else ""
        credit = f"<br>Credit: {_esc(caption.credit)}" if caption.credit else ""
        self.detail.setText(
            f"{_esc(caption.text)}{credit}{people}<br><i>{_esc(' · '.join(facts))}</i>"
        )
        self.hint.setText("Looking for photos…")
        self.runner.submit(
            load_suggestions,
            self.lib,
            caption.id,
            on_done=lambda result: self._suggested(generation, result),
            on_error=lambda exc: self.hint.setText(f"No suggestions: {exc}"),
            priority=5,
        )

    def _suggested(self, generation: int, result: tuple[int, list]) -> None:
        if generation != self._generation:
            return  # the user moved on to another caption
        caption_id, rows = result
        self.suggestions_model.set_suggestions(caption_id, rows)
        self.attach_button.setEnabled(bool(rows))
        self._set_hint()

    @property
    def suggestions_ready(self) -> bool:
        caption = self.current_caption()
        return caption is not None and self.suggestions_model.caption_id == caption.id

    def _set_hint(self) -> None:
        if self.current_caption() is not None and not self.suggestions_model.rows:
            self.hint.setText("No photo looks like it: drag the caption onto one in the grid.")
        else:
            self.hint.setText("Drag the caption onto a photo, here or in the grid below.")

    # --- attaching ------------------------------------------------------------------------

    def attach_to_top(self) -> None:
        top = self.suggestions_model.top() if self.suggestions_ready else None
        if top is None:
            self.hint.setText("No suggestion to attach to: drag the caption onto a photo.")
            return
        self._attach_current_to(top.photo.id)

    def _attach_current_to(self, photo_id: int | None) -> None:
        caption = self.current_caption()
        if caption is not None and photo_id is not None:
            self.attach_requested.emit(caption.id, photo_id)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
