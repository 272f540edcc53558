"""Signing a PK (issue 12, point 4): the date and the scanned signed copy of one version.

The scan is stored like evidence (checked content, generated name, written whole) in the
`pk` folder beside the evidence files. The parties are recorded as they are at signing, so
the signed PK prints with its signatories even after a holder changes. Signing again (a
better scan) adds a record; the latest one counts and the earlier ones stay.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from sakip_core import audit, clock
from sakip_core.access import require_opd, require_role
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.evidence import EvidenceError, _write_whole, bukti_dir, file_kind
from sakip_core.pk import jabatan as jab
from sakip_core.pk.agreement import current_parties, parties_json
from sakip_core.settings import get_setting
from sakip_core.stored_file import read_checked

SIGNERS = frozenset({"admin", "operator"})  # the Bagian Organisasi, or the OPD's own operator
SCAN_KINDS = ("pdf", "jpg", "png")


class SigningError(ValueError):
    """The signing cannot be recorded; the message is for the user."""


@dataclass(frozen=True)
class Signed:
    id: int
    versi: int


def scan_dir(handle: Handle) -> Path:
    return bukti_dir(handle) / "pk"


def sign(
    handle: Handle,
    actor: Actor,
    tahun: int,
    kode_jabatan: str,
    tanggal: date,
    nama_asli: str,
    data: bytes,
    versi: int | None = None,
) -> Signed:
    """Record that the PK of `kode_jabatan` (version `versi`, default the current) was signed."""
    require_role(actor, SIGNERS)
    row = jab.jabatan_row(handle, kode_jabatan)
    unit = str(row["kode_opd"])
    require_opd(actor, unit)
    versi = _existing_version(handle, tahun, unit, versi)
    if tanggal.year not in (tahun - 1, tahun):
        raise SigningError(
            f"Tanggal penandatanganan PK {tahun} harus di tahun {tahun - 1}/{tahun}."
        )
    kind = _scan_kind(handle, nama_asli, data)
    folder = scan_dir(handle)
    nama_simpan = f"{uuid.uuid4().hex}.{kind}"
    try:
        _write_whole(folder, folder / nama_simpan, data)
    except EvidenceError as exc:
        raise SigningError(str(exc)) from exc
    display = Path(nama_asli.replace("\\", "/")).name[:200] or nama_simpan
    first, second = current_parties(handle, row)
    try:
        with handle.transaction() as conn:
            (sid,) = conn.execute(
                "INSERT INTO pk_tanda_tangan (tahun, kode_jabatan, kode_opd, versi, tanggal, "
                "pihak, nama_asli, nama_simpan, jenis_berkas, ukuran, checksum, oleh, waktu) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [tahun, kode_jabatan, unit, versi, datetime.combine(tanggal, datetime.min.time()),
                 parties_json(first, second), display, nama_simpan, kind, len(data),
                 hashlib.sha256(data).hexdigest(), actor.nama_pengguna, clock.now()],
            ).fetchone()  # fmt: skip
            audit.record(
                conn, actor.nama_pengguna, "pk_ditandatangani", tabel="pk_tanda_tangan",
                kunci=f"{tahun}/{kode_jabatan}/v{versi}",
                baru={"tanggal": tanggal.isoformat(), "berkas": display},
            )  # fmt: skip
    except BaseException:
        (folder / nama_simpan).unlink(missing_ok=True)
        raise
    return Signed(int(sid), versi)


def _existing_version(handle: Handle, tahun: int, unit: str, versi: int | None) -> int:
    df = handle.query_df(
        "SELECT max(versi) AS akhir, array_agg(versi) AS semua FROM pk_versi "
        "WHERE tahun = ? AND kode_opd = ?",
        [int(tahun), unit],
    )
    latest = df["akhir"].iloc[0]
    if pd.isna(latest):
        raise SigningError(f"{unit} belum memiliki PK tahun {tahun}; unggah indikatornya dahulu.")
    if versi is None:
        return int(latest)
    if versi not in list(df["semua"].iloc[0]):
        raise SigningError(f"PK {unit} tahun {tahun} versi {versi} tidak ada.")
    return int(versi)


def _scan_kind(handle: Handle, nama_asli: str, data: bytes) -> str:
    limit_mb = float(get_setting(handle, "maks_mb_bukti"))
    if not data:
        raise SigningError("Berkas pindaian kosong.")
    if len(data) > limit_mb * 1024 * 1024:
        raise SigningError(f"Berkas pindaian lebih besar dari batas {limit_mb:g} MB.")
    try:
        kind = file_kind(nama_asli, data)
    except EvidenceError as exc:
        raise SigningError(str(exc)) from exc
    if kind not in SCAN_KINDS:
        raise SigningError("Pindaian PK harus PDF, JPG atau PNG.")
    return kind


def status_list(
    handle: Handle, actor: Actor, tahun: int, kode_opd: str | None = None
) -> pd.DataFrame:
    """Per jabatan of the year's PK (operators: own OPD): version, kind, status, signing date."""
    if kode_opd is not None:
        require_opd(actor, kode_opd)
    scope = [kode_opd] if kode_opd else None
    if scope is None and actor.is_operator:
        scope = [actor.kode_opd]
    return handle.query_df(
        f"""WITH {jab.OWNER_CTES},
            milik AS (SELECT DISTINCT {jab.owner_expr("i")} AS kode_jabatan
                      FROM indikator i {jab.owner_join("i")} WHERE i.tahun = $tahun AND i.aktif),
            akhir AS (SELECT kode_opd, max(versi) AS versi FROM pk_versi WHERE tahun = $tahun
                      GROUP BY kode_opd),
            ttd AS (SELECT kode_jabatan, versi, max(tanggal) AS tanggal, max(id) AS id_ttd
                    FROM pk_tanda_tangan WHERE tahun = $tahun GROUP BY kode_jabatan, versi)
            SELECT j.kode_opd, j.kode_jabatan, j.nama_jabatan, j.jenjang, j.nama_pejabat,
                   a.versi, v.jenis AS jenis_versi,
                   CASE WHEN t.tanggal IS NOT NULL THEN 'ditandatangani'
                        WHEN v.jenis = 'perubahan' THEN 'perubahan' ELSE 'draft' END AS status,
                   t.tanggal AS tanggal_tanda_tangan, t.id_ttd
            FROM jabatan j JOIN milik m USING (kode_jabatan)
            LEFT JOIN akhir a ON a.kode_opd = j.kode_opd
            LEFT JOIN pk_versi v ON v.tahun = $tahun AND v.kode_opd = j.kode_opd
                                AND v.versi = a.versi
            LEFT JOIN ttd t ON t.kode_jabatan = j.kode_jabatan AND t.versi = a.versi
            WHERE $scope IS NULL OR j.kode_opd = ANY($scope)
            ORDER BY j.kode_opd, {jab.JENJANG_ORDER.replace("jenjang", "j.jenjang")},
                     j.kode_jabatan""",
        {"tahun": int(tahun), "scope": scope},
    )


def read_scan(handle: Handle, actor: Actor, ttd_id: int) -> tuple[str, bytes]:
    """(original name, bytes) of a signed scan, checked against its checksum."""
    df = handle.query_df(
        "SELECT kode_opd, nama_asli, nama_simpan, checksum FROM pk_tanda_tangan WHERE id = ?",
        [int(ttd_id)],
    )
    if df.empty:
        raise SigningError("Pindaian PK tidak ditemukan.")
    row = df.iloc[0]
    require_opd(actor, str(row["kode_opd"]))
    data = read_checked(scan_dir(handle), row["nama_simpan"], row["checksum"],
                        "Berkas pindaian", SigningError)  # fmt: skip
    return str(row["nama_asli"]), data
