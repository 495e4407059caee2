"""Opening a library: a SQLite file (WAL, foreign keys, busy timeout) or a PostgreSQL URL,
migrated to the newest schema on open, with a backup of a SQLite file before any migration."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from desktop.store.errors import LibraryError

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BACKUPS_KEPT = 5


@dataclass
class LibraryStore:
    """An open library: the engine and the session factory the repositories work through."""

    engine: Engine
    url: str
    sessions: sessionmaker[Session]
    sqlite_path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.sqlite_path is not None

    @property
    def display_name(self) -> str:
        if self.sqlite_path is not None:
            return str(self.sqlite_path)
        return make_url(self.url).render_as_string(hide_password=True)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed if the block ends normally, rolled back otherwise."""
        session = self.sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()


def is_url(location: str) -> bool:
    return "://" in location


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: object) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=15000")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _prepare_sqlite_path(path: Path) -> Path:
    path = path.expanduser()
    if path.exists() and path.is_dir():
        raise LibraryError(f"cannot open the library at {path}: it is a folder, not a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (NotADirectoryError, FileExistsError):
        blocker = next((p for p in path.parents if p.exists() and not p.is_dir()), path.parent)
        raise LibraryError(
            f"cannot create the library at {path}: {blocker} is a file, not a folder"
        ) from None
    except PermissionError:
        raise LibraryError(f"cannot create the library at {path}: permission denied") from None
    if not path.exists():
        try:
            path.touch()
            path.unlink()
        except OSError as exc:
            raise LibraryError(
                f"cannot create the library at {path}: {exc.strerror or exc}"
            ) from None
    return path.resolve()


def _make_engine(location: str) -> tuple[Engine, Path | None]:
    if not is_url(location) or location.startswith("sqlite:"):
        if location.startswith("sqlite:"):
            db = make_url(location).database or ""
            path = _prepare_sqlite_path(Path(db))
        else:
            path = _prepare_sqlite_path(Path(location))
        engine = create_engine(f"sqlite+pysqlite:///{path}", poolclass=NullPool)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine, path
    try:
        url = make_url(location)
    except ArgumentError:
        raise LibraryError(f"not a library path or database URL: {location}") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if not url.drivername.startswith("postgresql"):
        raise LibraryError(f"unsupported database URL {location!r}: use a file path or PostgreSQL")
    connect_args = {"connect_timeout": 5}
    engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    return engine, None


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(src: Path, dest: Path) -> Path:
    """Copy a live SQLite library with the online backup API (safe while others write)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with (
        contextlib.closing(sqlite3.connect(src)) as source,
        contextlib.closing(sqlite3.connect(dest)) as target,
    ):
        source.backup(target)
    return dest


def _backup_before_migration(path: Path, backups_dir: Path, revision: str | None) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    backup_sqlite(path, backups_dir / f"{path.stem}-{revision or 'empty'}-{stamp}.sqlite")
    kept = sorted(backups_dir.glob(f"{path.stem}-*.sqlite"))
    for old in kept[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)


def migrate(
    engine: Engine, *, backups_dir: Path | None = None, sqlite_path: Path | None = None
) -> None:
    """Bring the schema to head: a new library is created, an older one upgraded (after a backup)."""
    current = current_revision(engine)
    head = head_revision()
    if current == head:
        return
    if current is not None and sqlite_path is not None and backups_dir is not None:
        _backup_before_migration(sqlite_path, backups_dir, current)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_store(
    location: str, *, backups_dir: Path | None = None, migrate_schema: bool = True
) -> LibraryStore:
    """Open (creating or upgrading as needed) the library at a file path or database URL."""
    engine, sqlite_path = _make_engine(location)
    try:
        with engine.connect():
            pass
        if migrate_schema:
            migrate(engine, backups_dir=backups_dir, sqlite_path=sqlite_path)
    except OperationalError as exc:
        engine.dispose()
        raise LibraryError(_describe_connect_error(location, sqlite_path, exc)) from None
    except DatabaseError as exc:
        engine.dispose()
        where = sqlite_path or location
        raise LibraryError(f"cannot open the library at {where}: {exc.orig}") from None
    sessions = sessionmaker(engine, expire_on_commit=False)
    return LibraryStore(
        engine=engine, url=str(engine.url), sessions=sessions, sqlite_path=sqlite_path
    )


def _describe_connect_error(location: str, sqlite_path: Path | None, exc: OperationalError) -> str:
    if sqlite_path is not None:
        return f"cannot open the library at {sqlite_path}: {exc.orig}"
    url = make_url(location)
    first_line = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else "no answer"
    return (
        f"cannot reach the PostgreSQL library at {url.host or 'localhost'}:{url.port or 5432}"
        f"/{url.database or ''}: {first_line}"
    )
