"""Browser journey (issue 13): the Dinas Kesehatan operator opens the Laporan Kinerja of 2025,
reads chapter III against the two previous years and the Renstra, downloads the DOCX and the
Renja form; the Rapim detail shows the reasons and an indicator across years."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from tests.e2e.test_lke_journey import log_in, settle
from tests.page_helpers import query

if TYPE_CHECKING:
    from tests.e2e.conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]
OPD = "1.02.01"


def download(page: Page, button: str, target: Path) -> bytes:
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name=button).click()
    info.value.save_as(target)
    return target.read_bytes()


def test_operator_downloads_chapter_3_and_the_renja_form(
    page: Page, server: Server, artifacts: Path, tmp_path: Path
) -> None:
    log_in(page, server, f"operator-{OPD}")
    page.goto(server.url + "/lkjip")
    settle(page)
    expect(page.get_by_role("heading", name="Bab III A. Capaian kinerja")).to_be_visible()
    expect(page.get_by_label("Unit")).to_have_value("Dinas Kesehatan")
    expect(page.get_by_role("heading", name="Bab III B. Realisasi anggaran")).to_be_visible()
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(3)  # 3 tables
    page.screenshot(path=str(artifacts / "lkjip_halaman.png"), full_page=True)

    page.get_by_role("button", name="Siapkan Bab III (DOCX)").click()
    settle(page)
    blob = download(page, f"Unduh LKjIP_2025_{OPD}.docx", tmp_path / "bab3.docx")
    doc = Document(io.BytesIO(blob))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Dinas Kesehatan" in text and "2025" in text
    cells = {c.text for t in doc.tables for row in t.rows for c in row.cells}
    names = query(server.db, "SELECT DISTINCT indikator FROM indikator WHERE tahun = 2025 "
                  "AND kode_opd = ? AND level = 'opd'", [OPD])["indikator"]  # fmt: skip
    assert set(names) <= cells

    page.get_by_role("button", name="Siapkan evaluasi Renja (Excel)").click()
    settle(page)
    blob = download(page, "Unduh evaluasi Renja", tmp_path / "renja.xlsx")
    sheet = load_workbook(io.BytesIO(blob)).active
    values = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    assert any("Dinas Kesehatan" in v for v in values)
    page.screenshot(path=str(artifacts / "lkjip_unduhan.png"), full_page=True)


def test_rapim_detail_shows_reasons_and_the_indicator_across_years(
    page: Page, server: Server, artifacts: Path
) -> None:
    log_in(page, server, "pimpinan")
    page.goto(server.url + f"/rapim?opd={OPD}")
    settle(page)
    expect(page.get_by_text("Faktor pendukung, penghambat dan tindak lanjut")).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_label("Tren antartahun indikator")).to_be_visible()
    chart = page.locator(".js-plotly-plot").filter(has_text="Realisasi antartahun")
    expect(chart).to_be_visible(timeout=30_000)
    chart.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "rapim_rincian_antartahun.png"), full_page=True)
