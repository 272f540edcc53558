"""Admin: the organisation per OPD with its holders and their history, and the cascade check."""

from __future__ import annotations

from datetime import date

import streamlit as st

from sakip_core import masterdata
from sakip_core.access import ADMIN
from sakip_core.export import excel_csv
from sakip_core.fmt import angka
from sakip_core.pk.cascade import summary
from ui import data, pk_data, pk_views
from ui.session import require_login

actor = require_login(set(ADMIN))
h = data.handle()
names = {"PEMDA": "Pemerintah Daerah (Bupati)", **masterdata.opd_names(h)}
st.title("Jabatan & Cascading", anchor=False)
st.caption("Struktur jabatan diunggah sebagai berkas `jabatan` di halaman Data Induk.")
t_struktur, t_cascade = st.tabs(["Struktur dan pejabat", "Cek cascading"])

with t_struktur:
    units = ["PEMDA", *sorted(k for k in names if k != "PEMDA")]
    unit = st.selectbox("Unit", units, format_func=lambda u: f"{u} — {names.get(u, u)}",
                        key="jab_unit")  # fmt: skip
    posts = pk_data.jabatan_list(actor, unit)
    if posts.empty:
        st.info("Belum ada jabatan untuk unit ini.")
    else:
        shown = posts.assign(jenjang=posts["jenjang"].map(pk_views.JENJANG))
        st.dataframe(
            shown.rename(columns={"kode_jabatan": "Kode", "kode_opd": "Unit",
                                  "nama_jabatan": "Jabatan", "jenjang": "Jenjang",
                                  "atasan": "Atasan", "nama_pejabat": "Pejabat", "nip": "NIP",
                                  "pangkat": "Pangkat", "status_pejabat": "Status"}),
            hide_index=True, width="stretch", height=360, placeholder="–",
        )  # fmt: skip
        labels = {r.kode_jabatan: pk_views.jabatan_label(r._asdict()) for r in posts.itertuples()}
        kode = st.selectbox("Riwayat pejabat", list(labels), format_func=labels.get,
                            key="jab_riwayat")  # fmt: skip
        history = pk_data.holder_history(actor, kode)
        st.dataframe(
            history.rename(columns={"nama_pejabat": "Pejabat", "nip": "NIP", "pangkat": "Pangkat",
                                    "status_pejabat": "Status", "sejak": "Sejak",
                                    "sampai": "Sampai"}),
            hide_index=True, width="stretch", placeholder="–",
        )  # fmt: skip

with t_cascade:
    years = sorted({*data.years(), date.today().year}, reverse=True)
    c1, c2 = st.columns([1, 4])
    tahun = int(c1.selectbox("Tahun", years, key="cas_tahun"))
    opds = ["", *sorted(k for k in names if k != "PEMDA")]
    pick = c2.selectbox(
        "OPD", opds, key="cas_opd", format_func=lambda u: f"{u} — {names[u]}" if u else "Semua OPD"
    )
    found = pk_data.cascade_check(actor, tahun, pick or None)
    galat, peringatan = summary(found)
    m1, m2 = st.columns(2)
    m1.metric("Galat", angka(galat, 0), border=True)
    m2.metric("Peringatan", angka(peringatan, 0), border=True)
    labels = {"jenis": "Jenis", "kode_opd": "OPD", "kode_indikator": "Indikator",
              "kode_jabatan": "Jabatan", "pesan": "Temuan"}  # fmt: skip
    for kind, title in (("galat", "Galat: cascading terputus"), ("peringatan", "Peringatan")):
        part = found[found["jenis"] == kind].drop(columns="jenis")
        st.subheader(title, anchor=False)
        if part.empty:
            st.success("Tidak ada." if kind == "galat" else "Tidak ada peringatan.")
        else:
            st.dataframe(part.rename(columns=labels), hide_index=True, width="stretch", height=300)
    csv = excel_csv(found.rename(columns=labels))
    st.download_button("Unduh hasil pemeriksaan (CSV)", data=csv, mime="text/csv",
                       file_name=f"cek_cascading_{tahun}.csv", key="cas_csv")  # fmt: skip
