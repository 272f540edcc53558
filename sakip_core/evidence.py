"""Evidence files (bukti dukung) of one realisation.

A file is accepted when its extension and its first bytes agree (PDF, JPG, PNG, XLSX, DOCX) and
it is within the size limit of the setting `maks_mb_bukti`. It is stored under a generated name
(uuid + extension) in `$SAKIP_BUKTI_DIR`, else `bukti/` next to the database file (for the
default database: `data/bukti/`), which no web server serves; the original name is only shown.
A PDF or Office file that visibly stops short (truncated upload) is refused as such.

A file is stored whole or not at all (a temporary name in the same folder, fsync, rename), and
the file and its `bukti` row agree: a failed transaction removes the file, a failed write leaves
no row. A full disk is said as such.
"""

from __future__ import annotations

import hashlib
import io
import os
import time
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from sakip_core import audit, clock, faults
from sakip_core.access import AccessDenied, require_opd, require_role
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.settings import get_setting
from sakip_core.stored_file import read_checked

UPLOADERS = frozenset({"admin", "operator"})
EXTENSIONS = {
    "pdf": "pdf",
    "jpg": "jpg",
    "jpeg": "jpg",
    "png": "png",
    "xlsx": "xlsx",
    "docx": "docx",
}
MAGIC = {
    "pdf": (b"%PDF-",),
    "jpg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
    "xlsx": (b"PK\x03\x04",),
    "docx": (b"PK\x03\x04",),
}
ZIP_MARKER = {"xlsx": "xl/", "docx": "word/"}  # an Office file is a zip with this folder


class EvidenceError(ValueError):
    """A refused evidence file; the message is safe to show (Bahasa Indonesia)."""


@dataclass(frozen=True)
class Stored:
    id: int
    nama_simpan: str
    checksum: str


def bukti_dir(handle: Handle) -> Path:
    env = os.environ.get("SAKIP_BUKTI_DIR")
    return Path(env) if env else handle.files_dir()


def file_kind(nama_asli: str, data: bytes) -> str:
    """The kind (pdf, jpg, png, xlsx, docx) when extension and content agree, else an error."""
    ext = nama_asli.rsplit(".", 1)[-1].lower() if "." in nama_asli else ""
    kind = EXTENSIONS.get(ext)
    if kind is None:
        raise EvidenceError("Jenis berkas tidak diizinkan; gunakan PDF, JPG, PNG, XLSX atau DOCX.")
    if not data.startswith(MAGIC[kind]):
        raise EvidenceError(f"Isi berkas bukan {kind.upper()} seperti yang disebut ekstensinya.")
    if not _complete(kind, data):
        raise EvidenceError(
            f"Berkas {kind.upper()} tidak lengkap (terpotong) atau rusak: bagian akhirnya tidak "
            "ada. Simpan ulang atau unduh ulang berkas aslinya, lalu unggah lagi."
        )
    if not _office_ok(kind, data):
        raise EvidenceError(f"Isi berkas bukan {kind.upper()} seperti yang disebut ekstensinya.")
    return kind


PDF_END = b"%%EOF"
PDF_END_WINDOW = 1024  # readers look for %%EOF within the last 1024 bytes (PDF 1.7, H.3)
ZIP_END = b"PK\x05\x06"  # end of central directory: the last record of every zip
ZIP_END_WINDOW = 22 + 65535  # the record plus the longest zip comment


def _complete(kind: str, data: bytes) -> bool:
    """False when the file visibly stops short: a PDF without its %%EOF marker near the end,
    an Office file (a zip) without its closing directory. Pictures are not checked."""
    if kind == "pdf":
        return PDF_END in data[-PDF_END_WINDOW:]
    if kind in ZIP_MARKER:
        at = data.rfind(ZIP_END, max(0, len(data) - ZIP_END_WINDOW))
        return at >= 0 and len(data) >= at + 22
    return True


def _office_ok(kind: str, data: bytes) -> bool:
    marker = ZIP_MARKER.get(kind)
    if marker is None:
        return True
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return any(n.startswith(marker) for n in z.namelist())
    except (zipfile.BadZipFile, OSError):
        return False


def _check_target(handle: Handle, actor: Actor, key: tuple[int, int, str, str]) -> None:
    tahun, triwulan, kode_opd, kode_indikator = key
    require_role(actor, UPLOADERS)
    require_opd(actor, kode_opd)
    with handle.cursor() as conn:
        ok = conn.execute(
            "SELECT 1 FROM indikator WHERE aktif AND tahun = ? AND kode_opd = ? "
            "AND kode_indikator = ?",
            [tahun, kode_opd, kode_indikator],
        ).fetchone()
        locked = conn.execute(
            "SELECT oleh FROM kunci_triwulan WHERE tahun = ? AND triwulan = ? AND terkunci",
            [tahun, triwulan],
        ).fetchone()
    if ok is None:
        raise EvidenceError(f"Indikator {kode_indikator} bukan milik OPD {kode_opd} tahun {tahun}.")
    if locked is not None:
        raise EvidenceError(
            f"Triwulan {triwulan} tahun {tahun} sudah dikunci oleh {locked[0] or 'admin'}."
        )


def store(
    handle: Handle,
    actor: Actor,
    key: tuple[int, int, str, str],
    nama_asli: str,
    data: bytes,
) -> Stored:
    """Check and store one evidence file for (tahun, triwulan, kode_opd, kode_indikator)."""
    _check_target(handle, actor, key)
    limit_mb = float(get_setting(handle, "maks_mb_bukti"))
    if not data:
        raise EvidenceError("Berkas kosong.")
    if len(data) > limit_mb * 1024 * 1024:
        raise EvidenceError(f"Berkas lebih besar dari batas {limit_mb:g} MB.")
    kind = file_kind(nama_asli, data)
    checksum = hashlib.sha256(data).hexdigest()
    folder = bukti_dir(handle)
    nama_simpan = f"{uuid.uuid4().hex}.{kind}"
    target = folder / nama_simpan
    _write_whole(folder, target, data)
    display = Path(nama_asli.replace("\\", "/")).name[:200] or nama_simpan
    try:  # the row and the file agree: a failed transaction takes the file away again
        with handle.transaction() as conn:
            (bid,) = conn.execute(
                "INSERT INTO bukti (tahun, triwulan, kode_opd, kode_indikator, nama_asli, "
                "nama_simpan, jenis, ukuran, checksum, pengguna, waktu) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [*key, display, nama_simpan, kind, len(data), checksum, actor.nama_pengguna,
                 clock.now()],
            ).fetchone()  # fmt: skip
            audit.record(
                conn, actor.nama_pengguna, "bukti_baru", tabel="bukti",
                kunci="/".join(str(k) for k in key),
                baru={"nama_asli": display, "nama_simpan": nama_simpan, "checksum": checksum},
            )  # fmt: skip
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return Stored(int(bid), nama_simpan, checksum)


TEMP_PREFIX = ".sementara-"
STALE_TEMP_SECONDS = 3600  # a temporary file this old belongs to no running upload


def _write_whole(folder: Path, target: Path, data: bytes) -> None:
    """`data` under `target`, whole or not at all: written to a temporary name in the same
    folder, flushed to disk (fsync), then renamed (atomic on one file system). On any error
    the temporary file is removed and an `EvidenceError` says why (a full disk as such)."""
    temp = folder / f"{TEMP_PREFIX}{uuid.uuid4().hex}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _sweep_stale_temps(folder)
        with open(temp, "xb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
        _fsync_folder(folder)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        target.unlink(missing_ok=True)
        raise EvidenceError(_storage_message(exc)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        target.unlink(missing_ok=True)
        raise


def _storage_message(exc: OSError) -> str:
    if faults.kind(exc) is faults.Kind.DISK_FULL:
        return (
            "Penyimpanan server penuh (disk penuh): berkas bukti tidak disimpan. Minta admin "
            "mengosongkan ruang disk, lalu unggah lagi."
        )
    return (
        f"Berkas bukti tidak dapat disimpan di server: {faults.os_reason(exc)}. Tidak ada yang "
        "disimpan; hubungi admin bila berulang."
    )


def _sweep_stale_temps(folder: Path) -> None:
    """Remove temporary files left by an upload that was killed mid-write (best effort)."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for leftover in folder.glob(f"{TEMP_PREFIX}*"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); where a folder cannot be opened, skip."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def list_evidence(
    handle: Handle, actor: Actor, tahun: int, triwulan: int, kode_opd: str
) -> pd.DataFrame:
    """The evidence files of one OPD's quarter (own OPD for operators)."""
    require_opd(actor, kode_opd)
    return handle.query_df(
        "SELECT id, kode_indikator, nama_asli, jenis, ukuran, checksum, pengguna, waktu "
        "FROM bukti WHERE tahun = ? AND triwulan = ? AND kode_opd = ? ORDER BY kode_indikator, id",
        [tahun, triwulan, kode_opd],
    )


def read(handle: Handle, actor: Actor, bukti_id: int) -> tuple[str, bytes]:
    """(original name, bytes) of one evidence file, checked against its stored checksum."""
    df = handle.query_df(
        "SELECT kode_opd, nama_asli, nama_simpan, checksum FROM bukti WHERE id = ?", [bukti_id]
    )
    if df.empty:
        raise EvidenceError("Bukti tidak ditemukan.")
    row = df.iloc[0]
    require_opd(actor, str(row["kode_opd"]))
    data = read_checked(bukti_dir(handle), row["nama_simpan"], row["checksum"],
                        "Berkas bukti", EvidenceError)  # fmt: skip
    return str(row["nama_asli"]), data


__all__ = ["AccessDenied", "EvidenceError", "Stored", "bukti_dir", "file_kind", "read", "store"]
