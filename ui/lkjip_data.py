"""Cached reads of the Laporan Kinerja page (keyed on the data version, as every page read)."""

from __future__ import annotations

import pandas as pd

from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.lkjip import documents
from sakip_core.lkjip.budget import program_budget
from sakip_core.lkjip.results import yearly_detail
from ui import data


@data.cached()
def results(h: Handle, actor: Actor, tahun: int, unit: str) -> pd.DataFrame:
    return yearly_detail(h, actor, tahun, unit)


@data.cached()
def budget(h: Handle, actor: Actor, tahun: int, unit: str) -> pd.DataFrame:
    return program_budget(h, actor, tahun, unit)


def docx(h: Handle, actor: Actor, tahun: int, unit: str) -> bytes:
    return documents.chapter3_docx(h, actor, tahun, unit)


def xlsx(h: Handle, actor: Actor, tahun: int, unit: str) -> bytes:
    return documents.chapter3_xlsx(h, actor, tahun, unit)


def renja(h: Handle, actor: Actor, tahun: int, triwulan: int, unit: str) -> bytes:
    return documents.renja_form(h, actor, tahun, triwulan, unit)
