"""CLI: `user disable|enable|reset|list` as an admin, and `import --user` bound by OPD."""

from __future__ import annotations

import io

import pytest

from sakip_core.auth import AuthError, authenticate
from sakip_core.cli import main
from sakip_core.db import connect
from tests.reporting_fixtures import A, B, realisasi_csv, reporting_db


@pytest.fixture
def db(tmp_path):
    h = reporting_db(tmp_path, with_users=True)
    path = h.path
    h.close()
    return path


def run(capsys, monkeypatch, *args: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_disable_enable_reset_list(db, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "user", "disable", "op-a", "--db", str(db))
    assert code == 0 and "dinonaktifkan" in out
    h = connect(db)
    with pytest.raises(AuthError):
        authenticate(h, "op-a", "rahasia")
    h.close()
    assert run(capsys, monkeypatch, "user", "enable", "op-a", "--db", str(db))[0] == 0
    code, out, _ = run(
        capsys, monkeypatch, "user", "reset", "op-a", "--db", str(db), stdin="baru-sandi-op-a\n"
    )
    assert code == 0
    h = connect(db)
    assert authenticate(h, "op-a", "baru-sandi-op-a").kode_opd == A
    h.close()
    code, out, _ = run(capsys, monkeypatch, "user", "list", "--db", str(db))
    assert code == 0 and out.splitlines()[0].startswith("nama_pengguna,peran,kode_opd,aktif")
    assert "hash" not in out and "op-a" in out


def test_non_admin_cannot_manage_users(db, capsys, monkeypatch):
    code, _, err = run(capsys, monkeypatch, "user", "disable", "op-b", "--user", "op-a",
                       "--db", str(db))  # fmt: skip
    assert code == 1 and "tidak berwenang" in err
    code, _, err = run(capsys, monkeypatch, "user", "list", "--user", "ver", "--db", str(db))
    assert code == 1


def test_import_as_operator_cannot_write_other_opd(db, tmp_path, capsys, monkeypatch):
    crafted = tmp_path / "crafted.csv"
    crafted.write_bytes(realisasi_csv([(A, "A1", 1, "1"), (B, "B1", 1, "999")]))
    code, _, err = run(capsys, monkeypatch, "import", "realisasi", str(crafted),
                       "--user", "op-a", "--db", str(db))  # fmt: skip
    assert code == 1 and "OPD lain" in err
    h = connect(db)
    b1 = h.query_df("SELECT realisasi FROM realisasi WHERE kode_indikator = 'B1'")["realisasi"]
    h.close()
    assert b1.tolist() == [70.0]


def test_user_add_is_audited(db, capsys, monkeypatch):
    code, out, _ = run(capsys, monkeypatch, "user", "add", "sari", "--role", "analis",
                       "--db", str(db), stdin="rahasia-sari-1\n")  # fmt: skip
    assert code == 0
    h = connect(db)
    log = h.query_df("SELECT pengguna, aksi, kunci FROM audit_log WHERE aksi = 'pengguna_baru'")
    h.close()
    assert log.values.tolist() == [["sistem", "pengguna_baru", "sari"]]
