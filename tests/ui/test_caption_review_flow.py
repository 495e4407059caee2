"""The Unmatched captions view: a waiting caption attached to a photo (by key, or dropped on the
grid), the side-by-side choice when the photo has a caption, undo, and suggested tags."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from desktop.services import browse, review
from desktop.services.tasks import run
from desktop.ui.drag_mime import caption_mime
from desktop.ui.library_sidebar import LibraryView

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "wp-caption-dump.txt"
UNMATCHED = LibraryView("Unmatched captions", unmatched_captions=True)


@pytest.fixture
def waiting(lib) -> list:
    """The sample dump imported with no photo for any caption: six captions waiting."""
    if not SAMPLE.is_file():
        pytest.fail(f"the shared sample dump is missing: {SAMPLE}")
    preview = run(review.preview_dump(lib, SAMPLE))
    run(review.import_dump_selection(lib, preview, {i.index: None for i in preview.items}))
    captions = browse.list_captions(lib, unmatched=True)
    assert len(captions) == 6
    return captions


def drag_and_drop(target, mime, where: QPointF) -> QDropEvent:
    """Enter, move, drop: Qt delivers a drop only to the widget that accepted the drag."""
    args = (
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter = QDragEnterEvent(where.toPoint(), *args)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    move = QDragMoveEvent(where.toPoint(), *args)
    QApplication.sendEvent(target, move)
    assert move.isAccepted()
    drop = QDropEvent(where, *args)
    QApplication.sendEvent(target, drop)
    return drop


def caption(lib, caption_id: int):
    return next(c for c in browse.list_captions(lib) if c.id == caption_id)


def open_review(qtbot, window):
    window.show_view(UNMATCHED)
    view = window.review
    qtbot.waitUntil(lambda: view.loaded and view.suggestions_ready, timeout=10000)
    assert view.isVisible() and window.grid.isVisible()
    return view


def test_enter_attaches_to_the_top_suggestion_and_undo_detaches(
    qtbot, window, lib, waiting
) -> None:
    view = open_review(qtbot, window)
    first = view.current_caption()
    assert first is not None and first.id == waiting[0].id
    top = view.suggestions_model.top()
    assert top is not None and top.photo.file_name == "soyuz-launch.jpg"
    old_caption = browse.photo_detail(lib, top.photo.id).summary.caption

    view.captions.setFocus()
    qtbot.keyClick(view.captions, Qt.Key.Key_Return)
    # The photo has its own caption: the side-by-side asks which text it keeps.
    dialog = window.workflows.attacher.versions_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.texts["embedded"].toPlainText() == old_caption
    assert dialog.texts["current"].toPlainText() == old_caption
    assert first.text in dialog.texts["from"].toPlainText()
    dialog.dump_button.click()

    assert caption(lib, first.id).photo_id == top.photo.id
    assert browse.photo_detail(lib, top.photo.id).summary.caption == first.text
    qtbot.waitUntil(lambda: len(view.captions_model.captions) == 5, timeout=5000)

    window.actions_by_name["undo"].trigger()
    assert caption(lib, first.id).photo_id is None
    assert browse.photo_detail(lib, top.photo.id).summary.caption == old_caption
    qtbot.waitUntil(lambda: len(view.captions_model.captions) == 6, timeout=5000)

    window.actions_by_name["redo"].trigger()
    assert caption(lib, first.id).photo_id == top.photo.id
    assert browse.photo_detail(lib, top.photo.id).summary.caption == first.text


def test_a_caption_dropped_on_the_grid_can_be_merged(
    qtbot, window, lib, photo_ids, waiting
) -> None:
    view = open_review(qtbot, window)
    target = photo_ids["torch.jpg"]
    dropped = waiting[2]
    old = browse.photo_detail(lib, target).summary.caption
    row = window.grid_model.row_of(target)
    assert row is not None
    window.grid.scrollTo(window.grid_model.index(row))
    where = QPointF(window.grid.visualRect(window.grid_model.index(row)).center())
    mime = caption_mime(dropped.id)  # held: the events do not own it
    drop = drag_and_drop(window.grid.viewport(), mime, where)
    assert drop.isAccepted()
    dialog = window.workflows.attacher.versions_dialog
    assert dialog is not None
    merged = dialog.merge.toPlainText()
    assert old in merged and dropped.text in merged  # prefilled with both
    dialog.merge.setPlainText("Merged: " + dropped.text)
    dialog.merge_button.click()

    assert caption(lib, dropped.id).photo_id == target
    assert browse.photo_detail(lib, target).summary.caption == "Merged: " + dropped.text
    window.actions_by_name["undo"].trigger()
    assert caption(lib, dropped.id).photo_id is None
    assert browse.photo_detail(lib, target).summary.caption == old
    assert view.isVisible()


def test_suggested_tags_accepted_all_at_once_and_undone(
    qtbot, window, lib, photo_ids, waiting
) -> None:
    target = photo_ids["crew-wave.jpg"]
    people = next(c for c in waiting if "Koichi Wakata" in c.people)
    window.workflows.attacher.attach_with(people.id, target, "keep", None)
    window.show_all_photos()
    qtbot.waitUntil(lambda: window.grid_model.row_of(target) is not None, timeout=5000)
    window.select_rows([window.grid_model.row_of(target)])
    inspector = window.inspector
    suggested = inspector.chips.suggested
    assert ("person", "Koichi Wakata") in suggested
    assert inspector.accept_all.isVisibleTo(inspector)

    inspector.accept_all.click()
    accepted = {
        (t.kind, t.name) for t in browse.photo_detail(lib, target).tags if t.state == "accepted"
    }
    assert set(suggested) <= accepted
    assert not inspector.chips.suggested
    window.actions_by_name["undo"].trigger()
    accepted = {
        (t.kind, t.name) for t in browse.photo_detail(lib, target).tags if t.state == "accepted"
    }
    assert ("person", "Koichi Wakata") not in accepted
