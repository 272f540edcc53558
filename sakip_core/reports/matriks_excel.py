"""Matriks Peran Hasil and Rencana Hasil Kerja as Excel workbooks (xlsxwriter).

Texts are written as text cells (`write_string`), which a spreadsheet never runs as formulas.

The matrix has one column per tier (Kepala OPD, Administrator, Pengawas, Pelaksana/Fungsional)
and one row per indicator in cascade order; each indicator's cell is merged down over the
rows of everything below it, so a parent stands beside all the results that support it.
"""

from __future__ import annotations

import io

import pandas as pd
import xlsxwriter

from sakip_core.pk.matriks import Pegawai

HEAD = {"bold": True, "bg_color": "#1f3b5c", "font_color": "#ffffff", "border": 1,
        "text_wrap": True, "valign": "vcenter"}  # fmt: skip
TIERS = ["Kepala OPD (JPT)", "Administrator", "Pengawas", "Pelaksana/Fungsional"]


def _cell_text(row: pd.Series) -> str:
    who = " / ".join(str(v) for v in (row["nama_jabatan"], row["nama_pejabat"]) if pd.notna(v))
    target = f"{row['target']} {row['satuan']}".strip()
    return f"{row['indikator']} (target {target})\n— {who or 'belum ada pemilik'}"


def _subtree_ends(df: pd.DataFrame) -> list[int]:
    """For each row, the index of the last row of its subtree (depth-first order)."""
    ends, tiers = [], df["tingkat"].tolist()
    for i, tier in enumerate(tiers):
        j = i
        while j + 1 < len(tiers) and tiers[j + 1] > tier:
            j += 1
        ends.append(j)
    return ends


def matriks_excel(df: pd.DataFrame, nama_opd: str, tahun: int) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet("Matriks Peran Hasil")
    head = wb.add_format(HEAD | {"align": "center"})
    cell = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
    title = wb.add_format({"bold": True, "font_size": 13})
    ws.write_string(0, 0, f"MATRIKS PERAN HASIL {nama_opd.upper()} TAHUN {tahun}", title)
    for j, title in enumerate(TIERS):
        ws.write(2, j, title, head)
        ws.set_column(j, j, 42)
    ws.freeze_panes(3, 0)
    if df.empty:
        ws.write(3, 0, "Belum ada indikator PK untuk OPD ini.")
    ends = _subtree_ends(df)
    for i, (row, end) in enumerate(zip(df.to_dict("records"), ends, strict=True)):
        col = min(int(row["tingkat"]), len(TIERS)) - 1
        text, r = _cell_text(pd.Series(row)), 3 + i
        if end > i:  # written as text: a cell starting with "=" is never a formula
            ws.merge_range(r, col, 3 + end, col, "", cell)
        ws.write_string(r, col, text, cell)
    wb.close()
    return out.getvalue()


def rhk_excel(pegawai: Pegawai, df: pd.DataFrame, tahun: int) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"in_memory": True})
    ws = wb.add_worksheet("Rencana Hasil Kerja")
    bold = wb.add_format({"bold": True})
    head = wb.add_format(HEAD)
    cell = wb.add_format({"text_wrap": True, "valign": "top", "border": 1})
    ws.write(
        0, 0, f"RENCANA HASIL KERJA TAHUN {tahun}", wb.add_format({"bold": True, "font_size": 13})
    )
    identity = [
        ("Nama", pegawai.nama_pejabat or "-"),
        ("NIP", pegawai.nip or "-"),
        ("Jabatan", pegawai.nama_jabatan),
        ("Unit kerja", pegawai.unit),
        ("Pejabat penilai (atasan)", pegawai.atasan or "-"),
    ]
    for i, (label, value) in enumerate(identity, start=2):
        ws.write(i, 0, label, bold)
        ws.write_string(i, 1, value)
    titles = ["No", "Kode indikator atasan", "RHK atasan yang diintervensi", "Kode indikator",
              "Rencana hasil kerja", "Indikator kinerja individu", "Target", "Satuan"]  # fmt: skip
    top = 2 + len(identity) + 1
    for j, title in enumerate(titles):
        ws.write(top, j, title, head)
    for j, width in enumerate([5, 16, 40, 16, 40, 40, 12, 12]):
        ws.set_column(j, j, width)
    for i, row in enumerate(df.itertuples(index=False), start=top + 1):
        for j, value in enumerate(row):
            if j == 0:
                ws.write_number(i, j, int(value), cell)
            else:
                ws.write_string(i, j, "" if pd.isna(value) else str(value), cell)
    ws.freeze_panes(top + 1, 0)
    wb.close()
    return out.getvalue()
