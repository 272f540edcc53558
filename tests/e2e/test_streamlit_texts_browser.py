"""Streamlit's own texts in Bahasa Indonesia in a real browser (ui/streamlit_texts.py): the
uploader on Unggah Realisasi, the menu's overflow, a multiselect's list on Penjelajah Indikator
and the dataframe toolbar's tooltip; the English texts are nowhere on the page."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.test_upload_journey import session

if TYPE_CHECKING:
    from tests.e2e.conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
DROPZONE = '[data-testid="stFileUploaderDropzone"]'
ENGLISH = ["Upload", "Browse files", "Drag and drop file here", "Select all", "No results",
           "Download as CSV", "Show/hide columns", "Fullscreen", "Search"]  # fmt: skip


def settle(page: Page) -> None:
    page.wait_for_selector(READY, timeout=60_000)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0)


def go(page: Page, title: str, path: str) -> None:
    page.get_by_role("link", name=title, exact=True).first.click()
    page.wait_for_url(f"**{path}")
    settle(page)


def no_english(page: Page) -> None:
    """None of Streamlit's English texts is a whole text or a label anywhere on the page."""
    found = page.evaluate(
        """(words) => {
          const hits = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ALL);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            if (n.nodeType === Node.TEXT_NODE) {
              if (words.includes(n.nodeValue.trim())) hits.push(n.nodeValue.trim());
            } else if (n.nodeType === Node.ELEMENT_NODE) {
              for (const a of ["aria-label", "title", "placeholder"]) {
                const v = (n.getAttribute(a) || "").trim();
                if (words.includes(v) || /^\\d+ more$|per file$/.test(v)) hits.push(a + "=" + v);
              }
            }
          }
          const body = document.body.innerText;
          for (const m of body.matchAll(/\\d+ more\\b|\\S+ per file\\b/g)) hits.push(m[0]);
          return hits;
        }""",
        ENGLISH,
    )
    assert found == [], found


def open_list(page: Page, label: str) -> None:
    """Open a multiselect's list; a rerun landing meanwhile may close it, so try again."""
    box = page.get_by_role("combobox", name=label, exact=True).first
    for attempt in range(4):
        settle(page)
        box.click()
        try:
            page.get_by_role("listbox").first.wait_for(state="visible", timeout=10_000)
            return
        except PlaywrightTimeoutError:
            if attempt == 3:
                raise
            page.keyboard.press("Escape")


def test_uploader_and_menu_in_indonesian(browser: Browser, server: Server, artifacts: Path):
    page = session(browser, server, "operator-1.02.01")
    go(page, "Unggah Realisasi", "/unggah")
    zone = page.locator(DROPZONE).first
    expect(zone).to_be_visible(timeout=30_000)
    expect(zone.get_by_role("button", name="Unggah", exact=True)).to_be_visible(timeout=10_000)
    expect(zone).to_contain_text("Maks. 50 MB per berkas")
    expect(zone).to_contain_text("XLSX, CSV")
    # the app's own label of the uploader is left as written
    expect(page.get_by_text("Berkas realisasi (.xlsx atau .csv; maks. 50 MB)")).to_be_visible()
    # at 1366 px the operator's menu does not fit: its overflow says how many more, in Indonesian
    overflow = page.locator('[data-testid="stTopNavSection"]')
    if overflow.count():
        expect(overflow.first).to_have_text(re.compile(r"^\d+ lainnya$"))
    # the translator's own block takes no room
    block = page.locator(".st-key-sakip_teks_streamlit")
    assert block.evaluate("(e) => getComputedStyle(e).display") == "none"
    no_english(page)
    page.screenshot(path=str(artifacts / "teks_streamlit_unggah.png"))


def test_multiselect_and_table_toolbar_in_indonesian(
    browser: Browser, server: Server, artifacts: Path
) -> None:
    page = session(browser, server, "analis")
    go(page, "Penjelajah Indikator", "/penjelajah")
    open_list(page, "Level")
    expect(page.get_by_role("option", name="Pilih semua")).to_be_visible()
    no_english(page)
    page.keyboard.type("tidak-ada-level-ini")
    expect(page.get_by_text("Tidak ada hasil", exact=True)).to_be_visible(timeout=10_000)
    no_english(page)
    page.screenshot(path=str(artifacts / "teks_streamlit_multiselect.png"))
    page.keyboard.press("Escape")
    settle(page)

    table = page.locator('[data-testid="stDataFrame"]').first
    table.hover()
    button = page.get_by_role("button", name="Unduh sebagai CSV").first
    expect(button).to_be_visible(timeout=10_000)
    button.hover()
    tip = page.locator('[data-testid="stTooltipContent"]')
    expect(tip.first).to_have_text("Unduh sebagai CSV", timeout=10_000)
    no_english(page)
