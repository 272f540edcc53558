"""Each official's own results (issue 12, point 7): capaian.md section 5 per jabatan.

A jabatan's skor, capaian_rata2 and kepatuhan are the OPD formulas applied to the indicators
it owns (every level; the owner as `sakip_core.pk.jabatan` defines it) in the PK in force at
the quarter; a jabatan owning none is absent. The ranking is the competition ranking on
round(skor, 2) inside one OPD, for the head's weekly staff meeting.
"""

from __future__ import annotations

import pandas as pd

from sakip_core.calc.bands import band_case
from sakip_core.calc.capaian import capaian_ctes, period_params, rounded
from sakip_core.calc.ranking import _cap_and_bands, frame_with_int64
from sakip_core.db import Handle
from sakip_core.pk.jabatan import OWNER_CTES, owner_expr, owner_join

RANKING_JABATAN_COLUMNS = [
    "peringkat",
    "kode_jabatan",
    "nama_jabatan",
    "nama_pejabat",
    "jenjang",
    "skor",
    "capaian_rata2",
    "kepatuhan",
    "jumlah_indikator",
    "jumlah_dilaporkan",
    "kategori",
]
TREND_COLUMNS = [
    "triwulan",
    "skor",
    "capaian_rata2",
    "kepatuhan",
    "jumlah_indikator",
    "jumlah_dilaporkan",
    "kategori",
    "peringkat",
]


def _sql(kategori: str, digits: int | None) -> str:
    return f"""
WITH {capaian_ctes(opd_filter=True)}, {OWNER_CTES},
milik AS (
    SELECT {owner_expr("c")} AS kode_jabatan, c.bobot, c.c_cap, c.dilaporkan
    FROM calc c {owner_join("c")}
),
skor AS (
    SELECT m.kode_jabatan,
           sum(m.bobot * coalesce(m.c_cap, 0)) / sum(m.bobot) AS skor,
           sum(m.bobot * m.c_cap) FILTER (WHERE m.dilaporkan)
               / sum(m.bobot) FILTER (WHERE m.dilaporkan) AS capaian_rata2,
           100.0 * CAST(count(*) FILTER (WHERE m.dilaporkan) AS DOUBLE) / count(*) AS kepatuhan,
           count(*) AS jumlah_indikator,
           count(*) FILTER (WHERE m.dilaporkan) AS jumlah_dilaporkan
    FROM milik m JOIN jabatan j ON j.kode_jabatan = m.kode_jabatan AND j.kode_opd = $opd
    GROUP BY m.kode_jabatan
)
SELECT rank() OVER (ORDER BY round(a.skor, 2) DESC NULLS LAST) AS peringkat, a.kode_jabatan,
       j.nama_jabatan, j.nama_pejabat, j.jenjang,
       {rounded("a.skor", digits)} AS skor,
       {rounded("a.capaian_rata2", digits)} AS capaian_rata2,
       {rounded("a.kepatuhan", digits)} AS kepatuhan,
       a.jumlah_indikator, a.jumlah_dilaporkan, {kategori} AS kategori
FROM skor a JOIN jabatan j USING (kode_jabatan)
ORDER BY peringkat, a.kode_jabatan"""


def jabatan_ranking(
    handle: Handle, tahun: int, triwulan: int, kode_opd: str, digits: int | None = 2
) -> pd.DataFrame:
    """The `ranking-jabatan` columns for the jabatan of one OPD at (tahun, triwulan)."""
    cap, bands = _cap_and_bands(handle)
    kategori, band_params = band_case("a.skor", bands)
    params = {
        **period_params(tahun, triwulan),
        "cap": cap,
        "opds": [kode_opd],
        "opd": kode_opd,
        **band_params,
    }
    with handle.cursor() as conn:
        columns = conn.execute(_sql(kategori, digits), params).fetchnumpy()
    if not columns:
        return pd.DataFrame(columns=RANKING_JABATAN_COLUMNS)
    return frame_with_int64(columns, ("peringkat", "jumlah_indikator", "jumlah_dilaporkan"))


def jabatan_trend(handle: Handle, tahun: int, kode_jabatan: str) -> pd.DataFrame:
    """Quarter by quarter: the jabatan's figures and its rank inside its OPD."""
    found = handle.query_df("SELECT kode_opd FROM jabatan WHERE kode_jabatan = ?", [kode_jabatan])
    if found.empty:
        return pd.DataFrame(columns=TREND_COLUMNS)
    kode_opd = str(found["kode_opd"].iloc[0])
    rows = []
    for q in (1, 2, 3, 4):
        df = jabatan_ranking(handle, tahun, q, kode_opd)
        hit = df[df["kode_jabatan"] == kode_jabatan]
        if not hit.empty:
            rows.append({"triwulan": q, **hit.iloc[0][TREND_COLUMNS[1:]].to_dict()})
    return pd.DataFrame(rows, columns=TREND_COLUMNS)
