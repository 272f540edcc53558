"""LHE recommendations and their follow-up on the pages (issue 14, point 3): the LKE page's
"Tindak lanjut LHE" tab and the Rapim tab (`show_rapim_tab`). The figures are
`sakip_core.lhe.progress`'s on both, so a unit's percentage reads the same everywhere."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from sakip_core import clock, lhe
from sakip_core.auth import Actor
from sakip_core.colours import text_colour
from sakip_core.db import Handle
from sakip_core.fmt import angka, persen
from sakip_core.lhe.state import KEADAAN_LABEL
from ui import data, lhe_forms
from ui.lke_view import KOMPONEN_NAMA
from ui.text import md

# the share followed up: green from 80 %, amber from 50 %, red below
BANDS = ((80.0, "#1a7f37"), (50.0, "#ffc107"), (0.0, "#e53935"))
BAND_NOTE = "Warna: hijau ≥ 80 %, kuning 50–80 %, merah < 50 % rekomendasi tuntas."
PROGRESS_HEADS = {  # the share beside the unit: the counts may scroll on a projector
    "unit": "Unit", "persen": "Tindak lanjut", "jumlah_rekomendasi": "Rekomendasi",
    "selesai": "Tuntas (diverifikasi)", "menunggu_verifikasi": "Menunggu verifikasi",
    "ditolak": "Ditolak", "proses": "Dalam proses", "belum": "Belum", "terlambat": "Terlambat",
}  # fmt: skip
COUNTS = [h for k, h in PROGRESS_HEADS.items() if k not in ("unit", "persen")]


def today() -> str:
    """The day, as a cache argument: the overdue flag changes once a day."""
    return clock.now().date().isoformat()


@data.cached(max_entries=32)
def _progress(h: Handle, actor: Actor, tahun: int, hari: str) -> pd.DataFrame:
    return lhe.progress(h, actor, tahun, date.fromisoformat(hari))


@data.cached(max_entries=64)
def _recommendations(h: Handle, actor: Actor, tahun: int, unit: str, hari: str) -> pd.DataFrame:
    return lhe.recommendations(h, actor, tahun, unit, date.fromisoformat(hari))


def band_colour(value: object) -> str:
    v = float(value) if pd.notna(value) else 0.0
    return next(colour for bound, colour in BANDS if v >= bound)


def _band_css(value: object) -> str:
    colour = band_colour(value)
    return f"background-color: {colour}; color: {text_colour(colour)}"


def progress_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The progress table with Indonesian headers, one row per unit as `lhe.progress` sorts it."""
    unit = df["kode_unit"] + " — " + df["nama_unit"].fillna(df["kode_unit"])
    out = df.assign(unit=unit)[list(PROGRESS_HEADS)].rename(columns=PROGRESS_HEADS)
    return out.reset_index(drop=True)


def show_progress(df: pd.DataFrame, key: str) -> None:
    """Per unit: counts and the percentage followed up, colour-coded, numbers in Indonesian."""
    frame = progress_frame(df)
    fmt = {"Tindak lanjut": lambda v: persen(v, 1), **{c: lambda v: angka(v, 0) for c in COUNTS}}
    styled = frame.style.format(fmt, na_rep="–").map(_band_css, subset=["Tindak lanjut"])
    st.dataframe(styled, hide_index=True, width="stretch", height="content", key=key)
    st.caption(BAND_NOTE)


def show_rapim_tab(actor: Actor, tahun: int, df: pd.DataFrame | None = None) -> None:
    """The Rapim tab: the share of each unit's LHE recommendations followed up, best first;
    `df`: the `lhe.progress` rows at hand (a Rapim's snapshot), else read now."""
    if df is None:
        df = _progress(actor, int(tahun), today())
    st.caption(
        f"Tindak lanjut rekomendasi LHE {tahun}: rekomendasi tuntas = dinyatakan selesai oleh "
        "unit dan diverifikasi Inspektorat. Terlambat = lewat batas waktu dan belum dinyatakan "
        "selesai."
    )
    if df.empty:
        st.info(f"Belum ada rekomendasi LHE untuk tahun {tahun}.")
        return
    m = st.columns(3)
    m[0].metric("Unit dengan rekomendasi", angka(len(df), 0), border=True)
    m[1].metric("Rekomendasi", angka(df["jumlah_rekomendasi"].sum(), 0), border=True)
    m[2].metric("Terlambat", angka(df["terlambat"].sum(), 0), border=True)
    show_progress(df, "lhe_rapim")


LIST_HEADS = {  # the state first: on a narrow screen the long texts scroll, not the state
    "kode_rekomendasi": "Kode", "keadaan": "Keadaan", "batas_waktu": "Batas waktu",
    "terlambat": "Terlambat", "rekomendasi": "Rekomendasi", "komponen": "Komponen",
    "penanggung_jawab": "Penanggung jawab", "uraian": "Tindak lanjut terakhir",
    "nama_bukti": "Bukti",
}  # fmt: skip
LONG_TEXT = st.column_config.TextColumn(width="large")


def list_frame(recs: pd.DataFrame) -> pd.DataFrame:
    out = recs[list(LIST_HEADS)].copy()
    out["komponen"] = out["komponen"].map(lambda k: KOMPONEN_NAMA.get(k, k))
    out["batas_waktu"] = pd.to_datetime(out["batas_waktu"]).dt.strftime("%d-%m-%Y")
    out["keadaan"] = out["keadaan"].map(KEADAAN_LABEL)
    out["terlambat"] = out["terlambat"].map({True: "⚠ ya", False: "tidak"})
    return out.rename(columns=LIST_HEADS).fillna("–")


def _unit_metrics(actor: Actor, tahun: int, unit: str) -> None:
    df = _progress(actor, tahun, today())
    row = df[df["kode_unit"] == unit]
    if row.empty:
        return
    r = row.iloc[0]
    m = st.columns(4)
    m[0].metric("Rekomendasi", angka(r["jumlah_rekomendasi"], 0), border=True)
    m[1].metric("Tuntas (diverifikasi)", angka(r["selesai"], 0), border=True)
    m[2].metric("Tindak lanjut", persen(r["persen"], 1), border=True)
    m[3].metric("Terlambat", angka(r["terlambat"], 0), border=True)


def show_lke_tab(actor: Actor, tahun: int, unit: str) -> None:
    """The LKE page's tab: the unit's recommendations, the follow-up of one of them, every
    unit's percentage (for the roles that read every unit), the admin's entry and upload."""
    if msg := st.session_state.pop("lhe_pesan", None):
        st.success(msg)
    recs = _recommendations(actor, tahun, unit, today())
    if recs.empty:
        st.info(f"Belum ada rekomendasi LHE {tahun} untuk unit ini.")
    else:
        _unit_metrics(actor, tahun, unit)
        st.dataframe(list_frame(recs), hide_index=True, width="stretch", key="lhe_daftar",
                     column_config={"Rekomendasi": LONG_TEXT})  # fmt: skip
        _one(actor, recs)
    if not actor.is_operator:
        st.subheader(f"Persentase tindak lanjut LHE {tahun} per unit", anchor=False)
        every = _progress(actor, tahun, today())
        if every.empty:
            st.info(f"Belum ada rekomendasi LHE untuk tahun {tahun}.")
        else:
            show_progress(every, "lhe_per_unit")
    lhe_forms.admin_forms(actor, tahun, unit)


def _one(actor: Actor, recs: pd.DataFrame) -> None:
    """One recommendation: its state, its history, the follow-up and verification forms."""
    labels = {r.kode_rekomendasi: f"{r.kode_rekomendasi} — {r.rekomendasi}"
              for r in recs.itertuples()}  # fmt: skip
    kode = st.selectbox("Rekomendasi", list(labels), format_func=labels.get, key="lhe_rek")
    rec = recs[recs["kode_rekomendasi"] == kode].iloc[0]
    st.markdown(f"**{md(kode)}**: {md(rec['rekomendasi'])}")
    st.caption(
        f"Keadaan: {KEADAAN_LABEL[rec['keadaan']]} · batas waktu "
        f"{pd.Timestamp(rec['batas_waktu']):%d-%m-%Y}"
        + (" · **lewat batas waktu**" if rec["terlambat"] else "")
        + (f" · catatan Inspektorat: {md(rec['catatan_verifikasi'])}"
           if isinstance(rec["catatan_verifikasi"], str) else "")
    )  # fmt: skip
    lhe_forms.evidence_download(actor, rec)
    lhe_forms.history(actor, rec)
    lhe_forms.follow_up_form(actor, rec)
    lhe_forms.verify_form(actor, rec)
