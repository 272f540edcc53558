"""The other Rapim rankings: LKE internal, RB progress, serapan, and the Indeks Kinerja OPD.

Indeks Kinerja OPD (issue 3, point 3), for (tahun, triwulan):
- components, each on a 0..100 scale:
  `capaian_pk`  = the OPD's skor at the quarter, limited to 100 (skor itself runs to the cap, 120);
  `nilai_sakip` = the OPD's LKE total for the year (internal evaluation, `sakip_totals`);
  `progress_rb` = the OPD's RB rencana aksi progress at the quarter's last month (3 × triwulan);
- weights from the setting `bobot_indeks_kinerja` (admin); a component with no data for the OPD
  counts 0 (and is flagged `ada_<komponen>` = False), like a not-reported indicator in the skor;
- indeks = Σ bobot_k × nilai_k / Σ bobot_k; kontribusi_k = bobot_k × nilai_k / Σ bobot_k, so the
  contributions add up to the indeks exactly (the decomposition shown on the page);
- the OPDs are those of the leaderboard (OPDs with PK indicators for the year); ranked by the
  indeks rounded to 2 decimals, competition ranking, ties by kode_opd.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from sakip_core.auth import Actor
from sakip_core.calc.anggaran import serapan
from sakip_core.calc.lke import sakip_totals
from sakip_core.calc.period import check_triwulan
from sakip_core.calc.ranking import ranking_detail
from sakip_core.calc.rb import rb_area_heatmap, rb_opd_progress
from sakip_core.db import Handle
from sakip_core.rapim.board import label, only, scope
from sakip_core.settings import DEFAULT_SETTINGS, get_setting

KOMPONEN: dict[str, str] = {
    "capaian_pk": "Capaian PK",
    "nilai_sakip": "Nilai SAKIP OPD",
    "progress_rb": "Progress RB",
}


def weights(h: Handle) -> dict[str, float]:
    """The component weights; a broken setting falls back to the default (50/30/20)."""
    raw = get_setting(h, "bobot_indeks_kinerja")
    default = DEFAULT_SETTINGS["bobot_indeks_kinerja"]
    try:
        out = {k: float(raw.get(k, 0)) for k in KOMPONEN}
    except (AttributeError, TypeError, ValueError):
        out = {k: float(v) for k, v in default.items()}
    if any(not math.isfinite(v) or v < 0 for v in out.values()) or sum(out.values()) <= 0:
        out = {k: float(v) for k, v in default.items()}
    return out


def cap_setting(h: Handle) -> float:
    """The capaian cap (setting `cap`, default 120) shown in the page's caption."""
    return float(get_setting(h, "cap"))


def _rank(values: pd.Series) -> pd.Series:
    return values.round(2).rank(method="min", ascending=False).astype("Int64")


def _ordered(df: pd.DataFrame, value: str) -> pd.DataFrame:
    df = df.copy()
    df["peringkat"] = _rank(df[value].fillna(-1.0))
    return df.sort_values(["peringkat", "kode_opd"]).reset_index(drop=True)


def _components(h: Handle, tahun: int, triwulan: int) -> pd.DataFrame:
    board = ranking_detail(h, tahun, triwulan)[["kode_opd", "nama_opd", "singkatan", "skor"]]
    lke = sakip_totals(h, tahun).rename(columns={"kode_unit": "kode_opd", "nilai": "lke"})
    rb = rb_opd_progress(h, tahun, 3 * triwulan)
    rb = rb[rb["jumlah_aksi"] > 0][["kode_opd", "progress"]]
    df = board.merge(lke[["kode_opd", "lke"]], on="kode_opd", how="left")
    return df.merge(rb, on="kode_opd", how="left")


def indeks_kinerja(h: Handle, actor: Actor, tahun: int, triwulan: int) -> pd.DataFrame:
    """One row per OPD: nilai_<k>, ada_<k>, kontribusi_<k> per component, indeks, peringkat."""
    check_triwulan(triwulan)
    opds = scope(actor)
    w = weights(h)
    total_w = sum(w.values())
    df = _components(h, tahun, triwulan)
    source = {"capaian_pk": df["skor"].clip(upper=100), "nilai_sakip": df["lke"]}
    source["progress_rb"] = df["progress"]
    for k, values in source.items():
        df[f"ada_{k}"] = values.notna()
        df[f"nilai_{k}"] = values.fillna(0.0).astype("float64")
        df[f"bobot_{k}"] = w[k]
        df[f"kontribusi_{k}"] = w[k] * df[f"nilai_{k}"] / total_w
    df["indeks"] = sum(df[f"kontribusi_{k}"] for k in KOMPONEN)
    df["label"] = [label(n, s) for n, s in zip(df["nama_opd"], df["singkatan"], strict=True)]
    return only(_ordered(df.drop(columns=["skor", "lke", "progress"]), "indeks"), opds)


def lke_ranking(h: Handle, actor: Actor, tahun: int) -> pd.DataFrame:
    """Internal SAKIP evaluation per OPD: LKE total `nilai`, predikat, peringkat (no PEMDA)."""
    opds = scope(actor)
    df = sakip_totals(h, tahun)
    df = df[df["kode_unit"] != "PEMDA"].rename(columns={"kode_unit": "kode_opd"})
    names = h.query_df("SELECT kode_opd, nama_opd, singkatan FROM opd")
    df = df.merge(names, on="kode_opd", how="left")
    df["label"] = [label(n, s) for n, s in zip(df["nama_opd"], df["singkatan"], strict=True)]
    return only(_ordered(df, "nilai"), opds)


def rb_ranking(h: Handle, actor: Actor, tahun: int, bulan: int) -> pd.DataFrame:
    """RB rencana aksi progress per OPD with items (OPDs with no items are left out)."""
    opds = scope(actor)
    df = rb_opd_progress(h, tahun, bulan)
    df = df[df["jumlah_aksi"] > 0].copy()
    df["label"] = [label(n, s) for n, s in zip(df["nama_opd"], df["singkatan"], strict=True)]
    return only(_ordered(df, "progress"), opds)


def rb_heatmap(h: Handle, actor: Actor, tahun: int, bulan: int) -> pd.DataFrame:
    """OPD × 8 areas mean progress, index = OPD label, in RB-ranking order."""
    opds = scope(actor)
    table = rb_area_heatmap(h, tahun, bulan)
    order = rb_ranking(h, actor, tahun, bulan)
    keep = [k for k in order["kode_opd"] if k in table.index and (opds is None or k in opds)]
    table = table.reindex(keep)
    table.index = [order.set_index("kode_opd").loc[k, "label"] for k in keep]
    return table


def serapan_ranking(h: Handle, actor: Actor, tahun: int, bulan: int) -> pd.DataFrame:
    """Budget absorption per OPD at `bulan` (pagu, realisasi, serapan), highest first."""
    opds = scope(actor)
    df = serapan(h, tahun, bulan)
    df["label"] = [label(n, s) for n, s in zip(df["nama_opd"], df["singkatan"], strict=True)]
    return only(_ordered(df, "serapan"), opds)


def decomposition_text(row: Any, digits: int = 2) -> str:
    """ "50 % × 96,5 + 30 % × 66,0 + 20 % × 70,1 = 82,0" for one indeks row."""
    from sakip_core.fmt import angka

    w = {k: float(row[f"bobot_{k}"]) for k in KOMPONEN}
    total = sum(w.values())
    terms = [
        f"{angka(100 * w[k] / total, 0)} % × {angka(row[f'nilai_{k}'], digits)}" for k in KOMPONEN
    ]
    return " + ".join(terms) + f" = {angka(row['indeks'], digits)}"
