"""The sidebar: the views of the library a picture editor switches between (all photos, what is
missing, imports, galleries, saved searches, tags by kind, credits), with their counts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from desktop.core.library_records import TAG_KINDS, BatchInfo, GalleryInfo
from desktop.services import browse, editing
from desktop.services.library import Library

ViewRole = Qt.ItemDataRole.UserRole + 1
TAGS_PER_KIND = 40


@dataclass(frozen=True)
class LibraryView:
    """What the centre shows: the photos matching these filters (or the unmatched captions)."""

    label: str
    query: str | None = None
    batch_id: int | None = None
    tag: tuple[str, str] | None = None
    credit: str | None = None
    gallery_id: int | None = None
    missing: str | None = None
    unmatched_captions: bool = False

    def filters(self) -> dict[str, Any]:
        return {
            "batch_id": self.batch_id,
            "tag": self.tag,
            "credit": self.credit,
            "gallery_id": self.gallery_id,
            "missing": self.missing,
        }


ALL_PHOTOS = LibraryView("All photos")


@dataclass
class SidebarData:
    """Everything the sidebar shows, read in a worker in one go."""

    total: int = 0
    missing_caption: int = 0
    missing_credit: int = 0
    unmatched: int = 0
    batches: list[BatchInfo] = field(default_factory=list)
    galleries: list[GalleryInfo] = field(default_factory=list)
    searches: list[tuple[int, str, str]] = field(default_factory=list)
    tags: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    credits: list[tuple[str, int]] = field(default_factory=list)


def load_sidebar(lib: Library) -> SidebarData:
    tags: dict[str, list[tuple[str, int]]] = {}
    for kind, name, count in browse.known_tags(lib):
        if count and len(tags.setdefault(kind, [])) < TAGS_PER_KIND:
            tags[kind].append((name, count))
    return SidebarData(
        total=browse.photo_count(lib),
        missing_caption=len(browse.photo_ids(lib, missing="caption")),
        missing_credit=len(browse.photo_ids(lib, missing="credit")),
        unmatched=len(browse.list_captions(lib, unmatched=True)),
        batches=browse.recent_batches(lib, 15),
        galleries=browse.list_galleries(lib),
        searches=editing.saved_searches(lib),
        tags=tags,
        credits=browse.credit_counts(lib),
    )


def _batch_label(b: BatchInfo) -> str:
    # The folder or file name says which import it was; the full path goes in the tooltip.
    name = b.source.rstrip("/\\").replace("\\", "/").rsplit("/", 1)[-1] or b.source
    return f"{b.started_at:%d %b %H:%M} · {name}"


class LibrarySidebar(QTreeView):
    view_chosen = Signal(object)  # LibraryView

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_ = QStandardItemModel(self)
        self.setModel(self.model_)
        self.setHeaderHidden(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setUniformRowHeights(True)
        self.setAccessibleName("Library")
        self.setMinimumWidth(190)
        self._expanded: set[str] = {
            "Library",
            "Saved searches",
            "Galleries",
            "Recent imports",
            "Tags",
            "Credits",
        }
        self.clicked.connect(self._activated)
        self.activated.connect(self._activated)
        self._current_label: str | None = ALL_PHOTOS.label

    def populate(self, data: SidebarData) -> None:
        # Keep the user's expanded sections across refreshes.
        root = self.model_.invisibleRootItem()
        for row in range(root.rowCount()):
            item = root.child(row)
            if self.isExpanded(item.index()):
                self._expanded.add(item.text())
            else:
                self._expanded.discard(item.text())
        self.model_.clear()
        lib_section = self._section("Library")
        self._entry(lib_section, f"All photos  ({data.total:,})", ALL_PHOTOS)
        self._entry(
            lib_section,
            f"Missing caption  ({data.missing_caption:,})",
            LibraryView("Missing caption", missing="caption"),
        )
        self._entry(
            lib_section,
            f"Missing credit  ({data.missing_credit:,})",
            LibraryView("Missing credit", missing="credit"),
        )
        self._entry(
            lib_section,
            f"Unmatched captions  ({data.unmatched:,})",
            LibraryView("Unmatched captions", unmatched_captions=True),
        )
        section = self._section("Recent imports")
        for b in data.batches:
            count = sum(v for k, v in b.counts.items() if k in ("added", "imported", "photos"))
            label = _batch_label(b) + (f"  ({count:,})" if count else "")
            self._entry(
                section, label, LibraryView(f"Import {b.source}", batch_id=b.id), tooltip=b.source
            )
        section = self._section("Galleries")
        for g in data.galleries:
            self._entry(
                section, f"{g.name}  ({g.photo_count:,})", LibraryView(g.name, gallery_id=g.id)
            )
        self._placeholder(section, data.galleries, "No galleries yet")
        section = self._section("Saved searches")
        for _sid, name, query in data.searches:
            self._entry(section, name, LibraryView(name, query=query), tooltip=query)
        self._placeholder(section, data.searches, "Search, then Save search")
        section = self._section("Tags")
        for kind in TAG_KINDS:
            names = data.tags.get(kind)
            if not names:
                continue
            kind_item = self._entry(section, f"{kind.capitalize()}s", None)
            for name, count in names:
                self._entry(
                    kind_item,
                    f"{name}  ({count:,})",
                    LibraryView(f"{kind}: {name}", tag=(kind, name)),
                )
        section = self._section("Credits")
        for name, count in data.credits:
            self._entry(
                section, f"{name}  ({count:,})", LibraryView(f"Credit: {name}", credit=name)
            )
        root = self.model_.invisibleRootItem()  # clear() replaced it
        for row in range(root.rowCount()):
            item = root.child(row)
            if item.text() in self._expanded:
                self.expandRecursively(item.index())
            else:
                self.collapse(item.index())
        self._reselect()

    def _section(self, title: str) -> QStandardItem:
        item = QStandardItem(title)
        font = QFont(self.font())
        font.setBold(True)
        item.setFont(font)
        item.setSelectable(False)
        self.model_.appendRow(item)
        return item

    def _placeholder(self, section: QStandardItem, items: list, text: str) -> None:
        if not items:
            item = self._entry(section, text, None)
            item.setEnabled(False)

    def _entry(
        self,
        parent: QStandardItem,
        label: str,
        view: LibraryView | None,
        tooltip: str | None = None,
    ) -> QStandardItem:
        item = QStandardItem(label)
        item.setData(view, ViewRole)
        item.setToolTip(tooltip or label)
        if view is None:
            item.setSelectable(False)
        parent.appendRow(item)
        return item

    def _reselect(self) -> None:
        for item in self._all_items():
            view = item.data(ViewRole)
            if view is not None and view.label == self._current_label:
                self.setCurrentIndex(item.index())
                return

    def _all_items(self) -> list[QStandardItem]:
        out: list[QStandardItem] = []
        stack = [self.model_.invisibleRootItem()]
        while stack:
            item = stack.pop()
            for row in range(item.rowCount()):
                child = item.child(row)
                out.append(child)
                stack.append(child)
        return out

    def select_view(self, label: str) -> None:
        self._current_label = label
        self._reselect()

    def _activated(self, index: QModelIndex) -> None:
        view = index.data(ViewRole)
        if isinstance(view, LibraryView):
            self._current_label = view.label
            self.view_chosen.emit(view)
