"""Issue 11, points 7–10 in the core: atomic lockout, sessions that survive a reload and end
when they should, the `sistem` account, password rules."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from sakip_core import admin, clock, sessions
from sakip_core.auth import (
    LOGIN_FAILED,
    MAX_FAILURES,
    SYSTEM_USER,
    Actor,
    AuthError,
    authenticate,
    change_password,
    create_user,
)
from sakip_core.db import Handle
from tests.concurrency import at_once
from tests.reporting_fixtures import ADMIN, OP_A, PASSWORD, reporting_db


@pytest.fixture
def h(tmp_path: Path) -> Handle:
    handle = reporting_db(tmp_path, with_users=True)
    yield handle
    handle.close()


def failures(h: Handle, nama: str) -> tuple[int, object]:
    row = h.query_df(
        "SELECT gagal_berturut, terkunci_sampai FROM pengguna WHERE nama_pengguna = ?", [nama]
    ).iloc[0]
    return int(row["gagal_berturut"]), row["terkunci_sampai"]


# --- point 7: lockout that holds under parallel guesses -------------------------------------


def test_forty_parallel_guesses_lock_the_account_without_errors(h: Handle) -> None:
    def guess(i: int) -> object:
        try:
            authenticate(h, "op-a", f"tebakan-{i}")
            return "masuk"
        except AuthError as exc:
            return str(exc)  # anything else (an uncaught "Conflict on update") is kept as is

    assert at_once(guess, 40) == [LOGIN_FAILED] * 40
    _, until = failures(h, "op-a")
    assert until is not None and until > clock.now()
    with pytest.raises(AuthError) as refused:  # the right password does not open it now
        authenticate(h, "op-a", PASSWORD)
    assert str(refused.value) == LOGIN_FAILED


def test_parallel_logins_of_one_account_all_get_their_own_session(h: Handle) -> None:
    started = at_once(lambda _: sessions.start(h, authenticate(h, "op-a", PASSWORD)).sesi_id, 8)
    assert all(isinstance(s, str) for s in started) and len(set(started)) == 8
    assert all(sessions.resume(h, s).actor == OP_A for s in started)


def test_failures_are_counted_and_the_fifth_locks(h: Handle) -> None:
    for n in range(1, MAX_FAILURES):
        with pytest.raises(AuthError):
            authenticate(h, "op-a", "salah")
        assert failures(h, "op-a")[0] == n
    with pytest.raises(AuthError):
        authenticate(h, "op-a", "salah")
    count, until = failures(h, "op-a")
    assert count == 0 and until is not None


def test_locked_and_wrong_password_read_the_same(h: Handle) -> None:
    with pytest.raises(AuthError) as wrong:
        authenticate(h, "op-a", "salah")
    with pytest.raises(AuthError) as unknown:
        authenticate(h, "tidak-ada", "salah")
    for _ in range(MAX_FAILURES):
        with pytest.raises(AuthError):
            authenticate(h, "op-a", "salah")
    with pytest.raises(AuthError) as locked:
        authenticate(h, "op-a", PASSWORD)
    assert str(wrong.value) == str(unknown.value) == str(locked.value) == LOGIN_FAILED
    assert "terkunci sampai" not in LOGIN_FAILED  # no time that would confirm the lock


def test_the_lock_ends_after_its_time(h: Handle) -> None:
    for _ in range(MAX_FAILURES):
        with pytest.raises(AuthError):
            authenticate(h, "op-a", "salah")
    later = clock.now() + timedelta(minutes=16)
    assert authenticate(h, "op-a", PASSWORD, now=later).nama_pengguna == "op-a"


# --- point 8: the built-in account -----------------------------------------------------------


def test_sistem_can_never_log_in_or_be_given_a_password(h: Handle) -> None:
    from sakip_core.auth import ensure_system_user

    ensure_system_user(h)
    with pytest.raises(AuthError):
        authenticate(h, SYSTEM_USER, "")
    for call in (
        lambda: admin.reset_password(h, ADMIN, SYSTEM_USER, "sandi-panjang-sekali"),
        lambda: admin.set_active(h, ADMIN, SYSTEM_USER, True),
        lambda: admin.set_active(h, ADMIN, SYSTEM_USER, False),
    ):
        with pytest.raises(admin.AdminError, match="tidak pernah"):
            call()
    # even a hash written behind the services' back does not open it
    with h.transaction() as conn:
        conn.execute(
            "UPDATE pengguna SET hash_sandi = (SELECT hash_sandi FROM pengguna "
            "WHERE nama_pengguna = 'op-a') WHERE nama_pengguna = ?",
            [SYSTEM_USER],
        )
    with pytest.raises(AuthError):
        authenticate(h, SYSTEM_USER, PASSWORD)
    with pytest.raises(ValueError):
        sessions.start(h, Actor(SYSTEM_USER, "admin"))


# --- point 9: sessions -----------------------------------------------------------------------


def login(h: Handle, nama: str = "op-a") -> tuple[sessions.Started, sessions.Cookie]:
    actor = authenticate(h, nama, PASSWORD)
    started = sessions.start(h, actor)
    cookie = sessions.exchange_ticket(h, started.tiket)
    assert cookie is not None
    return started, cookie


def test_the_cookie_brings_the_session_back_after_a_reload(h: Handle) -> None:
    started, cookie = login(h)
    back = sessions.resume_token(h, cookie.value)
    assert back.actor == OP_A and back.sesi_id == started.sesi_id
    assert 0 < cookie.max_age <= 12 * 3600
    stored = h.query_df("SELECT token_hash, tiket_hash FROM sesi").iloc[0]
    token = cookie.value.split(".")[0]
    assert token not in str(stored["token_hash"]) and stored["tiket_hash"] is None


def test_a_ticket_is_used_once_and_expires(h: Handle) -> None:
    started = sessions.start(h, authenticate(h, "op-a", PASSWORD))
    assert sessions.exchange_ticket(h, started.tiket) is not None
    assert sessions.exchange_ticket(h, started.tiket) is None
    late = sessions.start(h, authenticate(h, "op-a", PASSWORD))
    too_late = clock.now() + timedelta(seconds=sessions.TICKET_SECONDS + 1)
    assert sessions.exchange_ticket(h, late.tiket, now=too_late) is None
    assert sessions.exchange_ticket(h, "") is None


def test_a_forged_or_altered_cookie_is_refused(h: Handle) -> None:
    _, cookie = login(h)
    token, sig = cookie.value.split(".")
    other_last = "B" if token.endswith("A") else "A"  # always a different token
    for forged in (
        f"{token}.{'0' * len(sig)}",
        f"{token[:-1]}{other_last}.{sig}",
        token,
        "",
        None,
        f"{token}.{sig}.x",
    ):
        assert sessions.resume_token(h, forged).actor is None


def test_logout_revokes_the_cookie_too(h: Handle) -> None:
    started, cookie = login(h)
    sessions.revoke(h, started.sesi_id, "keluar")
    assert sessions.resume_token(h, cookie.value).actor is None
    assert sessions.resume(h, started.sesi_id).reason == "dicabut"


def test_the_logout_route_revokes_by_cookie(h: Handle) -> None:
    started, cookie = login(h)
    sessions.revoke_token(h, cookie.value)
    assert sessions.resume(h, started.sesi_id).actor is None


def test_idle_limit_and_absolute_lifetime(h: Handle) -> None:
    started, _ = login(h)
    now = clock.now()
    assert sessions.resume(h, started.sesi_id, now + timedelta(minutes=29)).actor is not None
    # that resume counted as activity: 29 more minutes are fine again
    assert sessions.resume(h, started.sesi_id, now + timedelta(minutes=58)).actor is not None
    idle = sessions.resume(h, started.sesi_id, now + timedelta(minutes=89))
    assert idle.actor is None and idle.reason == "idle"
    assert "30 menit" in idle.message(sessions.limits(h))
    assert sessions.resume(h, started.sesi_id, now + timedelta(minutes=90)).reason == "idle"

    second, _ = login(h)
    step = clock.now()
    for _ in range(25):  # active every 29 minutes: the 12 hours still end it
        step += timedelta(minutes=29)
        got = sessions.resume(h, second.sesi_id, step)
        if got.actor is None:
            break
    assert got.reason == "kedaluwarsa" and step - now >= timedelta(hours=12)


def test_presentation_refresh_keeps_the_session(h: Handle) -> None:
    started, _ = login(h)
    t = clock.now()
    for _ in range(120):  # two hours of refreshes every minute, no interaction
        t += timedelta(minutes=1)
        assert sessions.resume(h, started.sesi_id, t).actor is not None


def test_disabled_account_and_changed_role_take_effect_on_the_next_run(h: Handle) -> None:
    started, cookie = login(h)
    with h.transaction() as conn:
        conn.execute("UPDATE pengguna SET kode_opd = '1.02.01' WHERE nama_pengguna = 'op-a'")
    assert sessions.resume(h, started.sesi_id).actor.kode_opd == "1.02.01"
    admin.set_active(h, ADMIN, "op-a", False)
    gone = sessions.resume(h, started.sesi_id)
    assert gone.actor is None and gone.reason == "nonaktif"  # revoked with the account
    assert sessions.resume_token(h, cookie.value).actor is None
    admin.set_active(h, ADMIN, "op-a", True)
    assert sessions.resume(h, started.sesi_id).actor is None  # enabling does not revive it


def test_a_disabled_account_ends_even_a_session_not_revoked(h: Handle) -> None:
    started, _ = login(h)
    with h.transaction() as conn:  # disabled behind the services' back
        conn.execute("UPDATE pengguna SET aktif = false WHERE nama_pengguna = 'op-a'")
    assert sessions.resume(h, started.sesi_id).reason == "nonaktif"


# --- point 10: passwords --------------------------------------------------------------------


def test_password_change_ends_the_other_sessions(h: Handle) -> None:
    here, _ = login(h)
    there, cookie = login(h)
    change_password(h, "op-a", PASSWORD, "kata-sandi-baru-1", keep_session=here.sesi_id)
    assert sessions.resume(h, here.sesi_id).actor is not None
    assert sessions.resume(h, there.sesi_id).actor is None
    assert sessions.resume_token(h, cookie.value).actor is None
    assert authenticate(h, "op-a", "kata-sandi-baru-1").nama_pengguna == "op-a"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("salah", "kata-sandi-baru-1", "lama salah"),
        (PASSWORD, "pendek", "minimal 10"),
        (PASSWORD, "OP-A", "minimal 10"),
        (PASSWORD, PASSWORD, "minimal 10"),  # 7 characters: too short before "same as old"
    ],
)
def test_password_change_rules(h: Handle, old: str, new: str, message: str) -> None:
    with pytest.raises(AuthError, match=message):
        change_password(h, "op-a", old, new)


def test_admin_set_passwords_must_be_changed(h: Handle) -> None:
    new = admin.add_user(h, ADMIN, "budi", "analis", "sandi-awal-budi", None)
    assert new.harus_ganti_sandi
    assert authenticate(h, "budi", "sandi-awal-budi").harus_ganti_sandi
    change_password(h, "budi", "sandi-awal-budi", "sandi-pilihan-budi")
    assert not authenticate(h, "budi", "sandi-pilihan-budi").harus_ganti_sandi
    admin.reset_password(h, ADMIN, "budi", "sandi-reset-budi")
    assert authenticate(h, "budi", "sandi-reset-budi").harus_ganti_sandi
    with pytest.raises(admin.AdminError, match="minimal 10"):
        admin.add_user(h, ADMIN, "sri", "analis", "pendek", None)
    with pytest.raises(admin.AdminError, match="harus terikat pada satu OPD"):
        admin.add_user(h, ADMIN, "sri", "operator", "sandi-awal-sri", None)


def test_a_reset_ends_the_users_sessions(h: Handle) -> None:
    started, _ = login(h)
    admin.reset_password(h, ADMIN, "op-a", "sandi-reset-op-a")
    assert sessions.resume(h, started.sesi_id).actor is None


def test_create_user_low_level_keeps_its_flag(h: Handle) -> None:
    actor = create_user(h, "citra", "analis", "apa-saja-panjang", harus_ganti_sandi=True)
    assert actor.harus_ganti_sandi


@pytest.mark.parametrize("command", ["reset", "enable", "disable"])
def test_cli_refuses_to_touch_sistem(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    import io

    from sakip_core.auth import ensure_system_user
    from sakip_core.cli import main

    handle = reporting_db(tmp_path, with_users=True)
    ensure_system_user(handle)
    handle.close()
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-panjang-sekali\n"))
    code = main(["--db", str(handle.path), "user", command, SYSTEM_USER])
    assert code == 1 and "tidak pernah dapat masuk" in capsys.readouterr().err


def test_cli_user_add_needs_ten_characters_and_a_change(tmp_path: Path, capsys, monkeypatch):
    import io

    from sakip_core.cli import main

    handle = reporting_db(tmp_path)
    handle.close()
    db = str(handle.path)
    monkeypatch.setattr("sys.stdin", io.StringIO("pendek\n"))
    assert main(["--db", db, "user", "add", "budi", "--role", "analis"]) == 1
    assert "minimal 10" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-awal-budi\n"))
    assert main(["--db", db, "user", "add", "ani", "--role", "operator", "--opd", "9.99"]) == 1
    assert "tidak terdaftar" in capsys.readouterr().err  # as on the Pengguna page
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-awal-budi\n"))
    assert main(["--db", db, "user", "add", "budi", "--role", "analis"]) == 0
    import sakip_core

    h = sakip_core.connect(db)
    try:
        assert authenticate(h, "budi", "sandi-awal-budi").harus_ganti_sandi
    finally:
        h.close()


def test_sessions_ended_a_month_ago_are_deleted(h: Handle) -> None:
    old, _ = login(h)
    sessions.revoke(h, old.sesi_id, "keluar", now=clock.now() - timedelta(days=31))
    recent, _ = login(h)  # a new login tidies up
    ids = set(h.query_df("SELECT id FROM sesi")["id"])
    assert recent.sesi_id in ids and old.sesi_id not in ids
