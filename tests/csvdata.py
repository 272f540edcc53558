"""Tiny CSV builders and a seeded database for the import and CLI tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from sakip_core.auth import Actor, create_user
from sakip_core.db import Handle, connect, create_database
from sakip_core.io.importer import import_upload

ADMIN = Actor("sistem", "admin")
OPERATOR_A = Actor("operator-A", "operator", "A")

OPD_CSV = (
    "kode_opd,nama_opd,jenis,singkatan\nA,Dinas Alpha,dinas,Dalpha\nB,Badan Beta,badan,Bbeta\n"
)
INDIKATOR_CSV = (
    "tahun,kode_opd,kode_indikator,sasaran,indikator,satuan,polaritas,agregasi,target,"
    "target_min,target_max\n"
    "2025,A,A1,Sehat,Cakupan imunisasi,%,positif,kumulatif,100,,\n"
    "2025,A,A2,Sehat,Angka Kematian Ibu,per 100.000 KH,negatif,nilai_akhir,80,,\n"
    "2025,B,B1,Stabil,Laju inflasi,%,rentang,nilai_akhir,,1.5,3.5\n"
)
REALISASI_CSV = (
    "tahun,triwulan,kode_opd,kode_indikator,realisasi\n"
    "2025,1,A,A1,30\n2025,1,A,A2,70\n2025,1,B,B1,4\n"
)


def csv_bytes(text: str) -> bytes:
    return text.encode("utf-8")


def seeded_db(path: Path | str) -> Handle:
    """OPDs A and B, three 2025 indicators, Q1 realisations, and operator-A."""
    handle = create_database(path)
    for dataset, text in (("opd", OPD_CSV), ("indikator", INDIKATOR_CSV)):
        result = import_upload(handle, dataset, csv_bytes(text), f"{dataset}.csv", ADMIN)
        assert result.ok, result.check.problems
    result = import_upload(handle, "realisasi", csv_bytes(REALISASI_CSV), "r.csv", ADMIN)
    assert result.ok, result.check.problems
    create_user(handle, "operator-A", "operator", "rahasia", "A")
    return handle


def copy_file(source: Path, target: Path) -> None:
    """A byte copy of a DuckDB file (and its WAL, so the copy is never half a database)."""
    shutil.copyfile(source, target)
    wal = Path(f"{source}.wal")
    if wal.exists():
        shutil.copyfile(wal, Path(f"{target}.wal"))


def copy_db(source: Path | str, target: Path) -> Handle:
    """A private copy of a built database (cheaper than building it again), on the test store."""
    from tests import stores

    return connect(stores.copy_target(source, target))


def count(handle: Handle, table: str) -> int:
    return int(handle.query_df(f"SELECT count(*) AS n FROM {table}")["n"].iloc[0])
