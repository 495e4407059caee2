"""Opening the library a user asked for, and where its files (thumbnails, backups) live."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from desktop.store.batches import recover_abandoned
from desktop.store.engine import LibraryStore, is_url, open_store
from desktop.store.errors import ConflictError, LibraryError, NotFoundError

__all__ = ["ConflictError", "Library", "LibraryError", "NotFoundError", "open_library"]

APP_DIR_NAME = "caption-desk"
ENV_LIBRARY = "CAPTION_DESK_LIBRARY"
ENV_CACHE = "CAPTION_DESK_CACHE"


def data_dir() -> Path:
    return platformdirs.user_data_path(APP_DIR_NAME, appauthor=False)


def cache_dir() -> Path:
    override = os.environ.get(ENV_CACHE)
    return (
        Path(override) if override else platformdirs.user_cache_path(APP_DIR_NAME, appauthor=False)
    )


def default_library_location() -> str:
    return os.environ.get(ENV_LIBRARY) or str(data_dir() / "library.sqlite")


@dataclass
class Library:
    """An open library and the folders that belong with it: what every use case takes first."""

    store: LibraryStore
    thumbs_dir: Path
    backups_dir: Path

    @property
    def location(self) -> str:
        return self.store.display_name

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_library(location: str | None = None) -> Library:
    """Open (create, migrate) the library at a path or URL; default: the user's own library."""
    location = location or default_library_location()
    if not is_url(location):
        location = str(Path(location).expanduser())
    backups = data_dir() / "backups"
    store = open_store(location, backups_dir=backups)
    with store.session() as session:
        recover_abandoned(session)
    thumbs = cache_dir() / "thumbnails"
    return Library(store=store, thumbs_dir=thumbs, backups_dir=backups)
