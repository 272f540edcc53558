"""Uploads that cannot sink the server (issue 11, point 4): file size, unzipped size of the
.xlsx parts, rows, columns, the sheet's span.
Text lengths and the capped problem list: tests/test_problem_listing.py.

The limits are settings (sakip_core.settings), read by check_upload from the database, so the
admin can change them and the CLI import obeys the same ones.
"""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import textwrap
import tomllib
import zipfile
import zlib
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from sakip_core.cli import main
from sakip_core.io import reader
from sakip_core.io.importer import check_upload, upload_limits
from sakip_core.io.reader import FileProblem, UploadLimits, default_limits, read_table
from sakip_core.settings import DEFAULT_SETTINGS, set_setting
from tests.csvdata import ADMIN, copy_db, csv_bytes

ROOT = Path(__file__).resolve().parents[1]
HEADER = "tahun,triwulan,kode_opd,kode_indikator,realisasi"
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LIMIT_WORDS = ("batas", "paling banyak", "di luar tabel")


@pytest.fixture
def db(tmp_path, seed_file):
    return copy_db(seed_file, tmp_path / "t.duckdb")


def messages(result) -> list[str]:
    return [str(p) for p in result.problems]


# --- hand-made workbooks ---------------------------------------------------------------------


def workbook(sheets: list[tuple[str, bytes, str | None]], shared: bytes | None = None) -> bytes:
    """A minimal .xlsx: `sheets` as (name, worksheet XML, state), optional sharedStrings.xml."""
    names = "".join(
        f'<sheet name="{n}" sheetId="{i + 1}" r:id="rId{i + 1}"'
        + (f' state="{state}"' if state else "")
        + "/>"
        for i, (n, _, state) in enumerate(sheets)
    )
    rels = "".join(
        f'<Relationship Id="rId{i + 1}" Type="{REL}/worksheet" '
        f'Target="worksheets/sheet{i + 1}.xml"/>'
        for i in range(len(sheets))
    )
    if shared is not None:
        rels += f'<Relationship Id="rIdS" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{NS}" xmlns:r="{REL}"><sheets>{names}'
            "</sheets></workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            f'package/2006/relationships">{rels}</Relationships>',
        )
        for i, (_, xml, _) in enumerate(sheets):
            z.writestr(f"xl/worksheets/sheet{i + 1}.xml", xml)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
    return buffer.getvalue()


def header_row(names: list[str]) -> bytes:
    cells = "".join(
        f'<c r="{reader.col_letters(j + 1)}1" t="inlineStr"><is><t>{n}</t></is></c>'
        for j, n in enumerate(names)
    )
    return f'<row r="1">{cells}</row>'.encode()


def worksheet(rows: bytes, root: str = "worksheet", prefix: str = "") -> bytes:
    p = f"{prefix}:" if prefix else ""
    xmlns = f"xmlns:{prefix}" if prefix else "xmlns"
    return (
        f'<?xml version="1.0"?><{p}{root} {xmlns}="{NS}"><{p}sheetData>'.encode()
        + rows
        + f"</{p}sheetData></{p}{root}>".encode()
    )


COLUMNS = HEADER.split(",")


def lie_about_size(data: bytes, member: str, size: int) -> bytes:
    """Declare `size` bytes for `member` (with the CRC of its first `size` bytes)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(member)
    crc = zlib.crc32(archive.read(member)[:size])
    out = bytearray(data)
    struct.pack_into("<II", out, info.header_offset + 14, crc, info.compress_size)
    struct.pack_into("<I", out, info.header_offset + 22, size)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        n = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46 : at + 46 + n] == member.encode():
            struct.pack_into("<I", out, at + 16, crc)
            struct.pack_into("<I", out, at + 24, size)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(out)


# --- settings and configuration --------------------------------------------------------------


def test_limits_are_settings_with_the_documented_defaults() -> None:
    assert default_limits() == UploadLimits()
    for key in reader.LIMIT_SETTINGS:
        assert key in DEFAULT_SETTINGS
    assert DEFAULT_SETTINGS["maks_mb_unggah"] == 50
    assert DEFAULT_SETTINGS["maks_baris_unggah"] == 1_000_000
    assert DEFAULT_SETTINGS["maks_masalah_ditampilkan"] == 200


def test_server_upload_limit_is_the_larger_of_data_and_evidence_limits() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    expected = max(DEFAULT_SETTINGS["maks_mb_unggah"], DEFAULT_SETTINGS["maks_mb_bukti"])
    assert config["server"]["maxUploadSize"] == expected


def test_check_upload_reads_the_limits_from_the_database(db) -> None:
    assert upload_limits(db) == UploadLimits()
    set_setting(db, "maks_baris_unggah", 3)
    set_setting(db, "maks_panjang_teks", "rusak")  # unusable: the default stays
    limits = upload_limits(db)
    assert limits.baris == 3 and limits.panjang_teks == 1000
    text = HEADER + "\n" + "2025,2,A,A1,1\n" * 4
    result = check_upload(db, "realisasi", csv_bytes(text), "r.csv", ADMIN)
    assert messages(result) == [
        "berkas: Berkas CSV berisi 4 baris data; paling banyak 3 baris per berkas. Bagi data "
        "menjadi beberapa berkas."
    ]


def test_cli_import_obeys_the_same_limits(db, tmp_path, capsys) -> None:
    set_setting(db, "maks_baris_unggah", 1)
    path = tmp_path / "r.csv"
    path.write_text(HEADER + "\n2025,2,A,A1,1\n2025,2,A,A2,2\n", encoding="utf-8")
    db.close()
    code = main(["--db", str(db.path), "import", "realisasi", str(path)])
    assert code == 1
    assert "paling banyak 1 baris per berkas" in capsys.readouterr().err


# --- size of the file and of the unzipped .xlsx ----------------------------------------------


def test_file_larger_than_the_setting_is_refused(db) -> None:
    set_setting(db, "maks_mb_unggah", 0.01)  # 10 KB
    text = HEADER + "\n" + "2025,2,A,A1,1\n" * 1000  # 14 KB
    result = check_upload(db, "realisasi", csv_bytes(text), "r.csv", ADMIN)
    assert len(result.problems) == 1
    assert "melebihi batas unggah 0,01 MB" in messages(result)[0]


class NoCalamine:
    """Stands in for python_calamine: any use fails the test."""

    def __getattr__(self, name: str):
        raise AssertionError(f"calamine was asked for {name} before the size check")


@pytest.mark.parametrize("part", ["sheet", "sharedStrings"])
def test_xlsx_that_inflates_beyond_the_limit_is_refused_before_parsing(
    db, monkeypatch, part: str
) -> None:
    filler = b"<row><c><v>1</v></c></row>" * 2_200_000  # 57 MB of XML, ~60 KB zipped
    if part == "sheet":
        data = workbook([("data", worksheet(header_row(COLUMNS) + filler), None)])
    else:
        shared = f'<sst xmlns="{NS}">'.encode() + b"<si><t>x</t></si>" * 3_500_000 + b"</sst>"
        data = workbook([("data", worksheet(header_row(COLUMNS)), None)], shared=shared)
    assert len(data) < 1_000_000
    monkeypatch.setattr(reader, "calamine", NoCalamine())
    result = check_upload(db, "realisasi", data, "bom.xlsx", ADMIN)
    (message,) = messages(result)
    assert "setelah diurai (unzip)" in message and "melebihi batas 50 MB" in message
    assert ("sheet1.xml" if part == "sheet" else "sharedStrings.xml") in message


def test_a_zip_header_that_lies_about_the_size_gains_nothing(db, monkeypatch) -> None:
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(2, 400_002)
    )
    data = workbook([("data", worksheet(header_row(COLUMNS) + rows), None)])
    liar = lie_about_size(data, "xl/worksheets/sheet1.xml", 2000)  # really ~13 MB
    seen: list[int] = []
    original = reader._stored_zip

    def spy(parts: dict[str, bytes]) -> bytes:
        seen.append(len(parts["xl/worksheets/sheet1.xml"]))
        return original(parts)

    monkeypatch.setattr(reader, "_stored_zip", spy)
    result = check_upload(db, "realisasi", liar, "bohong.xlsx", ADMIN)
    assert seen == [2000]  # calamine is given what was declared and measured, no more
    assert not result.ok
    assert "tidak dapat dibaca" in messages(result)[0]


def test_too_many_zip_parts_are_refused_before_listing_them(db) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        for i in range(reader.MAX_ZIP_PARTS + 1):
            z.writestr(f"x/{i}.xml", b"")
    result = check_upload(db, "realisasi", buffer.getvalue(), "banyak.xlsx", ADMIN)
    assert "bagian" in messages(result)[0]


# --- the span of the sheet's cells (calamine allocates rows x columns) -----------------------

SPARSE_SCRIPT = textwrap.dedent(
    """
    import json, resource, sys
    resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
    from sakip_core.io.reader import FileProblem, read_table
    out = {}
    for name, path in json.loads(sys.argv[1]).items():
        try:
            table = read_table(open(path, "rb").read(), "x.xlsx")
            out[name] = f"dibaca {len(table.cells)} baris"
        except FileProblem as exc:
            out[name] = str(exc)
    print(json.dumps(out))
    """
)

HEAD = header_row(COLUMNS)
FAR_CELLS = {
    # two cells at the far corners: calamine would ask for 550 GB and abort the process
    "far_corner": (worksheet(HEAD + b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'),
                   "16.384 kolom"),
    "far_row": (worksheet(HEAD + b'<row r="1048576"><c r="E1048576"><v>1</v></c></row>'),
                "1.048.575 baris data"),
    "no_r_far_row": (worksheet(HEAD + b'<row r="1048576"><c><v>1</v></c></row>'),
                     "1.048.575 baris data"),
    "no_r_wide": (worksheet(HEAD + b"<row>" + b"<c><v>1</v></c>" * 300 + b"</row>"),
                  "300 kolom"),
    "prefixed": (worksheet(b'<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>tahun</x:t>'
                           b'</x:is></x:c></x:row><x:row r="2"><x:c r="XFD2"><x:v>1</x:v>'
                           b"</x:c></x:row>", prefix="x"), "16.384 kolom"),
    "second_r": (worksheet(HEAD + b'<row r="2"><c r="A2" r="XFD2"><v>1</v></c></row>'),
                 "16.384 kolom"),
    "newline_r": (worksheet(HEAD + b'<row r="2"><c\nr="XFD2"><v>1</v></c></row>'),
                  "16.384 kolom"),
    "quoted_r": (worksheet(HEAD + b"<row r='2'><c r='XFD2'><v>1</v></c></row>"),
                 "16.384 kolom"),
    # Excel writes `<c r=".." s="1"/>` for formatted empty cells; calamine skips them, so do we
    "styled_empty_far": (worksheet(HEAD + b'<row r="2"><c r="A2"><v>2025</v></c></row>'
                                   b'<row r="900000"><c r="CZ900000" s="1"/></row>'),
                         "dibaca 1 baris"),
    "sparse_span": (worksheet(HEAD + b'<row r="1000000"><c r="E1000000"><v>1</v></c></row>'),
                    "hanya 6 sel yang berisi"),
    # a `>` inside a quoted attribute must not end the tag before its `r`
    "gt_in_attribute": (worksheet(HEAD + b'<row r="2000"><c t="n" x="a>b" r="DA2000"><v>1</v>'
                                  b"</c></row>"), "105 kolom"),
}  # fmt: skip


def test_a_small_data_sheet_cannot_hide_a_wide_sheet(db) -> None:
    """Every sheet is measured: the chosen sheet's part is never told from a regex reading of
    workbook.xml, which attribute values can fool."""
    wide = worksheet(HEAD + b'<row r="2"><c r="ET2"><v>1</v></c></row>')
    small = worksheet(HEAD + b'<row r="2"><c r="A2"><v>2025</v></c></row>')
    data = workbook([("data", small, None), ("lain", wide, None)])
    result = check_upload(db, "realisasi", data, "dua.xlsx", ADMIN)
    assert not result.ok and "150 kolom" in messages(result)[0]


def test_cells_far_outside_the_table_are_refused_before_calamine_allocates(tmp_path) -> None:
    """Run in a child process with capped memory: a regression aborts the child, not pytest."""
    paths = {}
    for name, (xml, _) in FAR_CELLS.items():
        paths[name] = str(tmp_path / f"{name}.xlsx")
        Path(paths[name]).write_bytes(workbook([("data", xml, None)]))
    done = subprocess.run(
        [sys.executable, "-c", SPARSE_SCRIPT, json.dumps(paths)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    got = json.loads(done.stdout.strip().splitlines()[-1])
    for name, (_, expected) in FAR_CELLS.items():
        assert expected in got[name], (name, got[name])
        assert got[name].startswith(("Lembar 'data'", "dibaca")), (name, got[name])


# --- rows, columns and cells in CSV and xlsx -------------------------------------------------


def test_a_million_row_csv_is_refused_without_parsing(db, monkeypatch) -> None:
    data = b"tahun,realisasi\n" + b"2025,1\n" * 1_000_001

    def no_parse(*args, **kwargs):
        raise AssertionError("pandas parsed a file over the row limit")

    monkeypatch.setattr(reader.pd, "read_csv", no_parse)
    result = check_upload(db, "realisasi", data, "juta.csv", ADMIN)
    assert messages(result) == [
        "berkas: Berkas CSV berisi 1.000.001 baris data; paling banyak 1.000.000 baris per "
        "berkas. Bagi data menjadi beberapa berkas."
    ]
    assert result.jumlah_masalah == 1


def test_many_columns_are_refused(db) -> None:
    wide = ",".join(f"k{i}" for i in range(16_384)) + "\n" + ",".join("1" * 16_384) + "\n"
    result = check_upload(db, "realisasi", csv_bytes(wide), "lebar.csv", ADMIN)
    assert "16.384 kolom; paling banyak 100 kolom" in messages(result)[0]
    book = openpyxl.Workbook()
    book.active.append([f"k{i}" for i in range(101)])
    book.active.append([1] * 101)
    buffer = io.BytesIO()
    book.save(buffer)
    result = check_upload(db, "realisasi", buffer.getvalue(), "lebar.xlsx", ADMIN)
    assert "101 kolom (sampai kolom CW); paling banyak 100 kolom" in messages(result)[0]


def test_cell_limit_counts_rows_times_columns(db) -> None:
    set_setting(db, "maks_sel_unggah", 50)
    text = HEADER + "\n" + "2025,2,A,A1,1\n" * 9  # 10 lines x 5 columns
    assert check_upload(db, "realisasi", csv_bytes(text), "r.csv", ADMIN).problems[0].pesan
    result = check_upload(db, "realisasi", csv_bytes(text + "2025,2,A,A2,1\n"), "r.csv", ADMIN)
    assert "= 55 sel; paling banyak 50 sel" in messages(result)[0]


def csv_file(rows: int, cols: int) -> bytes:
    names = ",".join(f"k{j}" for j in range(cols))
    return (names + "\n" + (",".join("1" * cols) + "\n") * rows).encode()


def xlsx_file(rows: int, cols: int) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("data")
    sheet.write_row(0, 0, [f"k{j}" for j in range(cols)])
    for i in range(1, rows + 1):
        sheet.write_row(i, 0, [1] * cols)
    book.close()
    return buffer.getvalue()


@settings(max_examples=60, deadline=None)
@given(
    rows=st.integers(1, 40),
    cols=st.integers(1, 9),
    max_rows=st.integers(1, 40),
    max_cols=st.integers(1, 9),
    max_cells=st.integers(1, 400),
    kind=st.sampled_from(["csv", "xlsx"]),
)
def test_property_a_file_is_refused_for_its_size_exactly_when_over_a_limit(
    rows: int, cols: int, max_rows: int, max_cols: int, max_cells: int, kind: str
) -> None:
    limits = UploadLimits(baris=max_rows, kolom=max_cols, sel=max_cells)
    data = csv_file(rows, cols) if kind == "csv" else xlsx_file(rows, cols)
    over = rows > max_rows or cols > max_cols or (rows + 1) * cols > max_cells
    try:
        table = read_table(data, f"x.{kind}", limits)
    except FileProblem as exc:
        assert over, str(exc)
        assert any(word in str(exc) for word in LIMIT_WORDS)
        return
    assert not over
    assert len(table.cells) == rows and len(table.columns) == cols
