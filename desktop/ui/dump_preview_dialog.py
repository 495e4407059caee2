"""The preview of a caption dump before anything is written: the parsed captions in a table to
tick and re-match, the parse warnings (file:line) beside them, and the Import button."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.services.review import DumpPreview
from desktop.ui.dump_preview_model import (
    CHECK,
    CONFIDENCE,
    LINE,
    MARKUP,
    PHOTO,
    TEXT,
    DumpPreviewModel,
)

AnyIndex = QModelIndex | QPersistentModelIndex
WARNING_STYLE = "QListWidget { background: rgba(232, 163, 23, 40); }"


class MatchChoiceDelegate(QStyledItemDelegate):
    """The Photo column's editor: the item's candidate photos, and "no photo"."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex):
        combo = QComboBox(parent)
        model = index.model()
        assert isinstance(model, DumpPreviewModel)
        for label, pid in model.candidates(index.row()):
            combo.addItem(label, pid)
        # One click picks: commit as soon as the user chooses.
        combo.activated.connect(lambda _i: self.commitData.emit(combo))
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        at = editor.findData(index.data(Qt.ItemDataRole.EditRole))
        editor.setCurrentIndex(max(0, at))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class DumpPreviewDialog(QDialog):
    def __init__(
        self, preview: DumpPreview, photo_names: Mapping[int, str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"Import captions from {preview.source}")
        self.model = DumpPreviewModel(preview, photo_names, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(PHOTO, MatchChoiceDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.SelectedClicked
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(TEXT, QHeaderView.ResizeMode.Stretch)
        for col in (CHECK, MARKUP, CONFIDENCE, LINE):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(PHOTO, 250)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(PHOTO, max(self.table.columnWidth(PHOTO), 250))
        self.table.resizeRowsToContents()

        self.warnings = QListWidget(self)
        self.warnings.setAccessibleName("Warnings")
        self.warnings.setStyleSheet(WARNING_STYLE)
        for w in preview.warnings:
            item = QListWidgetItem(f"⚠ {w.describe()}")
            item.setData(Qt.ItemDataRole.UserRole, w.line)
            self.warnings.addItem(item)
        self.warnings.itemActivated.connect(self._show_warning)
        self.warnings.itemClicked.connect(self._show_warning)

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            "Import", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setDefault(True)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.model.selection_changed.connect(self._update_summary)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        warn_box = QWidget(self)
        warn_layout = QVBoxLayout(warn_box)
        warn_layout.setContentsMargins(0, 0, 0, 0)
        warn_layout.addWidget(QLabel(f"<b>Warnings</b> ({len(preview.warnings)})", self))
        warn_layout.addWidget(self.warnings)
        splitter.addWidget(warn_box)
        splitter.setSizes([420, 110])
        warn_box.setVisible(bool(preview.warnings))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        hint = QLabel(
            "Untick what you do not want; click a photo to pick another or none. Captions "
            "recovered from plain text (amber) start unticked; greyed ones are already in "
            "the library. Nothing is written until you press Import.",
            self,
        )
        hint.setWordWrap(True)
        hint.setForegroundRole(hint.foregroundRole().PlaceholderText)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self._update_summary()
        self.resize(1180, 680)

    def _update_summary(self) -> None:
        m, p = self.model, self.preview
        chosen = m.choices()
        matched = sum(1 for c in chosen.values() if isinstance(c, int))
        n = m.checked_count()
        parts = [f"<b>{len(p.items):,} captions</b> in {p.source}"]
        if p.already_known:
            parts.append(f"{p.already_known:,} already in the library")
        if p.warnings:
            parts.append(f"{len(p.warnings):,} warnings")
        parts.append(f"{n:,} to import, {matched:,} of them with a photo")
        self.summary.setText(" · ".join(parts))
        self.import_button.setText(f"Import {n:,} captions")
        self.import_button.setEnabled(n > 0)

    def _show_warning(self, item: QListWidgetItem) -> None:
        row = self.model.row_for_line(item.data(Qt.ItemDataRole.UserRole))
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, TEXT))
