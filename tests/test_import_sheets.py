"""Which sheet is read, and files whose cause must be named (issue 11, point 5): the sheet named
`data` (even behind a hidden first sheet), merged cells, UTF-16 CSV, a row with too many fields."""

from __future__ import annotations

import io

import openpyxl
import pytest

from sakip_core.cli import main
from sakip_core.io.importer import check_upload
from tests.csvdata import ADMIN, copy_db

HEADER = ["tahun", "triwulan", "kode_opd", "kode_indikator", "realisasi"]
GOOD = [[2025, 2, "A", "A1", 40], [2025, 2, "A", "A2", 75]]


@pytest.fixture
def db(tmp_path, seed_file):
    return copy_db(seed_file, tmp_path / "t.duckdb")


def book_bytes(sheets: list[tuple[str, list[list[object]], str]]) -> bytes:
    """(title, rows, state) per sheet, in order; state is visible, hidden or veryHidden."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows, state in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        sheet.sheet_state = state
    book.active = next(i for i, (_, _, s) in enumerate(sheets) if s == "visible")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def messages(result) -> list[str]:
    return [str(p) for p in result.problems]


def test_the_data_sheet_is_read_even_behind_a_hidden_first_sheet(db) -> None:
    data = book_bytes(
        [
            ("rahasia", [["catatan lama"], ["jangan diunggah"]], "hidden"),
            ("petunjuk", [["kolom", "isian"], ["tahun", "2025"]], "visible"),
            ("data", [HEADER, *GOOD], "visible"),
        ]
    )
    result = check_upload(db, "realisasi", data, "r.xlsx", ADMIN)
    assert result.ok, messages(result)
    assert result.lembar == "data"
    assert result.warnings[0] == "Lembar yang dibaca: data"
    assert result.rows["realisasi"].tolist() == [40.0, 75.0]


def test_the_data_sheet_name_is_matched_without_case(db) -> None:
    data = book_bytes(
        [("Sheet1", [["x"], ["y"]], "visible"), (" Data ", [HEADER, *GOOD], "visible")]
    )
    result = check_upload(db, "realisasi", data, "r.xlsx", ADMIN)
    assert result.ok, messages(result)
    assert result.lembar == " Data "


def test_without_a_data_sheet_the_first_visible_sheet_is_read_and_said(db) -> None:
    data = book_bytes(
        [("lama", [["x"], ["y"]], "hidden"), ("Realisasi TW2", [HEADER, *GOOD], "visible")]
    )
    result = check_upload(db, "realisasi", data, "r.xlsx", ADMIN)
    assert result.ok, messages(result)
    assert result.warnings[0] == (
        "Lembar yang dibaca: Realisasi TW2 (tidak ada lembar bernama 'data'; dibaca lembar "
        "pertama yang terlihat)"
    )


def test_merged_cells_are_named_as_the_cause(db) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(HEADER)
    sheet.append([2025, 2, "A", "A1", 40])
    sheet.append([2025, 2, "A", None, 41])
    sheet.merge_cells("D2:D3")  # one code typed once for two rows
    buffer = io.BytesIO()
    book.save(buffer)
    result = check_upload(db, "realisasi", buffer.getvalue(), "r.xlsx", ADMIN)
    assert messages(result) == [
        "baris 2, kolom kode_indikator: sel digabung (merge) D2:D3: hanya sel pertamanya yang "
        "berisi nilai. Pisahkan sel itu (Excel: Beranda > Gabung & Tengahkan > Pisahkan Sel) "
        "dan isi setiap sel sendiri-sendiri"
    ]


def test_merged_header_cells_are_named(db) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["tahun", None, "kode_opd", "kode_indikator", "realisasi"])
    sheet.append([2025, 2, "A", "A1", 40])
    sheet.merge_cells("A1:B1")
    buffer = io.BytesIO()
    book.save(buffer)
    result = check_upload(db, "realisasi", buffer.getvalue(), "r.xlsx", ADMIN)
    assert len(result.problems) == 1
    assert messages(result)[0].startswith("baris 1, kolom tahun: sel digabung (merge) A1:B1")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_csv_is_named_with_how_to_save_as_utf8(db, encoding: str) -> None:
    text = ",".join(HEADER) + "\n2025,2,A,A1,40\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data  # with its byte-order mark; utf-16-le stays without one
    result = check_upload(db, "realisasi", data, "r.csv", ADMIN)
    (message,) = messages(result)
    assert "UTF-16" in message and "CSV UTF-8" in message
    assert "biner" not in message


def test_a_row_with_more_fields_than_the_header_is_explained(db) -> None:
    text = ",".join(HEADER) + "\n2025,2,A,A1,40\n2025,2,A,A2,1,5\n"
    result = check_upload(db, "realisasi", text.encode(), "r.csv", ADMIN)
    assert messages(result) == [
        "berkas: baris 3: berisi 6 kolom, padahal baris judul 5 kolom. Periksa pemisah (koma "
        "atau titik koma) dan tanda kutip pada baris itu."
    ]


def test_cli_says_which_sheet_was_read(db, tmp_path, capsys) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(book_bytes([("x", [["x"]], "hidden"), ("data", [HEADER, *GOOD], "visible")]))
    db.close()
    assert main(["--db", str(db.path), "import", "realisasi", str(path)]) == 0
    out = capsys.readouterr()
    assert "peringatan: Lembar yang dibaca: data" in out.err
    assert "berhasil" in out.out
