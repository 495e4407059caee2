"""The GUI flows never write to originals: a folder of real files imported by drag-and-drop,
shown in the grid and the large preview, captioned from a dump, edited and exported through the
dialog keeps every byte and every modification time."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.services import browse, editing, review
from desktop.services.tasks import run
from desktop.ui.preview_dialog import PreviewDialog

IMAGES = Path(__file__).resolve().parents[1] / "data" / "images"


def fingerprint(folder: Path) -> dict[str, tuple[str, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_gui_flows_leave_originals_untouched(qtbot, window, lib, tmp_path: Path) -> None:
    originals = tmp_path / "originals"
    originals.mkdir()
    for p in IMAGES.iterdir():
        if p.is_file() and p.suffix.lower() in {".jpg", ".png", ".tif", ".webp"}:
            shutil.copy2(p, originals / p.name)
    before = fingerprint(originals)
    assert len(before) >= 10

    # Import by drag-and-drop.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(originals))])
    centre = window.rect().center()
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(centre, *args)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(centre), *args))
    flow = window.workflows.import_photos
    qtbot.waitUntil(lambda: flow.summary_dialog is not None, timeout=60000)
    imported = [s for s in browse.list_photos(lib) if s.path.startswith(str(originals))]
    assert len(imported) == len(before)

    # A caption dump attached to one of them, an edit, a tag.
    dump = tmp_path / "dump.txt"
    dump.write_text(
        '[caption id="attachment_7" width="640"]<img src="/up/with space.jpg" /> '
        "A caption from the website. REUTERS/Shamil Zhumatov[/caption]\n",
        encoding="utf-8",
    )
    run(review.import_dump_selection(lib, run(review.preview_dump(lib, dump)), {}))
    target = imported[0]
    editing.edit_photo(
        lib, target.id, {"caption": "Edited at the desk"}, add_tags=[("keyword", "desk")]
    )

    # The large preview reads the original.
    window.reload_ids()
    qtbot.waitUntil(lambda: target.id in window.grid_model.ids, timeout=5000)
    row = window.grid_model.ids.index(target.id)
    window.grid.setCurrentIndex(window.grid_model.index(row))
    window.actions_by_name["preview"].trigger()
    preview = window.findChild(PreviewDialog)
    assert preview is not None
    qtbot.waitUntil(lambda: preview._pixmap is not None, timeout=20000)
    preview.close()

    # Export everything through the dialog.
    window.actions_by_name["export_gallery"].trigger()
    dialog = window.workflows.export_dialog
    dialog.use_view.setChecked(True)
    dialog.size_spin.setValue(300)
    dialog.thumb_spin.setValue(100)
    dialog.folder_edit.setText(str(tmp_path / "gallery"))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.outcome is not None, timeout=120000)
    assert (tmp_path / "gallery" / "index.html").is_file()

    assert fingerprint(originals) == before
    assert not any(name.startswith(".") for name in os.listdir(originals))
