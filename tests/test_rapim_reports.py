"""Rapim exports on a small database: Excel tables and numbers, PDF content and bad states."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from sakip_core import rapim
from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.reports import rapim_charts as charts
from sakip_core.reports import rapim_pdf
from sakip_core.reports.rapim_excel import rapim_excel
from sakip_core.reports.rapim_tables import build
from sakip_core.settings import set_setting
from tests.factories import TAHUN, add_indicators, add_opd, add_realisasi, make_db

PIMPINAN = Actor("pimpinan", "pimpinan")


@pytest.fixture
def h(tmp_path: Path) -> Handle:
    """A: (110 + 70) / 2 = 90; B: 50 (one indicator); C: nothing reported -> 0."""
    h = make_db(tmp_path)
    add_opd(h, {"kode_opd": "A", "nama_opd": "Dinas A", "singkatan": "DA"}, "B", "C")
    add_indicators(h, [{"kode_opd": "A", "kode_indikator": k, "target": 100} for k in ("a1", "a2")])
    add_indicators(h, [{"kode_opd": "B", "kode_indikator": "b1", "target": 100}])
    add_indicators(h, [{"kode_opd": "C", "kode_indikator": "c1", "target": 100}])
    add_realisasi(
        h,
        [
            {"kode_opd": "A", "kode_indikator": "a1", "triwulan": 1, "realisasi": 110},
            {"kode_opd": "A", "kode_indikator": "a2", "triwulan": 1, "realisasi": 70},
            {"kode_opd": "B", "kode_indikator": "b1", "triwulan": 1, "realisasi": 50},
        ],
    )
    return h


def pdf_text(data: bytes, tmp_path: Path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) not installed")
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def pdf_pages(data: bytes, tmp_path: Path) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    return pdf_text(data, tmp_path).split("\f")[:-1]


def last_year_db(h: Handle) -> None:
    """B had 40 of 100 in quarter 1 a year earlier; A and C had nothing then."""
    add_indicators(h, [{"tahun": TAHUN - 1, "kode_opd": "B", "kode_indikator": "b0",
                        "target": 100}])  # fmt: skip
    add_realisasi(h, [{"tahun": TAHUN - 1, "kode_opd": "B", "kode_indikator": "b0",
                       "triwulan": 1, "realisasi": 40}])  # fmt: skip


def test_excel_has_formatted_numeric_tables(h: Handle) -> None:
    wb = openpyxl.load_workbook(io.BytesIO(rapim_excel(h, PIMPINAN, TAHUN, 1)))
    assert wb.sheetnames[:4] == ["Peringkat", "Penghargaan", "Pendampingan", "Indeks Kinerja"]
    ws = wb["Peringkat"]
    assert ws["A1"].value.startswith("Rapim Triwulan I 2025 – Peringkat")
    assert ws.freeze_panes == "A4"
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert [(r[0], r[2], r[5]) for r in rows] == [(1, "A", 90.0), (2, "B", 50.0), (3, "C", 0.0)]
    assert ws.cell(4, 6).number_format == "#,##0.00"
    assert isinstance(ws.cell(4, 6).value, int | float)  # a number, not text
    head = [c.value for c in ws[3]]
    assert rows[2][head.index("Status")] == "belum lapor"
    assert [r[head.index("Data")] for r in rows] == ["sementara", "sementara", "belum lapor"]
    ix = wb["Indeks Kinerja"]
    head = [c.value for c in ix[3]]
    # no LKE and no RB in this database: Indeks = 50 % × min(skor, 100)
    assert list(ix.iter_rows(min_row=4, values_only=True))[0][head.index("Indeks Kinerja")] == 45.0


def test_pdf_without_chromium_says_so(h: Handle, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", str(tmp_path / "tidak-ada-chromium"))
    data = rapim_pdf.rapim_pdf(h, PIMPINAN, TAHUN, 1)
    assert data[:5] == b"%PDF-"
    text = pdf_text(data, tmp_path)
    assert "Chromium tidak ditemukan" in text
    assert "Triwulan I 2025" in text and "DA" in text and "BELUM LAPOR" in text
    assert "Kandidat penghargaan" in text and "50 % × 90,00" in text


def test_pdf_for_a_period_without_data(h: Handle, tmp_path: Path) -> None:
    rep = build(h, PIMPINAN, TAHUN, 2)
    assert not rep.has_data
    data = rapim_pdf.pdf_bytes(rep, datetime(2025, 7, 1, 9, 30), with_charts=False)
    text = pdf_text(data, tmp_path)
    assert "Belum ada data untuk periode ini" in text
    assert "Dicetak 1 Juli 2025, pukul 09.30 WIB" in text


@pytest.mark.skipif(rapim_pdf.chromium_path() is None, reason="Chromium not installed")
def test_pdf_with_charts(h: Handle, tmp_path: Path) -> None:
    data = rapim_pdf.rapim_pdf(h, PIMPINAN, TAHUN, 1)
    text = pdf_text(data, tmp_path)
    assert "Chromium tidak ditemukan" not in text and "tidak dapat dibuat" not in text
    assert data.count(b"/Subtype /Image") >= 2


def test_operator_cannot_export(h: Handle) -> None:
    op = Actor("operator-A", "operator", "A")
    with pytest.raises(AccessDenied):
        rapim_excel(h, op, TAHUN, 1)
    with pytest.raises(AccessDenied):
        rapim_pdf.rapim_pdf(h, op, TAHUN, 1)


def test_excel_shows_the_score_of_last_year_beside_the_movement(h: Handle) -> None:
    last_year_db(h)
    ws = openpyxl.load_workbook(io.BytesIO(rapim_excel(h, PIMPINAN, TAHUN, 1)))["Peringkat"]
    head = [c.value for c in ws[3]]
    assert head.index("Skor tahun lalu") == head.index("Gerak") + 1
    col = head.index("Skor tahun lalu")
    shown = {r[2]: r[col] for r in ws.iter_rows(min_row=4, values_only=True)}
    board = rapim.leaderboard(h, PIMPINAN, TAHUN, 1).set_index("kode_opd")["skor_tahun_lalu"]
    assert shown == {"A": None, "B": 40.0, "C": None}  # 100 * 40 / 100; no data: an empty cell
    assert shown["B"] == board["B"] and board[["A", "C"]].isna().all()
    assert ws.cell(5, col + 1).number_format == "#,##0.00"


def test_pdf_cover_page_numbers_and_signature(h: Handle, tmp_path: Path) -> None:
    last_year_db(h)
    set_setting(h, "nama_pemda", "Pemerintah Kabupaten Sukamaju")
    set_setting(h, "tempat_pk", "Sukamaju")
    set_setting(h, "nama_ttd_rapim", "Dra. Siti Aminah, M.Si.")
    set_setting(h, "nip_ttd_rapim", "197001011995032001")
    rep = build(h, PIMPINAN, TAHUN, 1)
    pages = pdf_pages(rapim_pdf.pdf_bytes(rep, datetime(2025, 4, 20, 10, 5), False), tmp_path)
    # cover, leaderboard, kandidat, Indeks with the signature under it: three OPDs fit a page each
    assert len(pages) == 4
    assert "PEMERINTAH KABUPATEN SUKAMAJU" in pages[0] and "Triwulan I 2025" in pages[0]
    for i, page in enumerate(pages, start=1):
        assert f"Halaman {i} dari 4" in page
    assert "Skor tahun lalu" in pages[1] and "40,00" in pages[1]
    last = pages[-1]
    assert "Sukamaju, 20 April 2025" in last and "Kepala Bagian Organisasi" in last
    assert "Dra. Siti Aminah, M.Si." in last and "NIP. 197001011995032001" in last
    assert last.index("Kepala Bagian Organisasi") < last.index("Dra. Siti Aminah")


def test_pdf_signature_without_a_name_leaves_a_line_to_sign(h: Handle, tmp_path: Path) -> None:
    set_setting(h, "jabatan_ttd_rapim", "Kepala Bagian Organisasi Setda")
    rep = build(h, PIMPINAN, TAHUN, 1)
    pages = pdf_pages(rapim_pdf.pdf_bytes(rep, datetime(2025, 7, 1, 9, 30), False), tmp_path)
    assert "PEMERINTAH DAERAH" in pages[0]  # the default name until the admin sets it
    last = pages[-1]
    assert f"{rapim_pdf.DOTS}, 1 Juli 2025" in last  # no place set: a line to write it on
    after = last.split("Kepala Bagian Organisasi Setda")[1]
    assert rapim_pdf.DOTS in after and "NIP." in after and "NIP. " not in after


def test_an_empty_report_is_one_numbered_cover_without_signature(h, tmp_path: Path) -> None:
    rep = build(h, PIMPINAN, TAHUN, 2)
    pages = pdf_pages(rapim_pdf.pdf_bytes(rep, datetime(2025, 7, 1, 9, 30), False), tmp_path)
    assert len(pages) == 1 and "Halaman 1 dari 1" in pages[0]
    assert "Kepala Bagian Organisasi" not in pages[0]


def test_charts_are_indonesian_and_label_every_opd(h: Handle) -> None:
    long_name = "Dinas Pemberdayaan Masyarakat dan Desa Kabupaten"
    add_opd(h, {"kode_opd": "D", "nama_opd": long_name})
    add_indicators(h, [{"kode_opd": "D", "kode_indikator": "d1", "target": 100}])
    rep = build(h, PIMPINAN, TAHUN, 1)
    bars = charts.skor_bars(rep.board)
    assert bars.layout.separators == ",."
    assert bars.layout.xaxis.title.text == "Skor" and bars.layout.yaxis.title.text == "OPD"
    y = bars.layout.yaxis
    assert y.tickmode == "array" and y.automargin is True
    assert list(y.tickvals) == list(rep.board["label"])  # every OPD has its tick
    assert "Dinas Pemberdayaan…" in y.ticktext and long_name in bars.data[0].y  # full on hover
    stack = charts.indeks_stack(rep.indeks)
    assert stack.layout.separators == ",."
    assert stack.layout.xaxis.title.text == "Kontribusi terhadap Indeks Kinerja (poin)"
    assert len(stack.layout.yaxis.tickvals) == 4
    tr = rapim.tren(h, PIMPINAN, TAHUN, ["A", "B"])
    skor, rank = charts.tren_lines(tr, "skor"), charts.tren_lines(tr, "peringkat")
    assert skor.layout.xaxis.title.text == "Triwulan" and skor.layout.separators == ",."
    assert rank.layout.yaxis.title.text == "Peringkat" and rank.layout.yaxis.tickformat == "d"
