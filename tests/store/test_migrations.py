"""Old libraries open in new versions: each committed fixture library upgrades to head, keeps its
data, and is backed up before the migration touches it."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from desktop.services import browse
from desktop.services.library import data_dir, open_library
from desktop.store.engine import head_revision

FIXTURES = sorted((Path(__file__).parents[1] / "data" / "libraries").glob("schema-*.sqlite"))


@pytest.mark.parametrize("fixture", FIXTURES, ids=[f.stem for f in FIXTURES])
def test_old_library_upgrades_and_keeps_its_data(fixture: Path, tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite"
    shutil.copy(fixture, path)
    before = sqlite3.connect(path).execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert before != head_revision()

    with open_library(str(path)) as lib:
        photos = browse.list_photos(lib)
        assert [p.caption for p in photos] == [
            "The Soyuz TMA-11M spacecraft blasts off from Baikonur.",
            "Koichi Wakata waves before the launch.",
        ]
        assert photos[0].credit == "REUTERS/Shamil Zhumatov"
        # The search index a later revision added covers rows the old library already had.
        assert browse.photo_ids(lib, "credit:zhumatov") == [1]
        assert browse.photo_ids(lib, 'tag:"koichi wakata"') == [2]

    assert (
        sqlite3.connect(path).execute("SELECT version_num FROM alembic_version").fetchone()[0]
        == head_revision()
    )
    backups = list((data_dir() / "backups").glob(f"library-{before}-*.sqlite"))
    assert backups, "no backup was made before the migration"
    kept = sqlite3.connect(backups[-1]).execute("SELECT count(*) FROM photos").fetchone()[0]
    assert kept == 2


def test_there_is_a_fixture_for_the_first_schema() -> None:
    assert any(f.name == "schema-0001.sqlite" for f in FIXTURES)
