"""The thumbnail grid: a QListView in icon mode, its delegate (thumbnail, caption line, credit
badge, warning mark) and zoom."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPalette,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from desktop.ui.drag_mime import CAPTION_MIME, PHOTO_IDS_MIME, caption_id_from, photo_ids_from
from desktop.ui.photo_grid_model import IdRole, SummaryRole, ThumbnailFailedRole, missing_fields

ZOOM_MIN, ZOOM_MAX, ZOOM_STEP, ZOOM_DEFAULT = 96, 320, 32, 176
PAD = 6
WARNING_COLOR = QColor("#e8a317")


class PhotoDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.thumb_size = ZOOM_DEFAULT

    def cell_size(self, font: QFont) -> QSize:
        line = QFontMetrics(font).height()
        return QSize(self.thumb_size + 2 * PAD, self.thumb_size + line + 3 * PAD)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return self.cell_size(option.font)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = option.palette
        rect: QRect = option.rect.adjusted(2, 2, -2, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(rect, 6, 6)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(rect, 6, 6)

        size = self.thumb_size
        image_box = QRect(rect.left() + PAD - 2, rect.top() + PAD - 2, size, size)
        # One call into the model per role is one trip through the GIL, which a worker may
        # hold: ask for the summary once and derive the rest here.
        summary = index.data(SummaryRole)
        pixmap = index.data(Qt.ItemDataRole.DecorationRole) if summary is not None else None
        if pixmap is not None and not pixmap.isNull():
            scaled = pixmap.size().scaled(image_box.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, scaled.width(), scaled.height())
            target.moveCenter(image_box.center())
            painter.drawPixmap(target, pixmap)
            picture = target
        else:
            picture = image_box
            failed = summary is not None and bool(index.data(ThumbnailFailedRole))
            self._paint_placeholder(painter, image_box, pal, failed)
        if summary is not None:
            if summary.credit:
                self._paint_badge(painter, picture, summary.credit, option.font)
            if missing_fields(summary):
                self._paint_warning(painter, picture)

        text_rect = QRect(
            rect.left() + PAD,
            image_box.bottom() + PAD,
            rect.width() - 2 * PAD,
            QFontMetrics(option.font).height(),
        )
        text = (" ".join((summary.caption or "").split()) or summary.file_name) if summary else ""
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(pal.color(role))
        elided = QFontMetrics(option.font).elidedText(
            text, Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided
        )
        painter.restore()

    @staticmethod
    def _paint_placeholder(painter: QPainter, box: QRect, pal: QPalette, failed: bool) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pal.color(QPalette.ColorRole.Mid).lighter(130 if failed else 115))
        inner = box.adjusted(
            box.width() // 10, box.height() // 6, -box.width() // 10, -box.height() // 6
        )
        painter.drawRoundedRect(inner, 4, 4)
        if failed:
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(inner, Qt.AlignmentFlag.AlignCenter, "original\nnot found")

    @staticmethod
    def _paint_badge(painter: QPainter, picture: QRect, credit: str, font: QFont) -> None:
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        small.setBold(True)
        fm = QFontMetrics(small)
        width = min(fm.horizontalAdvance(credit) + 16, picture.width() - 8)
        badge = QRect(
            picture.left() + 4, picture.bottom() - fm.height() - 6, width, fm.height() + 2
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 170))
        painter.drawRoundedRect(badge, 3, 3)
        painter.setFont(small)
        painter.setPen(QColor("white"))
        text = fm.elidedText(credit, Qt.TextElideMode.ElideRight, badge.width() - 8)
        painter.drawText(badge.adjusted(4, 0, -4, 0), Qt.AlignmentFlag.AlignCenter, text)
        painter.setFont(font)

    @staticmethod
    def _paint_warning(painter: QPainter, picture: QRect) -> None:
        # A triangle with "!" in the picture's top-right corner: caption or credit missing.
        s = 18
        x, y = picture.right() - s - 4, picture.top() + 4
        path = QPainterPath()
        path.moveTo(x + s / 2, y)
        path.lineTo(x + s, y + s)
        path.lineTo(x, y + s)
        path.closeSubpath()
        painter.setPen(QColor(0, 0, 0, 140))
        painter.setBrush(WARNING_COLOR)
        painter.drawPath(path)
        painter.setPen(QColor("black"))
        f = painter.font()
        bold = QFont(f)
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(QRectF(x, y + 3, s, s - 3), Qt.AlignmentFlag.AlignCenter, "!")
        painter.setFont(f)


class PhotoGridView(QListView):
    """Icon-mode grid with uniform cells; Space asks for the preview, Ctrl+wheel zooms.

    IconMode, not a wrapping ListMode: with 100,000 rows the wrapping list re-lays out every
    row on each scroll step (measured: ~100 ms a step); icon mode pays once per reset.
    """

    preview_requested = Signal()
    zoom_changed = Signal(int)
    caption_dropped = Signal(int, int)  # caption id, photo id: attach that caption here
    reorder_requested = Signal(object)  # the photo ids in their new order (a gallery view)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.photo_delegate = PhotoDelegate(self)
        self.setItemDelegate(self.photo_delegate)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(True)
        # Laying out 100k items at once asks the model for its row count twice an item, in
        # Python: ~250 ms with the UI frozen after every search. In batches, the first screen
        # shows at once and the rest is laid out between events.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        self.setBatchSize(2000)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionRectVisible(True)
        self.setMouseTracking(True)
        self.setSpacing(2)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAccessibleName("Photos")
        # Drops: a caption from the review onto a photo, photos within a gallery. Files
        # dropped here are ignored, so they reach the main window, which imports them.
        # (QListView's Static movement turned the viewport's drops off: turn them back on.)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.reorderable = False
        self._apply_zoom()

    @property
    def thumb_size(self) -> int:
        return self.photo_delegate.thumb_size

    def set_thumb_size(self, size: int) -> None:
        size = max(ZOOM_MIN, min(ZOOM_MAX, size))
        if size == self.photo_delegate.thumb_size:
            return
        self.photo_delegate.thumb_size = size
        self._apply_zoom()
        self.zoom_changed.emit(size)

    def zoom_in(self) -> None:
        self.set_thumb_size(self.thumb_size + ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_thumb_size(self.thumb_size - ZOOM_STEP)

    def _apply_zoom(self) -> None:
        # A fixed grid size keeps the layout O(1) per row whatever the number of photos.
        self.setGridSize(self.photo_delegate.cell_size(self.font()))
        self.verticalScrollBar().setSingleStep(self.gridSize().height() // 4)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.modifiers():
            self.preview_requested.emit()
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_in() if event.angleDelta().y() > 0 else self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    # --- drag and drop ------------------------------------------------------------------------

    def set_reorderable(self, on: bool) -> None:
        """A gallery view: photos may be dragged to a new place in the gallery's order."""
        self.reorderable = on
        self.setDragEnabled(on)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def _wanted(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        mime = event.mimeData()
        return mime.hasFormat(CAPTION_MIME) or (self.reorderable and mime.hasFormat(PHOTO_IDS_MIME))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._wanted(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not self._wanted(event):
            event.ignore()
            return
        on_photo = self.indexAt(event.position().toPoint()).isValid()
        if event.mimeData().hasFormat(CAPTION_MIME) and not on_photo:
            event.ignore()  # a caption needs a photo under it
            return
        event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        if not self._wanted(event):
            event.ignore()
            return
        pos = event.position().toPoint()
        index = self.indexAt(pos)
        target = index.data(IdRole) if index.isValid() else None
        caption_id = caption_id_from(event.mimeData())
        if caption_id is not None:
            if target is None:
                event.ignore()
                return
            event.acceptProposedAction()
            self.caption_dropped.emit(caption_id, target)
            return
        moved = photo_ids_from(event.mimeData())
        after = index.isValid() and pos.x() > self.visualRect(index).center().x()
        order = reordered(list(self.model().ids), moved, target, after)
        # Copy, not Move: the order changed in place; nothing may be removed afterwards.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if order != list(self.model().ids):
            self.reorder_requested.emit(order)


def reordered(
    ids: Sequence[int], moved: Sequence[int], target: int | None, after: bool
) -> list[int]:
    """`ids` with `moved` (kept in their order) put before `target` (after it if `after`; at
    the end when there is no target). Dropping photos on one of themselves changes nothing."""
    moving = [i for i in ids if i in set(moved)]
    if not moving or target in moving:
        return list(ids)
    rest = [i for i in ids if i not in set(moving)]
    if target is None or target not in rest:
        return rest + moving
    at = rest.index(target) + (1 if after else 0)
    return rest[:at] + moving + rest[at:]
