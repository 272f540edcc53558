"""Admin: accounts (create, disable/enable, reset password)."""

from __future__ import annotations

import streamlit as st

from sakip_core import admin
from sakip_core.access import ADMIN
from sakip_core.auth import ROLES
from ui import data
from ui.reporting import opd_names, opd_options, run_action, run_write, show_table
from ui.session import require_login
from ui.text import md

actor = require_login(set(ADMIN))
h = data.handle()
st.title("Pengguna", anchor=False)
flash = st.session_state.pop("pengguna_pesan", None)
if flash:
    st.success(flash)

users = admin.list_users(h, actor)
show_table(users, height=300, names=opd_names())


def _done(message: str) -> None:
    st.session_state["pengguna_pesan"] = message
    st.rerun()


with st.form("pengguna_baru"):
    st.subheader("Akun baru", anchor=False)
    c1, c2, c3 = st.columns(3)
    nama = c1.text_input("Nama pengguna", key="pb_nama")
    peran = c2.selectbox("Peran", ROLES, index=ROLES.index("operator"), key="pb_peran")
    opds = opd_options()["kode_opd"].tolist()
    kode_opd = c3.selectbox(
        "OPD (wajib untuk operator)", [None, *opds], key="pb_opd", format_func=lambda k: k or "–"
    )
    sandi = st.text_input(
        "Kata sandi awal",
        type="password",
        key="pb_sandi",
        help="Minimal 10 karakter; pengguna wajib menggantinya saat pertama kali masuk.",
    )
    if st.form_submit_button("Buat akun", type="primary"):
        new = run_write(admin.add_user, h, actor, nama, peran, sandi, kode_opd)
        if new is not None:
            _done(f"Akun {md(new.nama_pengguna)} ({new.peran}) dibuat.")

st.subheader("Ubah akun", anchor=False)
names = [n for n in users["nama_pengguna"] if n != "sistem"]
target = st.selectbox("Akun", names, key="ubah_nama")
row = users.set_index("nama_pengguna").loc[target]
c1, c2 = st.columns(2)
aktif = bool(row["aktif"])
if c1.button("Nonaktifkan" if aktif else "Aktifkan", key="ubah_aktif") and run_action(
    admin.set_active, h, actor, target, not aktif
):
    _done(f"Akun {md(target)} {'dinonaktifkan' if aktif else 'diaktifkan'}.")
baru = c2.text_input("Kata sandi baru", type="password", key="ubah_sandi")
if c2.button("Reset kata sandi", key="ubah_reset") and run_action(
    admin.reset_password, h, actor, target, baru
):
    _done(f"Kata sandi {md(target)} diganti; kunci akun dibuka.")
