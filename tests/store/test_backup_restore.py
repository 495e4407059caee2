"""Backups taken while the library is open, and restores that keep the current library aside."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from desktop.services import backup, browse, editing


def test_backup_then_restore_brings_back_the_old_caption(
    sqlite_library, make_photo, tmp_path: Path
) -> None:
    pid = make_photo(sqlite_library, caption="Before the backup")
    dest = backup.backup(sqlite_library, tmp_path / "b.sqlite")
    editing.edit_photo(sqlite_library, pid, {"caption": "After the backup"})
    location = str(sqlite_library.store.sqlite_path)
    sqlite_library.close()

    kept = backup.restore(location, dest)

    from desktop.services.library import open_library

    with open_library(location) as lib:
        assert browse.photo_summaries(lib, [pid])[0].caption == "Before the backup"
    with open_library(str(kept)) as old:
        assert browse.photo_summaries(old, [pid])[0].caption == "After the backup"


def test_restore_refuses_a_file_that_is_not_a_library(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_text("nope")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop",
            "--library",
            str(tmp_path / "lib.sqlite"),
            "restore",
            str(junk),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "is not a Caption Desk library" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_backup_of_an_open_library(tmp_path: Path) -> None:
    lib = tmp_path / "lib.sqlite"
    out = tmp_path / "backup.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--library", str(lib), "backup", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert out.exists() and out.stat().st_size > 0
