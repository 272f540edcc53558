"""Rapim exports on a small database: Excel tables and numbers, PDF content and bad states."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.reports import rapim_pdf
from sakip_core.reports.rapim_excel import rapim_excel
from sakip_core.reports.rapim_tables import build
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
