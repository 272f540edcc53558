"""The audit log: every write records who, when, what, the old and the new value (JSON text).

`record` is called inside the writer's own transaction, so an audit row exists exactly when the
write it describes was committed.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import duckdb
import pandas as pd

from sakip_core import clock
from sakip_core.access import ADMIN, require_role
from sakip_core.auth import Actor
from sakip_core.db import Handle


def to_json(value: Any) -> str | None:
    """A value as JSON text for the log (None stays None; dates and numpy types as text)."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, default=str, sort_keys=True)


def record(
    conn: duckdb.DuckDBPyConnection,
    pengguna: str,
    aksi: str,
    *,
    tabel: str | None = None,
    kunci: str | None = None,
    lama: Any = None,
    baru: Any = None,
    keterangan: str | None = None,
    waktu: datetime | None = None,
) -> None:
    """Add one audit row (call inside the transaction of the write it describes)."""
    conn.execute(
        "INSERT INTO audit_log (waktu, pengguna, aksi, tabel, kunci, nilai_lama, nilai_baru, "
        "keterangan) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [waktu or clock.now(), pengguna, aksi, tabel, kunci, to_json(lama), to_json(baru),
         keterangan],
    )  # fmt: skip


def audit_log(
    handle: Handle, actor: Actor, aksi: str | None = None, limit: int = 500
) -> pd.DataFrame:
    """The latest audit rows, newest first (admin only)."""
    require_role(actor, ADMIN)
    where = "WHERE aksi = ?" if aksi else ""
    params: list[Any] = [aksi] if aksi else []
    return handle.query_df(
        "SELECT id, waktu, pengguna, aksi, tabel, kunci, nilai_lama, nilai_baru, keterangan "
        f"FROM audit_log {where} ORDER BY id DESC LIMIT {int(limit)}",
        params,
    )
