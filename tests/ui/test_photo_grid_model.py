"""PhotoGridModel over many photos: rows are fetched a page at a time, only when asked for."""

from __future__ import annotations

import hashlib

import pytest
from PySide6.QtCore import Qt

from desktop.core.records import FieldValue, PhotoMetadata
from desktop.services import browse
from desktop.services.library import open_library
from desktop.store.batches import finish_batch, start_batch
from desktop.store.imports import NewPhoto, insert_photos
from desktop.ui.photo_grid_model import PAGE_SIZE, CreditRole, IdRole, PhotoGridModel, WarningRole
from desktop.ui.tasks import TaskRunner
from desktop.ui.thumbnail_cache import ThumbnailCache

N = 1200


@pytest.fixture
def big_library(tmp_path):
    lib = open_library(str(tmp_path / "big.sqlite"))
    photos = []
    for i in range(N):
        fields = {"credit": FieldValue("REUTERS", "iptc")} if i % 3 else {}
        if i % 5:
            fields["caption"] = FieldValue(f"Caption number {i}", "xmp")
        md = PhotoMetadata(100, 100, "JPEG", fields=fields)
        digest = hashlib.sha256(str(i).encode()).hexdigest()
        photos.append(NewPhoto(f"/nowhere/{i}.jpg", f"{i}.jpg", str(i), digest, 1, 0.0, md))
    with lib.store.session() as s:
        batch = start_batch(s, kind="images", source="synthetic")
        insert_photos(s, batch, photos)
        finish_batch(s, batch, counts={"added": N}, warnings=[])
    yield lib
    lib.close()


def test_rows_are_fetched_lazily_by_page(qtbot, big_library, monkeypatch) -> None:
    fetched: list[int] = []
    real = browse.photo_summaries

    def counting(lib, ids):
        fetched.append(len(ids))
        return real(lib, ids)

    monkeypatch.setattr(browse, "photo_summaries", counting)
    runner = TaskRunner()
    model = PhotoGridModel(big_library, ThumbnailCache(big_library, runner), runner)
    ids = browse.photo_ids(big_library)
    model.set_ids(ids)
    assert model.rowCount() == N
    assert fetched == []  # setting the ids loads no row

    index = model.index(1000)
    assert index.data(IdRole) == ids[1000]
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Caption number 1000" or index.data(
        WarningRole
    )
    assert fetched == [PAGE_SIZE]  # one page, the one holding row 1000
    model.index(1001).data(CreditRole)
    assert fetched == [PAGE_SIZE]  # same page: cached

    # Missing caption or credit is flagged for the warning mark.
    row0 = real(big_library, [ids[0]])[0]
    assert row0.caption is None and row0.credit is None
    assert model.index(0).data(WarningRole) == ("caption", "credit")
    assert fetched == [PAGE_SIZE, PAGE_SIZE]
    runner.wait()


def test_refresh_repaints_only_the_changed_rows(qapp, big_library, qtbot) -> None:
    from desktop.services import editing

    runner = TaskRunner()
    model = PhotoGridModel(big_library, ThumbnailCache(big_library, runner), runner)
    ids = browse.photo_ids(big_library)
    model.set_ids(ids)
    assert model.index(7).data(CreditRole) == "REUTERS"
    editing.edit_photo(big_library, ids[7], {"credit": "AFP"})
    changed: list[int] = []
    model.dataChanged.connect(lambda a, b, _roles=(): changed.extend(range(a.row(), b.row() + 1)))
    model.refresh({ids[7]})
    assert changed == [7]
    assert model.index(7).data(CreditRole) == "AFP"
    runner.wait()
