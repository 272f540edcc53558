"""Issue 11 in a real browser against `streamlit run server.py`:

- the pimpinan has the Rapim open; an OPD is approved through the command line from another
  process; the Rapim and Beranda both show it as terverifikasi on their next run;
- a reload (F5) keeps the login, and the Rapim period and presentation mode from the URL;
- a disabled account is logged out on its next click.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, Page, expect

import sakip_core
from sakip_core import rapim
from sakip_core.auth import Actor
from sakip_core.calc.period import latest_reported

if TYPE_CHECKING:
    from tests.e2e.conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

ROOT = Path(__file__).resolve().parents[2]
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
BOARD = 'table[aria-label="Peringkat kinerja OPD untuk Rapim"]'  # ui.board_component
BERANDA_DATA_COLUMN = 9


def settle(page: Page) -> None:
    page.wait_for_selector(READY, timeout=60_000)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)


def shoot(page: Page, artifacts: Path, name: str) -> None:
    settle(page)
    page.mouse.move(0, 0)
    page.screenshot(path=str(artifacts / name))


def cli(server: Server, *args: str) -> subprocess.CompletedProcess[str]:
    """A command of the project in another process, on the running server's database."""
    env = {**os.environ, "SAKIP_DB": str(server.db), "SAKIP_DB_WAIT": "30"}
    return subprocess.run(
        [sys.executable, "-m", "sakip_core", *args], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.fixture(scope="module")
def target(demo_db: Path) -> dict:
    """An OPD whose figures are provisional in the latest quarter (read from the original demo
    file: the server works on a copy of it)."""
    h = sakip_core.connect(demo_db, read_only=True)
    try:
        tahun, triwulan = latest_reported(h)
        board = rapim.leaderboard(h, Actor("pimpinan", "pimpinan"), tahun, triwulan)
    finally:
        h.close()
    row = board[board["status_data"] == "sementara"].iloc[0]
    return {"kode": row["kode_opd"], "label": row["label"], "tahun": tahun, "triwulan": triwulan}


def log_in(browser: Browser, server: Server, nama: str) -> Page:
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    page = context.new_page()
    page.goto(server.url + "/")
    page.get_by_label("Nama pengguna").fill(nama)
    page.get_by_label("Kata sandi").fill("demo")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Peringkat Kinerja OPD")).to_be_visible(timeout=60_000)
    settle(page)
    return page


def rapim_data_cell(page: Page, kode: str) -> str:
    row = page.locator(f'{BOARD} tbody tr[data-kode="{kode}"]')
    expect(row).to_have_count(1, timeout=60_000)
    return row.locator("td").last.inner_text().strip()


def beranda_data_cell(page: Page, label: str) -> str:
    row = page.locator('.st-key-peringkat [data-testid="stDataFrame"] [role="row"]').filter(
        has=page.locator(f'[role="gridcell"][aria-colindex="2"]:text-is("{label}")')
    )
    expect(row).to_have_count(1, timeout=60_000)
    cell = row.locator(f'[role="gridcell"][aria-colindex="{BERANDA_DATA_COLUMN}"]')
    return cell.inner_text().strip()


def test_approval_from_another_process_reload_and_disable(
    browser: Browser, server: Server, target: dict, artifacts: Path
) -> None:
    page = log_in(browser, server, "pimpinan")
    page.get_by_role("link", name="Rapim").click()
    expect(page.locator(BOARD)).to_have_count(1, timeout=60_000)
    settle(page)
    assert rapim_data_cell(page, target["kode"]) == "sementara"
    shoot(page, artifacts, "trust_1_rapim_sementara.png")

    sel = ["--tahun", str(target["tahun"]), "--triwulan", str(target["triwulan"]),
           "--opd", target["kode"]]  # fmt: skip
    cli(server, "verifikasi", "ajukan", *sel, "--user", "admin")  # drafts/rejections, if any
    done = cli(server, "verifikasi", "setujui", *sel, "--user", "verifikator")
    assert done.returncode == 0, done.stderr
    assert "kini berstatus diverifikasi" in done.stdout

    # the next run: a click on the presentation toggle, then back
    page.get_by_text("Mode presentasi").click()
    settle(page)
    assert "presentasi=true" in page.url
    shoot(page, artifacts, "trust_2_presentasi.png")
    page.get_by_text("Mode presentasi").click()
    settle(page)
    assert rapim_data_cell(page, target["kode"]) == "terverifikasi"
    shoot(page, artifacts, "trust_3_rapim_terverifikasi.png")

    # F5 on a Rapim URL with a period: still logged in, same period and mode
    tahun, triwulan = target["tahun"], target["triwulan"]
    earlier = triwulan - 1 if triwulan > 1 else 4
    roman = {1: "I", 2: "II", 3: "III", 4: "IV"}[earlier]
    page.goto(f"{server.url}/rapim?tahun={tahun}&triwulan=Triwulan+{roman}&presentasi=true")
    settle(page)
    expect(page.get_by_label("Nama pengguna")).to_have_count(0)
    expect(page.get_by_role("heading", name=f"Rapim · Triwulan {roman} {tahun}")).to_be_visible(
        timeout=60_000
    )
    expect(page.locator(BOARD)).to_have_count(2)  # the two halves of the presentation board
    shoot(page, artifacts, "trust_4_reload_presentasi.png")
    page.reload()
    settle(page)
    expect(page.get_by_role("heading", name=f"Rapim · Triwulan {roman} {tahun}")).to_be_visible(
        timeout=60_000
    )

    # Beranda in a fresh page load (the cookie again) shows the approval too
    page.goto(server.url + "/beranda")
    settle(page)
    expect(page.get_by_role("heading", name="Peringkat Kinerja OPD")).to_be_visible(timeout=60_000)
    assert beranda_data_cell(page, target["label"]) == "terverifikasi"
    shoot(page, artifacts, "trust_5_beranda_terverifikasi.png")

    # the admin disables the account from the command line: the next click logs it out
    done = cli(server, "user", "disable", "pimpinan")
    assert done.returncode == 0, done.stderr
    page.get_by_role("link", name="Rapim").click()
    expect(page.get_by_label("Nama pengguna")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("Akun Anda dinonaktifkan oleh admin")).to_be_visible()
    shoot(page, artifacts, "trust_6_nonaktif_keluar.png")
    page.reload()  # and the cookie is worth nothing now
    settle(page)
    expect(page.get_by_label("Nama pengguna")).to_be_visible(timeout=60_000)


def test_logout_clears_the_cookie(browser: Browser, server: Server) -> None:
    page = log_in(browser, server, "analis")
    page.wait_for_timeout(1000)
    assert "sakip_sesi" in [c["name"] for c in page.context.cookies()]
    assert "sakip_sesi" not in page.evaluate("document.cookie")  # HttpOnly
    page.get_by_role("link", name="Keluar").click()
    expect(page.get_by_label("Nama pengguna")).to_be_visible(timeout=60_000)
    page.wait_for_timeout(1500)
    assert "sakip_sesi" not in [c["name"] for c in page.context.cookies()]
    page.reload()
    settle(page)
    expect(page.get_by_label("Nama pengguna")).to_be_visible()
