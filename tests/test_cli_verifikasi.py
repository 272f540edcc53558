"""Issue 11, point 3: `python -m sakip_core verifikasi ajukan|setujui|tolak|final`, bound by the
acting user's role and OPD exactly like the pages (the same workflow functions)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sakip_core.cli import main
from tests.factories import TAHUN
from tests.reporting_fixtures import A, B, reporting_db, statuses

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def db(tmp_path: Path) -> Path | str:
    handle = reporting_db(tmp_path, with_users=True)
    handle.close()
    return handle.path


def verifikasi(capsys, db: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--db", str(db), "verifikasi", *args])
    out, err = capsys.readouterr()
    return code, out, err


def period(opd: str) -> list[str]:
    return ["--tahun", str(TAHUN), "--triwulan", "1", "--opd", opd]


def now(db: Path) -> dict[str, str]:
    import sakip_core

    h = sakip_core.connect(db)
    try:
        return statuses(h)
    finally:
        h.close()


def test_the_whole_workflow_from_the_command_line(capsys, db: Path) -> None:
    code, out, _ = verifikasi(capsys, db, "ajukan", *period(A), "--user", "op-a")
    assert code == 0 and "2 realisasi" in out and "diajukan" in out
    code, out, _ = verifikasi(
        capsys, db, "setujui", *period(A), "--indikator", "A1", "--user", "ver"
    )
    assert code == 0 and "1 realisasi" in out
    assert now(db) == {"A1": "diverifikasi", "A2": "diajukan", "B1": "draft", "B2": "draft"}
    code, _, err = verifikasi(capsys, db, "tolak", *period(A), "--user", "ver")
    assert code == 1 and "Catatan wajib" in err
    code, _, _ = verifikasi(
        capsys, db, "tolak", *period(A), "--indikator", "A2", "--catatan", "bukti kurang",
        "--user", "ver",
    )  # fmt: skip
    assert code == 0
    code, _, _ = verifikasi(capsys, db, "final", *period(A), "--user", "adm")
    assert code == 0
    assert now(db) == {"A1": "final", "A2": "ditolak", "B1": "draft", "B2": "draft"}


@pytest.mark.parametrize(
    ("aksi", "user", "opd", "message"),
    [
        ("ajukan", "op-a", B, "hanya untuk OPD"),  # another OPD's values
        ("setujui", "op-a", A, "tidak berwenang"),  # operators cannot verify
        ("final", "ana", A, "tidak berwenang"),
        ("ajukan", "ver", A, "tidak berwenang"),  # verifiers do not hand in
        ("setujui", "tidak-ada", A, "tidak ada atau tidak aktif"),
        ("setujui", "ver", A, "berstatus diajukan"),  # nothing submitted yet
    ],
)
def test_refusals_change_nothing(capsys, db: Path, aksi, user, opd, message) -> None:
    before = now(db)
    code, out, err = verifikasi(capsys, db, aksi, *period(opd), "--user", user)
    assert code == 1 and out == "" and message in err and err.startswith("galat: ")
    assert now(db) == before


def test_locked_quarter_refuses_the_submission(capsys, db: Path) -> None:
    assert main(["--db", str(db), "verifikasi", "ajukan", *period(A), "--user", "op-a"]) == 0
    import sakip_core
    from sakip_core import admin
    from tests.reporting_fixtures import ADMIN

    h = sakip_core.connect(db)
    admin.set_locked(h, ADMIN, TAHUN, 1, True)
    h.close()
    capsys.readouterr()
    code, _, err = verifikasi(capsys, db, "ajukan", *period(B), "--user", "op-b")
    assert code == 1 and "dikunci" in err


def test_as_a_real_command(db: Path) -> None:
    env = {**os.environ, "SAKIP_DB": str(db)}
    cmd = [sys.executable, "-m", "sakip_core", "verifikasi", "ajukan", *period(B)]
    done = subprocess.run(
        [*cmd, "--user", "op-b"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "OPD 1.02.01" in done.stdout and done.stderr == ""
    assert now(db)["B1"] == "diajukan"
