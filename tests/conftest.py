"""Shared fixtures: one demo database per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from sakip_core.demo import build_demo


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of the demo kabupaten (scale 1, seed 2026), built once per session. Read only."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    handle = build_demo(path, scale=1, seed=2026)
    # the demo's accounts must change `demo` at the first login; tests of other features log in
    # with it directly (tests/test_password_change.py sets the mark again on its own copy)
    with handle.transaction(versioned=False) as conn:
        conn.execute("UPDATE pengguna SET harus_ganti_sandi = false")
    handle.close()  # closing checkpoints: the file is complete
    return path


@pytest.fixture(scope="session")
def seed_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small CSV-built database of tests/csvdata.py (OPDs A and B), built once. Read only:
    tests take a copy (`csvdata.copy_db`)."""
    from tests.csvdata import seeded_db

    path = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    seeded_db(path).close()
    return path
