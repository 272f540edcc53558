"""`cadangan`: a consistent DuckDB copy while the database is in use."""

from __future__ import annotations

from pathlib import Path

import pytest

from sakip_core.backup import BackupError, backup
from sakip_core.calc.ranking import ranking
from sakip_core.db import connect
from tests.csvdata import copy_db, count

pytestmark = pytest.mark.duckdb_file


def test_backup_is_a_complete_database_with_the_same_figures(seed_file, tmp_path: Path) -> None:
    handle = copy_db(seed_file, tmp_path / "db.duckdb")
    with handle.transaction() as conn:  # a write the copy must carry
        conn.execute("UPDATE realisasi SET realisasi = 40 WHERE kode_indikator = 'A1'")
    written = backup(handle, tmp_path / "cadangan.duckdb")
    copy = connect(written)
    assert count(copy, "realisasi") == count(handle, "realisasi") == 3
    assert copy.data_version() == handle.data_version()
    assert ranking(copy, 2025, 1).equals(ranking(handle, 2025, 1))
    with copy.transaction() as conn:  # sequences go on from where the original stood
        (new_id,) = conn.execute(
            "INSERT INTO versi_data (waktu) VALUES (now()) RETURNING id"
        ).fetchone()
    (top,) = handle.query_df("SELECT max(id) AS m FROM versi_data")["m"]
    assert new_id == top + 1


def test_backup_refuses_an_existing_file_and_the_database_itself(seed_file, tmp_path) -> None:
    handle = copy_db(seed_file, tmp_path / "db.duckdb")
    existing = tmp_path / "ada.duckdb"
    existing.write_bytes(b"jangan ditimpa")
    with pytest.raises(BackupError, match="sudah ada"):
        backup(handle, existing)
    assert existing.read_bytes() == b"jangan ditimpa"
    with pytest.raises(BackupError, match="tidak boleh sama"):
        backup(handle, tmp_path / "db.duckdb")
    backup(handle, existing, overwrite=True)
    assert count(connect(existing), "opd") == 2


def test_cli_cadangan(seed_file, tmp_path: Path) -> None:
    from sakip_core.cli import main

    copy_db(seed_file, tmp_path / "db.duckdb").close()
    assert main(["--db", str(tmp_path / "db.duckdb"), "cadangan", str(tmp_path / "c.duckdb")]) == 0
    assert count(connect(tmp_path / "c.duckdb"), "indikator") == 3
    assert main(["--db", str(tmp_path / "db.duckdb"), "cadangan", str(tmp_path / "c.duckdb")]) == 1
