"""OPD skor, capaian_rata2, kepatuhan and peringkat with movement (capaian.md sections 5-7)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from sakip_core.calc.bands import band_case
from sakip_core.calc.capaian import capaian_ctes, period_params, rounded
from sakip_core.calc.period import previous_quarter
from sakip_core.db import Handle
from sakip_core.settings import DEFAULT_SETTINGS

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
           100.0 * CAST(count(*) FILTER (WHERE dilaporkan) AS DOUBLE) / count(*) AS kepatuhan,
           count(*) AS jumlah_indikator,
           count(*) FILTER (WHERE dilaporkan) AS jumlah_dilaporkan,
           bool_or(bool_or(dilaporkan)) OVER (PARTITION BY which) AS period_has_reports
    FROM calc
    GROUP BY which, kode_opd
),
peringkat AS (
    SELECT *, rank() OVER (PARTITION BY which ORDER BY round(skor, 2) DESC NULLS LAST) AS peringkat
    FROM skor
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
    cap, bands = _cap_and_bands(handle)
    kategori, band_params = band_case("a.skor", bands)
    warna, warna_params = band_case("a.skor", bands, "warna")
    params = {
        **period_params(tahun, triwulan),
        **period_params(prev_tahun, prev_q, "_p"),  # the previous period of `with_previous`
        "cap": cap,
        **band_params,
        **(warna_params if extra else {}),
    }
    sql = f"""
WITH {scores_ctes()}
SELECT a.peringkat, a.kode_opd, o.nama_opd,
       {rounded("a.skor", digits)} AS skor,
       {rounded("a.capaian_rata2", digits)} AS capaian_rata2,
       {rounded("a.kepatuhan", digits)} AS kepatuhan,
       a.jumlah_indikator, a.jumlah_dilaporkan, {kategori} AS kategori,
       b.peringkat AS peringkat_sebelumnya,
       b.peringkat - a.peringkat AS perubahan
       {f", {warna} AS warna, o.singkatan, o.jenis" if extra else ""}
FROM peringkat a
LEFT JOIN peringkat b ON b.which = 1 AND b.kode_opd = a.kode_opd AND b.period_has_reports
LEFT JOIN opd o ON o.kode_opd = a.kode_opd
WHERE a.which = 0
ORDER BY a.peringkat, a.kode_opd"""
    with handle.cursor() as conn:
        columns = conn.execute(sql, params).fetchnumpy()
    return frame_with_int64(columns, ("peringkat", "peringkat_sebelumnya", "perubahan"))


def _cap_and_bands(handle: Handle) -> tuple[float, list[tuple[float, str, str]]]:
    """The cap setting and the band table in one cheap round trip (the ranking's other inputs).

    A plain UNION ALL: scalar subqueries or list aggregates here cost more than the ~1 ms query.
    """
    with handle.cursor() as conn:
        rows = conn.execute(
            """SELECT batas_bawah, label, warna FROM skala_kategori
               UNION ALL SELECT NULL, nilai, NULL FROM pengaturan WHERE kunci = 'cap'"""
        ).fetchall()
    caps = [json.loads(label) for lo, label, _ in rows if lo is None]
    cap = caps[0] if caps else DEFAULT_SETTINGS["cap"]
    bands = [(float(lo), str(label), str(warna)) for lo, label, warna in rows if lo is not None]
    return float(cap), bands


def frame_with_int64(columns: dict[str, np.ndarray], ints: tuple[str, ...]) -> pd.DataFrame:
    """A DataFrame from DuckDB's `fetchnumpy()`, the `ints` columns as pandas Int64 (NULL = NA).

    Built once from arrays: `.df()` then `astype("Int64")` or column assignments cost 1-3 ms,
    a tenth of the whole ranking at 1M rows.
    """
    data: dict[str, object] = {}
    for name, values in columns.items():
        if name in ints:
            mask = np.ma.getmaskarray(values)
            values = pd.arrays.IntegerArray(np.ma.getdata(values).astype("int64"), mask)
        data[name] = values
    return pd.DataFrame(data)


def ranking(handle: Handle, tahun: int, triwulan: int) -> pd.DataFrame:
    """The `ranking` columns of formats.md, numbers rounded to 2 decimals."""
    return ranking_detail(handle, tahun, triwulan, digits=2, extra=False)
