"""Editing one photo in the inspector, saved as you go, with undo and redo across the session."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.services import browse


def test_caption_and_credit_edits_save_and_undo_redo(qtbot, window, lib, photo_ids, select) -> None:
    pid = photo_ids["torch.jpg"]
    select("torch.jpg")
    inspector = window.inspector
    assert inspector.detail is not None and inspector.detail.id == pid

    # The caption saves after a pause in typing: no Save button.
    inspector.caption.setFocus()
    inspector.caption.selectAll()
    qtbot.keyClicks(inspector.caption, "Olympic torch at the Baikonur launch pad.")
    qtbot.waitUntil(
        lambda: (
            browse.photo_detail(lib, pid).summary.caption
            == "Olympic torch at the Baikonur launch pad."
        ),
        timeout=5000,
    )

    credit = inspector.line_edits["credit"]
    credit.setFocus()
    qtbot.keyClicks(credit, "REUTERS/Shamil Zhumatov")
    qtbot.keyClick(credit, Qt.Key.Key_Return)  # editingFinished
    assert browse.photo_detail(lib, pid).summary.credit == "REUTERS/Shamil Zhumatov"
    # The grid cell shows the change, without a reload of the view.
    row = window.grid_model.row_of(pid)
    assert "Baikonur" in window.grid_model.index(row).data(Qt.ItemDataRole.DisplayRole)

    window.grid.setFocus()
    window.actions_by_name["undo"].trigger()
    assert browse.photo_detail(lib, pid).summary.credit is None
    assert inspector.line_edits["credit"].text() == ""
    window.actions_by_name["undo"].trigger()
    assert (
        browse.photo_detail(lib, pid).summary.caption
        == "The Olympic torch on the launch pad at dawn."
    )
    assert inspector.caption.toPlainText() == "The Olympic torch on the launch pad at dawn."
    assert not window.actions_by_name["undo"].isEnabled()

    window.actions_by_name["redo"].trigger()
    window.actions_by_name["redo"].trigger()
    detail = browse.photo_detail(lib, pid)
    assert detail.summary.caption == "Olympic torch at the Baikonur launch pad."
    assert detail.summary.credit == "REUTERS/Shamil Zhumatov"
    # Every step went through the edit history: two edits, two undos, two redos.
    assert len(browse.edit_history(lib, pid)) == 6


def test_caption_byte_count_turns_red_past_the_iptc_limit(qtbot, window, select) -> None:
    select("torch.jpg")
    caption = window.inspector.caption
    caption.setPlainText("é" * 999)  # 1998 bytes
    assert window.inspector.caption_count.text() == "1998 / 2000 bytes"
    assert "d03030" not in window.inspector.caption_count.styleSheet()
    caption.setPlainText("é" * 1001)
    assert window.inspector.caption_count.text() == "2002 / 2000 bytes"
    assert "d03030" in window.inspector.caption_count.styleSheet()


def test_an_edit_made_elsewhere_meanwhile_is_not_overwritten(
    qtbot, window, lib, photo_ids, select
) -> None:
    from desktop.services import editing

    pid = photo_ids["press-room.jpg"]
    select("press-room.jpg")
    # Another editor changes the photo after this window loaded it.
    editing.edit_photo(lib, pid, {"caption": "Changed by a colleague."})
    credit = window.inspector.line_edits["credit"]
    credit.setText("AP Photo")
    credit.editingFinished.emit()
    assert browse.photo_detail(lib, pid).summary.credit == "AP Photo/Evan Vucci"
    assert browse.photo_detail(lib, pid).summary.caption == "Changed by a colleague."
    # The inspector shows what the library now holds, while the conflict dialog asks.
    assert window.inspector.caption.toPlainText() == "Changed by a colleague."
    dialog = window.conflicts.dialog
    assert dialog is not None and dialog.mine_views["credit"].text() == "AP Photo"
    dialog.reject()  # Escape: keep theirs
    assert browse.photo_detail(lib, pid).summary.credit == "AP Photo/Evan Vucci"
    assert not window.actions_by_name["undo"].isEnabled()
