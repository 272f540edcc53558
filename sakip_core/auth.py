"""Local accounts: Argon2 password hashes, roles, lockout after repeated failures.

Everything that asks "who is this?" goes through `authenticate` here and, in the app, through one
`current_user()` function, so an OIDC provider (`st.login`) can replace the password check later
without touching the pages.

Concurrency (issue 11, point 7): failures are counted by one UPDATE statement that adds one and
locks the account at the fifth, so parallel guesses cannot each read the same count. Writes to
the account table are serialised within the process and retried on DuckDB's "Conflict on
update", so forty parallel guesses lock the account instead of raising.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from sakip_core import clock, faults
from sakip_core.db import Handle

ROLES = ("admin", "pimpinan", "analis", "verifikator", "operator")
SYSTEM_USER = "sistem"  # the built-in admin the CLI acts as by default; can never log in
MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 10
# One message for an unknown name, a wrong password, a disabled and a locked account: the
# person at the form learns nothing about which accounts exist or are locked.
LOGIN_FAILED = (
    f"Nama pengguna atau kata sandi salah. Setelah {MAX_FAILURES} kali gagal, akun dikunci "
    f"{LOCK_MINUTES} menit; hubungi admin bila perlu."
)
WRITE_ATTEMPTS = 40

_hasher = PasswordHasher()
# Verified against when the user does not exist, so both failures cost the same time.
_DUMMY_HASH = _hasher.hash("sakip-dummy-password")
_account_writes = threading.Lock()
LOG = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass(frozen=True)
class Actor:
    """The acting user, as every service call receives it."""

    nama_pengguna: str
    peran: str
    kode_opd: str | None = None
    harus_ganti_sandi: bool = False  # may do nothing but change the password

    @property
    def is_operator(self) -> bool:
        return self.peran == "operator"


class AuthError(Exception):
    """A login or password change that did not succeed; the message is safe to show."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_new_password(password: str, nama: str | None = None) -> None:
    """The rule for every password a person chooses or an admin sets (raises ValueError)."""
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"Kata sandi minimal {MIN_PASSWORD} karakter.")
    if nama and password.strip().lower() == nama.strip().lower():
        raise ValueError("Kata sandi tidak boleh sama dengan nama pengguna.")


def _check_role(peran: str, kode_opd: str | None) -> None:
    if peran not in ROLES:
        raise ValueError(f"Peran harus salah satu dari {', '.join(ROLES)}.")
    if peran == "operator" and not kode_opd:
        raise ValueError("Peran operator harus terikat pada satu OPD: pilih OPD-nya.")


def create_user(
    handle: Handle,
    nama: str,
    peran: str,
    password: str | None,
    kode_opd: str | None = None,
    harus_ganti_sandi: bool = False,
    audit_by: str | None = None,
) -> Actor:
    """Create an account; `password=None` makes an account that cannot log in.

    `harus_ganti_sandi`: the password was chosen by somebody else (an admin), so the new user
    must replace it at the first login. `audit_by`: the admin whose action this is; the audit
    row commits with the account, in one (versioned) transaction.
    """
    _check_role(peran, kode_opd)
    opd = kode_opd if peran == "operator" else None
    hashed = hash_password(password) if password is not None else None
    now = clock.now()
    with handle.transaction() as conn:
        if conn.execute("SELECT 1 FROM pengguna WHERE nama_pengguna = ?", [nama]).fetchone():
            raise ValueError(f"Pengguna {nama} sudah ada.")
        conn.execute(
            "INSERT INTO pengguna (nama_pengguna, peran, kode_opd, hash_sandi, dibuat_pada, "
            "harus_ganti_sandi) VALUES (?, ?, ?, ?, ?, ?)",
            [nama, peran, opd, hashed, now, harus_ganti_sandi],
        )
        if audit_by is not None:
            conn.execute(
                "INSERT INTO audit_log (waktu, pengguna, aksi, tabel, kunci, nilai_baru) "
                "VALUES (?, ?, 'pengguna_baru', 'pengguna', ?, ?)",
                [now, audit_by, nama, json.dumps({"kode_opd": opd, "peran": peran})],
            )
    return Actor(nama, peran, opd, harus_ganti_sandi)


def _as_actor(row: tuple) -> Actor:
    nama, peran, kode_opd, harus_ganti = row
    return Actor(str(nama), str(peran), kode_opd, bool(harus_ganti))


def get_actor(handle: Handle, nama: str) -> Actor | None:
    """The active account `nama` as an Actor (as stored now), or None."""
    with handle.cursor() as conn:
        row = conn.execute(
            "SELECT nama_pengguna, peran, kode_opd, harus_ganti_sandi FROM pengguna "
            "WHERE nama_pengguna = ? AND aktif",
            [nama],
        ).fetchone()
    return _as_actor(row) if row else None


def _account_write(handle: Handle, write: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """One short transaction on the account table, serialised and retried on conflicts.

    Unversioned: a login attempt changes no figure, so it must not empty the page caches (an
    attacker guessing passwords would otherwise make every page recompute).
    """
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with _account_writes, handle.transaction(versioned=False) as conn:
                return write(conn)
        except Exception as exc:  # a conflict on either store (faults says which)
            if not faults.is_conflict(exc) or attempt == WRITE_ATTEMPTS:
                raise
            time.sleep(0.005 * attempt)
    raise AssertionError("unreachable")


def _count_failure(handle: Handle, nama: str, now: datetime) -> None:
    """Add one failure in one statement; the fifth locks the account and resets the count."""
    until = now + timedelta(minutes=LOCK_MINUTES)
    _account_write(
        handle,
        lambda conn: conn.execute(
            """UPDATE pengguna SET
                 terkunci_sampai = CASE WHEN gagal_berturut + 1 >= ? THEN ?
                                        ELSE terkunci_sampai END,
                 gagal_berturut = CASE WHEN gagal_berturut + 1 >= ? THEN 0
                                       ELSE gagal_berturut + 1 END
               WHERE nama_pengguna = ? AND (terkunci_sampai IS NULL OR terkunci_sampai <= ?)""",
            [MAX_FAILURES, until, MAX_FAILURES, nama, now],
        ),
    )


def _accept(handle: Handle, nama: str, now: datetime) -> Actor | None:
    """Clear the failures of an account that is active and not locked *now*, in one statement.

    None when the account was locked or disabled between reading it and this write (a parallel
    guess reached the fifth failure first): the right password does not open a locked account.
    """
    row = _account_write(
        handle,
        lambda conn: conn.execute(
            """UPDATE pengguna SET gagal_berturut = 0, terkunci_sampai = NULL
               WHERE nama_pengguna = ? AND aktif AND hash_sandi IS NOT NULL
                 AND (terkunci_sampai IS NULL OR terkunci_sampai <= ?)
               RETURNING nama_pengguna, peran, kode_opd, harus_ganti_sandi""",
            [nama, now],
        ).fetchone(),
    )
    return _as_actor(row) if row else None


def _account(handle: Handle, nama: str) -> tuple[str | None, bool, datetime | None] | None:
    with handle.cursor() as conn:
        row = conn.execute(
            "SELECT hash_sandi, aktif, terkunci_sampai FROM pengguna WHERE nama_pengguna = ?",
            [nama],
        ).fetchone()
    return (row[0], bool(row[1]), row[2]) if row else None


def authenticate(handle: Handle, nama: str, password: str, now: datetime | None = None) -> Actor:
    """Check a password; raise AuthError with one message for every kind of refusal."""
    now = now or clock.now()
    account = None if nama == SYSTEM_USER else _account(handle, nama)
    if account is None or account[0] is None or not account[1]:
        _verify(_DUMMY_HASH, password)
        raise AuthError(LOGIN_FAILED)
    hashed, _, locked_until = account
    if locked_until is not None and locked_until > now:
        _verify(_DUMMY_HASH, password)
        raise AuthError(LOGIN_FAILED)
    if not _verify(hashed, password):
        try:
            _count_failure(handle, nama, now)
        except Exception:  # noqa: BLE001  the refusal must read the same for every account
            LOG.warning("login failure of an existing account not counted", exc_info=True)
        raise AuthError(LOGIN_FAILED)
    actor = _accept(handle, nama, now)
    if actor is None:
        raise AuthError(LOGIN_FAILED)
    return actor


def change_password(
    handle: Handle,
    nama: str,
    old: str,
    new: str,
    keep_session: str | None = None,
    now: datetime | None = None,
) -> None:
    """A user replaces their own password (after proving the old one).

    A wrong old password counts as a failed login. The new one follows `check_new_password`
    and must differ from the old; the "must change" mark is lifted, and every other session of
    the account (all but `keep_session`, the one the change was made in) ends, in the same
    transaction: either the password changed and the other sessions are gone, or neither.
    """
    now = now or clock.now()
    try:
        authenticate(handle, nama, old, now)
    except AuthError:
        raise AuthError("Kata sandi lama salah.") from None
    try:
        check_new_password(new, nama)
    except ValueError as exc:
        raise AuthError(str(exc)) from None
    if new == old:
        raise AuthError("Kata sandi baru harus berbeda dari kata sandi lama.")
    hashed = hash_password(new)

    def write(conn: duckdb.DuckDBPyConnection) -> None:
        conn.execute(
            "UPDATE pengguna SET hash_sandi = ?, harus_ganti_sandi = false WHERE nama_pengguna = ?",
            [hashed, nama],
        )
        conn.execute(
            "INSERT INTO audit_log (waktu, pengguna, aksi, tabel, kunci, keterangan) "
            "VALUES (?, ?, 'sandi_diganti', 'pengguna', ?, 'oleh pemilik akun')",
            [now, nama, nama],
        )
        from sakip_core.sessions import revoke_user  # local: sessions imports this module

        revoke_user(handle, nama, "sandi_diganti", keep=keep_session, conn=conn)

    _account_write(handle, write)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def ensure_system_user(handle: Handle) -> None:
    """The built-in admin account that CLI imports act as by default (it cannot log in)."""
    if _account(handle, SYSTEM_USER) is None:
        create_user(handle, SYSTEM_USER, "admin", None)
