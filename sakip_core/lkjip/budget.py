"""The budget beside the results (issue 13, point 4): per program of an OPD (per OPD for the
Pemda) the year's pagu, realisasi, serapan, and efisiensi = the mean capped capaian of its
OPD-level indicators at quarter 4 minus serapan, "efisien" from the threshold setting on.

Choices: the pagu of a program is its latest monthly figure of the year (an APBD-P revision
replaces it, as in `calc.anggaran`); the mean is unweighted over the indicators reported at
quarter 4 (an indicator not reported has no capaian to compare); a program without budget
rows or without reported indicators gets no efisiensi.
"""

from __future__ import annotations

import pandas as pd

from sakip_core.access import require_opd
from sakip_core.auth import Actor
from sakip_core.calc.capaian import capaian_ctes
from sakip_core.db import Handle
from sakip_core.io.schema import PEMDA
from sakip_core.settings import get_setting

BUDGET_COLUMNS = [
    "kode_opd",
    "program",
    "pagu",
    "realisasi",
    "serapan",
    "capaian_rata2",
    "efisiensi",
    "keterangan",
]
NO_PROGRAM = "(tanpa program)"

_OPD_SQL = f"""
WITH {capaian_ctes(opd_filter=True, opd_level_only=False)},
spent AS (
    SELECT program, arg_max(pagu, bulan) AS pagu, sum(realisasi) AS realisasi
    FROM anggaran WHERE tahun = $tahun AND kode_opd = $unit GROUP BY program
),
perf AS (
    SELECT program, avg(c_cap) FILTER (WHERE dilaporkan) AS capaian_rata2
    FROM calc WHERE level = 'opd' AND program IS NOT NULL AND program <> '' GROUP BY program
)
SELECT $unit AS kode_opd, program, s.pagu, s.realisasi, p.capaian_rata2
FROM spent s FULL JOIN perf p USING (program)
ORDER BY program = '', program"""

_PEMDA_SQL = f"""
WITH {capaian_ctes(opd_level_only=False)},
spent AS (
    SELECT kode_opd, sum(pagu) AS pagu, sum(realisasi) AS realisasi FROM (
        SELECT kode_opd, program, arg_max(pagu, bulan) AS pagu, sum(realisasi) AS realisasi
        FROM anggaran WHERE tahun = $tahun GROUP BY kode_opd, program
    ) AS per_program GROUP BY kode_opd
),
perf AS (
    SELECT kode_opd, avg(c_cap) FILTER (WHERE dilaporkan) AS capaian_rata2
    FROM calc WHERE level = 'opd' GROUP BY kode_opd
)
SELECT kode_opd, o.nama_opd AS program, s.pagu, s.realisasi, p.capaian_rata2
FROM spent s FULL JOIN perf p USING (kode_opd) LEFT JOIN opd o USING (kode_opd)
ORDER BY kode_opd"""


def program_budget(handle: Handle, actor: Actor, tahun: int, unit: str) -> pd.DataFrame:
    """The `BUDGET_COLUMNS` of a unit for a year (unrounded)."""
    require_opd(actor, unit)
    params: dict[str, object] = {
        "tahun": int(tahun),
        "q": 4,
        "cap": float(get_setting(handle, "cap")),
    }
    if unit == PEMDA:
        df = handle.query_df(_PEMDA_SQL, params)
    else:
        df = handle.query_df(_OPD_SQL, params | {"unit": unit, "opds": [unit]})
        df["program"] = df["program"].replace("", NO_PROGRAM)
    return with_efisiensi(df, float(get_setting(handle, "ambang_efisiensi")))


def with_efisiensi(df: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """serapan, efisiensi and its label from pagu, realisasi and capaian_rata2."""
    df = df.copy()
    pagu = df["pagu"].astype("float64")
    df["serapan"] = (100.0 * df["realisasi"].astype("float64") / pagu).where(pagu > 0)
    df["efisiensi"] = df["capaian_rata2"].astype("float64") - df["serapan"]
    label = df["efisiensi"].map(
        lambda e: None if pd.isna(e) else ("efisien" if e >= threshold - 1e-9 else "tidak efisien")
    )
    df["keterangan"] = label
    return df[BUDGET_COLUMNS].reset_index(drop=True)


def rounded_budget(df: pd.DataFrame) -> pd.DataFrame:
    """Numbers rounded to 2 decimals, as the other commands print them."""
    out = df.copy()
    for col in ("pagu", "realisasi", "serapan", "capaian_rata2", "efisiensi"):
        out[col] = out[col].astype("float64").round(2)
    return out
