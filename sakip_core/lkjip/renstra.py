"""The Renstra (RPJMD for PEMDA) row of an indicator for a year, and the Renstra listing.

An indicator of year Y links to the Renstra row with the same (kode_opd, kode_indikator) whose
period [tahun_awal, tahun_akhir] holds Y; where two periods overlap (a Renstra revised from a
later year), the one that starts last applies.
"""

from __future__ import annotations

import pandas as pd

from sakip_core.access import require_opd
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.io.schema import DATASETS

# the target for `year` (a CASE rather than DuckDB list indexing: the same on both stores)
YEARLY_TARGET = (
    "CASE {year} - tahun_awal + 1 WHEN 1 THEN target_1 WHEN 2 THEN target_2 "
    "WHEN 3 THEN target_3 WHEN 4 THEN target_4 WHEN 5 THEN target_5 END"
)


def renstra_cte(name: str = "rs", year: str = "$tahun") -> str:
    """CTE `name`: the Renstra rows in force in `year`, with `target_tahun` (the period's
    target for that year, when given)."""
    return f"""
{name} AS (
    SELECT DISTINCT ON (kode_opd, kode_indikator) *,
           {YEARLY_TARGET.format(year=year)} AS target_tahun
    FROM renstra
    WHERE {year} BETWEEN tahun_awal AND tahun_akhir
    ORDER BY kode_opd, kode_indikator, tahun_awal DESC NULLS LAST
)"""


def renstra_rows(handle: Handle, actor: Actor, unit: str) -> pd.DataFrame:
    """Every stored Renstra row of a unit (kode_opd or PEMDA), in the dataset's columns."""
    require_opd(actor, unit)
    cols = ", ".join(DATASETS["renstra"].names)
    return handle.query_df(
        f"SELECT {cols} FROM renstra WHERE kode_opd = ? ORDER BY tahun_awal, kode_indikator",
        [unit],
    )
