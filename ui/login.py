"""The login form (shown by pages/masuk.py and by `require_login` on any gated page)."""

from __future__ import annotations

import streamlit as st

from sakip_core.auth import AuthError
from ui import session


def login_form() -> None:
    """Render the form; on success the script reruns as the logged-in user."""
    _, middle, _ = st.columns([1, 1.3, 1])
    with middle:
        st.header(session.APP_TITLE, anchor=False)
        st.caption("Sistem Akuntabilitas Kinerja Instansi Pemerintah — pemantauan kinerja OPD")
        notice = st.session_state.get(session.NOTICE_KEY)
        if notice:
            st.warning(notice)
        with st.form("form_masuk", border=True):
            nama = st.text_input("Nama pengguna", autocomplete="username")
            sandi = st.text_input("Kata sandi", type="password", autocomplete="current-password")
            submitted = st.form_submit_button("Masuk", type="primary", width="stretch")
        if not submitted:
            return
        if not nama.strip() or not sandi:
            st.error("Isi nama pengguna dan kata sandi.")
            return
        try:
            session.login(nama, sandi)
        except AuthError as exc:
            st.error(str(exc))
            return
        st.rerun()
