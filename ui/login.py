"""The login form and the change-password form (shown by pages/masuk.py, pages/akun.py and by
`require_login` on any gated page)."""

from __future__ import annotations

import logging

import streamlit as st

from sakip_core import faults
from sakip_core.auth import Actor, AuthError, change_password
from ui import data, session

LOG = logging.getLogger(__name__)
UNAVAILABLE = (
    "Layanan masuk sedang terganggu (basis data tidak dapat dihubungi atau sedang sibuk). "
    "Tidak ada yang berubah; coba lagi sebentar lagi atau hubungi admin."
)


def login_form(after_login: str | None = None) -> None:
    """Render the form; on success the script reruns as the logged-in user, on this page or on
    `after_login` (the login page goes straight to Beranda: no extra run in between, in which a
    click on the menu that has just appeared could be overtaken by a redirect)."""
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
        except Exception as exc:  # noqa: BLE001  never a traceback at the door
            LOG.warning("login failed on a database error", exc_info=True)
            st.error(faults.describe(exc) if faults.is_fault(exc) else UNAVAILABLE)
            return
        if after_login is not None:
            st.switch_page(after_login)
        st.rerun()


def change_password_form(actor: Actor, forced: bool = False) -> None:
    """Old password, new one twice. `forced`: the only thing this user may do for now."""
    if forced:
        st.title("Ganti kata sandi", anchor=False)
        st.warning(
            "Kata sandi akun ini dibuat oleh admin atau masih kata sandi demo. Sebelum "
            "melanjutkan, pilih kata sandi Anda sendiri (minimal 10 karakter)."
        )
    with st.form("form_ganti_sandi", border=True, clear_on_submit=True):
        lama = st.text_input("Kata sandi lama", type="password", autocomplete="current-password")
        baru = st.text_input("Kata sandi baru", type="password", autocomplete="new-password")
        ulang = st.text_input(
            "Ulangi kata sandi baru", type="password", autocomplete="new-password"
        )
        submitted = st.form_submit_button("Simpan kata sandi", type="primary")
    if forced and st.button("Keluar", key="ganti_sandi_keluar"):
        session.logout("Anda telah keluar.")
        st.rerun()
    if not submitted:
        return
    if baru != ulang:
        st.error("Kata sandi baru dan ulangannya tidak sama.")
        return
    try:
        keep = st.session_state.get(session.SESSION_KEY)
        change_password(data.handle(), actor.nama_pengguna, lama, baru, keep_session=keep)
    except AuthError as exc:
        st.error(str(exc))
        return
    except Exception as exc:  # noqa: BLE001
        LOG.warning("password change failed on a database error", exc_info=True)
        st.error(faults.describe(exc) if faults.is_fault(exc) else UNAVAILABLE)
        return
    st.session_state["_sakip_sandi_diganti"] = True
    st.rerun()


def password_changed_notice() -> None:
    """The confirmation after a change (shown once, on the page the user lands on)."""
    if st.session_state.pop("_sakip_sandi_diganti", False):
        st.success("Kata sandi diganti. Sesi lain akun ini sudah diakhiri.")
