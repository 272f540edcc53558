"""What went wrong, in one place: a fault of the database or the disk, told in plain Indonesian.

Pages (`ui.reporting.run_write`, `ui.data`), the CLI (`cli.main`) and the evidence store ask
`describe(exc)` for the message and `kind(exc)` for what to do (only a `CONFLICT` is worth an
automatic retry). What DuckDB 2.0 raises, as observed (tests/test_faults.py keeps the texts):

- a write-write conflict: `TransactionException` "Conflict on update!", "Conflict on tuple
  deletion!", "Catalog write-write conflict on ...", and at commit "Failed to commit: PRIMARY
  KEY or UNIQUE constraint violation" (two sessions inserting the same key);
- a full disk at commit: `TransactionException` 'Failed to commit: Could not write file
  "x.duckdb.wal": No space left on device' (the database stays usable); during a checkpoint:
  `FatalException` "Failed to create checkpoint because of error: Could not write file ...: No
  space left on device", after which every statement on that database instance raises
  `FatalException` "database has been invalidated because of a previous fatal error" until all
  its connections are closed; creating a file on a full disk: `IOException` "Could not write
  file ...: No space left on device";
- a truncated or damaged file: `IOException` 'The file "x" exists, but it is not a valid DuckDB
  database file!' (empty or bad header), 'Could not read enough bytes from file "x"' (cut short;
  on opening, or only when a query reaches the missing blocks), and plain `duckdb.Error` "Corrupt
  database file: computed checksum ... does not match stored checksum" (overwritten bytes);
- a file opened read-only that is missing: `IOException` "Cannot open database ... in read-only
  mode: database does not exist". (Opened read-write, DuckDB silently creates an empty file:
  `Handle._open_raw` refuses first and raises `DatabaseMissing`.)

No Streamlit import here; messages name no internals beyond the exception type.
"""

from __future__ import annotations

import errno
import os
from enum import StrEnum
from pathlib import Path

import duckdb
import psycopg


class Kind(StrEnum):
    CONFLICT = "konflik"  # another session changed the same data: retrying is right
    DISK_FULL = "disk_penuh"
    MISSING = "basis_data_hilang"
    DAMAGED = "basis_data_rusak"  # truncated or corrupted database file
    INVALIDATED = "basis_data_dihentikan"  # DuckDB stopped the instance after a fatal error
    BUSY = "sibuk"  # another process holds the file lock
    READ_ONLY = "hanya_baca"
    UNAVAILABLE = "server_tidak_tersedia"  # the PostgreSQL server cannot be reached
    OTHER = "lain"


class DatabaseMissing(FileNotFoundError):
    """The database file is not there; nothing was created. The message is for the user."""

    def __str__(self) -> str:  # raised bare, it still says what is missing
        return str(self.args[0]) if self.args else "Berkas basis data tidak ditemukan."


class DatabaseDamaged(RuntimeError):
    """The database file is truncated or corrupted; the message is for the user."""


RETRY = (
    "Data sedang diubah oleh pengguna lain pada saat yang sama; tidak ada yang disimpan. "
    "Silakan coba lagi."
)
DISK_FULL = (
    "Penyimpanan server penuh (disk penuh): perubahan ini tidak disimpan. Minta admin "
    "mengosongkan ruang disk, lalu coba lagi."
)
INVALIDATED = (
    "Basis data dihentikan sementara oleh mesin basis data setelah galat berat; perubahan ini "
    "tidak disimpan. Tunggu beberapa detik lalu muat ulang halaman; bila berulang, minta admin "
    "memulai ulang aplikasi."
)
UNAVAILABLE = (
    "Server basis data tidak dapat dihubungi (mati, dimulai ulang, atau jaringan terputus); "
    "tidak ada yang disimpan. Coba lagi sebentar lagi; bila berulang, hubungi admin."
)
READ_ONLY = (
    "Basis data hanya dapat dibaca (izin berkas atau penyimpanan hanya-baca); perubahan ini tidak "
    "disimpan. Hubungi admin."
)


def _file_message(path: str | os.PathLike[str] | None, what: str) -> str:
    where = f" {path}" if path else ""
    return (
        f"Berkas basis data{where} {what}. Tidak ada data yang diubah. Pulihkan berkas dari "
        "cadangan atau hubungi admin."
    )


def missing_message(path: str | os.PathLike[str] | None = None) -> str:
    return _file_message(
        path,
        "tidak ditemukan (terhapus atau dipindahkan saat aplikasi berjalan). Tidak ada berkas "
        "baru yang dibuat",
    )


def damaged_message(path: str | os.PathLike[str] | None = None) -> str:
    return _file_message(path, "rusak atau terpotong (tidak lengkap), sehingga tidak dapat dibaca")


# texts of DuckDB errors (English, from DuckDB's sources; OS texts come from strerror)
_CONFLICT = (
    "conflict on update",
    "conflict on tuple deletion",
    "write-write conflict",
    "by a concurrent transaction",
    "failed to commit: primary key or unique constraint violation",
)
_DISK_FULL = ("no space left on device", "disk quota exceeded", "not enough space on the disk")
_DAMAGED = (
    "not a valid duckdb database file",
    "could not read enough bytes from file",
    "corrupt database file",
    "corrupt wal file",
    "database file appears to be corrupted",
    "database file may be corrupted",
    "metadata is corrupt",
    "wal does not match database file",
)
_MISSING = ("database does not exist",)
_INVALIDATED = ("database has been invalidated", "failed to create checkpoint")
_READ_ONLY = ("attached in read-only mode", "read-only file system")
_DISK_FULL_ERRNO = {errno.ENOSPC, errno.EDQUOT}
_OS_TEXT = {  # errno -> what Indonesian users read instead of strerror
    errno.EACCES: "izin berkas ditolak",
    errno.EPERM: "izin berkas ditolak",
    errno.EROFS: "penyimpanan hanya-baca",
    errno.EIO: "galat perangkat penyimpanan",
    errno.ENOENT: "folder atau berkas tidak ditemukan",
}


def _root(exc: BaseException) -> BaseException:
    """The DuckDB error behind SQLAlchemy's wrapper (`DBAPIError.orig`), else `exc`."""
    orig = getattr(exc, "orig", None)
    return orig if isinstance(orig, BaseException) else exc


def _has(text: str, needles: tuple[str, ...]) -> bool:
    return any(n in text for n in needles)


def kind(exc: BaseException) -> Kind:
    """What kind of fault `exc` is (OTHER for anything not recognised, bugs included)."""
    from sakip_core.db import DatabaseBusy  # local: db imports this module

    exc = _root(exc)
    if isinstance(exc, DatabaseBusy):
        return Kind.BUSY
    if isinstance(exc, DatabaseMissing):
        return Kind.MISSING
    if isinstance(exc, DatabaseDamaged):
        return Kind.DAMAGED
    if isinstance(exc, OSError) and exc.errno is not None:
        if exc.errno in _DISK_FULL_ERRNO:
            return Kind.DISK_FULL
        if exc.errno == errno.EROFS:
            return Kind.READ_ONLY
        return Kind.OTHER
    if isinstance(exc, psycopg.Error):
        return _server_kind(exc)
    if not isinstance(exc, duckdb.Error):
        return Kind.OTHER
    text = str(exc).lower()
    if _has(text, _DISK_FULL):  # also inside "invalidated ... Original error: No space left"
        return Kind.DISK_FULL
    if _has(text, _DAMAGED):
        return Kind.DAMAGED
    if _has(text, _INVALIDATED) or isinstance(exc, duckdb.FatalException):
        return Kind.INVALIDATED
    if isinstance(exc, duckdb.TransactionException) and _has(text, _CONFLICT):
        return Kind.CONFLICT
    if _has(text, _MISSING):
        return Kind.MISSING
    if _has(text, _READ_ONLY):
        return Kind.READ_ONLY
    return Kind.OTHER


# PostgreSQL's SQLSTATE codes (by class where the whole class means one thing)
_SERVER_CODES = {
    "40001": Kind.CONFLICT,  # serialization_failure: REPEATABLE READ lost a race
    "40P01": Kind.CONFLICT,  # deadlock_detected
    "53100": Kind.DISK_FULL,
    "25006": Kind.READ_ONLY,  # read_only_sql_transaction (a standby)
    "3D000": Kind.MISSING,  # the database does not exist
    "57P01": Kind.UNAVAILABLE,  # admin_shutdown
    "57P02": Kind.UNAVAILABLE,  # crash_shutdown
    "57P03": Kind.UNAVAILABLE,  # cannot_connect_now
}


def _server_kind(exc: psycopg.Error) -> Kind:
    """The kind of a PostgreSQL error, from its SQLSTATE code."""
    code = exc.sqlstate or ""
    if code in _SERVER_CODES:
        return _SERVER_CODES[code]
    if code.startswith("08") or (not code and isinstance(exc, psycopg.OperationalError)):
        return Kind.UNAVAILABLE  # connection exceptions, or no connection at all
    return Kind.OTHER


def is_conflict(exc: BaseException) -> bool:
    """A write-write conflict with another session: the one fault a retry can cure."""
    return kind(exc) is Kind.CONFLICT


def is_fault(exc: BaseException) -> bool:
    """A fault of the database, its file or the disk, to be told to the user (not a bug).

    Recognised kinds, plus any DuckDB I/O, transaction or fatal error and any OSError: those
    come from the environment. Other DuckDB errors (a binder error of a faulty query) are bugs
    and keep their traceback.
    """
    if kind(exc) is not Kind.OTHER:
        return True
    root = _root(exc)
    environmental = (
        duckdb.IOException, duckdb.TransactionException, duckdb.FatalException, OSError,
        psycopg.OperationalError,
    )  # fmt: skip
    return isinstance(root, environmental)


def describe(exc: BaseException) -> str:
    """A message for the user (Bahasa Indonesia) saying what the fault is and what to do."""
    from sakip_core.db import DatabaseBusy

    root = _root(exc)
    found = kind(exc)
    if isinstance(root, (DatabaseBusy, DatabaseMissing, DatabaseDamaged)):
        return str(root)  # our own messages already name the file
    if found is Kind.CONFLICT:
        return RETRY
    if found is Kind.DISK_FULL:
        if _invalidated(root):  # DuckDB stopped the instance: it reopens once the hold expires
            return DISK_FULL + " Bila pesan ini tetap muncul, minta admin memulai ulang aplikasi."
        return DISK_FULL
    if found is Kind.DAMAGED:
        return damaged_message()
    if found is Kind.MISSING:
        return missing_message()
    if found is Kind.INVALIDATED:
        return INVALIDATED
    if found is Kind.READ_ONLY:
        return READ_ONLY
    if found is Kind.UNAVAILABLE:
        return UNAVAILABLE
    if isinstance(root, OSError):
        name = f" ({Path(root.filename).name})" if root.filename else ""
        return (
            f"Berkas tidak dapat dibaca atau ditulis di server{name}: {os_reason(root)}. Tidak "
            "ada yang disimpan; hubungi admin bila berulang."
        )
    return (
        f"Terjadi galat basis data ({type(root).__name__}); tindakan ini tidak dijalankan dan "
        "tidak ada yang disimpan. Coba lagi, dan hubungi admin bila berulang."
    )


def os_reason(exc: OSError) -> str:
    """The cause of an OSError in Indonesian (strerror is English)."""
    if exc.errno in _DISK_FULL_ERRNO:
        return "disk penuh"
    return _OS_TEXT.get(exc.errno or -1, "galat sistem berkas")


def _invalidated(exc: BaseException) -> bool:
    """DuckDB stopped the database instance (`FatalException`): it needs reopening."""
    return isinstance(exc, duckdb.FatalException) or _has(str(exc).lower(), _INVALIDATED)


__all__ = [
    "DatabaseDamaged",
    "DatabaseMissing",
    "Kind",
    "damaged_message",
    "describe",
    "is_conflict",
    "is_fault",
    "kind",
    "missing_message",
    "os_reason",
]
