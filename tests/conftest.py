"""Shared fixtures: one demo database per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from sakip_core.demo import build_demo


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Path of the demo kabupaten (scale 1, seed 2026), built once per session. Read only."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    build_demo(path, scale=1, seed=2026).close()  # closing checkpoints: the file is complete
    return path
