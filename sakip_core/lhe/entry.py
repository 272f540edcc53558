"""A recommendation entered in the app (admin): checked by the very rules of an `lhe` file and
written as a one-row `lhe` batch, so a revision supersedes the row and keeps the old one in
`lhe_riwayat` exactly as a re-upload would."""

from __future__ import annotations

import io
from dataclasses import asdict, dataclass
from datetime import date

import pandas as pd

from sakip_core.access import ADMIN, require_role
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.io.importer import import_upload
from sakip_core.io.schema import DATASETS
from sakip_core.io.templates import write_template_csv
from sakip_core.io.writer import BatchResult
from sakip_core.lhe.follow_up import LheError

ENTRY_FILE = "isian di aplikasi.csv"


@dataclass(frozen=True)
class Recommendation:
    tahun: int
    kode_unit: str
    kode_rekomendasi: str
    komponen: str
    rekomendasi: str
    batas_waktu: date
    penanggung_jawab: str | None = None


def add_recommendation(h: Handle, actor: Actor, rec: Recommendation) -> BatchResult:
    """Add or revise one recommendation; a refusal names the field and what is wrong."""
    require_role(actor, ADMIN)
    row = {**asdict(rec), "batas_waktu": f"{rec.batas_waktu:%d-%m-%Y}"}
    buffer = io.StringIO()
    write_template_csv(pd.DataFrame([row], columns=DATASETS["lhe"].names), buffer)
    result = import_upload(h, "lhe", buffer.getvalue().encode("utf-8"), ENTRY_FILE, actor)
    if result.batch is None:  # one row: say the field, not "baris 2"
        raise LheError("; ".join(f"{p.kolom or 'isian'}: {p.pesan}" for p in result.check.problems))
    return result.batch
