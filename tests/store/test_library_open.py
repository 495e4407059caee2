"""Opening libraries: a new SQLite file is WAL, migrated to head; bad locations fail clearly."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services.library import LibraryError, open_library
from desktop.store.engine import head_revision


def test_new_sqlite_library_is_wal_and_stamped_at_head(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "library.sqlite"
    open_library(str(path)).close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert con.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {
        "photos",
        "captions",
        "credits",
        "tags",
        "photo_tags",
        "galleries",
        "import_batches",
        "edits",
        "photo_search",
    } <= tables


def test_foreign_keys_are_enforced(sqlite_library) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), sqlite_library.store.session() as s:
        s.execute(
            text(
                "INSERT INTO photo_tags(photo_id, tag_id, state, origin) VALUES (999, 999, 'accepted', 'user')"
            )
        )


def test_library_under_a_file_is_refused_with_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    with pytest.raises(LibraryError, match="is a file, not a folder"):
        open_library(str(blocker / "lib.sqlite"))


def test_a_file_that_is_not_a_library_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LibraryError, match="cannot open the library"):
        open_library(str(junk))


def test_unreachable_postgres_is_one_clear_error() -> None:
    with pytest.raises(
        LibraryError, match=r"cannot reach the PostgreSQL library at 127\.0\.0\.1:9"
    ):
        open_library("postgresql+psycopg://nobody@127.0.0.1:9/nothing")


def _cli(*args: str, env_library: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop", *args], capture_output=True, text=True, timeout=120
    )


def test_cli_list_on_new_library_prints_nothing(tmp_path: Path) -> None:
    lib = tmp_path / "lib.sqlite"
    result = _cli("--library", str(lib), "list", "--json")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert lib.exists()


def test_cli_library_path_under_a_file_exits_1_without_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    result = _cli("--library", str(blocker / "lib.sqlite"), "list")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "file.txt is a file, not a folder" in result.stderr


def test_cli_unknown_photo_is_a_user_error(tmp_path: Path) -> None:
    result = _cli("--library", str(tmp_path / "lib.sqlite"), "edit", "42", "--caption", "x")
    assert result.returncode == 1
    assert "no photo with id 42" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_unreachable_postgres_exits_1(tmp_path: Path) -> None:
    result = _cli("--library", "postgresql+psycopg://nobody@127.0.0.1:9/x", "list")
    assert result.returncode == 1
    assert "cannot reach the PostgreSQL library" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_usage_error_exits_2(tmp_path: Path) -> None:
    result = _cli("--library", str(tmp_path / "lib.sqlite"), "edit", "not-a-number")
    assert result.returncode == 2


def test_every_spec_command_has_help() -> None:
    for command in (
        "gui",
        "parse",
        "import-dump",
        "import-images",
        "list",
        "captions",
        "edit",
        "backup",
        "restore",
        "export",
    ):
        result = _cli(command, "--help")
        assert result.returncode == 0, command
        assert "usage: caption-desk " + command in result.stdout
