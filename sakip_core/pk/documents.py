"""One entry point for PK documents: PDF or DOCX by name."""

from __future__ import annotations

from sakip_core.pk.model import PerjanjianKinerja

MEDIA_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def write_document(pks: list[PerjanjianKinerja], fmt: str, pakta: bool = False) -> bytes:
    """All `pks` in one file; `fmt` is "pdf" or "docx" (or a file name ending so)."""
    kind = fmt.lower().rsplit(".", 1)[-1]
    if kind == "pdf":
        from sakip_core.pk.document_pdf import pdf_bytes

        return pdf_bytes(pks, pakta)
    if kind == "docx":
        from sakip_core.pk.document_docx import docx_bytes

        return docx_bytes(pks, pakta)
    raise ValueError(f"Format dokumen harus pdf atau docx, bukan {fmt!r}.")
