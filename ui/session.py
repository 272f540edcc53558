"""Who is using this browser: login, logout, the session cookie and the access gate of pages.

Every page starts with `actor = require_login(...)`. That gate matters even though app.py only
offers pages to logged-in users: on a freshly started server Streamlit runs `pages/*.py` directly
for a URL such as /beranda until the first session has run `st.navigation` (engineering.md).

The login itself lives in the database (`sakip_core.sessions`): the Streamlit session keeps only
the session id, and `refresh()` reads the account again at the top of every run, so a disabled
account, a changed role or OPD, the idle limit and a logout elsewhere take effect on the next
click. After a reload (a new Streamlit session) the signed HttpOnly cookie that `server.py` set
brings the same session back.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from sakip_core import sessions
from sakip_core.auth import Actor, authenticate
from ui import cookie_sync, data

SESSION_KEY = "_sakip_sesi"  # the id of the `sesi` row of this browser's login
USER_KEY = "_sakip_pengguna"  # the Actor as the database said at the top of this run
TICKET_KEY = "_sakip_tiket"  # one-time ticket still to be exchanged for the cookie
CLEAR_COOKIE_KEY = "_sakip_hapus_cookie"  # the cookie still to be removed (after a logout)
CLEAR_PENDING, CLEAR_SENT = "belum", "dikirim"
NOTICE_KEY = "_sakip_pesan_masuk"  # shown above the login form (e.g. after an idle logout)
# The cookies of `st.context` are those of the page load, fixed for the whole Streamlit
# session: once this session's login has ended, that cookie is never consulted again (else a
# cleared cookie would keep coming back and each rerun would clear it once more).
COOKIE_USED_KEY = "_sakip_cookie_usang"
REFRESHED_KEY = "_sakip_dibaca_pada_run"  # the run in which the account was last read

APP_TITLE = "SAKIP Kabupaten Sukamaju"


def configure_page() -> None:
    """The page settings every entry point uses (app.py and pages run directly)."""
    st.set_page_config(layout="wide", page_title=APP_TITLE, page_icon=":material/leaderboard:")


def _cookie() -> str | None:
    """The session cookie the browser sent with this page (None in AppTest and without
    server.py)."""
    try:
        return st.context.cookies.get(sessions.COOKIE_NAME)
    except (AttributeError, RuntimeError):
        return None


def _this_run() -> object | None:
    """An object that exists once per script run (Streamlit gives every run fresh `cursors`);
    kept in the session state, it stays alive, so no later run can have the same one."""
    ctx = get_script_run_ctx()
    return None if ctx is None else ctx.cursors


def refresh(force: bool = False) -> None:
    """At the top of every run: who is this, as the database says now (or nobody).

    Once per run: app.py and the page's gate both call it, and the second call finds the
    account read already in this very run (`force`: read again, for a view that redraws itself).
    """
    run = _this_run()
    if not force and run is not None and st.session_state.get(REFRESHED_KEY) is run:
        return
    _read_account()
    if run is not None:
        st.session_state[REFRESHED_KEY] = run


def _read_account() -> None:
    handle = data.handle()
    sesi_id = st.session_state.get(SESSION_KEY)
    if sesi_id:
        resumed = data.guard(sessions.resume, handle, str(sesi_id))
    elif st.session_state.get(COOKIE_USED_KEY):  # logged out here: the page's cookie is stale
        return
    else:
        resumed = data.guard(sessions.resume_token, handle, _cookie())
    if resumed.actor is None:
        had_login = bool(sesi_id) or resumed.reason is not None
        notice = resumed.message(data.guard(sessions.limits, handle))
        st.session_state.pop(USER_KEY, None)
        if had_login:
            _forget(notice)
        return
    st.session_state[SESSION_KEY] = resumed.sesi_id
    st.session_state[USER_KEY] = resumed.actor


def current_user() -> Actor | None:
    """The logged-in user of this run (after `refresh`), or None. The only place that knows.

    To add single sign-on later, configure an OIDC provider in `.streamlit/secrets.toml`
    ([auth]), offer `st.login()` on the login page, and in `refresh`, when
    `st.user.is_logged_in`, map the identity to a local account and start a session for it
    (the account must exist and be active, so roles and OPD stay in our own table).
    """
    actor = st.session_state.get(USER_KEY)
    return actor if isinstance(actor, Actor) else None


def login(nama: str, password: str) -> Actor:
    """Check the password and start the session; raises `AuthError` (message safe to show)."""
    handle = data.handle()
    actor = authenticate(handle, nama.strip(), password)
    started = sessions.start(handle, actor)
    st.session_state[SESSION_KEY] = started.sesi_id
    st.session_state[USER_KEY] = actor
    st.session_state[TICKET_KEY] = started.tiket
    st.session_state.pop(NOTICE_KEY, None)
    return actor


def logout(notice: str | None = None) -> None:
    """End the session (in the database too) and forget everything this browser held."""
    sesi_id = st.session_state.get(SESSION_KEY)
    if sesi_id:
        data.guard(sessions.revoke, data.handle(), str(sesi_id), "keluar")
    _forget(notice)


def _forget(notice: str | None) -> None:
    for key in list(st.session_state.keys()):
        del st.session_state[key]
    st.session_state[CLEAR_COOKIE_KEY] = CLEAR_PENDING
    st.session_state[COOKIE_USED_KEY] = True
    if notice:
        st.session_state[NOTICE_KEY] = notice


def actor_now(roles: set[str] | frozenset[str] | None = None) -> Actor | None:
    """The user for a widget callback, read from the database now, or None.

    Streamlit runs callbacks *before* the page script, so before its `require_login`: a callback
    that writes with the actor of the previous run would still act for an account disabled,
    logged out or expired since. With None the callback writes nothing; the page run that
    follows shows the login form or the refusal. Always read anew (`force`): a callback may run
    before Streamlit has begun the new run.
    """
    refresh(force=True)
    actor = current_user()
    if actor is None or actor.harus_ganti_sandi:
        return None
    return actor if roles is None or actor.peran in roles else None


def refresh_seconds() -> float:
    """How often a self-refreshing view (the Rapim presentation) redraws: every minute, or a
    third of the idle limit when that is shorter, so its session never reaches the limit."""
    idle = data.guard(sessions.limits, data.handle()).idle_minutes * 60
    return max(10.0, min(60.0, idle / 3))


def keep_alive() -> None:
    """For a view that redraws itself (the Rapim presentation): the account and session are
    read again and the redraw counts as activity; a session that has ended reloads the app,
    which then shows the login form."""
    had = current_user() is not None
    refresh(force=True)
    if had and current_user() is None:
        st.rerun()


def sync_cookie() -> None:
    """Give the browser its session cookie after a login, or take it away after a logout.

    Called at the top of every page (`require_login`, the login page). The set-cookie component
    is rendered while the login's one-time ticket is unspent in the database (the run that shows
    it may be cut short by a page switch; the next page renders it again); the clearing one is
    rendered in the first run after the logout, which shows the login form.
    """
    # always one slot at the top, used or not: the page's elements keep their positions when the
    # component comes and goes (else the browser briefly shows the old and the new page at once)
    slot = st.empty()
    tiket, sesi_id = st.session_state.get(TICKET_KEY), st.session_state.get(SESSION_KEY)
    if tiket and sesi_id and current_user() is not None:
        if data.guard(sessions.ticket_pending, data.handle(), str(sesi_id)):
            with slot:
                cookie_sync.set_cookie(str(tiket))
        else:
            st.session_state.pop(TICKET_KEY, None)
    state = st.session_state.get(CLEAR_COOKIE_KEY)
    if state == CLEAR_PENDING:
        with slot:
            cookie_sync.clear_cookie()
        st.session_state[CLEAR_COOKIE_KEY] = CLEAR_SENT
    elif state == CLEAR_SENT:
        st.session_state.pop(CLEAR_COOKIE_KEY, None)


def require_login(roles: set[str] | None = None) -> Actor:
    """The gate at the top of every page: the logged-in Actor, or the login form and a stop.

    `roles`: the roles allowed on the page (None: every logged-in user). Anyone else sees a
    refusal and nothing of the page. A user who must change their password sees only that form.
    """
    from ui.login import (  # the forms need this module
        change_password_form,
        login_form,
        password_changed_notice,
    )

    configure_page()
    refresh()
    sync_cookie()
    actor = current_user()
    if actor is None:
        login_form()
        st.stop()
    if actor.harus_ganti_sandi:
        change_password_form(actor, forced=True)
        st.stop()
    if roles is not None and actor.peran not in roles:
        st.error("Anda tidak berwenang membuka halaman ini.")
        st.stop()
    password_changed_notice()  # after a forced change: said once, on the page the user wanted
    return actor
