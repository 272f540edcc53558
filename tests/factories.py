"""Small builders for arithmetic tests: a fresh database, and rows written as an upload writes them.

Every writer goes through `sakip_core.io.writer.write_batch` inside `handle.transaction()`, so the
tests exercise the same tables and columns as a real import. Values are given as plain dicts; the
optional columns of formats.md get the defaults the upload would give them.

Every `add_*` takes a handle (one transaction per call) or a connection from `h.transaction()`
(to write several datasets in one transaction, which is faster in property tests).

Note on indicators: an upload of `indikator` for (tahun, kode_opd) *replaces* that OPD's indicator
set for the year (a new PK version). Pass all indicators of one OPD and year in one `add_indicators`
call.
"""

from __future__ import annotations

import atexit
import itertools
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from sakip_core.db import DuckHandle, Handle, connect, create_database
from sakip_core.io.schema import DATASETS
from sakip_core.io.writer import INDIKATOR_COLUMNS, OPD_COLUMNS, BatchMeta, write_batch
from tests import stores

TAHUN = 2025
Target = Handle | duckdb.DuckDBPyConnection  # where an add_* writes
_checksums = itertools.count(1)

# capaian.md section 8, written out by hand (deliberately not imported from the code under test)
LKE_ANSWER_VALUES: dict[str, float] = {
    "Y": 1.0,
    "T": 0.0,
    "A": 1.0,
    "B": 0.75,
    "C": 0.5,
    "D": 0.25,
    "E": 0.0,
}

REALISASI_COLUMNS = [
    "tahun",
    "triwulan",
    "kode_opd",
    "kode_indikator",
    "realisasi",
    "keterangan",
    "bukti",
    "faktor_pendukung",
    "faktor_penghambat",
    "tindak_lanjut",
]
ANGGARAN_COLUMNS = ["tahun", "bulan", "kode_opd", "program", "pagu", "realisasi"]
LKE_COLUMNS = [
    "tahun",
    "kode_unit",
    "komponen",
    "subkomponen",
    "kode_kriteria",
    "kriteria",
    "jawaban",
    "nilai",
    "catatan",
]
RB_AKSI_COLUMNS = [
    "tahun",
    "bulan",
    "kode_opd",
    "area",
    "kode_aksi",
    "rencana_aksi",
    "target",
    "realisasi",
]

_FLOAT_COLUMNS = {
    "target",
    "target_min",
    "target_max",
    "target_tw1",
    "target_tw2",
    "target_tw3",
    "target_tw4",
    "bobot",
    "anggaran",
    "realisasi",
    "pagu",
    "nilai",
}
_INT_COLUMNS = {"tahun", "triwulan", "bulan"}


_template: Path | None = None


def make_db(tmp_path: Path, name: str = "t.duckdb", fresh: bool = False) -> Handle:
    """A new database file with the schema, default settings, bands and RB frameworks.

    `create_database` costs about 0.5 s, so it runs once per test process on a template file; each
    test gets a byte copy of that file (about 0.05 s); `fresh=True` calls `create_database` itself.
    """
    global _template
    if stores.ON_PG:
        return _make_pg_db(tmp_path, name, fresh)
    target = Path(tmp_path) / name
    if fresh:
        return create_database(target)
    if _template is None or not _template.exists():
        folder = Path(tempfile.mkdtemp(prefix="sakip-template-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        template = folder / "template.duckdb"
        create_database(template).close()  # closing checkpoints: a single self-contained file
        _template = template
    shutil.copyfile(_template, target)
    wal = _template.with_name(_template.name + ".wal")
    if wal.exists():  # normally absent after close(); copied so the copy is never half a database
        shutil.copyfile(wal, target.with_name(target.name + ".wal"))
    return DuckHandle(target)


_pg_template: str | None = None


def _make_pg_db(tmp_path: Path, name: str, fresh: bool) -> Handle:
    """`make_db` on PostgreSQL: a copy of a template database with the schema."""
    global _pg_template
    if fresh:
        return create_database(stores.new_target(tmp_path, name))
    if _pg_template is None:
        built = stores.new_target(tmp_path, "schema")
        create_database(built).close()
        _pg_template = stores.make_template(built)
    return connect(stores.copy_target(_pg_template, Path(tmp_path) / name))


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=columns)
    for col in columns:
        if col in _FLOAT_COLUMNS:
            df[col] = pd.to_numeric(df[col]).astype("float64")  # None -> NaN -> NULL in DuckDB
        elif col in _INT_COLUMNS:
            df[col] = df[col].astype("int64")
    return df


@contextmanager
def _conn(h: Target) -> Iterator[duckdb.DuckDBPyConnection]:
    """A handle opens its own transaction; a connection (from `h.transaction()`) is used as is."""
    if isinstance(h, Handle):
        with h.transaction() as conn:
            yield conn
    else:
        yield h


def _write(h: Target, dataset: str, df: pd.DataFrame) -> None:
    meta = BatchMeta(dataset, "test", f"{dataset}.csv", f"sha-test-{next(_checksums)}")
    with _conn(h) as conn:
        write_batch(conn, meta, df)


def add_opd(h: Target, *opds: str | Mapping[str, Any]) -> None:
    """`add_opd(h, "01", "02")` or `add_opd(h, {"kode_opd": "01", "nama_opd": "Dinas X"})`."""
    rows = []
    for o in opds:
        d = {"kode_opd": o} if isinstance(o, str) else dict(o)
        d.setdefault("nama_opd", f"OPD {d['kode_opd']}")
        d.setdefault("jenis", "lainnya")
        d.setdefault("singkatan", None)
        rows.append(d)
    _write(h, "opd", _frame(rows, OPD_COLUMNS))


def indicator_row(**kw: Any) -> dict[str, Any]:
    """One `indikator` row with defaults for everything but kode_opd and kode_indikator."""
    row: dict[str, Any] = {
        "tahun": TAHUN,
        "sasaran": "Sasaran uji",
        "indikator": f"Indikator {kw.get('kode_indikator', '?')}",
        "satuan": "%",
        "polaritas": "positif",
        "agregasi": "nilai_akhir",
        "target": None,
        "target_min": None,
        "target_max": None,
        "target_tw1": None,
        "target_tw2": None,
        "target_tw3": None,
        "target_tw4": None,
        "bobot": 1.0,
        "level": "opd",
        "induk": None,
        "iku": False,
        "program": None,
        "anggaran": None,
    }
    unknown = set(kw) - set(INDIKATOR_COLUMNS)
    if unknown:
        raise KeyError(f"unknown indikator columns: {unknown}")
    row.update(kw)
    return row


def add_indicators(h: Target, rows: Iterable[Mapping[str, Any]]) -> None:
    """Write indicators (all of one OPD and year in one call: each call is a new PK version)."""
    full = [indicator_row(**r) for r in rows]
    df = _frame(full, INDIKATOR_COLUMNS)
    df["iku"] = df["iku"].astype(bool)
    _write(h, "indikator", df)


JABATAN_COLUMNS = list(DATASETS["jabatan"].names)


def add_jabatan(h: Target, rows: Iterable[Mapping[str, Any]]) -> None:
    """Write positions (one batch); missing columns are empty, a named holder is definitif."""
    full = []
    for r in rows:
        d = dict(r)
        if d.get("nama_pejabat") and not d.get("status_pejabat"):
            d["status_pejabat"] = "definitif"
        full.append(d)
    _write(h, "jabatan", _frame(full, JABATAN_COLUMNS))


def add_realisasi(h: Target, rows: Iterable[Mapping[str, Any]]) -> None:
    """Rows need kode_opd, kode_indikator, triwulan, realisasi (tahun defaults to TAHUN)."""
    full = []
    for r in rows:
        d = {"tahun": TAHUN, "keterangan": None, "bukti": None, "faktor_pendukung": None,
             "faktor_penghambat": None, "tindak_lanjut": None, **r}  # fmt: skip
        full.append(d)
    _write(h, "realisasi", _frame(full, REALISASI_COLUMNS))


def add_anggaran(h: Target, rows: Iterable[Mapping[str, Any]]) -> None:
    """Rows need bulan, kode_opd, pagu, realisasi (program defaults to '')."""
    full = [{"tahun": TAHUN, "program": "", **r} for r in rows]
    _write(h, "anggaran", _frame(full, ANGGARAN_COLUMNS))


RENSTRA_COLUMNS = list(DATASETS["renstra"].names)


def add_renstra(h: Target, rows: Iterable[Mapping[str, Any]]) -> None:
    """Rows need kode_opd, kode_indikator and the targets; the rest defaults (2025-2029)."""
    full = []
    for r in rows:
        d = {"tahun_awal": 2025, "tahun_akhir": 2029, "sasaran": "Sasaran uji",
             "indikator": f"Indikator {r['kode_indikator']}", "satuan": "%",
             "polaritas": "positif", **r}  # fmt: skip
        full.append(d)
    df = pd.DataFrame(full).reindex(columns=RENSTRA_COLUMNS)
    for col in RENSTRA_COLUMNS:
        if col.startswith("target") or col == "kondisi_awal":
            df[col] = pd.to_numeric(df[col]).astype("float64")
    _write(h, "renstra", df)


def lke_value(jawaban: str) -> float:
    """The 0..1 value of an answer, by the table of capaian.md section 8 (an independent oracle)."""
    text = jawaban.strip().upper()
    if text in LKE_ANSWER_VALUES:
        return LKE_ANSWER_VALUES[text]
    return float(text.replace(",", "."))


def add_lke(h: Target, rows: Iterable[Mapping[str, Any]]) -> None:
    """Rows need kode_unit, komponen, subkomponen, jawaban; kode_kriteria is numbered if absent.

    `nilai` (the stored 0..1 value, as the importer stores it) is derived from `jawaban` by the
    spec table unless given.
    """
    full = []
    for i, r in enumerate(rows):
        d = {"tahun": TAHUN, "kriteria": None, "catatan": None, **r}
        d.setdefault("kode_kriteria", f"K{i:03d}")
        d.setdefault("nilai", lke_value(str(d["jawaban"])))
        full.append(d)
    _write(h, "lke", _frame(full, LKE_COLUMNS))


def add_rb_aksi(h: Target, rows: Iterable[Mapping[str, Any]]) -> None:
    """Rows need bulan, kode_opd, kode_aksi, target, realisasi."""
    full = [
        {"tahun": TAHUN, "area": "tata laksana", "rencana_aksi": f"Aksi {r['kode_aksi']}", **r}
        for r in rows
    ]
    _write(h, "rb_aksi", _frame(full, RB_AKSI_COLUMNS))


def add_rb_nilai(h: Target, kerangka: str, scores: Mapping[str, float], tahun: int = TAHUN) -> None:
    """Scores of an RB index framework's components (no upload dataset exists: plain SQL)."""
    with _conn(h) as conn:
        conn.executemany(
            "INSERT INTO rb_nilai (tahun, kode_kerangka, kode_komponen, nilai) VALUES (?, ?, ?, ?)",
            [[tahun, kerangka, k, float(v)] for k, v in scores.items()],
        )


def clear(h: Target, *tables: str) -> None:
    """Empty tables so that one database can serve many hypothesis examples."""
    with _conn(h) as conn:
        for t in tables:
            conn.execute(f"DELETE FROM {t}")


def row_of(df: pd.DataFrame, **key: Any) -> dict[str, Any]:
    """The single row of `df` matching all key=value pairs, as a dict."""
    mask = pd.Series(True, index=df.index)
    for k, v in key.items():
        mask &= df[k] == v
    hits = df[mask]
    assert len(hits) == 1, f"expected one row for {key}, got {len(hits)}"
    return hits.iloc[0].to_dict()


def is_empty(value: Any) -> bool:
    """None, NaN, pd.NA and NaT are all 'empty' in an output table."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
