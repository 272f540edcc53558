"""Entry point: `streamlit run app.py`. Offers each visitor only the pages of their role."""

from __future__ import annotations

import streamlit as st

from ui import session


def _logout() -> None:
    session.logout("Anda telah keluar.")
    st.rerun()


session.configure_page()
session.check_idle()
actor = session.current_user()

if actor is None:
    pages = [st.Page("pages/masuk.py", title="Masuk", icon=":material/login:", default=True)]
else:
    pages = {
        "Kinerja": [
            st.Page(
                "pages/beranda.py", title="Beranda", icon=":material/leaderboard:", default=True
            ),
        ],
        "Akun": [
            st.Page(_logout, title="Keluar", icon=":material/logout:", url_path="keluar"),
        ],
    }

st.navigation(pages, position="sidebar").run()
