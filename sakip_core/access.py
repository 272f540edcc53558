"""Who may see and do what: checked in the core, for every page, CLI command and API call.

Pages also gate themselves (ui.session.require_login), but the core never trusts that: each
service that reads or writes takes the acting `Actor` and calls these checks.
"""

from __future__ import annotations

from sakip_core.auth import Actor

ALL_ROLES = frozenset({"admin", "pimpinan", "analis", "verifikator", "operator"})
READ_ALL = frozenset({"admin", "pimpinan", "analis", "verifikator"})  # every OPD's figures
VERIFY = frozenset({"admin", "verifikator"})
ADMIN = frozenset({"admin"})


class AccessDenied(PermissionError):
    """The acting user may not do this; the message is safe to show (Bahasa Indonesia)."""


def require_role(actor: Actor | None, roles: frozenset[str]) -> Actor:
    if actor is None:
        raise AccessDenied("Silakan masuk terlebih dahulu.")
    if actor.peran not in roles:
        raise AccessDenied(f"Peran {actor.peran} tidak berwenang untuk tindakan ini.")
    return actor


def opd_scope(actor: Actor) -> list[str] | None:
    """The OPDs whose detail this user may read: None = all, else the list (an operator's own)."""
    if actor.peran in READ_ALL:
        return None
    if actor.is_operator and actor.kode_opd:
        return [actor.kode_opd]
    raise AccessDenied("Akun ini tidak terikat pada OPD mana pun.")


def require_opd(actor: Actor, kode_opd: str) -> None:
    """Reading or writing the detail of one OPD."""
    scope = opd_scope(actor)
    if scope is not None and kode_opd not in scope:
        raise AccessDenied(f"Akun Anda hanya untuk OPD {actor.kode_opd}, bukan {kode_opd}.")


def narrow(actor: Actor, requested: list[str] | None) -> list[str] | None:
    """The requested OPD filter intersected with what the user may read."""
    scope = opd_scope(actor)
    if scope is None:
        return requested
    if requested is None:
        return scope
    return [k for k in requested if k in scope]
