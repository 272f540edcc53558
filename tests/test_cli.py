"""`python -m sakip_core`: commands, columns, formats and exit codes of formats.md."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import openpyxl
import pytest

from sakip_core.calc.capaian import CAPAIAN_COLUMNS
from sakip_core.calc.lke import SAKIP_COLUMNS
from sakip_core.calc.ranking import RANKING_COLUMNS
from sakip_core.cli import main
from tests import stores
from tests.csvdata import INDIKATOR_CSV, OPD_CSV, REALISASI_CSV, copy_db, count

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def db(tmp_path, seed_file) -> Path | str:
    """A copy of the seeded database: a file, or on the PostgreSQL run a database URL."""
    return stores.copy_target(seed_file, tmp_path / "t.duckdb")


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_then_import_every_master_file(tmp_path, capsys) -> None:
    db = stores.new_target(tmp_path, "new.duckdb")
    assert run(capsys, "--db", str(db), "init")[0] == 0
    for name, text in (
        ("opd", OPD_CSV),
        ("indikator", INDIKATOR_CSV),
        ("realisasi", REALISASI_CSV),
    ):
        path = tmp_path / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        code, out, err = run(capsys, "import", name, str(path), "--db", str(db))
        assert code == 0, err
        assert out.startswith(f"Impor {name} berhasil")


def test_ranking_csv_has_the_spec_columns_and_values(db, capsys) -> None:
    code, out, _ = run(capsys, "ranking", "--tahun", "2025", "--triwulan", "1", "--db", str(db))
    assert code == 0
    lines = out.strip().splitlines()
    assert lines[0] == ",".join(RANKING_COLUMNS)
    # A: A1 kumulatif 30 / (100*1/4) = 120 -> capped 120; A2 negatif (2*80-70)/80 = 112.5
    #    skor = (120 + 112.5) / 2 = 116.25
    # B: B1 rentang [1.5, 3.5], R = 4 -> (2*3.5 - 4)/3.5 = 85.714... -> 85.71
    assert lines[1] == "1,A,Dinas Alpha,116.25,116.25,100.0,2,2,Sangat Tinggi,,"
    assert lines[2] == "2,B,Badan Beta,85.71,85.71,100.0,1,1,Tinggi,,"


def test_capaian_json_is_a_list_of_objects_with_nulls(db, capsys) -> None:
    args = ["capaian", "--tahun", "2025", "--triwulan", "2", "--format", "json", "--db", str(db)]
    code, out, _ = run(capsys, *args)
    assert code == 0
    rows = json.loads(out)
    assert [list(r) for r in rows] == [CAPAIAN_COLUMNS] * 3
    a2 = next(r for r in rows if r["kode_indikator"] == "A2")
    assert a2["dilaporkan"] is False
    assert a2["capaian"] is None and a2["kategori"] is None and a2["realisasi_sd"] is None
    assert a2["target_sd"] == 80.0
    b1 = next(r for r in rows if r["kode_indikator"] == "B1")
    assert b1["target_sd"] is None  # rentang


def test_capaian_filtered_by_opd_csv(db, capsys) -> None:
    args = ["capaian", "--tahun", "2025", "--triwulan", "1", "--opd", "B", "--db", str(db)]
    code, out, _ = run(capsys, *args)
    assert out.strip().splitlines() == [
        ",".join(CAPAIAN_COLUMNS),
        "B,B1,opd,true,4.0,,85.71,85.71,Tinggi",
    ]


def test_sakip_rows_per_component_then_total(db, capsys, tmp_path) -> None:
    lke = tmp_path / "lke.csv"
    lke.write_text(
        "tahun,kode_unit,komponen,subkomponen,kode_kriteria,jawaban\n"
        "2025,PEMDA,perencanaan,pemenuhan,1,Y\n2025,PEMDA,perencanaan,kualitas,2,B\n"
        "2025,PEMDA,pengukuran,pemanfaatan,3,C\n",
        encoding="utf-8",
    )
    assert run(capsys, "import", "lke", str(lke), "--db", str(db))[0] == 0
    code, out, _ = run(capsys, "sakip", "--tahun", "2025", "--unit", "PEMDA", "--db", str(db))
    # perencanaan = 6*1 + 9*0.75 = 12.75; pengukuran = 15*0.5 = 7.5; total 20.25 -> D
    assert out.strip().splitlines() == [
        ",".join(SAKIP_COLUMNS),
        "PEMDA,perencanaan,12.75,30.0,",
        "PEMDA,pengukuran,7.5,30.0,",
        "PEMDA,pelaporan,0.0,15.0,",
        "PEMDA,evaluasi,0.0,25.0,",
        "PEMDA,total,20.25,100.0,D",
    ]


def test_import_errors_go_to_stderr_and_exit_1(db, capsys, tmp_path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("tahun,triwulan,kode_opd,kode_indikator,realisasi\n2025,1,A,A1,x\n", "utf-8")
    before = count(copy_db(db, tmp_path / "peek.duckdb"), "realisasi")
    code, out, err = run(capsys, "import", "realisasi", str(bad), "--db", str(db))
    assert code == 1 and out == ""
    assert err.splitlines()[0].startswith("baris 2, kolom realisasi: bukan angka yang sah")
    assert "tidak ada data yang disimpan" in err
    assert count(copy_db(db, tmp_path / "peek2.duckdb"), "realisasi") == before


def test_import_as_operator_is_bound_to_its_opd(db, capsys, tmp_path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("tahun,triwulan,kode_opd,kode_indikator,realisasi\n2025,2,B,B1,3\n", "utf-8")
    code, _, err = run(
        capsys, "import", "realisasi", str(other), "--user", "operator-A", "--db", str(db)
    )
    assert code == 1
    assert "akun Anda hanya untuk OPD A" in err
    code, _, err = run(
        capsys, "import", "realisasi", str(other), "--user", "nobody", "--db", str(db)
    )
    assert code == 1 and "pengguna 'nobody' tidak ada" in err


def test_template_prefilled_for_one_opd(db, capsys, tmp_path) -> None:
    out_file = tmp_path / "t.xlsx"
    args = ["template", "realisasi", "--opd", "A", "--tahun", "2025", "--triwulan", "1"]
    code, _, _ = run(capsys, *args, "-o", str(out_file), "--db", str(db))
    assert code == 0
    sheet = openpyxl.load_workbook(out_file)["data"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0][:5] == ["tahun", "triwulan", "kode_opd", "kode_indikator", "indikator"]
    assert [r[3] for r in rows[1:]] == ["A1", "A2"]
    assert rows[1][7] == 25  # target s.d. TW1 = 100 * 1/4
    assert rows[1][8] == 30  # the value already reported is pre-filled
    assert sheet.protection.sheet is True


def test_user_add_reads_the_password_from_stdin(db, monkeypatch, capsys) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO("kata-sandi\n"))
    code, out, _ = run(capsys, "user", "add", "ana", "--role", "analis", "--db", str(db))
    assert code == 0 and "ana" in out
    from sakip_core.auth import authenticate
    from sakip_core.db import connect

    assert authenticate(connect(db), "ana", "kata-sandi").peran == "analis"


@pytest.mark.duckdb_file
def test_missing_database_is_a_plain_message(tmp_path, capsys) -> None:
    code, _, err = run(
        capsys,
        "ranking",
        "--tahun",
        "2025",
        "--triwulan",
        "1",
        "--db",
        str(tmp_path / "none.duckdb"),
    )
    assert code == 1 and "tidak ditemukan" in err


@pytest.mark.duckdb_file
def test_database_in_use_by_another_process_is_said_plainly(db, tmp_path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(f"""
            import duckdb, sys, time
            con = duckdb.connect({str(db)!r})
            print("locked", flush=True)
            time.sleep(30)
        """),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        csv = tmp_path / "r.csv"
        csv.write_text("tahun,triwulan,kode_opd,kode_indikator,realisasi\n2025,2,A,A1,1\n", "utf-8")
        env = {**os.environ, "SAKIP_DB_WAIT": "1", "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-m", "sakip_core", "import", "realisasi", str(csv), "--db", str(db)],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=60,
        )
    finally:
        holder.kill()
        holder.wait()
    assert done.returncode == 1
    assert "sedang dipakai oleh proses lain" in done.stderr
    assert "Traceback" not in done.stderr and "nanobind" not in done.stderr
