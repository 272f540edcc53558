"""Two `streamlit run` replicas on one PostgreSQL database (issue 15, point 3).

A pimpinan is signed in on each replica; while both pages reload, the CLI imports late reports
of the bottom OPD from a third process and an operator logs in on replica B. Nothing is lost
(the batch, its rows, every session row), and both replicas show the new score on their next
run: the data version is a table in the database, so each replica's cache sees the bump.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import Browser, Page, expect

import sakip_core
from sakip_core.calc.capaian import capaian_detail
from tests import stores
from tests.e2e.conftest import ARTIFACTS, ROOT, Server, _free_port, _wait_healthy
from tests.e2e.test_browser import TABLE
from tests.e2e.test_lke_journey import log_in, settle

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(420)]
TAHUN, TRIWULAN = 2026, 3


def start_replica(url: str, folder: Path, name: str) -> tuple[subprocess.Popen, Server]:
    log = folder / f"{name}.log"
    port = _free_port()
    env = {**os.environ, "SAKIP_DB": url, "SAKIP_BUKTI_DIR": str(folder / "bukti"),
           "PYTHONUNBUFFERED": "1"}  # fmt: skip
    cmd = [sys.executable, "-m", "streamlit", "run", "server.py", "--server.headless", "true",
           "--server.port", str(port), "--server.address", "127.0.0.1",
           "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false"]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # fmt: skip
    server = Server(f"http://127.0.0.1:{port}", Path(folder), log)
    _wait_healthy(server.url, proc, log)
    return proc, server


@pytest.fixture(scope="module")
def replicas(pg_demo: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple]:
    folder = tmp_path_factory.mktemp("replicas")
    url = stores.server().create_database(stores.new_name("replicas"), template=_name(pg_demo))
    procs, servers = [], []
    try:
        for name in ("a", "b"):
            proc, server = start_replica(url, folder, name)
            procs.append(proc)
            servers.append(server)
        yield url, servers
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, 15)
                proc.wait(timeout=20)


def _name(url: str) -> str:
    return stores._templates[url]


def bottom_opd(url: str) -> tuple[str, float, pd.DataFrame]:
    """The lowest-ranked OPD that reported and has indicators its late reports can raise."""
    h = sakip_core.connect(url)
    try:
        rank = sakip_core.ranking(h, TAHUN, TRIWULAN).sort_values("peringkat", ascending=False)
        for _, opd in rank[rank["skor"] > 0].iterrows():
            cap = capaian_detail(h, TAHUN, TRIWULAN, opds=[opd["kode_opd"]])
            rows = cap[(cap["level"] == "opd") & (cap["polaritas"] == "positif")
                       & (cap["agregasi"] != "kumulatif") & cap["target"].notna()
                       & (cap["capaian"] < 100)]  # fmt: skip
            if not rows.empty:
                return str(opd["kode_opd"]), float(opd["skor"]), rows
    finally:
        h.close()
    raise AssertionError("no OPD to raise")


def shown(skor: float) -> str:
    """The score as the board's grid cells carry it (the value, rounded to 2 decimals)."""
    return str(round(skor, 2))


def skor_of(url: str, kode: str) -> float:
    h = sakip_core.connect(url)
    try:
        rank = sakip_core.ranking(h, TAHUN, TRIWULAN)
    finally:
        h.close()
    return float(rank.loc[rank["kode_opd"] == kode, "skor"].iloc[0])


def cli(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SAKIP_DB": url, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "sakip_core", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)  # fmt: skip


def count(url: str, sql: str) -> int:
    h = sakip_core.connect(url)
    try:
        return int(h.query_df(sql).iloc[0, 0])
    finally:
        h.close()


def board_shows(page: Page, text: str) -> None:
    expect(page.locator(TABLE)).to_contain_text(text, timeout=60_000)


def test_two_replicas_one_database_and_a_cli_import(
    replicas: tuple, browser: Browser, tmp_path: Path
) -> None:
    url, (a, b) = replicas
    kode, before, rows = bottom_opd(url)
    assert not rows.empty
    pages = []
    for server in (a, b):
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        log_in(page, server, "pimpinan")
        board_shows(page, shown(before))
        pages.append(page)
    batches = count(url, "SELECT count(*) FROM batch_unggah")
    sessions_before = count(url, "SELECT count(*) FROM sesi WHERE dicabut_pada IS NULL")

    upload = tmp_path / "terlambat.csv"
    pd.DataFrame({"tahun": TAHUN, "triwulan": TRIWULAN, "kode_opd": kode,
                  "kode_indikator": rows["kode_indikator"], "realisasi": rows["target"]}
                 ).to_csv(upload, index=False)  # fmt: skip
    result: dict[str, subprocess.CompletedProcess] = {}
    importer = threading.Thread(
        target=lambda: result.update(done=cli(url, "import", "realisasi", str(upload)))
    )
    importer.start()  # the import runs while both replicas render and a third user logs in
    for page in pages:
        page.reload()
    operator = browser.new_page()
    log_in_operator(operator, b)
    importer.join(timeout=180)
    done = result["done"]
    assert done.returncode == 0 and "berhasil" in done.stdout, done.stdout + done.stderr

    after = skor_of(url, kode)
    assert after > before
    assert count(url, "SELECT count(*) FROM batch_unggah") == batches + 1
    imported = count(
        url,
        f"SELECT count(*) FROM realisasi WHERE kode_opd = '{kode}' AND tahun = {TAHUN} "
        f"AND triwulan = {TRIWULAN} AND batch_id = (SELECT max(id) FROM batch_unggah)",
    )
    assert imported == len(rows)  # every row of the file, none lost to the concurrent reads
    assert count(url, "SELECT count(*) FROM sesi WHERE dicabut_pada IS NULL") == sessions_before + 1
    for page, name in zip(pages, ("a", "b"), strict=True):
        page.reload()  # the next run of each replica shows the new figure
        settle(page)
        board_shows(page, shown(after))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"replika_{name}_sesudah_impor.png"))


def log_in_operator(page: Page, server: Server) -> None:
    page.goto(server.url + "/")
    page.get_by_label("Nama pengguna").fill("operator-1.02.01")
    page.get_by_label("Kata sandi").fill("demo")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_label("Nama pengguna")).to_have_count(0, timeout=60_000)
    settle(page)
