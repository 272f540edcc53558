"""The upload service: check a whole file, then write it as one batch in one transaction.

Used by the CLI (`import`) and the upload page alike; the acting user is always passed in and
bounds what may be written (role per dataset, own OPD for operators).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import pandas as pd

from sakip_core.auth import Actor
from sakip_core.calc.lke import answer_value
from sakip_core.db import Handle
from sakip_core.io import rules
from sakip_core.io.parse import Problem, Problems, check_duplicates, parse_table
from sakip_core.io.reader import ROW_COL, FileProblem, read_table
from sakip_core.io.schema import DATASETS, UPLOAD_ROLES, Dataset
from sakip_core.io.writer import BatchMeta, BatchResult, write_batch

WRITE_ATTEMPTS = 3


@dataclass
class CheckResult:
    dataset: str
    nama_file: str
    checksum: str
    rows: pd.DataFrame  # clean and typed, ready for the writer (empty when there are problems)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class ImportResult:
    check: CheckResult
    batch: BatchResult | None = None

    @property
    def ok(self) -> bool:
        return self.batch is not None


def check_upload(
    handle: Handle,
    dataset: str,
    data: bytes,
    nama_file: str,
    actor: Actor,
    roles: frozenset[str] | None = None,
) -> CheckResult:
    """Validate a whole file; nothing is written.

    `roles` overrides who may send this dataset (e.g. LKE proposals, which operators may send
    although the `lke` import of final answers is for evaluators only).
    """
    checksum = hashlib.sha256(data).hexdigest()
    result = CheckResult(dataset, nama_file, checksum, pd.DataFrame())
    if dataset not in DATASETS:
        result.problems.append(Problem(None, None, f"dataset tidak dikenal: {dataset}"))
        return result
    if actor.peran not in (roles if roles is not None else UPLOAD_ROLES[dataset]):
        result.problems.append(
            Problem(None, None, f"peran {actor.peran} tidak berwenang mengunggah data {dataset}")
        )
        return result
    try:
        raw = read_table(data, nama_file)
    except FileProblem as exc:
        result.problems.append(Problem(None, None, str(exc)))
        return result
    spec = DATASETS[dataset]
    missing = [c for c in spec.required if c not in raw.columns]
    for name in missing:
        result.problems.append(Problem(1, name, "kolom wajib tidak ada di baris judul"))
    extra = [c for c in raw.columns if c not in spec.names and c not in spec.helper_columns]
    if extra:
        result.warnings.append("Kolom berikut tidak dikenal dan diabaikan: " + ", ".join(extra))
    if missing:
        return result
    problems = Problems()
    table = parse_table(spec, raw.cells, problems)
    check_duplicates(spec, table, problems)
    rules.actor_scope(dataset, table, actor, problems)
    with handle.cursor() as conn:
        _check_references(conn, dataset, table, problems)
        if dataset == "realisasi":
            rules.verified_values(conn, table, actor, problems)
        result.warnings += _repeat_warning(conn, checksum)
    result.problems = problems.to_list(spec.names)
    if result.ok:
        result.rows = _clean_rows(spec, table)
    return result


def _check_references(
    conn: duckdb.DuckDBPyConnection, dataset: str, table: pd.DataFrame, p: Problems
) -> None:
    if dataset == "opd":
        return
    opds = rules.known_opds(conn)
    if dataset == "lke":
        rules.opd_exists(table, "kode_unit", opds, p, extra=frozenset({"PEMDA"}))
        return
    rules.opd_exists(table, "kode_opd", opds, p)
    if dataset == "indikator":
        rules.indicator_targets(table, p)
        rules.indicator_references(conn, table, p)
    elif dataset == "realisasi":
        rules.realisasi_references(conn, table, p)
        rules.locked_quarters(conn, table, p)


def _repeat_warning(conn: duckdb.DuckDBPyConnection, checksum: str) -> list[str]:
    row = conn.execute(
        "SELECT id, waktu, pengguna FROM batch_unggah WHERE checksum = ? ORDER BY id DESC LIMIT 1",
        [checksum],
    ).fetchone()
    if row is None:
        return []
    when = f"{row[1]:%d-%m-%Y %H:%M}"
    return [
        f"Berkas yang sama persis sudah pernah diunggah (batch {row[0]}, {when}, oleh {row[2]})."
    ]


def _clean_rows(spec: Dataset, table: pd.DataFrame) -> pd.DataFrame:
    rows = table[spec.names].copy()
    if spec.name == "lke":
        rows["nilai"] = rows["jawaban"].map(answer_value).astype("float64")
    if "program" in rows.columns and spec.name == "anggaran":
        rows["program"] = rows["program"].fillna("")
    if "iku" in rows.columns:
        rows["iku"] = rows["iku"].astype(bool)
    for col in spec.columns:
        if col.kind == "int":
            rows[col.name] = rows[col.name].astype("int64")
        elif col.kind == "number":
            rows[col.name] = rows[col.name].astype("float64")
    return rows.reset_index(drop=True)


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
        except duckdb.TransactionException:
            if attempt == WRITE_ATTEMPTS:
                raise
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
    """Problems as a table for pages (`baris`, `kolom`, `pesan`, `nilai`)."""
    return pd.DataFrame(
        [(p.baris, p.kolom, p.pesan, p.nilai) for p in problems],
        columns=["baris", "kolom", "pesan", "nilai"],
    )


__all__ = [
    "ROW_COL",
    "CheckResult",
    "ImportResult",
    "check_upload",
    "import_upload",
    "problems_frame",
    "write_checked",
]
