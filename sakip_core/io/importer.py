"""The upload service: check a whole file, then write it as one batch in one transaction.

Used by the CLI (`import`) and the upload page alike; the acting user is always passed in and
bounds what may be written (role per dataset, own OPD for operators). The check itself is in
`check` (with `skipped`, `indicator_names` and `problem_text`); this module writes what passed,
retrying a conflict with another session, records the batch in the audit log, and keeps every
name the pages and the CLI import from here.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from sakip_core import faults
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.io.check import CheckResult, check_upload
from sakip_core.io.limits import UploadLimits, upload_limits
from sakip_core.io.parse import Problem
from sakip_core.io.reader import ROW_COL
from sakip_core.io.skipped import SKIP_NOTE
from sakip_core.io.writer import BatchMeta, BatchResult, write_batch

WRITE_ATTEMPTS = 3


@dataclass
class ImportResult:
    check: CheckResult
    batch: BatchResult | None = None

    @property
    def ok(self) -> bool:
        return self.batch is not None


def import_upload(
    handle: Handle,
    dataset: str,
    data: bytes,
    nama_file: str,
    actor: Actor,
    waktu: datetime | None = None,
) -> ImportResult:
    """Check, then write in one transaction as one batch. Nothing is written on any problem."""
    check = check_upload(handle, dataset, data, nama_file, actor)
    if not check.ok:
        return ImportResult(check)
    meta = BatchMeta(dataset, actor.nama_pengguna, nama_file, check.checksum, waktu)
    return ImportResult(check, write_checked(handle, meta, check.rows))


def write_checked(handle: Handle, meta: BatchMeta, rows: pd.DataFrame) -> BatchResult:
    """One transaction; a write-write conflict with another session is retried, never dropped."""
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with handle.transaction() as conn:
                result = write_batch(conn, meta, rows)
                _audit_batch(conn, meta, result)
                return result
        except Exception as exc:  # a conflict on either store (faults says which)
            if not faults.is_conflict(exc) or attempt == WRITE_ATTEMPTS:
                raise  # a full disk is not retried: it is reported as what it is
            time.sleep(0.2 * attempt)
    raise AssertionError("unreachable")


def _audit_batch(conn: duckdb.DuckDBPyConnection, meta: BatchMeta, result: BatchResult) -> None:
    """The accepted batch in the audit log, in the batch's own transaction (the superseded old
    values are in `<dataset>_riwayat` with `diganti_oleh_batch` = this batch)."""
    from sakip_core import audit  # local: audit imports access, which imports auth

    counts = {"baris": result.jumlah_baris, "baru": result.baru, "berubah": result.berubah}
    audit.record(
        conn, meta.pengguna, "impor", tabel=meta.dataset, kunci=f"batch {result.batch_id}",
        baru={**counts, "sama": result.sama, "checksum": meta.checksum},
        keterangan=meta.nama_file, waktu=meta.waktu,
    )  # fmt: skip


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table for pages (`baris`, `kolom`, `pesan`, `nilai`); `pesan` names the
    row's indicator, and no cell shows 'nan' or 'None'."""
    frame = pd.DataFrame(
        [(p.baris, p.kolom or "", p.pesan_lengkap, p.nilai or "") for p in problems],
        columns=["baris", "kolom", "pesan", "nilai"],
    )
    frame["baris"] = frame["baris"].astype("Int64")  # file-level problems: empty, not NaN
    return frame


__all__ = [
    "ROW_COL",
    "SKIP_NOTE",
    "CheckResult",
    "ImportResult",
    "UploadLimits",
    "check_upload",
    "import_upload",
    "problems_frame",
    "upload_limits",
    "write_checked",
]
