"""Evaluasi internal: every OPD's LKE total and predikat (finals), ranked, with the distribution."""

from __future__ import annotations

import streamlit as st

from sakip_core import lke_service as svc
from sakip_core.fmt import angka
from ui import data
from ui.lke_view import distribution_chart, styled
from ui.nav import EVERYONE_BUT_OPERATOR
from ui.session import require_login

actor = require_login(set(EVERYONE_BUT_OPERATOR))
h = data.handle()
years = sorted({2025, 2026, *svc.years(h)}, reverse=True)

head, c_tahun = st.columns([5, 1], vertical_alignment="bottom")
head.title("Evaluasi Internal SAKIP OPD", anchor=False)
tahun = int(c_tahun.selectbox("Tahun", years, key="ei_tahun"))
ov = svc.internal_overview(h, actor, tahun)  # = rapim.lke_ranking, as on the Rapim LKE tab
if ov.empty:
    st.info(f"Belum ada nilai penetapan LKE OPD untuk tahun {tahun}.")
    st.stop()
dist = svc.predikat_distribution(ov)
m = st.columns(3)
m[0].metric("OPD dievaluasi", angka(len(ov), 0), border=True)
m[1].metric("Rata-rata nilai", angka(ov["nilai"].mean(), 2), border=True)
m[2].metric("OPD predikat BB ke atas", angka(int(ov["predikat"].isin(["AA", "A", "BB"]).sum()), 0),
            border=True)  # fmt: skip
left, right = st.columns([3, 2])
table = ov[["peringkat", "kode_opd", "nama_opd", "nilai", "predikat", "predikat_label"]]
left.dataframe(
    styled(table.rename(columns={"peringkat": "Peringkat", "kode_opd": "Kode", "nama_opd": "OPD",
                          "nilai": "Nilai", "predikat": "Predikat",
                          "predikat_label": "Keterangan"}), {"Nilai": 2}),
    hide_index=True, height=520,
)  # fmt: skip
right.subheader("Sebaran predikat", anchor=False)
right.plotly_chart(distribution_chart(dist), key="ei_sebaran")
right.dataframe(dist.rename(columns={"predikat": "Predikat", "keterangan": "Keterangan",
                                     "jumlah": "Jumlah OPD"}), hide_index=True)  # fmt: skip
st.caption("Nilai dari jawaban penetapan evaluator (Inspektorat); usulan OPD tidak dihitung.")
