"""Entry point: `streamlit run app.py`. Offers each visitor only the pages of their role.

Every page is registered for everyone, so a bookmarked URL such as /beranda always resolves
(instead of Streamlit's English "Page not found" dialog); pages a visitor may not use are
hidden from the menu, and each page enforces access itself at its top (`ui.session`).
"""

from __future__ import annotations

import logging

import streamlit as st

from sakip_core import faults
from ui import nav, session, streamlit_texts

MASUK = "pages/masuk.py"
BERANDA = "pages/beranda.py"


def _home() -> None:
    """The root URL: Beranda for a logged-in user, else the login page (each has its own URL)."""
    st.switch_page(BERANDA if session.current_user() else MASUK)


def _logout() -> None:
    if session.current_user() is not None:
        session.logout("Anda telah keluar.")
    st.switch_page(MASUK)


session.configure_page()
streamlit_texts.install()  # Streamlit's own English texts in Bahasa Indonesia
session.refresh()
actor = session.current_user()


def _shown(visible: bool) -> str:
    return "visible" if visible else "hidden"


pages = [
    # The default page always has the URL "/", so it is a forwarder: /masuk and /beranda stay
    # valid addresses whoever opens them.
    st.Page(_home, title="Mulai", url_path="mulai", default=True, visibility="hidden"),
    st.Page(
        MASUK,
        title="Masuk",
        icon=":material/login:",
        url_path="masuk",
        visibility=_shown(actor is None),
    ),
    *[
        st.Page(
            spec.path,
            title=spec.title,
            icon=spec.icon,
            url_path=spec.url_path,
            visibility=_shown(nav.visible_for(spec, actor.peran if actor else None)),
        )
        for spec in nav.PAGES
    ],
    st.Page(
        _logout,
        title=nav.logout_title(actor.nama_pengguna) if actor else "Keluar",
        icon=":material/logout:",
        url_path="keluar",
        visibility=_shown(actor is not None),
    ),
]

# position="top": a menu bar instead of a sidebar leaves the full width to the league table
# (client.showSidebarNavigation = false hides a sidebar menu built by st.navigation as well).
page = st.navigation(pages, position="top")
try:
    page.run()
except Exception as exc:  # a fault of the store (disk full, file gone or damaged) is explained
    if not faults.is_fault(exc):
        raise
    logging.getLogger(__name__).warning("page stopped by a fault of the store", exc_info=True)
    st.error(faults.describe(exc))
