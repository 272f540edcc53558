"""Drill-down into one OPD for the Rapim: indicators with the formula, quarterly trend, budget."""

from __future__ import annotations

import pandas as pd

from sakip_core.access import require_opd
from sakip_core.auth import Actor
from sakip_core.calc.anggaran import serapan
from sakip_core.calc.capaian import capaian_detail
from sakip_core.calc.period import check_triwulan
from sakip_core.db import Handle
from sakip_core.explain import explain_capaian, explain_inputs
from sakip_core.lkjip.reasons import stated_reasons
from sakip_core.lkjip.trend import indicator_trend
from sakip_core.rapim.board import scope, tren
from sakip_core.settings import get_setting


def indikator_opd(
    h: Handle, actor: Actor, tahun: int, triwulan: int, kode_opd: str, semua_level: bool = False
) -> pd.DataFrame:
    """The OPD's indicators (level opd unless `semua_level`) with target/realisasi s.d. triwulan,
    capaian, kategori and the formula text (`rumus`) and its inputs (`asal_angka`)."""
    df = _opd_level(h, actor, tahun, triwulan, kode_opd, semua_level)
    cap = float(get_setting(h, "cap"))
    rows = df.to_dict("records")
    df = df.assign(
        rumus=[explain_capaian(r, cap) for r in rows],
        asal_angka=[explain_inputs(r) for r in rows],
    )
    return df.reset_index(drop=True)


def _opd_level(
    h: Handle, actor: Actor, tahun: int, triwulan: int, kode_opd: str, semua_level: bool = False
) -> pd.DataFrame:
    """The OPD's capaian rows of the quarter (level opd unless `semua_level`), access checked."""
    scope(actor)
    require_opd(actor, kode_opd)
    check_triwulan(triwulan)
    df = capaian_detail(h, tahun, triwulan, opds=[kode_opd])
    return df if semua_level else df[df["level"] == "opd"]


def faktor_opd(h: Handle, actor: Actor, tahun: int, triwulan: int, kode_opd: str) -> pd.DataFrame:
    """The OPD's indicators of the quarter that carry a faktor pendukung, penghambat or
    tindak lanjut: indikator, capaian, kategori and the three texts."""
    ind = _opd_level(h, actor, tahun, triwulan, kode_opd)  # no formula texts needed here
    why = stated_reasons(h, tahun, triwulan, ind["kode_indikator"].tolist())
    cols = ["kode_indikator", "indikator", "capaian", "kategori"]
    return ind[cols].merge(why, on="kode_indikator").reset_index(drop=True)


def tren_indikator(
    h: Handle, actor: Actor, tahun: int, kode_opd: str, kode: str
) -> tuple[pd.DataFrame, dict[str, float | None]]:
    """One indicator across years (see `lkjip.trend.indicator_trend`), Rapim access rule."""
    scope(actor)
    return indicator_trend(h, actor, tahun, kode_opd, kode)


def tren_opd(h: Handle, actor: Actor, tahun: int, kode_opd: str) -> pd.DataFrame:
    """skor and peringkat of one OPD at each reported quarter of the year."""
    scope(actor)
    require_opd(actor, kode_opd)
    return tren(h, actor, tahun, [kode_opd])


def anggaran_opd(h: Handle, actor: Actor, tahun: int, triwulan: int, kode_opd: str) -> pd.DataFrame:
    """Month by month up to the quarter's last month: pagu, realisasi s.d. bulan, serapan."""
    scope(actor)
    require_opd(actor, kode_opd)
    check_triwulan(triwulan)
    rows = []
    for bulan in range(1, 3 * triwulan + 1):
        df = serapan(h, tahun, bulan)
        own = df[df["kode_opd"] == kode_opd]
        if not own.empty:
            r = own.iloc[0]
            rows.append(
                {
                    "bulan": bulan,
                    "pagu": r["pagu"],
                    "realisasi": r["realisasi"],
                    "serapan": r["serapan"],
                }
            )
    return pd.DataFrame(rows, columns=["bulan", "pagu", "realisasi", "serapan"])
