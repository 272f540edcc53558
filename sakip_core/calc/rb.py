"""Reformasi Birokrasi: the Pemda index and the OPD rencana aksi progress (capaian.md section 9)."""

from __future__ import annotations

import pandas as pd

from sakip_core.calc.lke import predikat
from sakip_core.calc.period import check_bulan
from sakip_core.db import Handle

AREAS: list[str] = [
    "manajemen perubahan",
    "deregulasi kebijakan",
    "penataan organisasi",
    "tata laksana",
    "manajemen SDM aparatur",
    "akuntabilitas kinerja",
    "pengawasan",
    "pelayanan publik",
]


def rb_index(handle: Handle, tahun: int, kerangka: str) -> dict[str, object]:
    """Index = sum over leaf components of min(score, maximum); predikat as for LKE."""
    df = handle.query_df(
        """
WITH leaves AS (
    SELECT * FROM rb_komponen k WHERE kode_kerangka = $k
      AND NOT EXISTS (SELECT 1 FROM rb_komponen c
                      WHERE c.kode_kerangka = k.kode_kerangka AND c.induk = k.kode_komponen)
)
SELECT l.kode_komponen, l.nama, l.induk, l.maksimum, n.nilai,
       least(greatest(coalesce(n.nilai, 0), 0), l.maksimum) AS nilai_dihitung
FROM leaves l LEFT JOIN rb_nilai n
  ON n.kode_komponen = l.kode_komponen AND n.kode_kerangka = l.kode_kerangka AND n.tahun = $t
ORDER BY l.urutan, l.kode_komponen""",
        {"k": kerangka, "t": int(tahun)},
    )
    total = float(df["nilai_dihitung"].sum()) if not df.empty else 0.0
    return {"indeks": total, "predikat": predikat(total), "komponen": df}


def rb_item_progress(handle: Handle, tahun: int, bulan: int) -> pd.DataFrame:
    """Per OPD item: the latest report up to `bulan` and its progress (0 if none yet)."""
    check_bulan(bulan)
    return handle.query_df(
        """
WITH items AS (
    SELECT kode_opd, kode_aksi, arg_max(area, bulan) AS area,
           arg_max(rencana_aksi, bulan) AS rencana_aksi
    FROM rb_aksi WHERE tahun = $t GROUP BY kode_opd, kode_aksi
),
latest AS (
    SELECT kode_opd, kode_aksi, arg_max(target, bulan) AS target,
           arg_max(realisasi, bulan) AS realisasi, max(bulan) AS bulan_lapor
    FROM rb_aksi WHERE tahun = $t AND bulan <= $m GROUP BY kode_opd, kode_aksi
)
SELECT i.kode_opd, i.kode_aksi, i.area, i.rencana_aksi, l.target, l.realisasi, l.bulan_lapor,
       CASE WHEN l.realisasi IS NULL THEN 0.0
            WHEN l.target = 0 THEN 100.0
            ELSE least(100.0, 100.0 * l.realisasi / l.target) END AS progress
FROM items i LEFT JOIN latest l USING (kode_opd, kode_aksi)
ORDER BY i.kode_opd, i.kode_aksi""",
        {"t": int(tahun), "m": int(bulan)},
    )


def rb_opd_progress(handle: Handle, tahun: int, bulan: int) -> pd.DataFrame:
    """Every OPD's RB progress at `bulan`: the mean of its items' progress (0 with no items)."""
    check_bulan(bulan)
    items = rb_item_progress(handle, tahun, bulan)
    with handle.cursor() as conn:
        conn.register("items", items)
        return conn.execute(
            """
SELECT o.kode_opd, o.nama_opd, o.singkatan,
       coalesce(avg(i.progress), 0.0) AS progress, count(i.kode_aksi) AS jumlah_aksi
FROM opd o LEFT JOIN items i USING (kode_opd)
GROUP BY o.kode_opd, o.nama_opd, o.singkatan ORDER BY progress DESC NULLS LAST, o.kode_opd"""
        ).df()


def rb_area_heatmap(handle: Handle, tahun: int, bulan: int) -> pd.DataFrame:
    """Mean item progress per OPD x area of change (rows OPD, columns the 8 areas)."""
    items = rb_item_progress(handle, tahun, bulan)
    table = items.pivot_table(index="kode_opd", columns="area", values="progress", aggfunc="mean")
    return table.reindex(columns=[a for a in AREAS if a in table.columns])
