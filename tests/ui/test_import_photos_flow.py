"""Importing photos from the GUI: a folder dropped on the window fills the grid and the library
and ends with a summary of the rejected files; a cancelled import leaves the library as it was."""

from __future__ import annotations

import functools
import random
from pathlib import Path

from PIL import Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import QApplication

import desktop.services.import_images as import_service
from desktop.core.progress import Progress
from desktop.services import browse
from desktop.ui import import_photos_flow
from desktop.ui.task_progress_dialog import TaskProgressDialog, describe_seconds


def write_jpegs(folder: Path, count: int, size: tuple[int, int] = (320, 240)) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(count)
    out = []
    for n in range(count):
        # Noise, so every file has its own content hash (no duplicates) and takes real work.
        im = Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))
        path = folder / f"frame-{n:03d}.jpg"
        im.save(path, quality=80)
        out.append(path)
    return out


def drop_on(window, paths: list[Path]) -> QDragEnterEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    centre = window.rect().center()
    enter = QDragEnterEvent(
        centre,
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    if enter.isAccepted():
        drop = QDropEvent(
            QPointF(centre),
            Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(window, drop)
    return enter


def test_a_dropped_folder_is_imported_into_the_grid(qtbot, window, lib, tmp_path) -> None:
    folder = tmp_path / "shoot"
    new = write_jpegs(folder, 3)
    (folder / "broken.jpg").write_bytes(b"this is not a JPEG")
    before = set(browse.photo_ids(lib))
    flow = window.workflows.import_photos

    enter = drop_on(window, [folder])
    assert enter.isAccepted()
    assert flow.running and flow.progress_dialog is not None
    qtbot.waitUntil(lambda: flow.summary_dialog is not None, timeout=30000)

    added = {s.id: s for s in browse.list_photos(lib) if s.id not in before}
    assert sorted(s.file_name for s in added.values()) == sorted(p.name for p in new)
    qtbot.waitUntil(lambda: set(added) <= set(window.grid_model.ids), timeout=5000)
    summary = flow.summary_dialog
    assert "3 added" in summary.headline.text()
    assert "1 rejected" in summary.headline.text()
    text = summary.rejected.toPlainText()
    assert "broken.jpg" in text and text.count("\n") == 0  # one line: the file and why
    assert summary.rejected.isReadOnly()
    summary.copy_button.click()
    assert QGuiApplication.clipboard().text() == text


def test_files_dragged_over_the_grid_reach_the_window(window, tmp_path) -> None:
    mime = QMimeData()  # held: the event does not own it
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path))])
    enter = QDragEnterEvent(
        QPoint(20, 20),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window.grid.viewport(), enter)
    assert enter.isAccepted()  # by the main window: the grid passes files on


def test_progress_dialog_counts_and_estimates_time_left(qtbot, window) -> None:
    dialog = TaskProgressDialog("Importing photos", "files", window)
    qtbot.addWidget(dialog)
    dialog.show_progress(Progress("importing", 0, 30))
    dialog.clock.seconds_left(1, 30, now=100.0)  # the clock starts at the first file done
    assert dialog.clock.seconds_left(11, 30, now=104.0) == 7.6  # 10 files in 4 s, 19 to go
    dialog.show_progress(Progress("importing", 12, 30, current="/photos/frame-012.jpg"))
    assert dialog.count.text() == "12 of 30 files"
    assert dialog.current.text() == "/photos/frame-012.jpg"
    assert dialog.bar.value() == 12 and dialog.bar.maximum() == 30
    assert describe_seconds(None) == "Estimating time left…"
    assert describe_seconds(42) == "About 40 seconds left"
    assert describe_seconds(600) == "About 10 minutes left"


def test_a_drag_without_local_files_is_refused(window) -> None:
    mime = QMimeData()
    mime.setText("just words")
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_cancel_in_the_middle_leaves_no_photo_of_the_batch(
    qtbot, window, lib, tmp_path, monkeypatch
) -> None:
    folder = tmp_path / "big-shoot"
    write_jpegs(folder, 30, size=(1200, 900))
    # Every file is written as soon as it is read, and one worker reads them in turn: when the
    # first progress event arrives, photos of the batch are in the library, the rest to come.
    monkeypatch.setattr(import_service, "WRITE_EVERY", 1)
    monkeypatch.setattr(
        import_photos_flow,
        "import_images",
        functools.partial(import_service.import_images, workers=1),
    )
    before = set(browse.photo_ids(lib))
    flow = window.workflows.import_photos
    seen_in_library: list[int] = []

    def cancel_on_first(p: Progress) -> None:
        if p.done >= 1 and not seen_in_library:
            seen_in_library.append(len(browse.photo_ids(lib)) - len(before))
            flow.cancel()

    finished: list[object] = []
    flow.finished.connect(finished.append)
    task = flow.start([folder])
    task.signals.progress.connect(cancel_on_first)
    qtbot.waitUntil(lambda: bool(finished), timeout=60000)

    assert finished == [None]  # cancelled, not completed
    assert seen_in_library and seen_in_library[0] >= 1  # the batch had started to land
    assert set(browse.photo_ids(lib)) == before
    assert not any(str(folder) in s.path for s in browse.list_photos(lib))
    assert flow.summary_dialog is None
    assert "cancelled" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: set(window.grid_model.ids) == before, timeout=5000)
