"""Browser journeys against a real `streamlit run app.py` (Playwright on Debian's Chromium).

The server fixture is module-scoped and starts fresh, so the first test sees the state in which
Streamlit still runs `pages/*.py` directly for a URL (before any session ran `st.navigation`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

import sakip_core

if TYPE_CHECKING:
    from tests.e2e.conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(180)]

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
TABLE = '.st-key-peringkat [data-testid="stDataFrame"]'  # the league table
COLUMNS = 9  # Peringkat … Perubahan, Skor tahun lalu, Kepatuhan, Dilaporkan, Data
PAGE_URLS = ["/beranda", "/masuk", "/keluar", "/", "/beranda", "/masuk", "/keluar"]


@pytest.fixture(scope="module")
def ranking(demo_db: Path) -> pd.DataFrame:
    """The core's ranking of the latest reported quarter (read from the original demo file)."""
    h = sakip_core.connect(demo_db, read_only=True)
    try:
        latest = int(h.query_df("SELECT max(tahun * 10 + triwulan) AS p FROM realisasi")["p"][0])
        detail = sakip_core.ranking_detail(h, *divmod(latest, 10), digits=2)
        core = sakip_core.ranking(h, *divmod(latest, 10))
    finally:
        h.close()
    assert detail["kode_opd"].tolist() == core["kode_opd"].tolist()
    labels = [
        s if isinstance(s, str) and s.strip() else n
        for s, n in zip(detail["singkatan"], detail["nama_opd"], strict=True)
    ]
    return detail.assign(label=labels)


def settle(page: Page) -> None:
    """Wait until the script has finished and nothing is still a loading placeholder."""
    page.wait_for_selector(READY, timeout=30_000)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)


def assert_login_only(page: Page, ranking: pd.DataFrame) -> None:
    expect(page.get_by_label("Nama pengguna")).to_be_visible(timeout=30_000)
    expect(page.get_by_label("Kata sandi")).to_be_visible()
    expect(page.get_by_role("button", name="Masuk")).to_be_visible()
    settle(page)
    expect(page.locator(TABLE)).to_have_count(0)
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(0)
    body = page.inner_text("body")
    assert "Peringkat Kinerja OPD" not in body
    for name in ranking["nama_opd"]:
        assert name not in body
    for label in ranking["label"]:
        assert label not in body


def log_in(page: Page, server: Server, nama: str, sandi: str = "demo") -> None:
    page.goto(server.url + "/")
    page.get_by_label("Nama pengguna").fill(nama)
    page.get_by_label("Kata sandi").fill(sandi)
    page.get_by_role("button", name="Masuk").click()


def table_column(page: Page, rows: int, col: int) -> list[str]:
    """The text of one column of the league table, from the grid's accessible cells."""
    cells = page.locator(f'{TABLE} [role="gridcell"]')
    expect(cells).to_have_count(rows * COLUMNS, timeout=30_000)
    column = page.locator(f'{TABLE} [role="gridcell"][aria-colindex="{col}"]')
    return [t.strip() for t in column.all_inner_texts()]


def shoot(page: Page, artifacts: Path, name: str) -> None:
    page.mouse.move(0, 0)  # no hover toolbar over the table
    settle(page)
    page.screenshot(path=str(artifacts / name))


def test_every_page_url_on_fresh_server_shows_only_login(
    page: Page, server: Server, ranking: pd.DataFrame
) -> None:
    for path in PAGE_URLS:
        page.goto(server.url + path)
        assert_login_only(page, ranking)
    assert "Traceback" not in server.log.read_text(errors="replace")


def test_wrong_password_is_refused(page: Page, server: Server, ranking: pd.DataFrame) -> None:
    log_in(page, server, "analis", "salah-sandi")
    expect(page.get_by_text("Nama pengguna atau kata sandi salah.")).to_be_visible()
    assert_login_only(page, ranking)


def test_pimpinan_sees_ranking_in_core_order(
    page: Page, server: Server, ranking: pd.DataFrame, artifacts: Path
) -> None:
    log_in(page, server, "pimpinan")
    expect(page.get_by_role("heading", name="Peringkat Kinerja OPD")).to_be_visible()
    expect(page.locator(TABLE)).to_be_visible()
    settle(page)
    n = len(ranking)
    assert table_column(page, n, 2) == ranking["label"].tolist()
    assert table_column(page, n, 1) == [str(p) for p in ranking["peringkat"]]
    body = page.inner_text("body")
    assert "OPD dinilai" in body and "Rata-rata skor" in body
    shoot(page, artifacts, "beranda_pimpinan.png")
    page.set_viewport_size({"width": 1366, "height": 2300})
    shoot(page, artifacts, "beranda_pimpinan_lengkap.png")
    page.set_viewport_size({"width": 1366, "height": 768})

    page.get_by_role("link", name="Keluar (pimpinan)").click()
    expect(page.get_by_text("Anda telah keluar.")).to_be_visible()
    assert_login_only(page, ranking)


def test_operator_sees_only_own_row(
    page: Page, server: Server, ranking: pd.DataFrame, artifacts: Path
) -> None:
    row = ranking.iloc[len(ranking) // 2]
    log_in(page, server, f"operator-{row['kode_opd']}")
    expect(page.get_by_text("hanya peringkat OPD Anda")).to_be_visible(timeout=30_000)
    settle(page)
    assert table_column(page, 1, 2) == [row["label"]]
    assert table_column(page, 1, 1) == [str(row["peringkat"])]
    body = page.inner_text("body")
    others = ranking[ranking["kode_opd"] != row["kode_opd"]]
    for name in others["nama_opd"]:
        assert name not in body
    shoot(page, artifacts, "beranda_operator.png")


def test_login_page_screenshot(page: Page, server: Server, artifacts: Path) -> None:
    page.goto(server.url + "/")
    expect(page.get_by_label("Nama pengguna")).to_be_visible(timeout=30_000)
    shoot(page, artifacts, "masuk.png")
