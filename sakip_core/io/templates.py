"""Downloadable templates: header row, instructions sheet, and pre-filled rows where possible.

The realisasi template of one OPD lists that OPD's indicators for the year with their targets;
only the input cells (realisasi, keterangan, bukti, the three faktor) are unlocked, and
realisasi takes numbers only.

A CSV template has its text cells neutralised like every CSV export (`sakip_core.export`): a
pre-filled indicator name or note that starts like a formula gets a leading `'`. The .xlsx
template writes text as text cells, which a spreadsheet never runs as a formula.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import BinaryIO, TextIO

import pandas as pd
import xlsxwriter

from sakip_core.calc.capaian import capaian_detail
from sakip_core.db import Handle
from sakip_core.export import neutralise_frame
from sakip_core.io.schema import DATASETS, Dataset

REALISASI_LAYOUT = [
    "tahun",
    "triwulan",
    "kode_opd",
    "kode_indikator",
    "indikator",
    "satuan",
    "polaritas",
    "target_sd",
    "realisasi",
    "keterangan",
    "bukti",
    "faktor_pendukung",
    "faktor_penghambat",
    "tindak_lanjut",
]
REALISASI_INPUTS = {"realisasi", "keterangan", "bukti", *REALISASI_LAYOUT[-3:]}


def template_frame(
    handle: Handle,
    dataset: str,
    opd: str | None = None,
    tahun: int | None = None,
    triwulan: int | None = None,
) -> pd.DataFrame:
    """The rows of the template (empty frame with the dataset's columns unless pre-fillable)."""
    spec = DATASETS[dataset]
    if dataset == "realisasi" and opd and tahun and triwulan:
        return _realisasi_rows(handle, opd, tahun, triwulan)
    if dataset == "indikator" and opd and tahun:
        current = handle.query_df(
            f"SELECT {', '.join(spec.names)} FROM indikator WHERE aktif AND kode_opd = ? "
            "AND tahun = ? ORDER BY kode_indikator",
            [opd, int(tahun)],
        )
        current["iku"] = current["iku"].map({True: "ya", False: "tidak"})
        return current
    if dataset == "jabatan":  # the structure as stored: edit the holders, upload it back
        where = "WHERE kode_opd = ?" if opd else ""
        return handle.query_df(
            f"SELECT {', '.join(spec.names)} FROM jabatan {where} ORDER BY kode_opd, kode_jabatan",
            [opd] if opd else [],
        )
    if dataset == "renstra":  # the stored Renstra of a unit, to revise and upload back
        where = "WHERE kode_opd = ?" if opd else ""
        return handle.query_df(
            f"SELECT {', '.join(spec.names)} FROM renstra {where} "
            "ORDER BY kode_opd, tahun_awal, kode_indikator",
            [opd] if opd else [],
        )
    if dataset == "lhe":  # the stored recommendations (of a unit, a year), to revise
        return _lhe_rows(handle, spec, opd, tahun)
    return pd.DataFrame(columns=spec.names)


def _lhe_rows(handle: Handle, spec: Dataset, unit: str | None, tahun: int | None) -> pd.DataFrame:
    rows = handle.query_df(
        f"SELECT {', '.join(spec.names)} FROM lhe "
        "WHERE ($unit IS NULL OR kode_unit = $unit) AND ($tahun IS NULL OR tahun = $tahun) "
        "ORDER BY tahun, kode_unit, kode_rekomendasi",
        {"unit": unit, "tahun": None if tahun is None else int(tahun)},
    )
    # dates as the staff write them (and as the check reads them back)
    rows["batas_waktu"] = pd.to_datetime(rows["batas_waktu"]).dt.strftime("%d-%m-%Y")
    return rows


def _realisasi_rows(handle: Handle, opd: str, tahun: int, triwulan: int) -> pd.DataFrame:
    detail = capaian_detail(handle, tahun, triwulan, [opd])
    existing = handle.query_df(
        "SELECT kode_indikator, realisasi, keterangan, bukti, faktor_pendukung, "
        "faktor_penghambat, tindak_lanjut FROM realisasi "
        "WHERE kode_opd = ? AND tahun = ? AND triwulan = ?",
        [opd, int(tahun), int(triwulan)],
    )
    band = [
        f"{lo:g} - {hi:g}" if pd.notna(lo) else None
        for lo, hi in zip(detail["target_min"], detail["target_max"], strict=True)
    ]
    rows = pd.DataFrame(
        {
            "tahun": int(tahun),
            "triwulan": int(triwulan),
            "kode_opd": detail["kode_opd"],
            "kode_indikator": detail["kode_indikator"],
            "indikator": detail["indikator"],
            "satuan": detail["satuan"],
            "polaritas": detail["polaritas"],
            "target_sd": detail["target_sd"]
            .astype(object)
            .where(detail["target_sd"].notna(), pd.Series(band, index=detail.index, dtype=object)),
        }
    )
    return rows.merge(existing, on="kode_indikator", how="left")[REALISASI_LAYOUT]


def write_template(frame: pd.DataFrame, dataset: str, target: str | Path | BinaryIO) -> None:
    """Write `frame` as an .xlsx template (sheet `data` + sheet `petunjuk`)."""
    spec = DATASETS[dataset]
    book = xlsxwriter.Workbook(target, {"in_memory": True, "nan_inf_to_errors": False})
    head = book.add_format(
        {"bold": True, "bg_color": "#1f3b73", "font_color": "#ffffff", "border": 1, "locked": True}
    )
    unlocked = book.add_format({"locked": False, "bg_color": "#fff8dc", "border": 1})
    sheet = book.add_worksheet("data")
    columns = list(frame.columns)
    for j, name in enumerate(columns):
        sheet.write(0, j, name, head)
        sheet.set_column(j, j, max(12, min(48, len(name) + 4)))
    for i, record in enumerate(frame.itertuples(index=False), start=1):
        for j, value in enumerate(record):
            _write_cell(sheet, i, j, value)
    sheet.freeze_panes(1, 0)
    if dataset == "realisasi" and len(frame):
        _protect_inputs(sheet, columns, len(frame), unlocked)
    _instructions(book, spec, head)
    book.close()


def write_template_csv(frame: pd.DataFrame, target: str | Path | TextIO) -> None:
    """Write `frame` as a CSV template (UTF-8, comma, `.` decimal), text cells neutralised."""
    neutralise_frame(frame).to_csv(target, index=False, lineterminator="\n")


def _write_cell(sheet: xlsxwriter.worksheet.Worksheet, i: int, j: int, value: object) -> None:
    if value is None or (isinstance(value, float) and value != value):
        return
    if isinstance(value, bool):
        sheet.write_string(i, j, "ya" if value else "tidak")
    elif isinstance(value, int | float):
        sheet.write_number(i, j, float(value))
    else:
        sheet.write_string(i, j, str(value))  # text stays text: codes keep leading zeros


def _protect_inputs(sheet, columns: list[str], n: int, unlocked) -> None:  # noqa: ANN001
    for name in REALISASI_INPUTS:
        j = columns.index(name)
        sheet.set_column(j, j, 18 if name == "realisasi" else 30, unlocked)
    j = columns.index("realisasi")
    sheet.data_validation(
        1,
        j,
        n,
        j,
        {
            "validate": "decimal",
            "criteria": "between",
            "minimum": -1e15,
            "maximum": 1e15,
            "error_title": "Harus angka",
            "error_message": "Isi realisasi dengan angka, misalnya 12,5.",
        },
    )
    sheet.protect("", {"format_columns": True, "autofilter": True, "sort": True})


def _instructions(book: xlsxwriter.Workbook, spec: Dataset, head) -> None:  # noqa: ANN001
    sheet = book.add_worksheet("petunjuk")
    for j, title in enumerate(["kolom", "wajib", "isian"]):
        sheet.write(0, j, title, head)
    for i, col in enumerate(spec.columns, start=1):
        sheet.write_string(i, 0, col.name)
        sheet.write_string(i, 1, "ya" if col.required else "tidak")
        sheet.write_string(i, 2, col.hint or "teks")
    sheet.set_column(0, 0, 18)
    sheet.set_column(2, 2, 70)
    note = len(spec.columns) + 2
    sheet.write_string(
        note,
        0,
        "Baris 1 lembar 'data' adalah judul kolom; jangan diubah. "
        "Angka boleh memakai koma atau titik sebagai tanda desimal.",
    )


def template_bytes(frame: pd.DataFrame, dataset: str) -> bytes:
    buffer = io.BytesIO()
    write_template(frame, dataset, buffer)
    return buffer.getvalue()
