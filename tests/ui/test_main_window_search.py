"""Search as you type: the grid filters after a short pause, with the library's query language."""

from __future__ import annotations

from desktop.services import browse


def test_credit_search_filters_the_grid_after_the_debounce(qtbot, window, lib, photo_ids) -> None:
    assert window.grid_model.rowCount() == 6
    assert window.count_label.text() == "6 of 6 photos"
    qtbot.keyClicks(window.search_field, "credit:vucci")
    # Not on every keystroke: the grid waits for the pause.
    assert window.grid_model.rowCount() == 6
    expected = {photo_ids["white-house.jpg"], photo_ids["press-room.jpg"]}
    assert set(browse.photo_ids(lib, "credit:vucci")) == expected
    qtbot.waitUntil(lambda: set(window.grid_model.ids) == expected, timeout=3000)
    assert window.count_label.text() == "2 of 6 photos"


def test_phrase_and_tag_searches(qtbot, window, photo_ids) -> None:
    window.search_field.setText('"launch pad"')
    qtbot.waitUntil(
        lambda: (
            set(window.grid_model.ids) == {photo_ids["soyuz-launch.jpg"], photo_ids["torch.jpg"]}
        ),
        timeout=3000,
    )
    window.search_field.setText("tag:olympics -credit:reuters")
    qtbot.waitUntil(lambda: window.grid_model.ids == [photo_ids["torch.jpg"]], timeout=3000)
    window.search_field.clear()
    qtbot.waitUntil(lambda: window.grid_model.rowCount() == 6, timeout=3000)


def test_sidebar_views_and_sorting(qtbot, window, photo_ids) -> None:
    from desktop.ui.library_sidebar import LibraryView

    window.show_view(LibraryView("Missing credit", missing="credit"))
    qtbot.waitUntil(lambda: window.grid_model.ids == [photo_ids["torch.jpg"]], timeout=3000)
    window.show_all_photos()
    window.sort_combo.setCurrentIndex(window.sort_combo.findData("name"))
    names = sorted(photo_ids)
    qtbot.waitUntil(lambda: window.grid_model.ids == [photo_ids[n] for n in names], timeout=3000)


def test_saved_search_appears_in_the_sidebar(qtbot, window, lib, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    from desktop.services import editing

    window.search_field.setText("credit:reuters")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Reuters photos", True))
    window.save_search()
    assert ("Reuters photos", "credit:reuters") in [
        (n, q) for _i, n, q in editing.saved_searches(lib)
    ]
    qtbot.waitUntil(
        lambda: bool(window.sidebar.model_.findItems("Reuters photos", flags=_recursive())),
        timeout=3000,
    )


def _recursive():
    from PySide6.QtCore import Qt

    return Qt.MatchFlag.MatchRecursive | Qt.MatchFlag.MatchExactly
