"""The quarterly reporting journey in a real browser: operator uploads (bad file, then good),
verifier rejects one value, operator fixes it, verifier approves, admin locks the quarter."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

import sakip_core
from tests.e2e.conftest import VIEWPORT

if TYPE_CHECKING:
    from tests.e2e.conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
OPD = "1.02.01"
TAHUN, TW = 2026, 4  # open and not yet reported in the demo


def settle(page: Page) -> None:
    page.wait_for_selector(READY, timeout=30_000)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)


def shoot(page: Page, artifacts: Path, name: str) -> None:
    """A tall screenshot (Streamlit scrolls inside its own container; full_page misses it)."""
    size = page.viewport_size or VIEWPORT
    page.set_viewport_size({"width": size["width"], "height": 1600})
    page.mouse.move(0, 0)
    settle(page)
    page.screenshot(path=str(artifacts / name))
    page.set_viewport_size(size)


def session(browser: Browser, server: Server, nama: str, width: int | None = None) -> Page:
    """A logged-in tab; `width` widens the window so the admin's long menu shows every link."""
    viewport = {**VIEWPORT, "width": width or VIEWPORT["width"]}
    context = browser.new_context(viewport=viewport, locale="id-ID", accept_downloads=True)
    page = context.new_page()
    page.goto(server.url + "/")
    page.get_by_label("Nama pengguna").fill(nama)
    page.get_by_label("Kata sandi").fill("demo")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_label("Nama pengguna")).to_have_count(0, timeout=30_000)
    settle(page)
    return page


def go(page: Page, server: Server, title: str, path: str) -> None:
    """Open a page through the menu (a fresh page load would start a new, logged-out session)."""
    settle(page)
    page.get_by_role("link", name=title, exact=True).first.click()
    page.wait_for_url(f"**{path}")
    settle(page)


def choose(page: Page, label: str, option: str) -> None:
    """Pick a selectbox option. A rerun that lands while the list is open closes it again (seen
    on a loaded CI machine), so the list is opened again, up to four times."""
    box = page.get_by_role("combobox", name=label, exact=True).first
    item = page.get_by_role("option", name=option, exact=True)
    for attempt in range(4):
        settle(page)
        box.click()
        try:  # the click on the option can be lost to a rerun too: check the value it set
            item.wait_for(state="visible", timeout=10_000)
            item.click()
            expect(box).to_have_value(option, timeout=10_000)
            break
        except (PlaywrightTimeoutError, AssertionError):
            if attempt == 3:
                raise
            page.keyboard.press("Escape")
    settle(page)


def pick_value(page: Page, kode: str) -> None:
    """Show one value in the verifier's detail: its option reads "<kode> <indikator> (status)"."""
    box = page.get_by_role("combobox", name="Indikator", exact=True).first
    option = page.get_by_role("option", name=re.compile(rf"^{re.escape(kode)} ")).first
    for attempt in range(4):  # a rerun may close the list again (see choose)
        settle(page)
        box.click()
        box.fill(kode)  # filters the list to this code
        try:
            option.wait_for(state="visible", timeout=10_000)
            option.click()
            expect(box).to_have_value(re.compile(rf"^{re.escape(kode)} "), timeout=10_000)
            break
        except (PlaywrightTimeoutError, AssertionError):
            if attempt == 3:
                raise
            page.keyboard.press("Escape")
    settle(page)


def upload(page: Page, path: Path) -> None:
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(path))
    settle(page)


def fill(template: Path, target: Path, values: dict[int, object]) -> list[str]:
    """Write realisasi cells (default 1 + row index, overridden by `values` per data row)."""
    book = openpyxl.load_workbook(template)
    sheet = book["data"]
    header = [c.value for c in sheet[1]]
    col, kode_col = header.index("realisasi") + 1, header.index("kode_indikator") + 1
    kodes = []
    for i, row in enumerate(range(2, sheet.max_row + 1)):
        sheet.cell(row, col).value = values.get(i, 10 + i)
        kodes.append(sheet.cell(row, kode_col).value)
    book.save(target)
    return kodes


def statuses(server: Server) -> dict[str, str]:
    h = sakip_core.connect(server.db)
    try:
        df = h.query_df(
            "SELECT kode_indikator, status FROM realisasi WHERE tahun = ? AND triwulan = ? "
            "AND kode_opd = ?",
            [TAHUN, TW, OPD],
        )
    finally:
        h.close()
    return dict(zip(df["kode_indikator"], df["status"], strict=True))


def operator_to_quarter(browser: Browser, server: Server) -> Page:
    page = session(browser, server, f"operator-{OPD}")
    go(page, server, "Unggah Realisasi", "/unggah")
    expect(page.get_by_role("heading", name="Unggah Realisasi")).to_be_visible(timeout=30_000)
    settle(page)
    choose(page, "Triwulan", "Triwulan IV")
    return page


MY_PAGES = ["unggah", "verifikasi", "admin_data", "admin_pengguna", "admin_triwulan",
            "admin_pengaturan", "admin_riwayat"]  # fmt: skip


def test_page_urls_on_fresh_server_show_only_login(page: Page, server: Server) -> None:
    """First test of the module: the server is fresh, so Streamlit may still run pages/*.py
    directly (file-name URLs such as /admin_pengguna) as well as the registered URLs."""
    for name in MY_PAGES + [n.replace("_", "-") for n in MY_PAGES]:
        page.goto(f"{server.url}/{name}")
        expect(page.get_by_label("Nama pengguna")).to_be_visible(timeout=30_000)
        settle(page)
        expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(0)
        expect(page.locator('[data-testid="stFileUploader"]')).to_have_count(0)
        body = page.inner_text("body")
        assert "Dinas Kesehatan" not in body and "operator-" not in body, name


def test_reporting_journey(browser: Browser, server: Server, artifacts: Path, tmp_path: Path):
    page = operator_to_quarter(browser, server)
    with page.expect_download() as download:
        page.get_by_role("button", name=f"Unduh templat Triwulan IV {TAHUN}").click()
    template = tmp_path / "templat.xlsx"
    download.value.save_as(template)
    shoot(page, artifacts, "unggah_1_awal.png")

    bad = tmp_path / "salah.xlsx"
    fill(template, bad, {0: "abc", 2: "NaN"})
    upload(page, bad)
    expect(page.get_by_text("Berkas ditolak: 2 masalah")).to_be_visible()
    shoot(page, artifacts, "unggah_2_berkas_salah.png")
    assert statuses(server) == {}

    good = tmp_path / "benar.xlsx"
    kodes = fill(template, good, {})
    upload(page, good)
    expect(page.get_by_text(f"Pratinjau: {len(kodes)} baru, 0 berubah, 0 sama")).to_be_visible()
    shoot(page, artifacts, "unggah_3_pratinjau.png")
    assert statuses(server) == {}
    page.get_by_role("button", name="Simpan realisasi").click()
    expect(page.get_by_text("Tersimpan sebagai batch")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Ajukan untuk verifikasi").click()
    expect(page.get_by_text(f"{len(kodes)} realisasi diajukan")).to_be_visible(timeout=30_000)
    assert set(statuses(server).values()) == {"diajukan"}

    rejected = kodes[1]
    ver = session(browser, server, "verifikator")
    go(ver, server, "Verifikasi", "/verifikasi")
    expect(ver.get_by_role("heading", name="Verifikasi Realisasi")).to_be_visible(timeout=30_000)
    settle(ver)
    choose(ver, "Triwulan", "Triwulan IV")
    opd_box = ver.get_by_role("combobox", name="OPD", exact=True)
    expect(opd_box).to_have_value(re.compile(rf"^{re.escape(OPD)} .*\(menunggu\)$"))
    settle(ver)
    pick_value(ver, rejected)
    ver.get_by_label("Catatan verifikator (wajib bila menolak)").fill("Angka tidak sesuai bukti")
    settle(ver)
    ver.get_by_role("button", name="Tolak", exact=True).click()
    expect(ver.get_by_text(f"Realisasi {rejected} ditolak")).to_be_visible(timeout=30_000)
    shoot(ver, artifacts, "verifikasi_1_tolak.png")
    assert statuses(server)[rejected] == "ditolak"

    page = operator_to_quarter(browser, server)
    expect(page.get_by_text("1 realisasi ditolak verifikator")).to_be_visible()
    shoot(page, artifacts, "unggah_4_ditolak.png")
    fixed = tmp_path / "perbaikan.xlsx"
    fill(template, fixed, {1: 99})
    upload(page, fixed)
    expect(page.get_by_text(f"Pratinjau: 0 baru, 1 berubah, {len(kodes) - 1} sama")).to_be_visible()
    page.get_by_role("button", name="Simpan realisasi").click()
    expect(page.get_by_text("Tersimpan sebagai batch")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Ajukan untuk verifikasi").click()
    expect(page.get_by_text("1 realisasi diajukan")).to_be_visible(timeout=30_000)

    choose(ver, "Triwulan", "Triwulan III")  # any rerun reads the new state
    choose(ver, "Triwulan", "Triwulan IV")
    pick_value(ver, rejected)  # resubmitted: the earlier rejection is shown beside the value
    detail = ver.locator(".st-key-verif_rinci")
    expect(detail.get_by_text("Pernah ditolak").first).to_be_visible(timeout=30_000)
    expect(detail).to_contain_text("Angka tidak sesuai bukti")
    shoot(ver, artifacts, "verifikasi_2_pernah_ditolak.png")
    ver.get_by_role("button", name=f"Setujui seluruh yang diajukan ({len(kodes)})").click()
    ver.get_by_role("button", name="Ya, setujui").click()  # approving all is confirmed first
    expect(ver.get_by_text(f"{len(kodes)} realisasi diverifikasi")).to_be_visible(timeout=30_000)
    shoot(ver, artifacts, "verifikasi_3_setuju.png")
    assert set(statuses(server).values()) == {"diverifikasi"}

    adm = session(browser, server, "admin", width=2200)
    go(adm, server, "Kunci Triwulan", "/admin-triwulan")
    settle(adm)
    choose(adm, "Triwulan", "Triwulan IV")
    adm.get_by_role("button", name=f"Kunci Triwulan IV {TAHUN}").click()
    adm.get_by_role("button", name="Ya, kunci").click()  # locking is confirmed first
    expect(adm.get_by_text(f"Triwulan IV {TAHUN} dikunci.")).to_be_visible(timeout=30_000)
    shoot(adm, artifacts, "admin_kunci_triwulan.png")
    page = operator_to_quarter(browser, server)
    expect(page.get_by_text("sudah dikunci oleh admin")).to_be_visible()
    shoot(page, artifacts, "unggah_5_terkunci.png")

    # the ranking marks this OPD's figures as verified (the only OPD reporting this quarter)
    go(adm, server, "Beranda", "/beranda")
    settle(adm)
    choose(adm, "Triwulan", "Triwulan IV")
    settle(adm)
    data_cells = adm.locator(
        '.st-key-peringkat [data-testid="stDataFrame"] [role="gridcell"][aria-colindex="9"]'
    )
    expect(data_cells.filter(has_text="terverifikasi")).to_have_count(1, timeout=30_000)
    shoot(adm, artifacts, "beranda_terverifikasi.png")
    assert "Traceback" not in server.log.read_text(errors="replace")
