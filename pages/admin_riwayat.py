"""Admin: upload batches, superseded values and the audit log; restore a value or a batch.

Restoring a batch asks for confirmation first, saying which batch and how many values come back.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from sakip_core import audit, restore
from sakip_core.access import ADMIN
from sakip_core.io.writer import SUPERSEDING
from ui import data
from ui.reporting import ask_confirmation, confirmation, opd_names, run_write, show_table
from ui.session import require_login
from ui.text import md

CONFIRM_KEY = "riwayat_tanya"


def _restore_message(batch: pd.Series) -> str:
    """What restoring `batch` (a row of `restore.batches`) does, with its figures."""
    dataset = str(batch["dataset"])
    n = restore.restorable_count(h, actor, int(batch["id"]), dataset)
    when = f" pada {batch['waktu']:%d-%m-%Y %H:%M}" if pd.notna(batch["waktu"]) else ""
    head = (
        f"**Pulihkan batch {int(batch['id'])}?** Data {md(dataset)}, berkas "
        f"{md(batch['nama_file'] or '–')}, diunggah oleh {md(batch['pengguna'] or '–')}{when}. "
    )
    if not n:
        return head + "Semua nilainya masih berlaku: tidak ada yang akan dipulihkan."
    tail = " Realisasi yang dipulihkan kembali berstatus draf." if dataset == "realisasi" else ""
    return head + (
        f"{n} nilai batch ini yang sudah diganti akan dikembalikan; nilai yang berlaku sekarang "
        f"dipindahkan ke riwayat (pemulihan dicatat sebagai batch baru).{tail}"
    )


actor = require_login(set(ADMIN))
h = data.handle()
st.title("Riwayat dan Pemulihan", anchor=False)
flash = st.session_state.pop("riwayat_pesan", None)
if flash:
    st.success(flash)

tab_batch, tab_nilai, tab_audit = st.tabs(["Batch unggahan", "Nilai yang diganti", "Log audit"])

with tab_batch:
    batches = restore.batches(h, actor)
    # the first 12 hex digits tell two files apart; the whole checksum stays in the database
    show_table(batches.assign(checksum=batches["checksum"].str.slice(0, 12)), height=300)
    restorable = batches[batches["dataset"].isin(list(SUPERSEDING))]["id"].tolist()
    pick = st.selectbox("Batch", restorable, key="riwayat_batch")
    st.caption(
        "Memulihkan batch mengembalikan nilai-nilai batch itu yang sudah diganti unggahan "
        "berikutnya. Pemulihan dicatat sebagai batch baru; realisasi yang dipulihkan kembali "
        "berstatus draf."
    )
    subject = ("pulihkan", int(pick)) if pick is not None else None
    if st.button("Pulihkan batch", key="riwayat_pulihkan_batch", disabled=pick is None):
        ask_confirmation(CONFIRM_KEY, subject)
    chosen = batches[batches["id"] == pick]
    message = partial(_restore_message, chosen.iloc[0]) if len(chosen) else ""
    if confirmation(CONFIRM_KEY, subject, message, "Ya, pulihkan"):
        n = run_write(restore.restore_batch, h, actor, int(pick))
        if n:
            st.session_state["riwayat_pesan"] = f"{n} nilai dari batch {pick} dipulihkan."
            st.rerun()

with tab_nilai:
    dataset = st.selectbox("Data", list(SUPERSEDING), key="riwayat_dataset")
    old = restore.superseded(h, actor, dataset)
    names = {"PEMDA": "Pemerintah Daerah", **opd_names()}
    show_table(old, height=300, names=names, decimals_as_text=True)
    rid = st.selectbox("Id riwayat", old["id"].tolist(), key="riwayat_id")
    if rid is not None and st.button("Pulihkan nilai ini", key="riwayat_pulihkan_nilai"):
        batch = run_write(restore.restore_value, h, actor, int(rid), dataset)
        if batch:
            st.session_state["riwayat_pesan"] = f"Nilai dipulihkan (batch {batch})."
            st.rerun()

with tab_audit:
    show_table(audit.audit_log(h, actor), height=400)
