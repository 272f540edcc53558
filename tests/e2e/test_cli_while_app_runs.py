"""A CLI import while `streamlit run` is serving the same database gets through (issue 2)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import ROOT, Server
from tests.e2e.test_browser import TABLE, log_in, settle


@pytest.mark.e2e
@pytest.mark.timeout(180)
def test_cli_import_succeeds_while_the_app_serves_the_database(
    page: Page, server: Server, tmp_path: Path
) -> None:
    log_in(page, server, "pimpinan")
    expect(page.locator(TABLE)).to_be_visible(timeout=30_000)
    settle(page)
    env = {**os.environ, "SAKIP_DB": str(server.db), "PYTHONPATH": str(ROOT)}
    template = tmp_path / "dinkes.csv"
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "sakip_core",
            "template",
            "realisasi",
            "--opd",
            "1.02.01",
            "--tahun",
            "2026",
            "--triwulan",
            "3",
            "-o",
            str(template),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    rows = pd.read_csv(template, dtype=str, keep_default_na=False).head(1)
    rows["realisasi"] = "1"
    rows.to_csv(template, index=False)
    page.reload()  # the app reads the database again while the CLI runs
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "sakip_core",
            "import",
            "realisasi",
            str(template),
            "--user",
            "operator-1.02.01",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "berhasil" in done.stdout
    assert "Traceback" not in done.stderr
