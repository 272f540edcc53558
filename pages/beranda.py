"""Beranda: what the operator still owes (the admin: every OPD's reminder list), then the OPD
league table of one quarter (operators see only their own OPD)."""

from __future__ import annotations

import streamlit as st

from sakip_core.access import AccessDenied
from sakip_core.fmt import angka, persen
from ui import data, ranking_table, todo_view
from ui import rapim_data as rd
from ui.period import pick_period
from ui.session import require_login
from ui.text import md, nama_triwulan

actor = require_login()

head, slot_tahun, slot_triwulan = st.columns([4, 1, 1], vertical_alignment="bottom")
head.title("Peringkat Kinerja OPD", anchor=False)
period = pick_period(slot_tahun, slot_triwulan)
if actor.is_operator:
    todo_view.show_operator(actor)
elif actor.peran == "admin":
    todo_view.show_admin(actor)
if period is None:
    st.stop()
tahun, triwulan = period
label = f"{nama_triwulan(triwulan)} {tahun}"
try:  # the one leaderboard (also Rapim, PDF, Excel); an operator gets its own row only
    df = rd.leaderboard(actor, tahun, triwulan)
except AccessDenied as exc:  # e.g. an operator account not bound to an OPD
    st.error(str(exc))
    st.stop()

if actor.is_operator and df.empty:
    st.info(
        f"OPD Anda ({md(actor.kode_opd)}) belum memiliki indikator tingkat OPD pada "
        f"tahun {tahun}, sehingga belum masuk peringkat."
    )
    st.stop()
if df.empty:
    st.info(f"Belum ada indikator kinerja tingkat OPD untuk tahun {tahun}; belum ada peringkat.")
    st.stop()
if not bool(df["ada_laporan"].iloc[0]):
    st.info(f"Belum ada realisasi yang dilaporkan untuk {label}. Pilih triwulan lain.")
    st.stop()

if actor.is_operator:
    row = df.iloc[0]
    st.info(
        f"Anda masuk sebagai operator **{md(row['nama_opd'])}**: hanya peringkat OPD Anda "
        "yang ditampilkan di sini."
    )
    cols = st.columns(4)
    jumlah = int(row["jumlah_opd"])
    cols[0].metric("Peringkat OPD Anda", f"{int(row['peringkat'])} dari {jumlah}", border=True)
    cols[1].metric("Skor", angka(row["skor"], 2), border=True)
    cols[2].metric("Kategori", md(row["kategori"]), border=True)
    cols[3].metric("Kepatuhan", persen(row["kepatuhan"], 1), border=True)
else:
    cols = st.columns(4)
    cols[0].metric("OPD dinilai", angka(len(df), 0), border=True)
    cols[1].metric("Rata-rata skor", angka(df["skor"].mean(), 2), border=True)
    belum = int(df["belum_lapor"].sum())
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
    "sudah diverifikasi, «sementara» bila masih ada yang belum, «belum lapor» bila belum satu pun "
    "indikator tingkat OPD dilaporkan."
)
