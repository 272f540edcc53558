"""Browser journey through Penjelajah Indikator (Playwright on Debian's Chromium).

analis logs in, filters to one OPD and negative-polarity indicators, opens an indicator from the
table, checks its formula and upload history, exports to Excel and reads the file back.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlparse

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import Page, expect

import sakip_core
from sakip_core.auth import Actor
from sakip_core.explorer import Filters, indicators
from sakip_core.explorer_detail import indicator_detail
from ui.text import WORD_JOINER

if TYPE_CHECKING:
    from tests.e2e.conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
TABLE = '[data-testid="stDataFrame"]'
OPD, NAMA = "1.02.01", "Dinkes"


@pytest.fixture(scope="module")
def expected(demo_db: Path) -> tuple[pd.DataFrame, object]:
    """The core's rows for the journey's filters and the detail of the first row."""
    h = sakip_core.connect(demo_db, read_only=True)
    try:
        latest = int(h.query_df("SELECT max(tahun * 10 + triwulan) AS p FROM realisasi")["p"][0])
        tahun, tw = divmod(latest, 10)
        actor = Actor("analis", "analis")
        rows = indicators(h, actor, Filters(tahun, tw, opd=(OPD,), polaritas=("negatif",)))
        detail = indicator_detail(h, actor, tahun, rows["kode_indikator"].iloc[0], tw)
    finally:
        h.close()
    return rows, detail


def settle(page: Page) -> None:
    page.wait_for_selector(READY, timeout=60_000)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)


def shoot(page: Page, artifacts: Path, name: str) -> None:
    page.mouse.move(0, 0)
    settle(page)
    page.screenshot(path=str(artifacts / name))


def pick(page: Page, label: str, option: str) -> None:
    """Choose one option of a multiselect by typing it and pressing Enter."""
    box = page.locator('[data-testid="stMultiSelect"]').filter(has_text=label).first
    box.locator("input").click()
    box.locator("input").fill(option)
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    settle(page)


def url_params(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def test_analis_explores_filters_opens_and_exports(
    page: Page, server: Server, artifacts: Path, expected: tuple[pd.DataFrame, object]
) -> None:
    rows, detail = expected
    page.goto(server.url + "/penjelajah")  # fresh server, not logged in: the login form only
    expect(page.get_by_label("Nama pengguna")).to_be_visible(timeout=60_000)
    settle(page)
    expect(page.locator(TABLE)).to_have_count(0)
    assert "Penjelajah Indikator" not in page.inner_text("body")
    page.goto(server.url + "/")
    page.get_by_label("Nama pengguna").fill("analis")
    page.get_by_label("Kata sandi").fill("demo")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Peringkat Kinerja OPD")).to_be_visible(timeout=60_000)
    settle(page)
    page.get_by_role("link", name="Penjelajah Indikator").click()
    expect(page.get_by_role("heading", name="Penjelajah Indikator")).to_be_visible(timeout=60_000)
    settle(page)
    shoot(page, artifacts, "explorer_awal.png")

    pick(page, "OPD", NAMA)
    pick(page, "Polaritas", "negatif")
    expect(page.locator('[data-testid="stMetricValue"]').first).to_have_text(str(len(rows)))
    expect(page).to_have_url(re.compile(r"polaritas=negatif"), timeout=30_000)
    params = url_params(page)
    assert params["opd"] == [OPD] and params["polaritas"] == ["negatif"]
    shoot(page, artifacts, "explorer_filter.png")

    # Select the first row through the grid's row-marker column (the grid is a canvas).
    grid = page.locator(TABLE).first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + 14, box["y"] + 35 + 17)
    settle(page)
    expect(page.get_by_text("Riwayat unggahan")).to_be_visible(timeout=30_000)
    body = page.inner_text("body").replace(WORD_JOINER, "")  # md(): invisible, breaks autolinks
    assert detail.rumus in body, body[body.find("Rumus") - 50 : body.find("Rumus") + 200]
    assert detail.info["indikator"] in body
    kode = re.escape(detail.info["kode_indikator"])
    expect(page).to_have_url(re.compile(rf"ind={kode}(&|$)"), timeout=30_000)
    page.get_by_text("Riwayat unggahan").scroll_into_view_if_needed()
    shoot(page, artifacts, "explorer_rincian.png")

    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="Unduh Excel").click()
    target = artifacts / "explorer_ekspor.xlsx"
    info.value.save_as(target)
    ws = openpyxl.load_workbook(io.BytesIO(target.read_bytes())).active
    header = [c.value for c in ws[2]]
    assert header[:4] == ["Kode OPD", "OPD", "Kode Indikator", "Indikator"]
    assert ws.freeze_panes == "A3"
    body_rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert len(body_rows) == len(rows)
    col = {name: i for i, name in enumerate(header)}
    assert {r[col["Kode OPD"]] for r in body_rows} == {OPD}
    assert {r[col["Polaritas"]] for r in body_rows} == {"negatif"}
    got = sorted(r[col["Kode Indikator"]] for r in body_rows)
    assert got == sorted(rows["kode_indikator"])
    numbers = [r[col["Capaian (%)"]] for r in body_rows if r[col["Capaian (%)"]] is not None]
    assert numbers and all(isinstance(v, float | int) for v in numbers)

    page.set_viewport_size({"width": 1366, "height": 2600})
    for panel in ("Grafik", "Anggaran vs kinerja", "Kelengkapan data", "Pohon kinerja"):
        page.locator('[data-testid="stButtonGroup"]').get_by_text(panel, exact=True).click()
        settle(page)
        expect(
            page.locator(
                '[data-testid="stButtonGroup"] [aria-checked="true"], '
                '[data-testid="stButtonGroup"] [aria-pressed="true"]'
            )
        ).to_have_count(1)
        slug = panel.split()[0].lower()
        shoot(page, artifacts, f"explorer_panel_{slug}.png")
    page.set_viewport_size({"width": 1366, "height": 768})
    assert "Traceback" not in server.log.read_text(errors="replace")
