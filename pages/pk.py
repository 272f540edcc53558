"""Perjanjian Kinerja: each jabatan's PK (preview, PDF/DOCX), signing and PK Perubahan,
Matriks Peran Hasil and RHK, and each official's own results (issue 12).

Operators work on their own OPD only; the core refuses anything else whatever the URL says.
"""

from __future__ import annotations

from datetime import date

import streamlit as st

from sakip_core import masterdata
from sakip_core.access import ADMIN, READ_ALL
from sakip_core.pk.documents import MEDIA_TYPES
from sakip_core.pk.signing import SigningError, read_scan, sign
from sakip_core.pk.versions import mark_perubahan
from sakip_core.reports.matriks_excel import matriks_excel, rhk_excel
from ui import data, pk_data, pk_views
from ui.period import pick_unit
from ui.reporting import run_action, run_write
from ui.session import require_login
from ui.text import md

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
actor = require_login()
h = data.handle()
names = {"PEMDA": "Pemerintah Daerah (Bupati)", **masterdata.opd_names(h)}
years = sorted({*data.years(), date.today().year}, reverse=True)

st.title("Perjanjian Kinerja", anchor=False)
flash = st.session_state.pop("pk_pesan", None)
if flash:
    st.success(flash)
c_tahun, c_unit, c_jab = st.columns([1, 3, 4], vertical_alignment="bottom")
tahun = int(c_tahun.selectbox("Tahun", years, key="pk_tahun"))
unit = pick_unit(c_unit, actor, names, "pk_unit", bind="query-params")
posts = pk_data.jabatan_list(actor, unit)
if posts.empty:
    st.info("Belum ada data jabatan untuk unit ini. Admin mengunggahnya di halaman Data Induk.")
    st.stop()
labels = {r.kode_jabatan: pk_views.jabatan_label(r._asdict()) for r in posts.itertuples()}
kode = c_jab.selectbox("Jabatan", list(labels), format_func=labels.get, key="pk_jabatan")
pk = pk_data.pk_of(actor, tahun, kode, None)

t_doc, t_status, t_mph, t_kinerja = st.tabs(
    ["Dokumen PK", "Status & tanda tangan", "Matriks Peran Hasil", "Kinerja jabatan"]
)

with t_doc:
    pk_views.status_badge(pk)
    left, right = st.columns(2)
    with left:
        pk_views.party("Pihak pertama", pk.pihak_pertama)
    with right:
        pk_views.party("Pihak kedua", pk.pihak_kedua)
    st.subheader("Lampiran: sasaran, indikator dan target", anchor=False)
    pk_views.indicator_table(pk)
    st.subheader("Program dan anggaran", anchor=False)
    pk_views.program_table(pk)
    pakta = st.checkbox("Sertakan pakta integritas", key="pk_pakta")
    c1, c2 = st.columns(2)
    for col, fmt in ((c1, "pdf"), (c2, "docx")):
        col.download_button(
            f"Unduh PK jabatan ini ({fmt.upper()})",
            data=pk_data.document(actor, tahun, [kode], fmt, pakta),
            file_name=f"PK_{tahun}_{kode}.{fmt}", mime=MEDIA_TYPES[fmt],
            icon=":material/download:", key=f"pk_unduh_{fmt}",
        )  # fmt: skip
    st.divider()
    st.markdown("**Dokumen sekaligus**")
    owners = pk_data.status_list(actor, tahun, unit)
    choices = {
        f"Semua jabatan {names.get(unit, unit)} ({len(owners)} PK)": list(owners["kode_jabatan"])
    }
    if actor.peran in READ_ALL:
        heads = pk_data.heads()
        choices[f"Semua kepala OPD, upacara penandatanganan ({len(heads)} PK)"] = heads
    which = st.radio("Isi berkas", list(choices), key="pk_kumpulan")
    fmt = st.radio("Format", ["pdf", "docx"], horizontal=True, key="pk_kumpulan_format",
                   format_func=str.upper)  # fmt: skip
    if st.button("Siapkan berkas", key="pk_siapkan", icon=":material/description:"):
        st.session_state["pk_berkas"] = (which, fmt, tahun, pakta)
    if st.session_state.get("pk_berkas") == (which, fmt, tahun, pakta) and choices[which]:
        st.download_button(
            "Unduh berkas", data=pk_data.document(actor, tahun, choices[which], fmt, pakta),
            file_name=f"PK_{tahun}_{'kepala_opd' if 'kepala' in which else unit}.{fmt}",
            mime=MEDIA_TYPES[fmt], type="primary", icon=":material/download:", key="pk_unduh_semua",
        )  # fmt: skip

with t_status:
    table = pk_data.status_list(actor, tahun, unit)
    shown = table.assign(
        status=table["status"].map(lambda s: pk_views.STATUS.get(s, (s,))[0]),
        tanggal_tanda_tangan=table["tanggal_tanda_tangan"].dt.strftime("%d-%m-%Y"),
    )[["kode_jabatan", "nama_jabatan", "nama_pejabat", "versi", "status", "tanggal_tanda_tangan"]]
    st.dataframe(
        shown.rename(columns={"kode_jabatan": "Kode", "nama_jabatan": "Jabatan",
                              "nama_pejabat": "Pejabat", "versi": "Versi", "status": "Status",
                              "tanggal_tanda_tangan": "Tanggal tanda tangan"}),
        hide_index=True, width="stretch",
    )  # fmt: skip
    row = table[table["kode_jabatan"] == kode]
    if not row.empty and row["id_ttd"].notna().iloc[0]:
        try:
            name, scan = read_scan(h, actor, int(row["id_ttd"].iloc[0]))
        except SigningError as exc:  # e.g. a database copied without its scan folder
            st.warning(f"Pindaian PK ini tidak dapat dibuka: {exc}")
        else:
            st.download_button(md(f"Unduh pindaian PK bertanda tangan ({name})"), data=scan,
                               file_name=name, key="pk_pindaian")  # fmt: skip
    if actor.peran == "admin" or (actor.is_operator and actor.kode_opd == unit):
        with st.form("pk_ttd", clear_on_submit=True):
            st.markdown(md(f"**Catat PK yang sudah ditandatangani: {labels[kode]}**"))
            tanggal = st.date_input(
                "Tanggal penandatanganan", date(tahun, 1, 31), format="DD-MM-YYYY"
            )
            berkas = st.file_uploader("Pindaian PK bertanda tangan (PDF, JPG atau PNG)",
                                      type=["pdf", "jpg", "jpeg", "png"])  # fmt: skip
            if st.form_submit_button("Simpan tanda tangan", type="primary"):
                if berkas is None:
                    st.error("Pilih berkas pindaian terlebih dahulu.")
                elif run_write(
                    sign, h, actor, tahun, kode, tanggal, berkas.name, berkas.getvalue()
                ):
                    st.session_state["pk_pesan"] = (
                        "Tersimpan: PK ini kini berstatus ditandatangani."
                    )
                    st.rerun()  # the preview above was drawn before the signing
    if actor.peran in ADMIN:
        st.subheader("Versi PK dan PK Perubahan", anchor=False)
        vers = pk_data.pk_versions(tahun, unit)
        st.dataframe(vers.rename(columns={"versi": "Versi", "jenis": "Jenis",
                                          "berlaku_mulai": "Berlaku mulai", "alasan": "Alasan",
                                          "tw_awal": "Dipakai TW dari", "tw_akhir": "s.d. TW",
                                          "jumlah_indikator": "Indikator", "oleh": "Oleh",
                                          "waktu": "Waktu"}),
                     hide_index=True, width="stretch")  # fmt: skip
        later = [int(v) for v in vers["versi"]][1:]
        if later:
            with st.form("pk_perubahan"):
                versi = st.selectbox("Versi yang menjadi PK Perubahan", later)
                alasan = st.text_input("Alasan", placeholder="misalnya Perubahan APBD")
                mulai = st.date_input("Berlaku mulai", date(tahun, 10, 1), format="DD-MM-YYYY")
                submitted = st.form_submit_button("Tetapkan sebagai PK Perubahan")
            if submitted and run_action(
                mark_perubahan, h, actor, tahun, unit, versi, alasan, mulai
            ):
                st.session_state["pk_pesan"] = (
                    "PK Perubahan ditetapkan; peringkat memakai versi yang berlaku."
                )
                st.rerun()
        else:
            st.caption(
                "Baru ada satu versi PK; unggah versi baru di Data Induk untuk PK Perubahan."
            )

with t_mph:
    if unit == "PEMDA":
        st.info("Matriks Peran Hasil disusun per OPD; pilih sebuah OPD.")
    else:
        mph = pk_data.matrix(actor, tahun, unit)
        st.dataframe(mph.drop(columns=["kode_indikator_opd"]), hide_index=True, width="stretch",
                     height=420)  # fmt: skip
        st.download_button(
            "Unduh Matriks Peran Hasil (Excel)",
            data=matriks_excel(mph, names.get(unit, unit), tahun),
            file_name=f"MPH_{tahun}_{unit}.xlsx",
            mime=XLSX,
            key="pk_mph",
        )
        who, plan = pk_data.rhk(actor, tahun, kode)
        st.subheader(md(f"Rencana Hasil Kerja: {labels[kode]}"), anchor=False)
        st.dataframe(plan, hide_index=True, width="stretch")
        st.download_button(
            "Unduh RHK untuk e-Kinerja (Excel)",
            data=rhk_excel(who, plan, tahun),
            file_name=f"RHK_{tahun}_{kode}.xlsx",
            mime=XLSX,
            key="pk_rhk",
        )

with t_kinerja:
    if unit == "PEMDA":
        st.info("Peringkat jabatan disusun di dalam satu OPD; pilih sebuah OPD.")
    else:
        latest = data.latest_period()
        default_q = latest[1] if latest and latest[0] == tahun else 4  # the latest reported
        q = st.segmented_control("Triwulan", [1, 2, 3, 4], default=default_q, key="pk_triwulan",
                                 format_func=lambda v: f"TW {v}")  # fmt: skip
        ranking = pk_data.jabatan_ranking(tahun, int(q or default_q), unit)
        if ranking.empty:
            st.info("Belum ada jabatan dengan indikator pada triwulan ini.")
        else:
            pk_views.ranking_table(ranking)
        trend = pk_data.jabatan_trend(tahun, kode)
        if not trend.empty:
            title = f"Skor {labels[kode]} per triwulan {tahun}"
            st.plotly_chart(pk_views.trend_chart(trend, title), config={"displayModeBar": False})
