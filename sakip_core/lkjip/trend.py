"""An indicator across years (issue 13, point 7): the yearly results (R at quarter 4) of the two
previous years, the quarters of the current year, and its Renstra targets.

Quarters with a zero target and a zero realisation are left out (see `_not_measured`)."""

from __future__ import annotations

import pandas as pd

from sakip_core.access import require_opd
from sakip_core.auth import Actor
from sakip_core.calc.capaian import capaian_detail
from sakip_core.db import Handle
from sakip_core.lkjip.renstra import renstra_cte

TREND_COLUMNS = ["periode", "jenis", "tahun", "triwulan", "realisasi", "target", "capaian"]


def indicator_trend(handle: Handle, actor: Actor, tahun: int, kode_opd: str, kode: str
                    ) -> tuple[pd.DataFrame, dict[str, float | None]]:  # fmt: skip
    """(points in time order, Renstra {'target_akhir', 'target_tahun', 'tahun_akhir'} or {})."""
    require_opd(actor, kode_opd)
    points = [(tahun - 2, 4, "tahunan"), (tahun - 1, 4, "tahunan")]
    points += [(tahun, q, "triwulan") for q in (1, 2, 3, 4)]
    rows = []
    for t, q, jenis in points:
        d = capaian_detail(handle, t, q, [kode_opd])
        d = d[(d["kode_indikator"] == kode) & d["dilaporkan"]]
        if d.empty or _not_measured(d.iloc[0]):
            continue
        x = d.iloc[0]
        label = str(t) if jenis == "tahunan" else f"TW{q} {t}"
        rows.append([label, jenis, t, q, x["realisasi_sd"], x["target_sd"], x["capaian"]])
    df = pd.DataFrame(rows, columns=TREND_COLUMNS)
    rs = handle.query_df(
        f"WITH {renstra_cte()} SELECT target_akhir, target_tahun, tahun_akhir FROM rs "
        "WHERE kode_opd = $opd AND kode_indikator = $kode",
        {"tahun": int(tahun), "opd": kode_opd, "kode": kode},
    )
    renstra = {} if rs.empty else {k: _num(v) for k, v in rs.iloc[0].items()}
    return df, renstra


def _not_measured(row: pd.Series) -> bool:
    """A quarter whose target and realisation are both 0: the indicator is yearly (a nilai
    SAKIP, an index) and this quarter plans nothing; a point at 0 would read as a collapse."""
    return row["target_sd"] == 0 and row["realisasi_sd"] == 0


def _num(v: object) -> float | None:
    return None if v is None or pd.isna(v) else float(v)
