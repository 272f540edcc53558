"""The other rankings: LKE internal, RB progress and heat map, serapan, Indeks Kinerja OPD.

Each is THE read model of its figure (issue 11, point 2): `lke_ranking` for the Rapim LKE tab
and the Evaluasi Internal page (`lke_service.internal_overview`), `rb_ranking` and `rb_heatmap`
for the Rapim RB tab and the Reformasi Birokrasi page, all of them for the PDF/Excel report.
Every rank is `calc.rank.competition_rank` (2 decimals, 1, 2, 2, 4, ties by kode_opd, a missing
value unranked and listed last).

RB rule (README "Choices", capaian.md section 9): every OPD of the `opd` table is in the RB
ranking; an OPD with no rencana aksi items has progress 0 (and `jumlah_aksi` 0) and is ranked
with it. The heat map has exactly the OPDs of the RB ranking, in its order; a cell is empty
where the OPD has no item in that area (so an OPD without items is an empty row).

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
from sakip_core.calc.period import check_bulan, check_triwulan
from sakip_core.calc.rank import ranked
from sakip_core.calc.ranking import ranking_detail
from sakip_core.calc.rb import AREAS, rb_area_heatmap, rb_opd_progress
from sakip_core.calc.rounding import round_like_duckdb
from sakip_core.db import Handle
from sakip_core.masterdata import opd_list
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


def _labelled(df: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    df["label"] = [label(n, s) for n, s in zip(df["nama_opd"], df["singkatan"], strict=True)]
    return df


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
    df = _labelled(df.drop(columns=["skor", "lke", "progress"]))
    return only(ranked(df, "indeks"), opds)


def lke_ranking(h: Handle, actor: Actor, tahun: int) -> pd.DataFrame:
    """Internal SAKIP evaluation per OPD with finals for the year (PEMDA excluded).

    Columns: peringkat, kode_opd, nama_opd, singkatan, label, nilai (LKE total, 2 decimals),
    predikat, predikat_label; in rank order. An operator gets its own row only.
    """
    opds = scope(actor)
    df = sakip_totals(h, tahun)
    df = df[df["kode_unit"] != "PEMDA"].rename(columns={"kode_unit": "kode_opd"})
    names = opd_list(h)[["kode_opd", "nama_opd", "singkatan"]]
    df = _labelled(df.merge(names, on="kode_opd", how="left"))
    cols = ["peringkat", "kode_opd", "nama_opd", "singkatan", "label", "nilai", "predikat"]
    return only(ranked(df, "nilai")[[*cols, "predikat_label"]], opds)


def _rb_progress(h: Handle, tahun: int, bulan: int) -> pd.DataFrame:
    """Every OPD's RB progress at `bulan` (2 decimals, as compared) with its competition rank."""
    df = rb_opd_progress(h, tahun, bulan)
    df["progress"] = round_like_duckdb(df["progress"], 2)
    return ranked(df, "progress")


def rb_ranking(h: Handle, actor: Actor, tahun: int, bulan: int) -> pd.DataFrame:
    """The monthly RB rencana aksi ranking: every OPD (no items = progress 0, see above).

    Columns: peringkat, perubahan (rank last month − rank now; positive = moved up; 0 in
    January, which has no earlier month of the year), kode_opd, nama_opd, singkatan, label,
    progress (percent, 2 decimals), jumlah_aksi; in rank order. An operator gets its own row.
    """
    check_bulan(bulan)
    opds = scope(actor)
    now = _labelled(_rb_progress(h, tahun, bulan))
    if bulan > 1:
        prev = _rb_progress(h, tahun, bulan - 1)
        before = dict(zip(prev["kode_opd"], prev["peringkat"], strict=True))
        now["perubahan"] = [
            int(before.get(k, r)) - int(r)
            for k, r in zip(now["kode_opd"], now["peringkat"], strict=True)
        ]
    else:
        now["perubahan"] = 0
    cols = ["peringkat", "perubahan", "kode_opd", "nama_opd", "singkatan", "label", "progress"]
    return only(now[[*cols, "jumlah_aksi"]], opds)


def _unique_labels(board: pd.DataFrame) -> list[str]:
    """The OPD labels, with the code added where two OPDs share one (a heat map row each)."""
    dup = board["label"].duplicated(keep=False)
    return [
        f"{lab} ({kode})" if d else str(lab)
        for lab, kode, d in zip(board["label"], board["kode_opd"], dup, strict=True)
    ]


def rb_heatmap(h: Handle, actor: Actor, tahun: int, bulan: int) -> pd.DataFrame:
    """OPD × areas of change, mean item progress (percent); rows = the RB ranking's OPDs in its
    order, index = OPD label; columns = the areas that have items, in the order of AREAS."""
    order = rb_ranking(h, actor, tahun, bulan)
    table = rb_area_heatmap(h, tahun, bulan)
    table = table.reindex(index=list(order["kode_opd"]))
    table = table.reindex(columns=[a for a in AREAS if a in table.columns])
    table.index = _unique_labels(order)
    table.columns.name = "area"
    return table


def serapan_ranking(h: Handle, actor: Actor, tahun: int, bulan: int) -> pd.DataFrame:
    """Budget absorption per OPD at `bulan` (pagu, realisasi, serapan), highest first; an OPD
    whose pagu is 0 has no serapan and is unranked (peringkat NA), listed last."""
    opds = scope(actor)
    return only(ranked(_labelled(serapan(h, tahun, bulan)), "serapan"), opds)


def decomposition_text(row: Any, digits: int = 2) -> str:
    """ "50 % × 96,5 + 30 % × 66,0 + 20 % × 70,1 = 82,0" for one indeks row."""
    from sakip_core.fmt import angka

    w = {k: float(row[f"bobot_{k}"]) for k in KOMPONEN}
    total = sum(w.values())
    terms = [
        f"{angka(100 * w[k] / total, 0)} % × {angka(row[f'nilai_{k}'], digits)}" for k in KOMPONEN
    ]
    return " + ".join(terms) + f" = {angka(row['indeks'], digits)}"
