"""Budget absorption (serapan) and budget-vs-performance (capaian.md section 10)."""

from __future__ import annotations

import pandas as pd

from sakip_core.calc.period import check_bulan
from sakip_core.calc.ranking import ranking_detail
from sakip_core.db import Handle
from sakip_core.settings import get_setting


def serapan(handle: Handle, tahun: int, bulan: int) -> pd.DataFrame:
    """Per OPD: pagu, realisasi up to `bulan` and serapan in percent (NULL where pagu is 0).

    The pagu of a program at month m is the one on its latest row up to m (a revised budget,
    APBD Perubahan, replaces the earlier figure); the OPD pagu is the sum over its programs.
    """
    check_bulan(bulan)
    return handle.query_df(
        """
WITH upto AS (SELECT * FROM anggaran WHERE tahun = $t AND bulan <= $m),
pagu AS (
    SELECT kode_opd, sum(pagu) AS pagu FROM (
        SELECT kode_opd, program, arg_max(pagu, bulan) AS pagu FROM upto
        GROUP BY kode_opd, program
    ) AS per_program GROUP BY kode_opd
),
spent AS (SELECT kode_opd, sum(realisasi) AS realisasi FROM upto GROUP BY kode_opd)
SELECT p.kode_opd, o.nama_opd, o.singkatan, p.pagu, s.realisasi,
       CASE WHEN p.pagu > 0 THEN 100.0 * s.realisasi / p.pagu END AS serapan
FROM pagu p JOIN spent s USING (kode_opd) LEFT JOIN opd o USING (kode_opd)
ORDER BY serapan DESC NULLS LAST, p.kode_opd""",
        {"t": int(tahun), "m": int(bulan)},
    )


def budget_vs_performance(handle: Handle, tahun: int, triwulan: int) -> pd.DataFrame:
    """Skor at the quarter beside serapan at its last month, the gap and the
    "serapan tinggi, capaian rendah" flag."""
    rank = ranking_detail(handle, tahun, triwulan)[["kode_opd", "nama_opd", "skor", "kategori"]]
    spend = serapan(handle, tahun, 3 * triwulan)[["kode_opd", "pagu", "realisasi", "serapan"]]
    df = rank.merge(spend, on="kode_opd", how="left")
    df["gap"] = df["skor"] - df["serapan"]
    high = float(get_setting(handle, "serapan_tinggi"))
    low = float(get_setting(handle, "skor_rendah"))
    df["serapan_tinggi_capaian_rendah"] = (df["serapan"] >= high) & (df["skor"] < low)
    return df
