"""A consistent copy of a DuckDB database while the app keeps running (`cadangan`).

DuckDB lets one process write the file; a plain `cp` of a file in use can copy a half-written
state (and misses the WAL). `COPY FROM DATABASE` inside this process's connection copies every
table and sequence as of one transaction into a new file, so the copy opens as a complete
database. On PostgreSQL the server's own `pg_dump` does this (docs/scaling.md).
"""

from __future__ import annotations

import os
from pathlib import Path

from sakip_core.db import DuckHandle, Handle

BACKUP_ALIAS = "sakip_cadangan"


class BackupError(RuntimeError):
    """The backup was refused; the message is for the user."""


def backup(handle: Handle, target: Path, overwrite: bool = False) -> Path:
    """Copy the database behind `handle` to the new DuckDB file `target`; returns its path."""
    if not isinstance(handle, DuckHandle):
        raise BackupError(
            "Basis data PostgreSQL dicadangkan dengan pg_dump (lihat docs/scaling.md), "
            "bukan dengan perintah ini."
        )
    target = Path(target).resolve()
    if target == Path(handle.path).resolve():  # a DuckHandle: it has a file
        raise BackupError("Berkas cadangan tidak boleh sama dengan basis data yang dicadangkan.")
    if target.exists() and not overwrite:
        raise BackupError(f"{target} sudah ada; pilih nama lain atau pakai --timpa.")
    partial = target.with_name(f".{target.name}.sebagian")
    for leftover in (partial, Path(f"{partial}.wal")):
        leftover.unlink(missing_ok=True)
    with handle.cursor() as conn:
        (source,) = conn.execute("SELECT current_database()").fetchone()
        conn.execute(f"ATTACH '{_quoted(partial)}' AS {BACKUP_ALIAS}")
        try:
            conn.execute(f'COPY FROM DATABASE "{source}" TO {BACKUP_ALIAS}')
        finally:
            conn.execute(f"DETACH {BACKUP_ALIAS}")
    Path(f"{target}.wal").unlink(missing_ok=True)  # an old file's WAL must not meet the copy
    os.replace(partial, target)  # a reader never sees half a backup under the final name
    return target


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")
