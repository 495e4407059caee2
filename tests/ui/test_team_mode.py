"""Team mode on a shared library: another desk (a second Library on the same SQLite file) edits
photos while the window is open; the window picks the edits up by polling, and a save over a
colleague's change opens the conflict dialog instead of overwriting or losing anyone's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.core.library_records import FieldChange
from desktop.services import browse, editing, review
from desktop.services.library import open_library
from desktop.services.tasks import run

SAMPLE = Path(__file__).resolve().parents[2].parent / "shared" / "samples" / "wp-caption-dump.txt"

THEIRS = "Expedition 38 crew members wave from the Soyuz capsule at Baikonur."
MINE = "The Olympic torch on the launch pad at Baikonur, at dawn."


@pytest.fixture
def other_desk(lib):
    """A second desk: its own Library object (engine, sessions) on the same library file."""
    other = open_library(lib.location)
    yield other
    other.close()


@pytest.fixture
def team(qtbot, window):
    """The window's poller, made; the timer stopped so that each test polls when it says."""
    qtbot.waitUntil(lambda: window.team.poller is not None, timeout=5000)
    window.team.stop()
    return window.team


def edit_elsewhere(desk, photo_id: int, **values: str) -> None:
    changes = [FieldChange(photo_id, name, value) for name, value in values.items()]
    editing.apply_edits(desk, changes, user="desk-b")


def poll(qtbot, team) -> None:
    with qtbot.waitSignal(team.polled, timeout=5000):
        assert team.poll_now()


def cell_text(window, photo_id: int) -> str:
    index = window.grid_model.index(window.grid_model.row_of(photo_id))
    return index.data(Qt.ItemDataRole.DisplayRole)


def type_caption(qtbot, window, text: str) -> None:
    caption = window.inspector.caption
    caption.setFocus()
    caption.selectAll()
    qtbot.keyClicks(caption, text)


def test_the_timer_brings_another_desks_edits_into_the_grid_and_inspector(
    qtbot, window, lib, other_desk, photo_ids, select
) -> None:
    qtbot.waitUntil(lambda: window.team.poller is not None, timeout=5000)
    window.team.set_interval(50)
    shown, elsewhere = photo_ids["iss-crew.jpg"], photo_ids["press-room.jpg"]
    select("iss-crew.jpg")
    cell_text(window, elsewhere)  # the grid has read (and cached) the old row

    edit_elsewhere(other_desk, shown, caption=THEIRS)
    edit_elsewhere(other_desk, elsewhere, caption="Reporters crowd the briefing room.")

    qtbot.waitUntil(lambda: window.inspector.caption.toPlainText() == THEIRS, timeout=5000)
    qtbot.waitUntil(lambda: "crowd" in cell_text(window, elsewhere), timeout=5000)
    assert cell_text(window, shown) == THEIRS
    assert window.inspector.banner.isHidden()  # nothing was being typed: just reloaded
    assert window.team.label.text().startswith("Shared library: last change ")
    assert not window.actions_by_name["undo"].isEnabled()  # their edit is not ours to undo


def test_typing_is_kept_and_a_banner_shown_when_the_photo_changes_underneath(
    qtbot, window, team, other_desk, photo_ids, select
) -> None:
    pid = photo_ids["torch.jpg"]
    select("torch.jpg")
    type_caption(qtbot, window, MINE)
    edit_elsewhere(other_desk, pid, caption=THEIRS)
    poll(qtbot, team)

    inspector = window.inspector
    assert inspector.caption.toPlainText() == MINE  # not clobbered
    assert not inspector.banner.isHidden()
    assert "desk-b" in inspector.banner.label.text()
    assert THEIRS in cell_text(window, pid)  # the grid shows the library's value

    qtbot.mouseClick(inspector.banner.reload_button, Qt.MouseButton.LeftButton)
    assert inspector.caption.toPlainText() == THEIRS
    assert inspector.banner.isHidden()
    assert window.conflicts.dialog is None  # Reload drops the typing: nothing to resolve


def test_saving_over_their_change_asks_and_the_merge_is_written_and_undoable(
    qtbot, window, lib, team, other_desk, photo_ids, select
) -> None:
    pid = photo_ids["torch.jpg"]
    original = browse.photo_detail(lib, pid).summary.caption
    select("torch.jpg")
    edit_elsewhere(other_desk, pid, caption=THEIRS)  # after the inspector showed the photo
    type_caption(qtbot, window, MINE)
    window.inspector.save_caption()

    dialog = window.conflicts.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.theirs_views["caption"].toPlainText() == THEIRS
    assert dialog.mine_views["caption"].toPlainText() == MINE
    assert dialog.merge is not None
    assert dialog.merge.toPlainText() == f"{MINE}\n\n{THEIRS}"
    # Nothing was written; the inspector shows theirs while the dialog holds mine.
    assert browse.photo_detail(lib, pid).summary.caption == THEIRS
    assert window.inspector.caption.toPlainText() == THEIRS

    merged = f"{MINE} Expedition 38 crew members wave from the capsule."
    dialog.merge.setPlainText(merged)
    qtbot.mouseClick(dialog.merged_button, Qt.MouseButton.LeftButton)

    assert browse.photo_detail(lib, pid).summary.caption == merged
    assert window.inspector.caption.toPlainText() == merged
    captions = [e for e in browse.edit_history(lib, pid) if e.field == "caption"]
    assert [(e.old_value, e.new_value) for e in reversed(captions)] == [
        (original, THEIRS),
        (THEIRS, merged),
    ]
    assert captions[1].user == "desk-b"

    window.actions_by_name["undo"].trigger()
    assert browse.photo_detail(lib, pid).summary.caption == THEIRS  # back to theirs, not mine
    window.actions_by_name["redo"].trigger()
    assert browse.photo_detail(lib, pid).summary.caption == merged


def test_keep_theirs_leaves_the_library_as_they_left_it(
    qtbot, window, lib, team, other_desk, photo_ids, select
) -> None:
    pid = photo_ids["press-room.jpg"]
    select("press-room.jpg")
    edit_elsewhere(other_desk, pid, caption=THEIRS)
    type_caption(qtbot, window, MINE)
    window.inspector.save_caption()
    dialog = window.conflicts.dialog
    assert dialog is not None

    qtbot.mouseClick(dialog.theirs_button, Qt.MouseButton.LeftButton)

    assert browse.photo_detail(lib, pid).summary.caption == THEIRS
    assert len(browse.edit_history(lib, pid)) == 1  # theirs only
    assert window.inspector.caption.toPlainText() == THEIRS
    assert not window.actions_by_name["undo"].isEnabled()


def test_use_mine_is_checked_again_against_a_third_change(
    qtbot, window, lib, team, other_desk, photo_ids, select
) -> None:
    pid = photo_ids["white-house.jpg"]
    select("white-house.jpg")
    edit_elsewhere(other_desk, pid, credit="AP Photo")
    credit = window.inspector.line_edits["credit"]
    credit.setText("Pool/Evan Vucci")
    credit.editingFinished.emit()
    first = window.conflicts.dialog
    assert first is not None and first.merge is None  # a merge is for captions only
    assert first.theirs_views["credit"].text() == "AP Photo"

    edit_elsewhere(other_desk, pid, credit="AP Photo/Susan Walsh")  # while the dialog is up
    qtbot.mouseClick(first.mine_button, Qt.MouseButton.LeftButton)
    second = window.conflicts.dialog
    assert second is not None and second is not first
    assert second.theirs_views["credit"].text() == "AP Photo/Susan Walsh"
    assert browse.photo_detail(lib, pid).summary.credit == "AP Photo/Susan Walsh"

    qtbot.mouseClick(second.mine_button, Qt.MouseButton.LeftButton)
    assert browse.photo_detail(lib, pid).summary.credit == "Pool/Evan Vucci"
    window.actions_by_name["undo"].trigger()
    assert browse.photo_detail(lib, pid).summary.credit == "AP Photo/Susan Walsh"


def test_a_batch_names_the_photo_that_changed_and_retries_on_fresh_versions(
    qtbot, window, lib, team, other_desk, photo_ids, select
) -> None:
    changed = photo_ids["press-room.jpg"]
    select("white-house.jpg", "press-room.jpg")
    edit_elsewhere(other_desk, changed, caption=THEIRS)
    window.batch_editor.field_edits["credit"].setText("Pool")
    window.batch_editor.apply_fields()

    box = window.conflicts.batch_box
    assert box is not None and "press-room.jpg" in box.text() and "desk-b" in box.text()
    assert {s.credit for s in browse.photo_summaries(lib, list(photo_ids.values()))} == {
        "REUTERS",
        "AP Photo/Evan Vucci",
        None,
    }  # refused whole: nothing written
    qtbot.mouseClick(window.conflicts.retry_button, Qt.MouseButton.LeftButton)

    for name in ("white-house.jpg", "press-room.jpg"):
        assert browse.photo_detail(lib, photo_ids[name]).summary.credit == "Pool"
    assert browse.photo_detail(lib, changed).summary.caption == THEIRS  # theirs survives
    window.actions_by_name["undo"].trigger()  # one undoable step, as any batch
    assert browse.photo_detail(lib, changed).summary.credit == "AP Photo/Evan Vucci"


def test_a_replace_over_a_changed_caption_is_previewed_again(
    qtbot, window, lib, team, other_desk, photo_ids, select
) -> None:
    changed = photo_ids["iss-crew.jpg"]
    select("soyuz-launch.jpg", "iss-crew.jpg")
    editor = window.batch_editor
    editor.find_edit.setText("Soyuz")
    editor.replace_edit.setText("Soyuz-FG")
    editor.preview_replace()
    first = editor.preview_dialog
    assert first is not None
    edit_elsewhere(other_desk, changed, caption="The Soyuz capsule seen from the ISS.")
    first.accept()

    assert window.conflicts.retry_button.text() == "Preview again"
    assert "iss-crew.jpg" in window.conflicts.batch_box.text()
    qtbot.mouseClick(window.conflicts.retry_button, Qt.MouseButton.LeftButton)
    second = editor.preview_dialog
    assert second is not None and second is not first
    # Worked out again from their caption, not the stale one.
    assert {r.new for r in second.changes} >= {"The Soyuz-FG capsule seen from the ISS."}
    second.accept()
    assert browse.photo_detail(lib, changed).summary.caption == (
        "The Soyuz-FG capsule seen from the ISS."
    )


def test_attaching_a_caption_to_a_photo_changed_meanwhile_asks_again(
    qtbot, window, lib, team, other_desk, photo_ids
) -> None:
    if not SAMPLE.is_file():
        pytest.fail(f"the shared sample dump is missing: {SAMPLE}")
    preview = run(review.preview_dump(lib, SAMPLE))
    run(review.import_dump_selection(lib, preview, {i.index: None for i in preview.items}))
    waiting = browse.list_captions(lib, unmatched=True)[0]
    target = photo_ids["crew-wave.jpg"]
    attacher = window.workflows.attacher
    attacher.lookup = lambda cid: waiting if cid == waiting.id else None

    attacher.attach(waiting.id, target)  # the photo has a caption: which text wins?
    first = attacher.versions_dialog
    assert first is not None
    edit_elsewhere(other_desk, target, caption=THEIRS)
    first.dump_button.click()

    assert "crew-wave.jpg" in window.conflicts.batch_box.text()
    assert browse.photo_detail(lib, target).summary.caption == THEIRS  # nothing attached
    assert review.caption_versions(lib, target).dumps == []
    qtbot.mouseClick(window.conflicts.retry_button, Qt.MouseButton.LeftButton)
    second = attacher.versions_dialog
    assert second is not None and second.texts["current"].toPlainText() == THEIRS
    second.dump_button.click()
    assert browse.photo_detail(lib, target).summary.caption == waiting.text


def test_photos_imported_on_another_desk_appear_and_the_selection_stays(
    qtbot, window, team, other_desk, photo_ids, select, make_photo
) -> None:
    select("crew-wave.jpg")
    before = len(window.grid_model.ids)
    new_id = make_photo(other_desk, caption="Arrived from the other desk", name="desk-b.jpg")
    poll(qtbot, team)
    qtbot.waitUntil(lambda: len(window.grid_model.ids) == before + 1, timeout=5000)
    assert new_id in window.grid_model.ids
    assert window.selected_ids() == [photo_ids["crew-wave.jpg"]]
