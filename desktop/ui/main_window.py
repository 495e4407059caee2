"""The main window: sidebar of views, the thumbnail grid, the inspector, search and status.

It wires the parts together; each part (model, delegate, inspector, batch editor, sidebar)
lives in its own module and gets the library and the task runner passed in. Conflicting
writes are answered by conflict_flow.py, other desks' changes picked up by team_sync.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QItemSelectionModel, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QScrollArea,
    QSplitter,
    QStackedWidget,
)

from desktop import APP_NAME
from desktop.core.library_records import PhotoSummary
from desktop.services import browse, editing
from desktop.services.library import Library
from desktop.ui.batch_editor import BatchEditor
from desktop.ui.caption_review_view import CaptionReviewView
from desktop.ui.conflict_flow import ConflictResolver
from desktop.ui.edit_controller import EditController
from desktop.ui.library_sidebar import (
    ALL_PHOTOS,
    LibrarySidebar,
    LibraryView,
    SidebarData,
    load_sidebar,
)
from desktop.ui.main_window_actions import build_actions
from desktop.ui.main_window_bars import build_search_toolbar, build_status_bar
from desktop.ui.main_window_workflows import Workflows
from desktop.ui.photo_grid_model import IdRole, PhotoGridModel, SummaryRole
from desktop.ui.photo_grid_view import PhotoGridView
from desktop.ui.photo_inspector import PhotoInspector
from desktop.ui.preview_dialog import PreviewDialog
from desktop.ui.tasks import TaskRunner
from desktop.ui.team_sync import TeamSync
from desktop.ui.thumbnail_cache import ThumbnailCache
from desktop.ui.window_dialogs import ShortcutsDialog, show_about

SEARCH_DEBOUNCE_MS = 250


class MainWindow(QMainWindow):
    ids_loaded = Signal(int)  # number of photos now in the grid

    def __init__(
        self,
        lib: Library,
        runner: TaskRunner,
        edits: EditController,
        thumbs: ThumbnailCache,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        self.lib, self.runner, self.edits, self.thumbs = lib, runner, edits, thumbs
        self.settings = settings
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)  # files and folders dropped anywhere are imported
        self.view: LibraryView = ALL_PHOTOS
        self.total = 0
        self._generation = 0
        self.ids_ready = False
        self.sidebar_ready = False

        self.grid_model = PhotoGridModel(lib, thumbs, runner, self)
        self.grid = PhotoGridView(self)
        self.grid.setModel(self.grid_model)
        # The caption review sits above the grid, so a caption can be dragged onto any photo.
        self.review = CaptionReviewView(lib, runner, thumbs, self)
        self.review.setVisible(False)
        self.center = QSplitter(Qt.Orientation.Vertical, self)
        self.center.addWidget(self.review)
        self.center.addWidget(self.grid)
        self.center.setSizes([420, 480])
        self.center.setChildrenCollapsible(False)

        self.sidebar = LibrarySidebar(self)
        self.inspector = PhotoInspector(lib, edits, self)
        self.batch_editor = BatchEditor(
            lib, edits, self.selected_ids, self, seen_versions=self.grid_model.versions_of
        )
        self.nothing = QLabel("Select a photo to see and edit its caption, credit and tags.", self)
        self.nothing.setWordWrap(True)
        self.nothing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing.setMargin(24)
        self.inspector_stack = QStackedWidget(self)
        for page in (self.nothing, self.inspector, self.batch_editor):
            self.inspector_stack.addWidget(page)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.inspector_stack)
        scroll.setMinimumWidth(320)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.center)
        self.splitter.addWidget(scroll)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([230, 760, 380])
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        build_search_toolbar(self)
        build_status_bar(self)
        self.workflows = Workflows(self)
        self.actions_by_name = build_actions(self)
        self.conflicts = ConflictResolver(self)
        self.team = TeamSync(self)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.reload_ids)
        self.search_field.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_field.returnPressed.connect(self.search_now)
        self._sidebar_timer = QTimer(self)
        self._sidebar_timer.setSingleShot(True)
        self._sidebar_timer.setInterval(800)
        self._sidebar_timer.timeout.connect(self.reload_sidebar)

        self.sidebar.view_chosen.connect(self.show_view)
        self.grid.selectionModel().selectionChanged.connect(self._selection_changed)
        self.grid.doubleClicked.connect(lambda _i: self.open_preview())
        self.grid.preview_requested.connect(self.open_preview)
        self.grid.zoom_changed.connect(self.zoom_slider.setValue)
        self.edits.photos_changed.connect(self._photos_changed)
        self.edits.failed.connect(lambda msg: self.statusBar().showMessage(msg, 8000))
        self.inspector.status_message.connect(lambda m: self.statusBar().showMessage(m, 6000))
        self.batch_editor.status_message.connect(lambda m: self.statusBar().showMessage(m, 6000))
        self.runner.busy_changed.connect(self._busy)
        self._restore_geometry()

    # --- loading ------------------------------------------------------------------------------

    def start(self) -> None:
        """First load: the photos of the current view, the sidebar, the completers; then watch
        the (possibly shared) library for other desks' changes."""
        self.reload_ids()
        self.reload_sidebar()
        self.inspector.reload_vocabularies()
        self.batch_editor.reload_vocabularies()
        self.team.start()

    def current_query(self) -> str | None:
        parts = [p for p in (self.view.query, self.search_field.text().strip()) if p]
        return " ".join(parts) or None

    def search_now(self) -> None:
        self._search_timer.stop()
        self.reload_ids()

    def reload_ids(self) -> None:
        self._search_timer.stop()
        self._generation += 1
        generation = self._generation
        if self.view.unmatched_captions:
            self.review.reload()  # and the grid below shows every photo, to drop captions on
        sort = self.sort_combo.currentData()
        query, filters = self.current_query(), self.view.filters()
        self.runner.submit(
            lambda: browse.photo_ids(self.lib, query, sort=sort, **filters),
            on_done=lambda ids: self._ids_loaded(generation, ids),
            on_error=lambda exc: self.statusBar().showMessage(f"Search failed: {exc}", 8000),
            priority=10,  # ahead of queued thumbnails and pages
        )

    def _ids_loaded(self, generation: int, ids: list[int]) -> None:
        if generation != self._generation:
            return  # a newer search is on its way
        selected = set(self.selected_ids())
        self.thumbs.clear_queue()
        self.grid_model.set_ids(ids)
        if selected:
            self.select_ids(selected)
        elif not self.ids_ready and ids:
            self.select_rows([0])  # first load: start on the first photo, keyboard-ready
        else:
            self._selection_changed()
        self._update_count()
        self.ids_ready = True
        self.ids_loaded.emit(len(ids))

    def reload_sidebar(self) -> None:
        self.runner.submit(load_sidebar, self.lib, on_done=self._sidebar_loaded)

    def _sidebar_loaded(self, data: SidebarData) -> None:
        self.total = data.total
        self.sidebar.populate(data)
        self.sidebar_ready = True
        self._update_count()

    def refresh_all(self) -> None:
        self.reload_ids()
        self.reload_sidebar()
        self.inspector.reload_vocabularies()
        self.batch_editor.reload_vocabularies()

    def show_view(self, view: LibraryView) -> None:
        self.view = view
        self.sidebar.select_view(view.label)
        self.review.setVisible(view.unmatched_captions)
        # Only a gallery has an order of its own to drag photos into.
        self.grid.set_reorderable(view.gallery_id is not None)
        self.reload_ids()

    def show_all_photos(self) -> None:
        self.search_field.clear()
        self.show_view(ALL_PHOTOS)

    # --- selection and inspector -------------------------------------------------------------

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.grid.selectionModel().selectedIndexes())
        return [self.grid_model.ids[r] for r in rows if r < len(self.grid_model.ids)]

    def select_ids(self, ids: set[int]) -> None:
        sel = self.grid.selectionModel()
        sel.clearSelection()
        for pid in ids:
            row = self.grid_model.row_of(pid)
            if row is not None:
                sel.select(self.grid_model.index(row), QItemSelectionModel.SelectionFlag.Select)
        self._selection_changed()

    def select_rows(self, rows: Sequence[int]) -> None:
        sel = self.grid.selectionModel()
        sel.clearSelection()
        for n, row in enumerate(rows):
            index = self.grid_model.index(row)
            flags = QItemSelectionModel.SelectionFlag.Select
            if n == 0:
                flags |= QItemSelectionModel.SelectionFlag.Current
                sel.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
            sel.select(index, flags)

    def _selection_changed(self, *_args: object) -> None:
        ids = self.selected_ids()
        self.selection_label.setText(f"{len(ids):,} selected" if ids else "")
        if len(ids) == 1:
            self.inspector.show_photo(ids[0])
            self.inspector_stack.setCurrentWidget(self.inspector)
        elif len(ids) > 1:
            self.inspector.show_photo(None)
            self.batch_editor.show_selection(len(ids))
            self.inspector_stack.setCurrentWidget(self.batch_editor)
        else:
            self.inspector.show_photo(None)
            self.inspector_stack.setCurrentWidget(self.nothing)

    def _update_count(self) -> None:
        shown = self.grid_model.rowCount()
        total = max(self.total, shown)
        self.count_label.setText(f"{shown:,} of {total:,} photos")

    def _photos_changed(self, ids: set[int]) -> None:
        self.grid_model.refresh(ids)
        current = self.inspector.detail
        if current is not None and current.id in ids:
            self.inspector.show_photo(current.id)
        self._sidebar_timer.start()

    def _busy(self, running: int) -> None:
        for w in (self.busy_label, self.busy_bar):
            w.setVisible(running > 0)

    # --- commands ------------------------------------------------------------------------------

    def undo(self) -> None:
        self.inspector.save_caption()  # typing not yet saved is an edit too: undo that first
        self.edits.undo_stack.undo()

    def redo(self) -> None:
        self.edits.undo_stack.redo()

    def focus_search(self) -> None:
        self.search_field.setFocus()
        self.search_field.selectAll()

    def focus_caption(self) -> None:
        if self.inspector_stack.currentWidget() is self.inspector:
            self.inspector.caption.setFocus()

    def focus_grid(self) -> None:
        self.grid.setFocus()

    def save_search(self) -> None:
        query = self.current_query()
        if not query:
            self.statusBar().showMessage("Type a search first, then save it", 5000)
            return
        name, ok = QInputDialog.getText(self, "Save search", "Name:", text=query)
        if ok and name.strip():
            editing.save_search(self.lib, name.strip(), query)
            self.reload_sidebar()

    def step_preview(self, delta: int) -> PhotoSummary | None:
        row = self.grid.currentIndex().row() + delta
        if not 0 <= row < self.grid_model.rowCount():
            return None
        self.select_rows([row])
        self.grid.scrollTo(self.grid_model.index(row))
        return self.grid_model.index(row).data(SummaryRole)

    def open_preview(self) -> None:
        index = self.grid.currentIndex()
        if not index.isValid() or index.data(IdRole) is None:
            return
        dialog = PreviewDialog(self.lib, self.runner, self.step_preview, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show_photo(index.data(SummaryRole))
        dialog.open()

    def show_shortcuts(self) -> None:
        ShortcutsDialog(list(self.actions_by_name.values()), self).exec()

    def show_about(self) -> None:
        show_about(self, self.lib.location)

    # --- files dropped on the window are imported ------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.workflows.import_photos.drag_enter(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.workflows.import_photos.drag_enter(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self.workflows.import_photos.drop(event)

    # --- geometry (the only thing QSettings keeps) ------------------------------------------

    def _restore_geometry(self) -> None:
        if self.settings is None:
            return
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.team.close()
        self.inspector.save_caption()
        if self.settings is not None:
            self.settings.setValue("window/geometry", self.saveGeometry())
            self.settings.setValue("window/splitter", self.splitter.saveState())
        super().closeEvent(event)
