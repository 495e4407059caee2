"""The GUI's composition root: builds the application, opens the library, makes the task
runner, edit controller and thumbnail cache, and hands them to the main window (no globals)."""

from __future__ import annotations

import gc
import os
import sys
import time

from PySide6.QtCore import QEventLoop, QSettings
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop import APP_ID, APP_NAME
from desktop.core.resources import resource_path
from desktop.services.library import Library, LibraryError, open_library
from desktop.ui.edit_controller import EditController
from desktop.ui.main_window import MainWindow
from desktop.ui.tasks import TaskRunner
from desktop.ui.theme import apply_theme
from desktop.ui.thumbnail_cache import ThumbnailCache

SCREENSHOT_SIZE = (1400, 900)
SCREENSHOT_WAIT_S = 10.0
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    icon = QIcon()
    for n in ICON_SIZES:
        png = resource_path("icons", "hicolor", f"{n}x{n}", "apps", f"{APP_ID}.png")
        if png.is_file():
            icon.addFile(str(png))
    svg = resource_path("icons", "caption-desk.svg")
    if icon.isNull() and svg.is_file():
        icon.addFile(str(svg))
    return icon


def make_application() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    apply_theme(app)
    return app


def build_window(lib: Library, settings: QSettings | None) -> MainWindow:
    runner = TaskRunner()
    edits = EditController(lib)
    thumbs = ThumbnailCache(lib, runner)
    window = MainWindow(lib, runner, edits, thumbs, settings)
    # The window owns what it was given, so they live exactly as long as it does.
    for obj in (runner, edits, thumbs):
        obj.setParent(window)
    # Everything built so far (Qt wrappers, SQLAlchemy's mappers and caches, modules) lives as
    # long as the window: moved out of the collector's reach, a full collection no longer walks
    # it, which otherwise stalled scrolling for ~170 ms every few seconds in a 100k library.
    # Full collections also become rare (every ~1000 middle-generation ones, not ~10): the app
    # makes few reference cycles, and a full walk of the grid's row cache is a visible stutter.
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, 1000)
    return window


def run(library: str | None, screenshot: str | None = None) -> int:
    if screenshot and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        # A screenshot needs no screen: render off-screen on a headless machine.
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = make_application()
    try:
        lib = open_library(library)
    except LibraryError as exc:
        if screenshot:
            print(f"caption-desk gui: {exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, f"{APP_NAME}: cannot open the library", str(exc))
        return 1
    # A screenshot should look the same on every machine: no remembered geometry.
    window = build_window(lib, None if screenshot else QSettings())
    try:
        if screenshot:
            return take_screenshot(app, window, screenshot)
        window.show()
        window.start()
        return app.exec()
    finally:
        window.runner.wait()
        window.close()
        lib.close()


def wait_until(app: QApplication, condition, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.005)
    return True


def first_screen_loaded(window: MainWindow) -> bool:
    return window.ids_ready and window.sidebar_ready and window.thumbs.pending == 0


def take_screenshot(app: QApplication, window: MainWindow, path: str) -> int:
    window.resize(*SCREENSHOT_SIZE)
    window.show()
    window.start()
    deadline = time.monotonic() + SCREENSHOT_WAIT_S
    wait_until(app, lambda: window.ids_ready and window.sidebar_ready, SCREENSHOT_WAIT_S)
    # Painting is what asks for thumbnails: paint once, then wait for them to arrive.
    window.grab()
    wait_until(app, lambda: first_screen_loaded(window), max(0.0, deadline - time.monotonic()))
    if not window.grab().save(path, "PNG"):
        print(f"caption-desk gui: cannot write the screenshot to {path}", file=sys.stderr)
        return 1
    return 0
