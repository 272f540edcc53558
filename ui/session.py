"""Who is using this browser session: login, logout, idle timeout and the access gate of pages.

Every page starts with `actor = require_login(...)`. That gate matters even though app.py only
offers pages to logged-in users: on a freshly started server Streamlit runs `pages/*.py` directly
for a URL such as /beranda until the first session has run `st.navigation` (engineering.md).
"""

from __future__ import annotations

import time

import streamlit as st

from sakip_core.auth import Actor, authenticate
from ui import data

USER_KEY = "_sakip_pengguna"
LAST_ACTIVE_KEY = "_sakip_terakhir_aktif"  # time.time() of the last run by a logged-in user
NOTICE_KEY = "_sakip_pesan_masuk"  # shown above the login form (e.g. after an idle logout)

APP_TITLE = "SAKIP Kabupaten Sukamaju"


def configure_page() -> None:
    """The page settings every entry point uses (app.py and pages run directly)."""
    st.set_page_config(layout="wide", page_title=APP_TITLE, page_icon=":material/leaderboard:")


def current_user() -> Actor | None:
    """The logged-in user of this browser session, or None. The only place that knows how.

    Today the user logs in with a local account (`sakip_core.auth.authenticate`, Argon2 hashes)
    and the resulting `Actor` lives in `st.session_state`. To add single sign-on later, configure
    an OIDC provider in `.streamlit/secrets.toml` ([auth]), offer `st.login()` on the login page,
    and here, when `st.user.is_logged_in`, map the identity to a local account, e.g.
    `sakip_core.auth.get_actor(handle, st.user.email)` (None -> not allowed: the account must
    exist and be active, so roles and OPD stay in our own table). `logout()` would then also call
    `st.logout()`. Pages never read `st.session_state` or `st.user` themselves.
    """
    actor = st.session_state.get(USER_KEY)
    return actor if isinstance(actor, Actor) else None


def login(nama: str, password: str) -> Actor:
    """Check the password and start the session; raises `AuthError` (message safe to show)."""
    actor = authenticate(data.handle(), nama.strip(), password)
    st.session_state[USER_KEY] = actor
    st.session_state[LAST_ACTIVE_KEY] = time.time()
    st.session_state.pop(NOTICE_KEY, None)
    return actor


def logout(notice: str | None = None) -> None:
    """End the session and forget everything it held (filters, selections)."""
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    if notice:
        st.session_state[NOTICE_KEY] = notice


def idle_minutes() -> float:
    """Setting `menit_sesi_idle`; a missing or broken value falls back to 30 minutes."""
    try:
        minutes = float(data.setting("menit_sesi_idle"))
    except (TypeError, ValueError):
        return 30.0
    return minutes if minutes > 0 else 30.0


def check_idle(now: float | None = None) -> None:
    """Log out a user whose previous run is older than the idle limit; else note this run."""
    if current_user() is None:
        return
    now = time.time() if now is None else now
    last = st.session_state.get(LAST_ACTIVE_KEY)
    limit = idle_minutes()
    if isinstance(last, int | float) and now - last > limit * 60:
        logout(
            f"Sesi Anda berakhir karena tidak ada aktivitas selama {limit:g} menit. "
            "Silakan masuk lagi."
        )
        return
    st.session_state[LAST_ACTIVE_KEY] = now


def require_login(roles: set[str] | None = None) -> Actor:
    """The gate at the top of every page: the logged-in Actor, or the login form and a stop.

    `roles`: the roles allowed on the page (None: every logged-in user). Anyone else sees a
    refusal and nothing of the page.
    """
    from ui.login import login_form  # the form itself needs this module

    configure_page()
    check_idle()
    actor = current_user()
    if actor is None:
        login_form()
        st.stop()
    if roles is not None and actor.peran not in roles:
        st.error("Anda tidak berwenang membuka halaman ini.")
        st.stop()
    return actor
