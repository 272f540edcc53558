"""Issue 11, points 7–10 on the pages (AppTest): the login form's refusals, sessions re-read on
every run, the cookie after a reload, the forced password change, the new-account form."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import sakip_core
from sakip_core import admin, sessions
from sakip_core.auth import LOGIN_FAILED, Actor
from tests.page_helpers import (
    ROOT,
    TIMEOUT,
    log_in,
    plain,
    query,
    ranking,
    rankings,
    sign_in,
    texts,
    use_demo_copy,
)
from ui import session as ui_session
from ui.login import UNAVAILABLE

ADMIN = Actor("admin", "admin")
PIMPINAN = Actor("pimpinan", "pimpinan")


@pytest.fixture
def db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(ROOT)
    return use_demo_copy(demo_db, tmp_path, monkeypatch)


def app(script: str = "app.py") -> AppTest:
    at = AppTest.from_file(str(ROOT / script), default_timeout=TIMEOUT)
    return at


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


fill_login = log_in


def is_login_form(at: AppTest) -> bool:
    return [t.label for t in at.text_input] == ["Nama pengguna", "Kata sandi"]


def write(db: Path, sql: str, params: list | None = None) -> None:
    h = sakip_core.connect(db)
    try:
        with h.transaction() as conn:
            conn.execute(sql, params or [])
    finally:
        h.close()


def test_sistem_cannot_log_in_through_the_form(db: Path) -> None:
    at = fill_login(run(app()), "sistem", "")
    assert is_login_form(at)  # the empty password is refused before anything else
    at = fill_login(run(app()), "sistem", "apa-saja")
    assert LOGIN_FAILED in [e.value for e in at.error] and is_login_form(at)


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (duckdb.InternalException("INTERNAL Error: Attempted to access index 3"), UNAVAILABLE),
        (duckdb.TransactionException("TransactionContext Error: Conflict on update!"), "coba lagi"),
        (
            duckdb.TransactionException(
                "Failed to commit: Could not write file: No space left on device"
            ),
            "penuh",
        ),
    ],
)
def test_database_error_at_login_is_an_indonesian_message(
    db: Path, monkeypatch: pytest.MonkeyPatch, error: Exception, expected: str
) -> None:
    def broken(*_args: object) -> None:
        raise error

    monkeypatch.setattr(ui_session, "authenticate", broken)
    at = fill_login(run(app()), "pimpinan", "demo")
    shown = [e.value for e in at.error]
    assert len(shown) == 1 and expected in shown[0]
    assert "Error" not in shown[0] and is_login_form(at)


def test_disabled_account_is_logged_out_on_the_next_click(db: Path) -> None:
    at = app("pages/beranda.py")
    sign_in(at, PIMPINAN)
    run(at)
    assert len(rankings(at)) == 1
    h = sakip_core.connect(db)
    admin.set_active(h, ADMIN, "pimpinan", False)  # from another session
    h.close()
    run(at)
    assert is_login_form(at) and not at.dataframe
    assert any("diakhiri" in w.value or "dinonaktifkan" in w.value for w in at.warning)


def test_a_changed_role_and_opd_take_effect_on_the_next_run(db: Path) -> None:
    at = app("pages/beranda.py")
    sign_in(at, PIMPINAN)
    run(at)
    everyone = len(ranking(at).value)
    write(db, "UPDATE pengguna SET peran = 'operator', kode_opd = '1.02.01' "
              "WHERE nama_pengguna = 'pimpinan'")  # fmt: skip
    run(at)
    assert everyone > 1 and len(ranking(at).value) == 1
    assert "operator" in texts(at)
    admin_page = app("pages/admin_pengguna.py")
    sign_in(admin_page, Actor("pimpinan", "operator", "1.02.01"))
    assert "tidak berwenang" in texts(run(admin_page))


def test_reload_with_the_cookie_keeps_the_login(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = fill_login(run(app()), "pimpinan", "demo")
    assert not is_login_form(first)
    tiket = first.session_state[ui_session.TICKET_KEY]
    h = sakip_core.connect(db)
    cookie = sessions.exchange_ticket(h, tiket)  # what server.py does for the browser
    h.close()
    assert cookie is not None

    monkeypatch.setattr(ui_session, "_cookie", lambda: cookie.value)
    reloaded = run(app("pages/beranda.py"))  # a new Streamlit session: nothing in its state
    assert not is_login_form(reloaded) and len(rankings(reloaded)) == 1
    assert (
        reloaded.session_state[ui_session.SESSION_KEY]
        == first.session_state[ui_session.SESSION_KEY]
    )

    last = "1" if cookie.value.endswith("0") else "0"  # always another signature
    monkeypatch.setattr(ui_session, "_cookie", lambda: cookie.value[:-1] + last)
    assert is_login_form(run(app("pages/beranda.py")))  # a forged cookie is nobody


def test_a_logout_elsewhere_ends_every_tab_of_the_session(db: Path) -> None:
    tab1 = app("pages/beranda.py")
    sesi = sign_in(tab1, PIMPINAN)
    run(tab1)
    tab2 = app("pages/rapim.py")
    tab2.session_state[ui_session.SESSION_KEY] = sesi  # a second tab of the same browser
    assert not is_login_form(run(tab2))
    h = sakip_core.connect(db)
    sessions.revoke(h, sesi, "keluar")  # what the menu's "Keluar" does in tab 1
    h.close()
    assert is_login_form(run(tab2)) and is_login_form(run(tab1))
    state = query(db, "SELECT alasan_cabut FROM sesi WHERE id = ?", [sesi])
    assert state["alasan_cabut"].tolist() == ["keluar"]


def test_demo_password_must_be_changed_at_first_login(db: Path) -> None:
    write(db, "UPDATE pengguna SET harus_ganti_sandi = true WHERE nama_pengguna = 'analis'")
    at = fill_login(run(app()), "analis", "demo")
    assert [t.label for t in at.text_input] == [
        "Kata sandi lama", "Kata sandi baru", "Ulangi kata sandi baru",
    ]  # fmt: skip
    assert not at.dataframe  # nothing else until the password is changed
    direct = app("pages/beranda.py")
    direct.session_state[ui_session.SESSION_KEY] = at.session_state[ui_session.SESSION_KEY]
    assert not run(direct).dataframe  # a direct URL does not skip the change either

    def change(lama: str, baru: str, ulang: str) -> AppTest:
        boxes = {t.label: t for t in at.text_input}
        boxes["Kata sandi lama"].input(lama)
        boxes["Kata sandi baru"].input(baru)
        boxes["Ulangi kata sandi baru"].input(ulang)
        next(b for b in at.button if b.label == "Simpan kata sandi").click()
        return run(at)

    assert "minimal 10" in " ".join(e.value for e in change("demo", "pendek", "pendek").error)
    assert "tidak sama" in " ".join(e.value for e in change("demo", "a" * 12, "b" * 12).error)
    change("demo", "sandi-analis-baru", "sandi-analis-baru")
    at.switch_page("pages/beranda.py")
    run(at)
    assert len(rankings(at)) == 1
    flag = query(db, "SELECT harus_ganti_sandi FROM pengguna WHERE nama_pengguna = 'analis'")
    assert flag["harus_ganti_sandi"].tolist() == [False]
    assert not is_login_form(fill_login(run(app()), "analis", "sandi-analis-baru"))


def test_own_password_change_on_the_account_page(db: Path) -> None:
    at = app("pages/akun.py")
    sign_in(at, PIMPINAN)
    run(at)
    boxes = {t.label: t for t in at.text_input}
    boxes["Kata sandi lama"].input("demo")
    boxes["Kata sandi baru"].input("sandi-pimpinan-2026")
    boxes["Ulangi kata sandi baru"].input("sandi-pimpinan-2026")
    next(b for b in at.button if b.label == "Simpan kata sandi").click()
    run(at)
    assert any("Kata sandi diganti" in s.value for s in at.success)
    assert is_login_form(fill_login(run(app()), "pimpinan", "demo"))  # the old one is gone


def test_new_account_form_defaults_to_operator_and_needs_an_opd(db: Path) -> None:
    at = app("pages/admin_pengguna.py")
    sign_in(at, ADMIN)
    run(at)
    assert at.selectbox(key="pb_peran").value == "operator"
    at.text_input(key="pb_nama").input("rina")
    at.text_input(key="pb_sandi").input("sandi-awal-rina")
    next(b for b in at.button if b.label == "Buat akun").click()
    run(at)
    assert any("harus terikat pada satu OPD" in e.value for e in at.error)
    assert query(db, "SELECT * FROM pengguna WHERE nama_pengguna = 'rina'").empty


def test_the_menu_title_shows_a_user_name_literally() -> None:
    from ui.nav import logout_title

    title = logout_title("![x](http://evil.example/i.png) **b**")
    assert "](" not in title and "**" not in title and "http://" not in title
    assert plain(title) == "Keluar (![x](http://evil.example/i.png) **b**)"


def _two_gates() -> None:
    """What a real server runs on every click: app.py's refresh, then the page's gate."""
    import streamlit as st

    from sakip_core import sessions as core_sessions
    from ui import session

    calls = st.session_state.setdefault("resume_calls", [])
    real = core_sessions.resume

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)

    core_sessions.resume = counted
    try:
        session.refresh()
        session.require_login()
        st.write(f"calls {len(calls)}")
        session.refresh(force=True)  # a view that redraws itself reads again
        st.write(f"forced {len(calls)}")
    finally:
        core_sessions.resume = real


def test_the_account_is_read_once_per_run(db: Path) -> None:
    at = AppTest.from_function(_two_gates, default_timeout=TIMEOUT)
    sign_in(at, PIMPINAN)
    run(at)
    assert [m.value for m in at.markdown][-2:] == ["calls 1", "forced 2"]
    run(at)  # the next run reads again
    assert [m.value for m in at.markdown][-2:] == ["calls 3", "forced 4"]
