"""History of batches and superseded values, and restoring them (admin only).

Restoring is itself recorded as a batch (`nama_file` = "pemulihan ..."): the value it replaces
moves to the history table like any superseded value, so a restore can be undone the same way.
A restored realisation comes back as `draft`: it has to be submitted and verified again.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from sakip_core import audit, clock
from sakip_core.access import ADMIN, require_role
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.io.writer import SUPERSEDING


class RestoreError(ValueError):
    """A refused restore; the message is safe to show (Bahasa Indonesia)."""


def batches(handle: Handle, actor: Actor, dataset: str | None = None) -> pd.DataFrame:
    """Upload batches, newest first, with how many of their values are still current."""
    require_role(actor, ADMIN)
    where = "WHERE dataset = ?" if dataset else ""
    return handle.query_df(
        "SELECT id, dataset, pengguna, waktu, nama_file, checksum, jumlah_baris, jumlah_baru, "
        f"jumlah_berubah, jumlah_sama FROM batch_unggah {where} ORDER BY id DESC",
        [dataset] if dataset else [],
    )


def superseded(handle: Handle, actor: Actor, dataset: str = "realisasi") -> pd.DataFrame:
    """Superseded values of a dataset, newest first."""
    require_role(actor, ADMIN)
    table = _table(dataset)
    return handle.query_df(f"SELECT * FROM {table}_riwayat ORDER BY id DESC")


def _table(dataset: str) -> str:
    if dataset not in SUPERSEDING:
        raise RestoreError(f"Data {dataset} tidak memiliki riwayat nilai.")
    return dataset


def _new_batch(conn: duckdb.DuckDBPyConnection, actor: Actor, dataset: str, label: str) -> int:
    (batch_id,) = conn.execute(
        "INSERT INTO batch_unggah (dataset, pengguna, waktu, nama_file, checksum, jumlah_baris) "
        "VALUES (?, ?, ?, ?, ?, 0) RETURNING id",
        [dataset, actor.nama_pengguna, clock.now(), label, f"pemulihan:{label}"],
    ).fetchone()
    return int(batch_id)


def _refuse_locked(conn: duckdb.DuckDBPyConnection, ids: list[int]) -> None:
    """Locked quarters take no writes at all, restores included (unlock first)."""
    hit = conn.execute(
        "SELECT DISTINCT r.tahun, r.triwulan, k.oleh FROM realisasi_riwayat r "
        "JOIN kunci_triwulan k ON k.tahun = r.tahun AND k.triwulan = r.triwulan AND k.terkunci "
        "WHERE list_contains(?, r.id) ORDER BY 1, 2",
        [ids],
    ).fetchall()
    if hit:
        tahun, tw, oleh = hit[0]
        raise RestoreError(
            f"Triwulan {tw} tahun {tahun} sudah dikunci oleh {oleh or 'admin'}; buka dulu "
            "sebelum memulihkan nilainya."
        )


def _restore_rows(
    conn: duckdb.DuckDBPyConnection, actor: Actor, dataset: str, ids: list[int], batch_id: int
) -> int:
    """Bring the history rows `ids` (one per key) back as current values."""
    if dataset == "realisasi":
        _refuse_locked(conn, ids)
    key, values = SUPERSEDING[dataset]
    carried = ["status"] if dataset == "realisasi" else []
    cols = [*key, *values, *carried]
    now = clock.now()
    on = " AND ".join(f"c.{k} = h.{k}" for k in key)
    hist = f"(SELECT * FROM {dataset}_riwayat WHERE list_contains(?, id))"
    current = conn.execute(
        f"SELECT c.id, {', '.join(f'c.{c}' for c in cols)} FROM {dataset} c JOIN {hist} h ON {on}",
        [ids],
    ).df()
    old_cols = ", ".join([*cols, "batch_id"])
    conn.execute(
        f"INSERT INTO {dataset}_riwayat ({old_cols}, diganti_oleh_batch, diganti_pada) "
        f"SELECT {old_cols}, ?, ? FROM {dataset} WHERE list_contains(?, id)",
        [batch_id, now, current["id"].tolist()],
    )
    conn.execute(f"DELETE FROM {dataset} WHERE list_contains(?, id)", [current["id"].tolist()])
    select = [f"'draft'" if c == "status" else c for c in cols]  # noqa: F541
    conn.execute(
        f"INSERT INTO {dataset} ({', '.join(cols)}, batch_id) "
        f"SELECT {', '.join(select)}, ? FROM {dataset}_riwayat WHERE list_contains(?, id)",
        [batch_id, ids],
    )
    restored = conn.execute(
        f"SELECT id, {', '.join(cols)} FROM {dataset}_riwayat WHERE list_contains(?, id)", [ids]
    ).df()
    for rec in restored.to_dict("records"):
        k = "/".join(str(rec[c]) for c in key)
        old = current[(current[key] == pd.Series({c: rec[c] for c in key})).all(axis=1)]
        audit.record(
            conn, actor.nama_pengguna, "pulihkan", tabel=dataset, kunci=k,
            lama=old.drop(columns="id").to_dict("records")[0] if len(old) else None,
            baru={c: rec[c] for c in values}, keterangan=f"dari riwayat id {rec['id']}",
            waktu=now,
        )  # fmt: skip
    conn.execute(
        "UPDATE batch_unggah SET jumlah_baris = ?, jumlah_berubah = ?, jumlah_baru = ? "
        "WHERE id = ?",
        [len(ids), len(current), len(ids) - len(current), batch_id],
    )
    return len(ids)


def restore_value(handle: Handle, actor: Actor, riwayat_id: int, dataset: str = "realisasi") -> int:
    """Restore one superseded value; returns the id of the restoring batch."""
    require_role(actor, ADMIN)
    table = _table(dataset)
    with handle.transaction() as conn:
        found = conn.execute(f"SELECT 1 FROM {table}_riwayat WHERE id = ?", [riwayat_id]).fetchone()
        if found is None:
            raise RestoreError(f"Riwayat {riwayat_id} tidak ditemukan.")
        batch_id = _new_batch(conn, actor, dataset, f"pemulihan nilai riwayat {riwayat_id}")
        _restore_rows(conn, actor, dataset, [riwayat_id], batch_id)
    return batch_id


def restorable_count(handle: Handle, actor: Actor, batch_id: int, dataset: str) -> int:
    """How many values `restore_batch(batch_id)` would bring back (its confirmation says so)."""
    require_role(actor, ADMIN)
    table = _table(dataset)
    key = ", ".join(SUPERSEDING[table][0])
    with handle.cursor() as conn:
        (n,) = conn.execute(
            f"SELECT count(*) FROM (SELECT DISTINCT {key} FROM {table}_riwayat WHERE batch_id = ?)"
            " AS superseded",
            [batch_id],
        ).fetchone()
    return int(n)


def restore_batch(handle: Handle, actor: Actor, batch_id: int) -> int:
    """Bring back every value batch `batch_id` wrote that has since been superseded.

    For each key, the latest superseded row written by that batch is restored; keys whose current
    value is still the batch's own are left alone. Returns the number of values restored.
    """
    require_role(actor, ADMIN)
    with handle.transaction() as conn:
        row = conn.execute("SELECT dataset FROM batch_unggah WHERE id = ?", [batch_id]).fetchone()
        if row is None:
            raise RestoreError(f"Batch {batch_id} tidak ditemukan.")
        dataset = _table(row[0])
        key = SUPERSEDING[dataset][0]
        ids = conn.execute(
            f"SELECT max(id) FROM {dataset}_riwayat WHERE batch_id = ? GROUP BY {', '.join(key)}",
            [batch_id],
        ).fetchall()
        if not ids:
            raise RestoreError(
                f"Semua nilai batch {batch_id} masih berlaku; tidak ada yang dipulihkan."
            )
        new_batch = _new_batch(conn, actor, dataset, f"pemulihan batch {batch_id}")
        return _restore_rows(conn, actor, dataset, [int(i[0]) for i in ids], new_batch)
