"""Admin: open and lock quarters (who and when are recorded) and set reporting deadlines.

Locking asks for confirmation first (what it blocks and how many values are not yet verified).
The deadline widgets are keyed by year and quarter, so they always show, and save, the chosen
quarter's own deadline.
"""

from __future__ import annotations

from datetime import datetime, time

import pandas as pd
import streamlit as st

from sakip_core import admin, workflow
from sakip_core.access import ADMIN
from ui import data
from ui.reporting import ask_confirmation, confirmation, period_label, run_action, show_table
from ui.session import require_login
from ui.text import md, nama_triwulan

CONFIRM_KEY = "kunci_tanya"

actor = require_login(set(ADMIN))
h = data.handle()
st.title("Kunci Triwulan dan Batas Waktu", anchor=False)
flash = st.session_state.pop("kunci_pesan", None)
if flash:
    st.success(flash)

table = admin.quarters(h, actor)
show_table(table.assign(triwulan=table["triwulan"].map(nama_triwulan)), height=300)

years = sorted({*data.years(), *table["tahun"].astype(int).tolist()}, reverse=True)
c1, c2 = st.columns(2)
tahun = int(c1.selectbox("Tahun", years or [datetime.now().year], key="kunci_tahun"))
triwulan = int(c2.selectbox("Triwulan", [1, 2, 3, 4], key="kunci_tw", format_func=nama_triwulan))
label = period_label(tahun, triwulan)
row = table[(table["tahun"] == tahun) & (table["triwulan"] == triwulan)]
locked = bool(row["terkunci"].iloc[0]) if not row.empty else False

summary = workflow.verification_summary(h, actor, tahun, triwulan)
unverified = int((summary["status_data"] == "sementara").sum())
values = int(summary["jumlah"].sum())
pending = int(summary[["draft", "diajukan", "ditolak"]].sum().sum()) if values else 0
if not summary.empty:
    st.caption(f"{label}: {len(summary)} OPD melapor, {unverified} belum seluruhnya terverifikasi.")


def _done(message: str) -> None:
    st.session_state["kunci_pesan"] = message
    st.rerun()


def _lock_message() -> str:
    """What locking the chosen quarter does, with the quarter's figures."""
    text = (
        f"**Kunci {label}?** Setelah dikunci, unggahan, pengajuan, dan pemulihan realisasi "
        f"{label} ditolak untuk semua pengguna, termasuk admin, sampai triwulan dibuka lagi. "
    )
    if not values:
        return text + f"Belum ada realisasi {label} yang dilaporkan."
    text += f"Saat ini ada {values} realisasi dari {len(summary)} OPD"
    if pending:
        return text + (
            f"; {pending} di antaranya belum diverifikasi (draf, diajukan, atau ditolak) pada "
            f"{unverified} OPD."
        )
    return text + ", semuanya sudah diverifikasi."


if locked:
    st.session_state.pop(CONFIRM_KEY, None)  # a question about locking is moot here
    when = row["waktu"].iloc[0]
    when_text = f", {when:%d-%m-%Y %H:%M}" if pd.notna(when) else ""
    st.warning(f"{label} terkunci (oleh {md(row['oleh'].iloc[0] or 'admin')}{when_text}).")
    if st.button(f"Buka {label}", key="kunci_buka") and run_action(
        admin.set_locked, h, actor, tahun, triwulan, False
    ):
        _done(f"{label} dibuka.")
else:
    st.info(f"{label} terbuka untuk unggahan.")
    subject = ("kunci", tahun, triwulan)
    if st.button(f"Kunci {label}", type="primary", key="kunci_kunci"):
        ask_confirmation(CONFIRM_KEY, subject)
    if confirmation(CONFIRM_KEY, subject, _lock_message, "Ya, kunci") and run_action(
        admin.set_locked, h, actor, tahun, triwulan, True
    ):
        _done(f"{label} dikunci.")

st.subheader("Batas waktu pelaporan", anchor=False)
current = row["batas_waktu"].iloc[0] if not row.empty else None
default = current.to_pydatetime() if isinstance(current, pd.Timestamp) else None
d1, d2 = st.columns(2)
period_key = f"{tahun}_{triwulan}"  # one pair of widgets per quarter: never another's deadline
tanggal = d1.date_input(
    "Tanggal", value=default.date() if default else None, key=f"batas_tgl_{period_key}",
    format="DD/MM/YYYY",
)  # fmt: skip
jam = d2.time_input(
    "Jam", value=default.time() if default else time(23, 59), key=f"batas_jam_{period_key}"
)
if st.button("Simpan batas waktu", key="batas_simpan"):
    batas = datetime.combine(tanggal, jam) if tanggal else None
    if run_action(admin.set_deadline, h, actor, tahun, triwulan, batas):
        _done(f"Batas waktu {label} disimpan.")
