"""Bench: the PK of every kepala OPD of the demo in one file (issue 12; target < 10 s each)."""

from __future__ import annotations

import time
from pathlib import Path

import sakip_core as sk
from sakip_core.auth import Actor
from sakip_core.demo import build_demo

ADMIN = Actor("sistem", "admin")


def demo_database(folder: Path) -> Path:
    path = folder / "demo.duckdb"
    if not path.exists():
        build_demo(path).close()
    return path


def pk_documents(db: str) -> dict[str, object]:
    """Seconds to read and write the 44 kepala OPD PKs as one PDF and as one DOCX."""
    from sakip_core.pk.agreement import documents_for
    from sakip_core.pk.documents import write_document
    from sakip_core.pk.jabatan import heads

    h = sk.connect(db, hold_seconds=0)
    out: dict[str, object] = {}
    for fmt in ("pdf", "docx"):
        start = time.perf_counter()
        codes = list(heads(h)["kode_jabatan"])
        pks = documents_for(h, ADMIN, 2026, codes)
        data = write_document(pks, fmt, pakta=True)
        out[f"{fmt}_s"] = time.perf_counter() - start
        out[f"{fmt}_kb"] = len(data) / 1024
    out["jumlah_pk"] = len(codes)
    return out


def lkjip_documents(db: str) -> dict[str, object]:
    """Seconds to write the LKjIP chapter III DOCX (with its chart) of the Pemda and of every
    demo OPD, one file each (issue 13)."""
    from sakip_core.lkjip.documents import chapter3_docx

    h = sk.connect(db, hold_seconds=0)
    units = ["PEMDA", *h.query_df("SELECT kode_opd FROM opd ORDER BY 1")["kode_opd"]]
    start, size = time.perf_counter(), 0
    for unit in units:
        size += len(chapter3_docx(h, ADMIN, 2025, unit))
    total = time.perf_counter() - start
    return {"jumlah": len(units), "total_s": total, "per_dokumen_s": total / len(units),
            "total_kb": size / 1024}  # fmt: skip
