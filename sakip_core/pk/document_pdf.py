"""The PK document as PDF (fpdf2), A4 portrait, in the PermenPAN-RB 53/2014 form.

Several PKs go into one file (a signing ceremony prints every kepala OPD at once); each starts
on a new page, its lampiran on the next, and its pakta integritas after that when asked. The
words come from `document_text`, shared with the DOCX writer.
"""

from __future__ import annotations

from fpdf import FPDF
from fpdf.enums import MethodReturnValue
from fpdf.fonts import FontFace

from sakip_core.pk import document_text as txt
from sakip_core.pk.documents import NO_PK, runs_of_sasaran
from sakip_core.pk.model import PerjanjianKinerja
from sakip_core.reports.rapim_pdf import FONT_DIR

HEAD = FontFace(emphasis="BOLD", fill_color=(225, 230, 238))
TOTAL = FontFace(emphasis="BOLD")
SIGN_SPACE = 22.0  # mm left blank to sign (and stamp) in
LINE = 6.0  # mm per line of body text
ASCII_SWAP = {"–": "-", "—": "-", "…": "...", "‘": "'", "’": "'", "“": '"', "”": '"'}


class PkPDF(FPDF):
    """A4 portrait with the DejaVu Serif fonts (Helvetica when they are missing)."""

    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.font_name = "Helvetica"
        for regular, bold in (
            ("DejaVuSerif", "DejaVuSerif-Bold"),
            ("DejaVuSans", "DejaVuSans-Bold"),
        ):
            if (FONT_DIR / f"{regular}.ttf").exists() and (FONT_DIR / f"{bold}.ttf").exists():
                self.add_font("PK", "", str(FONT_DIR / f"{regular}.ttf"))
                self.add_font("PK", "B", str(FONT_DIR / f"{bold}.ttf"))
                self.font_name = "PK"
                break
        # the characters both styles can draw; the rest become "?" (see safe)
        self.glyphs: frozenset[int] | None = None
        if self.font_name == "PK":
            self.glyphs = frozenset(self.fonts["pk"].cmap) & frozenset(self.fonts["pkB"].cmap)
        self.set_margins(25, 20, 20)
        self.set_auto_page_break(True, margin=20)
        self.draft = False
        self._safe_cache: dict[str, str] = {}

    def header(self) -> None:
        if self.draft:
            self.set_font(self.font_name, "", 8)
            self.set_text_color(150, 150, 150)
            self.set_xy(self.l_margin, 8)
            self.cell(0, 4, self.safe("DRAF — belum ditandatangani"), align="R")
            self.set_text_color(0, 0, 0)
            self.set_xy(self.l_margin, self.t_margin)

    def safe(self, text: str) -> str:
        """`text` drawable by the font: control characters dropped, a character the font
        lacks written as "?" (Helvetica: Latin-1 only), so no name can break the file."""
        done = self._safe_cache.get(text)
        if done is None:
            done = txt.clean(text).replace("\t", " ").replace("\r", "")
            if self.glyphs is None:
                for a, b in ASCII_SWAP.items():
                    done = done.replace(a, b)
                done = done.encode("latin-1", "replace").decode("latin-1")
            else:
                done = "".join(c if c == "\n" or ord(c) in self.glyphs else "?" for c in done)
            self._safe_cache[text] = done
        return done

    def one_line(self, text: str) -> str:
        """A name, jabatan or table cell: any run of whitespace (a stray line break from an
        upload) as one space, so it wraps to the width instead of growing a cell by lines."""
        return self.safe(" ".join(text.split()))

    def centred(self, text: str, size: float = 11, bold: bool = True, gap: float = 6) -> None:
        self.set_font(self.font_name, "B" if bold else "", size)
        self.multi_cell(0, gap, self.safe(text), align="C", new_x="LMARGIN", new_y="NEXT")

    def para(self, text: str, size: float = 11, line: float = LINE) -> None:
        self.set_font(self.font_name, "", size)
        self.multi_cell(0, line, self.safe(text), align="J", new_x="LMARGIN", new_y="NEXT")
        self.ln(line / 3)

    def pairs(
        self, rows: list[tuple[str, str]], label_w: float = 36, size: float = 11,
        line: float = LINE,
    ) -> None:  # fmt: skip
        """ "Nama : …" lines; a long value wraps under itself, left-aligned (not justified:
        a name spread over the line reads badly)."""
        self.set_font(self.font_name, "", size)
        for label, value in rows:
            self.set_x(self.l_margin + 8)
            self.cell(label_w, line, self.safe(label))
            self.cell(4, line, ":")
            self.multi_cell(0, line, self.one_line(value), align="L", new_x="LMARGIN", new_y="NEXT")

    def height(self, text: str, width: float, style: str = "", size: float = 11) -> float:
        """The height `text` takes centred in a column `width` wide."""
        self.set_font(self.font_name, style, size)
        return float(
            self.multi_cell(
                width, 5.5, self.one_line(text), align="C", dry_run=True,
                output=MethodReturnValue.HEIGHT,
            )
        )  # fmt: skip


def _name_style(sig: txt.Signature) -> str:
    """Bold and underlined; the dotted line of a vacant post is left plain."""
    return "" if sig.nama == txt.DOTS else "BU"


def _head_lines(sig: txt.Signature) -> list[tuple[str, str]]:
    return [(sig.role, "B"), (sig.jabatan, "")]


def _tail_lines(sig: txt.Signature) -> list[tuple[str, str]]:
    lines = [(sig.nama, _name_style(sig))]
    lines += [(text, "") for text in (sig.pangkat, sig.nip) if text]
    return lines


def _lines_height(pdf: PkPDF, lines: list[tuple[str, str]], width: float) -> float:
    return sum(pdf.height(text, width, style) for text, style in lines)


def _write_lines(pdf: PkPDF, lines: list[tuple[str, str]], x: float, width: float) -> None:
    for text, style in lines:
        pdf.set_x(x)
        pdf.set_font(pdf.font_name, style, 11)
        pdf.multi_cell(width, 5.5, pdf.one_line(text), align="C", new_x="LEFT", new_y="NEXT")


def _signatures(pdf: PkPDF, place_date: str, left: txt.Signature | None,
                right: txt.Signature) -> None:  # fmt: skip
    """Place and date over the right column, then pihak kedua left and pihak pertama right.

    The names of both columns start on one line whatever the jabatan lengths, and the whole
    block moves to the next page rather than split (a signature page must be one piece).
    """
    width = pdf.epw / 2
    columns = [(i, sig) for i, sig in enumerate((left, right)) if sig is not None]
    head = max(_lines_height(pdf, _head_lines(sig), width) for _, sig in columns)
    tail = max(_lines_height(pdf, _tail_lines(sig), width) for _, sig in columns)
    date_h = pdf.height(place_date, width)
    if pdf.will_page_break(4 + date_h + head + SIGN_SPACE + tail):
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font(pdf.font_name, "", 11)
    _write_lines(pdf, [(place_date, "")], pdf.l_margin + width, width)
    top = pdf.get_y()
    for column, sig in columns:
        x = pdf.l_margin + column * width
        pdf.set_y(top)
        _write_lines(pdf, _head_lines(sig), x, width)
        pdf.set_y(top + head + SIGN_SPACE)
        _write_lines(pdf, _tail_lines(sig), x, width)
    pdf.set_y(top + head + SIGN_SPACE + tail + 2)


def _agreement_page(pdf: PkPDF, pk: PerjanjianKinerja) -> None:
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
    _signatures(pdf, txt.place_date(pk), *txt.signatures(pk))


def _table_font(pdf: PkPDF) -> None:
    pdf.set_font(pdf.font_name, "", 10)


def _indicator_table(pdf: PkPDF, pk: PerjanjianKinerja) -> None:
    """No | Sasaran | Indikator Kinerja | Target, the sasaran merged over its run of rows."""
    _table_font(pdf)
    rows = iter(txt.indicator_rows(pk))
    with pdf.table(
        col_widths=[10, 55, 70, 30], headings_style=HEAD, line_height=5.0, text_align="LEFT",
        repeat_headings=1, width=pdf.epw, v_align="M", padding=(0.6, 1.2),
    ) as table:  # fmt: skip
        r = table.row()
        for h in txt.INDICATOR_HEAD:
            r.cell(pdf.safe(h), align="C")
        if not pk.indikator:
            r = table.row()
            r.cell("-", align="C")
            r.cell(pdf.safe("Belum ada indikator PK untuk jabatan ini."), colspan=3)
        for sasaran, lines in runs_of_sasaran(pk):
            for k in range(len(lines)):
                no, _, indikator, target = next(rows)
                r = table.row()
                r.cell(no, align="C")
                if k == 0:
                    r.cell(pdf.one_line(sasaran), rowspan=len(lines))
                r.cell(pdf.one_line(indikator))
                r.cell(pdf.one_line(target), align="C")
    pdf.ln(4)


def _program_table(pdf: PkPDF, pk: PerjanjianKinerja) -> None:
    """No | Program | Anggaran | Keterangan with the Jumlah row over the first two columns."""
    rows = txt.program_rows(pk)
    if not rows:
        pdf.para(txt.NO_PROGRAM, 10)
        return
    _table_font(pdf)
    with pdf.table(
        col_widths=[10, 85, 42, 28], headings_style=HEAD, line_height=5.0, text_align="LEFT",
        repeat_headings=1, width=pdf.epw, v_align="M", padding=(0.6, 1.2),
    ) as table:  # fmt: skip
        r = table.row()
        for h in txt.PROGRAM_HEAD:
            r.cell(pdf.safe(h), align="C")
        for no, program, anggaran, keterangan in rows[:-1]:
            r = table.row()
            r.cell(no, align="C")
            r.cell(pdf.one_line(program))
            r.cell(pdf.one_line(anggaran), align="R")
            r.cell(pdf.one_line(keterangan), align="C")
        _, jumlah, total, keterangan = rows[-1]
        r = table.row()
        r.cell(pdf.safe(jumlah), colspan=2, align="C", style=TOTAL)
        r.cell(pdf.safe(total), align="R", style=TOTAL)
        r.cell(pdf.safe(keterangan))
    pdf.ln(4)


def _lampiran(pdf: PkPDF, pk: PerjanjianKinerja) -> None:
    pdf.add_page()
    for text in txt.lampiran_title(pk):
        pdf.centred(text, 11)
    pdf.ln(4)
    _indicator_table(pdf, pk)
    _program_table(pdf, pk)
    _signatures(pdf, txt.place_date(pk), *txt.signatures(pk))


def _pakta(pdf: PkPDF, pk: PerjanjianKinerja) -> None:
    """One page in the form of PermenPAN-RB 49/2011: no kop (the instansi is in the statement),
    set a little tighter than the agreement so the points and the signature fit together."""
    size, line = 10.5, 5.0
    pdf.add_page()
    pdf.centred(txt.PAKTA_TITLE, 13)
    pdf.ln(5)
    pdf.para("Saya yang bertanda tangan di bawah ini:", size, line)
    pdf.pairs(txt.pakta_intro(pk.pihak_pertama, pk), label_w=42, size=size, line=line)
    pdf.ln(2)
    pdf.para(txt.PAKTA_OPENING, size, line)
    for n, point in enumerate(pk.wording.pakta, start=1):
        pdf.set_font(pdf.font_name, "", size)
        pdf.set_x(pdf.l_margin + 4)
        pdf.cell(8, line, f"{n}.")
        pdf.multi_cell(0, line, pdf.safe(point), align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(0.6)
    _, first = txt.signatures(pk)
    _signatures(pdf, txt.place_date(pk), None, first)


def pdf_bytes(pks: list[PerjanjianKinerja], pakta: bool = False) -> bytes:
    """Every PK in order: agreement, lampiran, and the pakta integritas when asked.

    An unsigned PK (draft, or a perubahan not signed yet) carries a small grey "DRAF" in the
    page header; a signed one carries nothing.
    """
    pdf = PkPDF()
    pdf.set_title("Perjanjian Kinerja")
    pdf.set_lang("id")
    pdf.set_creator("SAKIP")
    for pk in pks:
        pdf.draft = pk.status != "ditandatangani"
        _agreement_page(pdf, pk)
        _lampiran(pdf, pk)
        if pakta:
            _pakta(pdf, pk)
    if not pks:  # a file with no page is no PDF: say why it is empty
        pdf.add_page()
        pdf.para(NO_PK)
    return bytes(pdf.output())
