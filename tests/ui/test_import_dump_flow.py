"""File > Import caption dump: the shared sample read in the background, previewed (nothing
written), then imported as the user chose, with the grid and sidebar refreshed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.services import browse
from desktop.ui.dump_preview_dialog import DumpPreviewDialog
from desktop.ui.dump_preview_model import CHECK, CREDIT, NO_PHOTO, PHOTO

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


@pytest.fixture(scope="module")
def samples() -> Path:
    if not (SAMPLES / "wp-caption-dump.txt").is_file():
        pytest.fail(f"the shared sample dump is missing: {SAMPLES / 'wp-caption-dump.txt'}")
    return SAMPLES


def dump_captions(lib) -> list:
    return [c for c in browse.list_captions(lib) if c.origin == "dump"]


def open_preview(qtbot, window, path: Path) -> DumpPreviewDialog:
    flow = window.workflows.import_dump
    assert flow.start(path) is not None
    qtbot.waitUntil(lambda: flow.preview_dialog is not None, timeout=15000)
    assert flow.preview_dialog is not None
    return flow.preview_dialog


def test_sample_dump_previewed_then_imported(qtbot, window, lib, samples) -> None:
    dialog = open_preview(qtbot, window, samples / "wp-caption-dump.txt")
    model = dialog.model
    assert model.rowCount() == 6
    assert not dump_captions(lib)  # the preview wrote nothing
    credits = {model.index(r, CREDIT).data() for r in range(6)}
    assert credits == {"REUTERS"}
    checks = [model.index(r, CHECK).data(Qt.ItemDataRole.CheckStateRole) for r in range(6)]
    assert all(c == Qt.CheckState.Checked for c in checks)
    assert dialog.import_button.text() == "Import 6 captions"

    done: list[object] = []
    window.workflows.import_dump.finished.connect(done.append)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    assert done[0] is not None
    captions = dump_captions(lib)
    assert len(captions) == 6
    assert {c.credit for c in captions} == {"REUTERS"}
    # The sidebar's count of waiting captions is refreshed without being asked.
    waiting = sum(1 for c in captions if c.photo_id is None)
    label = f"Unmatched captions  ({waiting:,})"
    qtbot.waitUntil(
        lambda: any(item.text() == label for item in window.sidebar._all_items()), timeout=5000
    )

    # The same file again: every caption is known, shown greyed, nothing to import.
    dialog = open_preview(qtbot, window, samples / "wp-caption-dump.txt")
    assert dialog.model.preview.already_known == 6
    assert not dialog.model.flags(dialog.model.index(0, CHECK)) & Qt.ItemFlag.ItemIsEnabled
    assert not dialog.import_button.isEnabled()
    dialog.reject()


def test_unticked_captions_are_left_out_and_a_match_can_be_dropped(
    qtbot, window, lib, samples
) -> None:
    dialog = open_preview(qtbot, window, samples / "wp-caption-dump.txt")
    model = dialog.model
    model.set_checked(5, False)
    # The first caption goes in without a photo: its "No photo" entry of the chooser.
    labels = [label for label, _pid in model.candidates(0)]
    assert labels[0].startswith("No photo")
    assert model.setData(model.index(0, PHOTO), NO_PHOTO, Qt.ItemDataRole.EditRole)
    assert dialog.import_button.text() == "Import 5 captions"
    choices = model.choices()
    assert choices[model.items[5].index] == "skip"
    assert choices[model.items[0].index] is None

    done: list[object] = []
    window.workflows.import_dump.finished.connect(done.append)
    dialog.import_button.click()
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    captions = {c.text: c for c in dump_captions(lib)}
    assert len(captions) == 5
    assert model.items[5].record.text not in captions
    assert captions[model.items[0].record.text].photo_id is None


def test_flattened_captions_start_unticked(qtbot, window, samples) -> None:
    dialog = open_preview(qtbot, window, samples / "flattened-article.txt")
    model = dialog.model
    assert model.rowCount() >= 1
    assert all(i.record.markup == "flattened" for i in model.items)
    assert model.checked_count() == 0
    assert not dialog.import_button.isEnabled()
    model.set_checked(0, True)
    assert model.checked_count() == 1
    assert dialog.import_button.isEnabled()
    dialog.reject()
