"""Recording a recommendation's follow-up (with its evidence file) and the Inspektorat's verdict.

A follow-up is a new record each time (the latest counts, the earlier ones stay as history);
the evidence file is checked and stored like realisation evidence (`sakip_core.evidence`), in
the `lhe` folder beside it, and its row, the record and the audit row commit together (a failed
transaction takes the file away again).
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from sakip_core import audit, clock
from sakip_core.access import AccessDenied, require_role
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.evidence import EvidenceError, _write_whole, bukti_dir, file_kind
from sakip_core.lhe.state import require_read
from sakip_core.settings import get_setting
from sakip_core.stored_file import read_checked

STATUS = ("belum", "proses", "selesai")
VERIFIERS = frozenset({"verifikator"})  # the Inspektorat
RECORDERS = frozenset({"admin", "operator"})
MAX_URAIAN = 2000


class LheError(ValueError):
    """A refused follow-up or verification; the message is for the user (Bahasa Indonesia)."""


@dataclass(frozen=True)
class FollowUp:
    tahun: int
    kode_unit: str
    kode_rekomendasi: str
    uraian: str
    status: str

    @property
    def key(self) -> list[object]:
        return [int(self.tahun), self.kode_unit, self.kode_rekomendasi]

    @property
    def label(self) -> str:
        return f"{self.tahun}/{self.kode_unit}/{self.kode_rekomendasi}"


def evidence_dir(h: Handle) -> Path:
    return bukti_dir(h) / "lhe"


def require_record(actor: Actor, unit: str) -> None:
    """The operator of the unit's OPD, or the admin for any unit (the PEMDA's are the admin's)."""
    require_role(actor, RECORDERS)
    if actor.is_operator and unit != actor.kode_opd:
        raise AccessDenied(f"Akun Anda hanya untuk OPD {actor.kode_opd}, bukan {unit}.")


def _check(conn: duckdb.DuckDBPyConnection, f: FollowUp, has_file: bool) -> None:
    if f.status not in STATUS:
        raise LheError(f"Status harus salah satu dari: {', '.join(STATUS)}.")
    if not f.uraian.strip():
        raise LheError("Uraian tindak lanjut wajib diisi.")
    if len(f.uraian) > MAX_URAIAN:
        raise LheError(f"Uraian tindak lanjut paling banyak {MAX_URAIAN} karakter.")
    where = "tahun = ? AND kode_unit = ? AND kode_rekomendasi = ?"
    if conn.execute(f"SELECT 1 FROM lhe WHERE {where}", f.key).fetchone() is None:
        raise LheError(f"Rekomendasi {f.label} tidak ditemukan.")
    last = conn.execute(
        f"SELECT verifikasi FROM lhe_tindak_lanjut WHERE {where} ORDER BY id DESC LIMIT 1", f.key
    ).fetchone()
    if last is not None and last[0] == "diverifikasi":
        raise LheError(
            f"Tindak lanjut rekomendasi {f.kode_rekomendasi} sudah diverifikasi Inspektorat; "
            "tidak dapat diubah lagi."
        )
    if f.status == "selesai" and not has_file:
        earlier = conn.execute(f"SELECT 1 FROM lhe_bukti WHERE {where} LIMIT 1", f.key).fetchone()
        if earlier is None:
            raise LheError("Status selesai wajib disertai berkas bukti dukung.")


def _kind(h: Handle, nama_asli: str, data: bytes) -> str:
    limit_mb = float(get_setting(h, "maks_mb_bukti"))
    if not data:
        raise LheError("Berkas bukti kosong.")
    if len(data) > limit_mb * 1024 * 1024:
        raise LheError(f"Berkas bukti lebih besar dari batas {limit_mb:g} MB.")
    try:
        return file_kind(nama_asli, data)
    except EvidenceError as exc:
        raise LheError(str(exc)) from exc


def record_follow_up(
    h: Handle,
    actor: Actor,
    f: FollowUp,
    berkas: tuple[str, bytes] | None = None,
    waktu: datetime | None = None,
) -> int:
    """Record what was done for one recommendation (a new record); returns its id."""
    require_record(actor, f.kode_unit)
    if berkas is not None:  # refuse before a file is written
        with h.cursor() as conn:
            _check(conn, f, True)
    waktu = waktu or clock.now()
    stored = _store_file(h, berkas) if berkas is not None else None
    try:
        with h.transaction() as conn:
            _check(conn, f, berkas is not None)  # again, inside the write
            bukti_id = _insert_evidence(conn, actor, f, stored, waktu) if stored else None
            (tl_id,) = conn.execute(
                "INSERT INTO lhe_tindak_lanjut (tahun, kode_unit, kode_rekomendasi, uraian, "
                "status, bukti_id, pengguna, waktu, verifikasi) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'menunggu') RETURNING id",
                [*f.key, f.uraian.strip(), f.status, bukti_id, actor.nama_pengguna, waktu],
            ).fetchone()
            audit.record(
                conn, actor.nama_pengguna, "tindak_lanjut_lhe", tabel="lhe_tindak_lanjut",
                kunci=f.label, baru={"status": f.status, "uraian": f.uraian.strip(),
                                     "bukti_id": bukti_id}, waktu=waktu,
            )  # fmt: skip
    except BaseException:
        if stored is not None:
            (evidence_dir(h) / stored[1]).unlink(missing_ok=True)
        raise
    return int(tl_id)


def _store_file(h: Handle, berkas: tuple[str, bytes]) -> tuple[str, str, str, int, str]:
    """(shown name, stored name, kind, size, checksum) of the file, written whole."""
    nama_asli, data = berkas
    kind = _kind(h, nama_asli, data)
    nama_simpan = f"{uuid.uuid4().hex}.{kind}"
    folder = evidence_dir(h)
    try:
        _write_whole(folder, folder / nama_simpan, data)
    except EvidenceError as exc:
        raise LheError(str(exc)) from exc
    display = Path(nama_asli.replace("\\", "/")).name[:200] or nama_simpan
    return display, nama_simpan, kind, len(data), hashlib.sha256(data).hexdigest()


def _insert_evidence(
    conn: duckdb.DuckDBPyConnection,
    actor: Actor,
    f: FollowUp,
    stored: tuple[str, str, str, int, str],
    waktu: datetime,
) -> int:
    (bid,) = conn.execute(
        "INSERT INTO lhe_bukti (tahun, kode_unit, kode_rekomendasi, nama_asli, nama_simpan, "
        "jenis, ukuran, checksum, pengguna, waktu) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "RETURNING id",
        [*f.key, *stored, actor.nama_pengguna, waktu],
    ).fetchone()
    return int(bid)


def verify(
    h: Handle,
    actor: Actor,
    tindak_lanjut_id: int,
    setuju: bool,
    catatan: str | None = None,
    waktu: datetime | None = None,
) -> None:
    """The Inspektorat's verdict on a `selesai` record that is still the latest of its
    recommendation: verified, or rejected with a note (the unit then records a new one)."""
    require_role(actor, VERIFIERS)
    note = (catatan or "").strip() or None
    if not setuju and note is None:
        raise LheError("Catatan wajib diisi bila tindak lanjut ditolak.")
    waktu = waktu or clock.now()
    with h.transaction() as conn:
        row = conn.execute(
            """SELECT t.tahun, t.kode_unit, t.kode_rekomendasi, t.status, t.verifikasi,
                      t.id = (SELECT max(id) FROM lhe_tindak_lanjut x
                              WHERE x.tahun = t.tahun AND x.kode_unit = t.kode_unit
                                AND x.kode_rekomendasi = t.kode_rekomendasi) AS terakhir
               FROM lhe_tindak_lanjut t WHERE t.id = ?""",
            [int(tindak_lanjut_id)],
        ).fetchone()
        _check_verdict(row)
        verdict = "diverifikasi" if setuju else "ditolak"
        conn.execute(
            "UPDATE lhe_tindak_lanjut SET verifikasi = ?, catatan_verifikasi = ?, "
            "diverifikasi_oleh = ?, diverifikasi_pada = ? WHERE id = ?",
            [verdict, note, actor.nama_pengguna, waktu, int(tindak_lanjut_id)],
        )
        audit.record(
            conn, actor.nama_pengguna, "verifikasi_lhe", tabel="lhe_tindak_lanjut",
            kunci=f"{row[0]}/{row[1]}/{row[2]}", lama={"verifikasi": row[4]},
            baru={"verifikasi": verdict, "catatan": note, "id": int(tindak_lanjut_id)},
            waktu=waktu,
        )  # fmt: skip


def _check_verdict(row: tuple | None) -> None:
    if row is None:
        raise LheError("Tindak lanjut tidak ditemukan.")
    if not row[5]:
        raise LheError("Sudah ada tindak lanjut yang lebih baru; muat ulang halaman.")
    if row[3] != "selesai":
        raise LheError("Hanya tindak lanjut berstatus selesai yang diverifikasi.")
    if row[4] != "menunggu":
        raise LheError(f"Tindak lanjut ini sudah {row[4]}.")


def read_evidence(h: Handle, actor: Actor, bukti_id: int) -> tuple[str, bytes]:
    """(original name, bytes) of a follow-up's evidence file, checked against its checksum."""
    df = h.query_df(
        "SELECT kode_unit, nama_asli, nama_simpan, checksum FROM lhe_bukti WHERE id = ?",
        [int(bukti_id)],
    )
    if df.empty:
        raise LheError("Bukti tidak ditemukan.")
    row = df.iloc[0]
    require_read(actor, str(row["kode_unit"]))
    data = read_checked(evidence_dir(h), row["nama_simpan"], row["checksum"], "Berkas bukti",
                        LheError)  # fmt: skip
    return str(row["nama_asli"]), data
