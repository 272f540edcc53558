"""Admin: import the OPD list and PK indicators per year with the same whole-file checking as
the operators' upload (every problem at once; nothing written before confirmation)."""

from __future__ import annotations

import streamlit as st

from sakip_core import masterdata
from sakip_core.access import ADMIN
from sakip_core.io.importer import check_upload, import_upload
from sakip_core.io.templates import template_bytes, template_frame
from ui import data
from ui.reporting import opd_names, run_write, show_problems, show_table, show_warnings
from ui.session import require_login

actor = require_login(set(ADMIN))
h = data.handle()
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
st.title("Data Induk: OPD, Indikator PK, Jabatan dan Renstra", anchor=False)
flash = st.session_state.pop("induk_pesan", None)
if flash:
    st.success(flash)

dataset = st.radio(
    "Data", ["opd", "indikator", "jabatan", "renstra"], horizontal=True, key="induk_dataset",
    format_func={"opd": "Daftar OPD", "indikator": "Indikator PK per tahun",
                 "jabatan": "Jabatan dan pejabat", "renstra": "Renstra / RPJMD"}.get,
)  # fmt: skip
all_opd = masterdata.opd_list(h)
opds = all_opd[["kode_opd", "nama_opd"]]
names = {"PEMDA": "Pemerintah Daerah", **opd_names()}
if dataset == "opd":
    show_table(opds, height=240)
    frame = all_opd
elif dataset == "jabatan":
    frame = template_frame(h, "jabatan")
    show_table(frame, height=240, names=names, decimals_as_text=True)
    st.caption(
        "Pergantian pejabat: ubah nama, NIP, pangkat dan status pada templat ini lalu unggah; "
        "pejabat lama tersimpan di riwayat (halaman Jabatan & Cascading)."
    )
elif dataset == "renstra":
    units = ["PEMDA", *opds["kode_opd"].tolist()]
    unit = st.selectbox("Unit (PEMDA = RPJMD)", units, key="induk_renstra_unit")
    frame = template_frame(h, "renstra", unit)
    show_table(frame, height=240, names=names, decimals_as_text=True)
    st.caption(
        "Satu baris per indikator per periode (paling lama 5 tahun). Kode indikator sama dengan "
        "kode pada PK tiap tahun; unggahan ulang untuk periode yang sama menggantikan barisnya "
        "dan yang lama tersimpan di riwayat."
    )
else:
    versions = masterdata.pk_versions(h)
    show_table(versions, height=240, names=names)
    c1, c2 = st.columns(2)
    kode = c1.selectbox("OPD untuk templat terisi", opds["kode_opd"].tolist(), key="induk_opd")
    tahun = c2.number_input("Tahun", 2000, 2100, max(data.years() or [2026]), key="induk_tahun")
    frame = template_frame(h, "indikator", kode, int(tahun))
st.download_button(
    f"Unduh templat {dataset} ({len(frame)} baris terisi)",
    data=template_bytes(frame, dataset),
    file_name=f"{dataset}.xlsx",
    mime=XLSX,
    icon=":material/download:",
)
st.caption(
    "Unggahan indikator untuk satu OPD dan tahun menjadi versi PK baru; versi lama tetap tersimpan."
)

round_key = f"induk_berkas_{dataset}_{st.session_state.get('induk_putaran', 0)}"
upload = st.file_uploader(
    f"Berkas {dataset} (.xlsx atau .csv)", type=["xlsx", "csv"], key=round_key
)
if upload is not None:
    raw = upload.getvalue()
    check = check_upload(h, dataset, raw, upload.name, actor)
    show_warnings(check)
    if not check.ok:
        show_problems(check)
        st.stop()
    st.info(f"Berkas lolos pemeriksaan: {len(check.rows)} baris. Belum ada yang disimpan.")
    show_table(check.rows, height=240, names=names, decimals_as_text=True)
    if st.button("Simpan", type="primary", key="induk_simpan"):
        result = run_write(import_upload, h, dataset, raw, upload.name, actor)
        if result is not None and not result.ok:
            show_problems(result.check)
        elif result is not None:
            b = result.batch
            st.session_state["induk_pesan"] = (
                f"Tersimpan sebagai batch {b.batch_id}: {b.baru} baru, {b.berubah} berubah."
            )
            st.session_state["induk_putaran"] = st.session_state.get("induk_putaran", 0) + 1
            st.rerun()
