"""The main window's workflows in one place: importing photos and caption dumps, attaching
waiting captions, exporting a gallery, and making and ordering galleries (collections)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QInputDialog

from desktop.services import browse, editing
from desktop.services.library import LibraryError
from desktop.ui.caption_attach import CaptionAttacher
from desktop.ui.export_dialog import ExportDialog, ExportSources
from desktop.ui.import_dump_flow import ImportDumpFlow
from desktop.ui.import_photos_flow import ImportPhotosFlow

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


class Workflows(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.import_photos = ImportPhotosFlow(window)
        self.import_dump = ImportDumpFlow(window)
        self.attacher = CaptionAttacher(window.edits, window.review.captions_model.caption, window)
        self.export_dialog: ExportDialog | None = None
        window.review.attach_requested.connect(self.attacher.attach)
        window.grid.caption_dropped.connect(self.attacher.attach)
        self.attacher.captions_changed.connect(self._captions_changed)
        window.grid.reorder_requested.connect(self.reorder_gallery)

    def _captions_changed(self) -> None:
        if self.window.view.unmatched_captions:
            self.window.review.reload()

    # --- export ---------------------------------------------------------------------------

    def export_sources(self) -> ExportSources:
        w = self.window
        selection = w.selected_ids()
        example = None
        for summary in browse.photo_summaries(w.lib, selection[:1] or w.grid_model.ids[:1]):
            if summary.caption:
                example = (summary.caption, summary.credit or "")
        current = w.view.label if w.view.gallery_id is not None else None
        sources = ExportSources(
            selection=selection,
            view_ids=list(w.grid_model.ids),
            view_label=w.view.label
            + (f" — “{w.search_field.text()}”" if w.search_field.text() else ""),
            galleries=browse.list_galleries(w.lib),
            current_gallery=current,
        )
        return sources if example is None else replace(sources, example=example)

    def open_export(self) -> ExportDialog:
        if self.export_dialog is not None:
            self.export_dialog.raise_()
            return self.export_dialog
        dialog = ExportDialog(
            self.window.lib, self.window.runner, self.export_sources(), None, self.window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "export_dialog", None))
        self.export_dialog = dialog
        dialog.open()
        return dialog

    # --- galleries ------------------------------------------------------------------------

    def ask_gallery_name(self, count: int) -> str | None:
        name, ok = QInputDialog.getText(
            self.window, "New gallery", f"Name of the gallery of these {count} photos:"
        )
        return name.strip() if ok and name.strip() else None

    def new_gallery_from_selection(self) -> int | None:
        w = self.window
        ids = w.selected_ids()
        if not ids:
            w.statusBar().showMessage("Select the photos for the gallery first", 5000)
            return None
        name = self.ask_gallery_name(len(ids))
        if not name:
            return None
        try:
            gallery_id = editing.create_gallery(w.lib, name, ids)
        except LibraryError as exc:
            w.statusBar().showMessage(f"Could not make the gallery: {exc}", 8000)
            return None
        w.statusBar().showMessage(f"Gallery “{name}”: {len(ids)} photos", 6000)
        w.reload_sidebar()
        return gallery_id

    def reorder_gallery(self, ids: Sequence[int]) -> None:
        w = self.window
        gallery_id = w.view.gallery_id
        if gallery_id is None:
            return
        selected = set(w.selected_ids())
        try:
            editing.reorder_gallery(w.lib, gallery_id, list(ids))
        except LibraryError as exc:
            w.statusBar().showMessage(f"Could not reorder the gallery: {exc}", 8000)
            w.reload_ids()
            return
        w.grid_model.set_ids(list(ids))
        w.select_ids(selected)
