"""Matriks Peran Hasil and Rencana Hasil Kerja (issue 12, point 6)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from sakip_core.access import AccessDenied
from sakip_core.auth import Actor
from sakip_core.pk.matriks import MATRIKS_COLUMNS, matriks_peran_hasil, rencana_hasil_kerja
from sakip_core.reports.matriks_excel import matriks_excel, rhk_excel
from tests.csvdata import ADMIN
from tests.factories import TAHUN, add_indicators, add_jabatan
from tests.pk_fixtures import pk_database

OP_B = Actor("op-b", "operator", "B")


@pytest.fixture
def h(tmp_path, monkeypatch):
    handle = pk_database(tmp_path, monkeypatch)
    kasi = {"kode_jabatan": "A.J3", "kode_opd": "A", "nama_jabatan": "Kasi Imunisasi",
            "jenjang": "pengawas", "atasan": "A.J2", "nama_pejabat": "Sari"}  # fmt: skip
    add_jabatan(handle, [kasi])
    add_indicators(
        handle,
        [
            {"kode_opd": "A", "kode_indikator": "A1", "indikator": "Usia Harapan Hidup",
             "target": 72.5, "satuan": "tahun"},
            {"kode_opd": "A", "kode_indikator": "A2", "indikator": "Nilai SAKIP", "target": 70.0},
            {"kode_opd": "A", "kode_indikator": "A1.1", "level": "administrator", "induk": "A1",
             "kode_jabatan": "A.J2", "indikator": "Cakupan imunisasi", "target": 95.0},
            {"kode_opd": "A", "kode_indikator": "A1.1.1", "level": "pengawas", "induk": "A1.1",
             "kode_jabatan": "A.J3", "indikator": "=Desa UCI", "polaritas": "rentang",
             "target_min": 80.0, "target_max": 90.0},
            {"kode_opd": "A", "kode_indikator": "A1.2", "level": "administrator", "induk": "A1",
             "kode_jabatan": "A.J2", "indikator": "Cakupan ANC", "target": 90.0},
        ],
    )  # fmt: skip
    yield handle
    handle.close()


def test_the_matrix_follows_each_opd_indicator_down_depth_first(h) -> None:
    df = matriks_peran_hasil(h, ADMIN, TAHUN, "A")
    assert list(df.columns) == MATRIKS_COLUMNS
    assert df["kode_indikator"].tolist() == ["A1", "A1.1", "A1.1.1", "A1.2", "A2"]
    assert df["tingkat"].tolist() == [1, 2, 3, 2, 1]
    assert df["kode_indikator_opd"].tolist() == ["A1", "A1", "A1", "A1", "A2"]
    assert df.set_index("kode_indikator").loc["A1", "kode_jabatan"] == "A.J1"  # the head
    assert df.set_index("kode_indikator").loc["A1.1.1", "target"] == "80–90"
    assert df.set_index("kode_indikator").loc["A1.1.1", "nama_pejabat"] == "Sari"


def test_the_matrix_workbook_merges_a_parent_over_its_subtree(h) -> None:
    df = matriks_peran_hasil(h, ADMIN, TAHUN, "A")
    book = openpyxl.load_workbook(io.BytesIO(matriks_excel(df, "Dinas Alpha", TAHUN)))
    ws = book["Matriks Peran Hasil"]
    assert ws["A1"].value == f"MATRIKS PERAN HASIL DINAS ALPHA TAHUN {TAHUN}"
    assert [ws.cell(3, j).value for j in range(1, 5)][0] == "Kepala OPD (JPT)"
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert "A4:A7" in merged  # A1 beside its four rows
    assert "B5:B6" in merged  # A1.1 beside itself and A1.1.1
    assert ws["C6"].value.startswith("=Desa UCI (target 80–90 %)")  # text, not a formula
    assert ws["C6"].data_type == "s"
    assert ws["A4"].alignment.wrap_text


def test_rhk_names_the_superiors_indicator_each_supports(h) -> None:
    who, df = rencana_hasil_kerja(h, ADMIN, TAHUN, "A.J2")
    assert df["kode_indikator"].tolist() == ["A1.1", "A1.2"]
    assert df["rhk_atasan"].tolist() == ["Usia Harapan Hidup", "Usia Harapan Hidup"]
    assert who.atasan == "Kepala Dinas Alpha — dr. Rina Kartika, M.Kes."
    book = openpyxl.load_workbook(io.BytesIO(rhk_excel(who, df, TAHUN)))
    values = [c.value for row in book.active.iter_rows() for c in row if c.value]
    assert "Budi Santoso" in values and "198502102010011002" in values
    assert "Cakupan imunisasi" in values and "Usia Harapan Hidup" in values


def test_operators_get_their_own_opd_only(h) -> None:
    with pytest.raises(AccessDenied):
        matriks_peran_hasil(h, OP_B, TAHUN, "A")
    with pytest.raises(AccessDenied):
        rencana_hasil_kerja(h, OP_B, TAHUN, "A.J2")
    with pytest.raises(LookupError):
        rencana_hasil_kerja(h, ADMIN, TAHUN, "NOPE")


def test_an_opd_without_pk_gives_an_empty_matrix_and_workbook(h) -> None:
    df = matriks_peran_hasil(h, ADMIN, TAHUN, "B")
    assert df.empty
    assert matriks_excel(df, "Badan Beta", TAHUN).startswith(b"PK")
