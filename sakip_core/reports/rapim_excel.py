"""The Rapim tables as an Excel workbook (xlsxwriter): one formatted sheet per table.

Numbers are written as numbers with number formats (Excel shows them in the reader's locale,
`1.234,50` on Indonesian Windows); the header row is bold, coloured and frozen.
"""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd

from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.export import neutralise
from sakip_core.reports.rapim_tables import RapimReport, build, from_snapshot

ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
HEADER_ROW = 2  # row 0: title, row 1: blank


def _number_format(col: str, series: pd.Series) -> str | None:
    if "(Rp)" in col:
        return "#,##0"
    if col in ("Peringkat", "Indikator dilaporkan", "Jumlah indikator", "Jumlah aksi"):
        return "0"
    if pd.api.types.is_numeric_dtype(series):
        return "#,##0.00"
    return None


def _sheet(wb, name: str, df: pd.DataFrame, title: str) -> None:  # noqa: ANN001
    ws = wb.add_worksheet(name[:31])
    head = wb.add_format(
        {
            "bold": True,
            "bg_color": "#1f3b5c",
            "font_color": "#ffffff",
            "text_wrap": True,
            "valign": "top",
            "border": 1,
        }
    )
    ws.write(0, 0, title, wb.add_format({"bold": True, "font_size": 13}))
    for j, col in enumerate(df.columns):
        ws.write(HEADER_ROW, j, col, head)
        fmt = _number_format(col, df[col])
        cell = wb.add_format({"num_format": fmt} if fmt else {"text_wrap": False})
        values = df[col].tolist()
        for i, v in enumerate(values, start=HEADER_ROW + 1):
            if v is None or (isinstance(v, float) and pd.isna(v)) or v is pd.NA:
                ws.write_blank(i, j, None, cell)
            elif fmt:
                ws.write_number(i, j, float(v), cell)
            else:
                ws.write_string(i, j, str(neutralise(v)), cell)
        text_len = max([len(str(col))] + [len(str(v)) for v in values[:200]])
        ws.set_column(j, j, min(max(8, text_len + 2), 60), cell)
    ws.freeze_panes(HEADER_ROW + 1, 0)
    if len(df):
        ws.autofilter(HEADER_ROW, 0, HEADER_ROW + len(df), max(len(df.columns) - 1, 0))


def workbook_bytes(rep: RapimReport, dibuat: datetime | None = None) -> bytes:
    """The workbook for a collected report (an empty period gives sheets with headers only)."""
    import xlsxwriter

    dibuat = dibuat or datetime.now()
    periode = f"Triwulan {ROMAWI[rep.triwulan]} {rep.tahun}"
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    for name, df in rep.tables.items():
        title = f"{rep.judul} · {periode}" if rep.judul else f"Rapim {periode}"
        _sheet(wb, name, df, f"{title} – {name} (dibuat {dibuat:%d-%m-%Y %H:%M})")
    wb.close()
    return buf.getvalue()


def rapim_excel(
    h: Handle, actor: Actor, tahun: int, triwulan: int, bulan: tuple[int, int] | None = None
) -> bytes:
    """The Rapim workbook for (tahun, triwulan); reading roles only."""
    return workbook_bytes(build(h, actor, tahun, triwulan, bulan))


def rapim_excel_snapshot(h: Handle, actor: Actor, sesi_id: int) -> bytes:
    """The workbook of a past Rapim, from its snapshot (with a Keputusan sheet)."""
    return workbook_bytes(from_snapshot(h, actor, sesi_id))
