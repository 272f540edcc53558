"""The yearly result of each indicator and the LKjIP chapter III table (issue 13, points 2-3).

The year's result is R and C at quarter 4 exactly as `capaian.md` sections 2-4 compute them
(empty when quarter 4 is not reported); the two previous years are the same indicator code at
their quarter 4; `capaian_renstra` is the same formula with the year's R against the Renstra
end target (its band for rentang). One query: the three years are three passes of the
capaian CTEs.
"""

from __future__ import annotations

import pandas as pd

from sakip_core.access import require_opd
from sakip_core.auth import Actor
from sakip_core.calc.bands import BANDS_CTE, band_join
from sakip_core.calc.capaian import capaian_ctes, capaian_expr
from sakip_core.db import Handle
from sakip_core.fmt import angka
from sakip_core.io.schema import PEMDA
from sakip_core.io.writer import FAKTOR
from sakip_core.lkjip.renstra import renstra_cte
from sakip_core.pk.matriks import sort_key
from sakip_core.settings import get_setting

LKJIP_COLUMNS = [
    "sasaran",
    "kode_indikator",
    "indikator",
    "satuan",
    "target",
    "realisasi",
    "capaian",
    "kategori",
    "realisasi_t1",
    "capaian_t1",
    "realisasi_t2",
    "capaian_t2",
    "target_akhir_renstra",
    "capaian_renstra",
]
NUMBERS = [
    c
    for c in LKJIP_COLUMNS
    if c not in ("sasaran", "kode_indikator", "indikator", "satuan", "kategori")
]
PREVIOUS = ("_1", "_2")  # the CTE suffixes of years Y-1 and Y-2

_C_RENSTRA = capaian_expr(
    "rs.polaritas", "rs.target_akhir", "c.r_sd", "rs.target_min", "rs.target_max"
)


def unit_filter(unit: str) -> tuple[str, dict[str, object]]:
    """The WHERE clause on `c` (a calc row) for a unit's own indicators: an OPD's PK
    (level opd) or, for PEMDA, the Pemda's IKU (level pemda)."""
    if unit == PEMDA:
        return "c.level = 'pemda'", {}
    return "c.level = 'opd' AND c.kode_opd = $unit", {"unit": unit}


def _sql(where: str, opd_filter: bool) -> str:
    years = [capaian_ctes(sfx, opd_filter=opd_filter) for sfx in ("", *PREVIOUS)]
    prev_cols = ", ".join(f"p{n}.r_sd AS realisasi_t{n}, p{n}.c AS capaian_t{n}" for n in (1, 2))
    prev_joins = " ".join(
        f"LEFT JOIN calc{sfx} p{n} ON p{n}.kode_indikator = c.kode_indikator"
        for n, sfx in enumerate(PREVIOUS, start=1)
    )
    return f"""
WITH {BANDS_CTE}, {", ".join(years)}, {renstra_cte()},
q4 AS (SELECT kode_indikator, {", ".join(FAKTOR)}, keterangan
       FROM realisasi WHERE tahun = $tahun AND triwulan = 4)
SELECT * FROM (
SELECT c.kode_opd, c.sasaran, c.kode_indikator, c.indikator, c.satuan, c.polaritas,
       c.agregasi, c.level, c.program, c.bobot, c.dilaporkan,
       c.t_sd AS target, c.target_min, c.target_max, c.r_sd AS realisasi, c.c AS capaian,
       c.c_cap AS capaian_dibatasi, k.label AS kategori, k.warna, {prev_cols},
       rs.target_akhir AS target_akhir_renstra, rs.target_min AS renstra_min,
       rs.target_max AS renstra_max, rs.target_tahun AS target_renstra_tahun,
       rs.kondisi_awal, rs.tahun_awal, rs.tahun_akhir, rs.tujuan,
       CASE WHEN c.r_sd IS NULL OR rs.kode_indikator IS NULL THEN NULL
            ELSE greatest({_C_RENSTRA}, 0) END AS capaian_renstra,
       {", ".join(f"f.{col}" for col in FAKTOR)}, f.keterangan,
       {sort_key("c.kode_indikator")} AS urut
FROM calc c {band_join("k", "c.c")} {prev_joins}
LEFT JOIN rs ON rs.kode_opd = c.kode_opd AND rs.kode_indikator = c.kode_indikator
LEFT JOIN q4 f ON f.kode_indikator = c.kode_indikator
WHERE {where}
) AS hasil
ORDER BY min(urut) OVER (PARTITION BY sasaran), sasaran, urut"""


def yearly_detail(handle: Handle, actor: Actor, tahun: int, unit: str) -> pd.DataFrame:
    """Every indicator of the unit for the year with its yearly result, the two previous
    years, the Renstra link and the reasons given at quarter 4 (unrounded)."""
    require_opd(actor, unit)
    where, params = unit_filter(unit)
    params |= {"cap": float(get_setting(handle, "cap"))}
    for sfx, year in zip(("", *PREVIOUS), (tahun, tahun - 1, tahun - 2), strict=True):
        params |= {f"tahun{sfx}": int(year), f"q{sfx}": 4}
    opd_filter = unit != PEMDA
    if opd_filter:
        params["opds"] = [unit]
    df = handle.query_df(_sql(where, opd_filter), params)
    return df.drop(columns="urut")


def chapter3(handle: Handle, actor: Actor, tahun: int, unit: str) -> pd.DataFrame:
    """The chapter III table of the LKjIP: the `lkjip` columns, numbers rounded to 2 decimals."""
    df = yearly_detail(handle, actor, tahun, unit)[LKJIP_COLUMNS].copy()
    for col in NUMBERS:
        df[col] = df[col].astype("float64").round(2)
    return df.reset_index(drop=True)


def target_text(row: pd.Series, lo: str = "target_min", hi: str = "target_max") -> str | None:
    """The band `L–H` of a rentang row (None otherwise), for documents."""
    if row.get("polaritas") != "rentang" or pd.isna(row.get(lo)):
        return None
    return f"{angka(row[lo], 2)}–{angka(row[hi], 2)}"
