"""Shared test set-up: offscreen Qt before any Qt import, private user folders, and the libraries
(SQLite file, real PostgreSQL server) the store tests run against."""

from __future__ import annotations

import os
import sys
import tempfile
import uuid
from pathlib import Path

# Before anything imports Qt: tests never need a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Keep tests away from the user's own library, cache and settings.
_PRIVATE = Path(tempfile.mkdtemp(prefix="caption-desk-tests-"))
os.environ["XDG_DATA_HOME"] = str(_PRIVATE / "data")
os.environ["XDG_CACHE_HOME"] = str(_PRIVATE / "cache")
os.environ["XDG_CONFIG_HOME"] = str(_PRIVATE / "config")
os.environ.pop("CAPTION_DESK_LIBRARY", None)

import pytest  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from pg_server import PostgresServer, PostgresUnavailable, start_postgres  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "samples"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    if not SAMPLES.is_dir():
        pytest.fail(f"the shared samples are missing: {SAMPLES}")
    return SAMPLES


@pytest.fixture(scope="session")
def postgres_server() -> PostgresServer:
    """A real PostgreSQL server for the session. Not skipped when it can't start: it fails."""
    try:
        server = start_postgres()
    except PostgresUnavailable as exc:
        pytest.fail(f"PostgreSQL tests need a server and none could be started: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres_server: PostgresServer) -> str:
    """A database migrated once to head; each test gets a copy (CREATE DATABASE ... TEMPLATE)."""
    from desktop.services.library import open_library

    name = "cd_template"
    postgres_server.create_database(name)
    open_library(postgres_server.url(name)).close()
    return name


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def library_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh library lives: a SQLite file, or a new database on the real server."""
    if request.param == "sqlite":
        return str(tmp_path / "library.sqlite")
    server: PostgresServer = request.getfixturevalue("postgres_server")
    template = request.getfixturevalue("postgres_template")
    return server.create_database(f"cd_{uuid.uuid4().hex[:12]}", template=template)


@pytest.fixture
def library(library_location: str):
    from desktop.services.library import open_library

    lib = open_library(library_location)
    yield lib
    lib.close()


@pytest.fixture
def sqlite_library(tmp_path: Path):
    from desktop.services.library import open_library

    lib = open_library(str(tmp_path / "library.sqlite"))
    yield lib
    lib.close()


@pytest.fixture
def make_photo():
    """Add a photo row (no image file needed) the way the image import writes one."""
    import hashlib

    from desktop.core.records import FieldValue, PhotoMetadata
    from desktop.store.batches import finish_batch, start_batch
    from desktop.store.imports import NewPhoto, insert_photos

    counter = iter(range(1, 10**9))

    def make(lib, caption=None, credit=None, byline=None, keywords=(), name=None, headline=None):
        n = next(counter)
        fields = {}
        for key, value in (
            ("caption", caption),
            ("credit", credit),
            ("byline", byline),
            ("headline", headline),
        ):
            if value is not None:
                fields[key] = FieldValue(value, "iptc")
        md = PhotoMetadata(
            width=1600, height=1067, format="JPEG", fields=fields, keywords=tuple(keywords)
        )
        name = name or f"photo-{n}.jpg"
        digest = hashlib.sha256(f"{name}-{n}-{uuid.uuid4()}".encode()).hexdigest()
        with lib.store.session() as s:
            batch = start_batch(s, kind="images", source="test")
            (pid,) = insert_photos(
                s,
                batch,
                [
                    NewPhoto(
                        f"/photos/{name}",
                        name,
                        name.rsplit(".", 1)[0].lower(),
                        digest,
                        1000,
                        0.0,
                        md,
                    )
                ],
            )
            finish_batch(s, batch, counts={"added": 1}, warnings=[])
        return pid

    return make
