"""The span of an `.xlsx` sheet's cells, measured on its XML before calamine reads it.

calamine allocates the whole rectangle from A1 to the last row and column that hold a cell: two
cells at A1 and XFD1048576 would ask for 550 GB. So the sheet's part is found through
xl/workbook.xml and its relationships, its last row and column and its filled cells are counted
on the raw XML, and a sheet beyond the row, column or cell limits, or one whose span is far
larger than what it fills (a few cells at far corners), is refused.
"""

from __future__ import annotations

import re

import numpy as np

from sakip_core.io.limits import FileProblem, UploadLimits
from sakip_core.io.limits import number_text as _num

# A sheet whose cells span far more than they fill (a few cells at far corners) is refused:
# calamine would allocate the whole span. Real tables fill a good share of their span.
SPARSE_FLOOR = 1_000_000  # cells of span always allowed (~60 MB while reading)
SPARSE_RATIO = 10  # span above the floor may be at most this many times the filled cells

_ATTR = r"""(?<![\w:.-]){name}\s*=\s*(?:"([^"]*)"|'([^']*)')"""


def sheet_extent(parts: dict[str, bytes]) -> tuple[int, int, int]:
    """(last row, last column, filled cells), 1-based: calamine allocates rows x columns.

    Every part with sheet data is measured and the largest extent counts (with the fewest
    filled cells, for the sparseness rule), whichever sheet calamine will read: a workbook.xml
    crafted so that a regex reading of it maps the chosen sheet to a small part cannot hide a huge
    one.
    """
    extents = [_xml_extent(xml) for xml in parts.values() if b"sheetData" in xml]
    if not extents:
        return 0, 0, 0
    return max(e[0] for e in extents), max(e[1] for e in extents), min(e[2] for e in extents)


_XML_ATTRS = rb"""(?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*"""
# a cell tag that is not `<c r="A1" ...>` with one `r`, or a prefixed `<x:c>`: walk the sheet
_IRREGULAR_CELL = re.compile(
    rb"<[A-Za-z_][\w.-]*:c(?=[\s/>])"
    rb'|<c(?=[\s/>])(?! r="[A-Z]{1,3}[0-9]{1,7}"'
    rb"""(?:\s+(?!r\s*=)[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>)"""
)
_FILLED_CELL = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{1,7})"' + _XML_ATTRS + rb"\s*>")
# quote-aware: a `>` inside an attribute value does not end the tag
_ROW_OR_CELL = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])(" + _XML_ATTRS + rb")\s*(/?)>"
)
_ROW_OR_CELL_OPENING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:row|c)(?=[\s/>])")
_ROW_R = re.compile(_ATTR.format(name="r").encode())
_CELL_REF = re.compile(rb"([A-Za-z]+)([0-9]+)")


def _xml_extent(xml: bytes) -> tuple[int, int, int]:
    """Last row and column reached by a cell with content (a self-closing `<c/>` has none), and
    how many such cells there are.

    Fast path: every cell tag is `<c r="A1" ...>` (what Excel, LibreOffice, openpyxl and
    xlsxwriter write). Otherwise the rows and cells are walked as calamine places them: a cell
    without `r` follows the previous cell of its row, a row without `r` follows the previous row.
    """
    if _IRREGULAR_CELL.search(xml) is not None:
        return _walk_extent(xml)
    refs = _FILLED_CELL.findall(xml)
    if not refs:
        return 0, 0, 0
    cells = np.array(refs)  # b"AB12": vectorised string ops, not a Python loop per cell
    last_row = int(np.strings.lstrip(cells, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ").astype(np.int64).max())
    letters = np.unique(np.strings.rstrip(cells, b"0123456789"))
    last_col = max(_col_number(bytes(text)) for text in letters)
    return last_row, last_col, len(refs)


def _walk_extent(xml: bytes) -> tuple[int, int, int]:
    matches = list(_ROW_OR_CELL.finditer(xml))
    if len(matches) != len(_ROW_OR_CELL_OPENING.findall(xml)):
        raise FileProblem(
            "Berkas .xlsx tidak dapat dibaca: susunan XML lembarnya tidak lazim (tag baris atau "
            "sel yang tidak utuh). Simpan ulang dari Excel lalu unggah lagi."
        )
    row = col = last_row = last_col = filled = 0
    for match in matches:
        tag, attrs, closed = match.groups()
        values = [(m.group(1) or m.group(2) or b"").strip() for m in _ROW_R.finditer(attrs)]
        if tag == b"row":  # a repeated attribute counts with its largest value
            numbers = [int(v) for v in values if v.isdigit()]
            row = max(numbers) if numbers else row + 1
            col = 0
            continue
        refs = [m for m in (_CELL_REF.fullmatch(v) for v in values) if m]
        if refs:
            col = max(_col_number(m.group(1)) for m in refs)
            cell_row = max(int(m.group(2)) for m in refs)
        else:
            col, cell_row = col + 1, row
        if not closed:
            last_row, last_col = max(last_row, cell_row, 1), max(last_col, col)
            filled += 1
    return last_row, last_col, filled


def _col_number(letters: bytes | str) -> int:
    text = letters.decode() if isinstance(letters, bytes) else letters
    number = 0
    for ch in text.upper():
        number = number * 26 + ord(ch) - 64
    return number


def col_letters(number: int) -> str:
    """1 -> A, 27 -> AA (Excel column names)."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(65 + rest) + out
    return out


def check_extent(sheet: str, rows: int, cols: int, filled: int, limits: UploadLimits) -> None:
    where = f"Lembar '{sheet[:40]}'"
    if cols > limits.kolom:
        raise FileProblem(
            f"{where} memiliki {_num(cols)} kolom (sampai kolom {col_letters(cols)}); paling "
            f"banyak {_num(limits.kolom)} kolom. Hapus kolom yang tidak dipakai lalu unggah lagi."
        )
    if rows - 1 > limits.baris:
        raise FileProblem(
            f"{where} berisi {_num(rows - 1)} baris data (sampai baris {_num(rows)}); paling "
            f"banyak {_num(limits.baris)} baris per berkas. Bagi data menjadi beberapa berkas."
        )
    if rows * cols > limits.sel:
        raise FileProblem(
            f"{where} mencakup {_num(rows)} baris x {_num(cols)} kolom = {_num(rows * cols)} sel; "
            f"paling banyak {_num(limits.sel)} sel. Hapus isian di luar tabel data atau bagi data "
            "menjadi beberapa berkas."
        )
    if rows * cols > max(SPARSE_FLOOR, SPARSE_RATIO * filled):
        raise FileProblem(
            f"{where} mencakup {_num(rows)} baris x {_num(cols)} kolom, tetapi hanya "
            f"{_num(filled)} sel yang berisi: ada isian jauh di luar tabel data (sampai baris "
            f"{_num(rows)} atau kolom {col_letters(cols)}). Hapus isian di luar tabel lalu "
            "unggah lagi."
        )
