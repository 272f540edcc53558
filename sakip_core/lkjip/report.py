"""Everything an LKjIP chapter III document shows, read once: the unit, the yearly results,
the budget, and the sentences built from the numbers (`narrative`)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.io.schema import PEMDA
from sakip_core.lkjip.budget import program_budget
from sakip_core.lkjip.reasons import tinggi_bound
from sakip_core.lkjip.results import yearly_detail
from sakip_core.settings import bands, get_setting


@dataclass(frozen=True)
class LkjipReport:
    tahun: int
    unit: str
    nama_unit: str
    nama_pemda: str
    hasil: pd.DataFrame  # yearly_detail rows
    anggaran: pd.DataFrame  # program_budget rows
    skala: list[tuple[float, str, str]]  # (batas_bawah, label, warna), highest first

    @property
    def is_pemda(self) -> bool:
        return self.unit == PEMDA

    batas_tinggi: float  # below it a reason is due (lkjip.reasons.tinggi_bound)


def unit_name(handle: Handle, unit: str) -> str:
    if unit == PEMDA:
        return str(get_setting(handle, "nama_pemda"))
    df = handle.query_df("SELECT nama_opd FROM opd WHERE kode_opd = ?", [unit])
    return str(df["nama_opd"].iloc[0]) if len(df) else unit


def lkjip_report(handle: Handle, actor: Actor, tahun: int, unit: str) -> LkjipReport:
    hasil = yearly_detail(handle, actor, tahun, unit)
    skala = sorted(((b.batas_bawah, b.label, b.warna) for b in bands(handle)), reverse=True)
    return LkjipReport(
        tahun=int(tahun),
        unit=unit,
        nama_unit=unit_name(handle, unit),
        nama_pemda=str(get_setting(handle, "nama_pemda")),
        hasil=hasil,
        anggaran=program_budget(handle, actor, tahun, unit),
        skala=skala,
        batas_tinggi=tinggi_bound(handle),
    )
