"""Galleries and File > Export gallery: a gallery made from the selection, reordered by a drag in
its view, exported through the dialog to real files; a cancelled export leaves no folder."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.core.progress import Progress
from desktop.services import browse
from desktop.ui.drag_mime import photo_ids_mime
from desktop.ui.export_dialog import ExportDialog
from desktop.ui.library_sidebar import LibraryView

NAMES = ("soyuz-launch.jpg", "iss-crew.jpg", "crew-wave.jpg")


def make_gallery(qtbot, window, select, monkeypatch, name: str = "Soyuz") -> int:
    select(*NAMES)
    monkeypatch.setattr(window.workflows, "ask_gallery_name", lambda count: name)
    window.actions_by_name["new_gallery"].trigger()
    gallery = next(g for g in browse.list_galleries(window.lib) if g.name == name)
    assert gallery.photo_count == 3
    window.show_view(LibraryView(name, gallery_id=gallery.id))
    qtbot.waitUntil(lambda: len(window.grid_model.ids) == 3, timeout=5000)
    return gallery.id


def drag_photo_to_end(window, photo_id: int) -> None:
    """Drag one photo of the gallery onto the right half of the last one: it goes last."""
    grid = window.grid
    last = window.grid_model.index(len(window.grid_model.ids) - 1)
    rect = grid.visualRect(last)
    where = QPointF(rect.right() - 4, rect.center().y())
    mime = photo_ids_mime([photo_id])  # held: the events do not own it
    args = (
        Qt.DropAction.MoveAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    for event in (QDragEnterEvent(where.toPoint(), *args), QDragMoveEvent(where.toPoint(), *args)):
        QApplication.sendEvent(grid.viewport(), event)
        assert event.isAccepted()
    drop = QDropEvent(where, *args)
    QApplication.sendEvent(grid.viewport(), drop)
    assert drop.isAccepted()


def open_export(window, tmp_path: Path, folder: str) -> ExportDialog:
    window.actions_by_name["export_gallery"].trigger()
    dialog = window.workflows.export_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.size_spin.setValue(200)
    dialog.thumb_spin.setValue(80)
    dialog.folder_edit.setText(str(tmp_path / folder))
    return dialog


def test_gallery_reordered_then_exported_through_the_dialog(
    qtbot, window, lib, photo_ids, select, tmp_path, monkeypatch
) -> None:
    gallery_id = make_gallery(qtbot, window, select, monkeypatch)
    assert window.grid.reorderable
    first = window.grid_model.ids[0]
    drag_photo_to_end(window, first)
    order = browse.photo_ids(lib, gallery_id=gallery_id)
    assert order[-1] == first and len(order) == 3
    assert window.grid_model.ids == order

    dialog = open_export(window, tmp_path, "soyuz")
    assert dialog.use_gallery.isChecked()  # the gallery on show is the one offered
    assert dialog.strip_gps.isChecked()  # GPS is removed unless the user keeps it
    dialog.style_edit.setText("{caption} — {credit}")
    assert dialog.example.text().endswith("— REUTERS")
    task = dialog.start()
    assert task is not None
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=60000)

    out = tmp_path / "soyuz"
    assert (out / "index.html").is_file()
    assert len(list((out / "images").glob("*.jpg"))) == 3
    entries = json.loads((out / "captions.json").read_text(encoding="utf-8"))
    assert len(entries) == 3
    captions = {pid: browse.photo_detail(lib, pid).summary.caption for pid in order}
    assert [e["caption"] for e in entries] == [captions[pid] for pid in order]
    assert "Exported 3 photos" in dialog.status.text()

    opened: list[QUrl] = []
    monkeypatch.setattr(dialog, "open_url", opened.append)
    assert dialog.open_folder_button.isVisible() and dialog.open_browser_button.isVisible()
    dialog.open_folder_button.click()
    dialog.open_browser_button.click()
    assert [u.toLocalFile() for u in opened] == [str(out), str(out / "index.html")]


def test_export_refuses_a_folder_with_files_in_it(qtbot, window, tmp_path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("mine")
    dialog = open_export(window, tmp_path, "full")
    failed: list[object] = []
    dialog.start().signals.failed.connect(failed.append)
    qtbot.waitUntil(lambda: not dialog.running, timeout=30000)
    assert "not empty" in dialog.status.text()
    assert (tmp_path / "full" / "keep.txt").read_text() == "mine"
    assert dialog.export_button.isEnabled()


def test_cancelled_export_leaves_no_folder_and_no_temporary_sibling(
    qtbot, window, tmp_path
) -> None:
    exports = tmp_path / "exports"
    exports.mkdir()
    dialog = open_export(window, exports, "cancelled")
    assert dialog.use_view.isChecked()  # all six photos of the view
    task = dialog.start()
    staged: list[list[str]] = []

    def cancel_on_first(p: Progress) -> None:
        if not staged:
            staged.append(sorted(p.name for p in exports.iterdir()))
            dialog.cancel_or_close()

    task.signals.progress.connect(cancel_on_first)
    qtbot.waitUntil(lambda: not dialog.running, timeout=60000)
    assert dialog.outcome is None
    assert "cancelled" in dialog.status.text()
    # The export had begun (its staging folder was there), and is gone without a trace.
    assert any(name.startswith(".cancelled.partial") for name in staged[0])
    assert list(exports.iterdir()) == []
