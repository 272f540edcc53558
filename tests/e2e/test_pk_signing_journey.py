"""Browser journey (issue 12): the admin imports the jabatan file, prints the PK of every kepala
OPD in one PDF, and records a signed scan; the status turns "Ditandatangani"."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fpdf import FPDF
from playwright.sync_api import Page, expect

from tests.e2e.test_lke_journey import choose, log_in, open_tab, settle
from tests.page_helpers import query

if TYPE_CHECKING:
    from tests.e2e.conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]
NEW_HOLDER = "Yulia Pratiwi, S.Kom."


def jabatan_file(server: Server, folder: Path) -> Path:
    """The stored structure of Dinas Kesehatan with a new holder of its first kasubbag."""
    df = query(server.db, "SELECT * EXCLUDE (id, batch_id) FROM jabatan WHERE kode_opd = '1.02.01'")
    df.loc[df["kode_jabatan"] == "1.02.01.J05", ["nama_pejabat", "nip", "status_pejabat"]] = [
        NEW_HOLDER, "199003152015032001", "definitif"]  # fmt: skip
    path = folder / "jabatan_dinkes.csv"
    df.to_csv(path, index=False)
    return path


def signings(server: Server) -> int:
    sql = "SELECT count(*) AS n FROM pk_tanda_tangan WHERE kode_jabatan = ? AND tahun = 2026"
    return int(query(server.db, sql, ["1.02.01.J01"])["n"].iloc[0])


def scan(folder: Path) -> Path:
    doc = FPDF()
    doc.add_page()
    doc.set_font("helvetica", size=14)
    doc.cell(text="PK Kepala Dinas Kesehatan 2026 - ditandatangani")
    path = folder / "pk_kadinkes_ttd.pdf"
    path.write_bytes(bytes(doc.output()))
    return path


def test_admin_imports_jabatan_prints_all_heads_and_records_a_signing(
    page: Page, server: Server, artifacts: Path, tmp_path: Path
) -> None:
    log_in(page, server, "admin")
    page.goto(server.url + "/admin-data")
    settle(page)
    page.get_by_text("Jabatan dan pejabat").click()
    settle(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(
        str(jabatan_file(server, tmp_path))
    )
    expect(page.get_by_text("Berkas lolos pemeriksaan")).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="Simpan").click()
    expect(page.get_by_text("Tersimpan sebagai batch")).to_be_visible(timeout=60_000)
    page.screenshot(path=str(artifacts / "pk_data_induk_jabatan.png"), full_page=True)
    holder = query(server.db, "SELECT nama_pejabat FROM jabatan WHERE kode_jabatan = '1.02.01.J05'")
    assert holder["nama_pejabat"].iloc[0] == NEW_HOLDER

    page.goto(server.url + "/pk")
    settle(page)
    choose(page, "Unit", "Dinas Kesehatan")
    expect(page.get_by_role("heading", name="Perjanjian Kinerja")).to_be_visible()
    expect(page.get_by_text("Pihak pertama")).to_be_visible()
    page.screenshot(path=str(artifacts / "pk_dokumen.png"), full_page=True)
    radio = page.get_by_role("radio", name=re.compile("Semua kepala OPD"))
    for _ in range(3):  # a click that lands while the page reruns is lost: click again
        page.get_by_text("Semua kepala OPD", exact=False).click()
        settle(page)
        if radio.is_checked():
            break
    expect(radio).to_be_checked()
    page.get_by_role("button", name="Siapkan berkas").click()
    settle(page)
    with page.expect_download(timeout=120_000) as info:
        page.get_by_role("button", name="Unduh berkas").click()
    pdf = tmp_path / "pk_kepala_opd.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    head = query(server.db, "SELECT nama_pejabat FROM jabatan WHERE kode_jabatan = '1.01.01.J01'")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert head["nama_pejabat"].iloc[0] in text
        assert text.count("PERJANJIAN KINERJA TAHUN 2026") >= 44

    open_tab(page, "Status & tanda tangan")
    settle(page)
    before = signings(server)
    form = page.locator('[data-testid="stForm"]').first
    form.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(scan(tmp_path)))
    settle(page)
    form.get_by_role("button", name="Simpan tanda tangan").click()
    expect(page.get_by_text("Tersimpan: PK ini kini berstatus ditandatangani.")).to_be_visible(
        timeout=60_000
    )
    after = signings(server)
    assert after == before + 1
    page.screenshot(path=str(artifacts / "pk_status.png"), full_page=True)
    open_tab(page, "Dokumen PK")
    settle(page)  # the new signing (dated 31 January by default) is what the preview shows
    expect(page.get_by_text("Ditandatangani 31-01-2026.")).to_be_visible(timeout=30_000)
    page.get_by_role("combobox", name="Jabatan").click()
    page.keyboard.type("Sekretaris")
    page.get_by_role("option").filter(has_text="Sekretaris").first.click()
    settle(page)
    open_tab(page, "Kinerja jabatan")
    settle(page)
    page.screenshot(path=str(artifacts / "pk_kinerja_jabatan.png"), full_page=True)
