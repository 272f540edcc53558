"""OPD skor, capaian_rata2, kepatuhan and peringkat with movement (capaian.md sections 5-7)."""

from __future__ import annotations

import pandas as pd

from sakip_core.calc.bands import BANDS_CTE, band_join
from sakip_core.calc.capaian import _cap, capaian_ctes, period_params, rounded
from sakip_core.calc.period import previous_quarter
from sakip_core.db import Handle

RANKING_COLUMNS = [
    "peringkat",
    "kode_opd",
    "nama_opd",
    "skor",
    "capaian_rata2",
    "kepatuhan",
    "jumlah_indikator",
    "jumlah_dilaporkan",
    "kategori",
    "peringkat_sebelumnya",
    "perubahan",
]


def scores_ctes() -> str:
    """CTEs `skor` (OPD figures) and `peringkat` (competition ranking) for both periods.

    Only `level = 'opd'` indicators count; an OPD with none is absent, hence not ranked.
    Not-reported indicators count 0 in skor and are left out of capaian_rata2. Rows carry
    `which` (0 = the asked period, 1 = the previous one) and `period_has_reports`.
    """
    return f"""{capaian_ctes(opd_level_only=True, with_previous=True)},
skor AS (
    SELECT which, kode_opd,
           sum(bobot * coalesce(c_cap, 0)) / sum(bobot) AS skor,
           sum(bobot * c_cap) FILTER (WHERE dilaporkan)
               / sum(bobot) FILTER (WHERE dilaporkan) AS capaian_rata2,
           100.0 * count(*) FILTER (WHERE dilaporkan) / count(*) AS kepatuhan,
           count(*) AS jumlah_indikator,
           count(*) FILTER (WHERE dilaporkan) AS jumlah_dilaporkan,
           bool_or(bool_or(dilaporkan)) OVER (PARTITION BY which) AS period_has_reports
    FROM calc
    GROUP BY which, kode_opd
),
peringkat AS (
    SELECT *, rank() OVER (PARTITION BY which ORDER BY round(skor, 2) DESC) AS peringkat
    FROM skor
),
gerak AS (
    -- the asked period's rows, each with its rank in the previous period (if that had reports)
    SELECT *, max(peringkat) FILTER (WHERE which = 1 AND period_has_reports)
                  OVER (PARTITION BY kode_opd) AS peringkat_sebelumnya
    FROM peringkat
    QUALIFY which = 0
)"""


def ranking_detail(
    handle: Handle,
    tahun: int,
    triwulan: int,
    digits: int | None = None,
    extra: bool = True,
) -> pd.DataFrame:
    """The ranking with extra columns for pages (singkatan, jenis, warna), in rank order.

    The previous period "has a ranking" only if at least one OPD-level realisation was reported
    in it; otherwise everybody would tie at 1 with skor 0 and the movement would be noise.
    `extra=False` gives exactly the `ranking` columns.
    """
    prev_tahun, prev_q = previous_quarter(tahun, triwulan)
    params = {
        **period_params(tahun, triwulan),
        **period_params(prev_tahun, prev_q, "_p"),  # the previous period of `with_previous`
        "cap": _cap(handle),
    }
    sql = f"""
WITH {BANDS_CTE}, {scores_ctes()}
SELECT r.peringkat, r.kode_opd, o.nama_opd,
       {rounded("r.skor", digits)} AS skor,
       {rounded("r.capaian_rata2", digits)} AS capaian_rata2,
       {rounded("r.kepatuhan", digits)} AS kepatuhan,
       r.jumlah_indikator, r.jumlah_dilaporkan, k.label AS kategori,
       r.peringkat_sebelumnya,
       r.peringkat_sebelumnya - r.peringkat AS perubahan
       {", k.warna, o.singkatan, o.jenis" if extra else ""}
FROM gerak r
LEFT JOIN opd o ON o.kode_opd = r.kode_opd
{band_join("k", "r.skor")}
ORDER BY r.peringkat, r.kode_opd"""
    df = handle.query_df(sql, params)
    return df.astype({c: "Int64" for c in ("peringkat", "peringkat_sebelumnya", "perubahan")})


def ranking(handle: Handle, tahun: int, triwulan: int) -> pd.DataFrame:
    """The `ranking` columns of formats.md, numbers rounded to 2 decimals."""
    return ranking_detail(handle, tahun, triwulan, digits=2, extra=False)
