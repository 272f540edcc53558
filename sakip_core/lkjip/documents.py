"""The LKjIP files, for the page and the command line alike: chapter III as DOCX or Excel, the
Renja evaluation form as Excel."""

from __future__ import annotations

from pathlib import Path

from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.export import require_folder, write_output
from sakip_core.io.schema import PEMDA
from sakip_core.lkjip import document_docx, excel
from sakip_core.lkjip.renja import renja_budget, renja_indicators, renstra_start
from sakip_core.lkjip.renja_excel import renja_xlsx
from sakip_core.lkjip.report import lkjip_report, unit_name
from sakip_core.reports.rapim_excel import ROMAWI
from sakip_core.settings import get_setting

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DocumentError(ValueError):
    """A document that cannot be made as asked (said in Bahasa Indonesia)."""


def chapter3_docx(handle: Handle, actor: Actor, tahun: int, unit: str, chart: bool = True) -> bytes:
    return document_docx.docx_bytes(lkjip_report(handle, actor, tahun, unit), chart)


def chapter3_xlsx(handle: Handle, actor: Actor, tahun: int, unit: str) -> bytes:
    return excel.xlsx_bytes(lkjip_report(handle, actor, tahun, unit))


def renja_form(handle: Handle, actor: Actor, tahun: int, triwulan: int, unit: str) -> bytes:
    if unit == PEMDA:
        raise DocumentError("Evaluasi Renja disusun per OPD; pilih sebuah OPD, bukan PEMDA.")
    rows = renja_indicators(handle, actor, tahun, triwulan, unit)
    budget = renja_budget(handle, actor, tahun, triwulan, unit, renstra_start(handle, unit, tahun))
    name = unit_name(handle, unit)
    title = [
        "EVALUASI TERHADAP HASIL RENJA PERANGKAT DAERAH",
        f"{name.upper()} — {get_setting(handle, 'nama_pemda')}",
        f"Periode pelaksanaan: Triwulan {ROMAWI[int(triwulan)]} Tahun {tahun}",
    ]
    return renja_xlsx(rows, budget, title, name)


def write_lkjip_document(handle: Handle, actor: Actor, tahun: int, unit: str, jenis: str,
                         path: Path, triwulan: int | None = None) -> Path:  # fmt: skip
    suffix = path.suffix.lower()
    require_folder(path)
    if jenis == "renja":
        if triwulan is None:
            raise DocumentError("Evaluasi Renja memerlukan --triwulan 1..4.")
        if suffix != ".xlsx":
            raise DocumentError("Evaluasi Renja ditulis sebagai .xlsx.")
        data = renja_form(handle, actor, tahun, triwulan, unit)
    elif suffix == ".docx":
        data = chapter3_docx(handle, actor, tahun, unit)
    elif suffix == ".xlsx":
        data = chapter3_xlsx(handle, actor, tahun, unit)
    else:
        raise DocumentError("Nama berkas harus berakhiran .docx atau .xlsx.")
    return write_output(path, data)
