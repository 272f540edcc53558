"""The public handle coexists with a user's own DuckDB connection in one process (a notebook),
and keeps the no-network settings (no extension downloads)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import sakip_core as sk
from tests.factories import make_db

pytestmark = pytest.mark.duckdb_file  # the DuckDB file and its own connections

SETTINGS = "SELECT current_setting('autoinstall_known_extensions'), " \
    "current_setting('autoload_known_extensions')"  # fmt: skip


@pytest.fixture
def path(tmp_path: Path) -> Path:
    make_db(tmp_path, "n.duckdb").close()
    return tmp_path / "n.duckdb"


def test_sk_then_plain_duckdb(path: Path) -> None:
    h = sk.connect(path, hold_seconds=30)
    with h.cursor() as conn:
        assert conn.execute(SETTINGS).fetchone() == (False, False)
    mine = duckdb.connect(str(path))  # would fail if sk opened with another configuration
    assert mine.execute("SELECT count(*) FROM opd").fetchone() is not None
    mine.close()
    h.close()


def test_plain_duckdb_then_sk(path: Path) -> None:
    mine = duckdb.connect(str(path))
    h = sk.connect(path, hold_seconds=30)
    assert list(sk.ranking(h, 2025, 1).columns)[:2] == ["peringkat", "kode_opd"]
    with h.cursor() as conn:
        assert conn.execute(SETTINGS).fetchone() == (False, False)
    h.close()
    mine.close()


def test_read_only_user_connection_is_shared_for_reading(path: Path) -> None:
    mine = duckdb.connect(str(path), read_only=True)
    h = sk.connect(path, hold_seconds=30)
    assert list(sk.ranking(h, 2025, 1).columns)[:2] == ["peringkat", "kode_opd"]
    assert h.read_only  # took the read-only instance the process already had
    h.close()
    mine.close()
