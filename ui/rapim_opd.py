"""Drill-down into one OPD on the Rapim page: indicators, formula on demand, trend, budget,
one indicator across years and the reasons the OPD gave."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from sakip_core.auth import Actor
from sakip_core.fmt import angka, persen, rupiah
from sakip_core.reports import rapim_charts as charts
from sakip_core.workflow import data_label
from ui import rapim_data as rd
from ui import scroll_into_view
from ui.rapim_tabs import BULAN, NUM2, PCT1, chart, table
from ui.text import md

OPD_KEY = "rapim_opd"
RUMUS_KEY = "rapim_rumus"
TREN_KEY = "rapim_tren_indikator"
DETAIL_KEY = "rapim_rincian"  # the detail's container (class st-key-rapim_rincian)
SHOWN_KEY = "rapim_rincian_tampil"  # the OPD whose detail was last brought into view
PARAM = "opd"  # ?opd=<kode_opd> opens the detail from a link (shareable, survives a reload)


def open_from(board_key: str) -> None:
    """Callback of the leaderboard: the clicked row's OPD becomes the open detail."""
    state = st.session_state.get(board_key)
    kode = state.get("opd") if isinstance(state, dict) else None
    if kode:
        st.session_state[OPD_KEY] = str(kode)
        st.query_params[PARAM] = str(kode)


def close() -> None:
    st.session_state.pop(OPD_KEY, None)
    st.session_state.pop(SHOWN_KEY, None)
    st.query_params.pop(PARAM, None)


def opened(board: pd.DataFrame) -> str | None:
    """The OPD whose detail is open, or None. The URL (`?opd=`) decides: a click, the selector
    and the close button keep it in step, so Back/Forward and a copied link show what it says.

    A code that is not on this board (another period, another scope) closes the detail.
    """
    kode = st.query_params.get(PARAM)
    if kode in set(board["kode_opd"]):
        return str(kode)
    close()
    return None


def pick_opd(board: pd.DataFrame, kode: str) -> str:
    """The selector of the open detail (switch OPD without going back to the table)."""
    labels = dict(zip(board["kode_opd"], board["label"], strict=True))
    st.session_state[OPD_KEY] = kode
    chosen = st.selectbox(
        "OPD",
        list(labels),
        key=OPD_KEY,
        format_func=lambda k: f"{labels[k]} ({k})",
        on_change=lambda: st.query_params.update({PARAM: st.session_state[OPD_KEY]}),
    )
    return str(chosen)


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


def show(
    actor: Actor, tahun: int, triwulan: int, board: pd.DataFrame, kode: str, closable: bool = True
) -> None:
    """The detail of OPD `kode`; `closable` adds the button that closes it (not for operators)."""
    with st.container(border=True, key=DETAIL_KEY):
        head, button = st.columns([5, 1], vertical_alignment="bottom")
        with head:
            kode = pick_opd(board, kode) if closable else kode
        if closable:
            button.button("Tutup rincian", icon=":material/close:", on_click=close)
        _detail(actor, tahun, triwulan, board, kode)
    if closable and st.session_state.get(SHOWN_KEY) != kode:  # just opened (click, link, switch)
        st.session_state[SHOWN_KEY] = kode
        scroll_into_view.scroll_to(DETAIL_KEY, kode)


def _detail(actor: Actor, tahun: int, triwulan: int, board: pd.DataFrame, kode: str) -> None:
    row = board[board["kode_opd"] == kode].iloc[0]
    st.subheader(f"Rincian OPD: {md(row['nama_opd'])}", anchor=False)
    cols = st.columns([1.1, 0.9, 1.5, 1, 1.1])
    cols[0].metric("Peringkat", f"{int(row['peringkat'])} dari {int(row['jumlah_opd'])}")
    cols[1].metric("Skor", angka(row["skor"], 2))
    cols[2].metric("Kategori", md(row["kategori"]))  # a metric value renders Markdown
    cols[3].metric("Kepatuhan", persen(row["kepatuhan"], 1))
    cols[4].metric("Data", data_label(row["status_data"], late="–"))
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
        _budget(actor, tahun, triwulan, kode)
    _years(actor, tahun, kode, ind)
    _reasons(actor, tahun, triwulan, kode)


def _years(actor: Actor, tahun: int, kode_opd: str, ind: pd.DataFrame) -> None:
    """One indicator across years: the two previous yearly results, this year's quarters and
    the Renstra end target (the same figure as the explorer's indicator detail), with its
    numbers beside the chart."""
    if ind.empty:
        return
    names = dict(zip(ind["kode_indikator"], ind["indikator"], strict=True))
    kode = st.selectbox("Tren antartahun indikator", list(names), key=f"{TREN_KEY}_{kode_opd}",
                        format_func=lambda k: f"{names[k]} ({k})")  # fmt: skip
    points, renstra = rd.call("tren_indikator", actor, tahun, kode_opd, kode)
    if points.empty:
        st.info("Indikator ini belum punya realisasi pada tahun ini dan dua tahun sebelumnya.")
        return
    satuan = ind.loc[ind["kode_indikator"] == kode, "satuan"].iloc[0]
    left, right = st.columns([3, 2])
    with left:
        chart(charts.antartahun_lines(points, renstra, satuan))
    with right:
        frame = pd.DataFrame(
            {
                "Periode": points["periode"],
                "Target": _text(points["target"], NUM2),
                "Realisasi": _text(points["realisasi"], NUM2),
                "Capaian": _text(points["capaian"], PCT1),
            }
        )
        table(frame, {})
        if renstra.get("target_akhir") is not None:
            st.caption(
                f"Target akhir Renstra {int(renstra['tahun_akhir'])}: "
                f"{angka(renstra['target_akhir'], 2)}; target Renstra {tahun}: "
                f"{angka(renstra.get('target_tahun'), 2) or '–'}."
            )


def _has_rows(title: str, df: pd.DataFrame, empty: str) -> bool:
    """The section's bold title, and `empty` said when it has nothing to show."""
    st.markdown(f"**{title}**")
    if df.empty:
        st.info(empty)
    return not df.empty


def _reasons(actor: Actor, tahun: int, triwulan: int, kode_opd: str) -> None:
    why = rd.call("faktor_opd", actor, tahun, triwulan, kode_opd)
    empty = "OPD ini belum menuliskan faktor pendukung atau penghambat pada triwulan ini."
    if not _has_rows("Faktor pendukung, penghambat dan tindak lanjut", why, empty):
        return
    frame = pd.DataFrame(
        {
            "Indikator": why["indikator"],
            "Capaian": _text(why["capaian"], PCT1),
            "Faktor pendukung": why["faktor_pendukung"].fillna("–"),
            "Faktor penghambat": why["faktor_penghambat"].fillna("–"),
            "Tindak lanjut": why["tindak_lanjut"].fillna("–"),
        }
    )
    table(frame, {}, indikator="medium")


def _budget(actor: Actor, tahun: int, triwulan: int, kode: str) -> None:
    ang = rd.call("anggaran_opd", actor, tahun, triwulan, kode)
    if not _has_rows("Anggaran (serapan kumulatif)", ang, "Belum ada data anggaran OPD ini."):
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
