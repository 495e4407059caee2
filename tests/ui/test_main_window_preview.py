"""Preview, zoom and the shortcuts dialog: the keyboard paths a picture editor uses all day."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.ui.preview_dialog import PreviewDialog
from desktop.ui.window_dialogs import shortcut_rows


def test_space_opens_the_preview_and_arrows_step_through_the_grid(qtbot, window, select) -> None:
    select("iss-crew.jpg")
    window.grid.setFocus()
    qtbot.keyClick(window.grid, Qt.Key.Key_Space)
    dialog = window.findChild(PreviewDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.summary.file_name == "iss-crew.jpg"
    qtbot.waitUntil(
        lambda: dialog.image.pixmap() is not None and not dialog.image.pixmap().isNull(),
        timeout=5000,
    )
    assert "Soyuz rocket" in dialog.caption.text() and "(REUTERS)" in dialog.caption.text()

    start = window.grid.currentIndex().row()
    qtbot.keyClick(dialog, Qt.Key.Key_Right)
    assert window.grid.currentIndex().row() == start + 1
    assert dialog.summary.id == window.selected_ids()[0]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_zoom_shortcuts_change_the_grid_size(qtbot, window) -> None:
    size = window.grid.thumb_size
    window.actions_by_name["zoom_in"].trigger()
    assert window.grid.thumb_size > size
    assert window.zoom_slider.value() == window.grid.thumb_size
    assert window.grid.gridSize().width() > size
    window.zoom_slider.setValue(96)
    assert window.grid.thumb_size == 96


def test_shortcuts_list_comes_from_the_actions(window) -> None:
    rows = dict(shortcut_rows(list(window.actions_by_name.values())))
    assert rows["Undo"] == "Ctrl+Z"
    assert rows["Redo"] == "Ctrl+Shift+Z, Ctrl+Y"
    assert "Ctrl+=" in rows["Zoom in"]
    # The workflows are enabled, with their keys listed in the dialog.
    assert rows["Import photos"] == "Ctrl+I"
    assert rows["Import caption dump"] == "Ctrl+Shift+I"
    assert rows["Export gallery"] == "Ctrl+E"
    for name in ("import_photos", "import_dump", "export_gallery"):
        action = window.actions_by_name[name]
        assert action.isEnabled()
        assert "workflows release" not in action.toolTip()
