"""One entry point for PK documents: PDF or DOCX by the file name (or the bare format)."""

from __future__ import annotations

import os
from pathlib import PurePath

from sakip_core.pk.model import BarisIndikator, PerjanjianKinerja

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
NO_PK = "Tidak ada Perjanjian Kinerja yang dipilih untuk dicetak."
# The lampiran merges a sasaran cell over at most this many indicators, then writes it again:
# fpdf2 keeps a merged cell on one page (an unbounded run could not be placed), Word shows the
# text of a merged cell on one page only, and the reader should see the sasaran on each page.
MAX_MERGED_ROWS = 6


def runs_of_sasaran(pk: PerjanjianKinerja) -> list[tuple[str, list[BarisIndikator]]]:
    """`pk.kelompok_sasaran` cut into pieces of at most MAX_MERGED_ROWS indicators."""
    return [
        (sasaran, lines[start : start + MAX_MERGED_ROWS])
        for sasaran, lines in pk.kelompok_sasaran
        for start in range(0, len(lines), MAX_MERGED_ROWS)
    ]


def document_format(path_or_format: str | os.PathLike[str]) -> str:
    """ "pdf" or "docx" from "pk.pdf", "PK_2026.DOCX", a Path, ".pdf" or "pdf"; else ValueError."""
    name = os.fspath(path_or_format).strip()
    suffix = PurePath(name).suffix.lower().lstrip(".")
    kind = suffix or name.lower().lstrip(".")
    if kind not in MEDIA_TYPES:
        raise ValueError(f"Dokumen PK hanya dapat ditulis sebagai .pdf atau .docx, bukan {name!r}.")
    return kind


def write_document(
    pks: list[PerjanjianKinerja], path_or_format: str | os.PathLike[str], pakta: bool = False
) -> bytes:
    """All `pks` in one file, in order, as the bytes of a PDF or a DOCX; nothing is written to
    disk (the caller saves or serves the bytes, with `MEDIA_TYPES[document_format(...)]`)."""
    kind = document_format(path_or_format)
    if kind == "pdf":
        from sakip_core.pk.document_pdf import pdf_bytes

        return pdf_bytes(pks, pakta)
    from sakip_core.pk.document_docx import docx_bytes

    return docx_bytes(pks, pakta)
