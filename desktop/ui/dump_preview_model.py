"""The table model of a caption dump's preview: one row per parsed caption, with a checkbox
(import it or not) and the photo it will be attached to, which the user may change.

Captions already in the library are shown greyed and cannot be checked; flattened captions
(recovered from plain text, so less certain) start unchecked until the user ticks them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from desktop.services.review import Choice, DumpPreview, PreviewItem

AnyIndex = QModelIndex | QPersistentModelIndex
COLUMNS = ("", "Caption", "Credit", "People", "Markup", "Confidence", "Line", "Photo")
CHECK, TEXT, CREDIT, PEOPLE, MARKUP, CONFIDENCE, LINE, PHOTO = range(len(COLUMNS))
NO_PHOTO = -1  # the editor's value for "import without a photo" (a QVariant cannot hold None)
UNCERTAIN = QColor(232, 163, 23, 60)  # amber wash: a caption worth a second look
METHOD_WORDS = {"attachment_id": "attachment id", "file_name": "file name", "text": "text"}


def is_uncertain(item: PreviewItem) -> bool:
    return item.record.markup == "flattened" or item.record.confidence < 1


class DumpPreviewModel(QAbstractTableModel):
    selection_changed = Signal()  # a checkbox or a photo choice changed

    def __init__(
        self, preview: DumpPreview, photo_names: Mapping[int, str], parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.items = list(preview.items)
        self.photo_names = dict(photo_names)
        self.checked = {i.index: not i.known and not is_uncertain(i) for i in self.items}
        self.photo = {i.index: (i.proposed.photo_id if i.proposed else None) for i in self.items}

    # --- what the user chose ----------------------------------------------------------------

    def choices(self) -> dict[int, Choice]:
        """For import_dump_selection: a photo id, None (no photo) or "skip", for every item."""
        out: dict[int, Choice] = {}
        for item in self.items:
            if item.known or not self.checked[item.index]:
                out[item.index] = "skip"
            else:
                out[item.index] = self.photo[item.index]
        return out

    def checked_count(self) -> int:
        return sum(1 for i in self.items if not i.known and self.checked[i.index])

    def candidates(self, row: int) -> list[tuple[str, int]]:
        """(label, photo id or NO_PHOTO) for the row's photo chooser, the proposal first."""
        item = self.items[row]
        out = [("No photo (import unmatched)", NO_PHOTO)]
        seen: set[int] = set()
        for m in ([item.proposed] if item.proposed else []) + list(item.candidates):
            if m.photo_id not in seen:
                seen.add(m.photo_id)
                out.append((self._match_label(m.photo_id, m.score, m.method), m.photo_id))
        return out

    def shared_photo(self, row: int) -> bool:
        """Is the row's photo also chosen for another ticked caption? (Then one would lose.)"""
        item = self.items[row]
        pid = self.photo[item.index]
        if pid is None or item.known or not self.checked[item.index]:
            return False
        return any(
            o.index != item.index
            and not o.known
            and self.checked[o.index]
            and self.photo[o.index] == pid
            for o in self.items
        )

    def _photo_label(self, row: int) -> str:
        item = self.items[row]
        pid = self.photo[item.index]
        if pid is None:
            return "— no photo —"
        match = next(
            (m for m in [item.proposed, *item.candidates] if m and m.photo_id == pid), None
        )
        if match is None:
            return self.photo_names.get(pid, f"#{pid}")
        return self._match_label(pid, match.score, match.method)

    def _match_label(self, pid: int, score: float, method: str) -> str:
        name = self.photo_names.get(pid, f"#{pid}")
        return f"{name}  {score:.0f}% ({METHOD_WORDS.get(method, method)})"

    # --- Qt model interface -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        item = self.items[index.row()]
        if item.known:
            return Qt.ItemFlag.ItemIsSelectable  # not enabled: greyed, cannot be ticked
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == CHECK:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        elif index.column() == PHOTO and self.checked[item.index]:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, col = self.items[index.row()], index.column()
        rec = item.record
        if role == Qt.ItemDataRole.CheckStateRole and col == CHECK:
            on = self.checked[item.index] and not item.known
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), col)
        if role == Qt.ItemDataRole.EditRole and col == PHOTO:
            pid = self.photo[item.index]
            return NO_PHOTO if pid is None else pid
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == PHOTO and self.shared_photo(index.row()):
                return "Another caption is attached to this photo too: pick one"
            if item.known:
                return "Already in the library: not imported again"
            if col == TEXT:
                return rec.text
            if is_uncertain(item):
                return f"Recovered from plain text: check it. {rec.reason or ''}".strip()
            return None
        if role == Qt.ItemDataRole.BackgroundRole and not item.known:
            worth_a_look = is_uncertain(item) or (col == PHOTO and self.shared_photo(index.row()))
            return UNCERTAIN if worth_a_look else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (CONFIDENCE, LINE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: int, col: int) -> str | None:
        item = self.items[row]
        rec = item.record
        if col == TEXT:
            text = " ".join(rec.text.split())
            return text if len(text) <= 140 else text[:139] + "…"
        if col == CREDIT:
            return rec.credit or ""
        if col == PEOPLE:
            return ", ".join(rec.people)
        if col == MARKUP:
            return rec.markup + (" (known)" if item.known else "")
        if col == CONFIDENCE:
            return f"{rec.confidence:.0%}"
        if col == LINE:
            return str(rec.line)
        if col == PHOTO:
            # The arrow says "click to choose another": the cell opens the candidates.
            chooser = "  ▾" if not item.known and self.checked[item.index] else ""
            return self._photo_label(row) + chooser
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or self.items[index.row()].known:
            return False
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == CHECK:
            self.checked[item.index] = Qt.CheckState(value) == Qt.CheckState.Checked
            self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), PHOTO))
            self._photo_column_changed()
            return True
        if role == Qt.ItemDataRole.EditRole and index.column() == PHOTO:
            pid = int(value)
            self.photo[item.index] = None if pid == NO_PHOTO else pid
            self._photo_column_changed()
            return True
        return False

    def _photo_column_changed(self) -> None:
        # One choice can make another row's photo shared (or no longer): repaint the column.
        last = self.rowCount() - 1
        self.dataChanged.emit(self.index(0, PHOTO), self.index(last, PHOTO))
        self.selection_changed.emit()

    def set_checked(self, row: int, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        self.setData(self.index(row, CHECK), state, Qt.ItemDataRole.CheckStateRole)

    def row_for_line(self, line: int | None) -> int | None:
        """The caption nearest a warning's line: the one that starts at or before it."""
        if line is None:
            return None
        best = None
        for row, item in enumerate(self.items):
            if item.record.line <= line:
                best = row
        return best
