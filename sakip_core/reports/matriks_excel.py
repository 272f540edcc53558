"""Matriks Peran Hasil and Rencana Hasil Kerja as Excel workbooks (xlsxwriter).

Every text is written as a text cell (`write_string`), which a spreadsheet never runs as a
formula, so an indicator named "=..." stays text.

Matriks Peran Hasil: one column per tier (Kepala OPD (JPT), Administrator, Pengawas,
Pelaksana/Fungsional; the column follows the indicator's level) and one row per indicator in
cascade order. A parent is written on its own row, which is the row just above its first
child, and its cell is merged down over the rows of everything below it, so it stands beside
all the results that support it (merging, not repeating: a repeated text would read as
several indicators). A merge stops before the next indicator of the same column inside the
subtree (a child on the same level as its parent), so merged ranges never overlap. Excel
does not grow rows for merged wrapped cells, so row heights are estimated from the text.
A second sheet "Rincian" holds the same rows as a flat, filterable table.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

import pandas as pd
import xlsxwriter
from xlsxwriter.workbook import Format
from xlsxwriter.worksheet import Worksheet

from sakip_core.pk.matriks import MATRIKS_COLUMNS, RHK_COLUMNS, Pegawai

HEAD = {"bold": True, "bg_color": "#1f3b5c", "font_color": "#ffffff", "border": 1,
        "text_wrap": True, "valign": "vcenter"}  # fmt: skip
CELL = {"text_wrap": True, "valign": "top", "border": 1}
TITLE = {"bold": True, "font_size": 13}
TIERS = ["Kepala OPD (JPT)", "Administrator", "Pengawas", "Pelaksana/Fungsional"]
TIER_WIDTH = 45
LINE_HEIGHT = 15.0  # points per line of 11 pt text
MAX_ROW_HEIGHT = 409.0  # Excel's limit
MATRIX_TOP = 4  # the header row of the matrix (rows 0-2: title, OPD and year, legend)

DETAIL_TITLES = {
    "kode_indikator_opd": "Kode indikator OPD",
    "indikator_opd": "Indikator OPD",
    "tingkat": "Tingkat",
    "level": "Level",
    "kode_indikator": "Kode indikator",
    "indikator": "Indikator",
    "target": "Target",
    "satuan": "Satuan",
    "kode_induk": "Kode induk",
    "kode_jabatan": "Kode jabatan",
    "nama_jabatan": "Nama jabatan",
    "nama_pejabat": "Nama pejabat",
    "jenjang": "Jenjang",
}
RHK_TITLES = {
    "no": ("No", 5),
    "rhk_atasan": ("RHK atasan yang diintervensi", 40),
    "kode_indikator_atasan": ("Kode indikator atasan", 16),
    "rencana_hasil_kerja": ("Rencana hasil kerja", 40),
    "indikator_kinerja_individu": ("Indikator kinerja individu", 40),
    "target": ("Target", 12),
    "satuan": ("Satuan", 12),
    "kode_indikator": ("Kode indikator", 16),
}


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def cell_text(row: dict[str, object]) -> str:
    """The cell of one indicator: its name and target, then its owner on a new line."""
    target = " ".join(t for t in (_text(row["target"]), _text(row["satuan"])) if t)
    owner, holder = _text(row["nama_jabatan"]), _text(row["nama_pejabat"]) or "lowong"
    who = f"{owner} / {holder}" if owner else "belum ada pemilik"
    return f"{_text(row['indikator'])} (target {target or 'belum diisi'})\n— {who}"


def _depths(df: pd.DataFrame) -> list[int]:
    """Each row's depth below its OPD-level indicator, from `kode_induk` (parents come first)."""
    depth: dict[str, int] = {}
    out = []
    for kode, induk, akar in zip(df["kode_indikator"], df["kode_induk"],
                                 df["kode_indikator_opd"], strict=True):  # fmt: skip
        d = 0 if kode == akar else depth.get(_text(induk), 0) + 1
        depth[str(kode)] = d
        out.append(d)
    return out


def subtree_ends(depths: Sequence[int]) -> list[int]:
    """For each row of a depth-first listing, the index of the last row of its subtree."""
    ends = list(range(len(depths)))
    open_rows: list[int] = []
    for i, d in enumerate(depths):
        while open_rows and depths[open_rows[-1]] >= d:
            ends[open_rows.pop()] = i - 1
        open_rows.append(i)
    for i in open_rows:
        ends[i] = len(depths) - 1
    return ends


def merge_ends(depths: Sequence[int], columns: Sequence[int]) -> list[int]:
    """The last row each cell covers: its subtree, up to the next cell of the same column."""
    ends = subtree_ends(depths)
    next_in_col: dict[int, int] = {}
    out = [0] * len(columns)
    for i in range(len(columns) - 1, -1, -1):
        out[i] = min(ends[i], next_in_col.get(columns[i], len(columns)) - 1)
        next_in_col[columns[i]] = i
    return out


def _lines(text: str, width: float) -> int:
    """How many lines `text` wraps to in a column `width` characters wide (an estimate)."""
    per_line = max(width * 1.15, 1.0)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _row_heights(texts: list[str], ends: list[int]) -> list[float]:
    """Row heights so every cell (a merged one spread over its rows) shows its whole text."""
    heights = [LINE_HEIGHT] * len(texts)
    for i, (text, end) in enumerate(zip(texts, ends, strict=True)):
        share = (_lines(text, TIER_WIDTH) * LINE_HEIGHT + 4) / (end - i + 1)
        for r in range(i, end + 1):
            heights[r] = max(heights[r], share)
    return [min(h, MAX_ROW_HEIGHT) for h in heights]


def _matrix_sheet(wb: xlsxwriter.Workbook, df: pd.DataFrame, nama_opd: str, tahun: int) -> None:
    ws = wb.add_worksheet("Matriks Peran Hasil")
    cell, head = wb.add_format(CELL), wb.add_format(HEAD | {"align": "center"})
    ws.write_string(0, 0, "MATRIKS PERAN HASIL", wb.add_format(TITLE))
    ws.write_string(1, 0, f"{nama_opd} — Tahun {tahun}", wb.add_format({"bold": True}))
    ws.write_string(2, 0, "Setiap sel: indikator (target dan satuan) — nama jabatan / nama "
                    "pejabat. Sel induk digabung ke bawah sepanjang indikator yang "
                    "mendukungnya.", wb.add_format({"italic": True}))  # fmt: skip
    for j, title in enumerate(TIERS):
        ws.write_string(MATRIX_TOP, j, title, head)
        ws.set_column(j, j, TIER_WIDTH)
    ws.freeze_panes(MATRIX_TOP + 1, 0)
    if df.empty:
        ws.write_string(MATRIX_TOP + 1, 0, "Belum ada indikator PK untuk OPD ini.")
        return
    rows = df.to_dict("records")
    columns = [min(max(int(r["tingkat"]), 1), len(TIERS)) - 1 for r in rows]
    ends = merge_ends(_depths(df), columns)
    texts = [cell_text(r) for r in rows]
    top = MATRIX_TOP + 1
    for i, (text, col, end) in enumerate(zip(texts, columns, ends, strict=True)):
        if end > i:
            ws.merge_range(top + i, col, top + end, col, "", cell)
        ws.write_string(top + i, col, text, cell)
    for i, height in enumerate(_row_heights(texts, ends)):
        ws.set_row(top + i, height)


def _detail_sheet(wb: xlsxwriter.Workbook, df: pd.DataFrame) -> None:
    """The same rows as a flat table, for filtering and sorting."""
    ws = wb.add_worksheet("Rincian")
    cell, head = wb.add_format(CELL), wb.add_format(HEAD)
    for j, col in enumerate(MATRIKS_COLUMNS):
        ws.write_string(0, j, DETAIL_TITLES[col], head)
        ws.set_column(j, j, 40 if col in ("indikator_opd", "indikator", "nama_jabatan") else 16)
    for i, row in enumerate(df[MATRIKS_COLUMNS].itertuples(index=False), start=1):
        for j, value in enumerate(row):
            if MATRIKS_COLUMNS[j] == "tingkat":
                ws.write_number(i, j, int(value), cell)
            else:
                ws.write_string(i, j, _text(value), cell)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(df), 1), len(MATRIKS_COLUMNS) - 1)


def matriks_excel(df: pd.DataFrame, nama_opd: str, tahun: int) -> bytes:
    """The Matriks Peran Hasil of one OPD (rows of `matriks_peran_hasil`) as an xlsx."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    _matrix_sheet(wb, df, nama_opd, tahun)
    _detail_sheet(wb, df)
    wb.close()
    return out.getvalue()


def _identity(ws: Worksheet, pegawai: Pegawai, bold: Format, plain: Format, row: int) -> int:
    """The SKP identity block from `row`; returns the first row after it."""
    identity = [
        ("Nama", pegawai.nama_pejabat or "(lowong)"),
        ("NIP", pegawai.nip or "-"),
        ("Jabatan", pegawai.nama_jabatan),
        ("Unit kerja", pegawai.unit),
        ("Pejabat penilai (atasan)", pegawai.atasan or "-"),
    ]
    for i, (label, value) in enumerate(identity, start=row):
        ws.merge_range(i, 0, i, 1, label, bold)
        ws.merge_range(i, 2, i, 4, "", plain)
        ws.write_string(i, 2, value, plain)  # NIP as text: 18 digits are not a number
    return row + len(identity)


def rhk_excel(pegawai: Pegawai, df: pd.DataFrame, tahun: int) -> bytes:
    """One official's RHK (`rencana_hasil_kerja`) as an xlsx: identity block, then the table."""
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet("Rencana Hasil Kerja")
    cell, head = wb.add_format(CELL), wb.add_format(HEAD)
    ws.write_string(0, 0, f"RENCANA HASIL KERJA TAHUN {tahun}", wb.add_format(TITLE))
    ws.write_string(1, 0, "Bentuk SKP (PermenPAN-RB 6/2022), untuk disalin ke e-Kinerja.",
                    wb.add_format({"italic": True}))  # fmt: skip
    top = _identity(ws, pegawai, wb.add_format({"bold": True}), wb.add_format({}), 3) + 1
    for j, col in enumerate(RHK_COLUMNS):
        title, width = RHK_TITLES[col]
        ws.write_string(top, j, title, head)
        ws.set_column(j, j, width)
    for i, row in enumerate(df[RHK_COLUMNS].to_dict("records"), start=top + 1):
        ws.write_number(i, 0, int(row["no"]), cell)
        for j, col in enumerate(RHK_COLUMNS[1:], start=1):
            ws.write_string(i, j, _text(row[col]), cell)
    if df.empty:
        ws.write_string(top + 1, 0, "Jabatan ini belum memiliki indikator pada tahun ini.")
    ws.freeze_panes(top + 1, 0)
    wb.close()
    return out.getvalue()
