"""A private PostgreSQL server for the tests (and `make bench`), on a temporary directory.

Debian's `postgresql` package provides the binaries (`.ci/run` installs it). The server listens
on a Unix socket in its own directory only, so parallel runs never clash on a port; it is
stopped and deleted at exit. Durability is switched off (fsync): this is test data.
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg

USER = "sakip"
MISSING = (
    "PostgreSQL tidak terpasang (initdb/pg_ctl tidak ditemukan): "
    "`apt-get install postgresql` untuk menjalankan uji pada PostgreSQL"
)


def find_bin() -> Path | None:
    """The directory with initdb and pg_ctl: on PATH, else Debian's newest version."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_version)
    return Path(versions[-1]).parent if versions else None


def _version(path: str) -> int:
    part = Path(path).parent.parent.name
    return int(part) if part.isdigit() else 0


def _as_postgres(cmd: list[str]) -> list[str]:
    """initdb refuses to run as root: as root, run the server as Debian's `postgres` user."""
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@dataclass
class Server:
    folder: Path
    bin: Path

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{USER}@/{database}?host={self.folder}"

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(host=str(self.folder), user=USER, dbname="postgres", autocommit=True)

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database (a copy of `template` when given: ~0.2 s); returns its URL."""
        clause = f' TEMPLATE "{template}"' if template else ""
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"{clause}')
        return self.url(name)

    def disconnect(self, name: str) -> None:
        """End every session on `name` (a copy needs the source idle; handles reconnect)."""
        with self.admin() as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                [name],
            )

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run(
                _as_postgres([str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                              "-w", "stop"]),
                capture_output=True, check=False,
            )  # fmt: skip
        shutil.rmtree(self.folder, ignore_errors=True)


def start(extra: tuple[str, ...] = ()) -> Server:
    """initdb + start (about 1 s); raises RuntimeError(MISSING) without the binaries."""
    bindir = find_bin()
    if bindir is None:
        raise RuntimeError(MISSING)
    folder = Path(tempfile.mkdtemp(prefix="sakip-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    server = Server(folder, bindir)
    initdb = [str(bindir / "initdb"), "-D", str(server.data), "-U", USER, "--auth=trust",
              "-E", "UTF8", "--locale=C.UTF-8", "-N"]  # fmt: skip
    subprocess.run(_as_postgres(initdb), capture_output=True, check=True)
    options = " ".join(
        (f"-k {folder}", "-c listen_addresses=''", "-c fsync=off", "-c synchronous_commit=off",
         "-c full_page_writes=off", "-c max_connections=200", *extra)
    )  # fmt: skip
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(server.data), "-l", str(folder / "log"),
              "-o", options, "-w", "start"]  # fmt: skip
    subprocess.run(_as_postgres(pg_ctl), capture_output=True, check=True)
    atexit.register(server.stop)
    return server
