"""Rules of the `renstra` dataset (issue 13, point 1): a period of at most five years, targets
per polaritas as in the PK (capaian.md section 4), no yearly target past the period's end, and
one period per indicator in a file."""

from __future__ import annotations

import pandas as pd

from sakip_core.io.parse import Problems
from sakip_core.io.reader import ROW_COL
from sakip_core.io.rules import polarity_targets

MAX_YEARS = 5


def renstra_rules(table: pd.DataFrame, p: Problems) -> None:
    _period(table, p)
    _targets(table, p)
    _overlaps(table, p)


def _period(table: pd.DataFrame, p: Problems) -> None:
    rows, start, end = table[ROW_COL], table["tahun_awal"], table["tahun_akhir"]
    p.add_mask(rows, end < start, "tahun_akhir", "tidak boleh sebelum tahun_awal", end)
    p.add_mask(
        rows,
        end - start >= MAX_YEARS,
        "tahun_akhir",
        f"periode Renstra paling lama {MAX_YEARS} tahun (tahun_awal + {MAX_YEARS - 1})",
        end,
    )
    length = end - start + 1
    says = "melewati akhir periode: periode ini hanya " + length.astype("Int64").astype(str)
    for k in range(2, MAX_YEARS + 1):
        col = f"target_{k}"
        p.add_mask(
            rows,
            table[col].notna() & (length < k),
            col,
            says + " tahun",
            table[col],
        )


def _targets(table: pd.DataFrame, p: Problems) -> None:
    yearly = tuple(f"target_{k}" for k in range(1, MAX_YEARS + 1))
    polarity_targets(table, p, "target_akhir", yearly)


def _overlaps(table: pd.DataFrame, p: Problems) -> None:
    """Two rows of one indicator in a file whose periods overlap: which one would apply?"""
    cols = [ROW_COL, "kode_opd", "kode_indikator", "tahun_awal", "tahun_akhir"]
    df = table[cols].dropna()
    if df.empty:
        return
    pairs = df.merge(df, on=["kode_opd", "kode_indikator"], suffixes=("", "_b"))
    clash = pairs[
        (pairs["tahun_awal_b"] < pairs["tahun_awal"])
        & (pairs["tahun_akhir_b"] >= pairs["tahun_awal"])
    ].drop_duplicates(ROW_COL)
    p.add_mask(
        clash[ROW_COL],
        pd.Series(True, index=clash.index),
        "tahun_awal",
        "periode tumpang tindih dengan baris "
        + clash[f"{ROW_COL}_b"].astype(str)
        + " untuk indikator yang sama",
        clash["tahun_awal"],
    )
