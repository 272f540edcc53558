"""Reformasi Birokrasi: index per framework with history; OPD rencana aksi, heat map, ranking."""

from __future__ import annotations

import streamlit as st

from sakip_core import rb_service as svc
from sakip_core.calc.rounding import round_like_duckdb
from sakip_core.fmt import angka
from sakip_core.reports.rapim_charts import rb_heat
from ui import data
from ui import rapim_data as rd
from ui.lke_view import as_text, history_chart, predikat_text, styled
from ui.reporting import run_action, run_write
from ui.session import require_login
from ui.text import md

actor = require_login()
h = data.handle()
st.title("Reformasi Birokrasi", anchor=False)
tab_idx, tab_aksi = st.tabs(["Indeks RB Pemda", "Rencana aksi OPD"])

with tab_idx:
    fw = svc.frameworks(h)
    c = st.columns([3, 1])
    fw_names = dict(zip(fw.kode_kerangka, fw.nama, strict=True))
    kode = c[0].selectbox(
        "Kerangka penilaian", fw["kode_kerangka"], key="rb_kerangka", format_func=fw_names.get
    )
    tahun = int(c[1].number_input("Tahun", 2015, 2100, 2025, key="rb_tahun"))
    res = svc.index(h, actor, tahun, kode)
    m = st.columns(2)
    m[0].metric("Indeks RB", angka(res["indeks"], 2), border=True)
    m[1].metric("Predikat", predikat_text(str(res["predikat"])), border=True)
    comp = res["komponen"][["kode_komponen", "nama", "induk", "maksimum", "nilai"]]
    left, right = st.columns(2)
    comp_view = comp.rename(columns={"kode_komponen": "Kode", "nama": "Komponen",
                                     "induk": "Kelompok", "maksimum": "Maksimum",
                                     "nilai": "Nilai"})  # fmt: skip
    left.dataframe(styled(comp_view, {"Maksimum": 2, "Nilai": 2}), hide_index=True)
    hist = svc.index_history(h, actor, kode)
    if not hist.empty:
        right.plotly_chart(history_chart(hist, "indeks", "Riwayat indeks RB"), key="rb_hist")
    if actor.peran in svc.INDEX_WRITERS:
        st.subheader("Isi nilai komponen", anchor=False)
        leaves = svc.leaves(h, kode)
        form = comp[["kode_komponen", "nilai"]].assign(tahun=tahun, kode_kerangka=kode)
        edited = st.data_editor(form[svc.NILAI_COLUMNS], hide_index=True, key="rb_editor",
                                disabled=["tahun", "kode_kerangka", "kode_komponen"])  # fmt: skip
        if st.button("Simpan nilai komponen", key="rb_simpan"):
            problems = run_write(svc.set_scores, h, actor, edited.dropna(subset=["nilai"]))
            for p in problems or []:
                st.error(md(p))
            if problems == []:
                st.rerun()
        up = st.file_uploader("Atau unggah berkas (kolom tahun, kode_kerangka, kode_komponen, "
                              "nilai)", type=["csv", "xlsx"], key="rb_unggah")  # fmt: skip
        if up is not None and st.button("Impor nilai", key="rb_impor"):
            problems = run_write(svc.import_scores, h, actor, up.getvalue(), up.name)
            for p in ["Berhasil diimpor."] if problems == [] else problems or []:
                st.info(md(p))

with tab_aksi:
    c = st.columns(2)
    th = int(c[0].number_input("Tahun", 2020, 2100, 2026, key="rba_tahun"))
    bulan = int(c[1].slider("Bulan", 1, 12, 10, key="rba_bulan"))
    # the same read models as the Rapim RB tab: every OPD (no items = progress 0), one heat map
    rank = rd.call("rb_ranking", actor, th, bulan)
    shown = rank.assign(progress=round_like_duckdb(rank["progress"], 1))  # as "66,3 %" reads
    st.subheader("Peringkat kemajuan rencana aksi RB (Rapim)", anchor=False)
    st.dataframe(
        shown[["peringkat", "perubahan", "kode_opd", "nama_opd", "progress", "jumlah_aksi"]],
        hide_index=True, height=300,
        column_config={"progress": st.column_config.ProgressColumn(
            "Kemajuan (%)", min_value=0, max_value=100, format="localized"),
            "perubahan": st.column_config.NumberColumn("Naik/turun", format="%+d"),
            "peringkat": "Peringkat", "kode_opd": "Kode", "nama_opd": "OPD",
            "jumlah_aksi": "Jumlah aksi"},
    )  # fmt: skip
    heat = rd.call("rb_heatmap", actor, th, bulan)
    if int(rank["jumlah_aksi"].sum()) > 0 and len(heat.columns):
        st.subheader("Peta kemajuan OPD × area perubahan", anchor=False)
        fig = rb_heat(heat)  # the very figure of the Rapim tab (labels escaped there)
        fig.update_yaxes(dtick=1, tickfont_size=11)  # every OPD labelled
        st.plotly_chart(fig, key="rb_heat")
    opds = rank["kode_opd"].tolist()
    if opds:
        pilih = st.selectbox("Rincian OPD", opds, key="rba_opd")
        items = svc.items(h, actor, th, bulan, pilih)
        item_view = items[["kode_aksi", "area", "rencana_aksi", "target", "realisasi",
                           "bulan_lapor", "progress"]].rename(columns=str.capitalize)  # fmt: skip
        st.dataframe(as_text(item_view, {"Target": 1, "Realisasi": 1, "Progress": 1}),
                     hide_index=True)  # fmt: skip
        if actor.peran in svc.AKSI_WRITERS and not items.empty:
            with st.form("rba_form"):
                aksi = st.selectbox("Rencana aksi", items["kode_aksi"])
                f = st.columns(2)
                target = f[0].number_input("Target (%)", 0.0, 100.0, 100.0)
                real = f[1].number_input("Realisasi (%)", 0.0, 100.0, 0.0)
                saved = st.form_submit_button("Simpan realisasi bulan ini") and run_action(
                    svc.set_realisasi, h, actor, th, bulan, pilih, aksi, target, real
                )
                if saved:
                    st.rerun()
