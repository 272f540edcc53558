"""Rules that need more than one column, or the database: targets, references, scope, locks."""

from __future__ import annotations

import duckdb
import pandas as pd

from sakip_core.auth import Actor
from sakip_core.io.parse import Problems
from sakip_core.io.reader import ROW_COL
from sakip_core.io.schema import OWNER_COLUMN
from sakip_core.pk.versions import VERSION_JOIN, in_force


def indicator_targets(table: pd.DataFrame, p: Problems) -> None:
    """Targets per polaritas (capaian.md section 4): non-negative T, a valid band for rentang."""
    polarity_targets(table, p, "target", ("target_tw1", "target_tw2", "target_tw3", "target_tw4"))


def polarity_targets(
    table: pd.DataFrame, p: Problems, target: str, others: tuple[str, ...]
) -> None:
    """`target` required and every target non-negative for positif/negatif; for rentang a band
    `target_min` <= `target_max`, `target_max` > 0 (PK indicators and Renstra rows alike)."""
    rows = table[ROW_COL]
    band = table["polaritas"] == "rentang"
    plain = table["polaritas"].isin(["positif", "negatif"])
    p.add_mask(
        rows,
        plain & table[target].isna(),
        target,
        "wajib diisi untuk polaritas positif/negatif",
    )
    for col in (target, *others):
        p.add_mask(
            rows,
            plain & (table[col] < 0),
            col,
            "target tidak boleh negatif untuk polaritas positif/negatif (gunakan rentang)",
            table[col],
        )
    lo, hi = table["target_min"], table["target_max"]
    p.add_mask(rows, band & lo.isna(), "target_min", "wajib diisi untuk polaritas rentang")
    p.add_mask(rows, band & hi.isna(), "target_max", "wajib diisi untuk polaritas rentang")
    p.add_mask(rows, band & (lo < 0), "target_min", "tidak boleh negatif", lo)
    p.add_mask(rows, band & (hi <= 0), "target_max", "harus lebih besar dari 0", hi)
    p.add_mask(rows, band & (lo > hi), "target_min", "tidak boleh lebih besar dari target_max", lo)


def known_opds(conn: duckdb.DuckDBPyConnection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT kode_opd FROM opd").fetchall()}


def opd_exists(
    table: pd.DataFrame,
    column: str,
    opds: set[str],
    p: Problems,
    extra: frozenset[str] = frozenset(),
) -> None:
    codes = table[column]
    unknown = codes.notna() & ~codes.isin(opds | extra)
    p.add_mask(table[ROW_COL], unknown, column, "kode tidak terdaftar sebagai OPD", codes)


def actor_scope(dataset: str, table: pd.DataFrame, actor: Actor, p: Problems) -> None:
    """An operator may only write rows of their own OPD (formats.md upload rules)."""
    if not actor.is_operator:
        return
    column = OWNER_COLUMN[dataset]
    other = table[column].notna() & (table[column] != actor.kode_opd)
    p.add_mask(
        table[ROW_COL],
        other,
        column,
        f"baris untuk OPD lain; akun Anda hanya untuk OPD {actor.kode_opd}",
        table[column],
    )


def realisasi_references(conn: duckdb.DuckDBPyConnection, table: pd.DataFrame, p: Problems) -> None:
    """Year has indicators, the indicator is in the PK in force at the row's quarter, and
    belongs to the row's OPD.

    The join runs in DuckDB and returns only the rows with a problem (a 900.000-row file in
    about a second).
    """
    conn.register(
        "cek_realisasi", table[[ROW_COL, "tahun", "triwulan", "kode_opd", "kode_indikator"]]
    )
    try:
        bad = conn.execute(
            f"""
WITH tahun_pk AS (SELECT DISTINCT tahun FROM indikator WHERE aktif),
berlaku AS (SELECT i.tahun, i.kode_indikator, i.kode_opd, q.q
            FROM indikator i CROSS JOIN (VALUES (1), (2), (3), (4)) q(q) {VERSION_JOIN}
            WHERE {in_force("q.q")})
SELECT c.{ROW_COL} AS baris, c.tahun, c.kode_opd, c.kode_indikator, i.kode_opd AS pemilik,
       t.tahun IS NOT NULL AS ada_tahun
FROM cek_realisasi c
LEFT JOIN tahun_pk t ON t.tahun = c.tahun
LEFT JOIN berlaku i
       ON i.tahun = c.tahun AND i.q = coalesce(c.triwulan, 4)
      AND i.kode_indikator = c.kode_indikator
WHERE c.tahun IS NOT NULL AND c.kode_indikator IS NOT NULL
  AND (i.kode_opd IS NULL OR (c.kode_opd IS NOT NULL AND i.kode_opd <> c.kode_opd))"""
        ).df()
    finally:
        conn.unregister("cek_realisasi")
    if bad.empty:
        return
    rows = bad["baris"]
    no_year = ~bad["ada_tahun"].astype(bool)
    p.add_mask(rows, no_year, "tahun", "tahun ini belum memiliki indikator PK", bad["tahun"])
    unknown = ~no_year & bad["pemilik"].isna()
    p.add_mask(
        rows,
        unknown,
        "kode_indikator",
        "indikator tidak ada pada PK tahun tersebut",
        bad["kode_indikator"],
    )
    wrong = bad["pemilik"].notna()
    p.add_mask(
        rows,
        wrong,
        "kode_opd",
        "indikator ini milik OPD " + bad["pemilik"].astype(str) + ", bukan OPD baris ini",
        bad["kode_opd"],
    )


def locked_quarters(conn: duckdb.DuckDBPyConnection, table: pd.DataFrame, p: Problems) -> None:
    """Refuse rows of a quarter the admin has locked, naming who locked it and when."""
    locks = conn.execute(
        "SELECT tahun, triwulan, oleh, waktu FROM kunci_triwulan WHERE terkunci"
    ).df()
    if locks.empty:
        return
    hit = table[[ROW_COL, "tahun", "triwulan"]].merge(locks, on=["tahun", "triwulan"])
    for (tahun, q), group in hit.groupby(["tahun", "triwulan"]):
        first = group.iloc[0]
        when = f" pada {first['waktu']:%d-%m-%Y %H:%M}" if pd.notna(first["waktu"]) else ""
        p.add_mask(
            group[ROW_COL],
            pd.Series(True, index=group.index),
            "triwulan",
            f"triwulan {q} tahun {tahun} sudah dikunci oleh {first['oleh'] or 'admin'}{when}; "
            "unggahan ke triwulan ini ditolak. Hubungi admin bila perlu dibuka.",
            group["triwulan"],
        )


def indicator_references(conn: duckdb.DuckDBPyConnection, table: pd.DataFrame, p: Problems) -> None:
    """kode_indikator unique within a year across OPDs; `induk` must exist that year."""
    rows = table[ROW_COL]
    years = [int(y) for y in table["tahun"].dropna().unique()]
    others = conn.execute(
        "SELECT tahun, kode_indikator, kode_opd AS pemilik FROM indikator "
        "WHERE aktif AND tahun = ANY(?)",
        [years],
    ).df()
    replaced = table[["tahun", "kode_opd"]].drop_duplicates()
    kept = others.merge(
        replaced,
        left_on=["tahun", "pemilik"],
        right_on=["tahun", "kode_opd"],
        how="left",
        indicator=True,
    )
    kept = kept[kept["_merge"] == "left_only"][["tahun", "kode_indikator", "pemilik"]]
    clash = table[["tahun", "kode_indikator"]].merge(
        kept, on=["tahun", "kode_indikator"], how="left"
    )
    clash.index = table.index
    p.add_mask(
        rows,
        clash["pemilik"].notna(),
        "kode_indikator",
        "kode ini sudah dipakai OPD " + clash["pemilik"].astype(str) + " pada tahun itu",
        table["kode_indikator"],
    )
    known = pd.concat([kept[["tahun", "kode_indikator"]], table[["tahun", "kode_indikator"]]])
    known_keys = set(zip(known["tahun"].astype("Int64"), known["kode_indikator"], strict=True))
    has_parent = table["induk"].notna()
    missing = has_parent & ~pd.Series(
        [(t, k) in known_keys for t, k in zip(table["tahun"], table["induk"], strict=True)],
        index=table.index,
    )
    p.add_mask(
        rows,
        missing,
        "induk",
        "indikator induk tidak ditemukan pada tahun yang sama",
        table["induk"],
    )
    p.add_mask(
        rows,
        has_parent & (table["induk"] == table["kode_indikator"]),
        "induk",
        "indikator tidak boleh menjadi induk dirinya sendiri",
        table["induk"],
    )


def verified_values(
    conn: duckdb.DuckDBPyConnection, table: pd.DataFrame, actor: Actor, p: Problems
) -> None:
    """An operator may not overwrite a value that was verified or made final.

    The verifier first sends it back (ditolak); unchanged values in the file are fine.
    """
    if not actor.is_operator:
        return
    conn.register(
        "cek_terverifikasi", table[[ROW_COL, "tahun", "triwulan", "kode_indikator", "realisasi"]]
    )
    try:
        bad = conn.execute(
            f"""SELECT c.{ROW_COL} AS baris, c.realisasi, r.status
                FROM cek_terverifikasi c JOIN realisasi r
                  ON r.tahun = c.tahun AND r.triwulan = c.triwulan
                 AND r.kode_indikator = c.kode_indikator
                WHERE r.status IN ('diverifikasi', 'final')
                  AND r.realisasi IS DISTINCT FROM c.realisasi"""
        ).df()
    finally:
        conn.unregister("cek_terverifikasi")
    p.add_mask(
        bad["baris"],
        pd.Series(True, index=bad.index),
        "realisasi",
        "nilai ini sudah "
        + bad["status"].astype(str)
        + "; minta verifikator mengembalikannya (ditolak) sebelum diubah",
        bad["realisasi"],
    )
