"""The words of a PK document, shared by the PDF and DOCX writers so both say the same.

Layout of the PermenPAN-RB 53/2014 form: header (Pemda, OPD), title, the statement with both
parties, the promise, place and date, signatures (pihak kedua left, pihak pertama right); then
the lampiran with the indicator table and the program/anggaran table, signed again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sakip_core.fmt import NAMA_BULAN, rupiah
from sakip_core.pk.model import PerjanjianKinerja, Pihak

DOTS = "……………………………"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(text: str) -> str:
    """Text without control characters (Word's XML refuses them; they print as nothing)."""
    return _CONTROL.sub("", text)


@dataclass(frozen=True)
class Signature:
    role: str  # "PIHAK KEDUA," / "PIHAK PERTAMA,"
    jabatan: str
    nama: str
    pangkat: str
    nip: str


def header_lines(pk: PerjanjianKinerja) -> list[str]:
    lines = [pk.nama_pemda.upper()]
    if pk.nama_opd:
        lines.append(pk.nama_opd.upper())
    return lines


def party_block(p: Pihak) -> list[tuple[str, str]]:
    """("Nama", …), ("Jabatan", …) of one party (a vacant post prints a dotted line)."""
    return [("Nama", p.nama_pejabat or DOTS), ("Jabatan", p.jabatan_tertulis)]


def designation(which: str) -> str:
    if which == "kedua":
        return "selaku atasan langsung pihak pertama, selanjutnya disebut pihak kedua."
    return "selanjutnya disebut pihak pertama."


def promise_paragraphs(pk: PerjanjianKinerja) -> list[str]:
    """The standard sentences; the supervisi sentence only when there is a pihak kedua."""
    w = pk.wording
    out = [w.janji, w.tanggung_jawab]
    if pk.pihak_kedua is not None:
        out.append(w.supervisi)
    return out


def place_date(pk: PerjanjianKinerja) -> str:
    place = pk.tempat.strip() or DOTS
    if pk.tanggal is None:
        return f"{place}, {DOTS} {pk.tahun}"
    d = pk.tanggal
    return f"{place}, {d.day} {NAMA_BULAN[d.month - 1]} {d.year}"


def signature(p: Pihak | None, role: str) -> Signature | None:
    if p is None:
        return None
    return Signature(
        role=role,
        jabatan=p.jabatan_tertulis,
        nama=p.nama_pejabat or DOTS,
        pangkat=p.pangkat or "",
        nip=f"NIP. {p.nip_tertulis}" if p.nip else "",
    )


def signatures(pk: PerjanjianKinerja) -> tuple[Signature | None, Signature]:
    """(left: pihak kedua or None, right: pihak pertama)."""
    first = signature(pk.pihak_pertama, "PIHAK PERTAMA,")
    assert first is not None
    return signature(pk.pihak_kedua, "PIHAK KEDUA,"), first


def lampiran_title(pk: PerjanjianKinerja) -> list[str]:
    unit = pk.nama_opd.upper() if pk.nama_opd else pk.nama_pemda.upper()
    return [f"LAMPIRAN {pk.judul}", pk.pihak_pertama.jabatan_tertulis.upper(), unit]


INDICATOR_HEAD = ["No", "Sasaran", "Indikator Kinerja", "Target"]
PROGRAM_HEAD = ["No", "Program", "Anggaran", "Keterangan"]
NO_PROGRAM = "Tidak ada program dengan anggaran pada PK ini."


def indicator_rows(pk: PerjanjianKinerja) -> list[list[str]]:
    """One row per indicator; a sasaran equal to the row above is left blank (one group)."""
    rows, last = [], None
    for line in pk.indikator:
        target = f"{line.target_teks} {line.satuan}".strip() if line.target_teks else "-"
        rows.append([str(line.no), "" if line.sasaran == last else line.sasaran,
                     line.indikator, target])  # fmt: skip
        last = line.sasaran
    return rows


def program_rows(pk: PerjanjianKinerja) -> list[list[str]]:
    rows = [
        [str(p.no), p.program, rupiah_spaced(p.anggaran), "APBD" if p.anggaran else ""]
        for p in pk.program
    ]
    if rows:
        rows.append(["", "Jumlah", rupiah_spaced(pk.total_anggaran), ""])
    return rows


def rupiah_spaced(x: float | None) -> str:
    """Rp 1.234.567 (the form writes a space after Rp)."""
    text = rupiah(x)
    return text.replace("Rp", "Rp ", 1) if text else "-"


def pakta_intro(p: Pihak, pk: PerjanjianKinerja) -> list[tuple[str, str]]:
    return [
        ("Nama", p.nama_pejabat or DOTS),
        ("NIP", p.nip_tertulis or "-"),
        ("Pangkat/Golongan", p.pangkat or "-"),
        ("Jabatan", p.jabatan_tertulis),
        ("Instansi", pk.nama_opd or pk.nama_pemda),
    ]


PAKTA_TITLE = "PAKTA INTEGRITAS"
PAKTA_OPENING = "Dengan ini menyatakan bahwa saya:"
