"""Admin services: accounts and quarter locks/deadlines. Every call checks the acting admin and
writes an audit row in the same transaction as the change.
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from sakip_core import audit, auth, clock, sessions
from sakip_core.access import ADMIN, AccessDenied, require_role
from sakip_core.auth import Actor
from sakip_core.db import Handle


class AdminError(ValueError):
    """A refused admin action; the message is safe to show (Bahasa Indonesia)."""


# --- accounts ---------------------------------------------------------------------------------


def list_users(handle: Handle, actor: Actor) -> pd.DataFrame:
    """Every account without its hash: name, role, OPD, active, locked until, created."""
    require_role(actor, ADMIN)
    return handle.query_df(
        "SELECT nama_pengguna, peran, kode_opd, aktif, harus_ganti_sandi, gagal_berturut, "
        "terkunci_sampai, dibuat_pada FROM pengguna ORDER BY peran, nama_pengguna"
    )


def _check_password(password: str, nama: str) -> None:
    try:
        auth.check_new_password(password, nama)
    except ValueError as exc:
        raise AdminError(str(exc)) from None


def _not_system(nama: str) -> None:
    if nama == auth.SYSTEM_USER:
        raise AdminError(
            f"Akun bawaan '{auth.SYSTEM_USER}' hanya dipakai baris perintah dan tidak pernah "
            "dapat masuk; akun ini tidak dapat diubah."
        )


def add_user(
    handle: Handle, actor: Actor, nama: str, peran: str, password: str, kode_opd: str | None
) -> Actor:
    """Create an account (the OPD of an operator must exist). The initial password is the
    admin's choice, so the new user must change it at the first login."""
    require_role(actor, ADMIN)
    nama = nama.strip()
    if not nama:
        raise AdminError("Nama pengguna wajib diisi.")
    _not_system(nama)
    if peran == "operator" and not kode_opd:
        raise AdminError("Akun operator harus terikat pada satu OPD: pilih OPD-nya.")
    _check_password(password, nama)
    if peran == "operator":
        found = handle.query_df("SELECT 1 FROM opd WHERE kode_opd = ?", [kode_opd])
        if found.empty:
            raise AdminError(f"OPD {kode_opd} tidak terdaftar.")
    try:
        return auth.create_user(
            handle, nama, peran, password, kode_opd, harus_ganti_sandi=True,
            audit_by=actor.nama_pengguna,
        )  # fmt: skip
    except ValueError as exc:
        raise AdminError(str(exc)) from None


def _user_row(conn, nama: str) -> tuple[bool, str]:  # noqa: ANN001
    row = conn.execute(
        "SELECT aktif, peran FROM pengguna WHERE nama_pengguna = ?", [nama]
    ).fetchone()
    if row is None:
        raise AdminError(f"Pengguna {nama} tidak ada.")
    return bool(row[0]), str(row[1])


def set_active(handle: Handle, actor: Actor, nama: str, aktif: bool) -> None:
    """Disable or enable an account (an admin cannot disable their own account). Disabling
    ends the account's sessions in the same transaction."""
    require_role(actor, ADMIN)
    _not_system(nama)
    if nama == actor.nama_pengguna and not aktif:
        raise AdminError("Anda tidak dapat menonaktifkan akun Anda sendiri.")
    with handle.transaction() as conn:
        old, _ = _user_row(conn, nama)
        conn.execute(
            "UPDATE pengguna SET aktif = ?, gagal_berturut = 0, terkunci_sampai = NULL "
            "WHERE nama_pengguna = ?",
            [aktif, nama],
        )
        if not aktif:
            sessions.revoke_user(handle, nama, "nonaktif", conn=conn)
        audit.record(
            conn, actor.nama_pengguna, "pengguna_aktif" if aktif else "pengguna_nonaktif",
            tabel="pengguna", kunci=nama, lama={"aktif": old}, baru={"aktif": aktif},
        )  # fmt: skip


def reset_password(handle: Handle, actor: Actor, nama: str, password: str) -> None:
    """Set a new password and lift a lockout (the hash itself is never logged). The user must
    change it at the next login; their open sessions end."""
    require_role(actor, ADMIN)
    _not_system(nama)
    _check_password(password, nama)
    hashed = auth.hash_password(password)
    with handle.transaction() as conn:
        _user_row(conn, nama)
        conn.execute(
            "UPDATE pengguna SET hash_sandi = ?, gagal_berturut = 0, terkunci_sampai = NULL, "
            "harus_ganti_sandi = true WHERE nama_pengguna = ?",
            [hashed, nama],
        )
        sessions.revoke_user(handle, nama, "sandi_direset", conn=conn)
        audit.record(
            conn, actor.nama_pengguna, "sandi_direset", tabel="pengguna", kunci=nama,
            keterangan="kata sandi diganti oleh admin",
        )  # fmt: skip


# --- quarters ---------------------------------------------------------------------------------


def quarters(handle: Handle, actor: Actor | None = None) -> pd.DataFrame:
    """Lock state and deadline of every known quarter (anyone logged in may read it)."""
    if actor is None:
        raise AccessDenied("Silakan masuk terlebih dahulu.")
    return handle.query_df(
        "SELECT tahun, triwulan, terkunci, oleh, waktu, batas_waktu FROM kunci_triwulan "
        "ORDER BY tahun DESC NULLS LAST, triwulan DESC NULLS LAST"
    )


def _quarter(conn, tahun: int, triwulan: int) -> dict | None:  # noqa: ANN001
    if triwulan not in (1, 2, 3, 4):
        raise AdminError("Triwulan harus 1 sampai 4.")
    row = conn.execute(
        "SELECT id, terkunci, oleh, waktu, batas_waktu FROM kunci_triwulan "
        "WHERE tahun = ? AND triwulan = ? ORDER BY id DESC LIMIT 1",
        [tahun, triwulan],
    ).fetchone()
    if row is None:
        return None
    return dict(zip(["id", "terkunci", "oleh", "waktu", "batas_waktu"], row, strict=True))


def _save_quarter(conn, tahun: int, triwulan: int, values: dict) -> dict | None:  # noqa: ANN001
    old = _quarter(conn, tahun, triwulan)
    if old is None:
        conn.execute(
            "INSERT INTO kunci_triwulan (tahun, triwulan, terkunci, oleh, waktu, batas_waktu) "
            "VALUES (?, ?, false, NULL, NULL, NULL)",
            [tahun, triwulan],
        )
    sets = ", ".join(f"{k} = ?" for k in values)
    conn.execute(
        f"UPDATE kunci_triwulan SET {sets} WHERE tahun = ? AND triwulan = ?",
        [*values.values(), tahun, triwulan],
    )
    return old


def set_locked(handle: Handle, actor: Actor, tahun: int, triwulan: int, terkunci: bool) -> None:
    """Lock (uploads and submissions refused) or open a quarter, recording who and when."""
    require_role(actor, ADMIN)
    now = clock.now()
    with handle.transaction() as conn:
        old = _save_quarter(
            conn, tahun, triwulan, {"terkunci": terkunci, "oleh": actor.nama_pengguna, "waktu": now}
        )
        audit.record(
            conn, actor.nama_pengguna, "kunci" if terkunci else "buka", tabel="kunci_triwulan",
            kunci=f"{tahun}/TW{triwulan}", lama={"terkunci": bool(old and old["terkunci"])},
            baru={"terkunci": terkunci}, waktu=now,
        )  # fmt: skip


def set_deadline(
    handle: Handle, actor: Actor, tahun: int, triwulan: int, batas: datetime | None
) -> None:
    """Set (or clear) the reporting deadline of a quarter."""
    require_role(actor, ADMIN)
    with handle.transaction() as conn:
        old = _save_quarter(conn, tahun, triwulan, {"batas_waktu": batas})
        audit.record(
            conn, actor.nama_pengguna, "batas_waktu", tabel="kunci_triwulan",
            kunci=f"{tahun}/TW{triwulan}", lama={"batas_waktu": old and old["batas_waktu"]},
            baru={"batas_waktu": batas},
        )  # fmt: skip


def set_setting_audited(handle: Handle, actor: Actor, key: str, value: object) -> None:
    """Change one setting (admin), with the old and new value in the audit log."""
    from sakip_core.settings import DEFAULT_SETTINGS, get_setting

    require_role(actor, ADMIN)
    if key not in DEFAULT_SETTINGS:
        raise AdminError(f"Pengaturan tidak dikenal: {key}")
    old = get_setting(handle, key)
    with handle.transaction() as conn:
        conn.execute(
            "INSERT INTO pengaturan (kunci, nilai) VALUES (?, ?) "
            "ON CONFLICT (kunci) DO UPDATE SET nilai = excluded.nilai",
            [key, audit.to_json(value)],
        )
        audit.record(
            conn, actor.nama_pengguna, "pengaturan", tabel="pengaturan", kunci=key,
            lama=old, baru=value,
        )  # fmt: skip


def set_bands_audited(handle: Handle, actor: Actor, new_bands: list) -> None:  # list[Band]
    """Replace the kategori scale (admin): labels unique, lower bounds unique and >= 0."""
    from sakip_core.settings import bands

    require_role(actor, ADMIN)
    if not new_bands:
        raise AdminError("Skala kategori tidak boleh kosong.")
    lows = [float(b.batas_bawah) for b in new_bands]
    labels = [str(b.label).strip() for b in new_bands]
    if len(set(lows)) != len(lows) or len(set(labels)) != len(labels) or min(lows) < 0:
        raise AdminError("Batas bawah dan label kategori harus unik; batas bawah minimal 0.")
    if any(not label for label in labels):
        raise AdminError("Setiap kategori harus berlabel.")
    old = [b.__dict__ for b in bands(handle)]
    with handle.transaction() as conn:
        conn.execute("DELETE FROM skala_kategori")
        conn.executemany(
            "INSERT INTO skala_kategori (batas_bawah, label, warna) VALUES (?, ?, ?)",
            [[float(b.batas_bawah), str(b.label).strip(), str(b.warna)] for b in new_bands],
        )
        audit.record(
            conn, actor.nama_pengguna, "skala_kategori", tabel="skala_kategori",
            lama=old, baru=[b.__dict__ for b in new_bands],
        )  # fmt: skip
