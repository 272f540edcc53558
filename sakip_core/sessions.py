"""Login sessions that survive a reload (issue 11, points 8 and 9).

A Streamlit session ends with every page load (F5, a projector's browser restart), so the login
lives in a server-side `sesi` row instead, and the browser keeps a signed, HttpOnly cookie:

1. `start` after a successful login: a row with a random id (kept in the Streamlit session) and
   a one-time ticket valid for `TICKET_SECONDS`.
2. The page sends the ticket to the server route (`server.py`), which calls `exchange_ticket`:
   the ticket is used up and a new random token is set as the cookie. Only the token's SHA-256
   is stored; the cookie also carries an HMAC of the token under a per-database secret, so a
   forged cookie is refused before any lookup.
3. Every script run calls `resume` (by id, or `resume_token` by cookie after a reload): the
   account is read again, so a disabled account, a changed role or OPD, a revoked session, the
   idle limit and the absolute lifetime take effect on the next click.

Session bookkeeping changes no figure, so its transactions do not bump the data version.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb

from sakip_core import clock, faults
from sakip_core.auth import SYSTEM_USER, Actor
from sakip_core.db import Handle

COOKIE_NAME = "sakip_sesi"
TICKET_SECONDS = 120
TOUCH_SECONDS = 30  # terakhir_aktif is written at most this often per session
KEEP_DAYS = 30  # ended sessions are deleted this long after their end
_SECRET_KEY = "kunci_cookie_sesi"

REASONS = {
    "idle": "Sesi Anda berakhir karena tidak ada aktivitas selama {idle:g} menit. "
    "Silakan masuk lagi.",
    "kedaluwarsa": "Sesi Anda sudah mencapai batas {jam:g} jam. Silakan masuk lagi.",
    "nonaktif": "Akun Anda dinonaktifkan oleh admin; sesi diakhiri.",
    "dicabut": "Sesi Anda sudah diakhiri (keluar, ganti kata sandi, atau oleh admin). "
    "Silakan masuk lagi.",
    "tidak_ada": "Sesi tidak dikenal. Silakan masuk lagi.",
}


@dataclass(frozen=True)
class Limits:
    idle_minutes: float = 30.0
    max_hours: float = 12.0


@dataclass(frozen=True)
class Started:
    sesi_id: str
    tiket: str


@dataclass(frozen=True)
class Resumed:
    """The outcome of `resume`: an actor, or the reason (a key of REASONS) there is none."""

    actor: Actor | None
    sesi_id: str | None = None
    reason: str | None = None

    def message(self, limits: Limits) -> str | None:
        if self.reason is None:
            return None
        return REASONS[self.reason].format(idle=limits.idle_minutes, jam=limits.max_hours)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def limits(handle: Handle) -> Limits:
    """The settings `menit_sesi_idle` and `jam_sesi_maks` (broken values: the defaults)."""
    from sakip_core.settings import get_setting  # local: settings imports db only

    def positive(key: str, default: float) -> float:
        try:
            value = float(get_setting(handle, key))
        except (TypeError, ValueError):
            return default
        return value if value > 0 else default

    return Limits(positive("menit_sesi_idle", 30.0), positive("jam_sesi_maks", 12.0))


def _write(handle: Handle, sql: str, params: list[object]) -> list[tuple]:
    with handle.transaction(versioned=False) as conn:
        return conn.execute(sql, params).fetchall()


def start(handle: Handle, actor: Actor, now: datetime | None = None) -> Started:
    """A new session for a user who has just proved their password."""
    if actor.nama_pengguna == SYSTEM_USER:
        raise ValueError("Akun sistem tidak dapat masuk.")
    now = now or clock.now()
    sesi_id, tiket = secrets.token_urlsafe(24), secrets.token_urlsafe(32)
    end = now + timedelta(hours=limits(handle).max_hours)
    with handle.transaction(versioned=False) as conn:
        conn.execute(
            "INSERT INTO sesi (id, nama_pengguna, dibuat_pada, kedaluwarsa_pada, terakhir_aktif, "
            "tiket_hash, tiket_kedaluwarsa) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [sesi_id, actor.nama_pengguna, now, end, now, _digest(tiket),
             now + timedelta(seconds=TICKET_SECONDS)],
        )  # fmt: skip
        # sessions over for a month are of no use any more (the audit log keeps the logins)
        gone = now - timedelta(days=KEEP_DAYS)
        conn.execute("DELETE FROM sesi WHERE coalesce(dicabut_pada, kedaluwarsa_pada) < ?", [gone])
    return Started(sesi_id, tiket)


# --- the cookie --------------------------------------------------------------------------------


_SECRETS: dict[str, bytes] = {}


def _secret(handle: Handle) -> bytes:
    """The per-database signing key, created on first use (shared by every app process)."""
    key = handle.key
    if key not in _SECRETS:
        with handle.transaction(versioned=False) as conn:
            conn.execute(
                "INSERT INTO rahasia_server (kunci, nilai) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [_SECRET_KEY, secrets.token_hex(32)],
            )
            (value,) = conn.execute(
                "SELECT nilai FROM rahasia_server WHERE kunci = ?", [_SECRET_KEY]
            ).fetchone()
        _SECRETS[key] = bytes.fromhex(value)
    return _SECRETS[key]


def _signature(secret: bytes, token: str) -> str:
    return hmac.new(secret, token.encode(), hashlib.sha256).hexdigest()


def sign(handle: Handle, token: str) -> str:
    return f"{token}.{_signature(_secret(handle), token)}"


def unsign(handle: Handle, cookie: str | None) -> str | None:
    """The token inside a cookie value, or None when it is missing or its signature is wrong."""
    if not cookie or cookie.count(".") != 1:
        return None
    token, signature = cookie.split(".")
    expected = _signature(_secret(handle), token)
    return token if token and hmac.compare_digest(signature, expected) else None


@dataclass(frozen=True)
class Cookie:
    value: str
    max_age: int  # seconds until the session's absolute end


def exchange_ticket(handle: Handle, tiket: str, now: datetime | None = None) -> Cookie | None:
    """Use up a one-time ticket: a fresh token for its session, as a signed cookie value.

    None for an unknown, used or expired ticket, or a session that has ended.
    """
    if not tiket:
        return None
    now = now or clock.now()
    token = secrets.token_urlsafe(32)
    rows = _write(
        handle,
        """UPDATE sesi SET token_hash = ?, tiket_hash = NULL, tiket_kedaluwarsa = NULL
           WHERE tiket_hash = ? AND tiket_kedaluwarsa > ? AND dicabut_pada IS NULL
             AND kedaluwarsa_pada > ?
           RETURNING kedaluwarsa_pada""",
        [_digest(token), _digest(tiket), now, now],
    )
    if not rows:
        return None
    seconds = int((rows[0][0] - now).total_seconds())
    return Cookie(sign(handle, token), max(seconds, 0))


def ticket_pending(handle: Handle, sesi_id: str, now: datetime | None = None) -> bool:
    """Whether the session's one-time ticket is still to be exchanged (and still can be)."""
    with handle.cursor() as conn:
        row = conn.execute(
            "SELECT 1 FROM sesi WHERE id = ? AND tiket_hash IS NOT NULL AND tiket_kedaluwarsa > ? "
            "AND dicabut_pada IS NULL",
            [sesi_id, now or clock.now()],
        ).fetchone()
    return row is not None


# --- every run ---------------------------------------------------------------------------------

_RESUME_SQL = """
SELECT s.id, s.kedaluwarsa_pada, s.terakhir_aktif, s.dicabut_pada, s.alasan_cabut,
       p.nama_pengguna, p.peran, p.kode_opd, p.harus_ganti_sandi, p.aktif
FROM sesi s LEFT JOIN pengguna p USING (nama_pengguna)
WHERE {where}"""


def resume(handle: Handle, sesi_id: str, now: datetime | None = None) -> Resumed:
    """The session's user as stored now, or why the session is over (it is then revoked)."""
    return _resume(handle, "s.id = ?", sesi_id, now)


def resume_token(handle: Handle, cookie: str | None, now: datetime | None = None) -> Resumed:
    """Like `resume`, from the cookie a reloaded page sends."""
    token = unsign(handle, cookie)
    if token is None:
        return Resumed(None)
    return _resume(handle, "s.token_hash = ?", _digest(token), now)


def _resume(handle: Handle, where: str, key: str, now: datetime | None) -> Resumed:
    now = now or clock.now()
    with handle.cursor() as conn:
        row = conn.execute(_RESUME_SQL.format(where=where), [key]).fetchone()
    if row is None:
        return Resumed(None, reason="tidak_ada")
    sesi_id, end, last, revoked, why, nama, peran, kode_opd, must_change, aktif = row
    lim = limits(handle)
    reason = (
        (why if why in ("idle", "kedaluwarsa", "nonaktif") else "dicabut") if revoked is not None
        else "nonaktif" if nama is None or not aktif
        else "kedaluwarsa" if end <= now
        else "idle" if now - last > timedelta(minutes=lim.idle_minutes)
        else None
    )  # fmt: skip
    if reason is not None:
        if revoked is None:
            revoke(handle, sesi_id, reason, now)
        return Resumed(None, sesi_id, reason)
    if now - last > timedelta(seconds=TOUCH_SECONDS):
        touch(handle, sesi_id, now)
    return Resumed(Actor(nama, peran, kode_opd, bool(must_change)), sesi_id)


def touch(handle: Handle, sesi_id: str, now: datetime | None = None) -> None:
    """Note activity (a click, or a presentation view refreshing itself). Best effort: two tabs
    touching one session at once may conflict, and either write is as good as the other."""
    try:
        _write(
            handle,
            "UPDATE sesi SET terakhir_aktif = ? WHERE id = ? AND dicabut_pada IS NULL",
            [now or clock.now(), sesi_id],
        )
    except Exception as exc:  # a conflict on either store (faults says which)
        if not faults.is_conflict(exc):
            raise


def revoke(handle: Handle, sesi_id: str, reason: str, now: datetime | None = None) -> None:
    """End one session (logout, idle, expiry)."""
    _write(
        handle,
        "UPDATE sesi SET dicabut_pada = ?, alasan_cabut = ?, token_hash = NULL, tiket_hash = NULL "
        "WHERE id = ? AND dicabut_pada IS NULL",
        [now or clock.now(), reason, sesi_id],
    )


def revoke_token(handle: Handle, cookie: str | None, reason: str = "keluar") -> None:
    """End the session a cookie stands for (the logout route, when the page is gone)."""
    token = unsign(handle, cookie)
    if token is not None:
        _write(
            handle,
            "UPDATE sesi SET dicabut_pada = ?, alasan_cabut = ?, token_hash = NULL "
            "WHERE token_hash = ? AND dicabut_pada IS NULL",
            [clock.now(), reason, _digest(token)],
        )


def revoke_user(
    handle: Handle,
    nama: str,
    reason: str,
    keep: str | None = None,
    conn: duckdb.DuckDBPyConnection | None = None,
) -> None:
    """End every session of a user (disabled account, password changed or reset), except
    `keep` (the session in which the user changed their own password). `conn`: inside the
    caller's transaction (the admin's change and the revocation commit together)."""
    sql = (
        "UPDATE sesi SET dicabut_pada = ?, alasan_cabut = ?, token_hash = NULL, tiket_hash = NULL "
        "WHERE nama_pengguna = ? AND dicabut_pada IS NULL AND id IS DISTINCT FROM ?"
    )
    params = [clock.now(), reason, nama, keep]
    if conn is not None:
        conn.execute(sql, params)
    else:
        _write(handle, sql, params)
