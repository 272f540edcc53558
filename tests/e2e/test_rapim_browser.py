"""The Rapim journey in a real browser: pimpinan logs in, reads the ranking, drills into an OPD,
switches to presentation mode and downloads the PDF and the Excel report.

Screenshots and the PDF pages (pdftoppm) are saved in tests/artifacts/ for a human to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pandas as pd
import pytest
from playwright.sync_api import Page, expect

import sakip_core
from sakip_core import rapim
from sakip_core.auth import Actor
from sakip_core.fmt import angka
from sakip_core.workflow import data_label

if TYPE_CHECKING:
    from tests.e2e.conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
TABLE = 'table[aria-label="Peringkat kinerja OPD untuk Rapim"]'  # ui.board_component
FORMULA = re.compile(r"× 100 = ")  # a capaian formula with its numbers (ui.rapim_opd)


@pytest.fixture(scope="module")
def board(demo_db: Path) -> pd.DataFrame:
    h = sakip_core.connect(demo_db, read_only=True)
    try:
        latest = int(h.query_df("SELECT max(tahun * 10 + triwulan) AS p FROM realisasi")["p"][0])
        out = rapim.leaderboard(h, Actor("pimpinan", "pimpinan"), *divmod(latest, 10))
    finally:
        h.close()
    return out.assign(tahun=latest // 10, triwulan=latest % 10)


def settle(page: Page) -> None:
    page.wait_for_selector(READY, timeout=60_000)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=30_000)


def shoot(page: Page, artifacts: Path, name: str) -> None:
    page.mouse.move(0, 0)
    settle(page)
    page.screenshot(path=str(artifacts / name))


def rows_of(page: Page, table: int = 0) -> list[list[str]]:
    rows = page.locator(TABLE).nth(table).locator("tbody tr")
    return [[c.strip() for c in r.locator("td, th").all_inner_texts()] for r in rows.all()]


def open_rapim(page: Page, server: Server) -> None:
    page.goto(server.url + "/")
    page.get_by_label("Nama pengguna").fill("pimpinan")
    page.get_by_label("Kata sandi").fill("demo")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Peringkat Kinerja OPD")).to_be_visible(timeout=60_000)
    settle(page)
    page.get_by_role("link", name="Rapim").click()
    expect(page.get_by_role("heading", name="Rapim: Peringkat Kinerja OPD")).to_be_visible(
        timeout=60_000
    )
    expect(page.locator(TABLE)).to_have_count(1, timeout=60_000)
    settle(page)


def check_ranking(page: Page, board: pd.DataFrame) -> None:
    rows = rows_of(page)
    assert len(rows) == len(board)
    for cells, r in zip(rows, board.itertuples(), strict=True):
        rank = f"={r.peringkat}" if r.seri else str(r.peringkat)
        assert cells[:4] == [rank, r.label, angka(r.skor, 2), r.kategori]
        assert cells[-1] == data_label(r.status_data, late="–")
        if r.belum_lapor:
            assert "BELUM LAPOR" in cells[-2]
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert overflow(page) <= 0


def overflow(page: Page) -> float:
    """How far the widest leaderboard table sticks out of its own element (px; <= 0 fits)."""
    return max(
        page.locator(TABLE).evaluate_all(
            "ts => ts.map(t => t.getBoundingClientRect().width"
            " - t.getRootNode().host.getBoundingClientRect().width)"
        )
    )


def drill_down(page: Page, board: pd.DataFrame, artifacts: Path) -> None:
    """Click a row of the leaderboard: the OPD's detail opens under it, with ?opd= in the URL."""
    target = board.iloc[-2]
    heading = page.get_by_role("heading", name=f"Rincian OPD: {target['nama_opd']}")
    expect(heading).to_have_count(0)
    row = page.locator(TABLE).locator(f'tr[data-kode="{target["kode_opd"]}"]')
    row.scroll_into_view_if_needed()
    row.click()
    expect(heading).to_be_visible(timeout=30_000)
    settle(page)
    expect(page).to_have_url(re.compile(rf"opd={re.escape(target['kode_opd'])}"))
    expect(row).to_have_class(re.compile(r"\bsel\b"))
    expect(page.get_by_text(FORMULA).first).to_have_count(0)
    page.get_by_text("Tampilkan rumus dan asal angka setiap capaian").click()
    expect(page.get_by_text(FORMULA).first).to_be_visible(timeout=30_000)
    settle(page)
    assert f"{int(target['peringkat'])} dari {len(board)}" in page.inner_text("body")
    heading.scroll_into_view_if_needed()
    shoot(page, artifacts, "rapim_rincian_opd.png")
    page.get_by_role("button", name="Tutup rincian").click()
    expect(heading).to_have_count(0, timeout=30_000)
    settle(page)
    # keyboard: the OPD name in each row is a button; Enter opens it, like a click on the row
    first = board.iloc[0]
    page.locator(TABLE).locator(f'tr[data-kode="{first["kode_opd"]}"] button').focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=f"Rincian OPD: {first['nama_opd']}")).to_be_visible(
        timeout=30_000
    )
    page.get_by_role("button", name="Tutup rincian").click()
    settle(page)


def download(page: Page, label: str, folder: Path) -> Path:
    button = page.get_by_role("button", name=label)
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=120_000) as info:
        button.click()
    path = folder / info.value.suggested_filename
    info.value.save_as(path)
    return path


def check_excel(path: Path, board: pd.DataFrame) -> None:
    wb = openpyxl.load_workbook(path)
    assert {"Peringkat", "Penghargaan", "Pendampingan", "Indeks Kinerja"} <= set(wb.sheetnames)
    ws = wb["Peringkat"]
    header = [c.value for c in ws[3]]
    assert header[:6] == ["Peringkat", "Seri", "Kode OPD", "OPD", "Singkatan", "Skor"]
    body = list(ws.iter_rows(min_row=4, values_only=True))
    assert [r[2] for r in body] == board["kode_opd"].tolist()
    assert [r[5] for r in body] == pytest.approx(board["skor"].tolist())
    assert ws.freeze_panes == "A4"


def check_pdf(path: Path, board: pd.DataFrame, artifacts: Path) -> None:
    assert path.read_bytes()[:5] == b"%PDF-"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        periode = f"Triwulan {['I', 'II', 'III', 'IV'][board['triwulan'].iloc[0] - 1]}"
        assert f"{periode} {board['tahun'].iloc[0]}" in text
        for label in board["label"]:
            assert label in text
        assert "Kandidat penghargaan" in text and "Indeks Kinerja OPD" in text
    if shutil.which("pdftoppm"):
        for old in artifacts.glob("rapim_laporan-*.png"):
            old.unlink()
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", str(path), str(artifacts / "rapim_laporan")],
            check=True,
        )


def test_rapim_journey(page: Page, server: Server, board: pd.DataFrame, artifacts: Path) -> None:
    open_rapim(page, server)
    check_ranking(page, board)
    shoot(page, artifacts, "rapim_1366x768.png")

    folder = artifacts / "rapim_unduhan"
    folder.mkdir(exist_ok=True)
    check_excel(download(page, "Unduh Excel", folder), board)
    check_pdf(download(page, "Unduh PDF", folder), board, artifacts)

    drill_down(page, board, artifacts)

    page.get_by_text("Mode presentasi").click()
    expect(page.locator(TABLE)).to_have_count(2, timeout=30_000)
    settle(page)
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(0)
    shown = [r[1] for r in rows_of(page, 0) + rows_of(page, 1)]
    assert shown == board["label"].tolist()
    shoot(page, artifacts, "rapim_presentasi_1366x768.png")
    assert overflow(page) <= 0
    page.set_viewport_size({"width": 1920, "height": 1080})
    shoot(page, artifacts, "rapim_presentasi_1920x1080.png")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert overflow(page) <= 0
    last = page.locator(TABLE).nth(1).locator("tbody tr").last.bounding_box()
    assert last is not None and last["y"] + last["height"] <= 1080  # all OPDs on one screen
    assert "Traceback" not in server.log.read_text(errors="replace")


def cut_cells(page: Page) -> list[str]:
    """Texts of leaderboard cells whose content is wider than the cell (clipped or spilling)."""
    return [
        t
        for cut in page.locator(TABLE).evaluate_all(
            "ts => ts.map(t => [...t.querySelectorAll('th, td')]"
            ".filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.textContent))"
        )
        for t in cut
    ]


def cut_texts(page: Page, selector: str) -> list[str]:
    """Texts of elements that clip what they hold (overflow not visible, content wider)."""
    return page.locator(selector).evaluate_all(
        "es => es.filter(e => e.scrollWidth > e.clientWidth + 1 && e.textContent.trim()"
        " && getComputedStyle(e).overflowX !== 'visible').map(e => e.textContent)"
    )


def test_presentation_fits_1024x768(
    page: Page, server: Server, board: pd.DataFrame, artifacts: Path
) -> None:
    """The projector at XGA: both halves of the board side by side, no horizontal scroll, every
    cell's text whole (issue 14, point 6)."""
    page.set_viewport_size({"width": 1024, "height": 768})
    open_rapim(page, server)
    page.get_by_text("Mode presentasi").click()
    expect(page.locator(TABLE)).to_have_count(2, timeout=30_000)
    settle(page)
    shoot(page, artifacts, "rapim_presentasi_1024x768.png")
    shown = [r[1] for r in rows_of(page, 0) + rows_of(page, 1)]
    assert shown == board["label"].tolist()
    width = page.evaluate(
        "[document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]"
    )
    assert width[0] <= width[1]
    assert overflow(page) <= 0
    assert cut_cells(page) == []
    title = page.get_by_role("heading", name=re.compile(r"^Rapim · "))
    assert title.evaluate("h => h.scrollWidth <= h.clientWidth")
    assert cut_texts(page, '[data-testid="stHorizontalBlock"]:has(.st-key-presentasi) *') == []
    boxes = [page.locator(TABLE).nth(i).bounding_box() for i in (0, 1)]
    assert all(b is not None and b["x"] >= 0 and b["x"] + b["width"] <= 1024 for b in boxes)


DETAIL_TOP = "document.querySelector('.st-key-rapim_rincian').getBoundingClientRect().top"


def test_an_opened_detail_is_scrolled_into_view(
    page: Page, server: Server, board: pd.DataFrame
) -> None:
    """A click on the first row (the detail opens below the whole table) brings the detail up;
    a later rerun inside the detail does not scroll again."""
    page.emulate_media(reduced_motion="reduce")  # the scroll is then instant, not smooth
    open_rapim(page, server)
    first = board.iloc[0]
    heading = page.get_by_role("heading", name=f"Rincian OPD: {first['nama_opd']}")
    page.locator(TABLE).locator(f'tr[data-kode="{first["kode_opd"]}"]').click()
    expect(heading).to_be_in_viewport(timeout=30_000)
    settle(page)
    page.wait_for_function(f"{DETAIL_TOP} >= 0 && {DETAIL_TOP} < 200", timeout=10_000)
    page.mouse.wheel(0, -300)  # the reader scrolls back up a little, then works in the detail
    page.wait_for_function(f"{DETAIL_TOP} > 250", timeout=10_000)
    before = page.evaluate(DETAIL_TOP)
    page.get_by_text("Tampilkan rumus dan asal angka setiap capaian").click()
    expect(page.get_by_text(FORMULA).first).to_be_attached(timeout=30_000)
    settle(page)
    assert abs(page.evaluate(DETAIL_TOP) - before) < 5  # no second jump
