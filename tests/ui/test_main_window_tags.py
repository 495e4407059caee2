"""Tags in the inspector: added by picking a completion, removed by their chip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from desktop.services import browse


def accepted_tags(lib, pid: int) -> set[tuple[str, str]]:
    return {(t.kind, t.name) for t in browse.photo_detail(lib, pid).tags if t.state == "accepted"}


def test_add_a_tag_by_completion_then_remove_its_chip(
    qtbot, window, lib, photo_ids, select
) -> None:
    pid = photo_ids["white-house.jpg"]
    select("white-house.jpg")
    entry = window.inspector.tag_entry
    assert entry.kind.currentText() == "keyword"
    entry.edit.setFocus()
    qtbot.keyClicks(entry.edit, "lymp")  # contains-completion: "olympics"
    completer = entry.completer
    qtbot.waitUntil(lambda: completer.completionCount() >= 1)
    popup = completer.popup()
    assert popup.isVisible()
    index = completer.completionModel().index(0, 0)
    assert index.data() == "olympics"
    popup.setCurrentIndex(index)
    qtbot.keyClick(popup, Qt.Key.Key_Return)

    assert ("keyword", "olympics") in accepted_tags(lib, pid)
    qtbot.waitUntil(lambda: entry.edit.text() == "")  # ready for the next tag
    assert "olympics  ✕" in window.inspector.chips.chip_labels()
    assert pid in browse.photo_ids(lib, "tag:olympics")

    chip = next(
        b for b in window.inspector.chips.findChildren(QToolButton) if b.text() == "olympics  ✕"
    )
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert ("keyword", "olympics") not in accepted_tags(lib, pid)
    assert ("keyword", "politics") in accepted_tags(lib, pid)

    window.actions_by_name["undo"].trigger()  # the removal
    assert ("keyword", "olympics") in accepted_tags(lib, pid)


def test_batch_add_a_tag_of_a_kind(qtbot, window, lib, photo_ids, select) -> None:
    select("soyuz-launch.jpg", "iss-crew.jpg", "crew-wave.jpg")
    entry = window.batch_editor.tag_entry
    entry.kind.setCurrentText("place")
    qtbot.keyClicks(entry.edit, "Baikonur")
    qtbot.keyClick(entry.edit, Qt.Key.Key_Return)
    tagged = set(browse.photo_ids(lib, tag=("place", "Baikonur")))
    assert tagged == {photo_ids[n] for n in ("soyuz-launch.jpg", "iss-crew.jpg", "crew-wave.jpg")}
    # Now a known place: offered for completion.
    entry.reload_names()
    assert "Baikonur" in entry.names.stringList()
