"""The Rapim report as PDF (fpdf2): cover, leaderboard, top/bottom, charts, Indeks decomposition,
signature block.

The cover names the Pemda (setting `nama_pemda`), every page says "Halaman x dari y" and the
report ends with place, date and the signer (`jabatan_ttd_rapim`, `nama_ttd_rapim`,
`nip_ttd_rapim`; no name: a dotted line to sign on). The fonts are the local DejaVu TTFs
(Debian `fonts-dejavu-core`); without them Helvetica with the symbols spelled out.

Charts are rendered by kaleido with the system Chromium (`BROWSER_PATH`, default
/usr/bin/chromium). Without Chromium, or if rendering fails, the report is still produced and
says in place of each chart why it is missing; a period without data gives a report whose
cover says so. Nothing here raises for those bad states.
"""

from __future__ import annotations

import os
import shutil
import warnings
from datetime import datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from sakip_core import clock
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.fmt import NAMA_BULAN, angka, persen
from sakip_core.rapim import decomposition_text
from sakip_core.reports import rapim_charts as charts
from sakip_core.reports.rapim_tables import (
    RapimReport,
    ReportHeader,
    build,
    from_snapshot,
    gerak_text,
    last_year,
)
from sakip_core.workflow import data_label

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
BULAN = NAMA_BULAN
ROMAWI = {1: "I", 2: "II", 3: "III", 4: "IV"}
HEAD = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=(31, 59, 92))
NO_CHROMIUM = "Grafik tidak disertakan: Chromium tidak ditemukan di server ({path})."
DOTS = "……………………………"
SIGN_WIDTH = 95  # mm, the signature block at the right margin
SIGN_HEIGHT = 62  # mm it needs: place and date, jabatan, room to sign, name, NIP


def chromium_path() -> str | None:
    """The browser kaleido will use, or None when it is not installed."""
    path = os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
    return path if Path(path).exists() or shutil.which(path) else None


def render_png(fig: object, width: int = 1000, height: int = 600) -> bytes:
    """PNG of a plotly figure via kaleido; raises RuntimeError with a readable message."""
    path = chromium_path()
    if path is None:
        raise RuntimeError(NO_CHROMIUM.format(path=os.environ.get("BROWSER_PATH", "chromium")))
    os.environ.setdefault("BROWSER_PATH", path)
    import kaleido
    import plotly.io as pio

    pio.defaults.mathjax = None
    kaleido.start_sync_server(silence_warnings=True)
    try:
        with warnings.catch_warnings():  # "kopts ignored when using a server": expected
            warnings.simplefilter("ignore", UserWarning)
            return pio.to_image(fig, format="png", width=width, height=height, scale=2)
    except Exception as exc:  # kaleido/Chromium failures come in many types
        raise RuntimeError(f"Grafik tidak dapat dibuat: {type(exc).__name__}: {exc}") from exc


class RapimPDF(FPDF):
    def __init__(self, periode: str) -> None:
        super().__init__(orientation="L", unit="mm", format="A4")
        self.periode = periode
        self.font_name = "Helvetica"
        if (FONT_DIR / "DejaVuSans.ttf").exists():
            self.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
            self.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
            self.font_name = "DejaVu"
        self.set_auto_page_break(True, margin=14)
        self.set_margins(12, 12, 12)

    def footer(self) -> None:
        self.set_y(-10)
        self.set_font(self.font_name, "", 8)
        self.set_text_color(90, 90, 90)
        # {nb} is fpdf2's alias for the page count, filled in when the document is closed
        text = f"Laporan Rapim · {self.periode} · Halaman {self.page_no()} dari {{nb}}"
        self.cell(0, 5, self.text_safe(text), align="C")
        self.set_text_color(0, 0, 0)

    def text_safe(self, text: str) -> str:
        if self.font_name == "DejaVu":
            return text
        swap = {"▲": "naik ", "▼": "turun ", "–": "-", "−": "-", "×": "x", "→": "->", "⚠": "!",
                "…": "..."}  # fmt: skip
        for a, b in swap.items():
            text = text.replace(a, b)
        return text.encode("latin-1", "replace").decode("latin-1")

    def heading(self, text: str, size: int = 15) -> None:
        self.set_font(self.font_name, "B", size)
        self.multi_cell(0, 8, self.text_safe(text), new_x="LMARGIN", new_y="NEXT")
        self.ln(1)
        self.set_font(self.font_name, "", 9)

    def para(self, text: str, size: int = 9) -> None:
        self.set_font(self.font_name, "", size)
        self.multi_cell(0, 5, self.text_safe(text), new_x="LMARGIN", new_y="NEXT")

    def grid(
        self,
        header: list[str],
        rows: list[list[str]],
        widths: list[float],
        styles: dict[tuple[int, int], FontFace] | None = None,
    ) -> None:
        styles = styles or {}
        self.set_font(self.font_name, "", 9)
        with self.table(
            col_widths=widths,
            headings_style=HEAD,
            line_height=5.5,
            text_align="LEFT",
            repeat_headings=1,
        ) as table:
            r = table.row()
            for h in header:
                r.cell(self.text_safe(h))
            for i, row in enumerate(rows):
                r = table.row()
                for j, value in enumerate(row):
                    r.cell(self.text_safe(value), style=styles.get((i, j)))
        self.ln(3)


def _rgb(hexa: str) -> tuple[int, int, int]:
    hexa = hexa.lstrip("#")
    if len(hexa) == 3:
        hexa = "".join(c * 2 for c in hexa)
    return int(hexa[0:2], 16), int(hexa[2:4], 16), int(hexa[4:6], 16)


def fill_style(hexa: str) -> FontFace | None:
    """Bold text on the band colour, white or dark, whichever contrasts more (WCAG)."""
    try:
        rgb = _rgb(hexa)
    except ValueError:
        return None
    lin = [
        c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb
    ]
    lum = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    text = (27, 36, 49) if lum > 0.179 else (255, 255, 255)
    return FontFace(emphasis="BOLD", color=text, fill_color=rgb)


UP = FontFace(emphasis="BOLD", color=(26, 127, 55))
DOWN = FontFace(emphasis="BOLD", color=(198, 40, 40))
LATE = FontFace(emphasis="BOLD", color=(179, 38, 30), fill_color=(253, 236, 234))


def tanggal(d: datetime) -> str:
    """1 Juli 2025."""
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def _cover(pdf: RapimPDF, rep: RapimReport, dibuat: datetime) -> None:
    pdf.add_page()
    pdf.ln(22)
    pdf.set_font(pdf.font_name, "B", 20)
    pdf.multi_cell(0, 10, pdf.text_safe(rep.kop.nama_pemda.upper()), align="C",
                   new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.set_draw_color(31, 59, 92)
    pdf.set_line_width(0.8)
    pdf.line(pdf.l_margin + 40, pdf.get_y() + 3, pdf.w - pdf.r_margin - 40, pdf.get_y() + 3)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(0, 0, 0)
    pdf.ln(14)
    pdf.set_font(pdf.font_name, "B", 28)
    pdf.cell(0, 14, "Laporan Rapat Pimpinan (Rapim)", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.font_name, "", 18)
    pdf.cell(0, 12, "Peringkat Kinerja OPD – SAKIP", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)
    pdf.set_font(pdf.font_name, "B", 20)
    pdf.cell(0, 12, f"Periode: {pdf.periode}", align="C", new_x="LMARGIN", new_y="NEXT")
    if rep.judul:  # a past Rapim, printed from its snapshot
        pdf.set_font(pdf.font_name, "", 15)
        pdf.multi_cell(0, 9, pdf.text_safe(f"{rep.judul} (potret data saat Rapim dibuka)"),
                       align="C", new_x="LMARGIN", new_y="NEXT")  # fmt: skip
    pdf.set_font(pdf.font_name, "", 13)
    waktu = f"{tanggal(dibuat)}, pukul {dibuat:%H.%M} WIB"
    pdf.cell(0, 10, f"Dicetak {waktu}", align="C", new_x="LMARGIN", new_y="NEXT")
    if not rep.has_data:
        pdf.ln(12)
        pdf.set_font(pdf.font_name, "B", 14)
        pdf.set_text_color(179, 38, 30)
        pdf.multi_cell(
            0,
            9,
            pdf.text_safe(
                "Belum ada data untuk periode ini: tidak ada indikator tingkat OPD atau belum ada "
                "realisasi yang dilaporkan. Tidak ada peringkat yang dapat dicetak."
            ),
            align="C",
        )
        pdf.set_text_color(0, 0, 0)


def _leaderboard(pdf: RapimPDF, rep: RapimReport) -> None:
    pdf.add_page()
    pdf.heading(f"Peringkat kinerja OPD – {pdf.periode}")
    b = rep.board
    rows: list[list[str]] = []
    styles: dict[tuple[int, int], FontFace] = {}
    for i, (r, lalu) in enumerate(zip(b.itertuples(), last_year(b), strict=True)):
        rank = f"={r.peringkat}" if r.seri else str(r.peringkat)
        lapor = "BELUM LAPOR" if r.belum_lapor else f"{r.jumlah_dilaporkan}/{r.jumlah_indikator}"
        rows.append(
            [
                rank,
                r.label,
                angka(r.skor, 2),
                str(r.kategori),
                gerak_text(r.status, r.perubahan),
                angka(lalu, 2) or "–",
                persen(r.kepatuhan, 0),
                lapor,
                data_label(r.status_data, late="–"),
            ]
        )
        band = fill_style(str(r.warna))
        if band is not None:
            styles[(i, 3)] = band
        if r.status in ("naik", "turun"):
            styles[(i, 4)] = UP if r.status == "naik" else DOWN
        if r.belum_lapor:
            styles[(i, 7)] = LATE
    header = ["Peringkat", "OPD", "Skor", "Kategori", "Gerak", "Skor tahun lalu", "Kepatuhan",
              "Laporan", "Data"]  # fmt: skip
    pdf.grid(header, rows, [0.08, 0.25, 0.07, 0.13, 0.06, 0.09, 0.09, 0.11, 0.12], styles)
    pdf.para(
        "=n: peringkat sama (seri). Gerak: dibanding triwulan sebelumnya. Skor tahun lalu: skor "
        "triwulan yang sama tahun sebelumnya (– bila tidak ada). Skor = rata-rata "
        "tertimbang capaian indikator tingkat OPD (dibatasi), belum dilaporkan dihitung 0. "
        "Data: terverifikasi = semua realisasi OPD sudah diverifikasi; sementara = sebagian belum."
    )
    if not rep.perubahan.empty:
        pdf.ln(2)
        pdf.heading("Perubahan sejak Rapim lalu", 12)
        pdf.para("\n".join(rep.perubahan["kalimat"]))


def _kandidat(pdf: RapimPDF, rep: RapimReport) -> None:
    pdf.add_page()
    for title, key in (
        ("Kandidat penghargaan", "penghargaan"),
        ("Perlu pendampingan", "pendampingan"),
    ):
        pdf.heading(title, 13)
        rows = [
            [str(r.peringkat), r.label, angka(r.skor, 2), "\n".join(r.pendorong)]
            for r in rep.kandidat[key].itertuples()
        ]
        if rows:
            pdf.grid(
                ["Peringkat", "OPD", "Skor", "Indikator pendorong"], rows, [0.08, 0.2, 0.08, 0.64]
            )
        else:
            pdf.para("Tidak ada.")
    pdf.para(
        "Indikator pendorong: pengaruh tiap indikator terhadap skor = bobot × (capaian "
        "dibatasi − skor OPD) / jumlah bobot, dalam poin skor."
    )


def _chart(pdf: RapimPDF, fig: object, rows: int) -> None:
    """The figure scaled to the rest of the page. It is drawn 1400 px wide and 18 px per OPD row
    tall (at least 820 px), so every OPD label has its line and stays readable once scaled."""
    height = max(820, 18 * rows + 140)
    fig.update_layout(height=None, title=None)  # type: ignore[attr-defined]
    try:
        png = render_png(fig, 1400, height)
    except RuntimeError as exc:
        pdf.set_text_color(179, 38, 30)
        pdf.para(str(exc), 10)
        pdf.set_text_color(0, 0, 0)
        return
    room = pdf.h - pdf.b_margin - pdf.get_y() - 2
    h = min(room, pdf.epw * height / 1400)
    pdf.image(png, h=h, w=h * 1400 / height, x=pdf.l_margin)


def _indeks(pdf: RapimPDF, rep: RapimReport) -> None:
    pdf.add_page()
    pdf.heading(f"Indeks Kinerja OPD – {pdf.periode}")
    pdf.para("Indeks = Σ bobot × nilai komponen / Σ bobot; komponen tanpa data dihitung 0.")
    rows = [
        [str(r["peringkat"]), str(r["label"]), decomposition_text(r)]
        for _, r in rep.indeks.iterrows()
    ]
    pdf.grid(
        ["Peringkat", "OPD", "Capaian PK + Nilai SAKIP + Progress RB = Indeks"],
        rows,
        [0.09, 0.25, 0.66],
    )


def signature_lines(kop: ReportHeader, dibuat: datetime) -> list[tuple[str, str]]:
    """(style, text) of the signature block, top to bottom; "" is the room to sign in."""
    lines = [("", f"{kop.tempat or DOTS}, {tanggal(dibuat)}"), ("B", kop.jabatan), ("", "")]
    lines.append(("BU", kop.nama) if kop.nama else ("", DOTS))
    lines.append(("", f"NIP. {kop.nip}" if kop.nip else "NIP."))
    return lines


def _signature(pdf: RapimPDF, kop: ReportHeader, dibuat: datetime) -> None:
    """A closing sentence and the block at the right margin, kept whole on one page."""
    if pdf.get_y() + SIGN_HEIGHT + 12 > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.ln(4)
    pdf.para(
        f"Demikian laporan Rapim {pdf.periode} ini disusun sebagai bahan pengambilan keputusan "
        "dalam Rapat Pimpinan.",
        10,
    )
    pdf.ln(4)
    x = pdf.w - pdf.r_margin - SIGN_WIDTH
    for style, text in signature_lines(kop, dibuat):
        pdf.set_x(x)
        pdf.set_font(pdf.font_name, style, 11)  # "U" is drawn by fpdf2, any font
        pdf.multi_cell(SIGN_WIDTH, 6 if text else 24, pdf.text_safe(text), align="C",
                       new_x="LMARGIN", new_y="NEXT")  # fmt: skip


def pdf_bytes(rep: RapimReport, dibuat: datetime | None = None, with_charts: bool = True) -> bytes:
    """The PDF of a collected report."""
    periode = f"Triwulan {ROMAWI[rep.triwulan]} {rep.tahun}"
    pdf = RapimPDF(periode)
    dibuat = dibuat or clock.now()
    _cover(pdf, rep, dibuat)
    if rep.has_data:
        _leaderboard(pdf, rep)
        _kandidat(pdf, rep)
        if with_charts:
            pdf.add_page()
            pdf.heading(f"Skor OPD – {pdf.periode}")
            _chart(pdf, charts.skor_bars(rep.board), len(rep.board))
        _indeks(pdf, rep)
        if with_charts:
            pdf.add_page()
            pdf.heading("Dekomposisi Indeks Kinerja OPD (kontribusi tiap komponen)")
            _chart(pdf, charts.indeks_stack(rep.indeks), len(rep.indeks))
        _signature(pdf, rep.kop, dibuat)  # an empty report (cover only) has nothing to sign
    return bytes(pdf.output())


def rapim_pdf(
    h: Handle, actor: Actor, tahun: int, triwulan: int, bulan: tuple[int, int] | None = None
) -> bytes:
    """The Rapim PDF for (tahun, triwulan); reading roles only (AccessDenied otherwise)."""
    return pdf_bytes(build(h, actor, tahun, triwulan, bulan))


def rapim_pdf_snapshot(h: Handle, actor: Actor, sesi_id: int) -> bytes:
    """The PDF of a past Rapim, from its snapshot."""
    return pdf_bytes(from_snapshot(h, actor, sesi_id))
