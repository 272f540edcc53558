"""Penjelajah Indikator: every indicator, OPD and period, one click from its evidence (issue 4).

The filters, the selected indicator and the open panel live in the URL. Operators may open the
page; the core queries restrict them to their own OPD.
"""

from __future__ import annotations

import streamlit as st

from sakip_core.access import ALL_ROLES, AccessDenied
from sakip_core.fmt import angka, persen
from ui import data, explorer_data, explorer_panels
from ui import explorer_filters as ef
from ui.session import require_login
from ui.text import md, nama_triwulan

PANELS = ["Grafik", "Pohon kinerja", "Anggaran vs kinerja", "Kelengkapan data"]

actor = require_login(set(ALL_ROLES))

head, reset_slot = st.columns([6, 1], vertical_alignment="bottom")
head.title("Penjelajah Indikator", anchor=False)
default = ef.default_period()
if default is None:
    st.info("Belum ada data kinerja: unggah indikator (Perjanjian Kinerja) dan realisasi dahulu.")
    st.stop()
if reset_slot.button("Atur ulang filter", icon=":material/filter_alt_off:"):
    ef.reset()
    st.rerun()

params = ef.url_params()
filters = ef.filter_bar(actor, ef.from_url(params, default))
if actor.is_operator:
    st.caption(md(f"Sebagai operator, Anda hanya melihat indikator OPD {actor.kode_opd}."))

df = explorer_data.indicators(actor, filters)
periode = f"{nama_triwulan(filters.triwulan)} {filters.tahun}"
cols = st.columns(4)
cols[0].metric("Indikator", angka(len(df), 0), border=True)
cols[1].metric("Dilaporkan", angka(int(df["dilaporkan"].sum()), 0), border=True)
cols[2].metric("Rata-rata capaian", persen(df["capaian"].mean(), 2), border=True)
cols[3].metric("Belum lapor", angka(int((~df["dilaporkan"]).sum()), 0), border=True)

selected = explorer_panels.indicator_table(df, key="jel_tabel")
explorer_panels.export_buttons(df, filters)

kode = selected or ef.last(params.get("ind"))
if kode and kode not in set(df["kode_indikator"]):
    kode = None
with st.container(border=True):
    if kode:
        try:
            explorer_panels.detail(actor, filters, kode)
        except (AccessDenied, LookupError) as exc:
            st.error(str(exc))
            kode = None
    else:
        st.caption(f"Pilih satu baris tabel untuk melihat rincian indikator ({periode}).")

panel = st.segmented_control(
    "Panel", PANELS, default=ef.panel_from(params, PANELS), required=True, key="jel_panel"
)
periods = [(t, q) for t in sorted(data.years()) for q in (1, 2, 3, 4)]
periods = [p for p in periods if p <= (filters.tahun, filters.triwulan)][-8:]
if panel == "Grafik":
    explorer_panels.charts(actor, filters, periods)
elif panel == "Pohon kinerja":
    explorer_panels.cascade(actor, filters, df, kode)
elif panel == "Anggaran vs kinerja":
    explorer_panels.budget(actor, filters)
elif panel == "Kelengkapan data":
    explorer_panels.completeness(actor, filters, df)

extra = {"ind": kode} if kode else {}
if panel:
    extra["panel"] = panel
ef.write_url(filters, extra)
