"""The decisions of a Rapim per OPD (issue 14, point 1): penghargaan, or pendampingan with a
person in charge, a plan, a due date and a note; the plan's status is followed up.

The admin (Bagian Organisasi) records and updates decisions. The reading roles see every
decision; an operator sees the decisions about its own OPD only. Every write is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from sakip_core import audit, clock
from sakip_core.access import ADMIN, ALL_ROLES, opd_scope, require_role
from sakip_core.auth import Actor
from sakip_core.db import Handle

JENIS = {"penghargaan": "Penghargaan", "pendampingan": "Pendampingan khusus"}
STATUS = {"belum": "Belum dimulai", "proses": "Sedang berjalan", "selesai": "Selesai"}
TEXT_LIMIT = 2000
COLUMNS = ["id", "sesi_id", "judul_rapim", "tanggal_rapim", "kode_opd", "nama_opd", "jenis",
           "penanggung_jawab", "rencana", "batas_waktu", "catatan", "status", "dicatat_oleh",
           "dicatat_pada", "diubah_oleh", "diubah_pada"]  # fmt: skip


class KeputusanError(ValueError):
    """A decision that cannot be recorded (message in Indonesian)."""


@dataclass(frozen=True)
class Keputusan:
    kode_opd: str
    jenis: str
    penanggung_jawab: str = ""
    rencana: str = ""
    batas_waktu: date | None = None
    catatan: str = ""


def _clean(text: str | None, field: str) -> str | None:
    value = (text or "").strip()
    if len(value) > TEXT_LIMIT:
        raise KeputusanError(f"{field} paling panjang {TEXT_LIMIT} karakter.")
    return value or None


def _check(h: Handle, sesi_id: int, k: Keputusan) -> None:
    if k.jenis not in JENIS:
        raise KeputusanError("Jenis keputusan harus penghargaan atau pendampingan.")
    with h.cursor() as conn:
        found = conn.execute("SELECT tanggal FROM rapim_sesi WHERE id = ?", [sesi_id]).fetchone()
        if found is None:
            raise KeputusanError(f"Rapim nomor {sesi_id} tidak ditemukan.")
        if conn.execute("SELECT 1 FROM opd WHERE kode_opd = ?", [k.kode_opd]).fetchone() is None:
            raise KeputusanError(f"OPD {k.kode_opd} tidak dikenal.")
        if conn.execute(
            "SELECT 1 FROM rapim_keputusan WHERE sesi_id = ? AND kode_opd = ?",
            [sesi_id, k.kode_opd],
        ).fetchone():
            raise KeputusanError(
                f"Keputusan untuk OPD {k.kode_opd} pada Rapim ini sudah dicatat; perbarui status "
                "atau catatannya."
            )
    if k.batas_waktu is not None and k.batas_waktu < pd.Timestamp(found[0]).date():
        raise KeputusanError("Batas waktu tidak boleh sebelum tanggal Rapim.")
    if k.jenis == "pendampingan" and not (k.penanggung_jawab.strip() and k.rencana.strip()):
        raise KeputusanError("Pendampingan wajib mencantumkan penanggung jawab dan rencana.")


def catat(h: Handle, actor: Actor, sesi_id: int, k: Keputusan) -> int:
    """Record one decision of a Rapim (admin). Returns its id."""
    require_role(actor, ADMIN)
    _check(h, int(sesi_id), k)
    values = {
        "penanggung_jawab": _clean(k.penanggung_jawab, "Penanggung jawab"),
        "rencana": _clean(k.rencana, "Rencana"),
        "catatan": _clean(k.catatan, "Catatan"),
    }
    now = clock.now()
    with h.transaction() as conn:
        new_id = int(conn.execute("SELECT nextval('seq_rapim_keputusan')").fetchone()[0])
        conn.execute(
            "INSERT INTO rapim_keputusan (id, sesi_id, kode_opd, jenis, penanggung_jawab, "
            "rencana, batas_waktu, catatan, status, dicatat_oleh, dicatat_pada) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'belum', ?, ?)",
            [new_id, int(sesi_id), k.kode_opd, k.jenis, values["penanggung_jawab"],
             values["rencana"], k.batas_waktu, values["catatan"], actor.nama_pengguna, now],
        )  # fmt: skip
        audit.record(
            conn, actor.nama_pengguna, "rapim_keputusan", tabel="rapim_keputusan",
            kunci=str(new_id), baru={"sesi_id": int(sesi_id), "kode_opd": k.kode_opd,
                                     "jenis": k.jenis, **values, "batas_waktu": k.batas_waktu},
            waktu=now,
        )  # fmt: skip
    return new_id


def ubah_status(
    h: Handle, actor: Actor, keputusan_id: int, status: str, catatan: str | None = None
) -> None:
    """Set the status of a decision's plan (admin), with an optional new note."""
    require_role(actor, ADMIN)
    if status not in STATUS:
        raise KeputusanError("Status harus belum, proses atau selesai.")
    note = _clean(catatan, "Catatan")
    now = clock.now()
    with h.transaction() as conn:
        old = conn.execute(
            "SELECT status, catatan FROM rapim_keputusan WHERE id = ?", [int(keputusan_id)]
        ).fetchone()
        if old is None:
            raise KeputusanError(f"Keputusan nomor {keputusan_id} tidak ditemukan.")
        conn.execute(
            "UPDATE rapim_keputusan SET status = ?, catatan = coalesce(?, catatan), "
            "diubah_oleh = ?, diubah_pada = ? WHERE id = ?",
            [status, note, actor.nama_pengguna, now, int(keputusan_id)],
        )
        audit.record(
            conn, actor.nama_pengguna, "rapim_status", tabel="rapim_keputusan",
            kunci=str(keputusan_id), lama={"status": old[0], "catatan": old[1]},
            baru={"status": status, "catatan": note or old[1]}, waktu=now,
        )  # fmt: skip


def daftar_keputusan(h: Handle, actor: Actor, sesi_id: int | None = None) -> pd.DataFrame:
    """The decisions of one Rapim (or of every Rapim), in OPD order; an operator gets its own
    OPD's decisions only."""
    require_role(actor, ALL_ROLES)
    scope = opd_scope(actor)
    where, params = [], {}
    if sesi_id is not None:
        where.append("k.sesi_id = $s")
        params["s"] = int(sesi_id)
    if scope is not None:
        where.append("list_contains($opds, k.kode_opd)")
        params["opds"] = list(scope)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return h.query_df(
        "SELECT k.id, k.sesi_id, s.judul AS judul_rapim, s.tanggal AS tanggal_rapim, k.kode_opd, "
        "o.nama_opd, k.jenis, k.penanggung_jawab, k.rencana, k.batas_waktu, k.catatan, k.status, "
        "k.dicatat_oleh, k.dicatat_pada, k.diubah_oleh, k.diubah_pada FROM rapim_keputusan k "
        "JOIN rapim_sesi s ON s.id = k.sesi_id LEFT JOIN opd o USING (kode_opd) "
        f"{clause} ORDER BY s.tanggal, k.sesi_id, k.kode_opd, k.id",
        params,
    )[COLUMNS]
