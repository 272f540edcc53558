"""Laporan Kinerja (LKjIP): chapter III of an OPD or the Pemda (the year's results against the
target, the two previous years and the Renstra, the budget beside it, the reasons), with its
DOCX and Excel, and the Renja evaluation form per quarter (issue 13).

Operators see their own OPD only; the core refuses anything else whatever the URL says.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from sakip_core import masterdata
from sakip_core.fmt import angka, rupiah
from sakip_core.io.writer import FAKTOR
from sakip_core.lkjip.documents import DOCX, XLSX
from sakip_core.lkjip.results import LKJIP_COLUMNS
from ui import data, lkjip_data
from ui.period import pick_unit
from ui.reporting import run_write
from ui.session import require_login

actor = require_login()
h = data.handle()
names = {"PEMDA": "Pemerintah Daerah (IKU/RPJMD)", **masterdata.opd_names(h)}
years = sorted({*data.years(), date.today().year}, reverse=True)
last_year = date.today().year - 1  # the LKjIP is written early in the year after

st.title("Laporan Kinerja (LKjIP)", anchor=False)
c_tahun, c_unit = st.columns([1, 4])
tahun = int(c_tahun.selectbox("Tahun", years, index=years.index(last_year)
                              if last_year in years else 0, key="lk_tahun"))  # fmt: skip
unit = pick_unit(c_unit, actor, names, "lk_unit")

hasil = lkjip_data.results(actor, tahun, unit)
HEADS = {
    "sasaran": "Sasaran", "kode_indikator": "Kode", "indikator": "Indikator", "satuan": "Satuan",
    "target": "Target", "realisasi": "Realisasi", "capaian": "Capaian (%)",
    "kategori": "Kategori", "realisasi_t1": f"Realisasi {tahun - 1}",
    "capaian_t1": f"Capaian {tahun - 1} (%)", "realisasi_t2": f"Realisasi {tahun - 2}",
    "capaian_t2": f"Capaian {tahun - 2} (%)", "target_akhir_renstra": "Target akhir Renstra",
    "capaian_renstra": "Capaian thd Renstra (%)",
}  # fmt: skip


def _shown(df: pd.DataFrame, heads: dict[str, str], money: tuple[str, ...] = ()) -> pd.DataFrame:
    out = df[list(heads)].copy()
    for col in out.columns:
        if col in money:
            out[col] = out[col].map(rupiah)
        elif pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col].map(lambda v: angka(v, 2))
    return out.rename(columns=heads).fillna("")


st.subheader("Bab III A. Capaian kinerja", anchor=False)
if hasil.empty:
    st.info("Belum ada indikator untuk unit dan tahun ini.")
else:
    missing = int(hasil["capaian"].isna().sum())
    if missing:
        st.warning(f"{missing} indikator belum dilaporkan pada triwulan IV {tahun}; capaian "
                   "tahunannya kosong.")  # fmt: skip
    st.dataframe(_shown(hasil, {k: HEADS[k] for k in LKJIP_COLUMNS}), hide_index=True,
                 width="stretch")  # fmt: skip
    reasons = hasil[hasil[FAKTOR].notna().any(axis=1)]
    with st.expander(f"Faktor pendukung, penghambat dan tindak lanjut ({len(reasons)})"):
        st.dataframe(_shown(reasons, {"indikator": "Indikator", "capaian": "Capaian (%)",
                                      "faktor_pendukung": "Faktor pendukung",
                                      "faktor_penghambat": "Faktor penghambat",
                                      "tindak_lanjut": "Tindak lanjut"}),
                     hide_index=True, width="stretch")  # fmt: skip

st.subheader("Bab III B. Realisasi anggaran", anchor=False)
budget = lkjip_data.budget(actor, tahun, unit)
if budget.empty:
    st.info("Belum ada data realisasi anggaran tahun ini.")
else:
    st.dataframe(_shown(budget, {"program": "OPD" if unit == "PEMDA" else "Program",
                                 "pagu": "Pagu", "realisasi": "Realisasi",
                                 "serapan": "Serapan (%)", "capaian_rata2": "Capaian (%)",
                                 "efisiensi": "Efisiensi (poin)", "keterangan": "Keterangan"},
                        money=("pagu", "realisasi")), hide_index=True, width="stretch")  # fmt: skip

st.subheader("Dokumen", anchor=False)
c1, c2, c3 = st.columns(3)
stem = f"LKjIP_{tahun}_{unit}"
if c1.button("Siapkan Bab III (DOCX)", key="lk_docx"):
    st.session_state[f"lk_docx_{stem}"] = run_write(lkjip_data.docx, h, actor, tahun, unit)
if c2.button("Siapkan tabel Bab III (Excel)", key="lk_xlsx"):
    st.session_state[f"lk_xlsx_{stem}"] = run_write(lkjip_data.xlsx, h, actor, tahun, unit)
for col, kind, mime in ((c1, "docx", DOCX), (c2, "xlsx", XLSX)):
    blob = st.session_state.get(f"lk_{kind}_{stem}")
    if blob:
        col.download_button(f"Unduh {stem}.{kind}", blob, file_name=f"{stem}.{kind}", mime=mime,
                            icon=":material/download:", key=f"lk_unduh_{kind}")  # fmt: skip
if unit != "PEMDA":
    tw = c3.selectbox("Triwulan evaluasi Renja", [1, 2, 3, 4], index=3, key="lk_tw")
    if c3.button("Siapkan evaluasi Renja (Excel)", key="lk_renja"):
        st.session_state[f"lk_renja_{stem}_{tw}"] = run_write(lkjip_data.renja, h, actor, tahun,
                                                         int(tw), unit)  # fmt: skip
    blob = st.session_state.get(f"lk_renja_{stem}_{tw}")
    if blob:
        name = f"Renja_{tahun}_TW{tw}_{unit}.xlsx"
        c3.download_button("Unduh evaluasi Renja", blob, file_name=name,
                           mime=XLSX, icon=":material/download:", key="lk_unduh_renja")  # fmt: skip
st.caption("Dokumen DOCX dapat disunting di Word; angka dihitung dari data yang sama dengan "
           "perintah `python -m sakip_core lkjip`.")  # fmt: skip
