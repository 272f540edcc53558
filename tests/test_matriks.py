"""Matriks Peran Hasil and Rencana Hasil Kerja (issue 12, point 6).

OPD A: A1 <- A1.1 (kabid A.J2) <- A1.1.1 (kasi A.J3, a rentang named "=Desa UCI");
A1 <- A1.2 (kabid) <- A1.2.1 (staf without owner, no pengawas between); A1 <- A1.10 (kabid);
A2 with nothing below; A5 hanging from a code that does not exist (not in the matrix).
"""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.pk.matriks import (
    MATRIKS_COLUMNS,
    RHK_COLUMNS,
    matriks_peran_hasil,
    rencana_hasil_kerja,
)
from sakip_core.reports.matriks_excel import TIERS, matriks_excel, merge_ends, rhk_excel
from tests.csvdata import ADMIN
from tests.factories import TAHUN, add_indicators, add_jabatan
from tests.pk_fixtures import pk_database

OP_A = Actor("op-a", "operator", "A")
OP_B = Actor("op-b", "operator", "B")
KASI = {"kode_jabatan": "A.J3", "kode_opd": "A", "nama_jabatan": "Kasi Imunisasi",
        "jenjang": "pengawas", "atasan": "A.J2", "nama_pejabat": "Sari"}  # fmt: skip
ORDER = ["A1", "A1.1", "A1.1.1", "A1.2", "A1.2.1", "A1.10", "A2"]


@pytest.fixture
def h(tmp_path, monkeypatch):
    handle = pk_database(tmp_path, monkeypatch)
    add_jabatan(handle, [KASI])
    add_indicators(
        handle,
        [
            {"kode_opd": "A", "kode_indikator": "A1", "indikator": "Usia Harapan Hidup",
             "sasaran": "Meningkatnya derajat kesehatan", "target": 72.5, "satuan": "tahun"},
            {"kode_opd": "A", "kode_indikator": "A2", "indikator": "Nilai SAKIP", "target": 70.0},
            {"kode_opd": "A", "kode_indikator": "A1.10", "level": "administrator", "induk": "A1",
             "kode_jabatan": "A.J2", "indikator": "Cakupan gizi", "target": 80.0},
            {"kode_opd": "A", "kode_indikator": "A1.1", "level": "administrator", "induk": "A1",
             "kode_jabatan": "A.J2", "indikator": "Cakupan imunisasi", "target": 95.0,
             "sasaran": "Meningkatnya cakupan imunisasi"},
            {"kode_opd": "A", "kode_indikator": "A1.1.1", "level": "pengawas", "induk": "A1.1",
             "kode_jabatan": "A.J3", "indikator": "=Desa UCI", "polaritas": "rentang",
             "target_min": 80.0, "target_max": 90.0},
            {"kode_opd": "A", "kode_indikator": "A1.2", "level": "administrator", "induk": "A1",
             "kode_jabatan": "A.J2", "indikator": "Cakupan ANC", "target": 90.0},
            {"kode_opd": "A", "kode_indikator": "A1.2.1", "level": "staf", "induk": "A1.2",
             "indikator": "Laporan ANC", "target": 12.0, "satuan": "laporan"},
            {"kode_opd": "A", "kode_indikator": "A5", "level": "administrator", "induk": "ZZ",
             "kode_jabatan": "A.J2", "indikator": "Lepas"},
        ],
    )  # fmt: skip
    yield handle
    handle.close()


def workbook(h) -> openpyxl.Workbook:
    df = matriks_peran_hasil(h, ADMIN, TAHUN, "A")
    return openpyxl.load_workbook(io.BytesIO(matriks_excel(df, "Dinas Alpha", TAHUN)))


def test_the_matrix_follows_each_opd_indicator_down_depth_first_in_code_order(h) -> None:
    df = matriks_peran_hasil(h, ADMIN, TAHUN, "A")
    assert list(df.columns) == MATRIKS_COLUMNS
    assert df["kode_indikator"].tolist() == ORDER  # A1.10 after A1.2; A5 unreachable
    assert df["kode_indikator_opd"].tolist() == ["A1"] * 6 + ["A2"]
    assert df["indikator_opd"].tolist()[:1] == ["Usia Harapan Hidup"]
    assert df["kode_induk"].tolist()[1:3] == ["A1", "A1.1"]
    by = df.set_index("kode_indikator")
    assert by.loc["A1", "kode_jabatan"] == "A.J1"  # the head, by default
    assert by.loc["A1", "nama_pejabat"] == "dr. Rina Kartika, M.Kes."
    assert by.loc["A1.1.1", ["nama_jabatan", "nama_pejabat", "jenjang"]].tolist() == [
        "Kasi Imunisasi", "Sari", "pengawas"]  # fmt: skip
    assert by.loc["A1", "target"] == "72,5"  # Indonesian format
    assert by.loc["A1.1.1", "target"] == "80–90"  # a rentang


def test_tingkat_is_the_level_not_the_depth(h) -> None:
    df = matriks_peran_hasil(h, ADMIN, TAHUN, "A")
    assert df["tingkat"].tolist() == [1, 2, 3, 2, 4, 2, 1]  # A1.2.1 is staf at depth 2
    assert df["level"].tolist()[4] == "staf"


def test_the_matrix_workbook_places_each_tier_in_its_column_and_merges_parents(h) -> None:
    book = workbook(h)
    assert book.sheetnames == ["Matriks Peran Hasil", "Rincian"]
    ws = book["Matriks Peran Hasil"]
    assert ws["A1"].value == "MATRIKS PERAN HASIL"
    assert ws["A2"].value == f"Dinas Alpha — Tahun {TAHUN}"
    assert [ws.cell(5, j).value for j in range(1, 5)] == TIERS
    assert ws.freeze_panes == "A6"
    # rows 6..12 are ORDER; a parent's cell starts on its own row and covers its subtree
    assert {str(r) for r in ws.merged_cells.ranges} == {"A6:A11", "B7:B8", "B9:B10"}
    assert ws["A6"].value == ("Usia Harapan Hidup (target 72,5 tahun)\n"
                              "— Kepala Dinas Alpha / dr. Rina Kartika, M.Kes.")  # fmt: skip
    assert ws["C8"].value == "=Desa UCI (target 80–90 %)\n— Kasi Imunisasi / Sari"
    assert ws["C8"].data_type == "s"  # text, never a formula
    assert ws["D10"].value == "Laporan ANC (target 12 laporan)\n— belum ada pemilik"
    assert ws["B11"].value.startswith("Cakupan gizi (target 80 %)")
    assert ws["A12"].value.startswith("Nilai SAKIP (target 70 %)")
    assert ws["C10"].value is None  # the skipped pengawas tier stays empty
    assert all(ws[c].alignment.wrap_text for c in ("A6", "B7", "C8", "D10"))
    assert ws.column_dimensions["A"].width > 30
    assert ws.row_dimensions[8].height >= 30  # two lines: heights estimated from the text


def test_the_detail_sheet_lists_the_same_rows_with_indonesian_headers(h) -> None:
    ws = workbook(h)["Rincian"]
    assert ws["A1"].value == "Kode indikator OPD" and ws["E1"].value == "Kode indikator"
    assert [ws.cell(r, 5).value for r in range(2, 9)] == ORDER
    assert ws["C2"].value == 1 and ws.freeze_panes == "A2"


def test_a_child_on_its_parents_level_gets_its_own_cell() -> None:
    """Merges stop before the next cell of the same column: ranges never overlap."""
    assert merge_ends([0, 1, 2, 3, 1], [0, 1, 1, 2, 1]) == [4, 1, 3, 3, 4]
    rows = [("R", None, 1, "opd"), ("X", "R", 2, "administrator"),
            ("Y", "X", 2, "administrator"), ("Z", "Y", 3, "pengawas")]  # fmt: skip
    df = pd.DataFrame(
        [{"kode_indikator_opd": "R", "indikator_opd": "Akar", "tingkat": t, "level": lv,
          "kode_indikator": k, "indikator": f"Indikator {k}", "target": "1", "satuan": "%",
          "kode_induk": p, "kode_jabatan": None, "nama_jabatan": None, "nama_pejabat": None,
          "jenjang": None} for k, p, t, lv in rows]
    )  # fmt: skip
    ws = openpyxl.load_workbook(io.BytesIO(matriks_excel(df, "X", TAHUN)))["Matriks Peran Hasil"]
    assert {str(r) for r in ws.merged_cells.ranges} == {"A6:A9", "B8:B9"}
    assert ws["B6"].value is None and ws["B7"].value.startswith("Indikator X")


def test_an_opd_without_pk_gives_an_empty_matrix_and_workbook(h) -> None:
    df = matriks_peran_hasil(h, ADMIN, TAHUN, "B")
    assert df.empty and list(df.columns) == MATRIKS_COLUMNS
    ws = openpyxl.load_workbook(io.BytesIO(matriks_excel(df, "Badan Beta", TAHUN))).active
    assert ws["A6"].value == "Belum ada indikator PK untuk OPD ini."


def test_rhk_names_the_superiors_indicator_each_supports(h) -> None:
    who, df = rencana_hasil_kerja(h, ADMIN, TAHUN, "A.J2")
    assert list(df.columns) == RHK_COLUMNS
    assert df["no"].tolist() == [1, 2, 3, 4]
    assert df["kode_indikator"].tolist() == ["A1.1", "A1.2", "A1.10", "A5"]
    assert df["rhk_atasan"].tolist() == ["Usia Harapan Hidup"] * 3 + ["-"]  # A5's is missing
    assert df["kode_indikator_atasan"].tolist()[:3] == ["A1"] * 3
    first = df.iloc[0]
    assert first["rencana_hasil_kerja"] == "Meningkatnya cakupan imunisasi"  # the sasaran
    assert first["indikator_kinerja_individu"] == "Cakupan imunisasi"
    assert (first["target"], first["satuan"]) == ("95", "%")
    assert (who.nama_jabatan, who.nama_pejabat, who.nip) == (
        "Kepala Bidang Satu", "Budi Santoso", "198502102010011002")  # fmt: skip
    assert who.unit == "OPD A"
    assert who.atasan == "Kepala Dinas Alpha — dr. Rina Kartika, M.Kes."


def test_the_rhk_workbook_has_the_identity_block_then_the_table(h) -> None:
    who, df = rencana_hasil_kerja(h, ADMIN, TAHUN, "A.J3")
    ws = openpyxl.load_workbook(io.BytesIO(rhk_excel(who, df, TAHUN)))["Rencana Hasil Kerja"]
    assert ws["A1"].value == f"RENCANA HASIL KERJA TAHUN {TAHUN}"
    block = {ws.cell(r, 1).value: ws.cell(r, 3).value for r in range(4, 9)}
    assert block == {"Nama": "Sari", "NIP": "-", "Jabatan": "Kasi Imunisasi",
                     "Unit kerja": "OPD A",
                     "Pejabat penilai (atasan)": "Kepala Bidang Satu — Budi Santoso"}  # fmt: skip
    assert ws.cell(10, 2).value == "RHK atasan yang diintervensi"
    row = [1, "Cakupan imunisasi", "A1.1", "Sasaran uji", "=Desa UCI", "80–90", "%", "A1.1.1"]
    assert [ws.cell(11, j).value for j in range(1, 9)] == row
    assert ws.cell(11, 5).data_type == "s" and ws.cell(11, 2).alignment.wrap_text
    assert ws.freeze_panes == "A11"


def test_a_nip_stays_text_in_the_rhk_workbook(h) -> None:
    who, df = rencana_hasil_kerja(h, ADMIN, TAHUN, "A.J2")
    ws = openpyxl.load_workbook(io.BytesIO(rhk_excel(who, df, TAHUN))).active
    assert ws["C5"].value == "198502102010011002" and ws["C5"].data_type == "s"


def test_an_official_without_indicators_gets_an_empty_rhk(h) -> None:
    who, df = rencana_hasil_kerja(h, ADMIN, TAHUN, "B.J1")
    assert df.empty and list(df.columns) == RHK_COLUMNS
    ws = openpyxl.load_workbook(io.BytesIO(rhk_excel(who, df, TAHUN))).active
    assert ws["A11"].value == "Jabatan ini belum memiliki indikator pada tahun ini."


def test_operators_get_their_own_opd_only_and_unknown_codes_are_named(h) -> None:
    assert len(matriks_peran_hasil(h, OP_A, TAHUN, "A")) == len(ORDER)
    assert rencana_hasil_kerja(h, OP_A, TAHUN, "A.J3")[0].nama_pejabat == "Sari"
    with pytest.raises(AccessDenied):
        matriks_peran_hasil(h, OP_B, TAHUN, "A")
    with pytest.raises(AccessDenied):
        rencana_hasil_kerja(h, OP_B, TAHUN, "A.J2")
    with pytest.raises(LookupError, match="Jabatan NOPE tidak terdaftar"):
        rencana_hasil_kerja(h, ADMIN, TAHUN, "NOPE")
    with pytest.raises(LookupError, match="OPD NOPE tidak terdaftar"):
        matriks_peran_hasil(h, ADMIN, TAHUN, "NOPE")
