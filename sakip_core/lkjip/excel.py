"""The LKjIP chapter III tables as Excel (xlsxwriter): Capaian, Tahun sebelumnya, Renstra,
Anggaran and Faktor sheets, Indonesian headers, numbers kept numeric (Excel formats them)."""

from __future__ import annotations

import io

import pandas as pd
import xlsxwriter

from sakip_core.export import neutralise_frame
from sakip_core.lkjip.report import LkjipReport

SHEETS = {
    "Capaian": {
        "sasaran": "Sasaran", "kode_indikator": "Kode", "indikator": "Indikator Kinerja",
        "satuan": "Satuan", "target": "Target", "target_min": "Target min (rentang)",
        "target_max": "Target maks (rentang)", "realisasi": "Realisasi", "capaian": "Capaian (%)",
        "kategori": "Kategori",
    },
    "Tahun sebelumnya": {
        "kode_indikator": "Kode", "indikator": "Indikator Kinerja",
        "realisasi_t2": "Realisasi T-2", "capaian_t2": "Capaian T-2 (%)",
        "realisasi_t1": "Realisasi T-1", "capaian_t1": "Capaian T-1 (%)",
        "realisasi": "Realisasi T", "capaian": "Capaian T (%)",
    },
    "Renstra": {
        "kode_indikator": "Kode", "indikator": "Indikator Kinerja", "tahun_awal": "Tahun awal",
        "tahun_akhir": "Tahun akhir", "kondisi_awal": "Kondisi awal",
        "target_renstra_tahun": "Target Renstra tahun ini", "target_akhir_renstra": "Target akhir",
        "renstra_min": "Target akhir min", "renstra_max": "Target akhir maks",
        "realisasi": "Realisasi", "capaian_renstra": "Capaian thd target akhir (%)",
    },
    "Faktor": {
        "kode_indikator": "Kode", "indikator": "Indikator Kinerja", "capaian": "Capaian (%)",
        "faktor_pendukung": "Faktor pendukung", "faktor_penghambat": "Faktor penghambat",
        "tindak_lanjut": "Tindak lanjut",
    },
}  # fmt: skip
BUDGET = {
    "kode_opd": "Kode OPD", "program": "Program / OPD", "pagu": "Pagu (Rp)",
    "realisasi": "Realisasi (Rp)", "serapan": "Serapan (%)",
    "capaian_rata2": "Rata-rata capaian indikator (%)", "efisiensi": "Efisiensi (poin)",
    "keterangan": "Keterangan",
}  # fmt: skip


def write_sheet(book: xlsxwriter.Workbook, name: str, df: pd.DataFrame, title: str) -> None:
    head = book.add_format({"bold": True, "bg_color": "#1f3b73", "font_color": "#ffffff",
                            "border": 1, "text_wrap": True, "valign": "top"})  # fmt: skip
    number = book.add_format({"num_format": "#,##0.00", "border": 1})
    text = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    sheet = book.add_worksheet(name)
    sheet.write_string(0, 0, title, book.add_format({"bold": True, "font_size": 12}))
    for j, col in enumerate(df.columns):
        sheet.write_string(2, j, str(col), head)
        wide = df[col].dtype == object
        sheet.set_column(j, j, 40 if wide and col not in ("Kode", "Satuan") else 14)
    for i, record in enumerate(df.itertuples(index=False), start=3):
        for j, value in enumerate(record):
            if value is None or (isinstance(value, float) and value != value):
                sheet.write_blank(i, j, None, text)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                sheet.write_number(i, j, float(value), number)
            else:
                sheet.write_string(i, j, str(value), text)
    sheet.freeze_panes(3, 0)


def xlsx_bytes(r: LkjipReport) -> bytes:
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "nan_inf_to_errors": True})
    for name, cols in SHEETS.items():
        frame = neutralise_frame(r.hasil[list(cols)].rename(columns=cols))
        write_sheet(book, name, frame, f"LKjIP {r.nama_unit} tahun {r.tahun}: {name}")
    budget = neutralise_frame(r.anggaran[list(BUDGET)].rename(columns=BUDGET))
    write_sheet(book, "Anggaran", budget, f"Realisasi anggaran {r.nama_unit} tahun {r.tahun}")
    book.close()
    return out.getvalue()
