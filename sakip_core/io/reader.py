"""Reading an uploaded `.xlsx` (first sheet) or `.csv` into a table of raw cells.

Every cell stays as typed by the user (text, or a number for Excel numeric cells); the column
`_baris` keeps the row number as Excel shows it (header = row 1), so messages can point at it.
Fully blank rows are dropped but keep the numbering of the rows after them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pandas as pd
import python_calamine as calamine

ROW_COL = "_baris"
ZIP_MAGIC = b"PK\x03\x04"


class FileProblem(ValueError):
    """The file as a whole cannot be read; the message is for the user (Bahasa Indonesia)."""


@dataclass
class RawTable:
    cells: pd.DataFrame  # object columns named by the lowercased header, plus ROW_COL
    columns: list[str] = field(default_factory=list)


def read_table(data: bytes, filename: str) -> RawTable:
    name = filename.lower()
    if not data or not data.strip():
        raise FileProblem("Berkas kosong: tidak ada isi sama sekali.")
    if name.endswith(".xlsx"):
        rows = _xlsx_rows(data)
    elif name.endswith(".csv"):
        rows = _csv_rows(data)
    else:
        raise FileProblem("Jenis berkas tidak didukung: gunakan .xlsx (Excel) atau .csv.")
    return _to_table(rows)


def _xlsx_rows(data: bytes) -> pd.DataFrame:
    if not data.startswith(ZIP_MAGIC):
        raise FileProblem(
            "Berkas ini bukan file Excel .xlsx yang sah (isinya tidak sesuai ekstensi)."
        )
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet = book.get_sheet_by_index(0)
        rows = sheet.to_python(skip_empty_area=False)
        return pd.DataFrame(rows, dtype=object) if rows else pd.DataFrame(dtype=object)
    except Exception as exc:  # calamine raises several types for broken archives
        raise FileProblem(
            "Berkas .xlsx tidak dapat dibaca (rusak atau bukan dari Excel). "
            f"Simpan ulang dari Excel lalu unggah lagi. Rincian: {type(exc).__name__}"
        ) from None


def _csv_rows(data: bytes) -> pd.DataFrame:
    if data.startswith(ZIP_MAGIC):
        raise FileProblem("Berkas ini berisi Excel, bukan CSV: ubah ekstensinya menjadi .xlsx.")
    if b"\x00" in data:
        raise FileProblem("Berkas ini bukan teks CSV (berisi data biner).")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(
            "Berkas CSV harus berkodekan UTF-8. Di Excel pilih 'CSV UTF-8 (Comma delimited)'."
        ) from None
    first_line = text.split("\n", 1)[0]
    sep = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return pd.read_csv(
            io.StringIO(text),
            sep=sep,
            header=None,
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            engine="c",
        )
    except (pd.errors.ParserError, ValueError) as exc:
        raise FileProblem(f"Berkas CSV tidak dapat dibaca: {exc}.") from None


def _cell_text(value: object) -> str:
    return "" if value is None else str(value).strip().lstrip("\ufeff").lower()


def _to_table(raw: pd.DataFrame) -> RawTable:
    if raw.empty or not any(_cell_text(v) for v in raw.iloc[0]):
        raise FileProblem("Berkas kosong: baris 1 harus berisi nama kolom.")
    header = [_cell_text(v) for v in raw.iloc[0]]
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            raise FileProblem(f"baris 1, kolom {name}: nama kolom muncul lebih dari sekali.")
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
    return RawTable(frame.reset_index(drop=True), data_cols)
