"""Exports of tables: Excel (xlsxwriter) and CSV for Indonesian Excel (`excel_csv`), Indonesian
headers.

Text cells that a spreadsheet could run as a formula (starting with `=`, `+`, `-`, `@`, or a tab /
carriage return, as OWASP lists them) are neutralised with a leading single quote. Numbers stay
numbers (a negative number is a number, not text, and is left alone).

The same holds for each part of a text after a `;` or `,`: Excel with the Indonesian list
separator splits an unquoted `abc;=HYPERLINK(...)` into two cells, the second one a formula, so a
quote goes right after such a separator too (`abc;'=HYPERLINK(...)`). Spaces or a double quote
before the formula character do not make it safe. `neutralise` is the one rule: the explorer's
exports, the CLI's CSV output (`ranking`, `capaian`, `sakip`, `user list`) and CSV templates.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what OWASP lists as formula starts
SEPARATORS = (";",)  # where Indonesian Excel splits one text into cells (its list separator)
# a cell (or a part after a separator) that starts a formula: optional blanks or double quotes
# (a split can leave a stray quote in front), then = + - @; or a tab / carriage return first
RISKY_START = re.compile(r'[ \t\r\n"]*[=+\-@]|[\t\r]')
# quotes already in front count too, so every neutralised text can be read back exactly:
# `=x` -> `'=x`, and a text that was `'=x` already -> `''=x`
_RISKY_QUOTED = rf"'*(?:{RISKY_START.pattern})"
_AFTER_SEPARATOR = re.compile(rf"([{''.join(SEPARATORS)}])(?={_RISKY_QUOTED})")
_START = re.compile(_RISKY_QUOTED)
_NEUTRALISED_START = re.compile(rf"^'(?={_RISKY_QUOTED})")
_NEUTRALISED_PART = re.compile(rf"([{''.join(SEPARATORS)}])'(?={_RISKY_QUOTED})")

# core column -> exported header (Bahasa Indonesia); the order of the export
EXPORT_COLUMNS: dict[str, str] = {
    "kode_opd": "Kode OPD",
    "nama_opd": "OPD",
    "kode_indikator": "Kode Indikator",
    "indikator": "Indikator",
    "sasaran": "Sasaran",
    "satuan": "Satuan",
    "level": "Level",
    "polaritas": "Polaritas",
    "agregasi": "Agregasi",
    "iku": "IKU",
    "target": "Target Tahunan",
    "target_sd": "Target s.d. Triwulan",
    "realisasi_sd": "Realisasi s.d. Triwulan",
    "capaian": "Capaian (%)",
    "capaian_dibatasi": "Capaian Dibatasi (%)",
    "kategori": "Kategori",
    "dilaporkan": "Dilaporkan",
    "diunggah_oleh": "Diunggah Oleh",
    "diunggah_pada": "Diunggah Pada",
}
BOOLEAN_TEXT = {True: "Ya", False: "Tidak"}


def neutralise(value: object) -> object:
    """A text that starts like a formula gets a leading `'`, and so does each part of it after a
    `;` that starts like one; anything that is not text is returned as is.
    `restore_neutralised` is its exact inverse."""
    if not isinstance(value, str):
        return value
    out = _AFTER_SEPARATOR.sub(r"\1'", value)
    return "'" + out if _START.match(out) else out


def restore_neutralised(values: pd.Series) -> pd.Series:
    """The inverse of `neutralise`, for the cells of our own CSV files read back (a template
    that comes back filled): the added quotes go, so a note `-` does not return as `'-`."""
    text = values.astype("string")
    if not text.str.contains("'", regex=False).any():
        return values
    out = text.str.replace(_NEUTRALISED_PART, r"\1", regex=True)
    out = out.str.replace(_NEUTRALISED_START, "", regex=True)
    return out.astype(object).where(values.notna(), values)


def neutralise_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` with every text cell neutralised; numbers, dates and booleans untouched
    (also numbers inside a column that mixes them with text)."""
    out = df.copy()
    for col in out.columns:
        series = out[col]
        if pd.api.types.is_string_dtype(series) or series.dtype == object:
            out[col] = series.map(neutralise, na_action="ignore").astype(object)
    return out


def _yes_no(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of `df` with boolean columns as Ya/Tidak."""
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(BOOLEAN_TEXT)
    return out


def _labelled(df: pd.DataFrame) -> pd.DataFrame:
    """The explorer's exported columns in order, Indonesian headers, booleans as Ya/Tidak."""
    cols = [c for c in EXPORT_COLUMNS if c in df.columns]
    return _yes_no(df[cols]).rename(columns=EXPORT_COLUMNS)


def export_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The exported columns in order, Indonesian headers, booleans as Ya/Tidak, text neutralised."""
    return neutralise_frame(_labelled(df))


def excel_csv(df: pd.DataFrame) -> bytes:
    """`df` as the CSV of every download button, for Excel on Indonesian Windows: `;` between
    fields and `,` as the decimal mark (Excel's list and decimal separators there), UTF-8 with a
    BOM (so Excel reads the accents), booleans as Ya/Tidak, dates as YYYY-MM-DD HH:MM, empty
    cells empty, text neutralised. Headers are taken as they are (label the frame first).

    The command line keeps formats.md's comma-separated CSV with `.` decimals (`cli.py`), and so
    do the CSV templates, which are read back by the importer."""
    text = neutralise_frame(_yes_no(df)).to_csv(
        index=False, sep=";", decimal=",", na_rep="", date_format="%Y-%m-%d %H:%M"
    )
    return ("\ufeff" + text).encode("utf-8")


def to_csv(df: pd.DataFrame) -> bytes:
    """The explorer's filtered table as CSV (`excel_csv` of the exported columns)."""
    return excel_csv(_labelled(df))


def to_excel(
    df: pd.DataFrame, sheet: str = "indikator", title: str | None = None, *, labelled: bool = False
) -> bytes:
    """An .xlsx: bold frozen header with a filter, numbers as numbers (2 decimals), dates as
    dates, formulas never created from text, column widths fitted to the header.

    `df` holds the explorer's core columns, or (`labelled`) a table whose headers are already
    the Indonesian ones, exported with all its columns."""
    out = neutralise_frame(_yes_no(df)) if labelled else export_frame(df)
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(
        buffer,
        engine="xlsxwriter",
        engine_kwargs={"options": options},
        datetime_format="yyyy-mm-dd hh:mm",
    ) as writer:
        start = 1 if title else 0
        out.to_excel(writer, sheet_name=sheet, index=False, startrow=start)
        _format(writer, sheet, out, start, title)
    return buffer.getvalue()


def _format(
    writer: pd.ExcelWriter, sheet: str, out: pd.DataFrame, start: int, title: str | None
) -> None:
    book, ws = writer.book, writer.sheets[sheet]
    head = book.add_format(
        {"bold": True, "bg_color": "#DDE7F0", "border": 1, "text_wrap": True, "valign": "top"}
    )
    number = book.add_format({"num_format": "#,##0.00"})
    if title:
        ws.write_string(0, 0, str(neutralise(title)), book.add_format({"bold": True}))
    for i, name in enumerate(out.columns):
        ws.write_string(start, i, name, head)
        numeric = pd.api.types.is_numeric_dtype(out[name])
        width = 14 if numeric else min(max(len(name) + 2, 12), 50)
        ws.set_column(i, i, width, number if numeric else None)
    ws.freeze_panes(start + 1, 0)
    ws.autofilter(start, 0, start + max(len(out), 1), max(len(out.columns) - 1, 0))


def require_folder(path: Path) -> None:
    """Before a command builds its output: the folder it will be written to exists (said in
    Indonesian, where the OS error would come only after the work, and in English)."""
    if not path.parent.is_dir():
        raise ValueError(f"Folder tujuan tidak ada: {path.parent}")


def write_output(path: Path, data: bytes) -> Path:
    """Write a command's output file whole: a temporary file renamed into place, so a reader
    never sees half a document."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return path
