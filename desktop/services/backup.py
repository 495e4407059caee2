"""Backing up and restoring the library (SQLite); PostgreSQL libraries are backed up with pg_dump."""

from __future__ import annotations

from pathlib import Path

from desktop.services.library import Library, default_library_location, open_library
from desktop.store.backup import backup_store, restore_sqlite
from desktop.store.engine import is_url
from desktop.store.errors import LibraryError


def backup(lib: Library, dest: Path) -> Path:
    return backup_store(lib.store, dest)


def restore(location: str | None, backup_file: Path) -> Path:
    """Replace the library with `backup_file`; returns where the previous library was kept."""
    location = location or default_library_location()
    if is_url(location) and not location.startswith("sqlite:"):
        raise LibraryError("restore a PostgreSQL library with pg_restore on the server")
    lib = open_library(location)  # migrates and proves the current file is a library
    target, keep_dir = lib.store.sqlite_path, lib.backups_dir
    lib.close()
    assert target is not None
    kept = restore_sqlite(target, backup_file.expanduser().resolve(), keep_dir)
    open_library(str(target)).close()  # an older backup is migrated now, not on next use
    return kept
