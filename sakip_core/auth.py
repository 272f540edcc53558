"""Local accounts: Argon2 password hashes, roles, lockout after repeated failures.

Everything that asks "who is this?" goes through `authenticate` here and, in the app, through one
`current_user()` function, so an OIDC provider (`st.login`) can replace the password check later
without touching the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import select

from sakip_core import clock
from sakip_core.db import Handle
from sakip_core.models import Pengguna

ROLES = ("admin", "pimpinan", "analis", "verifikator", "operator")
SYSTEM_USER = "sistem"  # the built-in admin the CLI acts as by default; cannot log in
MAX_FAILURES = 5
LOCK_MINUTES = 15
LOGIN_FAILED = "Nama pengguna atau kata sandi salah."

_hasher = PasswordHasher()
# Verified against when the user does not exist, so both failures cost the same time.
_DUMMY_HASH = _hasher.hash("sakip-dummy-password")


@dataclass(frozen=True)
class Actor:
    """The acting user, as every service call receives it."""

    nama_pengguna: str
    peran: str
    kode_opd: str | None = None

    @property
    def is_operator(self) -> bool:
        return self.peran == "operator"


class AuthError(Exception):
    """A login that did not succeed; the message is safe to show."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def _check_role(peran: str, kode_opd: str | None) -> None:
    if peran not in ROLES:
        raise ValueError(f"Peran harus salah satu dari {', '.join(ROLES)}.")
    if peran == "operator" and not kode_opd:
        raise ValueError("Peran operator harus terikat pada satu OPD (--opd KODE).")


def create_user(
    handle: Handle, nama: str, peran: str, password: str | None, kode_opd: str | None = None
) -> Actor:
    """Create an account; `password=None` makes an account that cannot log in."""
    _check_role(peran, kode_opd)
    with handle.session() as s:
        if s.exec(select(Pengguna).where(Pengguna.nama_pengguna == nama)).first():
            raise ValueError(f"Pengguna {nama} sudah ada.")
        s.add(
            Pengguna(
                nama_pengguna=nama,
                peran=peran,
                kode_opd=kode_opd if peran == "operator" else None,
                hash_sandi=hash_password(password) if password is not None else None,
                dibuat_pada=clock.now(),
            )
        )
        s.commit()
    return Actor(nama, peran, kode_opd if peran == "operator" else None)


def get_actor(handle: Handle, nama: str) -> Actor | None:
    """The active account `nama` as an Actor, or None."""
    with handle.session() as s:
        user = s.exec(select(Pengguna).where(Pengguna.nama_pengguna == nama)).first()
    if user is None or not user.aktif:
        return None
    return Actor(user.nama_pengguna, user.peran, user.kode_opd)


def authenticate(handle: Handle, nama: str, password: str, now: datetime | None = None) -> Actor:
    """Check a password; raise AuthError with one message for unknown users and wrong passwords."""
    now = now or clock.now()
    with handle.session() as s:
        user = s.exec(select(Pengguna).where(Pengguna.nama_pengguna == nama)).first()
        if user is None or user.hash_sandi is None or not user.aktif:
            _verify(_DUMMY_HASH, password)
            raise AuthError(LOGIN_FAILED)
        if user.terkunci_sampai and user.terkunci_sampai > now:
            _verify(_DUMMY_HASH, password)
            raise AuthError(
                f"Akun terkunci sampai {user.terkunci_sampai:%H:%M} karena {MAX_FAILURES} kali "
                "gagal masuk. Coba lagi nanti atau hubungi admin."
            )
        if not _verify(user.hash_sandi, password):
            user.gagal_berturut += 1
            if user.gagal_berturut >= MAX_FAILURES:
                user.terkunci_sampai = now + timedelta(minutes=LOCK_MINUTES)
                user.gagal_berturut = 0
            s.add(user)
            s.commit()
            raise AuthError(LOGIN_FAILED)
        user.gagal_berturut, user.terkunci_sampai = 0, None
        s.add(user)
        s.commit()
        return Actor(user.nama_pengguna, user.peran, user.kode_opd)


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def ensure_system_user(handle: Handle) -> None:
    """The built-in admin account that CLI imports act as by default (it cannot log in)."""
    if get_actor(handle, SYSTEM_USER) is None:
        create_user(handle, SYSTEM_USER, "admin", None)
