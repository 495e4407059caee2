"""A throw-away PostgreSQL cluster for the tests and benchmarks: initdb in a temp folder, started
with pg_ctl on loopback, stopped and removed afterwards. As root, the server runs as a dedicated
unprivileged user (PostgreSQL refuses to run as root)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

PG_USER = "captiondesk"


class PostgresUnavailable(RuntimeError):
    pass


def _bindir() -> Path:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if Path(candidate, "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise PostgresUnavailable(
        "PostgreSQL server binaries not found (initdb): install Debian's 'postgresql' package "
        "(make test does this)"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _os_user() -> str | None:
    """The system account the server runs as when we are root; None when we are not root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "captiondesk-pg"):
        try:
            pwd.getpwnam(name)
            return name
        except KeyError:
            continue
    subprocess.run(
        [
            "useradd",
            "--system",
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
            "captiondesk-pg",
        ],
        check=True,
    )
    return "captiondesk-pg"


@dataclass
class PostgresServer:
    bindir: Path
    datadir: Path
    port: int
    os_user: str | None
    root: Path

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{PG_USER}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(args), check=check, capture_output=True, text=True, user=self.os_user, cwd="/"
        )

    def psql(self, sql: str, database: str = "postgres") -> str:
        out = self._run(
            str(self.bindir / "psql"),
            "-h",
            "127.0.0.1",
            "-p",
            str(self.port),
            "-U",
            PG_USER,
            "-d",
            database,
            "-v",
            "ON_ERROR_STOP=1",
            "-qAt",
            "-c",
            sql,
        )
        return out.stdout

    def create_database(self, name: str, template: str | None = None) -> str:
        tmpl = f" TEMPLATE {template}" if template else ""
        self.psql(f'CREATE DATABASE "{name}"{tmpl}')
        return self.url(name)

    def stop(self) -> None:
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.datadir),
            "-m",
            "immediate",
            "stop",
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start_postgres() -> PostgresServer:
    bindir = _bindir()
    os_user = _os_user()
    root = Path(tempfile.mkdtemp(prefix="caption-desk-pg-"))
    datadir = root / "data"
    if os_user:
        shutil.chown(root, os_user)
    os.chmod(root, 0o755)
    port = _free_port()
    server = PostgresServer(bindir, datadir, port, os_user, root)
    try:
        server._run(
            str(bindir / "initdb"),
            "-D",
            str(datadir),
            "-U",
            PG_USER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        opts = f"-c listen_addresses=127.0.0.1 -p {port} -k {root} -F -c max_connections=100 -c shared_buffers=128MB"
        server._run(
            str(bindir / "pg_ctl"),
            "-D",
            str(datadir),
            "-o",
            opts,
            "-l",
            str(root / "log"),
            "-w",
            "-t",
            "60",
            "start",
        )
    except subprocess.CalledProcessError as exc:
        log = (root / "log").read_text(errors="replace") if (root / "log").exists() else ""
        server.stop()
        raise PostgresUnavailable(
            f"could not start PostgreSQL: {exc.stderr or exc}\n{log}"
        ) from exc
    return server
