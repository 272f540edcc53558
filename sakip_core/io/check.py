"""Checking a whole uploaded file for one dataset, without writing anything.

The file is read within the upload limits (reader), its header matched to the dataset's
columns, every cell parsed and every rule applied (parse, rules), and the references checked
against the database. The result lists the problems (capped, see problem_text), the warnings,
and, when there is no problem, the clean typed rows the writer takes as one batch.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from sakip_core.auth import Actor
from sakip_core.calc.lke import answer_value
from sakip_core.db import Handle
from sakip_core.io import rules, rules_jabatan, rules_lhe, rules_renstra
from sakip_core.io.indicator_names import indicator_names, with_indicator
from sakip_core.io.limits import FileProblem, UploadLimits, upload_limits
from sakip_core.io.parse import Problem, Problems, check_duplicates, parse_table
from sakip_core.io.problem_text import listed, listing, merged_problems, sheet_note
from sakip_core.io.reader import ROW_COL, RawTable, read_table, short
from sakip_core.io.schema import DATASETS, PEMDA, UPLOAD_ROLES, Dataset
from sakip_core.io.skipped import (
    SKIPPED_COLUMNS,
    note_skipped,
    nothing_filled,
    parse_spec,
    skipped_rows,
)


@dataclass
class CheckResult:
    dataset: str
    nama_file: str
    checksum: str
    rows: pd.DataFrame  # clean and typed, ready for the writer (empty when there are problems)
    problems: list[Problem] = field(default_factory=list)  # the first N, then a closing line
    warnings: list[str] = field(default_factory=list)
    lembar: str | None = None  # the sheet that was read (.xlsx)
    jumlah_dilewati: int = 0  # realisasi rows with a blank realisasi: not reported, skipped
    dilewati: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SKIPPED_COLUMNS))
    total_masalah: int | None = None  # every problem found, listed or not

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def jumlah_masalah(self) -> int:
        """How many problems the file has (`problems` lists at most the first N of them)."""
        if self.total_masalah is not None:
            return self.total_masalah
        return sum(1 for p in self.problems if not p.ringkasan)


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
    refusal = _refusal(dataset, actor, roles)
    if refusal is not None:
        result.problems.append(Problem(None, None, refusal))
        return result
    limits = upload_limits(handle)
    spec = DATASETS[dataset]
    raw = _read(result, data, limits)
    if raw is None or not _columns_ok(result, spec, raw):
        return result
    problems = Problems()
    table = parse_table(
        parse_spec(spec), raw.cells, problems, limits.panjang_teks, limits.panjang_kode
    )
    skip = skipped_rows(spec, raw.cells)
    written = table[~skip]  # a skipped row writes nothing: its references cannot matter
    check_duplicates(spec, written, problems)
    rules.actor_scope(dataset, table, actor, problems)  # but nobody sends other OPDs' rows
    if skip.all():
        problems.add(nothing_filled(spec, len(table)))
    with handle.cursor() as conn:
        _check_references(conn, dataset, written, problems)
        if dataset == "realisasi":
            rules.verified_values(conn, written, actor, problems)
        result.warnings += _repeat_warning(conn, checksum)
        if dataset == "indikator":
            result.warnings += _signed_warning(conn, written)
        result.problems = listed(problems, spec.names, limits)
        result.total_masalah = problems.count()
        names = None
        if dataset == "realisasi":
            names = _name_indicators(conn, result, table, raw, skip)
    if result.ok:
        result.rows = _clean_rows(spec, written)
        if skip.any():
            note_skipped(result, table, raw, skip, names or {})
    return result


def _refusal(dataset: str, actor: Actor, roles: frozenset[str] | None) -> str | None:
    """Why this actor may not send this dataset at all (None: they may)."""
    if dataset not in DATASETS:
        return f"dataset tidak dikenal: {dataset}"
    if actor.peran not in (roles if roles is not None else UPLOAD_ROLES[dataset]):
        return f"peran {actor.peran} tidak berwenang mengunggah data {dataset}"
    return None


def _read(result: CheckResult, data: bytes, limits: UploadLimits) -> RawTable | None:
    """The file's raw cells; None (with the problems in `result`) when it cannot be used."""
    try:
        raw = read_table(data, result.nama_file, limits)
    except FileProblem as exc:
        result.problems.append(Problem(None, None, str(exc)))
        return None
    if raw.lembar is not None:
        result.lembar = raw.lembar
        result.warnings.append(sheet_note(raw))
    if raw.merged:
        merged = Problems(singles=merged_problems(raw))
        result.problems = listed(merged, [], limits)
        result.total_masalah = merged.count()
        if result.problems:
            return None
    return raw


def _columns_ok(result: CheckResult, spec: Dataset, raw: RawTable) -> bool:
    """Whether every required column is in the header; unknown columns are noted and ignored."""
    missing = [c for c in spec.required if c not in raw.columns]
    for name in missing:
        result.problems.append(Problem(1, name, "kolom wajib tidak ada di baris judul"))
    extra = [c for c in raw.columns if c not in spec.names and c not in spec.helper_columns]
    if extra:
        result.warnings.append(
            "Kolom berikut tidak dikenal dan diabaikan: " + listing([short(c) for c in extra])
        )
    return not missing


def _name_indicators(
    conn: duckdb.DuckDBPyConnection,
    result: CheckResult,
    table: pd.DataFrame,
    raw: RawTable,
    skip: pd.Series,
) -> dict[int, tuple[str, str | None]]:
    """The listed problems labelled with their row's indicator; the names found (for the rows
    with a problem, or, when there is none, for the skipped rows)."""
    wanted = {p.baris for p in result.problems if p.baris is not None}
    if not result.problems:
        wanted = set(table.loc[skip, ROW_COL])
    names = indicator_names(conn, table, raw, wanted)
    result.problems = [with_indicator(p, names) for p in result.problems]
    return names


def _check_references(
    conn: duckdb.DuckDBPyConnection, dataset: str, table: pd.DataFrame, p: Problems
) -> None:
    if dataset == "opd":
        return
    opds = rules.known_opds(conn)
    if dataset == "lke":
        rules.opd_exists(table, "kode_unit", opds, p, extra=frozenset({"PEMDA"}))
        return
    if dataset == "jabatan":
        rules_jabatan.jabatan_rules(conn, table, opds, p)
        return
    if dataset == "lhe":
        rules.opd_exists(table, "kode_unit", opds, p, extra=frozenset({PEMDA}))
        rules_lhe.lhe_rules(table, p)
        return
    # PEMDA: the Pemda's own indicators (level pemda) and their realisations
    pemda = frozenset({PEMDA}) if dataset in ("indikator", "realisasi", "renstra") else frozenset()
    rules.opd_exists(table, "kode_opd", opds, p, extra=pemda)
    if dataset == "indikator":
        rules.indicator_targets(table, p)
        rules.indicator_references(conn, table, p)
        rules_jabatan.indicator_owners(conn, table, p)
    elif dataset == "renstra":
        rules_renstra.renstra_rules(table, p)
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


def _signed_warning(conn: duckdb.DuckDBPyConnection, table: pd.DataFrame) -> list[str]:
    """A new PK version over one that was signed: say what it becomes (issue 12, point 4)."""
    units = table[["tahun", "kode_opd"]].dropna().drop_duplicates()
    if units.empty:
        return []
    conn.register("pk_unggah", units)
    try:
        rows = conn.execute(
            """SELECT DISTINCT u.tahun, u.kode_opd, v.versi
               FROM pk_unggah u
               JOIN (SELECT tahun, kode_opd, max(versi) AS versi FROM pk_versi
                     GROUP BY tahun, kode_opd) v
                 USING (tahun, kode_opd)
               JOIN pk_tanda_tangan t USING (tahun, kode_opd, versi)
               ORDER BY 1, 2"""
        ).fetchall()
    finally:
        conn.unregister("pk_unggah")
    return [
        f"PK {opd} tahun {tahun} versi {versi} sudah ditandatangani. Berkas ini menjadi versi "
        f"{versi + 1} (koreksi, berstatus draft) yang menggantikannya sejak tanggal berlakunya; "
        "bila ini PK Perubahan, tetapkan versi barunya sebagai PK Perubahan di halaman "
        "Perjanjian Kinerja."
        for tahun, opd, versi in rows
    ]


def _clean_rows(spec: Dataset, table: pd.DataFrame) -> pd.DataFrame:
    rows = table[spec.names].copy()
    if spec.name == "lke":
        rows["nilai"] = rows["jawaban"].map(answer_value).astype("float64")
    if "program" in rows.columns and spec.name == "anggaran":
        rows["program"] = rows["program"].fillna("")
    if spec.name == "jabatan":  # a holder without a status is definitif
        named = rows["nama_pejabat"].notna() & rows["status_pejabat"].isna()
        rows.loc[named, "status_pejabat"] = "definitif"
    if "iku" in rows.columns:
        rows["iku"] = rows["iku"].astype(bool)
    for col in spec.columns:
        if col.kind == "int":
            rows[col.name] = rows[col.name].astype("int64")
        elif col.kind == "number":
            rows[col.name] = rows[col.name].astype("float64")
    return rows.reset_index(drop=True)
