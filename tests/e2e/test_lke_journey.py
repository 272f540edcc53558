"""Browser journey: an operator proposes an LKE answer, the verifikator finalises it, and the
LKE page, the internal evaluation and the Rapim LKE tab show the OPD's new predikat."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

import sakip_core
from sakip_core import lke_service, whatif
from sakip_core.auth import Actor
from sakip_core.calc.lke import PREDIKAT

if TYPE_CHECKING:
    from tests.e2e.conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(240)]

READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'
TAHUN = 2026
ANSWER_LABEL = "Jawaban (Y/T, A–E, atau angka 0..1)"


@pytest.fixture(scope="module")
def case(demo_db: Path) -> dict[str, str]:
    """An OPD whose next predikat is one criterion away, that criterion and its top answer."""
    h = sakip_core.connect(demo_db, read_only=True)
    actor = Actor("analis", "analis")
    codes = [c for _, c, _ in PREDIKAT]
    try:
        for unit in lke_service.units(h, actor)[1:]:
            ws = lke_service.worksheet(h, actor, TAHUN, unit)
            answers = ws.rename(columns={"jawaban_penetapan": "jawaban"})
            now = whatif.simulate(answers)["predikat"]
            if now == "AA":
                continue
            up = codes[codes.index(now) - 1]
            p = whatif.plan(answers, up)
            if p.reachable and len(p.items) == 1:
                row = p.items.iloc[0]
                top = "Y" if row["jawaban"] in ("Y", "T") else "A"
                label = h.query_df(
                    "SELECT coalesce(nullif(trim(singkatan), ''), nama_opd) AS l FROM opd "
                    "WHERE kode_opd = $k", {"k": unit})["l"][0]  # fmt: skip
                return {"unit": unit, "kode": row["kode_kriteria"], "jawab": top, "lama": now,
                        "baru": up, "label": label, "kini": row["jawaban"]}  # fmt: skip
    finally:
        h.close()
    pytest.skip("no OPD is one criterion away from its next predikat")


def settle(page: Page) -> None:
    page.wait_for_selector(READY, timeout=30_000)
    expect(page.locator('[data-testid="stSkeleton"]')).to_have_count(0, timeout=30_000)


def log_in(page: Page, server: Server, nama: str) -> None:
    page.goto(server.url + "/")
    page.get_by_label("Nama pengguna").fill(nama)
    page.get_by_label("Kata sandi").fill("demo")
    page.get_by_role("button", name="Masuk").click()
    # logged in when the form is gone and Beranda is shown (not merely when no script runs)
    expect(page.get_by_label("Nama pengguna")).to_have_count(0, timeout=60_000)
    expect(page.get_by_role("heading", name="Peringkat Kinerja OPD")).to_be_visible(timeout=60_000)
    settle(page)


def open_tab(page: Page, name: str) -> None:
    """Click a tab once the rerun has settled: while it runs, the old tab bar can still be
    on the page beside the new one (two tabs of that name)."""
    tab = page.get_by_role("tab", name=name)
    expect(tab).to_have_count(1, timeout=30_000)
    tab.click()


def choose(page: Page, label: str, text: str) -> None:
    """Pick an option of a Streamlit selectbox by typing part of it."""
    page.get_by_label(label).click()
    page.keyboard.type(text)
    page.get_by_role("option").filter(has_text=text).first.click()
    settle(page)
    expect(page.get_by_label(label)).to_have_count(1)


def wait_answer(page: Page, value: str) -> None:
    """Until the form of the chosen criterion alone is shown (the old one goes after a rerun)."""
    page.wait_for_function(
        "([label, value]) => { const e = document.querySelectorAll(`input[aria-label='${label}']`);"
        " return e.length === 1 && e[0].value === value; }",
        arg=[ANSWER_LABEL, value],
        timeout=30_000,
    )


def submit(page: Page, answer: str, button: str, message: str) -> None:
    field = page.get_by_label(ANSWER_LABEL)
    expect(field).to_have_count(1, timeout=30_000)  # no stale element of the previous run left
    field.fill(answer)
    page.get_by_role("button", name=button).click()
    expect(page.get_by_text(message)).to_be_visible(timeout=30_000)
    settle(page)


def open_page(page: Page, title: str, url_path: str) -> None:
    """Follow the menu; an item the top bar moved into its overflow is opened by its URL (the
    session cookie keeps the login across a page load)."""
    link = page.get_by_role("link", name=title).first
    if link.is_visible():
        link.click()
    else:
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
        page.goto(f"{origin}/{'keluar' if title.startswith('Keluar') else url_path}")
    expect(page).to_have_url(re.compile(f"/{url_path}$"), timeout=30_000)
    settle(page)


def predikat_metric(page: Page) -> str:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Predikat").first
    return metric.locator('[data-testid="stMetricValue"]').inner_text().strip()


def test_operator_proposes_verifier_finalises(
    page: Page, server: Server, case: dict[str, str], artifacts: Path
) -> None:
    log_in(page, server, f"operator-{case['unit']}")
    open_page(page, "Evaluasi SAKIP", "lke")
    assert predikat_metric(page).startswith(case["lama"] + " ")
    choose(page, "Kriteria", case["kode"])
    wait_answer(page, case["kini"])  # the final of that criterion
    expect(page.get_by_role("button", name="Tetapkan nilai")).to_be_disabled()
    submit(page, case["jawab"], "Simpan usulan", "Usulan disimpan.")
    assert predikat_metric(page).startswith(case["lama"] + " ")  # a proposal does not count
    page.screenshot(path=str(artifacts / "lke_operator_usulan.png"), full_page=True)

    open_page(page, f"Keluar (operator-{case['unit']})", "masuk")
    log_in(page, server, "verifikator")
    open_page(page, "Evaluasi SAKIP", "lke")
    choose(page, "Unit", case["unit"])
    choose(page, "Kriteria", case["kode"])
    wait_answer(page, case["jawab"])  # the proposal
    submit(page, case["jawab"], "Tetapkan nilai", "Nilai penetapan disimpan.")
    assert predikat_metric(page).startswith(case["baru"] + " ")
    page.screenshot(path=str(artifacts / "lke_verifikator_penetapan.png"), full_page=True)

    open_tab(page, "Nilai & riwayat")
    settle(page)
    page.screenshot(path=str(artifacts / "lke_nilai_riwayat.png"), full_page=True)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    expect(chart.locator(".main-svg").first).to_be_visible(timeout=30_000)
    chart.screenshot(path=str(artifacts / "lke_komponen_chart.png"))
    open_tab(page, "Target & simulasi")
    settle(page)
    page.screenshot(path=str(artifacts / "lke_target_simulasi.png"), full_page=True)

    open_page(page, "Evaluasi Internal", "evaluasi-internal")
    page.screenshot(path=str(artifacts / "evaluasi_internal.png"), full_page=True)


def test_rapim_lke_tab_shows_the_new_predikat(
    page: Page, server: Server, case: dict[str, str], artifacts: Path
) -> None:
    log_in(page, server, "pimpinan")
    open_page(page, "Rapim", "rapim")
    open_tab(page, "LKE internal")
    settle(page)
    page.screenshot(path=str(artifacts / "rapim_lke_internal.png"), full_page=True)
    expect(page.get_by_text("Evaluasi internal SAKIP (LKE)")).to_be_visible(timeout=30_000)
    grid = page.locator('[data-testid="stDataFrame"]').last
    row = grid.locator('[role="row"]').filter(has_text=case["label"]).first
    expect(row).to_contain_text(f"{case['baru']} – ", timeout=30_000)


def test_rb_page(page: Page, server: Server, artifacts: Path) -> None:
    log_in(page, server, "pimpinan")
    open_page(page, "Reformasi Birokrasi", "rb")
    page.screenshot(path=str(artifacts / "rb_indeks.png"), full_page=True)
    open_tab(page, "Rencana aksi OPD")
    settle(page)
    page.screenshot(path=str(artifacts / "rb_rencana_aksi.png"), full_page=True)
    heat = page.locator('[data-testid="stPlotlyChart"]').last
    heat.scroll_into_view_if_needed()
    expect(heat.locator(".main-svg").first).to_be_visible(timeout=30_000)
    heat.screenshot(path=str(artifacts / "rb_peta_area.png"))
