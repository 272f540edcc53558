"""The Renja evaluation form (Permendagri 86/2017) as Excel: the numbered column heads of the
form, program rows carrying the Rupiah (Rp) and indicator rows the kinerja (K) beneath them."""

from __future__ import annotations

import io

import pandas as pd
import xlsxwriter

from sakip_core.export import neutralise

HEADS = [
    ("No", None), ("Sasaran", None), ("Program / Indikator Kinerja", None), ("Satuan", None),
    ("Target Kinerja Renstra pada Tahun Akhir Periode Renstra", ("K", "Rp")),
    ("Realisasi Capaian Kinerja Renstra s.d. Renja Tahun Lalu", ("K", "Rp")),
    ("Target Kinerja dan Anggaran Renja Tahun Berjalan", ("K", "Rp")),
    ("Realisasi Kinerja Triwulan I", ("K", "Rp")), ("Realisasi Kinerja Triwulan II", ("K", "Rp")),
    ("Realisasi Kinerja Triwulan III", ("K", "Rp")), ("Realisasi Kinerja Triwulan IV", ("K", "Rp")),
    ("Realisasi Capaian Kinerja dan Anggaran Renja yang Dievaluasi", ("K", "Rp")),
    ("Realisasi Kinerja dan Anggaran Renstra s.d. Tahun Berjalan", ("K", "Rp")),
    ("Tingkat Capaian Kinerja Renstra s.d. Tahun Berjalan (%)", ("K", "Rp")),
    ("Unit Penanggung Jawab", None),
]  # fmt: skip
K = ["target_akhir_renstra", "realisasi_sd_tahun_lalu", "target_tahun_ini", "tw1", "tw2", "tw3",
     "tw4", "realisasi_tahun_ini", "realisasi_renstra_sd", "persen_renstra"]  # fmt: skip
RP = [None, "rp_sd_tahun_lalu", "pagu", "rp_tw1", "rp_tw2", "rp_tw3", "rp_tw4", "rp_tahun_ini",
      "rp_renstra_sd", None]  # fmt: skip


WIDTHS = {1: 36, 2: 36, 3: 10, 24: 28}  # characters of the text columns (see _header)


def _fit_row(sheet, row: int, texts: dict[int, str]) -> None:  # noqa: ANN001
    """Row height for its wrapped texts: LibreOffice (and Excel, for a written file) keeps the
    default height otherwise, and a long sasaran overlaps the row below."""
    lines = max(-(-len(t) // max(WIDTHS[c] - 2, 1)) for c, t in texts.items()) if texts else 1
    sheet.set_row(row, 15 * max(lines, 1))


def _value(sheet, i: int, j: int, v: object, fmt) -> None:  # noqa: ANN001
    if v is None or (isinstance(v, float) and v != v) or pd.isna(v):
        sheet.write_blank(i, j, None, fmt)
    else:
        sheet.write_number(i, j, float(v), fmt)


def _header(book: xlsxwriter.Workbook, sheet, title: list[str]) -> int:  # noqa: ANN001
    bold = book.add_format({"bold": True, "font_size": 12})
    for i, line in enumerate(title):
        sheet.write_string(i, 0, line, bold)
    head = book.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center",
                            "valign": "vcenter", "bg_color": "#e1e6ee"})  # fmt: skip
    top, col = len(title) + 1, 0
    for n, (text, sub) in enumerate(HEADS, start=1):
        if sub is None:
            sheet.merge_range(top, col, top + 1, col, text, head)
            sheet.write_string(top + 2, col, str(n), head)
            col += 1
        else:
            sheet.merge_range(top, col, top, col + 1, text, head)
            for k, s in enumerate(sub):
                sheet.write_string(top + 1, col + k, s, head)
            sheet.merge_range(top + 2, col, top + 2, col + 1, str(n), head)
            col += 2
    sheet.set_row(top, 75)
    sheet.set_column(0, 0, 5)
    for c, width in WIDTHS.items():
        sheet.set_column(c, c, width)
    sheet.set_column(4, col - 2, 14)
    return top + 3


def renja_xlsx(indicators: pd.DataFrame, budget: pd.DataFrame, title: list[str],
               unit_name: str) -> bytes:  # fmt: skip
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet("Evaluasi Renja")
    row = _header(book, sheet, title)
    text = book.add_format({"border": 1, "text_wrap": True, "valign": "top"})
    bold = book.add_format({"border": 1, "text_wrap": True, "valign": "top", "bold": True,
                            "bg_color": "#f4f6f9"})  # fmt: skip
    num = book.add_format({"border": 1, "num_format": "#,##0.00", "valign": "top"})
    money = book.add_format({"border": 1, "num_format": "#,##0", "valign": "top", "bold": True,
                             "bg_color": "#f4f6f9"})  # fmt: skip
    rp = budget.set_index("program") if len(budget) else pd.DataFrame()
    for no, (program, rows) in enumerate(indicators.groupby("program", sort=False), start=1):
        sheet.write_string(row, 0, str(no), bold)
        sheet.write_string(row, 1, "", bold)
        sheet.write_string(row, 2, neutralise(str(program)), bold)
        sheet.write_string(row, 3, "", bold)
        for k, col in enumerate(RP):
            v = rp.at[program, col] if col and program in rp.index else None
            sheet.write_blank(row, 4 + 2 * k, None, bold)
            _value(sheet, row, 5 + 2 * k, v, money)
        sheet.write_string(row, 24, neutralise(unit_name), bold)
        _fit_row(sheet, row, {2: str(program), 24: unit_name})
        row += 1
        for x in rows.itertuples():
            sheet.write_string(row, 0, "", text)
            sheet.write_string(row, 1, neutralise(x.sasaran), text)
            sheet.write_string(row, 2, neutralise(f"{x.kode_indikator} {x.indikator}"), text)
            sheet.write_string(row, 3, neutralise(x.satuan), text)
            for k, col in enumerate(K):
                _value(sheet, row, 4 + 2 * k, getattr(x, col), num)
                sheet.write_blank(row, 5 + 2 * k, None, text)
            sheet.write_string(row, 24, "", text)
            _fit_row(sheet, row, {1: str(x.sasaran), 2: f"{x.kode_indikator} {x.indikator}",
                                  3: str(x.satuan)})  # fmt: skip
            row += 1
    sheet.freeze_panes(len(title) + 4, 3)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    book.close()
    return out.getvalue()
