"""Chart data and data completeness for the explorer (all aggregation in DuckDB SQL).

Every function takes the acting user and the `Filters`; the operator's OPD restriction and the
filters are applied in the query through `sakip_core.explorer.filtered_sql`.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from sakip_core.access import narrow
from sakip_core.auth import Actor
from sakip_core.calc.bands import BANDS_CTE, band_join
from sakip_core.calc.capaian import _cap, capaian_ctes, period_params
from sakip_core.calc.ranking import ranking_detail
from sakip_core.db import DUCKDB_CONFIG, Handle
from sakip_core.explorer import Filters, filtered_sql, indicators
from sakip_core.settings import get_setting

BELUM_LAPOR = "Belum lapor"


def _local(frames: dict[str, pd.DataFrame], sql: str) -> pd.DataFrame:
    """Run SQL over in-memory frames (a private in-memory DuckDB, not the database file)."""
    con = duckdb.connect(config=DUCKDB_CONFIG)
    try:
        for name, df in frames.items():
            con.register(name, df)
        return con.execute(sql).df()
    finally:
        con.close()


def distribution_from(table: pd.DataFrame, bands: pd.DataFrame) -> pd.DataFrame:
    """Number of indicators per kategori of an `indicators` table (band order, highest first),
    then "Belum lapor"; `bands` is the skala_kategori table."""
    return _local(
        {"t": table[["kategori", "warna"]], "skala_kategori": bands},
        f"""SELECT coalesce(t.kategori, '{BELUM_LAPOR}') AS kategori,
       coalesce(any_value(t.warna), '#9e9e9e') AS warna, count(*) AS jumlah
FROM t LEFT JOIN skala_kategori s ON s.label = t.kategori
GROUP BY 1 ORDER BY max(s.batas_bawah) DESC NULLS LAST, 1""",
    )


def per_sasaran_from(table: pd.DataFrame, bands: pd.DataFrame) -> pd.DataFrame:
    """Mean capaian (reported indicators) per sasaran of an `indicators` table, with counts and
    the kategori of the mean; `bands` is the skala_kategori table."""
    return _local(
        {"t": table[["sasaran", "capaian", "dilaporkan"]], "skala_kategori": bands},
        f"""WITH {BANDS_CTE},
agg AS (
    SELECT sasaran, avg(capaian) AS capaian, count(*) AS jumlah,
           count(*) FILTER (WHERE dilaporkan) AS dilaporkan
    FROM t GROUP BY sasaran
)
SELECT a.sasaran, round(a.capaian, 2) AS capaian, a.jumlah, a.dilaporkan,
       k.label AS kategori, k.warna
FROM agg a {band_join("k", "a.capaian")}
ORDER BY a.capaian DESC NULLS LAST, a.sasaran""",
    )


def bands(handle: Handle) -> pd.DataFrame:
    return handle.query_df("SELECT batas_bawah, label, warna FROM skala_kategori")


def distribution(handle: Handle, actor: Actor, filters: Filters) -> pd.DataFrame:
    """Number of filtered indicators per kategori, plus "Belum lapor"."""
    return distribution_from(indicators(handle, actor, filters), bands(handle))


def per_sasaran(handle: Handle, actor: Actor, filters: Filters) -> pd.DataFrame:
    """Mean capaian (reported indicators) per sasaran of the filtered indicators."""
    return per_sasaran_from(indicators(handle, actor, filters), bands(handle))


def opd_trend(
    handle: Handle, actor: Actor, filters: Filters, periods: list[tuple[int, int]]
) -> pd.DataFrame:
    """OPD skor at each period (years and quarters), for the OPDs in the filter and scope."""
    rankings = {p: ranking_detail(handle, p[0], p[1], digits=2) for p in periods}
    return trend_frame(rankings, narrow(actor, list(filters.opd) or None))


def trend_frame(
    rankings: dict[tuple[int, int], pd.DataFrame], opds: list[str] | None
) -> pd.DataFrame:
    """Stack per-period rankings (ranking_detail) into kode_opd, singkatan, nama_opd, skor,
    periode ("2026-TW3"), keeping only `opds` (None: all)."""
    frames = []
    for (tahun, q), df in rankings.items():
        if opds is not None:
            df = df[df["kode_opd"].isin(opds)]
        cols = df[["kode_opd", "singkatan", "nama_opd", "skor"]]
        frames.append(cols.assign(periode=f"{tahun}-TW{q}"))
    if not frames:
        return pd.DataFrame(columns=["kode_opd", "singkatan", "nama_opd", "skor", "periode"])
    return pd.concat(frames, ignore_index=True)


def cascade(handle: Handle, actor: Actor, tahun: int, triwulan: int, root: str) -> pd.DataFrame:
    """The pohon kinerja below `root` (an indicator code, or an OPD code for all its OPD-level
    indicators): id, parent ("" for the top), label, level, capaian, kategori, warna."""
    opd_df = handle.query_df(
        "SELECT DISTINCT kode_opd FROM indikator WHERE aktif AND tahun = $t "
        "AND (kode_indikator = $r OR kode_opd = $r)",
        {"t": int(tahun), "r": root},
    )
    scope = narrow(actor, opd_df["kode_opd"].tolist())
    params = {**period_params(tahun, triwulan), "cap": _cap(handle), "opds": scope, "root": root}
    return handle.query_df(
        f"""WITH RECURSIVE {BANDS_CTE}, {capaian_ctes(opd_filter=True)},
pohon AS (
    SELECT kode_indikator, CASE WHEN kode_opd = $root THEN $root ELSE '' END AS parent,
           1 AS depth
    FROM calc
    WHERE kode_indikator = $root OR (kode_opd = $root AND level IN ('opd', 'pemda'))
    UNION ALL
    SELECT c.kode_indikator, c.induk, p.depth + 1
    FROM calc c JOIN pohon p ON c.induk = p.kode_indikator
    WHERE p.depth < 10
)
SELECT p.kode_indikator AS id, p.parent, c.indikator AS label, c.level,
       round(c.c, 2) AS capaian, k.label AS kategori, coalesce(k.warna, '#9e9e9e') AS warna
FROM pohon p JOIN calc c USING (kode_indikator) {band_join("k", "c.c")}
UNION ALL
SELECT kode_opd, '', coalesce(singkatan, nama_opd), 'opd', NULL, NULL, '#9e9e9e'
FROM opd WHERE kode_opd = $root AND kode_opd = ANY($opds)
ORDER BY 1""",
        params,
    )


def deadline(handle: Handle, tahun: int, triwulan: int) -> datetime:
    """`kunci_triwulan.batas_waktu`, else day `hari_batas_lapor` of the month after the quarter."""
    df = handle.query_df(
        "SELECT batas_waktu FROM kunci_triwulan WHERE tahun = $t AND triwulan = $q "
        "AND batas_waktu IS NOT NULL ORDER BY id DESC LIMIT 1",
        {"t": int(tahun), "q": int(triwulan)},
    )
    if not df.empty:
        return pd.Timestamp(df["batas_waktu"].iloc[0]).to_pydatetime()
    day = int(get_setting(handle, "hari_batas_lapor"))
    year, month = (tahun + 1, 1) if triwulan == 4 else (tahun, 3 * triwulan + 1)
    return datetime(year, month, day, 23, 59)


def completeness(handle: Handle, actor: Actor, filters: Filters, now: datetime) -> pd.DataFrame:
    """Filtered indicators not reported for the quarter: OPD, indicator, days late against the
    deadline (0 before it), and the active operator account(s) of the OPD to contact."""
    prefix, params = filtered_sql(actor, filters, handle)
    params = {**params, "batas": deadline(handle, filters.tahun, filters.triwulan), "now": now}
    return handle.query_df(
        f"""{prefix},
operator AS (
    SELECT kode_opd, string_agg(nama_pengguna, ', ' ORDER BY nama_pengguna) AS operator
    FROM pengguna WHERE peran = 'operator' AND aktif GROUP BY kode_opd
)
SELECT h.kode_opd, coalesce(h.singkatan, h.nama_opd) AS nama_opd, h.kode_indikator,
       h.indikator, h.level, $batas::TIMESTAMP AS batas_waktu,
       greatest(CAST($now AS DATE) - CAST($batas AS DATE), 0) AS hari_terlambat,
       o.operator
FROM hit h LEFT JOIN operator o USING (kode_opd)
WHERE NOT h.dilaporkan
ORDER BY h.kode_opd, h.kode_indikator""",
        params,
    )


def completeness_summary(detail: pd.DataFrame, jumlah: pd.DataFrame) -> pd.DataFrame:
    """Per OPD: indicators not reported out of those filtered; `jumlah` has kode_opd, jumlah."""
    belum = detail.groupby("kode_opd", as_index=False).agg(
        nama_opd=("nama_opd", "first"),
        belum_lapor=("kode_indikator", "size"),
        hari_terlambat=("hari_terlambat", "max"),
        operator=("operator", "first"),
    )
    out = belum.merge(jumlah, on="kode_opd", how="left")
    out["persen_belum"] = (100.0 * out["belum_lapor"] / out["jumlah"]).round(2)
    return out.sort_values(["belum_lapor", "kode_opd"], ascending=[False, True], ignore_index=True)
