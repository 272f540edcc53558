"""Akun Saya: who am I, and change my own password (every logged-in user)."""

from __future__ import annotations

import streamlit as st

from ui.login import change_password_form
from ui.session import require_login
from ui.text import md

actor = require_login()
st.title("Akun Saya", anchor=False)
opd = f", OPD {md(actor.kode_opd)}" if actor.kode_opd else ""
st.markdown(f"Masuk sebagai **{md(actor.nama_pengguna)}** (peran {md(actor.peran)}{opd}).")
st.subheader("Ganti kata sandi", anchor=False)
st.caption(
    "Minimal 10 karakter, tidak sama dengan nama pengguna. Sesi lain akun ini akan diakhiri."
)
change_password_form(actor)
