"""Backups of a live library: SQLite's online backup API (safe while others write)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from desktop.store.engine import LibraryStore, backup_sqlite
from desktop.store.errors import LibraryError


def backup_store(store: LibraryStore, dest: Path) -> Path:
    if store.sqlite_path is None:
        raise LibraryError(
            "backups of a PostgreSQL library are made on the server: "
            "pg_dump --format=custom --file=library.dump DATABASE (restore with pg_restore)"
        )
    dest = dest.expanduser().resolve()
    if dest.exists() and dest.is_dir():
        dest = dest / f"caption-desk-{datetime.now(UTC):%Y%m%dT%H%M%S}.sqlite"
    tmp = dest.with_name(dest.name + ".partial")
    try:
        tmp.unlink(missing_ok=True)
        backup_sqlite(store.sqlite_path, tmp)
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise LibraryError(f"cannot write the backup to {dest}: {exc.strerror or exc}") from None
    return dest


def check_backup(path: Path) -> None:
    """Refuse anything that is not a whole, readable Caption Desk library."""
    if not path.is_file():
        raise LibraryError(f"no backup at {path}")
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            con.execute("SELECT version_num FROM alembic_version").fetchone()
            con.execute("SELECT count(*) FROM photos").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise LibraryError(f"{path} is not a Caption Desk library: {exc}") from None
    if ok != "ok":
        raise LibraryError(f"{path} is damaged: {ok}")


def restore_sqlite(library_path: Path, backup: Path, keep_dir: Path) -> Path:
    """Replace the library file with a backup, keeping the current file aside first."""
    check_backup(backup)
    keep_dir.mkdir(parents=True, exist_ok=True)
    kept = (
        keep_dir / f"{library_path.stem}-before-restore-{datetime.now(UTC):%Y%m%dT%H%M%S%f}.sqlite"
    )
    if library_path.exists():
        backup_sqlite(library_path, kept)
    tmp = library_path.with_name(library_path.name + ".restoring")
    shutil.copyfile(backup, tmp)
    for suffix in ("-wal", "-shm"):
        Path(str(library_path) + suffix).unlink(missing_ok=True)
    os.replace(tmp, library_path)
    return kept
