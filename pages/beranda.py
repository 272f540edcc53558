"""Beranda: the OPD league table of one quarter (operators see only their own OPD)."""

from __future__ import annotations

import streamlit as st

from sakip_core.fmt import angka, persen
from sakip_core.workflow import verification_summary
from ui import data, ranking_table
from ui.period import pick_period
from ui.session import require_login
from ui.text import md, nama_triwulan

actor = require_login()

head, slot_tahun, slot_triwulan = st.columns([4, 1, 1], vertical_alignment="bottom")
head.title("Peringkat Kinerja OPD", anchor=False)
period = pick_period(slot_tahun, slot_triwulan)
if period is None:
    st.stop()
tahun, triwulan = period
label = f"{nama_triwulan(triwulan)} {tahun}"
df = data.ranking_detail(tahun, triwulan)

if df.empty:
    st.info(f"Belum ada indikator kinerja tingkat OPD untuk tahun {tahun}; belum ada peringkat.")
    st.stop()
if int(df["jumlah_dilaporkan"].sum()) == 0:
    st.info(f"Belum ada realisasi yang dilaporkan untuk {label}. Pilih triwulan lain.")
    st.stop()

status = verification_summary(data.handle(), actor, tahun, triwulan)[["kode_opd", "status_data"]]
df = df.merge(status, on="kode_opd", how="left")
df["status_data"] = df["status_data"].fillna("belum_lapor")

if actor.is_operator:
    own = df[df["kode_opd"] == actor.kode_opd]
    if own.empty:
        st.info(
            f"OPD Anda ({md(actor.kode_opd)}) belum memiliki indikator tingkat OPD pada "
            f"tahun {tahun}, sehingga belum masuk peringkat."
        )
        st.stop()
    row = own.iloc[0]
    st.info(
        f"Anda masuk sebagai operator **{md(row['nama_opd'])}**: hanya peringkat OPD Anda "
        "yang ditampilkan di sini."
    )
    cols = st.columns(4)
    cols[0].metric("Peringkat OPD Anda", f"{int(row['peringkat'])} dari {len(df)}", border=True)
    cols[1].metric("Skor", angka(row["skor"], 2), border=True)
    cols[2].metric("Kategori", str(row["kategori"]), border=True)
    cols[3].metric("Kepatuhan", persen(row["kepatuhan"], 1), border=True)
    df = own
else:
    cols = st.columns(4)
    cols[0].metric("OPD dinilai", angka(len(df), 0), border=True)
    cols[1].metric("Rata-rata skor", angka(df["skor"].mean(), 2), border=True)
    belum = int((df["jumlah_dilaporkan"] == 0).sum())
    cols[2].metric(
        "OPD belum lapor",
        angka(belum, 0),
        border=True,
        help="OPD tanpa satu pun realisasi indikator tingkat OPD pada triwulan ini",
    )
    cols[3].metric("Kepatuhan rata-rata", persen(df["kepatuhan"].mean(), 1), border=True)

ranking_table.show(df)
cap = data.setting("cap")
st.caption(
    f"{label}. Skor = rata-rata tertimbang capaian indikator tingkat OPD, tiap capaian dibatasi "
    f"{angka(cap, 0)} %; indikator yang belum dilaporkan dihitung 0. Perubahan dibanding "
    "triwulan sebelumnya. Kolom Data: «terverifikasi» bila semua realisasi OPD pada triwulan ini "
    "sudah diverifikasi, «sementara» bila masih ada yang belum."
)
