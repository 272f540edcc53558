"""Writers of the demo's batches: the batch metadata of a demo upload, and the years before
the app (2024 migrated from the old e-SAKIP, the Renstra, the Pemda's IKU results, the faktor
texts beside each period's results)."""

from __future__ import annotations

import hashlib
from datetime import datetime

import duckdb
import pandas as pd

from sakip_core import demo_history as hist
from sakip_core.calc.capaian import capaian_detail
from sakip_core.db import Handle
from sakip_core.demo_values import PERIODS, YEARS, deadline
from sakip_core.io.writer import INDIKATOR_COLUMNS, BatchMeta, write_batch


def meta(dataset: str, pengguna: str, nama_file: str, waktu: datetime) -> BatchMeta:
    digest = hashlib.sha256(f"{dataset}|{nama_file}|{waktu:%Y%m%d%H%M}".encode()).hexdigest()
    return BatchMeta(dataset, pengguna, nama_file, digest, waktu)


def write_history(conn: duckdb.DuckDBPyConnection, ind: pd.DataFrame, real: pd.DataFrame,
                  renstra: pd.DataFrame) -> None:  # fmt: skip
    """HISTORY_YEAR migrated from the old e-SAKIP (its quarters locked), and the Renstra."""
    tahun = hist.HISTORY_YEAR
    when = datetime(YEARS[0], 1, 7, 9)
    pk = ind.reindex(columns=INDIKATOR_COLUMNS)
    write_batch(conn, meta("indikator", "admin", f"migrasi_pk_{tahun}.xlsx", when), pk)
    for q, rows in real.groupby("triwulan"):
        name, waktu = f"migrasi_realisasi_{tahun}_TW{q}.xlsx", datetime(YEARS[0], 1, 7, 10 + int(q))
        write_batch(conn, meta("realisasi", "admin", name, waktu), rows.reset_index(drop=True))
        batas = deadline(tahun, int(q))
        conn.execute(
            "INSERT INTO kunci_triwulan (tahun, triwulan, terkunci, oleh, waktu, batas_waktu) "
            "VALUES (?, ?, true, 'admin', ?, ?)",
            [tahun, int(q), datetime(YEARS[0], 1, 7, 15), batas],
        )
    when = datetime(YEARS[0], 1, 8, 9)
    write_batch(conn, meta("renstra", "admin", "renstra_2025_2029.xlsx", when),
                renstra)  # fmt: skip


def write_pemda_results(handle: Handle, real: pd.DataFrame) -> None:
    """The Pemda's IKU results, one upload per year (quarter 4) by the Bagian Organisasi."""
    with handle.transaction() as conn:
        for tahun, rows in real.groupby("tahun"):
            name, waktu = f"realisasi_iku_{tahun}.xlsx", datetime(int(tahun) + 1, 1, 20, 10)
            write_batch(conn, meta("realisasi", "admin", name, waktu), rows.reset_index(drop=True))


def write_reasons(handle: Handle, seed: int) -> None:
    """The faktor texts beside each period's results (see demo_history.reasons)."""
    periods = [(hist.HISTORY_YEAR, q) for q in (1, 2, 3, 4)] + list(PERIODS)
    frames = [hist.reasons(capaian_detail(handle, t, q), t, q, seed) for t, q in periods]
    with handle.transaction() as conn:
        conn.register("demo_faktor", pd.concat(frames, ignore_index=True))
        conn.execute(
            """UPDATE realisasi r SET faktor_pendukung = f.faktor_pendukung,
                      faktor_penghambat = f.faktor_penghambat, tindak_lanjut = f.tindak_lanjut
               FROM demo_faktor f
               WHERE r.tahun = f.tahun AND r.triwulan = f.triwulan
                 AND r.kode_indikator = f.kode_indikator"""
        )
        conn.unregister("demo_faktor")
