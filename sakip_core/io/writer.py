"""Writes a validated dataset as one batch, inside the caller's transaction.

Values that already exist for a key and differ are moved to the `<table>_riwayat` history table
(with the batch that replaced them) before the new ones are inserted; identical values are left
in place and counted as unchanged. Indicators are versioned per (tahun, kode_opd) instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from sakip_core import clock
from sakip_core.io.schema import DATASETS
from sakip_core.pk.versions import record_versions

FAKTOR = ["faktor_pendukung", "faktor_penghambat", "tindak_lanjut"]
RENSTRA_VALUES = [
    c for c in DATASETS["renstra"].names if c not in ("kode_opd", "kode_indikator", "tahun_awal")
]

# dataset -> (natural key, value columns) for the superseding tables
SUPERSEDING: dict[str, tuple[list[str], list[str]]] = {
    "realisasi": (
        ["tahun", "triwulan", "kode_indikator"],
        ["kode_opd", "realisasi", "keterangan", "bukti", *FAKTOR],
    ),
    "anggaran": (["tahun", "bulan", "kode_opd", "program"], ["pagu", "realisasi"]),
    # a revised Renstra (same period start) supersedes the row; the old one stays in the history
    "renstra": (["kode_opd", "kode_indikator", "tahun_awal"], RENSTRA_VALUES),
    "lke": (
        ["tahun", "kode_unit", "kode_kriteria"],
        ["komponen", "subkomponen", "kriteria", "jawaban", "nilai", "catatan"],
    ),
    "rb_aksi": (
        ["tahun", "bulan", "kode_opd", "kode_aksi"],
        ["area", "rencana_aksi", "target", "realisasi"],
    ),
    # a revised recommendation (same key) supersedes the row; its follow-ups keep the key
    "lhe": (
        ["tahun", "kode_unit", "kode_rekomendasi"],
        ["komponen", "rekomendasi", "batas_waktu", "penanggung_jawab"],
    ),
    # a new holder (or name, superior) supersedes the row; the old one stays in the history
    "jabatan": (["kode_jabatan"], [c for c in DATASETS["jabatan"].names if c != "kode_jabatan"]),
}

INDIKATOR_COLUMNS = [
    "tahun",
    "kode_opd",
    "kode_indikator",
    "sasaran",
    "indikator",
    "satuan",
    "polaritas",
    "agregasi",
    "target",
    "target_min",
    "target_max",
    "target_tw1",
    "target_tw2",
    "target_tw3",
    "target_tw4",
    "bobot",
    "level",
    "induk",
    "iku",
    "program",
    "anggaran",
    "kode_jabatan",
]
OPD_COLUMNS = ["kode_opd", "nama_opd", "jenis", "singkatan"]


@dataclass(frozen=True)
class BatchMeta:
    dataset: str
    pengguna: str
    nama_file: str
    checksum: str
    waktu: datetime | None = None


@dataclass(frozen=True)
class BatchResult:
    batch_id: int
    jumlah_baris: int
    baru: int
    berubah: int
    sama: int


def write_batch(
    conn: duckdb.DuckDBPyConnection, meta: BatchMeta, rows: pd.DataFrame
) -> BatchResult:
    """Record the batch and write `rows` (already clean and typed). Call inside a transaction."""
    waktu = meta.waktu or clock.now()
    (batch_id,) = conn.execute(
        "INSERT INTO batch_unggah (dataset, pengguna, waktu, nama_file, checksum, jumlah_baris) "
        "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        [meta.dataset, meta.pengguna, waktu, meta.nama_file, meta.checksum, len(rows)],
    ).fetchone()
    if meta.dataset == "realisasi" and "status" not in rows.columns:
        rows = rows.assign(status="draft")
    if meta.dataset in SUPERSEDING:  # optional columns a caller did not send are empty
        key, values = SUPERSEDING[meta.dataset]
        rows = rows.assign(**{c: None for c in [*key, *values] if c not in rows.columns})
    conn.register("incoming", rows)
    try:
        if meta.dataset in SUPERSEDING:
            baru, berubah, sama = _supersede(conn, meta.dataset, batch_id, waktu)
        elif meta.dataset == "indikator":
            baru, berubah, sama = _new_indicator_version(conn, batch_id)
        elif meta.dataset == "opd":
            baru, berubah, sama = _upsert_opd(conn, batch_id)
        else:
            raise ValueError(f"dataset tidak dikenal: {meta.dataset}")
    finally:
        conn.unregister("incoming")
    conn.execute(
        "UPDATE batch_unggah SET jumlah_baru = ?, jumlah_berubah = ?, jumlah_sama = ? WHERE id = ?",
        [baru, berubah, sama, batch_id],
    )
    return BatchResult(batch_id, len(rows), baru, berubah, sama)


def _supersede(
    conn: duckdb.DuckDBPyConnection, dataset: str, batch_id: int, waktu: datetime
) -> tuple[int, int, int]:
    key, values = SUPERSEDING[dataset]
    on = " AND ".join(f"c.{k} = n.{k}" for k in key)
    differs = " OR ".join(f"c.{v} IS DISTINCT FROM n.{v}" for v in values)
    conn.execute("DROP TABLE IF EXISTS matched")
    conn.execute(
        f"""CREATE TEMP TABLE matched AS
            SELECT c.id, ({differs}) AS berubah, {", ".join(f"n.{k}" for k in key)}
            FROM {dataset} c JOIN incoming n ON {on}"""
    )
    (berubah, sama) = conn.execute(
        "SELECT count(*) FILTER (WHERE berubah), count(*) FILTER (WHERE NOT berubah) FROM matched"
    ).fetchone()
    carried = ["status"] if dataset == "realisasi" else []  # workflow state, not a value
    if berubah:
        _move_to_history(conn, dataset, [*key, *values, *carried], batch_id, waktu)
    insert_cols = [*key, *values, *carried]
    unchanged = " AND ".join(f"m.{k} = n.{k}" for k in key)
    conn.execute(
        f"""INSERT INTO {dataset} ({", ".join(insert_cols)}, batch_id)
            SELECT {", ".join(f"n.{c}" for c in insert_cols)}, ?
            FROM incoming n
            WHERE NOT EXISTS (SELECT 1 FROM matched m WHERE NOT m.berubah AND {unchanged})""",
        [batch_id],
    )
    (total,) = conn.execute("SELECT count(*) FROM incoming").fetchone()
    conn.execute("DROP TABLE matched")
    return int(total - berubah - sama), int(berubah), int(sama)


def _move_to_history(
    conn: duckdb.DuckDBPyConnection,
    dataset: str,
    columns: list[str],
    batch_id: int,
    waktu: datetime,
) -> None:
    """Copy the superseded rows to `<dataset>_riwayat` with the batch that replaced them."""
    cols = ", ".join([*columns, "batch_id"])
    conn.execute(
        f"""INSERT INTO {dataset}_riwayat ({cols}, diganti_oleh_batch, diganti_pada)
            SELECT {cols}, ?, ? FROM {dataset}
            WHERE id IN (SELECT id FROM matched WHERE berubah)""",
        [batch_id, waktu],
    )
    conn.execute(f"DELETE FROM {dataset} WHERE id IN (SELECT id FROM matched WHERE berubah)")


def _new_indicator_version(conn: duckdb.DuckDBPyConnection, batch_id: int) -> tuple[int, int, int]:
    """Deactivate the (tahun, kode_opd) sets present in the file and add them as a new version."""
    conn.execute("DROP TABLE IF EXISTS versi_baru")
    conn.execute(
        """CREATE TEMP TABLE versi_baru AS
           SELECT g.tahun, g.kode_opd, coalesce(max(i.versi), 0) + 1 AS versi,
                  count(i.id) FILTER (WHERE i.aktif) AS lama
           FROM (SELECT DISTINCT tahun, kode_opd FROM incoming) g
           LEFT JOIN indikator i ON i.tahun = g.tahun AND i.kode_opd = g.kode_opd
           GROUP BY g.tahun, g.kode_opd"""
    )
    conn.execute(
        """UPDATE indikator SET aktif = false
           WHERE aktif AND (tahun, kode_opd) IN (SELECT tahun, kode_opd FROM versi_baru)"""
    )
    cols = ", ".join(INDIKATOR_COLUMNS)
    conn.execute(
        f"""INSERT INTO indikator ({cols}, versi, aktif, batch_id)
            SELECT {", ".join(f"n.{c}" for c in INDIKATOR_COLUMNS)}, v.versi, true, ?
            FROM incoming n JOIN versi_baru v USING (tahun, kode_opd)""",
        [batch_id],
    )
    (replaced,) = conn.execute("SELECT count(*) FILTER (WHERE lama > 0) FROM versi_baru").fetchone()
    (total,) = conn.execute("SELECT count(*) FROM incoming").fetchone()
    record_versions(conn, batch_id)
    conn.execute("DROP TABLE versi_baru")
    return (int(total), int(replaced), 0) if replaced == 0 else (0, int(total), 0)


def _upsert_opd(conn: duckdb.DuckDBPyConnection, batch_id: int) -> tuple[int, int, int]:
    (existing,) = conn.execute(
        "SELECT count(*) FROM incoming n JOIN opd o USING (kode_opd)"
    ).fetchone()
    (total,) = conn.execute("SELECT count(*) FROM incoming").fetchone()
    conn.execute(
        f"""INSERT INTO opd ({", ".join(OPD_COLUMNS)}, batch_id)
            SELECT {", ".join(OPD_COLUMNS)}, ? FROM incoming
            ON CONFLICT (kode_opd) DO UPDATE SET nama_opd = excluded.nama_opd,
                jenis = excluded.jenis, singkatan = excluded.singkatan,
                batch_id = excluded.batch_id""",
        [batch_id],
    )
    return int(total - existing), int(existing), 0
