"""Batch mode: several photos selected, one action changes them all, and one undo reverts it."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services import browse


def credits(lib) -> dict[str, str | None]:
    return {s.file_name: s.credit for s in browse.list_photos(lib)}


def test_batch_set_credit_on_three_photos_and_undo(qtbot, window, lib, select) -> None:
    select("soyuz-launch.jpg", "press-room.jpg", "torch.jpg")
    assert window.inspector_stack.currentWidget() is window.batch_editor
    assert window.batch_editor.heading.text() == "3 photos selected"
    assert window.selection_label.text() == "3 selected"
    before = credits(lib)

    edit = window.batch_editor.field_edits["credit"]
    qtbot.keyClicks(edit, "Getty Images")
    qtbot.mouseClick(window.batch_editor.apply_button, Qt.MouseButton.LeftButton)

    after = credits(lib)
    for name in ("soyuz-launch.jpg", "press-room.jpg", "torch.jpg"):
        assert after[name] == "Getty Images"
    for name in ("iss-crew.jpg", "crew-wave.jpg", "white-house.jpg"):
        assert after[name] == before[name]
    assert browse.photo_ids(lib, "credit:getty") and len(browse.photo_ids(lib, "credit:getty")) == 3

    window.actions_by_name["undo"].trigger()  # one undo for the whole batch
    assert credits(lib) == before


def test_find_and_replace_previews_before_writing(qtbot, window, lib, select) -> None:
    select("soyuz-launch.jpg", "iss-crew.jpg", "white-house.jpg")
    editor = window.batch_editor
    editor.find_edit.setText(r"Soyuz( TMA-11M)?")
    editor.replace_edit.setText("Soyuz-FG")
    editor.regex_check.setChecked(True)
    qtbot.mouseClick(editor.preview_button, Qt.MouseButton.LeftButton)

    dialog = editor.preview_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.table.rowCount() == 2  # the White House caption does not mention Soyuz
    # Nothing is written while the preview is open.
    assert "Soyuz-FG" not in (
        browse.photo_detail(lib, window.grid_model.ids[0]).summary.caption or ""
    )
    assert not browse.photo_ids(lib, '"Soyuz FG"')

    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    captions = {s.file_name: s.caption for s in browse.list_photos(lib)}
    assert captions["soyuz-launch.jpg"].startswith("The Soyuz-FG spacecraft blasts off")
    assert "capsule of the Soyuz-FG rocket" in captions["iss-crew.jpg"]
    assert (
        captions["crew-wave.jpg"]
        == "Koichi Wakata, Mikhail Tyurin and Rick Mastracchio wave before the blast off."
    )


def test_a_bad_regular_expression_is_reported_not_raised(qtbot, window, select) -> None:
    select("soyuz-launch.jpg", "iss-crew.jpg")
    editor = window.batch_editor
    editor.find_edit.setText("Soyuz(")
    editor.regex_check.setChecked(True)
    editor.preview_replace()
    assert editor.preview_dialog is None
    assert "regular expression" in window.statusBar().currentMessage()
