"""The main window's search toolbar (search field, save, sort, zoom) and its status bar (counts,
busy indicator), built onto the window so main_window.py keeps to the wiring."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QProgressBar, QSlider, QToolBar

from desktop.ui.photo_grid_view import ZOOM_MAX, ZOOM_MIN

if TYPE_CHECKING:
    from desktop.ui.main_window import MainWindow

SORTS = (("Date taken", "taken"), ("Import date", "imported"), ("File name", "name"))


def build_search_toolbar(w: MainWindow) -> None:
    bar = QToolBar("Search", w)
    bar.setObjectName("search-toolbar")
    bar.setMovable(False)
    w.search_field = QLineEdit(w)
    w.search_field.setObjectName("search")
    w.search_field.setAccessibleName("Search")
    w.search_field.setClearButtonEnabled(True)
    w.search_field.setPlaceholderText(
        'Search captions…   credit:reuters   tag:olympics   byline:vucci   "exact phrase"'
    )
    w.search_field.setMinimumWidth(420)
    w.sort_combo = QComboBox(w)
    w.sort_combo.setAccessibleName("Sort by")
    for label, key in SORTS:
        w.sort_combo.addItem(label, key)
    w.sort_combo.currentIndexChanged.connect(lambda _i: w.reload_ids())
    w.zoom_slider = QSlider(Qt.Orientation.Horizontal, w)
    w.zoom_slider.setRange(ZOOM_MIN, ZOOM_MAX)
    w.zoom_slider.setValue(w.grid.thumb_size)
    w.zoom_slider.setFixedWidth(120)
    w.zoom_slider.setToolTip("Thumbnail size (Ctrl+= / Ctrl+-)")
    w.zoom_slider.valueChanged.connect(w.grid.set_thumb_size)
    bar.addWidget(w.search_field)
    save = bar.addAction("Save search")
    save.setToolTip("Save this search in the sidebar (Ctrl+Shift+S)")
    save.triggered.connect(w.save_search)
    bar.addSeparator()
    bar.addWidget(QLabel(" Sort ", w))
    bar.addWidget(w.sort_combo)
    bar.addSeparator()
    bar.addWidget(QLabel(" Size ", w))
    bar.addWidget(w.zoom_slider)
    w.addToolBar(bar)


def build_status_bar(w: MainWindow) -> None:
    status = w.statusBar()
    w.count_label = QLabel(w)
    w.selection_label = QLabel(w)
    w.busy_label = QLabel("Working…", w)
    w.busy_bar = QProgressBar(w)
    w.busy_bar.setRange(0, 0)
    w.busy_bar.setFixedWidth(90)
    w.busy_bar.setMaximumHeight(14)
    for widget in (w.busy_label, w.busy_bar):
        widget.setVisible(False)
    status.addPermanentWidget(w.busy_label)
    status.addPermanentWidget(w.busy_bar)
    status.addPermanentWidget(w.selection_label)
    status.addPermanentWidget(w.count_label)
