"""Exports of the explorer's filtered table: Excel (xlsxwriter) and CSV, Indonesian headers.

Text cells that a spreadsheet could run as a formula (starting with `=`, `+`, `-`, `@`, or a tab /
carriage return, as OWASP lists them) are neutralised with a leading single quote. Numbers stay
numbers (a negative number is a number, not text, and is left alone).
"""

from __future__ import annotations

import io

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

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
    """A text that starts like a formula gets a leading `'`; anything else is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_frame(df: pd.DataFrame) -> pd.DataFrame:
    """The exported columns in order, Indonesian headers, booleans as Ya/Tidak, text neutralised."""
    cols = [c for c in EXPORT_COLUMNS if c in df.columns]
    out = df[cols].copy()
    for col in cols:
        series = out[col]
        if pd.api.types.is_bool_dtype(series):
            out[col] = series.map(BOOLEAN_TEXT)
        elif pd.api.types.is_string_dtype(series) or series.dtype == object:
            out[col] = series.map(neutralise, na_action="ignore").astype(object)
    return out.rename(columns=EXPORT_COLUMNS)


def to_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (Excel then reads the accents), comma-separated, `.` as decimal mark."""
    text = export_frame(df).to_csv(index=False, date_format="%Y-%m-%d %H:%M")
    return ("\ufeff" + text).encode("utf-8")


def to_excel(df: pd.DataFrame, sheet: str = "indikator", title: str | None = None) -> bytes:
    """An .xlsx: bold frozen header with a filter, numbers as numbers (2 decimals), dates as
    dates, formulas never created from text, column widths fitted to the header."""
    out = export_frame(df)
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
