"""The main window's actions and menus: one place that names every command and its keys, which
the Help > Keyboard shortcuts dialog reads back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from shiboken6 import isValid

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow


def build_actions(w: MainWindow) -> dict[str, QAction]:
    def act(
        name: str, text: str, keys: list[QKeySequence | str] | None = None, slot=None, tip: str = ""
    ) -> QAction:
        action = QAction(text, w)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        if slot is not None:
            action.triggered.connect(slot)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        actions[name] = action
        w.addAction(action)  # shortcuts work wherever focus is in the window
        return action

    actions: dict[str, QAction] = {}
    flows = w.workflows
    act(
        "import_photos",
        "&Import photos…",
        ["Ctrl+I"],
        flows.import_photos.choose_folder,
        "Import a folder of photos (or drop files and folders on the window)",
    )
    act(
        "import_photo_files",
        "Import photo &files…",
        ["Ctrl+Alt+I"],
        flows.import_photos.choose_files,
        "Import chosen photo files",
    )
    act(
        "import_dump",
        "Import caption &dump…",
        ["Ctrl+Shift+I"],
        flows.import_dump.choose,
        "Import the captions of a WordPress or HTML dump, previewed first",
    )
    act(
        "export_gallery",
        "&Export gallery…",
        ["Ctrl+E"],
        flows.open_export,
        "Export the selection, the current view or a gallery as a web gallery folder",
    )
    act(
        "new_gallery",
        "New &gallery from selection…",
        ["Ctrl+Shift+N"],
        flows.new_gallery_from_selection,
    )
    act("quit", "&Quit", [QKeySequence.StandardKey.Quit, "Ctrl+Q"], w.close)

    undo = act("undo", "&Undo", ["Ctrl+Z"], w.undo)
    redo = act("redo", "&Redo", ["Ctrl+Shift+Z", "Ctrl+Y"], w.redo)
    undo.setEnabled(False)
    redo.setEnabled(False)
    stack = w.edits.undo_stack
    stack.canUndoChanged.connect(undo.setEnabled)
    stack.canRedoChanged.connect(redo.setEnabled)
    # The stack may outlive the actions while the window is torn down: check before touching.
    stack.undoTextChanged.connect(lambda t: isValid(undo) and undo.setText(f"&Undo {t}".strip()))
    stack.redoTextChanged.connect(lambda t: isValid(redo) and redo.setText(f"&Redo {t}".strip()))
    act("select_all", "Select &all", ["Ctrl+A"], w.grid.selectAll)
    act("find", "&Find…", ["Ctrl+F"], w.focus_search)
    act("save_search", "&Save search…", ["Ctrl+Shift+S"], w.save_search)
    act("edit_caption", "Edit &caption", ["F2"], w.focus_caption)
    act("focus_grid", "Go to the &photos", ["Ctrl+G"], w.focus_grid)

    act("zoom_in", "Zoom &in", ["Ctrl+=", "Ctrl++"], w.grid.zoom_in)
    act("zoom_out", "Zoom &out", ["Ctrl+-"], w.grid.zoom_out)
    act("preview", "&Preview", ["Ctrl+Return"], w.open_preview)
    act("refresh", "&Refresh", ["F5"], w.refresh_all)
    act("all_photos", "Show all photos", ["Ctrl+1"], w.show_all_photos)

    act("shortcuts", "&Keyboard shortcuts", ["F1", "Ctrl+/"], w.show_shortcuts)
    act("about", f"&About {w.windowTitle() or 'Caption Desk'}", None, w.show_about)

    bar = w.menuBar()
    menus = {
        "&File": [
            "import_photos",
            "import_photo_files",
            "import_dump",
            None,
            "export_gallery",
            "new_gallery",
            None,
            "quit",
        ],
        "&Edit": ["undo", "redo", None, "select_all", "edit_caption", None, "find", "save_search"],
        "&View": ["zoom_in", "zoom_out", None, "preview", "focus_grid", "all_photos", "refresh"],
        "&Help": ["shortcuts", "about"],
    }
    for title, names in menus.items():
        menu = bar.addMenu(title)
        menu.setToolTipsVisible(True)
        for n in names:
            if n is None:
                menu.addSeparator()
            else:
                menu.addAction(actions[n])
    return actions
