"""Naming a realisasi row's indicator, so a problem says which indicator its row is about.

The name comes from the file's helper column `indikator` (as the template has it), else from the
active indicator with that code in the database (the same year, else the latest year).
"""

from __future__ import annotations

from dataclasses import replace

import duckdb
import pandas as pd

from sakip_core.io.parse import Problem
from sakip_core.io.reader import ROW_COL, RawTable, short


def indicator_names(
    conn: duckdb.DuckDBPyConnection, table: pd.DataFrame, raw: RawTable, rows: set[int]
) -> dict[int, tuple[str, str | None]]:
    """Row number -> (kode_indikator, name) for the given rows; the name from the file's helper
    column `indikator` (the template), else from the PK in the database."""
    if not rows:
        return {}
    pick = table[ROW_COL].isin(rows) & table["kode_indikator"].notna()
    part = table.loc[pick, [ROW_COL, "tahun", "kode_indikator"]]
    if part.empty:
        return {}
    names: dict[int, str | None] = {}
    if "indikator" in raw.cells.columns:
        helper = raw.cells.loc[part.index, "indikator"]
        names = {int(b): _clean_name(v) for b, v in zip(part[ROW_COL], helper, strict=True)}
    codes = sorted({str(k) for k in part["kode_indikator"]})
    known = conn.execute(
        "SELECT tahun, kode_indikator, indikator FROM indikator "
        "WHERE aktif AND kode_indikator = ANY(?) ORDER BY tahun",
        [codes],
    ).fetchall()
    by_year = {(int(t), k): n for t, k, n in known}
    by_code = {k: n for _, k, n in known}  # the latest year wins
    out = {}
    for b, t, k in part.itertuples(index=False):
        name = names.get(int(b))
        if name is None:
            year = None if pd.isna(t) else int(t)
            name = _clean_name(by_year.get((year, k), by_code.get(k)))
        out[int(b)] = (str(k), name)
    return out


def _clean_name(value: object) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = str(value).strip()
    return short(text, 200) if text else None


def with_indicator(problem: Problem, names: dict[int, tuple[str, str | None]]) -> Problem:
    """The problem labelled with its row's indicator (`kode – name`), when the row has one."""
    if problem.baris is None or problem.baris not in names:
        return problem
    kode, name = names[problem.baris]
    if name is None and problem.kolom == "kode_indikator":
        return problem  # the code is the value shown, and it names nothing known
    label = f"{short(kode)} – {name}" if name else short(kode)
    return replace(problem, indikator=label)
