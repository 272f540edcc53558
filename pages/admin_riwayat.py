"""Admin: upload batches, superseded values and the audit log; restore a value or a batch."""

from __future__ import annotations

import streamlit as st

from sakip_core import audit, restore
from sakip_core.access import ADMIN
from sakip_core.io.writer import SUPERSEDING
from ui import data
from ui.reporting import run_write
from ui.session import require_login

actor = require_login(set(ADMIN))
h = data.handle()
st.title("Riwayat dan Pemulihan", anchor=False)
flash = st.session_state.pop("riwayat_pesan", None)
if flash:
    st.success(flash)

tab_batch, tab_nilai, tab_audit = st.tabs(["Batch unggahan", "Nilai yang diganti", "Log audit"])

with tab_batch:
    batches = restore.batches(h, actor)
    st.dataframe(batches, hide_index=True, width="stretch", height=300)
    restorable = batches[batches["dataset"].isin(list(SUPERSEDING))]["id"].tolist()
    pick = st.selectbox("Batch", restorable, key="riwayat_batch")
    st.caption(
        "Memulihkan batch mengembalikan nilai-nilai batch itu yang sudah diganti unggahan "
        "berikutnya. Pemulihan dicatat sebagai batch baru; realisasi yang dipulihkan kembali "
        "berstatus draf."
    )
    if pick is not None and st.button("Pulihkan batch", key="riwayat_pulihkan_batch"):
        n = run_write(restore.restore_batch, h, actor, int(pick))
        if n:
            st.session_state["riwayat_pesan"] = f"{n} nilai dari batch {pick} dipulihkan."
            st.rerun()

with tab_nilai:
    dataset = st.selectbox("Data", list(SUPERSEDING), key="riwayat_dataset")
    old = restore.superseded(h, actor, dataset)
    st.dataframe(old, hide_index=True, width="stretch", height=300)
    rid = st.selectbox("Id riwayat", old["id"].tolist(), key="riwayat_id")
    if rid is not None and st.button("Pulihkan nilai ini", key="riwayat_pulihkan_nilai"):
        batch = run_write(restore.restore_value, h, actor, int(rid), dataset)
        if batch:
            st.session_state["riwayat_pesan"] = f"Nilai dipulihkan (batch {batch})."
            st.rerun()

with tab_audit:
    st.dataframe(audit.audit_log(h, actor), hide_index=True, width="stretch", height=400)
