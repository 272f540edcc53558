"""Browser journey (issue 14): the admin opens a Rapim (its figures are frozen), records
pendampingan for the bottom OPD; new realisations of that OPD arrive through the CLI from
another process; the live Rapim shows the change against the snapshot and the pendampingan
panel, and the next Rapim keeps that comparison. An operator's Beranda lists a value the
verifier rejected; the fix (resubmitting from Unggah) clears it."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import pytest
from playwright.sync_api import Page, expect

import sakip_core
from sakip_core import clock, todo
from sakip_core import workflow as wf
from sakip_core.auth import Actor
from sakip_core.calc.capaian import capaian_detail
from sakip_core.fmt import angka
from sakip_core.rapim import sesi
from tests.e2e.conftest import ROOT
from tests.e2e.test_lke_journey import log_in, open_tab, settle
from tests.e2e.test_upload_journey import choose
from ui.text import nama_triwulan

if TYPE_CHECKING:
    from tests.e2e.conftest import Server

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]
ADMIN = Actor("admin", "admin")


def latest_snapshot(db: Path) -> dict:
    h = sakip_core.connect(db)
    try:
        return sesi.snapshot(h, ADMIN, sesi.sebelum(h, ADMIN).id)
    finally:
        h.close()


def open_rapim(page: Page, judul: str) -> None:
    page.get_by_text("Buka Rapim baru (potret data saat ini)").click()
    page.get_by_label("Judul", exact=True).fill(judul)
    page.get_by_role("button", name="Buka Rapim dan potret data").click()
    expect(page.get_by_text(f"Rapim dibuka; potret data disimpan: {judul}.")).to_be_visible(
        timeout=60_000
    )
    settle(page)


def cli(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SAKIP_DB": str(db), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "sakip_core", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip


def late_reports(db: Path, kode: str, tahun: int, triwulan: int, target: Path) -> None:
    """Every positive, non-cumulative OPD-level indicator of `kode` reaches its target."""
    h = sakip_core.connect(db)
    try:
        cap = capaian_detail(h, tahun, triwulan, opds=[kode])
    finally:
        h.close()
    rows = cap[(cap["level"] == "opd") & (cap["polaritas"] == "positif")
               & (cap["agregasi"] != "kumulatif") & cap["target"].notna()]  # fmt: skip
    assert not rows.empty
    pd.DataFrame({"tahun": tahun, "triwulan": triwulan, "kode_opd": kode,
                  "kode_indikator": rows["kode_indikator"], "realisasi": rows["target"]}
                 ).to_csv(target, index=False)  # fmt: skip
    done = cli(db, "import", "realisasi", str(target), "--user", "admin")
    assert done.returncode == 0 and "berhasil" in done.stdout, done.stdout + done.stderr


def test_rapim_snapshot_pendampingan_and_the_next_rapim(
    page: Page, server: Server, artifacts: Path, tmp_path: Path
) -> None:
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, server, "admin")
    page.goto(server.url + "/rapim")
    settle(page)
    expect(page.get_by_text("Data terkini: peringkat PK")).to_be_visible(timeout=30_000)
    open_rapim(page, "Rapim November 2026")
    expect(page.get_by_text("Angka ditampilkan persis seperti saat itu")).to_be_visible()
    snap = latest_snapshot(server.db)
    bottom = snap["pendampingan"].iloc[-1]
    then = float(bottom["skor"])

    page.get_by_text("Catat keputusan", exact=True).click()
    choose(page, "OPD", str(bottom["nama_opd"]))
    page.get_by_text("Pendampingan khusus", exact=True).click()
    page.get_by_label("Penanggung jawab").fill("Kabag Organisasi")
    page.get_by_label("Rencana pendampingan / bentuk penghargaan").fill(
        "Asistensi pengisian realisasi setiap pekan"
    )
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.get_by_text(f"Keputusan untuk {bottom['nama_opd']} dicatat.")).to_be_visible(
        timeout=30_000
    )
    settle(page)
    page.screenshot(path=str(artifacts / "rapim_sesi_keputusan.png"), full_page=True)

    s = sesi.sebelum(sakip_core.connect(server.db), ADMIN)
    late_reports(server.db, str(bottom["kode_opd"]), s.tahun, s.triwulan, tmp_path / "l.csv")

    choose(page, "Tampilkan", "Data terkini")
    expect(page.get_by_role("heading", name="Tindak lanjut pendampingan")).to_be_visible(
        timeout=30_000
    )
    h = sakip_core.connect(server.db)
    now = sakip_core.rapim.leaderboard(h, ADMIN, s.tahun, s.triwulan)
    h.close()
    now_skor = float(now.set_index("kode_opd").loc[bottom["kode_opd"], "skor"])
    assert now_skor > then
    card = page.locator("p").filter(has_text=f"Skor {angka(then, 2)} → {angka(now_skor, 2)}")
    expect(card).to_have_count(1)
    open_tab(page, "Sejak Rapim lalu")
    expect(page.get_by_text("Dibandingkan dengan potret Rapim November 2026")).to_be_visible(
        timeout=30_000
    )
    page.screenshot(path=str(artifacts / "rapim_sejak_rapim_lalu.png"), full_page=True)

    open_rapim(page, "Rapim Desember 2026")  # the next Rapim keeps the comparison
    open_tab(page, "Sejak Rapim lalu")
    expect(page.get_by_text("Dibandingkan dengan potret Rapim November 2026")).to_be_visible(
        timeout=30_000
    )
    latest = latest_snapshot(server.db)
    row = latest["sejak"].set_index("kode_opd").loc[bottom["kode_opd"]]
    assert row.skor_lalu == pytest.approx(then) and row.skor_kini == pytest.approx(now_skor)
    assert len(latest["tindak_lanjut"]) == 1


def test_operator_fixes_a_rejected_value_from_beranda(
    page: Page, server: Server, artifacts: Path
) -> None:
    opd = "1.02.01"
    h = sakip_core.connect(server.db)
    oq = todo.open_quarter(h, clock.now())
    sel = wf.Selection(oq.tahun, oq.triwulan, opd)
    if not todo.opd_todo(h, ADMIN, opd, clock.now()).draf.empty:
        wf.submit(h, ADMIN, sel)
    sql = "SELECT min(kode_indikator) AS k FROM realisasi WHERE tahun = ? AND triwulan = ? "
    kode = h.query_df(sql + "AND kode_opd = ?", [oq.tahun, oq.triwulan, opd])["k"][0]
    wf.reject(h, Actor("verifikator", "verifikator"), wf.Selection(oq.tahun, oq.triwulan, opd,
              (kode,)), f"Bukti tidak sesuai ({datetime.now():%H:%M})")  # fmt: skip
    h.close()
    log_in(page, server, f"operator-{opd}")
    expect(page.get_by_text("1 nilai ditolak verifikator")).to_be_visible(timeout=30_000)
    page.screenshot(path=str(artifacts / "beranda_operator_ditolak.png"), full_page=True)
    fix = f"Perbaiki di Unggah Realisasi ({nama_triwulan(oq.triwulan)} {oq.tahun})"
    page.get_by_role("button", name=fix).last.click()  # the one under the rejected values
    expect(page.get_by_role("heading", name="Unggah Realisasi")).to_be_visible(timeout=30_000)
    settle(page)
    expect(page.get_by_label("Triwulan", exact=True)).to_have_value(nama_triwulan(oq.triwulan))
    page.get_by_role("button", name="Ajukan untuk verifikasi").click()
    expect(page.get_by_text("realisasi diajukan untuk verifikasi.")).to_be_visible(timeout=30_000)
    settle(page)
    page.get_by_role("link", name="Beranda", exact=True).first.click()
    settle(page)
    expect(page.get_by_text("Yang perlu Anda selesaikan")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("nilai ditolak verifikator")).to_have_count(0)
