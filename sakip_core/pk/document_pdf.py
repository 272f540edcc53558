"""The PK document as PDF (fpdf2), A4 portrait, in the PermenPAN-RB 53/2014 form.

Several PKs go into one file (a signing ceremony prints every kepala OPD at once); each starts
on a new page, its lampiran on the next, and its pakta integritas after that when asked.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.fonts import FontFace

from sakip_core.pk import document_text as txt
from sakip_core.pk.model import PerjanjianKinerja
from sakip_core.reports.rapim_pdf import FONT_DIR

HEAD = FontFace(emphasis="BOLD", fill_color=(225, 230, 238))
TOTAL = FontFace(emphasis="BOLD")


class PkPDF(FPDF):
    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.font_name = "Helvetica"
        if (FONT_DIR / "DejaVuSerif.ttf").exists():
            self.add_font("Serif", "", str(FONT_DIR / "DejaVuSerif.ttf"))
            self.add_font("Serif", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
            self.font_name = "Serif"
        elif (FONT_DIR / "DejaVuSans.ttf").exists():
            self.add_font("Serif", "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("Serif", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
            self.font_name = "Serif"
        self.set_margins(25, 20, 20)
        self.set_auto_page_break(True, margin=20)
        self.draft = False

    def header(self) -> None:
        if self.draft:
            self.set_font(self.font_name, "", 8)
            self.set_text_color(150, 150, 150)
            self.set_xy(self.l_margin, 8)
            self.cell(0, 4, "DRAF — belum ditandatangani", align="R")
            self.set_text_color(0, 0, 0)
            self.set_xy(self.l_margin, self.t_margin)

    def safe(self, text: str) -> str:
        if self.font_name != "Helvetica":
            return text
        for a, b in {"–": "-", "…": "...", "—": "-"}.items():
            text = text.replace(a, b)
        return text.encode("latin-1", "replace").decode("latin-1")

    def centred(self, text: str, size: float = 11, bold: bool = True, gap: float = 6) -> None:
        self.set_font(self.font_name, "B" if bold else "", size)
        self.multi_cell(0, gap, self.safe(text), align="C", new_x="LMARGIN", new_y="NEXT")

    def para(self, text: str, size: float = 11) -> None:
        self.set_font(self.font_name, "", size)
        self.multi_cell(0, 6, self.safe(text), align="J", new_x="LMARGIN", new_y="NEXT")
        self.ln(2)

    def pairs(self, rows: list[tuple[str, str]], indent: float = 8, label_w: float = 36) -> None:
        self.set_font(self.font_name, "", 11)
        for label, value in rows:
            self.set_x(self.l_margin + indent)
            self.cell(label_w, 6, self.safe(label))
            self.cell(4, 6, ":")
            self.multi_cell(0, 6, self.safe(value), new_x="LMARGIN", new_y="NEXT")


def _signatures(pdf: PkPDF, pk: PerjanjianKinerja) -> None:
    left, right = txt.signatures(pk)
    width = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    if pdf.will_page_break(62):
        pdf.add_page()
    pdf.ln(4)
    pdf.set_x(pdf.l_margin + width)
    pdf.set_font(pdf.font_name, "", 11)
    pdf.multi_cell(width, 6, pdf.safe(txt.place_date(pk)), align="C", new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y()
    bottom = top
    for column, sig in enumerate([left, right]):
        if sig is None:
            continue
        pdf.set_xy(pdf.l_margin + column * width, top)
        _signature_block(pdf, sig, width)
        bottom = max(bottom, pdf.get_y())
    pdf.set_y(bottom + 2)


def _signature_block(pdf: PkPDF, sig: txt.Signature, width: float) -> None:
    x = pdf.get_x()

    def line(text: str, style: str = "", gap: float = 5.5, underline: bool = False) -> None:
        pdf.set_x(x)
        pdf.set_font(pdf.font_name, style, 11)
        if underline:
            pdf.set_font(pdf.font_name, "BU", 11)
        pdf.multi_cell(width, gap, pdf.safe(text), align="C", new_x="LEFT", new_y="NEXT")

    line(sig.role, "B")
    line(sig.jabatan)
    pdf.ln(22)
    line(sig.nama, "B", underline=True)
    if sig.pangkat:
        line(sig.pangkat)
    if sig.nip:
        line(sig.nip)


def _agreement_page(pdf: PkPDF, pk: PerjanjianKinerja) -> None:
    pdf.draft = pk.status != "ditandatangani"
    pdf.add_page()
    for text in txt.header_lines(pk):
        pdf.centred(text, 12)
    pdf.ln(4)
    pdf.centred(pk.judul, 13)
    pdf.ln(6)
    pdf.para(pk.wording.pernyataan)
    pdf.pairs(txt.party_block(pk.pihak_pertama))
    pdf.para(txt.designation("pertama"))
    if pk.pihak_kedua is not None:
        pdf.pairs(txt.party_block(pk.pihak_kedua))
        pdf.para(txt.designation("kedua"))
    for paragraph in txt.promise_paragraphs(pk):
        pdf.para(paragraph)
    _signatures(pdf, pk)


def _table(pdf: PkPDF, head: list[str], rows: list[list[str]], widths: list[float],
           total_last: bool = False, align_right: int | None = None) -> None:  # fmt: skip
    pdf.set_font(pdf.font_name, "", 10)
    with pdf.table(
        col_widths=widths, headings_style=HEAD, line_height=5.5, text_align="LEFT",
        repeat_headings=1, width=pdf.w - pdf.l_margin - pdf.r_margin,
    ) as table:  # fmt: skip
        r = table.row()
        for h in head:
            r.cell(pdf.safe(h), align="C")
        for i, row in enumerate(rows):
            r = table.row()
            style = TOTAL if total_last and i == len(rows) - 1 else None
            for j, value in enumerate(row):
                align = "R" if j == align_right else ("C" if j == 0 else "L")
                r.cell(pdf.safe(value), style=style, align=align)
    pdf.ln(4)


def _lampiran(pdf: PkPDF, pk: PerjanjianKinerja) -> None:
    pdf.add_page()
    for text in txt.lampiran_title(pk):
        pdf.centred(text, 11)
    pdf.ln(4)
    rows = txt.indicator_rows(pk) or [["-", "-", "Belum ada indikator PK untuk jabatan ini.", "-"]]
    _table(pdf, txt.INDICATOR_HEAD, rows, [10, 55, 70, 30])
    programs = txt.program_rows(pk)
    if programs:
        _table(pdf, txt.PROGRAM_HEAD, programs, [10, 83, 42, 30], total_last=True, align_right=2)
    else:
        pdf.para(txt.NO_PROGRAM, 10)
    _signatures(pdf, pk)


def _pakta(pdf: PkPDF, pk: PerjanjianKinerja) -> None:
    pdf.add_page()
    for text in txt.header_lines(pk):
        pdf.centred(text, 12)
    pdf.ln(4)
    pdf.centred(txt.PAKTA_TITLE, 13)
    pdf.ln(4)
    pdf.para("Saya yang bertanda tangan di bawah ini:")
    pdf.pairs(txt.pakta_intro(pk.pihak_pertama, pk), label_w=42)
    pdf.ln(2)
    pdf.para(txt.PAKTA_OPENING)
    for n, point in enumerate(pk.wording.pakta, start=1):
        pdf.set_font(pdf.font_name, "", 11)
        pdf.set_x(pdf.l_margin + 4)
        pdf.cell(8, 6, f"{n}.")
        pdf.multi_cell(0, 6, pdf.safe(point), align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    width = (pdf.w - pdf.l_margin - pdf.r_margin) / 2
    pdf.set_x(pdf.l_margin + width)
    pdf.multi_cell(width, 6, pdf.safe(txt.place_date(pk)), align="C", new_x="LEFT", new_y="NEXT")
    _, right = txt.signatures(pk)
    _signature_block(pdf, right, width)


def pdf_bytes(pks: list[PerjanjianKinerja], pakta: bool = False) -> bytes:
    """Every PK in order: agreement, lampiran, and the pakta integritas when asked."""
    pdf = PkPDF()
    pdf.set_title("Perjanjian Kinerja")
    for pk in pks:
        _agreement_page(pdf, pk)
        _lampiran(pdf, pk)
        if pakta:
            _pakta(pdf, pk)
    return bytes(pdf.output())
