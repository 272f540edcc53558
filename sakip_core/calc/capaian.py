"""Per-indicator capaian (capaian.md sections 1-4), computed in one DuckDB query.

The SQL is built from CTE text so that the ranking can evaluate two periods (now and the previous
quarter) in a single pass; the previous period's parameters are `$tahun_p` and `$q_p`.
"""

from __future__ import annotations

import pandas as pd

from sakip_core.calc.bands import BANDS_CTE, band_join
from sakip_core.calc.period import check_triwulan
from sakip_core.db import Handle
from sakip_core.pk.versions import VERSION_JOIN, in_force
from sakip_core.settings import get_setting

CAPAIAN_COLUMNS = [
    "kode_opd",
    "kode_indikator",
    "level",
    "dilaporkan",
    "realisasi_sd",
    "target_sd",
    "capaian",
    "capaian_dibatasi",
    "kategori",
]


# What the ranking carries past `ind` (T is computed there): the materialised CTE stays narrow.
SCORE_INPUTS = [
    "tahun",
    "kode_opd",
    "kode_indikator",
    "polaritas",
    "agregasi",
    "bobot",
    "target_min",
    "target_max",
]


def capaian_expr(pol: str, t: str, r: str, lo: str, hi: str) -> str:
    """SQL for C before clamping (capaian.md sections 3-4): polaritas `pol`, T `t` (unused for
    rentang), R `r` and the band [`lo`, `hi`] of a rentang indicator."""
    return f"""CASE
           WHEN {pol} = 'positif' THEN
                CASE WHEN {t} > 0 THEN 100 * {r} / {t} ELSE 100 END
           WHEN {pol} = 'negatif' THEN
                CASE WHEN {t} > 0 THEN 100 * (2 * {t} - {r}) / {t}
                     WHEN {r} <= 0 THEN 100 ELSE 0 END
           WHEN {r} >= {lo} AND {r} <= {hi} THEN 100
           WHEN {r} < {lo} THEN
                CASE WHEN {lo} > 0 THEN 100 * {r} / {lo} ELSE 0 END
           ELSE 100 * (2 * {hi} - {r}) / {hi}
      END"""


# C before clamping for a reported indicator `i` with R = `r.r_sd`.
C_RAW = capaian_expr("i.polaritas", "i.t_sd", "r.r_sd", "i.target_min", "i.target_max")
# the quarter's own target (a CASE rather than DuckDB's list indexing: the same on both stores)
TARGET_TWQ = (
    "CASE p.q WHEN 1 THEN i.target_tw1 WHEN 2 THEN i.target_tw2 "
    "WHEN 3 THEN i.target_tw3 WHEN 4 THEN i.target_tw4 END"
)


# Σ of the quarters' values, added in quarter order: a float sum in table order would depend on
# where each engine keeps the rows (DuckDB and PostgreSQL differ), and a mean such as 71,745 then
# rounds to 71,74 on one and 71,75 on the other. NULL when no quarter has a value.
QUARTER_SUM = (
    "CASE WHEN count(r.realisasi) > 0 THEN "
    + " + ".join(
        f"coalesce(max(r.realisasi) FILTER (WHERE r.triwulan = {k}), 0)" for k in range(1, 5)
    )
    + " END"
)


def capaian_ctes(
    sfx: str = "",
    opd_filter: bool = False,
    opd_level_only: bool = False,
    with_previous: bool = False,
    realisasi: str = "realisasi",
) -> str:
    """CTEs `per{sfx}`, `ind{sfx}`, `real{sfx}`, `calc{sfx}`.

    The period is ($tahun{sfx}, $q{sfx}) with `which = 0`; `with_previous` adds
    ($tahun_p, $q_p) as `which = 1`, evaluated in the same pass over `realisasi` (the ranking's
    movement). `calc{sfx}` has one row per current indicator of the year and period with
    `dilaporkan`, `r_sd` (R), `t_sd` (T, NULL for rentang), `c` (C clamped at 0; NULL when not
    dilaporkan), `c_cap` (min(C, $cap)) and `target_nol`. `realisasi` names the table (or a
    parenthesised query with tahun, triwulan, kode_indikator, realisasi) the values come from.
    Few layers on purpose: DuckDB plans
    each CTE, and at 1M rows planning is a large part of a ranking's time.
    """
    periods = f"($tahun{sfx}, $q{sfx}, 0)" + (", ($tahun_p, $q_p, 1)" if with_previous else "")
    opd_clause = "AND i.kode_opd = ANY($opds)" if opd_filter else ""
    columns = f"i.*, {TARGET_TWQ} AS target_twq"
    if opd_level_only:  # the ranking needs only the PK of the OPD heads, and few columns
        opd_clause += " AND i.level = 'opd'"
        columns = ", ".join(f"i.{c}" for c in SCORE_INPUTS)
    return f"""
per{sfx}(tahun, q, which) AS (VALUES {periods}),
ind{sfx} AS (
    SELECT {columns}, p.q, p.which,
           CASE WHEN i.polaritas = 'rentang' THEN NULL
                ELSE coalesce({TARGET_TWQ}, CASE WHEN i.agregasi = 'kumulatif'
                                                THEN i.target * p.q / 4.0
                                                ELSE i.target END) END AS t_sd
    FROM indikator i JOIN per{sfx} p ON i.tahun = p.tahun
    {VERSION_JOIN}
    WHERE {in_force("p.q")} {opd_clause}
),
real{sfx} AS (
    -- R of the indicators reported at q (capaian.md sections 1-2); others get no row
    SELECT i.which, i.kode_indikator,
           CASE i.agregasi WHEN 'kumulatif' THEN {QUARTER_SUM}
                WHEN 'rata_rata' THEN {QUARTER_SUM} / count(r.realisasi)
                ELSE max(r.realisasi) FILTER (WHERE r.triwulan = i.q) END AS r_sd
    FROM ind{sfx} i JOIN {realisasi} r
      ON r.tahun = i.tahun AND r.kode_indikator = i.kode_indikator AND r.triwulan <= i.q
    GROUP BY i.which, i.kode_indikator, i.agregasi, i.q
    HAVING bool_or(r.triwulan = i.q)
),
calc{sfx} AS (
    -- CASE, not greatest/least: those skip NULLs, and a C that cannot be computed (e.g. a
    -- rentang without its upper bound) must stay NULL, not become 0 or $cap. C_RAW is written
    -- once (in the subquery): repeating it in each CASE made DuckDB's planning ~20 % slower.
    SELECT *, CASE WHEN c_raw < 0 THEN 0 ELSE c_raw END AS c,
           CASE WHEN c_raw < 0 THEN 0 WHEN c_raw > $cap THEN $cap ELSE c_raw END AS c_cap,
           polaritas <> 'rentang' AND t_sd = 0 AS target_nol
    FROM (SELECT i.*, r.r_sd IS NOT NULL AS dilaporkan, r.r_sd,
                 CASE WHEN r.r_sd IS NULL THEN NULL ELSE {C_RAW} END AS c_raw
          FROM ind{sfx} i LEFT JOIN real{sfx} r USING (which, kode_indikator)) AS calc_raw
)"""


def period_params(tahun: int, triwulan: int, sfx: str = "") -> dict[str, int]:
    check_triwulan(triwulan)
    return {f"tahun{sfx}": int(tahun), f"q{sfx}": int(triwulan)}


def rounded(expr: str, digits: int | None) -> str:
    """`round(expr, digits)` in SQL (half away from zero, as DuckDB does), or expr unchanged."""
    return expr if digits is None else f"round({expr}, {digits})"


def capaian_detail(
    handle: Handle,
    tahun: int,
    triwulan: int,
    opds: list[str] | None = None,
    digits: int | None = None,
) -> pd.DataFrame:
    """Every current indicator of the year with its inputs and C (for drill-down).

    Unrounded by default; `digits` rounds R, T, C and capped C in SQL.
    """
    params: dict[str, object] = {**period_params(tahun, triwulan), "cap": _cap(handle)}
    if opds is not None:
        params["opds"] = list(opds)
    sql = f"""
WITH {BANDS_CTE}, {capaian_ctes(opd_filter=opds is not None)}
SELECT c.kode_opd, c.kode_indikator, c.level, c.dilaporkan,
       {rounded("c.r_sd", digits)} AS realisasi_sd, {rounded("c.t_sd", digits)} AS target_sd,
       {rounded("c.c", digits)} AS capaian, {rounded("c.c_cap", digits)} AS capaian_dibatasi,
       k.label AS kategori, k.warna, c.target_nol,
       c.sasaran, c.indikator, c.satuan, c.polaritas, c.agregasi, c.target, c.target_min,
       c.target_max, c.target_twq, c.bobot, c.induk, c.iku, c.program
FROM calc c {band_join("k", "c.c")}
ORDER BY c.kode_opd, c.kode_indikator"""
    return handle.query_df(sql, params)


def capaian(
    handle: Handle, tahun: int, triwulan: int, opd: str | list[str] | None = None
) -> pd.DataFrame:
    """The `capaian` columns of formats.md, numbers rounded to 2 decimals."""
    opds = [opd] if isinstance(opd, str) else opd
    return capaian_detail(handle, tahun, triwulan, opds, digits=2)[CAPAIAN_COLUMNS]


def _cap(handle: Handle) -> float:
    return float(get_setting(handle, "cap"))
