"""Reading an uploaded `.xlsx` (sheet `data`) or `.csv` into a table of raw cells, within limits.

Every cell stays as typed by the user (text, or a number for Excel numeric cells); the column
`_baris` keeps the row number as Excel shows it (header = row 1), so messages can point at it.
Fully blank rows are dropped but keep the numbering of the rows after them.

A file is measured before it is parsed, so one small upload cannot exhaust the server's memory:
the file size here; for `.xlsx` the size of its parts once unzipped (`xlsx`) and the rows x
columns the sheet's cells span (`xlsx_extent`); for `.csv` the number of lines and header fields
(`csv_text`). Only then does this module hand the file to the parser (calamine, pandas). The
limits are settings (`limits.UploadLimits.from_settings`); the names other code has always
imported from here stay importable from here.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

import pandas as pd
import python_calamine as calamine

from sakip_core.export import restore_neutralised
from sakip_core.io.csv_text import csv_error, csv_text
from sakip_core.io.limits import (
    LIMIT_SETTINGS,
    MB,
    FileProblem,
    UploadLimits,
    default_limits,
)
from sakip_core.io.limits import mb_text as _mb
from sakip_core.io.limits import number_text as _num
from sakip_core.io.xlsx import (
    DATA_SHEET,
    MAX_CENTRAL_DIRECTORY,
    MAX_ZIP_PARTS,
    ZIP_MAGIC,
    choose_sheet,
    damaged,
    merged_ranges,
    unzip_bounded,
)
from sakip_core.io.xlsx_extent import (
    SPARSE_FLOOR,
    SPARSE_RATIO,
    check_extent,
    col_letters,
    sheet_extent,
)

ROW_COL = "_baris"
SHEET_NOTE = "Lembar yang dibaca"

__all__ = [
    "DATA_SHEET",
    "LIMIT_SETTINGS",
    "MAX_CENTRAL_DIRECTORY",
    "MAX_ZIP_PARTS",
    "MB",
    "ROW_COL",
    "SHEET_NOTE",
    "SPARSE_FLOOR",
    "SPARSE_RATIO",
    "ZIP_MAGIC",
    "FileProblem",
    "RawTable",
    "UploadLimits",
    "col_letters",
    "default_limits",
    "read_table",
    "short",
]


@dataclass
class RawTable:
    cells: pd.DataFrame  # object columns named by the lowercased header, plus ROW_COL
    columns: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # every header cell by position ("" = none)
    lembar: str | None = None  # the sheet that was read (.xlsx)
    lembar_cadangan: bool = False  # no sheet named `data`: the first visible sheet was read
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # 1-based r0 c0 r1 c1


def read_table(data: bytes, filename: str, limits: UploadLimits | None = None) -> RawTable:
    limits = limits or default_limits()
    name = filename.lower()
    if len(data) > limits.bytes_berkas:  # first: nothing else touches an oversized file
        raise FileProblem(
            f"Berkas berukuran {_mb(len(data))} MB, melebihi batas unggah "
            f"{_num(limits.mb_berkas)} MB. Bagi data menjadi beberapa berkas yang lebih kecil."
        )
    if not data or data.isspace():
        raise FileProblem("Berkas kosong: tidak ada isi sama sekali.")
    if name.endswith(".xlsx"):
        rows, sheet, fallback, merged = _xlsx_rows(data, limits)
        table = _to_table(rows)
        table.lembar, table.lembar_cadangan, table.merged = sheet, fallback, merged
        return table
    if name.endswith(".csv"):
        return _to_table(_csv_rows(data, limits))
    raise FileProblem("Jenis berkas tidak didukung: gunakan .xlsx (Excel) atau .csv.")


def _xlsx_rows(
    data: bytes, limits: UploadLimits
) -> tuple[pd.DataFrame, str, bool, list[tuple[int, int, int, int]]]:
    if not data.startswith(ZIP_MAGIC):
        raise FileProblem(
            "Berkas ini bukan file Excel .xlsx yang sah (isinya tidak sesuai ekstensi)."
        )
    parts = unzip_bounded(data, limits)
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(_stored_zip(parts)))
        sheet_name, fallback = choose_sheet(book)
    except FileProblem:
        raise
    except Exception as exc:  # calamine raises several types for broken archives
        raise damaged(exc) from None
    rows_used, cols_used, filled = sheet_extent(parts)
    del parts  # calamine has its own copy
    check_extent(sheet_name, rows_used, cols_used, filled, limits)
    try:
        sheet = book.get_sheet_by_name(sheet_name)
        rows = sheet.to_python(skip_empty_area=False)
        merged = merged_ranges(sheet)
    except Exception as exc:
        raise damaged(exc) from None
    frame = pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(dtype=object)
    return frame, sheet_name, fallback, merged


def _stored_zip(parts: dict[str, bytes]) -> bytes:
    """The checked parts, re-packed uncompressed: calamine reads exactly what was measured."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as out:
        for name, content in parts.items():
            out.writestr(name, content)
    return buffer.getvalue()


def _csv_rows(data: bytes, limits: UploadLimits) -> pd.DataFrame:
    text, sep = csv_text(data, limits)
    try:
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise FileProblem(csv_error(str(exc), text)) from None
    # our own CSV templates neutralise formula-like text with a quote: take it off again
    # (only here: in an .xlsx a leading quote is never part of the cell's text)
    return frame.apply(restore_neutralised)


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip().lstrip("\ufeff").lower()


def short(text: str, width: int = 40) -> str:
    """A header name or code cut for a message."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _to_table(raw: pd.DataFrame) -> RawTable:
    if raw.empty or not any(_cell_text(v) for v in raw.iloc[0]):
        raise FileProblem("Berkas kosong: baris 1 harus berisi nama kolom.")
    header = [_cell_text(v) for v in raw.iloc[0]]
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise FileProblem(f"baris 1, kolom {short(name)}: nama kolom muncul lebih dari sekali.")
        seen.add(name)
    frame = raw.iloc[1:].copy()
    frame.columns = header
    frame = frame.loc[:, [bool(c) for c in header]]  # unnamed columns carry nothing
    data_cols = list(frame.columns)
    frame[ROW_COL] = range(2, len(frame) + 2)
    if data_cols:
        cells = frame[data_cols]
        blank = (cells.isna() | (cells == "")).all(axis=1)
        frame = frame[~blank]
    if frame.empty:
        raise FileProblem("Berkas hanya berisi judul kolom, tanpa baris data.")
    return RawTable(frame.reset_index(drop=True), data_cols, header)
