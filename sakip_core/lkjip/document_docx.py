"""The LKjIP chapter III as DOCX, for the Bagian Organisasi to finish in Word.

Layout helpers (styles, grids, widths) are those of the PK document, so both documents look
alike and an editor finds the same named styles.
"""

from __future__ import annotations

import io

import pandas as pd
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, RGBColor

from sakip_core.colours import text_colour
from sakip_core.fmt import angka, persen, rupiah
from sakip_core.lkjip import narrative
from sakip_core.lkjip.chart import sasaran_png
from sakip_core.lkjip.report import LkjipReport
from sakip_core.lkjip.results import target_text
from sakip_core.pk.document_docx import (
    CELL,
    _add,
    _gap,
    _grid,
    _new_document,
    _para,
    _row_flag,
    _shade,
    _title,
    _widths,
    _write,
)

WIDTH = 25.2  # cm of text on A4 landscape with 2.5 / 2.0 cm margins
C, R = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT


def _num(x: object, digits: int = 2) -> str:
    return angka(x, digits) if x is not None and not pd.isna(x) else "-"


def _pct(x: object) -> str:
    return persen(x, 2) if x is not None and not pd.isna(x) else "-"


def _s(x: object, empty: str = "-") -> str:
    """Text of a cell; missing values (None, NaN) as `empty`."""
    return x if isinstance(x, str) and x else empty


def _target(row: pd.Series) -> str:
    return target_text(row) or _num(row["target"])


def _renstra_target(row: pd.Series) -> str:
    return target_text(row, "renstra_min", "renstra_max") or _num(row["target_akhir_renstra"])


def _table(doc, head: list[str], rows: list[list[str]], widths: list[float],  # noqa: ANN001
           align: list[object], colours: list[str | None] | None = None) -> None:  # fmt: skip
    table = _grid(doc, head, widths)
    for i, values in enumerate(rows):
        row = table.add_row()
        _row_flag(row, "w:cantSplit")
        for j, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            _write(cell, text, style=CELL, align=align[j])
        if colours and colours[i]:
            _shade(row.cells[-1], colours[i].lstrip("#"))
            _ink(row.cells[-1], text_colour(colours[i]))
    _widths(table, widths)
    _gap(doc)


def _ink(cell, colour: str) -> None:  # noqa: ANN001
    """Text of a shaded kategori cell in the colour that contrasts with its fill."""
    for run in cell.paragraphs[0].runs:
        run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())


def _results_table(doc, r: LkjipReport) -> None:  # noqa: ANN001
    df = r.hasil
    rows = [[str(n), x.sasaran, x.indikator, x.satuan, _target(x), _num(x.realisasi),
             _pct(x.capaian), _s(x.kategori, "belum dilaporkan")]
            for n, (_, x) in enumerate(df.iterrows(), start=1)]  # fmt: skip
    head = ["No", "Sasaran", "Indikator Kinerja", "Satuan", "Target", "Realisasi",
            "Capaian", "Kategori"]  # fmt: skip
    widths = [1.0, 5.0, 6.8, 2.4, 2.4, 2.4, 2.2, 3.0]
    _table(doc, head, rows, widths, [C, None, None, C, R, R, R, C],
           [x if isinstance(x, str) else None for x in df["warna"]])  # fmt: skip


def _years_table(doc, r: LkjipReport) -> None:  # noqa: ANN001
    y = r.tahun
    rows = [[str(n), x.indikator, _num(x.realisasi_t2), _num(x.realisasi_t1), _num(x.realisasi),
             _pct(x.capaian_t2), _pct(x.capaian_t1), _pct(x.capaian)]
            for n, (_, x) in enumerate(r.hasil.iterrows(), start=1)]  # fmt: skip
    head = ["No", "Indikator Kinerja", f"Realisasi {y - 2}", f"Realisasi {y - 1}",
            f"Realisasi {y}", f"Capaian {y - 2}", f"Capaian {y - 1}", f"Capaian {y}"]  # fmt: skip
    _table(doc, head, rows, [1.0, 9.2, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5], [C, None, R, R, R, R, R, R])


def _renstra_table(doc, r: LkjipReport) -> None:  # noqa: ANN001
    rows = [[str(n), x.indikator, _num(x.kondisi_awal), _renstra_target(x), _num(x.realisasi),
             _pct(x.capaian_renstra)]
            for n, (_, x) in enumerate(r.hasil.iterrows(), start=1)]  # fmt: skip
    head = ["No", "Indikator Kinerja", "Kondisi Awal", "Target Akhir Renstra",
            f"Realisasi {r.tahun}", "Capaian thd Target Akhir"]  # fmt: skip
    _table(doc, head, rows, [1.0, 11.2, 3.0, 3.5, 3.0, 3.5], [C, None, R, R, R, R])


def _budget_table(doc, r: LkjipReport) -> None:  # noqa: ANN001
    df = r.anggaran
    rows = [[str(n), _s(x.program), rupiah(x.pagu) or "-", rupiah(x.realisasi) or "-",
             _pct(x.serapan), _pct(x.capaian_rata2), _num(x.efisiensi), _s(x.keterangan)]
            for n, (_, x) in enumerate(df.iterrows(), start=1)]  # fmt: skip
    what = "OPD" if r.is_pemda else "Program"
    head = ["No", what, "Pagu", "Realisasi", "Serapan", "Capaian Indikator", "Efisiensi (poin)",
            "Keterangan"]  # fmt: skip
    _table(doc, head, rows, [1.0, 5.2, 4.4, 4.4, 2.2, 2.4, 2.4, 3.0], [C, None, R, R, R, R, R, C])


def _caption(doc, text: str) -> None:  # noqa: ANN001
    _add(doc, text, CELL).paragraph_format.keep_with_next = True


def _paragraphs(doc, texts: list[str]) -> None:  # noqa: ANN001
    for text in texts:
        _para(doc, text)


def docx_bytes(r: LkjipReport, chart: bytes | None | bool = True) -> bytes:
    """The whole chapter; `chart=True` renders the sasaran chart (False: leave it out)."""
    doc = _new_document()
    doc.core_properties.title = f"LKjIP {r.nama_unit} {r.tahun} - Bab III"
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    _title(doc, "BAB III")
    _title(doc, "AKUNTABILITAS KINERJA")
    _title(doc, f"{r.nama_unit.upper()} TAHUN {r.tahun}", 11)
    _gap(doc)
    _title(doc, "A. Capaian Kinerja Organisasi", 11)
    _paragraphs(doc, narrative.summary(r))
    _caption(doc, f"Tabel 3.1 Target, realisasi dan capaian indikator kinerja tahun {r.tahun}")
    _results_table(doc, r)
    png = sasaran_png(r) if chart is True else (chart or None)
    if png:
        doc.add_picture(io.BytesIO(png), width=Cm(20))
        doc.paragraphs[-1].alignment = C
        _add(doc, "Gambar 3.1 Rata-rata capaian per sasaran", CELL).alignment = C
        _gap(doc)
    _caption(doc, "Tabel 3.2 Perbandingan dengan dua tahun sebelumnya")
    _years_table(doc, r)
    _caption(doc, "Tabel 3.3 Perbandingan dengan target akhir Renstra")
    _renstra_table(doc, r)
    _title(doc, "Analisis capaian per indikator", 11)
    _paragraphs(doc, narrative.shortfalls(r) + narrative.supports(r))
    _gap(doc)
    _title(doc, "B. Realisasi Anggaran", 11)
    _paragraphs(doc, narrative.budget(r))
    _caption(doc, "Tabel 3.4 Pagu, realisasi, serapan dan efisiensi")
    _budget_table(doc, r)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
