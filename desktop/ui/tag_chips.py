"""Tags as chips: a wrapping row of removable chips, ghost chips for suggestions, and the
kind selector + completing line edit that adds one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, QRect, QSize, QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetItem,
)

from desktop.core.library_records import TAG_KINDS, TagInfo

KIND_COLORS = {
    "person": "#3b82c4",
    "place": "#2e9e6a",
    "organisation": "#8a5cc2",
    "event": "#c2703d",
    "keyword": "#6b7280",
}


class FlowLayout(QLayout):
    """Lays children left to right, wrapping like words in a paragraph."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._layout(rect, apply=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _layout(self, rect: QRect, apply: bool) -> int:
        x, y, line_height = rect.x(), rect.y(), 0
        gap = self.spacing()
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and line_height > 0:
                x, y = rect.x(), y + line_height + gap
                line_height = 0
            if apply:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            line_height = max(line_height, hint.height())
        return y + line_height - rect.y()

    def clear(self) -> None:
        while self._items:
            item = self._items.pop()
            if isinstance(item, QWidgetItem) and item.widget() is not None:
                item.widget().deleteLater()


def chip_style(kind: str, ghost: bool) -> str:
    color = KIND_COLORS.get(kind, KIND_COLORS["keyword"])
    if ghost:
        return (
            f"QToolButton {{ border: 1px dashed {color}; border-radius: 10px; padding: 1px 8px;"
            f" color: palette(text); background: transparent; }}"
        )
    return (
        f"QToolButton {{ border: 1px solid {color}; border-radius: 10px; padding: 1px 8px;"
        f" color: white; background: {color}; }}"
    )


class TagChips(QWidget):
    """Accepted tags (click ✕ to remove) and suggested ones (click to accept)."""

    remove_requested = Signal(str, str)  # kind, name
    accept_requested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = FlowLayout(self)
        self._ghosts: list[tuple[str, str]] = []
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

    def set_tags(self, tags: Sequence[TagInfo], suggested: Sequence[tuple[str, str]] = ()) -> None:
        self.flow.clear()
        accepted = {(t.kind, t.name) for t in tags if t.state == "accepted"}
        for t in tags:
            if t.state == "accepted":
                self._add_chip(t.kind, t.name, ghost=False)
        ghosts = [(t.kind, t.name) for t in tags if t.state != "accepted"]
        ghosts += [kn for kn in suggested if kn not in accepted and kn not in ghosts]
        self._ghosts = ghosts
        for kind, name in ghosts:
            self._add_chip(kind, name, ghost=True)
        self.updateGeometry()

    @property
    def suggested(self) -> list[tuple[str, str]]:
        """The ghost chips' (kind, name), in the order shown."""
        return list(self._ghosts)

    def chip_labels(self) -> list[str]:
        return [b.text() for b in self.findChildren(QToolButton) if not b.property("ghost")]

    def _add_chip(self, kind: str, name: str, ghost: bool) -> None:
        button = QToolButton(self)
        button.setProperty("ghost", ghost)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setStyleSheet(chip_style(kind, ghost))
        if ghost:
            button.setText(f"+ {name}")
            button.setToolTip(f"Suggested {kind} tag: click to accept")
            button.clicked.connect(lambda: self.accept_requested.emit(kind, name))
        else:
            button.setText(f"{name}  ✕")
            button.setToolTip(f"{kind} tag: click to remove")
            button.clicked.connect(lambda: self.remove_requested.emit(kind, name))
        button.setAccessibleName(f"{'suggested ' if ghost else ''}{kind} tag {name}")
        self.flow.addWidget(button)


class TagEntry(QWidget):
    """A kind selector and a line edit completing over the library's tags of that kind."""

    tag_entered = Signal(str, str)  # kind, name

    def __init__(
        self, known_tags: Callable[[str], list[str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.known_tags = known_tags
        self.kind = QComboBox(self)
        self.kind.addItems(list(TAG_KINDS))
        self.kind.setCurrentText("keyword")
        self.kind.setToolTip("Kind of tag to add")
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Add a tag…")
        self.edit.setClearButtonEnabled(True)
        self.names = QStringListModel(self)
        self.completer = QCompleter(self.names, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(self.completer)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.kind)
        layout.addWidget(self.edit, 1)
        self.kind.currentTextChanged.connect(self.reload_names)
        self.edit.returnPressed.connect(self._entered)
        # Picking from the popup is one action: no need to press Enter again.
        self.completer.activated[str].connect(self._picked)

    def reload_names(self) -> None:
        self.names.setStringList(self.known_tags(self.kind.currentText()))

    def _picked(self, text: str) -> None:
        self.edit.setText(text)
        self._entered()
        # The completer writes its text back into the edit after `activated`: clear after it.
        QTimer.singleShot(0, self.edit.clear)

    def _entered(self) -> None:
        name = " ".join(self.edit.text().split())
        if name:
            self.tag_entered.emit(self.kind.currentText(), name)
        self.edit.clear()
