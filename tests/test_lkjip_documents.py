"""LKjIP documents and page on the demo (issue 13, points 1 and 6): the demo's Renstra and
2024 history, the DOCX read back, the Excel tables, the Renja form, the Laporan Kinerja page."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

import sakip_core as sk
from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.fmt import persen
from sakip_core.lkjip.documents import chapter3_docx, chapter3_xlsx, renja_form
from sakip_core.lkjip.results import chapter3
from tests.page_helpers import open_page, plain, serve_demo_copy

ROOT = Path(__file__).resolve().parents[1]
ADMIN = Actor("admin", "admin")
OP = Actor("operator-1.02.01", "operator", "1.02.01")


@pytest.fixture(scope="module")
def h(demo_db: Path):
    handle = sk.connect(demo_db)
    yield handle
    handle.close()


def docx_text(blob: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        xml = z.read("word/document.xml").decode()
    import re

    return re.sub(r"<[^>]+>", "", xml.replace("</w:p>", "\n"))


def test_the_demo_has_a_renstra_for_every_opd_and_the_rpjmd_and_two_earlier_years(h):
    units = h.query_df("SELECT DISTINCT kode_opd FROM renstra")["kode_opd"]
    opds = h.query_df("SELECT kode_opd FROM opd")["kode_opd"]
    assert set(opds) | {"PEMDA"} == set(units)
    df = chapter3(h, ADMIN, 2026, "1.02.01")
    assert df["realisasi_t1"].notna().all() and df["realisasi_t2"].notna().all()
    assert df["target_akhir_renstra"].notna().all()
    pemda = chapter3(h, ADMIN, 2025, "PEMDA")
    assert len(pemda) == 6 and pemda["capaian"].notna().all()


def test_the_docx_reads_back_with_every_indicator_the_numbers_and_the_reasons(h):
    blob = chapter3_docx(h, ADMIN, 2025, "1.02.01", chart=False)
    text = docx_text(blob)
    df = chapter3(h, ADMIN, 2025, "1.02.01")
    assert "BAB III" in text and "AKUNTABILITAS KINERJA" in text and "DINAS KESEHATAN" in text
    for row in df.itertuples():
        assert row.indikator in text
        assert persen(row.capaian, 2) in text  # Indonesian format, e.g. 54,45 %
    assert "belum mencapai target" in text and "Penyebab:" in text
    assert "Tabel 3.4 Pagu, realisasi, serapan dan efisiensi" in text


def test_the_excel_tables_and_the_renja_form(h):
    book = openpyxl.load_workbook(io.BytesIO(chapter3_xlsx(h, ADMIN, 2025, "PEMDA")))
    assert book.sheetnames == ["Capaian", "Tahun sebelumnya", "Renstra", "Faktor", "Anggaran"]
    assert book["Capaian"]["C4"].value == "Indeks Pembangunan Manusia"
    renja = openpyxl.load_workbook(io.BytesIO(renja_form(h, ADMIN, 2026, 3, "1.02.01")))
    sheet = renja["Evaluasi Renja"]
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Triwulan III" in " ".join(str(c) for c in cells[:3])
    assert "1.02.01.I06 Persentase capaian SPM bidang kesehatan" in cells
    with pytest.raises(AccessDenied):
        renja_form(h, OP, 2026, 3, "1.01.01")


@pytest.fixture
def db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    yield from serve_demo_copy(demo_db, tmp_path, monkeypatch)


def test_the_page_lists_the_table_and_offers_the_documents(db) -> None:
    at = open_page("pages/laporan_kinerja.py", ADMIN)
    at.selectbox(key="lk_tahun").select(2025).run()
    at.selectbox(key="lk_unit").select("1.02.01").run()
    assert not at.exception
    shown = plain(" ".join(d.value.to_string() for d in at.dataframe))
    assert "Angka Kematian Ibu" in shown and "54,45" in shown
    labels = [b.label for b in at.button]
    assert "Siapkan Bab III (DOCX)" in labels and "Siapkan evaluasi Renja (Excel)" in labels
    next(b for b in at.button if b.label == "Siapkan tabel Bab III (Excel)").click().run()
    assert "Unduh LKjIP_2025_1.02.01.xlsx" in [b.label for b in at.get("download_button")]


def test_an_operator_sees_only_their_own_opd(db) -> None:
    at = open_page("pages/laporan_kinerja.py", OP)
    assert at.text_input[0].value == "Dinas Kesehatan" and at.text_input[0].disabled
    assert not [s for s in at.selectbox if s.key == "lk_unit"]


def test_the_indicator_trend_spans_the_previous_years_and_the_renstra(h):
    from sakip_core.lkjip.trend import indicator_trend

    points, renstra = indicator_trend(h, ADMIN, 2026, "1.02.01", "1.02.01.I02")
    assert list(points["periode"])[:2] == ["2024", "2025"]
    assert "TW3 2026" in set(points["periode"]) and "TW4 2026" not in set(points["periode"])
    assert renstra["target_akhir"] == 68.0 and renstra["tahun_akhir"] == 2029


def test_the_document_command_writes_the_file_or_says_what_is_wrong(demo_db: Path, tmp_path,
                                                                    capsys) -> None:  # fmt: skip
    from sakip_core.cli import main

    base = ["--db", str(demo_db), "lkjip-dokumen", "--tahun", "2025", "--opd", "1.02.01"]
    out = tmp_path / "bab3.docx"
    assert main([*base, "-o", str(out)]) == 0
    assert "Dinas Kesehatan" in docx_text(out.read_bytes())
    assert not list(tmp_path.glob("*.tmp"))  # written whole, then renamed
    capsys.readouterr()
    assert main([*base, "-o", str(tmp_path / "tidak_ada" / "bab3.docx")]) == 1
    assert "Folder tujuan tidak ada" in capsys.readouterr().err
    assert main([*base, "-o", str(tmp_path / "bab3.pdf")]) == 1
    assert "berakhiran .docx atau .xlsx" in capsys.readouterr().err
    assert main([*base, "--jenis", "renja", "-o", str(tmp_path / "r.xlsx")]) == 1
    assert "--triwulan" in capsys.readouterr().err
