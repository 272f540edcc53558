"""Cached explorer queries for pages/explorer.py.

Cache keys are plain values: the database path, its data version (`ui.data.cached`), the
actor's fields and the filters as a JSON string of their query parameters (never pickled
objects from the URL).
"""

from __future__ import annotations

import json
from datetime import datetime

import pandas as pd

import sakip_core
from sakip_core import explorer as ex
from sakip_core import explorer_charts as ch
from sakip_core.access import narrow
from sakip_core.auth import Actor
from sakip_core.db import Handle
from sakip_core.explorer_detail import IndicatorDetail, indicator_detail
from sakip_core.lkjip import reasons as lkjip_reasons
from sakip_core.lkjip import trend as lkjip_trend
from ui import data


def _params(filters: ex.Filters) -> str:
    return json.dumps(filters.to_params(), sort_keys=True)


def _filters(params: str) -> ex.Filters:
    parsed = json.loads(params)
    return ex.Filters.from_params(parsed, int(parsed["tahun"]), int(parsed["tw"]))


# resource: a hit returns the same frame without unpickling ~150k rows; callers never mutate
# it (every page helper selects or copies first).
@data.cached(max_entries=16, resource=True)
def _indicators(h: Handle, actor: Actor, params: str) -> pd.DataFrame:
    return ex.indicators(h, actor, _filters(params))


def indicators(actor: Actor, filters: ex.Filters) -> pd.DataFrame:
    return _indicators(actor, _params(filters))


@data.cached()
def _options(h: Handle, actor: Actor, tahun: int) -> dict[str, list[str]]:
    return ex.options(h, actor, tahun)


def options(actor: Actor, tahun: int) -> dict[str, list[str]]:
    return _options(actor, int(tahun))


@data.cached()
def opd_names(h: Handle) -> dict[str, str]:
    return ex.opd_names(h)


@data.cached()
def _bands(h: Handle) -> pd.DataFrame:
    return ch.bands(h)


def distribution(actor: Actor, filters: ex.Filters) -> pd.DataFrame:
    """Aggregated from the cached indicator table (no second capaian query)."""
    return ch.distribution_from(indicators(actor, filters), _bands())


def per_sasaran(actor: Actor, filters: ex.Filters) -> pd.DataFrame:
    return ch.per_sasaran_from(indicators(actor, filters), _bands())


def opd_trend(actor: Actor, filters: ex.Filters, periods: list[tuple[int, int]]) -> pd.DataFrame:
    """Per-period rankings come from the shared cache of ui.data (the Beranda uses them too)."""
    rankings = {p: data.ranking_detail(*p) for p in periods}
    return ch.trend_frame(rankings, narrow(actor, list(filters.opd) or None))


@data.cached(max_entries=32)
def _cascade(h: Handle, actor: Actor, tahun: int, triwulan: int, root: str) -> pd.DataFrame:
    return ch.cascade(h, actor, tahun, triwulan, root)


def cascade(actor: Actor, tahun: int, triwulan: int, root: str) -> pd.DataFrame:
    return _cascade(actor, int(tahun), int(triwulan), root)


@data.cached(max_entries=16)
def _completeness(h: Handle, actor: Actor, params: str, today: str) -> pd.DataFrame:
    return ch.completeness(h, actor, _filters(params), datetime.fromisoformat(today))


def completeness(actor: Actor, filters: ex.Filters) -> pd.DataFrame:
    """Cached per hour of the wall clock (days late change at most once a day)."""
    return _completeness(actor, _params(filters), data.this_hour())


@data.cached(max_entries=16)
def _missing_reasons(
    h: Handle, actor: Actor, tahun: int, triwulan: int, opds: tuple
) -> pd.DataFrame:
    return lkjip_reasons.missing_reasons(h, actor, tahun, triwulan, list(opds))


def missing_reasons(actor: Actor, filters: ex.Filters, shown: pd.DataFrame) -> pd.DataFrame:
    """Indicators of the filtered table below Tinggi without a faktor penghambat."""
    opds = tuple(sorted(shown["kode_opd"].astype(str).unique()))
    df = _missing_reasons(actor, int(filters.tahun), int(filters.triwulan), opds)
    df = df[df["kode_indikator"].isin(shown["kode_indikator"])]
    names = shown.drop_duplicates("kode_opd").set_index("kode_opd")["nama_opd"]
    out = df.assign(nama_opd=df["kode_opd"].map(names))
    return out[["kode_opd", "nama_opd", "kode_indikator", "indikator", "capaian"]].reset_index(
        drop=True
    )


@data.cached(max_entries=16)
def _budget(h: Handle, tahun: int, triwulan: int) -> pd.DataFrame:
    return sakip_core.budget_vs_performance(h, tahun, triwulan)


def budget(tahun: int, triwulan: int) -> pd.DataFrame:
    return _budget(int(tahun), int(triwulan))


@data.cached(max_entries=32)
def _detail(h: Handle, actor: Actor, tahun: int, kode: str, triwulan: int) -> IndicatorDetail:
    return indicator_detail(h, actor, tahun, kode, triwulan)


def detail(actor: Actor, tahun: int, kode: str, triwulan: int) -> IndicatorDetail:
    return _detail(actor, int(tahun), kode, int(triwulan))


@data.cached()
def indicator_trend(
    h: Handle, actor: Actor, tahun: int, kode_opd: str, kode: str
) -> tuple[pd.DataFrame, dict]:
    return lkjip_trend.indicator_trend(h, actor, tahun, kode_opd, kode)
