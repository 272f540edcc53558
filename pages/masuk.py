"""Login page (the only page offered before login)."""

from __future__ import annotations

import streamlit as st

from ui import session
from ui.login import login_form

session.configure_page()
session.refresh()
session.sync_cookie()
BERANDA = "pages/beranda.py"
if session.current_user() is None:
    login_form(after_login=BERANDA)
else:
    st.switch_page(BERANDA)
