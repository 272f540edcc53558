"""Drill-down into one OPD on the Rapim page: indicators, formula on demand, trend, budget."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from sakip_core.auth import Actor
from sakip_core.fmt import angka, persen, rupiah
from sakip_core.reports import rapim_charts as charts
from ui import rapim_data as rd
from ui.rapim_tabs import BULAN, NUM2, PCT1, chart, table
from ui.text import md

OPD_KEY = "rapim_opd"
RUMUS_KEY = "rapim_rumus"


def pick_opd(board: pd.DataFrame) -> str | None:
    labels = dict(zip(board["kode_opd"], board["label"], strict=True))
    if st.session_state.get(OPD_KEY) not in labels:
        st.session_state[OPD_KEY] = next(iter(labels), None)
    return st.selectbox(
        "OPD",
        list(labels),
        key=OPD_KEY,
        format_func=lambda k: f"{labels[k]} ({k})",
    )


def _text(values: pd.Series, fmt: Callable[[object], str]) -> list[str]:
    return [fmt(v) or "–" for v in values]


def indicator_frame(ind: pd.DataFrame) -> pd.DataFrame:
    """The indicators as text in Indonesian format ("–" where empty: Streamlit would say None)."""
    target = ind["target_sd"].where(ind["polaritas"] != "rentang")
    rentang = [
        f"{angka(lo, 2)}–{angka(hi, 2)}" if p == "rentang" else ""
        for p, lo, hi in zip(ind["polaritas"], ind["target_min"], ind["target_max"], strict=True)
    ]
    return pd.DataFrame(
        {
            "Indikator": ind["indikator"],
            "Satuan": ind["satuan"],
            "Target s.d. TW": [r or t for r, t in zip(rentang, _text(target, NUM2), strict=True)],
            "Realisasi s.d. TW": _text(ind["realisasi_sd"], NUM2),
            "Capaian": _text(ind["capaian"], PCT1),
            "Kategori": ind["kategori"].fillna("belum lapor"),
        }
    )


def formula_lines(ind: pd.DataFrame) -> str:
    """One Markdown bullet per indicator: its formula with the numbers, and where they come from."""
    return "\n".join(
        f"- **{md(r.indikator)}**: {md(r.rumus.rstrip('.'))}. {md(r.asal_angka)}"
        for r in ind.itertuples()
    )


def show(actor: Actor, tahun: int, triwulan: int, board: pd.DataFrame) -> None:
    kode = pick_opd(board)
    if kode is None:
        return
    row = board[board["kode_opd"] == kode].iloc[0]
    st.subheader(f"{row['nama_opd']}", anchor=False)
    cols = st.columns(4)
    cols[0].metric("Peringkat", f"{int(row['peringkat'])} dari {int(row['jumlah_opd'])}")
    cols[1].metric("Skor", angka(row["skor"], 2))
    cols[2].metric("Kategori", str(row["kategori"]))
    cols[3].metric("Kepatuhan", persen(row["kepatuhan"], 1))
    rumus = st.toggle("Tampilkan rumus dan asal angka setiap capaian", key=RUMUS_KEY)
    ind = rd.call("indikator_opd", actor, tahun, triwulan, kode)
    table(indicator_frame(ind), {})
    if rumus:
        st.markdown(formula_lines(ind))
    left, right = st.columns(2)
    with left:
        tr = rd.call("tren_opd", actor, tahun, kode)
        chart(charts.tren_lines(tr, "skor"))
    with right:
        st.markdown("**Anggaran (serapan kumulatif)**")
        ang = rd.call("anggaran_opd", actor, tahun, triwulan, kode)
        if ang.empty:
            st.info("Belum ada data anggaran OPD ini.")
            return
        frame = pd.DataFrame(
            {
                "Bulan": [BULAN[b - 1] for b in ang["bulan"]],
                "Pagu": ang["pagu"],
                "Realisasi s.d. bulan": ang["realisasi"],
                "Serapan": ang["serapan"],
            }
        )
        table(frame, {"Pagu": rupiah, "Realisasi s.d. bulan": rupiah, "Serapan": PCT1})
