"""The PK document as DOCX (python-docx), editable in Word: the same words as the PDF.

Real Word tables (header rows repeat across pages), styles on the Normal style only (no
embedded fonts), page breaks between PKs and before each lampiran, signature blocks as a
borderless two-column table.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from sakip_core.pk import document_text as txt
from sakip_core.pk.model import PerjanjianKinerja

FONT = "Bookman Old Style"


def _new_document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(4)
    return doc


def _centred(doc: Document, text: str, size: int = 12, bold: bool = True) -> None:
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(txt.clean(text))
    run.bold, run.font.size = bold, Pt(size)


def _para(doc: Document, text: str) -> None:
    p = doc.add_paragraph(txt.clean(text))
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _widths(table, widths: list[float]) -> None:  # noqa: ANN001 - python-docx table
    """Fixed column widths (the grid too: LibreOffice reads the grid, Word the cells)."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)


def _pairs(doc: Document, rows: list[tuple[str, str]], label: float = 3.6) -> None:
    table = doc.add_table(rows=0, cols=3)
    for key, value in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, (key, ":", value), strict=True):
            cell.text = txt.clean(text)
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    _widths(table, [label, 0.5, 16.0 - label - 1.5])
    table.alignment = WD_TABLE_ALIGNMENT.CENTER


def _page_break(doc: Document) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _repeat_header(row) -> None:  # noqa: ANN001 - python-docx row
    tr_pr = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _grid(doc: Document, head: list[str], rows: list[list[str]], widths: list[float],
          bold_last: bool = False, right: int | None = None) -> None:  # fmt: skip
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    _repeat_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, values in enumerate(rows):
        cells = table.add_row().cells
        for j, (cell, text) in enumerate(zip(cells, values, strict=True)):
            cell.text = txt.clean(text)
            para = cell.paragraphs[0]
            if j == right:
                para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if bold_last and i == len(rows) - 1 and para.runs:
                para.runs[0].bold = True
    _widths(table, widths)
    doc.add_paragraph()


def _signatures(doc: Document, pk: PerjanjianKinerja) -> None:
    left, right = txt.signatures(pk)
    p = doc.add_paragraph()
    p.paragraph_format.left_indent = Cm(8.5)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(txt.clean(txt.place_date(pk)))
    table = doc.add_table(rows=1, cols=2)
    _widths(table, [8.2, 8.2])
    for cell, sig in zip(table.rows[0].cells, (left, right), strict=True):
        if sig is not None:
            _signature_cell(cell, sig)


def _signature_cell(cell, sig: txt.Signature) -> None:  # noqa: ANN001 - python-docx cell
    def line(text: str, bold: bool = False, underline: bool = False, space: int = 0) -> None:
        para = cell.add_paragraph() if cell.paragraphs[0].text or space else cell.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.paragraph_format.space_before = Pt(space)
        para.paragraph_format.space_after = Pt(0)
        run = para.add_run(txt.clean(text))
        run.bold, run.underline = bold, underline

    line(sig.role, bold=True)
    line(sig.jabatan)
    line(sig.nama, bold=True, underline=True, space=60)
    if sig.pangkat:
        line(sig.pangkat)
    if sig.nip:
        line(sig.nip)


def _agreement(doc: Document, pk: PerjanjianKinerja) -> None:
    for text in txt.header_lines(pk):
        _centred(doc, text)
    doc.add_paragraph()
    _centred(doc, pk.judul, 13)
    if pk.status != "ditandatangani":
        _centred(doc, "DRAF — belum ditandatangani", 8, bold=False)
    doc.add_paragraph()
    _para(doc, pk.wording.pernyataan)
    _pairs(doc, txt.party_block(pk.pihak_pertama))
    _para(doc, txt.designation("pertama"))
    if pk.pihak_kedua is not None:
        _pairs(doc, txt.party_block(pk.pihak_kedua))
        _para(doc, txt.designation("kedua"))
    for paragraph in txt.promise_paragraphs(pk):
        _para(doc, paragraph)
    _signatures(doc, pk)


def _lampiran(doc: Document, pk: PerjanjianKinerja) -> None:
    for text in txt.lampiran_title(pk):
        _centred(doc, text, 11)
    doc.add_paragraph()
    rows = txt.indicator_rows(pk) or [["-", "-", "Belum ada indikator PK untuk jabatan ini.", "-"]]
    _grid(doc, txt.INDICATOR_HEAD, rows, [1.0, 5.5, 6.5, 3.5])
    programs = txt.program_rows(pk)
    if programs:
        _grid(doc, txt.PROGRAM_HEAD, programs, [1.0, 7.5, 4.7, 2.8], bold_last=True, right=2)
    else:
        _para(doc, txt.NO_PROGRAM)
    _signatures(doc, pk)


def _pakta(doc: Document, pk: PerjanjianKinerja) -> None:
    for text in txt.header_lines(pk):
        _centred(doc, text)
    doc.add_paragraph()
    _centred(doc, txt.PAKTA_TITLE, 13)
    doc.add_paragraph()
    _para(doc, "Saya yang bertanda tangan di bawah ini:")
    _pairs(doc, txt.pakta_intro(pk.pihak_pertama, pk), label=4.2)
    _para(doc, txt.PAKTA_OPENING)
    for n, point in enumerate(pk.wording.pakta, start=1):  # numbered by hand: per PK from 1
        p = doc.add_paragraph(f"{n}.\t{txt.clean(point)}")
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.left_indent = Cm(0.8)
        p.paragraph_format.first_line_indent = Cm(-0.8)
    _, right = txt.signatures(pk)
    p = doc.add_paragraph()
    p.paragraph_format.left_indent = Cm(8.5)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.add_run(txt.clean(txt.place_date(pk)))
    table = doc.add_table(rows=1, cols=2)
    _widths(table, [8.2, 8.2])
    _signature_cell(table.rows[0].cells[1], right)


def docx_bytes(pks: list[PerjanjianKinerja], pakta: bool = False) -> bytes:
    doc = _new_document()
    doc.core_properties.title = "Perjanjian Kinerja"
    for n, pk in enumerate(pks):
        if n:
            _page_break(doc)
        _agreement(doc, pk)
        _page_break(doc)
        _lampiran(doc, pk)
        if pakta:
            _page_break(doc)
            _pakta(doc, pk)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
