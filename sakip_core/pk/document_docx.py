"""The PK document as DOCX (python-docx), editable in Word: the same words as the PDF.

Named paragraph styles ("PK Judul", "PK Teks", ...) over a Normal style that carries the font
(no embedded fonts), real Word tables whose header rows repeat across pages, the sasaran cell
merged over its run of indicators, page breaks before each PK, lampiran and pakta, signature
blocks as a borderless two-column table that Word keeps on one page.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from sakip_core.pk import document_text as txt
from sakip_core.pk.documents import NO_PK, runs_of_sasaran
from sakip_core.pk.model import PerjanjianKinerja

FONT = "Bookman Old Style"
TEXT_WIDTH = 16.5  # cm: A4 21 cm less the 2.5 + 2.0 cm margins
TITLE, BODY, CELL, POINT, SIGN = "PK Judul", "PK Teks", "PK Tabel", "PK Butir", "PK Tanda Tangan"
STYLE_ID = {name: name.replace(" ", "") for name in (TITLE, BODY, CELL, POINT, SIGN)}


def _clean(text: str) -> str:
    """Text Word's XML accepts: no control characters, no U+FFFE/U+FFFF."""
    return txt.clean(text).replace("\ufffe", "").replace("\uffff", "")


def _new_document() -> DocxDocument:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), FONT)
    fonts.set(qn("w:cs"), FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "id-ID")  # Word checks the spelling in Indonesian
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_after = Pt(4)
    _add_styles(doc)
    doc.core_properties.title = "Perjanjian Kinerja"
    doc.core_properties.language = "id-ID"
    return doc


def _add_styles(doc: DocxDocument) -> None:
    """The named styles an editor can change once for the whole file."""

    def style(name: str, size: float | None = None, bold: bool = False):  # noqa: ANN202
        s = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        assert s.style_id == STYLE_ID[name]  # python-docx drops the spaces of the name
        s.base_style = doc.styles["Normal"]
        s.quick_style = True
        s.font.bold = bold
        if size:
            s.font.size = Pt(size)
        return s

    title = style(TITLE, 12, bold=True)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(0)
    title.paragraph_format.keep_with_next = True
    body = style(BODY)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.space_after = Pt(6)
    cell = style(CELL, 10)
    cell.paragraph_format.space_after = Pt(0)
    point = style(POINT)
    point.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    point.paragraph_format.left_indent = Cm(0.8)
    point.paragraph_format.first_line_indent = Cm(-0.8)
    point.paragraph_format.tab_stops.add_tab_stop(Cm(0.8))
    point.paragraph_format.space_after = Pt(2)
    sign = style(SIGN)
    sign.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sign.paragraph_format.space_after = Pt(0)
    sign.paragraph_format.keep_with_next = True


def _styled(paragraph: Paragraph, style: str) -> Paragraph:
    """Give `paragraph` one of our styles by its id. python-docx's `style=` looks the name up
    among every style of the template on each call: two thirds of the time of a 44-PK file."""
    paragraph._p.get_or_add_pPr().get_or_add_pStyle().val = STYLE_ID[style]
    return paragraph


def _add(container: DocxDocument | _Cell, text: str, style: str) -> Paragraph:
    return _styled(container.add_paragraph(_clean(text)), style)


def _title(doc: DocxDocument, text: str, size: int = 12, page_break: bool = False) -> None:
    p = _add(doc, "", TITLE)
    if page_break:
        p.paragraph_format.page_break_before = True
    run = p.add_run(_clean(text))
    if size != 12:
        run.font.size = Pt(size)


def _gap(doc: DocxDocument) -> None:
    _add(doc, "", BODY).paragraph_format.space_after = Pt(0)


def _para(doc: DocxDocument, text: str) -> None:
    _add(doc, text, BODY)


def _widths(table: Table, widths: list[float]) -> None:
    """Fixed column widths, set after any merge: on the grid (LibreOffice reads it) and on
    every cell (Word does), a cell merged across columns getting their sum."""
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)
    for row in table.rows:
        col = 0
        for tc in row._tr.tc_lst:
            tc.width = Cm(sum(widths[col : col + tc.grid_span]))
            col += tc.grid_span


def _row_flag(row: _Row, flag: str) -> None:
    """w:tblHeader (repeat on every page) or w:cantSplit (never break inside the row)."""
    element = OxmlElement(flag)
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _write(cell: _Cell, text: str, style: str = CELL, bold: bool = False,
           align: WD_ALIGN_PARAGRAPH | None = None) -> None:  # fmt: skip
    para = cell.paragraphs[0]
    _styled(para, style)
    if align is not None:
        para.alignment = align
    run = para.add_run(_clean(text))
    run.bold = bold or None
    if style == CELL:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _pairs(doc: DocxDocument, rows: list[tuple[str, str]], label: float = 3.6) -> None:
    """ "Nama : …" as a borderless table, so a long value wraps under itself."""
    table = doc.add_table(rows=0, cols=4)
    for key, value in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, ("", key, ":", value), strict=True):
            _write(cell, text, style=BODY, align=WD_ALIGN_PARAGRAPH.LEFT)
            cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    _widths(table, [0.8, label, 0.5, TEXT_WIDTH - label - 1.3])


def _grid(doc: DocxDocument, head: list[str], widths: list[float]) -> Table:
    table = doc.add_table(rows=1, cols=len(head))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _row_flag(table.rows[0], "w:tblHeader")
    for cell, text in zip(table.rows[0].cells, head, strict=True):
        _write(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _shade(cell, "E1E6EE")
    return table


def _shade(cell: _Cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _indicator_table(doc: DocxDocument, pk: PerjanjianKinerja) -> None:
    widths = [1.0, 5.5, 6.8, 3.2]
    table = _grid(doc, txt.INDICATOR_HEAD, widths)
    if not pk.indikator:
        cells = table.add_row().cells
        _write(cells[0], "-", align=WD_ALIGN_PARAGRAPH.CENTER)
        _write(cells[1].merge(cells[3]), "Belum ada indikator PK untuk jabatan ini.")
    rows = iter(txt.indicator_rows(pk))
    for sasaran, lines in runs_of_sasaran(pk):
        first = len(table.rows)
        for _ in lines:
            no, _, indikator, target = next(rows)
            row = table.add_row()
            _row_flag(row, "w:cantSplit")
            cells = row.cells
            _write(cells[0], no, align=WD_ALIGN_PARAGRAPH.CENTER)
            _write(cells[2], indikator)
            _write(cells[3], target, align=WD_ALIGN_PARAGRAPH.CENTER)
        merged = table.cell(first, 1).merge(table.cell(len(table.rows) - 1, 1))
        _write(merged, sasaran)
    _widths(table, widths)
    _gap(doc)


def _program_table(doc: DocxDocument, pk: PerjanjianKinerja) -> None:
    rows = txt.program_rows(pk)
    if not rows:
        _para(doc, txt.NO_PROGRAM)
        return
    widths = [1.0, 8.2, 4.3, 3.0]
    table = _grid(doc, txt.PROGRAM_HEAD, widths)
    for no, program, anggaran, keterangan in rows[:-1]:
        row = table.add_row()
        _row_flag(row, "w:cantSplit")
        cells = row.cells
        _write(cells[0], no, align=WD_ALIGN_PARAGRAPH.CENTER)
        _write(cells[1], program)
        _write(cells[2], anggaran, align=WD_ALIGN_PARAGRAPH.RIGHT)
        _write(cells[3], keterangan, align=WD_ALIGN_PARAGRAPH.CENTER)
    _, jumlah, total, keterangan = rows[-1]
    cells = table.add_row().cells
    _write(cells[0].merge(cells[1]), jumlah, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _write(cells[2], total, bold=True, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _write(cells[3], keterangan)
    _widths(table, widths)
    _gap(doc)


def _signatures(doc: DocxDocument, place_date: str, left: txt.Signature | None,
                right: txt.Signature) -> None:  # fmt: skip
    """A borderless table: place and date over the right column, the roles and jabatan, then
    the names on one row (so they line up whatever the jabatan lengths): pihak kedua left,
    pihak pertama right. Rows never split and keep together (keep-with-next)."""
    table = doc.add_table(rows=3, cols=2)
    for row in table.rows:
        _row_flag(row, "w:cantSplit")
    _write(table.cell(0, 1), place_date, style=SIGN)
    for column, sig in enumerate((left, right)):
        if sig is None:
            continue
        head, tail = table.cell(1, column), table.cell(2, column)
        _write(head, sig.role, style=SIGN, bold=True)
        _add(head, sig.jabatan, SIGN)
        name = tail.paragraphs[0]
        _styled(name, SIGN)
        name.paragraph_format.space_before = Pt(64)  # room to sign and stamp
        run = name.add_run(_clean(sig.nama))
        if sig.nama != txt.DOTS:  # a vacant post keeps its dotted line plain
            run.bold = run.underline = True
        for text in (sig.pangkat, sig.nip):
            if text:
                _add(tail, text, SIGN)
    for cell in table.rows[2].cells:  # the last lines end the block: no keep-with-next
        cell.paragraphs[-1].paragraph_format.keep_with_next = False
    _widths(table, [TEXT_WIDTH / 2, TEXT_WIDTH / 2])


def _agreement(doc: DocxDocument, pk: PerjanjianKinerja, first: bool) -> None:
    for n, text in enumerate(txt.header_lines(pk)):
        _title(doc, text, page_break=n == 0 and not first)
    _gap(doc)
    _title(doc, pk.judul, 13)
    if pk.status != "ditandatangani":
        p = _add(doc, "", TITLE)
        run = p.add_run("DRAF — belum ditandatangani")
        run.bold = False
        run.font.size = Pt(8)
        run.font.color.rgb = RGBColor(0x96, 0x96, 0x96)
    _gap(doc)
    _para(doc, pk.wording.pernyataan)
    _pairs(doc, txt.party_block(pk.pihak_pertama))
    _para(doc, txt.designation("pertama"))
    if pk.pihak_kedua is not None:
        _pairs(doc, txt.party_block(pk.pihak_kedua))
        _para(doc, txt.designation("kedua"))
    for paragraph in txt.promise_paragraphs(pk):
        _para(doc, paragraph)
    _signatures(doc, txt.place_date(pk), *txt.signatures(pk))


def _lampiran(doc: DocxDocument, pk: PerjanjianKinerja) -> None:
    for n, text in enumerate(txt.lampiran_title(pk)):
        _title(doc, text, 11, page_break=n == 0)
    _gap(doc)
    _indicator_table(doc, pk)
    _program_table(doc, pk)
    _signatures(doc, txt.place_date(pk), *txt.signatures(pk))


def _pakta(doc: DocxDocument, pk: PerjanjianKinerja) -> None:
    _title(doc, txt.PAKTA_TITLE, 13, page_break=True)
    _gap(doc)
    _para(doc, "Saya yang bertanda tangan di bawah ini:")
    _pairs(doc, txt.pakta_intro(pk.pihak_pertama, pk), label=4.2)
    _para(doc, txt.PAKTA_OPENING)
    for n, point in enumerate(pk.wording.pakta, start=1):  # numbered by hand: per PK from 1
        _add(doc, f"{n}.\t{point}", POINT)
    _, first = txt.signatures(pk)
    _signatures(doc, txt.place_date(pk), None, first)


def docx_bytes(pks: list[PerjanjianKinerja], pakta: bool = False) -> bytes:
    """Every PK in order: agreement, lampiran, and the pakta integritas when asked."""
    doc = _new_document()
    for n, pk in enumerate(pks):
        _agreement(doc, pk, first=n == 0)
        _lampiran(doc, pk)
        if pakta:
            _pakta(doc, pk)
    if not pks:
        _para(doc, NO_PK)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
