"""Reformasi Birokrasi: index per framework with history; OPD rencana aksi, heat map, ranking."""

from __future__ import annotations

import plotly.express as px
import streamlit as st

from sakip_core import rb_service as svc
from sakip_core.access import AccessDenied
from sakip_core.fmt import angka
from ui import data
from ui.lke_view import as_text, history_chart, predikat_text, show_error, styled
from ui.session import require_login

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
            problems = svc.set_scores(h, actor, edited.dropna(subset=["nilai"]))
            for p in problems:
                st.error(p)
            if not problems:
                data.clear_caches()
                st.rerun()
        up = st.file_uploader("Atau unggah berkas (kolom tahun, kode_kerangka, kode_komponen, "
                              "nilai)", type=["csv", "xlsx"], key="rb_unggah")  # fmt: skip
        if up is not None and st.button("Impor nilai", key="rb_impor"):
            for p in svc.import_scores(h, actor, up.getvalue(), up.name) or ["Berhasil diimpor."]:
                st.info(p)

with tab_aksi:
    c = st.columns(2)
    th = int(c[0].number_input("Tahun", 2020, 2100, 2026, key="rba_tahun"))
    bulan = int(c[1].slider("Bulan", 1, 12, 10, key="rba_bulan"))
    rank = svc.opd_progress(h, actor, th, bulan)
    rank["progress"] = rank["progress"].round(1)
    st.subheader("Peringkat kemajuan rencana aksi RB (Rapim)", anchor=False)
    st.dataframe(
        rank[["peringkat", "perubahan", "kode_opd", "nama_opd", "progress", "jumlah_aksi"]],
        hide_index=True, height=300,
        column_config={"progress": st.column_config.ProgressColumn(
            "Kemajuan (%)", min_value=0, max_value=100, format="localized"),
            "perubahan": st.column_config.NumberColumn("Naik/turun", format="%+d"),
            "peringkat": "Peringkat", "kode_opd": "Kode", "nama_opd": "OPD",
            "jumlah_aksi": "Jumlah aksi"},
    )  # fmt: skip
    heat = svc.heatmap(h, actor, th, bulan)
    label = dict(zip(rank["kode_opd"], rank["singkatan"].fillna(rank["nama_opd"]), strict=True))
    heat.index = [f"{k} {label.get(k, '')}" for k in heat.index]
    if not heat.empty:
        st.subheader("Peta kemajuan OPD × area perubahan", anchor=False)
        fig = px.imshow(
            heat,
            color_continuous_scale="RdYlGn",
            zmin=0,
            zmax=100,
            aspect="auto",
            labels={"color": "Kemajuan (%)", "x": "Area perubahan", "y": "OPD"},
        )
        fig.update_layout(height=max(320, 20 * len(heat)), margin={"t": 30, "b": 10})
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
                if st.form_submit_button("Simpan realisasi bulan ini"):
                    try:
                        svc.set_realisasi(h, actor, th, bulan, pilih, aksi, target, real)
                        data.clear_caches()
                        st.rerun()
                    except (AccessDenied, ValueError) as exc:
                        show_error(exc)
